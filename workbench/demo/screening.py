"""Demo step: criteria, blinded dual screening, conflict resolution, full texts, charting, PRISMA-ScR.

Uses the records the ``records`` step imported and de-duplicated from ``corpora/review/`` and the
reference labels in ``corpora/review/labels.csv`` (mapped to records through ``truth.csv``). The
screeners "sara" and "jonas" decide independently, each deviating from the reference now and then
(about 10 % disagreement); "mette" resolves the conflicts as third reviewer. Full texts whose
reference reason is "full text not available" are marked not retrieved; other exclusions get the
matching reason from the project's list. Exports land in the project's ``exports/`` folder.
"""

from __future__ import annotations

import csv
import random
import re
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from workbench.db.models import ImportBatch, Record
from workbench.services import charting, screening
from workbench.services.prisma import export_prisma

if TYPE_CHECKING:
    from workbench.demo import DemoContext

SEED = 6
ERROR_RATE = 0.05  # per reviewer and decision → about 10 % of records disagree

CRITERIA = {
    "population": "Personer som søker om eller mottar kommunale helse- og omsorgstjenester (særlig eldre), "
                  "og saksbehandlere, ledere og team som tildeler tjenestene.",
    "concept": "Organisering av tildelingsfunksjonen: tildelings-/forvaltningskontor (bestiller–utfører), "
               "tildelingsteam og -nemnder, integrert tildeling, tillitsmodeller og interkommunalt samarbeid; "
               "hvordan vedtak fattes og hva det betyr for kvalitet, likebehandling og ressursbruk.",
    "context": "Kommunale helse- og omsorgstjenester i Norge og sammenlignbare nordiske/europeiske systemer "
               "(hjemmetjenester, praktisk bistand, korttidsopphold, sykehjem).",
    "include_rules": [
        "Empiriske studier (kvalitative, kvantitative, blandede) eller oversikter om tildeling av kommunale "
        "helse- og omsorgstjenester",
        "Rapporter fra forskningsinstitutter og offentlige utredninger med empirisk innhold",
        "Publisert 2000 eller senere, på norsk, svensk, dansk eller engelsk",
    ],
    "exclude_rules": [
        "Spesialisthelsetjenesten alene, barn og unge, klinisk behandling uten tildelingsaspekt",
        "Systemer uten kommunal tildeling (ikke sammenlignbar kontekst)",
        "Lederartikler, kommentarer og konferansesammendrag uten empiri",
    ],
    "include_keywords": ["tildeling", "forvaltningskontor", "vedtak", "bestiller", "kommune", "hjemmetjeneste",
                         "allocation", "needs assessment", "purchaser", "municipal", "home care", "eligibility"],
    "exclude_keywords": ["barn", "children", "pregnan*", "randomi*", "trial", "cancer", "kreft", "tumour"],
}

REASON_MAP = [  # labels.csv reason (prefix) → project reason
    ("wrong concept", "Feil konsept"),
    ("wrong context", "Feil kontekst"),
    ("wrong population", "Feil populasjon"),
    ("wrong publication type", "Feil publikasjonstype"),
]
NOT_AVAILABLE = "full text not available"


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _labels(review: Path) -> tuple[dict[str, dict[str, str]], dict[tuple[str, int], str], dict[str, str]]:
    with (review / "labels.csv").open(encoding="utf-8", newline="") as fh:
        labels = {row["study_id"]: row for row in csv.DictReader(fh)}
    truth: dict[tuple[str, int], str] = {}
    truth_path = review / "truth.csv"
    if truth_path.exists():
        with truth_path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                truth[(row["file"], int(row["record_no"]))] = row["study_id"]
    by_title = {_norm(row["title"]): sid for sid, row in labels.items()}
    return labels, truth, by_title


def _map_records(ctx: DemoContext, review: Path) -> tuple[dict[int, dict[str, str]], list[int]]:
    """kept record id → its reference label row; and the kept ids in import order."""
    labels, truth, by_title = _labels(review)
    handle = ctx.handle
    with handle.session() as s:
        files = dict(s.execute(select(ImportBatch.id, ImportBatch.filename)
                               .where(ImportBatch.project_id == handle.project_id)).all())
        rows = s.execute(select(Record.id, Record.batch_id, Record.ordinal, Record.title, Record.duplicate_of_id)
                         .where(Record.project_id == handle.project_id)
                         .order_by(Record.batch_id, Record.ordinal)).all()
    kept: list[int] = []
    mapped: dict[int, dict[str, str]] = {}
    for rid, batch_id, ordinal, title, dup in rows:
        if dup is not None:
            continue
        kept.append(rid)
        sid = truth.get((Path(files.get(batch_id or 0, "") or "").name, ordinal + 1)) or by_title.get(_norm(title))
        if sid in labels:
            mapped[rid] = labels[sid]
    return mapped, kept


def _noisy(truth_yes: bool, rng: random.Random) -> str:
    correct = "include" if truth_yes else "exclude"
    if rng.random() >= ERROR_RATE:
        return correct
    if truth_yes:
        return rng.choice(["exclude", "maybe"])
    return rng.choice(["include", "maybe"])


def _reason(label: dict[str, str]) -> str:
    text = (label.get("exclusion_reason") or "").casefold()
    for prefix, reason in REASON_MAP:
        if text.startswith(prefix):
            return reason
    return "Feil konsept"


def _make_pdf(path: Path, title: str, authors: list[str], year: int | None, abstract: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.27, 11.69))
    fig.text(0.08, 0.93, "\n".join(textwrap.wrap(title, 70)), fontsize=14, weight="bold", va="top")
    fig.text(0.08, 0.84, f"{'; '.join(authors[:4])} ({year or 'u.å.'})", fontsize=10, va="top")
    fig.text(0.08, 0.80, "Syntetisk fulltekst for demoen (ikke en ekte publikasjon).", fontsize=9, va="top",
             style="italic")
    fig.text(0.08, 0.76, "\n".join(textwrap.wrap(abstract or "", 95)), fontsize=9, va="top")
    fig.savefig(path)
    plt.close(fig)


def run(ctx: DemoContext) -> None:
    handle = ctx.handle
    review = ctx.corpora / "review"
    mapped, kept = _map_records(ctx, review)
    if not kept:
        ctx.echo("  no records in the project (records step missing); screening skipped")
        return
    rng = random.Random(SEED)
    screening.set_criteria(handle, actor="admin", **CRITERIA)
    screening.exclusion_reasons(handle)  # seed the configured list

    # title/abstract: two blinded screeners, then the third reviewer
    truth_ta = {rid: mapped.get(rid, {}).get("include_title_abstract", "no") == "yes" for rid in kept}
    for reviewer in ("sara", "jonas"):
        items = []
        for rid in kept:
            decision = _noisy(truth_ta[rid], rng)
            note = "usikker på konteksten" if decision == "maybe" else ""
            items.append({"record_id": rid, "decision": decision, "note": note})
        screening.decide_many(handle, reviewer=reviewer, stage="ta", decisions=items)
    ta_conflicts = screening.list_conflicts(handle, stage="ta")
    for c in ta_conflicts:
        screening.resolve(handle, record_id=c.record_id, stage="ta", resolver="mette",
                          decision="include" if truth_ta[c.record_id] else "exclude", method="third_reviewer",
                          note="avgjort av tredje leser")

    # full text: not retrieved, PDFs for a couple of records, blinded decisions with reasons
    with handle.session() as s:
        ta_final = screening.finals(s, handle.project_id, screening.TA, screening.reviewers_required(handle))
    sought = [rid for rid in kept if ta_final.get(rid, ("",))[0] in ("include", "maybe")]
    assess = []
    for rid in sought:
        label = mapped.get(rid, {})
        if (label.get("exclusion_reason") or "").casefold().startswith(NOT_AVAILABLE):
            screening.set_retrieval(handle, record_id=rid, retrieved=False, actor="sara",
                                    note="ikke tilgjengelig via biblioteket")
        else:
            assess.append(rid)
    with handle.session() as s:
        pdf_records = [(r.id, r.title, list(r.authors), r.year, r.abstract) for r in (
            s.get(Record, rid) for rid in assess if mapped.get(rid, {}).get("include_full_text") == "yes")
            if r is not None][:2]
    with tempfile.TemporaryDirectory() as tmp:
        for rid, title, authors, year, abstract in pdf_records:
            path = Path(tmp) / f"fulltekst_{rid}.pdf"
            _make_pdf(path, title, authors, year, abstract)
            screening.attach_full_text(handle, record_id=rid, filename=path.name, data=path.read_bytes(),
                                       actor="sara")
    attached = len(pdf_records)
    truth_ft = {rid: mapped.get(rid, {}).get("include_full_text") == "yes" for rid in assess}
    for reviewer in ("sara", "jonas"):
        items = []
        for rid in assess:
            decision = _noisy(truth_ft[rid], rng)
            if decision == "maybe":
                decision = "exclude" if truth_ft[rid] else "include"
            reason = _reason(mapped.get(rid, {})) if decision == "exclude" else ""
            if decision == "exclude" and reviewer == "jonas" and rng.random() < 0.08:
                reason = "Feil kontekst" if reason != "Feil kontekst" else "Feil konsept"
            items.append({"record_id": rid, "decision": decision, "reason": reason})
        screening.decide_many(handle, reviewer=reviewer, stage="ft", decisions=items)
    ft_conflicts = screening.list_conflicts(handle, stage="ft")
    for c in ft_conflicts:
        include = truth_ft[c.record_id]
        screening.resolve(handle, record_id=c.record_id, stage="ft", resolver="mette",
                          decision="include" if include else "exclude",
                          reason="" if include else _reason(mapped.get(c.record_id, {})),
                          method="third_reviewer")

    # charting, prefilled from the abstracts, one value edited by a researcher
    prefilled = charting.prefill(handle, actor="system")
    included = charting.included_ids(handle)
    if included:
        charting.set_values(handle, record_id=included[0], actor="ingrid",
                            values={"funn": "Gjennomgått av Ingrid: se fulltekst for detaljer om tildelingen."})

    exports = handle.root / "exports"
    result = export_prisma(handle, out=exports / "prisma.svg", csv_path=exports / "prisma_counts.csv",
                           actor="admin")
    charting.export_chart(handle, out=exports / "charting.xlsx", actor="admin")
    charting.export_chart(handle, out=exports / "charting.docx", actor="admin")

    kappa = {(r["stage"], r["pair"]): r for r in screening.agreement(handle)}
    ta_k = kappa.get(("title_abstract", "jonas|sara"), {})
    ft_k = kappa.get(("full_text", "jonas|sara"), {})
    counts = result["counts"]
    ctx.data["screening"] = {"included": included, "prisma": counts, "issues": result["issues"]}
    ctx.echo(f"  title/abstract: {len(kept)} records screened by sara and jonas, {len(ta_conflicts)} conflicts "
             f"resolved by mette; κ = {ta_k.get('kappa', float('nan')):.2f}, "
             f"agreement {ta_k.get('agreement', 0):.0%}")
    ctx.echo(f"  full text: {counts['reports_sought']} sought, {counts['reports_not_retrieved']} not retrieved, "
             f"{counts['reports_assessed']} assessed ({attached} PDFs attached), {len(ft_conflicts)} conflicts; "
             f"κ = {ft_k.get('kappa', float('nan')):.2f}")
    ctx.echo(f"  included {counts['included']} sources, {sum(prefilled.values())} charting values prefilled; "
             f"PRISMA issues: {', '.join(i['code'] for i in result['issues']) or 'none'}")
    ctx.echo(f"  wrote {exports / 'prisma.svg'}, prisma.png, prisma_counts.csv, charting.xlsx, charting.docx")
