"""Demo step: import the four database exports in ``corpora/review/``, de-duplicate them, work
through the uncertain pairs, and print pairwise precision/recall against ``truth.csv``.

The uncertain pairs are decided as a careful person would (here: by looking the pair up in
``truth.csv``, which stands in for reading both records side by side); the automatic part is
scored separately so the demo shows what the algorithm did on its own.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from workbench.db.models import ImportBatch, Record
from workbench.domain.dedup import pairwise_scores
from workbench.services import dedup, records

if TYPE_CHECKING:
    from workbench.demo import DemoContext

FILES = [("pubmed.nbib", "PubMed"), ("scopus.ris", "Scopus"), ("norart.bib", "NORART"), ("cinahl.csv", "CINAHL")]


def _truth_groups(review: Path, key_of: dict[tuple[str, int], int]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    with (review / "truth.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rid = key_of.get((row["file"], int(row["record_no"])))
            if rid is not None:
                groups[row["study_id"]].append(str(rid))
    return [g for g in groups.values() if len(g) > 1]


def _groups_now(handle) -> list[list[str]]:  # type: ignore[no-untyped-def]
    with handle.session() as s:
        return [[str(i) for i in (g["kept"], *g["duplicates"])] for g in dedup.list_groups(s, handle.project_id)]


def run(ctx: DemoContext) -> None:
    review = ctx.corpora / "review"
    handle = ctx.handle
    if not review.exists():
        ctx.echo("  corpora/review/ missing; records step skipped")
        return
    for name, source in FILES:
        report = records.import_records(handle, [review / name], source=source, actor="ingrid")
        ctx.echo(f"  imported {name}: {report['records']} records ({source})")
    with handle.session() as s:
        files = dict(s.execute(select(ImportBatch.id, ImportBatch.filename)).all())
        key_of = {(files.get(b or 0, ""), o + 1): rid for rid, b, o in s.execute(
            select(Record.id, Record.batch_id, Record.ordinal))}
    truth = _truth_groups(review, key_of)
    res = dedup.run_dedup(handle, actor="ingrid")
    auto = pairwise_scores(_groups_now(handle), truth)
    ctx.echo(f"  de-duplication: {res['records']} records, {res['new_auto']} certain pairs merged automatically, "
             f"{res['new_uncertain']} uncertain pairs for review")
    ctx.echo(f"  automatic merges vs truth.csv: precision {auto['precision']:.3f}, recall {auto['recall']:.3f} "
             f"(TP {auto['tp']}, FP {auto['fp']}, FN {auto['fn']})")
    same_study = {frozenset((a, b)) for g in truth for a in g for b in g if a != b}
    with handle.session() as s:
        pending = dedup.list_pairs(s, handle.project_id, status="uncertain")
        merged = kept = 0
        for pair in pending:
            is_dup = frozenset((str(pair["a"]["id"]), str(pair["b"]["id"]))) in same_study
            dedup.decide_pair(s, handle.project_id, pair["id"], decision="merge" if is_dup else "separate",
                              actor="lars")
            merged += is_dup
            kept += not is_dup
    final = pairwise_scores(_groups_now(handle), truth)
    with handle.session() as s:
        counts = records.count_records(s, handle.project_id)
    ctx.echo(f"  review list: {merged} pairs merged, {kept} kept apart by lars")
    ctx.echo(f"  after review: precision {final['precision']:.3f}, recall {final['recall']:.3f}; "
             f"{counts['duplicates']} duplicates removed, {counts['unique']} unique records to screen")
    ctx.data["records"] = {"auto": auto, "final": final, **counts}
