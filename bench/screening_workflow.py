"""Latency of the screening workflow services on a large project (SQLite, temp folder).

N records (default 20,000), two reviewers who have decided all of them at title/abstract, one in
ten disagreeing; prints the time of the calls the screening page and the CLI make.

    .venv/bin/python bench/screening_workflow.py [--records 20000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from workbench.db.models import ImportBatch, Record, ScreeningDecision
from workbench.services import screening, users
from workbench.services.prisma import export_prisma, prisma_counts
from workbench.services.project import init_project


def timed(label: str, fn, repeat: int = 1):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(repeat):
        out = fn()
    ms = (time.perf_counter() - start) / repeat * 1000
    print(f"{label:<48} {ms:9.1f} ms")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        handle = init_project(Path(tmp) / "p", admin_password="x")
        with handle.session() as s:
            ids = {u: users.add_user(s, username=u, role="screener").id for u in ("sara", "jonas", "per")}
            users.add_user(s, username="mette", role="researcher")
            batch = ImportBatch(project_id=handle.project_id, source_name="PubMed", content_hash="b",
                                n_items=args.records)
            s.add(batch)
            s.flush()
            s.add_all([Record(project_id=handle.project_id, batch_id=batch.id, ordinal=i,
                              title=f"Tildeling av hjemmetjenester studie {i}",
                              abstract="Vi undersøkte vedtak om tjenester i kommuner. " * 5) for i in range(args.records)])
        with handle.session() as s:
            rids = [r for (r,) in s.query(Record.id).order_by(Record.id)]
            rows = []
            for rid in rids[:-50]:  # the last 50 stay open for the timed decisions
                a = "include" if rng.random() < 0.1 else "exclude"
                b = a if rng.random() < 0.9 else ("exclude" if a == "include" else "include")
                rows.append(ScreeningDecision(record_id=rid, stage="title_abstract", reviewer_id=ids["sara"], decision=a))
                rows.append(ScreeningDecision(record_id=rid, stage="title_abstract", reviewer_id=ids["jonas"], decision=b))
            s.add_all(rows)
        print(f"records: {args.records}, decisions: {len(rows)}")
        open_ids = rids[-50:]
        it = iter(open_ids)
        timed("decide (one decision, own transaction)", lambda: screening.decide(
            handle, record_id=next(it), reviewer="sara", stage="ta", decision="include"), repeat=20)
        timed("queue (import order)", lambda: screening.queue(handle, reviewer="jonas", stage="ta", order="import"))
        timed("queue (prioritised, first call)", lambda: screening.queue(handle, reviewer="jonas", stage="ta"))
        timed("queue (prioritised, warm)", lambda: screening.queue(handle, reviewer="jonas", stage="ta"))
        timed("screening_item (record + criteria + blinding)", lambda: screening.screening_item(
            handle, record_id=open_ids[-1], stage="ta", viewer="jonas"), repeat=20)
        conflicts = timed("list_conflicts", lambda: screening.list_conflicts(handle, stage="ta"))
        timed("progress", lambda: screening.progress(handle, viewer="sara"))
        kappa = timed("agreement (κ per stage and pair)", lambda: screening.agreement(handle))
        timed("prisma_counts", lambda: prisma_counts(handle))
        timed("export_prisma (SVG + PNG + CSV)", lambda: export_prisma(
            handle, out=Path(tmp) / "prisma.svg", csv_path=Path(tmp) / "prisma.csv"))
        print(f"conflicts: {len(conflicts)}, κ title/abstract: {kappa[0]['kappa']:.3f}")
        handle.close()


if __name__ == "__main__":
    main()
