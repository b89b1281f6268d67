"""Shared set-up for the screening tests: records inserted directly, three reviewers."""

from __future__ import annotations

from workbench.db.models import ImportBatch, Record
from workbench.services import screening, users


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


def _both(handle, rid, stage, decision, reason=""):  # type: ignore[no-untyped-def]
    for who in ("sara", "jonas"):
        screening.decide(handle, record_id=rid, reviewer=who, stage=stage, decision=decision, reason=reason)


def build(handle):  # type: ignore[no-untyped-def]
    """12 PubMed + 6 CINAHL records, 3 duplicates; a full flow with one conflict resolved."""
    add_reviewers(handle)
    pub = add_records(handle, [f"PubMed study {i}" for i in range(12)], source="PubMed")
    cin = add_records(handle, [f"CINAHL study {i}" for i in range(6)], source="CINAHL")
    with handle.session() as s:
        for dup, kept in ((cin[0], pub[0]), (cin[1], pub[1]), (pub[11], pub[10])):
            s.get(Record, dup).duplicate_of_id = kept
    kept = [r for r in pub + cin if r not in (cin[0], cin[1], pub[11])]  # 15 records
    # title/abstract: 6 excluded (one via conflict resolution), 8 on to full text, 1 open
    for rid in kept[:5]:
        _both(handle, rid, "ta", "exclude")
    screening.decide(handle, record_id=kept[5], reviewer="sara", stage="ta", decision="include")
    screening.decide(handle, record_id=kept[5], reviewer="jonas", stage="ta", decision="exclude")
    screening.resolve(handle, record_id=kept[5], stage="ta", resolver="mette", decision="exclude")
    for rid in kept[6:13]:
        _both(handle, rid, "ta", "include")
    _both(handle, kept[13], "ta", "maybe")
    screening.decide(handle, record_id=kept[14], reviewer="sara", stage="ta", decision="include")
    sought = kept[6:14]
    # full text: 1 not retrieved, 2 excluded for population, 1 for concept, 3 included, 1 open
    screening.set_retrieval(handle, record_id=sought[0], retrieved=False, actor="sara")
    _both(handle, sought[1], "ft", "exclude", "Feil populasjon")
    _both(handle, sought[2], "ft", "exclude", "Feil populasjon")
    _both(handle, sought[3], "ft", "exclude", "Feil konsept")
    for rid in sought[4:7]:
        _both(handle, rid, "ft", "include")
    return kept, sought
