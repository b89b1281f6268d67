"""Record import, de-duplication with review/undo, and exports on a temporary project."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.db.models import (
    AuditEvent,
    DuplicateLink,
    ImportBatch,
    MergeEvent,
    Record,
    ScreeningDecision,
    User,
)
from workbench.errors import ConflictError, InputError
from workbench.services import dedup, records

DATA = Path(__file__).resolve().parents[1] / "data" / "records"
ALL_FILES = ["scopus.ris", "ovid_medline.ris", "pubmed.nbib", "norart.bib", "endnote.xml", "asreview.csv",
             "idunn.xlsx"]


def _count(handle, model) -> int:  # type: ignore[no-untyped-def]
    with handle.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_import_every_format_one_batch_per_file(project) -> None:  # type: ignore[no-untyped-def]
    report = records.import_records(project, [DATA / f for f in ALL_FILES], actor="ingrid")
    assert [row["records"] for row in report["files"]] == [4, 2, 3, 3, 2, 3, 2]
    assert [row["source"] for row in report["files"]] == [
        "Scopus", "Ovid MEDLINE(R) ALL", "PubMed", "NORART", "Embase", "asreview", "Idunn"]
    with project.session() as s:
        assert records.records_per_source(s, project.project_id)["PubMed"] == 3
        rows = records.list_records(s, project.project_id)
        batches = s.scalars(select(ImportBatch).order_by(ImportBatch.id)).all()
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "records.import")).all()
    assert len(rows) == report["records"] == 19 and len(batches) == 7 and len(events) == 7
    assert rows[0]["title"].startswith("Marketisation") and rows[0]["source"] == "Scopus"
    assert rows[6]["source"] == "PubMed" and rows[6]["pmid"] == "23640982"  # import order kept
    assert all(e.actor == "ingrid" for e in events)


def test_source_option_overrides_guess(project) -> None:  # type: ignore[no-untyped-def]
    report = records.import_records(project, [DATA / "asreview.csv"], source="CINAHL", actor="admin")
    assert report["files"][0]["source"] == "CINAHL"


def test_duplicate_import_is_refused_and_nothing_touched(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records.import_records(project, [DATA / "pubmed.nbib"], actor="admin")
    copy = tmp_path / "pubmed-again.nbib"
    shutil.copy(DATA / "pubmed.nbib", copy)
    before = (_count(project, Record), _count(project, ImportBatch), _count(project, AuditEvent))
    with pytest.raises(ConflictError, match="already imported"):
        records.import_records(project, [DATA / "scopus.ris", copy], actor="admin")
    assert (_count(project, Record), _count(project, ImportBatch), _count(project, AuditEvent)) == before
    with pytest.raises(ConflictError, match="same content"):
        records.import_records(project, [DATA / "scopus.ris", DATA / "scopus.ris"], actor="admin")


def test_malformed_file_aborts_whole_command(project) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        records.import_records(project, [DATA / "scopus.ris", DATA / "malformed" / "unbalanced.bib"])
    assert "unbalanced.bib:6" in str(info.value)
    with pytest.raises(InputError, match="no title column"):
        records.import_records(project, [DATA / "pubmed.nbib", DATA / "malformed" / "no_title.csv"])
    assert _count(project, Record) == 0 and _count(project, ImportBatch) == 0


def _import_overlap(handle) -> dict[str, int]:  # type: ignore[no-untyped-def]
    records.import_records(handle, [DATA / f for f in ("scopus.ris", "ovid_medline.ris", "pubmed.nbib",
                                                      "norart.bib", "endnote.xml")], actor="admin")
    with handle.session() as s:
        return {f"{r.batch_id}:{r.ordinal}": r.id for r in s.scalars(select(Record))}


def test_dedup_run_merges_certain_pairs_keeps_every_record(project) -> None:  # type: ignore[no-untyped-def]
    ids = _import_overlap(project)
    res = dedup.run_dedup(project, actor="lars")
    with project.session() as s:
        groups = dedup.list_groups(s, project.project_id)
        recs = {r.id: r for r in s.scalars(select(Record))}
    members = [sorted([g["kept"], *g["duplicates"]]) for g in groups]
    # "Marketisation..." in Scopus, Ovid and PubMed; "Coordination..." in Ovid, PubMed, EndNote;
    # Tøndel in Scopus and NORART (same DOI); Hansen's abstract in Scopus and NORART
    assert sorted(members) == sorted([
        sorted([ids["1:0"], ids["2:0"], ids["3:0"]]), sorted([ids["2:1"], ids["3:1"], ids["5:0"]]),
        sorted([ids["1:1"], ids["4:0"]]), sorted([ids["1:2"], ids["4:2"]])])
    assert res["duplicates_removed"] == 6 and len(recs) == 14  # nothing deleted
    # the conference abstract of "Coordination..." in another venue is left to a person
    with project.session() as s:
        pending = dedup.list_pairs(s, project.project_id)
        assert s.scalar(select(func.count()).select_from(MergeEvent)) == 6
    assert ids["1:3"] in {p["a"]["id"] for p in pending} | {p["b"]["id"] for p in pending}
    assert s.get(Record, ids["1:3"]).duplicate_of_id is None
    again = dedup.run_dedup(project, actor="lars")  # idempotent
    assert again["new_auto"] == 0 and again["records_changed"] == 0


def test_uncertain_pair_review_merge_and_undo(project) -> None:  # type: ignore[no-untyped-def]
    _import_overlap(project)
    dedup.run_dedup(project, actor="admin")
    with project.session() as s:
        pending = dedup.list_pairs(s, project.project_id)
        assert pending and {"a", "b", "score", "evidence"} <= set(pending[0])
        pid = pending[0]["id"]
        a, b = pending[0]["a"]["id"], pending[0]["b"]["id"]
        dedup.decide_pair(s, project.project_id, pid, decision="merge", actor="ingrid")
    with project.session() as s:
        rec_a, rec_b = s.get(Record, a), s.get(Record, b)
        assert (rec_a.duplicate_of_id or rec_a.id) == (rec_b.duplicate_of_id or rec_b.id)  # one group now
        assert rec_a.duplicate_of_id is not None or rec_b.duplicate_of_id is not None
        dedup.decide_pair(s, project.project_id, pid, decision="separate", actor="ingrid")
    with project.session() as s:
        rec_a, rec_b = s.get(Record, a), s.get(Record, b)
        assert (rec_a.duplicate_of_id or rec_a.id) != (rec_b.duplicate_of_id or rec_b.id)  # apart again
        link = s.get(DuplicateLink, pid)
        assert link.status == "separate" and link.decided_by == "ingrid"
        reasons = [e.reason for e in s.scalars(select(MergeEvent).order_by(MergeEvent.id))]
        assert "pair.merge" in reasons and "pair.separate" in reasons
    dedup.run_dedup(project, actor="admin")  # a later run never overrides a person's decision
    with project.session() as s:
        assert s.get(DuplicateLink, pid).status == "separate"


def test_unmerge_record_takes_it_out_of_its_group(project) -> None:  # type: ignore[no-untyped-def]
    ids = _import_overlap(project)
    dedup.run_dedup(project, actor="admin")
    target = ids["3:0"]  # the PubMed copy of "Marketisation..."
    with project.session() as s:
        res = dedup.unmerge_record(s, project.project_id, target, actor="lars")
    assert res["links_separated"] >= 1
    with project.session() as s:
        assert s.get(Record, target).duplicate_of_id is None
        assert all(target not in [g["kept"], *g["duplicates"]] for g in dedup.list_groups(s, project.project_id))
        with pytest.raises(ConflictError):
            dedup.unmerge_record(s, project.project_id, target, actor="lars")


def _decide(s, record_id: int, user: str, decision: str, *, stage: str = "title_abstract",  # type: ignore[no-untyped-def]
            reason: str = "", note: str = "", resolution: bool = False) -> None:
    uid = s.scalar(select(User.id).where(User.username == user))
    s.add(ScreeningDecision(record_id=record_id, stage=stage, reviewer_id=uid, decision=decision, reason=reason,
                            note=note, is_resolution=resolution))
    s.flush()


def test_export_csv_and_ris_with_final_decisions(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = _import_overlap(project)
    dedup.run_dedup(project, actor="admin")
    agreed, conflict, resolved = ids["1:0"], ids["1:1"], ids["1:3"]
    with project.session() as s:
        _decide(s, agreed, "ingrid", "include", note="klart relevant")
        _decide(s, agreed, "lars", "include")
        _decide(s, agreed, "ingrid", "exclude", stage="full_text", reason="Feil kontekst")
        _decide(s, agreed, "lars", "exclude", stage="full_text", reason="Feil kontekst")
        _decide(s, conflict, "ingrid", "include")
        _decide(s, conflict, "lars", "exclude", reason="Feil populasjon")
        _decide(s, resolved, "ingrid", "include")
        _decide(s, resolved, "lars", "exclude")
        _decide(s, resolved, "admin", "include", resolution=True, note="diskutert")
    out = tmp_path / "out.csv"
    rep = records.export_records(project, fmt="csv", out=out)
    with out.open(encoding="utf-8-sig") as fh:
        rows = {int(r["id"]): r for r in csv.DictReader(fh)}
    assert rep["records"] == len(rows) == 8  # 14 records - 6 merged duplicates
    assert rows[agreed]["ta_decision"] == "include" and rows[agreed]["ft_decision"] == "exclude"
    assert rows[agreed]["ft_reason"] == "Feil kontekst" and "klart relevant" in rows[agreed]["ta_notes"]
    assert rows[agreed]["label_included"] == "0"
    assert rows[conflict]["ta_decision"] == "" and "lars: exclude (Feil populasjon)" in rows[conflict]["ta_reviewers"]
    assert rows[resolved]["ta_decision"] == "include" and rows[resolved]["label_included"] == "1"
    ris_out = tmp_path / "out.ris"
    records.export_records(project, fmt="ris", out=ris_out, include_duplicates=True)
    text = ris_out.read_text(encoding="utf-8")
    assert text.count("TY  - ") == 14 and "LB  - exclude" in text
    assert "N1  - Screening full text: exclude; reason: Feil kontekst" in text
    # the exported RIS reads back with the same titles
    from workbench.io.importers import read_records
    assert len(read_records(ris_out).records) == 14
    with pytest.raises(InputError):
        records.export_records(project, fmt="docx", out=tmp_path / "x.docx")


@pytest.mark.postgres
def test_import_and_dedup_on_postgres(pg_project) -> None:  # type: ignore[no-untyped-def]
    ids = _import_overlap(pg_project)
    res = dedup.run_dedup(pg_project, actor="admin")
    assert res["duplicates_removed"] == 6 and len(ids) == 14
    with pytest.raises(ConflictError):
        records.import_records(pg_project, [DATA / "pubmed.nbib"])
