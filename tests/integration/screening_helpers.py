"""Shared set-up for the screening tests: records inserted directly, three reviewers."""

from __future__ import annotations

from workbench.db.models import ImportBatch, Record
from workbench.services import users


def add_reviewers(handle, names=("sara", "jonas", "mette")):  # type: ignore[no-untyped-def]
    roles = {"sara": "screener", "jonas": "screener", "mette": "researcher"}
    with handle.session() as s:
        for name in names:
            users.add_user(s, username=name, role=roles.get(name, "screener"), password="pw")


def add_records(handle, titles, *, source="PubMed", duplicates=None, n_items=None):  # type: ignore[no-untyped-def]
    """Insert records as one import batch; ``duplicates`` maps a title index to the index it duplicates."""
    duplicates = duplicates or {}
    with handle.session() as s:
        batch = ImportBatch(project_id=handle.project_id, kind="records", source_name=source,
                            filename=f"{source}.ris", fmt="ris", content_hash=f"h-{source}-{len(titles)}",
                            n_items=len(titles) if n_items is None else n_items)
        s.add(batch)
        s.flush()
        recs = []
        for i, title in enumerate(titles):
            rec = Record(project_id=handle.project_id, batch_id=batch.id, ordinal=i, title=title,
                         abstract=f"Abstract of {title}. Tildelingskontoret fatter vedtak om hjemmetjenester.",
                         authors=[f"Author{i}, A."], year=2010 + i % 10, source_db=source)
            s.add(rec)
            recs.append(rec)
        s.flush()
        for i, j in duplicates.items():
            recs[i].duplicate_of_id = recs[j].id
        return [r.id for r in recs]
