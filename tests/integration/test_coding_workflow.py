"""Coding workflow on a temp project: codebook import/refactor, auto-coding, review, manual coding,
memos, retrieval, classifier, and project-level agreement."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.db.models import AuditEvent, Coding, Source, Turn
from workbench.domain.agreement import cohen_kappa, cohen_kappa_table
from workbench.errors import InputError, PermissionDenied, WorkbenchError
from workbench.services import agreement as agreement_service
from workbench.services import cases, coding
from workbench.services import codebooks as cb

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "coding"
CODEBOOK = REPO / "codebooks" / "kvalitet-og-modeller.yaml"


def add_source(handle, path: Path, *, case: str | None = None, status: str = "released") -> int:  # type: ignore[no-untyped-def]
    """A source whose turns are the 'I:'/'IP:' paragraphs of the file (speaker prefix kept in text)."""
    text = path.read_text(encoding="utf-8")
    with handle.session() as s:
        case_id = cases.add_case(s, handle.project_id, name=case, exist_ok=True,
                                 attributes={"size_class": "small" if case == "Granvik" else "large"}).id if case else None
        src = Source(project_id=handle.project_id, case_id=case_id, title=path.stem, content_hash=hashlib.sha256(
            text.encode()).hexdigest(), text=text, word_count=len(text.split()), status=status)
        turns = []
        for i, m in enumerate(re.finditer(r"^(I|IP): .*$", text, flags=re.M)):
            turns.append(Turn(index=i, speaker="Intervjuer" if m.group(1) == "I" else "Informant",
                              start=m.start(), end=m.end()))
        src.turns = turns
        s.add(src)
        s.flush()
        return src.id


@pytest.fixture
def coded_project(project):  # type: ignore[no-untyped-def]
    with project.session() as s:
        cb.import_codebook(s, project.project_id, path=CODEBOOK, actor="admin")
    a = add_source(project, DATA / "intervju_a.txt", case="Granvik")
    b = add_source(project, DATA / "intervju_b.txt", case="Solstad")
    project.ids = (a, b)  # type: ignore[attr-defined]
    return project


def test_autocoding_stores_reviewable_suggestions_once(coded_project) -> None:  # type: ignore[no-untyped-def]
    report = coding.run_autocoding(coded_project, coder="ingrid")
    assert report["sources"] == 2 and report["suggestions"] > 5
    with coded_project.session() as s:
        rows = coding.list_codings(s, coded_project.project_id, coder="ingrid", status="proposed")
    found = {(r.code, r.text.split(":")[0]) for r in rows}
    assert ("M3", "IP") in found and ("Q6", "IP") in found and ("Q4", "IP") in found
    m3 = next(r for r in rows if r.code == "M3")
    assert "forvaltningskontor" in [e.get("term") for e in m3.evidence["terms"]]
    assert all(r.text == r.text.strip() and r.speaker == "Informant" for r in rows)  # interviewer skipped
    assert coding.is_interviewer("Intervjuer 2") and coding.is_interviewer("[I]") and not coding.is_interviewer("IP")
    again = coding.run_autocoding(coded_project, coder="ingrid")
    assert again["suggestions"] == 0 and again["skipped_existing"] == report["suggestions"]
    # lars gets his own suggestions; with the interviewer's turns there are more
    assert coding.run_autocoding(coded_project, coder="lars")["suggestions"] == report["suggestions"]
    assert coding.run_autocoding(coded_project, coder="lars", include_interviewer=True)["suggestions"] > 0


def test_unreleased_sources_are_not_coded(coded_project) -> None:  # type: ignore[no-untyped-def]
    text = "IP: Et vedtak fra forvaltningskontoret.\n"
    with coded_project.session() as s:
        src = Source(project_id=coded_project.project_id, title="ny", content_hash="x" * 64, text=text, status="imported")
        s.add(src)
        s.flush()
        pending = src.id
    report = coding.run_autocoding(coded_project, coder="ingrid")
    with coded_project.session() as s:
        assert not coding.list_codings(s, coded_project.project_id, source_id=pending)
    assert report["sources"] == 2
    with pytest.raises(PermissionDenied, match="released"):
        coding.run_autocoding(coded_project, coder="ingrid", source_ids=[pending])
    with pytest.raises(PermissionDenied):
        with coded_project.session() as s:
            coding.add_coding(s, coded_project.project_id, source_id=pending, code="M3", coder="ingrid", whole_source=True)


def test_accept_reject_are_per_coder_and_audited(coded_project) -> None:  # type: ignore[no-untyped-def]
    coding.run_autocoding(coded_project, coder="ingrid")
    with coded_project.session() as s:
        rows = coding.list_codings(s, coded_project.project_id, coder="ingrid", status="proposed")
        coding.decide_suggestion(s, coded_project.project_id, rows[0].id, accept=True, actor="ingrid")
        coding.decide_suggestion(s, coded_project.project_id, rows[1].id, accept=False, actor="ingrid")
        with pytest.raises(PermissionDenied):
            coding.decide_suggestion(s, coded_project.project_id, rows[2].id, accept=True, actor="lars")
    with coded_project.session() as s:
        assert s.get(Coding, rows[0].id).status == "accepted"
        assert s.get(Coding, rows[1].id).status == "rejected"
        actions = [e.action for e in s.scalars(select(AuditEvent))]
        assert "coding.accept" in actions and "coding.reject" in actions


def test_manual_coding_span_turn_whole_and_bounds(coded_project) -> None:  # type: ignore[no-untyped-def]
    a, _ = coded_project.ids
    with coded_project.session() as s:
        src = s.get(Source, a)
        n = len(src.text)
        span = coding.add_coding(s, coded_project.project_id, source_id=a, code="Q6", coder="ingrid", start=10, end=40)
        turn = coding.add_coding(s, coded_project.project_id, source_id=a, code="M3", coder="ingrid", turn_index=1)
        whole = coding.add_coding(s, coded_project.project_id, source_id=a, code="Q2", coder="lars", whole_source=True)
        assert (span.start, span.end) == (10, 40)
        assert src.text[turn.start:turn.end].startswith("IP: Ja, vi har et eget forvaltningskontor")
        assert (whole.start, whole.end) == (0, n)
        quoted = coding.add_coding(s, coded_project.project_id, source_id=a, code="Q5", coder="ingrid",
                                   quote="laveste  effektive\nomsorgsnivå")
        assert src.text[quoted.start:quoted.end] == "laveste effektive omsorgsnivå"
        with pytest.raises(WorkbenchError, match="not found"):
            coding.add_coding(s, coded_project.project_id, source_id=a, code="Q5", coder="ingrid", quote="finnes ikke")
        for bad in ((-1, 5), (5, n + 1), (20, 20), (30, 10)):
            with pytest.raises(InputError, match="outside"):
                coding.add_coding(s, coded_project.project_id, source_id=a, code="Q6", coder="ingrid",
                                  start=bad[0], end=bad[1])
    with coded_project.session() as s:
        mine = coding.list_codings(s, coded_project.project_id, coder="ingrid")
        assert {r.code for r in mine} == {"Q6", "M3", "Q5"}


def test_memos_on_coding_code_source_keep_history(coded_project) -> None:  # type: ignore[no-untyped-def]
    a, _ = coded_project.ids
    with coded_project.session() as s:
        c = coding.add_coding(s, coded_project.project_id, source_id=a, code="Q3", coder="ingrid", turn_index=5,
                              memo="Pårørende som medbestemmere")
        book = cb.get_codebook(s, coded_project.project_id)
        code_id = cb.get_code(s, book, "Q3").id
        coding.add_memo(s, coded_project.project_id, target_type="code", target_id=code_id, author="lars",
                        text="Grensen mot Q4 er uklar")
        m = coding.add_memo(s, coded_project.project_id, target_type="source", target_id=a, author="ingrid",
                            text="Første versjon")
        coding.update_memo(s, coded_project.project_id, m.id, text="Andre versjon", actor="ingrid")
        with pytest.raises(WorkbenchError):
            coding.add_memo(s, coded_project.project_id, target_type="source", target_id=9999, author="ingrid", text="x")
    with coded_project.session() as s:
        memos = coding.list_memos(s, coded_project.project_id)
        assert {(m["target_type"], m["text"]) for m in memos} >= {("coding", "Pårørende som medbestemmere"),
                                                                  ("code", "Grensen mot Q4 er uklar"),
                                                                  ("source", "Andre versjon")}
        assert next(m for m in memos if m["target_type"] == "coding")["target_id"] == c.id
        upd = [e for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "memo.update"))]
        assert upd[0].payload["previous_text"] == "Første versjon"


def test_retrieval_boolean_attributes_speaker(coded_project) -> None:  # type: ignore[no-untyped-def]
    a, b = coded_project.ids
    with coded_project.session() as s:
        for code, turn in (("M3", 1), ("Q6", 1), ("Q6", 3), ("Q3", 5), ("Q5", 7), ("Q1", 6)):
            coding.add_coding(s, coded_project.project_id, source_id=a, code=code, coder="ingrid", turn_index=turn)
        coding.add_coding(s, coded_project.project_id, source_id=b, code="Q6", coder="lars", turn_index=1)
        pid = coded_project.project_id
        both = coding.retrieve(s, pid, query="M3 AND Q6")
        assert [(r["source_id"], r["start"]) for r in both] == [(a, s.get(Source, a).turns[1].start)]
        either = coding.retrieve(s, pid, query="Q3 OR Q5")
        assert len(either) == 2
        q6_not_m3 = coding.retrieve(s, pid, query="Q6 AND NOT M3")
        assert {(r["source_id"]) for r in q6_not_m3} == {a, b} and len(q6_not_m3) == 2
        assert len(coding.retrieve(s, pid, query="Q6", attributes={"size_class": "small"})) == 2
        assert len(coding.retrieve(s, pid, query="Q6", coders=["lars"])) == 1
        assert {r["speaker"] for r in coding.retrieve(s, pid, query="Q1 OR Q6")} == {"Informant", "Intervjuer"}
        assert len(coding.retrieve(s, pid, query="Q1 OR Q6", speaker="Intervjuer")) == 1
        with pytest.raises(InputError, match="unknown code"):
            coding.retrieve(s, pid, query="Q6 AND X9")


def test_codebook_refactoring_keeps_codings(coded_project) -> None:  # type: ignore[no-untyped-def]
    a, _ = coded_project.ids
    pid = coded_project.project_id
    with coded_project.session() as s:
        ids = [coding.add_coding(s, pid, source_id=a, code=c, coder="ingrid", turn_index=t).id
               for c, t in (("Q6", 3), ("T1", 3), ("T2", 1), ("Q5", 7))]
        book = cb.get_codebook(s, pid)
        v0 = book.version
        cb.rename_code(s, book, key="Q6", new_key="Q6x", new_name="Tilgjengelig og rettferdig")
        cb.move_code(s, book, key="T1", parent="Q6x")
        with pytest.raises(WorkbenchError, match="cycle"):
            cb.move_code(s, book, key="Q6x", parent="T1")
        cb.merge_codes(s, book, source="T2", target="T1")
        cb.split_code(s, book, key="Q5", into=[{"key": "Q5a", "name": "Kostnader", "indicators": ["budsjett"]},
                                               {"key": "Q5b", "name": "Omsorgsnivå", "indicators": ["omsorgsnivå trapp"]}],
                      reassign=True)
    with coded_project.session() as s:
        got = {c.id: c for c in s.scalars(select(Coding).where(Coding.id.in_(ids)))}
        assert len(got) == 4
        keys = {cid: cb.get_code(s, book, "Q6x").id for cid in ids[:1]}
        assert got[ids[0]].code_id == keys[ids[0]]
        assert got[ids[2]].code_id == cb.get_code(s, book, "T1").id  # merged T2 -> T1
        assert got[ids[3]].code_id == cb.get_code(s, book, "Q5a").id  # split by indicator "budsjett"
        assert not cb.get_code(s, book, "T2").active
        views = {v.key: v for v in cb.list_codes(s, book)}
        assert views["T1"].parent == "Q6x" and views["Q5a"].parent == "Q5"
        diff = cb.diff_versions(s, book, old=v0)
        assert "Q6x" in diff["added"] and "Q6" in diff["removed"] and "T2" in diff["removed"]
        assert "Q5a" in diff["added"] and "T1" in diff["changed"]
        actions = {e.action for e in s.scalars(select(AuditEvent))}
        assert {"code.rename", "code.move", "code.merge", "code.split"} <= actions
        # export round-trips through validation
        assert "Q6x" in cb.export_yaml(s, book)


def test_bad_codebooks_load_nothing(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = CODEBOOK.read_text(encoding="utf-8")
    dup = good.replace("  - id: Q2\n", "  - id: Q1\n", 1)
    missing = good.replace("    definition: Tjenester som virker", "    defn: Tjenester som virker", 1)
    cycle = good.replace("  - id: Kvalitet\n    name", "  - id: Kvalitet\n    parent: Q1\n    name", 1)
    for name, text, pattern in (("dup", dup, "code Q1: duplicate id"),
                                ("missing", missing, "code Q1, field (definition|defn)"),
                                ("cycle", cycle, "cycle")):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=pattern) as exc:
            with project.session() as s:
                cb.import_codebook(s, project.project_id, path=path)
        assert str(path) in str(exc.value)
    with project.session() as s:
        assert cb.list_codebooks(s, project.project_id) == []


def test_reimport_updates_and_keeps_codings(coded_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, _ = coded_project.ids
    with coded_project.session() as s:
        cid = coding.add_coding(s, coded_project.project_id, source_id=a, code="M6", coder="ingrid", turn_index=1).id
    text = CODEBOOK.read_text(encoding="utf-8")
    start = text.index("  - id: M6\n")
    end = text.index("  - id: Spenning\n")
    edited = tmp_path / "kb.yaml"
    edited.write_text(text[:start] + text[end:], encoding="utf-8")
    with coded_project.session() as s:
        book = cb.import_codebook(s, coded_project.project_id, path=edited)
        assert book.version == 2
        assert not cb.get_code(s, book, "M6").active
        assert s.get(Coding, cid) is not None
        assert "M6" in cb.diff_versions(s, book, old=1)["removed"]


def test_project_agreement_unit_and_character_level(coded_project) -> None:  # type: ignore[no-untyped-def]
    a, _ = coded_project.ids
    pid = coded_project.project_id
    with coded_project.session() as s:
        src = s.get(Source, a)
        turns = [(t.start, t.end) for t in src.turns]
        n_chars = len(src.text)
        # ingrid: Q6 on turns 1,3 ; lars: Q6 on turns 3,5 (partial span inside turn 5)
        coding.add_coding(s, pid, source_id=a, code="Q6", coder="ingrid", turn_index=1)
        coding.add_coding(s, pid, source_id=a, code="Q6", coder="ingrid", turn_index=3)
        coding.add_coding(s, pid, source_id=a, code="Q6", coder="lars", turn_index=3)
        coding.add_coding(s, pid, source_id=a, code="Q6", coder="lars", start=turns[5][0], end=turns[5][0] + 20)
    result = agreement_service.project_agreement(coded_project, coders=["ingrid", "lars"])
    q6 = next(r for r in result["codes"] if r["code"] == "Q6")
    ingrid_units = [1 if i in (1, 3) else 0 for i in range(len(turns))]
    lars_units = [1 if i in (3, 5) else 0 for i in range(len(turns))]
    assert q6["unit"]["kappa"] == pytest.approx(cohen_kappa(ingrid_units, lars_units), abs=1e-4)
    both = turns[3][1] - turns[3][0]
    only_i = turns[1][1] - turns[1][0]
    only_l = 20
    table = [[n_chars - both - only_i - only_l, only_l], [only_i, both]]
    assert q6["character"]["kappa"] == pytest.approx(cohen_kappa_table(table), abs=1e-4)
    assert q6["character"]["percent"] == pytest.approx((n_chars - only_i - only_l) / n_chars, abs=1e-4)
    dis = [d for d in result["disagreements"] if d["code"] == "Q6"]
    assert {(d["start"], tuple(d["coded_by"])) for d in dis} == {(turns[1][0], ("ingrid",)), (turns[5][0], ("lars",))}
    assert all(d["codings"] for d in dis)


def test_three_coder_agreement_uses_fleiss(coded_project) -> None:  # type: ignore[no-untyped-def]
    from workbench.services import users

    a, _ = coded_project.ids
    with coded_project.session() as s:
        users.add_user(s, username="mette", role="researcher")
        for coder, turns in (("ingrid", (1, 3)), ("lars", (1, 5)), ("mette", (1, 3))):
            for t in turns:
                coding.add_coding(s, coded_project.project_id, source_id=a, code="Q6", coder=coder, turn_index=t)
    result = agreement_service.project_agreement(coded_project, coders=["ingrid", "lars", "mette"])
    q6 = result["codes"][0]
    assert q6["unit"]["kappa_type"] == "fleiss" and q6["character"]["kappa_type"] == "fleiss"
    assert 0 < q6["unit"]["kappa"] < 1
    with pytest.raises(WorkbenchError):
        agreement_service.project_agreement(coded_project, coders=["ingrid"])


def test_classifier_training_reports_holdout_and_reranks(coded_project) -> None:  # type: ignore[no-untyped-def]
    pid = coded_project.project_id
    coding.run_autocoding(coded_project, coder="ingrid")
    with pytest.raises(WorkbenchError, match="too few"):
        coding.train_classifier(coded_project)
    with coded_project.session() as s:
        for r in coding.list_codings(s, pid, coder="ingrid", status="proposed"):
            keep = r.code in ("M3", "Q6", "Q4", "Q7", "Q5", "Q3", "T2")
            coding.decide_suggestion(s, pid, r.id, accept=keep, actor="ingrid")
    coded_project.config.settings["coding_unit"] = "sentence"
    report = coding.train_classifier(coded_project, actor="ingrid")
    assert report["units"] >= 8
    assert "lexicon" in report["holdout"] and "reranked" in report["holdout"]
    with coded_project.session() as s:
        assert coding.classifier_runs(s, pid)[-1]["id"] == report["run"]
    coding.run_autocoding(coded_project, coder="lars")
    with coded_project.session() as s:
        rows = coding.list_codings(s, pid, coder="lars", status="proposed")
    reranked = [r for r in rows if any(e.get("how") == "classifier" for e in r.evidence["terms"])]
    assert reranked and all(r.evidence["classifier_run"] == report["run"] for r in rows)


@pytest.mark.postgres
def test_coding_on_postgres(pg_project) -> None:  # type: ignore[no-untyped-def]
    with pg_project.session() as s:
        cb.import_codebook(s, pg_project.project_id, path=CODEBOOK, actor="admin")
    a = add_source(pg_project, DATA / "intervju_a.txt", case="Granvik")
    add_source(pg_project, DATA / "intervju_b.txt", case="Solstad")
    coding.run_autocoding(pg_project, coder="ingrid")
    with pg_project.session() as s:
        rows = coding.list_codings(s, pg_project.project_id, coder="ingrid", status="proposed")
        coding.decide_suggestions(s, pg_project.project_id, {r.id: r.code in ("M3", "Q6", "Q4") for r in rows},
                                  actor="ingrid")
        coding.add_coding(s, pg_project.project_id, source_id=a, code="Q6", coder="lars", turn_index=3)
        book = cb.get_codebook(s, pg_project.project_id)
        cb.merge_codes(s, book, source="T3", target="T2")
    pg_project.config.settings["coding_unit"] = "sentence"
    report = coding.train_classifier(pg_project, actor="ingrid")
    with pg_project.session() as s:
        assert coding.classifier_runs(s, pg_project.project_id)[0]["id"] == report["run"]
    result = agreement_service.project_agreement(pg_project, coders=["ingrid", "lars"])
    assert any(r["code"] == "Q6" for r in result["codes"])
