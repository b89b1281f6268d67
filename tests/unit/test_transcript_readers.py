"""Transcript readers on real-layout fixtures (tests/data/transcripts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.io.transcripts import read_transcript, read_transcript_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "transcripts"


def speakers(parsed):  # type: ignore[no-untyped-def]
    return [t.speaker for t in parsed.turns]


def test_teams_vtt_merges_split_cues_and_keeps_times() -> None:
    parsed = read_transcript(DATA / "teams.vtt")
    assert speakers(parsed) == ["Marte Solheim", "Kari Nordmann", "Marte Solheim", "Kari Nordmann"]
    second = parsed.turns[1]
    assert second.start_ms == 12310 and second.end_ms == 24660
    assert second.text.startswith("Eh, ja. Altså, vi har et tildelingskontor som fatter alle vedtak om hjemmesykepleie")
    assert "&" in parsed.turns[3].text and "&amp;" not in parsed.turns[3].text
    assert parsed.meta["cues"] == 6


def test_zoom_vtt_speaker_prefix() -> None:
    parsed = read_transcript(DATA / "zoom.vtt")
    assert speakers(parsed) == ["Intervjuer", "Ola Hansen"]
    assert parsed.turns[1].text.endswith("ærlig talt.")
    assert (parsed.turns[1].start_ms, parsed.turns[1].end_ms) == (4500, 12500)


def test_srt_with_comma_timestamps_and_crlf() -> None:
    parsed = read_transcript(DATA / "sample.srt")
    assert speakers(parsed) == ["Intervjuer", "Informant"]
    assert parsed.turns[0].start_ms == 3120
    assert any("CRLF" in w for w in parsed.warnings)


def test_teams_docx_name_timestamp_layout() -> None:
    parsed = read_transcript(DATA / "teams.docx")
    named = [t for t in parsed.turns if t.speaker]
    assert [t.speaker for t in named] == ["Marte Solheim", "Per Olsen", "Marte Solheim", "Per Olsen"]
    assert [t.start_ms for t in named] == [3000, 9000, 75000, 81000]
    assert named[1].text.endswith("korttidsplassene.")  # two paragraphs joined into one turn


def test_typed_docx_and_txt_prefixes() -> None:
    assert speakers(read_transcript(DATA / "typed.docx")) == ["Intervjuer", "Informant 1"] * 2
    parsed = read_transcript(DATA / "typed.txt")
    assert speakers(parsed) == ["", "Intervjuer", "Informant 2", "Intervjuer", "Informant 2"]
    # "Merk:" occurs once: part of the informant's turn, not a speaker
    assert "Merk: dette gjelder ikke BPA-søknadene." in parsed.turns[2].text


def test_cp1252_crlf_is_read_with_warnings() -> None:
    parsed = read_transcript(DATA / "cp1252_crlf.txt")
    assert speakers(parsed) == ["Intervjuer", "IP", "Intervjuer", "IP"]
    assert "på kort tid" in parsed.turns[1].text
    assert any("cp1252" in w for w in parsed.warnings) and any("CRLF" in w for w in parsed.warnings)


def test_otter_name_timestamp_lines() -> None:
    parsed = read_transcript(DATA / "otter.txt")
    assert [(t.speaker, t.start_ms) for t in parsed.turns] == [
        ("Kari Nordmann", 3000), ("Marte Solheim", 15000), ("Kari Nordmann", 17000)]


def test_markdown_field_note_paragraphs() -> None:
    parsed = read_transcript(DATA / "notes.md")
    assert len(parsed.turns) == 3 and all(t.speaker == "" for t in parsed.turns)
    assert parsed.turns[0].text == "Feltnotat, besøk på tildelingskontoret"


def test_pdf_full_text_paragraphs() -> None:
    parsed = read_transcript(DATA / "article.pdf")
    text, _ = parsed.assemble()
    assert parsed.meta["pages"] == 2
    assert "omsorgstjenester" in text  # hyphenated line break joined
    assert "Konklusjon: ingen modell er best i alle sammenhenger." in text


def test_bom_nfc_and_offsets_are_code_points() -> None:
    decomposed = "Intervjuer: Hva med Ålesund?\nInformant: Bla\u0300 og grønn.\n"
    data = b"\xef\xbb\xbf" + "Intervjuer: Sa\u030ag det.\nInformant: Ja.\n".encode()
    parsed = read_transcript_bytes(data, "x.txt")
    text, spans = parsed.assemble()
    assert parsed.turns[0].text == "Såg det."  # NFC: one code point for å
    assert text[spans[0][0]:spans[0][1]] == "Såg det."
    assert any("byte-order mark" in w for w in parsed.warnings)
    assert read_transcript_bytes(decomposed.encode(), "y.txt").turns[1].text == "Blà og grønn."


def test_double_encoded_utf8_is_repaired() -> None:
    mojibake = "Intervjuer: Hvordan gÃ¥r det med sÃ¸knadene?\n".encode()
    parsed = read_transcript_bytes(mojibake, "m.txt")
    assert parsed.turns[0].text == "Hvordan går det med søknadene?"
    assert any("double-encoded" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("malformed_timing.vtt", "timing", 8),
        ("malformed_timing.srt", "timing", 6),
        ("no_header.vtt", "WEBVTT", 1),
        ("empty.txt", "empty", None),
        ("binary.txt", "binary", None),
        ("wrong_encoding.txt", "encoding", 2),
        ("not_really.docx", "not a .docx", None),
    ],
)
def test_bad_files_raise_input_error_naming_file_and_line(name: str, message: str, line: int | None) -> None:
    path = DATA / "bad" / name
    with pytest.raises(InputError) as info:
        read_transcript(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.line == line
