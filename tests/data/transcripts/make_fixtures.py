"""Build the binary fixtures (Teams .docx, typed .docx, PDF full text). Run once; outputs are committed.

    .venv/bin/python tests/data/transcripts/make_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent

TEAMS_TURNS = [
    ("Marte Solheim", "0:03", ["Da er opptaket startet. Kan du si litt om rollen din?"]),
    ("Per Olsen", "0:09", ["Ja, jeg er leder for forvaltningskontoret. Vi fatter vedtak om alle hjemmetjenester,",
                           "og så har vi ansvaret for korttidsplassene."]),
    ("Marte Solheim", "1:15", ["Hvordan sikrer dere likebehandling?"]),
    ("Per Olsen", "00:01:21", ["Vi har skriftlige tildelingskriterier, og vi drøfter vanskelige saker i fellesskap."]),
]


def teams_docx() -> None:
    document = docx.Document()
    document.add_paragraph("Transkripsjon")
    document.add_paragraph("22. november 2026, 10:02")
    for name, ts, paragraphs in TEAMS_TURNS:
        document.add_paragraph(f"{name}   {ts}")
        for text in paragraphs:
            document.add_paragraph(text)
    document.save(HERE / "teams.docx")


def typed_docx() -> None:
    document = docx.Document()
    document.add_paragraph("Intervjuer: Hvordan er samarbeidet med utførerne?")
    document.add_paragraph("Informant 1: Stort sett godt. Men utførerne mener vi gir for lite timer.")
    document.add_paragraph("Intervjuer: Hva gjør dere da?")
    document.add_paragraph("Informant 1: Vi tar en ny kartlegging.")
    document.save(HERE / "typed.docx")


def _pdf_escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def article_pdf() -> None:
    pages = [
        ["Organisering av tildelingstjenester i norske kommuner",
         "Denne artikkelen beskriver hvordan kommunene organiserer tildeling av helse- og omsorgs-",
         "tjenester. Vi sammenligner bestiller-utfører-modellen med integrert tildeling i fire",
         "kommuner av ulik størrelse.",
         "",
         "Metode: kvalitative intervjuer med ledere og saksbehandlere."],
        ["Funn: separate tildelingskontor gir mer like vedtak, men lengre avstand til brukerne.",
         "Små kommuner velger oftere tverrfaglige team som møtes ukentlig.",
         "",
         "Konklusjon: ingen modell er best i alle sammenhenger."],
    ]
    objects: list[bytes] = []
    kids = []
    page_ids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages placeholder
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for lines in pages:
        stream = b"BT /F1 11 Tf 50 780 Td 14 TL " + b" ".join(b"(" + _pdf_escape(ln) + b") '" for ln in lines) + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id))
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    (HERE / "article.pdf").write_bytes(bytes(out))


if __name__ == "__main__":
    teams_docx()
    typed_docx()
    article_pdf()
