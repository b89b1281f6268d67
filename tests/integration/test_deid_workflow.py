"""The project workflow: known identifiers, detection, review, apply (offset remapping), release, key."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.db.models import (
    AuditEvent,
    Code,
    Codebook,
    Coding,
    DeidDetection,
    KnownIdentifierEntry,
    PseudonymAssignment,
    Source,
    Turn,
    User,
)
from workbench.errors import ConflictError, InputError, WorkbenchError
from workbench.services import deid

PASS = "test-passphrase-1"

T1 = ("Hei Kari, takk for at du stiller. Hvordan er tildelingen organisert i Hjelmeland?\n"
      "Jeg heter Kari Nordmann og jobber på Fjordtun omsorgssenter. Ring meg på 912 34 567. "
      "Kristin er den eneste med den kompetansen, og KOSTRA viser det.")
T2 = ("Kan du fortelle om Kristin Berg?\n"
      "Kristins rolle i Hjelmeland kommune er viktig. Fødselsnummer 30108299939. Vi bruker Gerica.")


def _add_source(handle, text: str, speakers: list[str], title: str) -> int:  # type: ignore[no-untyped-def]
    cut = text.index("\n")
    with handle.session() as s:
        src = Source(project_id=handle.project_id, title=title, filename=f"{title}.txt",
                     content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text, status="imported")
        src.turns = [Turn(index=0, speaker=speakers[0], start=0, end=cut),
                     Turn(index=1, speaker=speakers[1], start=cut + 1, end=len(text))]
        s.add(src)
        s.flush()
        return src.id


@pytest.fixture
def two_sources(project):  # type: ignore[no-untyped-def]
    s1 = _add_source(project, T1, ["Ola Hansen", "Kari Nordmann"], "Hjelmeland_1_Kari")
    s2 = _add_source(project, T2, ["Ola Hansen", "Kari Nordmann"], "Hjelmeland_2")
    return project, s1, s2


def test_full_workflow(two_sources) -> None:  # type: ignore[no-untyped-def]
    handle, s1, s2 = two_sources
    deid.add_known(handle, values=["Hjelmeland"], category="municipality", pseudonym="Granvik", passphrase=PASS)
    deid.add_known(handle, values=["Kristin Berg"], category="person", passphrase=PASS)
    deid.add_known(handle, values=["Ola Hansen"], category="interviewer", passphrase=PASS)
    # the database holds no identifier value of the known list
    with handle.session() as s:
        assert len(list(s.scalars(select(KnownIdentifierEntry)))) == 3
    known = deid.list_known(handle, passphrase=PASS)
    assert {k["value"] for k in known} == {"Hjelmeland", "Kristin Berg", "Ola Hansen"}
    assert "value" not in deid.list_known(handle)[0]

    summary = deid.run_detection(handle, passphrase=PASS, use_ner=False)
    assert summary["sources"] == 2 and summary["detections"] >= 8
    with handle.session() as s:
        assert {src.status for src in s.scalars(select(Source))} == {"detected"}
        views = deid.list_detections(s, handle.project_id)
        texts = {v.text for v in views}
        assert {"Kari Nordmann", "Hjelmeland", "912 34 567", "30108299939", "Fjordtun omsorgssenter"} <= texts
        flags = deid.list_flags(s, handle.project_id)
        assert any(f["kind"] == "rare_role" for f in flags)
        # reviewer: add "Gerica" by hand (pretend it were identifying) and reject nothing
        gerica = T2.index("Gerica")
        added = deid.add_detection(s, handle.project_id, s2, start=gerica, end=gerica + 6, label="ORGANIZATION")
        assert len(added) == 1

    # a coding made before apply must follow the text
    with handle.session() as s:
        user = s.scalars(select(User).where(User.username == "ingrid")).one()
        book = Codebook(project_id=handle.project_id, name="cb")
        s.add(book)
        s.flush()
        code = Code(codebook_id=book.id, key="Q2", name="Trygge")
        s.add(code)
        s.flush()
        start = T1.index("Ring meg")
        s.add(Coding(source_id=s1, code_id=code.id, coder_id=user.id, start=start, end=start + len("Ring meg på 912 34 567")))

    with pytest.raises(ConflictError):
        deid.release(handle, passphrase=PASS)  # not reviewed yet
    with handle.session() as s:
        assert deid.accept_all(s, handle.project_id, actor="ingrid") >= 8
    result = deid.release(handle, passphrase=PASS)
    assert sorted(result["released"]) == [s1, s2]
    with handle.session() as s:
        src1, src2 = s.get(Source, s1), s.get(Source, s2)
        assert src1 is not None and src2 is not None
        assert src1.status == src2.status == "released"
        for forbidden in ("Kari", "Nordmann", "Hjelmeland", "912 34 567", "30108299939", "Fjordtun", "Kristin", "Gerica"):
            assert forbidden not in src1.text + src2.text + src1.title + src2.title
        assert "Granvik" in src1.text and "Granvik kommune" in src2.text
        # same person, same pseudonym across sources (speaker and mention)
        assert [t.speaker for t in src1.turns] == ["Intervjuer", "[Informant 1]"]
        assert [t.speaker for t in src2.turns] == ["Intervjuer", "[Informant 1]"]
        assert src1.text.startswith("Hei [Informant 1], takk")
        kristin = [d.pseudonym for d in s.scalars(select(DeidDetection).where(DeidDetection.applied.is_(True)))
                   if d.pseudonym and d.pseudonym.startswith("[Person")]
        assert len(set(p.rstrip("s") for p in kristin)) == 1
        # offsets of turns, codings and detections refer to the new text
        t0, t1 = src1.turns
        assert src1.text[t0.start:t0.end].endswith("organisert i Granvik?")
        assert src1.text[t1.start:t1.end].startswith("Jeg heter [Informant 1]")
        coding = s.scalars(select(Coding)).one()
        assert src1.text[coding.start:coding.end] == "Ring meg på [telefonnummer]"
        for d in s.scalars(select(DeidDetection).where(DeidDetection.applied.is_(True))):
            src = s.get(Source, d.source_id)
            assert src is not None and src.text[d.start:d.end] == d.pseudonym
        # the replacement list holds pseudonyms only
        pseudos = {a.pseudonym for a in s.scalars(select(PseudonymAssignment))}
        assert {"Granvik", "[Informant 1]", "Intervjuer", "[telefonnummer]"} - pseudos == {"[telefonnummer]"}
        # audit events carry counts and labels, never identifiers
        for ev in s.scalars(select(AuditEvent)):
            blob = str(ev.payload)
            assert "Kari" not in blob and "Hjelmeland" not in blob and "Kristin" not in blob
    # nothing identifying in the database file
    db = handle.root / "workbench.db"
    with sqlite3.connect(db) as conn:
        dump = "\n".join(conn.iterdump())
    for forbidden in ("Kari Nordmann", "Hjelmeland", "30108299939", "912 34 567", "Kristin Berg"):
        assert forbidden not in dump
    # the key restores originals and shows the mapping
    data = deid.open_key(handle, PASS)
    assert data.originals[f"source:{s1}"]["text"] == T1
    rows = {r["pseudonym"]: r["originals"] for r in deid.mapping(handle, passphrase=PASS)}
    assert "hjelmeland" in rows["Granvik"]
    # detections cannot be changed after apply
    with handle.session() as s:
        det = s.scalars(select(DeidDetection).where(DeidDetection.applied.is_(True))).first()
        assert det is not None
        with pytest.raises(ConflictError):
            deid.decide(s, handle.project_id, det.id, decision="reject")


def test_reject_applies_to_all_occurrences_and_future_runs(two_sources) -> None:  # type: ignore[no-untyped-def]
    handle, s1, s2 = two_sources
    deid.run_detection(handle, use_ner=False)
    with handle.session() as s:
        views = [v for v in deid.list_detections(s, handle.project_id) if v.text == "Hjelmeland"]
        assert len(views) == 2 and {v.source_id for v in views} == {s1, s2}
        changed = deid.decide(s, handle.project_id, views[0].id, decision="reject")
        assert changed == 2
    deid.run_detection(handle, use_ner=False)  # a re-run keeps the decision and does not re-propose
    with handle.session() as s:
        views = [v for v in deid.list_detections(s, handle.project_id) if v.text == "Hjelmeland"]
        assert {v.status for v in views} == {"rejected"}


def test_manual_add_covers_other_occurrences(two_sources) -> None:  # type: ignore[no-untyped-def]
    handle, s1, s2 = two_sources
    deid.run_detection(handle, use_ner=False)
    with handle.session() as s:
        start = T1.index("tildelingen")
        ids = deid.add_detection(s, handle.project_id, s1, start=start, end=start + len("tildelingen"),
                                 label="ORGANIZATION")
        assert len(ids) == 1
        start = T1.index("Kari Nordmann")
        ids = deid.add_detection(s, handle.project_id, s1, start=start, end=start + 4, label="PERSON")
        # "Kari" also at the start of T1; the overlapping automatic "Kari Nordmann" is superseded
        assert len(ids) == 2
        with pytest.raises(InputError):
            deid.add_detection(s, handle.project_id, s1, start=5, end=2, label="PERSON")
        with pytest.raises(InputError):
            deid.add_detection(s, handle.project_id, s1, start=0, end=3, label="NAME")


def test_passphrase_rules(two_sources) -> None:  # type: ignore[no-untyped-def]
    handle, _s1, _s2 = two_sources
    deid.add_known(handle, values=["Kari Nordmann"], category="participant", passphrase=PASS)
    with pytest.raises(WorkbenchError):
        deid.run_detection(handle, use_ner=False)  # known identifiers need the key
    with pytest.raises(InputError) as err:
        deid.run_detection(handle, passphrase="wrong-passphrase", use_ner=False)
    assert "Kari" not in str(err.value)
    deid.run_detection(handle, passphrase=PASS, use_ner=False)
    with pytest.raises(WorkbenchError):
        deid.apply(handle, passphrase=None)
    with handle.session() as s:
        assert {src.status for src in s.scalars(select(Source))} == {"detected"}


def test_key_export_import(two_sources, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    handle, _s1, _s2 = two_sources
    deid.add_known(handle, values=["Kari Nordmann"], category="participant", passphrase=PASS)
    dest = tmp_path / "backup.key"
    deid.export_key(handle, dest, passphrase=PASS, new_passphrase="another-pass-2")
    with pytest.raises(ConflictError):
        deid.export_key(handle, dest, passphrase=PASS)
    with pytest.raises(InputError):
        deid.import_key(handle, dest, passphrase=PASS)  # it was re-encrypted
    with pytest.raises(ConflictError):
        deid.import_key(handle, dest, passphrase="another-pass-2")
    deid.import_key(handle, dest, passphrase="another-pass-2", new_passphrase=PASS, replace=True)
    assert deid.open_key(handle, PASS).known[0]["value"] == "Kari Nordmann"
    assert deid.key_path(handle).with_suffix(".key.bak").exists()


def test_key_dir_from_environment(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WORKBENCH_KEY_DIR", str(tmp_path / "elsewhere"))
    deid.add_known(project, values=["Kari Nordmann"], passphrase=PASS)
    assert (tmp_path / "elsewhere" / "deid.key").exists()
    assert not (project.root / "keys" / "deid.key").exists()


@pytest.mark.postgres
def test_workflow_on_postgres(pg_project) -> None:  # type: ignore[no-untyped-def]
    s1 = _add_source(pg_project, T1, ["Ola Hansen", "Kari Nordmann"], "t1")
    deid.run_detection(pg_project, use_ner=False)
    result = deid.release(pg_project, passphrase=PASS, accept_pending=True)
    assert result["released"] == [s1]
    with pg_project.session() as s:
        src = s.get(Source, s1)
        assert src is not None and "Kari" not in src.text and src.status == "released"


def test_project_strategies_from_config(two_sources) -> None:  # type: ignore[no-untyped-def]
    handle, s1, _s2 = two_sources
    handle.config.settings["deid_strategies"] = {"PERSON": "redact", "PLACE": "tag", "PHONE": "bogus"}
    deid.run_detection(handle, source_ids=[s1], use_ner=False)
    deid.release(handle, source_ids=[s1], passphrase=PASS, accept_pending=True)
    with handle.session() as s:
        src = s.get(Source, s1)
        assert src is not None
        assert "[navn]" in src.text and "[Kommune 1]" in src.text  # redacted persons, tagged places
        assert "[telefonnummer]" in src.text  # an unknown strategy keeps the default
        assert [t.speaker for t in src.turns] == ["Intervjuer", "[Informant 1]"]  # speakers keep their tags


@pytest.mark.parametrize(("mode", "expected"), [(None, "sluttet i [2010-tallet]"), ("keep", "sluttet i 2019")])
def test_bare_years_and_ages_per_project_setting(project, mode, expected) -> None:  # type: ignore[no-untyped-def]
    text = ("Hvordan har det vært?\n"
            "Faren min var 84 da han sluttet i 2019. Det er 67 søknader i kø, og budsjettet for 2024 er stramt.")
    sid = _add_source(project, text, ["I", "IP"], "years")
    if mode:
        project.config.settings["deid_years"] = mode
    deid.run_detection(project, use_ner=False)
    deid.release(project, passphrase=PASS, accept_pending=True)
    with project.session() as s:
        src = s.get(Source, sid)
        assert src is not None
        assert expected in src.text and "var [alder 80–89] da" in src.text
        assert "67 søknader" in src.text and "budsjettet for 2024" in src.text  # hard negatives untouched
        dets = list(s.scalars(select(DeidDetection).where(DeidDetection.source_id == sid)))
        assert {d.label for d in dets} == {"AGE", "DATE"}
        assert all((d.details or {}).get("age") in (None, 80) and (d.details or {}).get("year") in (None, 2010)
                   for d in dets)  # the database keeps bands, not exact values


def test_rejections_are_stored_as_salted_digests_and_reversed_by_a_later_accept(two_sources) -> None:  # type: ignore[no-untyped-def]
    from workbench.db.models import DeidRejection

    handle, s1, s2 = two_sources
    deid.run_detection(handle, use_ner=False)
    with handle.session() as s:
        view = next(v for v in deid.list_detections(s, handle.project_id) if v.text == "Hjelmeland")
        deid.decide(s, handle.project_id, view.id, decision="reject")
    with handle.session() as s:
        stored = [r.surface for r in s.scalars(select(DeidRejection))]
        assert len(stored) == 1 and stored[0].startswith("sha256:")
        assert "hjelmeland" not in stored[0].lower()
    deid.run_detection(handle, use_ner=False)
    with handle.session() as s:
        views = [v for v in deid.list_detections(s, handle.project_id) if v.text == "Hjelmeland"]
        assert {v.status for v in views} == {"rejected"}
        # the reviewer changes their mind on one occurrence: the project-wide rejection is forgotten
        deid.decide(s, handle.project_id, views[0].id, decision="accept", all_occurrences=False)
        assert list(s.scalars(select(DeidRejection))) == []
    # a third source added later: "Hjelmeland" is proposed again, not silently skipped
    s3 = _add_source(handle, "Spørsmål?\nJeg bor i Hjelmeland nå.", ["Ola Hansen", "Kari Nordmann"], "Ny")
    deid.run_detection(handle, use_ner=False)
    with handle.session() as s:
        views = [v for v in deid.list_detections(s, handle.project_id, source_id=s3) if v.text == "Hjelmeland"]
        assert [v.status for v in views] == ["pending"]


def test_adding_a_rejected_text_by_hand_reverses_the_rejection(two_sources) -> None:  # type: ignore[no-untyped-def]
    from workbench.db.models import DeidRejection

    handle, s1, s2 = two_sources
    deid.run_detection(handle, use_ner=False)
    with handle.session() as s:
        view = next(v for v in deid.list_detections(s, handle.project_id) if v.text == "Hjelmeland")
        deid.decide(s, handle.project_id, view.id, decision="reject")
        start = T2.index("Hjelmeland")
        deid.add_detection(s, handle.project_id, s2, start=start, end=start + len("Hjelmeland"), label="PLACE")
        assert list(s.scalars(select(DeidRejection))) == []


def test_verify_finds_no_survivor_after_release_and_reports_one_without_its_text(two_sources) -> None:  # type: ignore[no-untyped-def]
    handle, s1, s2 = two_sources
    deid.add_known(handle, values=["Hjelmeland"], category="municipality", pseudonym="Granvik", passphrase=PASS)
    deid.add_known(handle, values=["Kristin Berg"], category="person", passphrase=PASS)
    deid.run_detection(handle, passphrase=PASS, use_ner=False)
    deid.release(handle, passphrase=PASS, accept_pending=True)
    clean = deid.verify(handle, passphrase=PASS, use_ner=False)
    assert clean["survivors"] == 0 and clean["originals_searched"] >= 3
    assert [row["source_id"] for row in clean["sources"]] == [s1, s2]
    # a leak slipped in afterwards (an edited source): found, reported by offsets and pseudonym only
    with handle.session() as s:
        src = s.get(Source, s2)
        src.text = src.text + " Hilsen fra HJELMELAND."
    found = deid.verify(handle, passphrase=PASS, use_ner=False)
    assert found["survivors"] == 1
    [row] = [r for r in found["sources"] if r["survivors"]]
    hit = row["survivors"][0]
    with handle.session() as s:
        assert s.get(Source, s2).text[hit["start"]:hit["end"]] == "HJELMELAND"
    assert hit["label"] == "PLACE" and hit["pseudonym"] == "Granvik"
    assert "HJELMELAND" not in str(found).upper().replace("GRANVIK", "")
    with pytest.raises(WorkbenchError):
        deid.verify(handle, passphrase="wrong passphrase", use_ner=False)


def test_a_name_found_in_one_source_is_found_in_the_others_in_any_case(project) -> None:  # type: ignore[no-untyped-def]
    s1 = _add_source(project, "Spørsmål?\nVi har et nettverk i Ryfylke som møtes to ganger i året.", ["I", "IP"], "a")
    s2 = _add_source(project, "Spørsmål?\nJa, vi møtes i ryfylke og snakker om vedtak, per uke.", ["I", "IP"], "b")
    summary = deid.run_detection(project, use_ner=False)
    assert summary["consistency"] >= 1
    with project.session() as s:
        second = [v for v in deid.list_detections(s, project.project_id, source_id=s2) if v.text == "ryfylke"]
        assert [(v.label, v.detector) for v in second] == [("PLACE", "consistency")]
        # common words never spread ("per" stays), and a rejection still applies to the spread form
        assert not [v for v in deid.list_detections(s, project.project_id, source_id=s2) if v.text == "per"]
        first = next(v for v in deid.list_detections(s, project.project_id, source_id=s1) if v.text == "Ryfylke")
        deid.decide(s, project.project_id, first.id, decision="reject")
    deid.run_detection(project, use_ner=False)
    with project.session() as s:
        assert [v.status for v in deid.list_detections(s, project.project_id, source_id=s2)
                if v.text == "ryfylke"] in ([], ["rejected"])
