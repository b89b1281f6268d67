"""Importing transcripts into a project: turns, offsets, cases, duplicates, all-or-nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.db.models import AuditEvent, Case, Source
from workbench.errors import InputError
from workbench.services.cases import list_cases
from workbench.services.ingest import import_transcripts
from workbench.services.status import project_status

DATA = Path(__file__).resolve().parents[1] / "data" / "transcripts"
GOOD = ["teams.vtt", "zoom.vtt", "sample.srt", "typed.txt", "cp1252_crlf.txt", "otter.txt", "notes.md",
        "teams.docx", "typed.docx", "article.pdf"]


@pytest.fixture(params=["sqlite", "postgres"])
def any_project(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    return request.getfixturevalue("project" if request.param == "sqlite" else "pg_project")


def test_import_every_format_with_turn_offsets(any_project) -> None:  # type: ignore[no-untyped-def]
    report = import_transcripts(any_project, [DATA / n for n in GOOD], case="Granvik", actor="ingrid")
    assert len(report.imported) == len(GOOD)
    assert report.created_cases == ["Granvik"]
    with any_project.session() as s:
        sources = s.scalars(select(Source).order_by(Source.id)).all()
        assert {src.fmt for src in sources} == {"vtt", "srt", "txt", "md", "docx", "pdf"}
        for src in sources:
            assert src.status == "imported" and src.case_id is not None
            assert src.word_count == len(src.text.split())
            for turn in src.turns:
                piece = src.text[turn.start:turn.end]
                assert piece and piece == piece.strip()
        teams = next(src for src in sources if src.filename == "teams.vtt")
        kari = teams.turns[1]
        assert kari.speaker == "Kari Nordmann" and kari.start_ms == 12310
        assert teams.text[kari.start:kari.end].startswith("Eh, ja. Altså")
        status = project_status(s, any_project.project_id)
    assert status["sources"] == len(GOOD) and status["cases"] == 1
    assert status["turns"] == report.turns and status["words"] == report.words


def test_reimport_same_content_is_skipped(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_transcripts(project, [DATA / "teams.vtt"])
    copy = tmp_path / "renamed_copy.vtt"
    shutil.copy(DATA / "teams.vtt", copy)
    report = import_transcripts(project, [copy, DATA / "zoom.vtt"])
    assert report.duplicates == [str(copy)] and len(report.imported) == 1
    with project.session() as s:
        assert s.scalar(select(func.count(Source.id))) == 2


def test_case_from_folder_and_manifest(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for case, name in [("Solstad", "teams.vtt"), ("Blådal", "otter.txt")]:
        (tmp_path / case).mkdir()
        shutil.copy(DATA / name, tmp_path / case / name)
    (tmp_path / "Solstad" / "ignored.xlsx").write_bytes(b"PK")
    report = import_transcripts(project, [tmp_path], case_from_folder=True)
    assert sorted(report.created_cases) == ["Blådal", "Solstad"]
    assert any("ignored.xlsx" in w for w in report.warnings)
    report2 = import_transcripts(project, [], manifest=DATA / "manifest.csv")
    with project.session() as s:
        by_title = {src.title: src for src in s.scalars(select(Source))}
        assert by_title["Feltnotat"].case_id == s.scalars(select(Case.id).where(Case.name == "Solstad")).one()
        names = {c.name for c in list_cases(s, project.project_id)}
    assert names == {"Solstad", "Blådal"}  # the Granvik row was a duplicate: no case created
    assert len(report2.imported) == 2 and len(report2.duplicates) == 1  # teams.vtt already imported


@pytest.mark.parametrize("bad", ["malformed_timing.vtt", "malformed_timing.srt", "no_header.vtt", "empty.txt",
                                 "binary.txt", "wrong_encoding.txt", "not_really.docx"])
def test_bad_file_aborts_whole_batch(project, bad: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        import_transcripts(project, [DATA / "teams.vtt", DATA / "bad" / bad, DATA / "zoom.vtt"], case="Granvik")
    assert bad in str(info.value)
    with project.session() as s:
        assert s.scalar(select(func.count(Source.id))) == 0
        assert s.scalar(select(func.count(Case.id))) == 0
        assert s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "source.import")) == 0


def test_manifest_naming_missing_file(project) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        import_transcripts(project, [], manifest=DATA / "bad" / "manifest_missing.csv")
    assert info.value.line == 3 and "missing_interview.vtt" in str(info.value)
    with project.session() as s:
        assert s.scalar(select(func.count(Source.id))) == 0


def test_audit_log_holds_no_names(project) -> None:  # type: ignore[no-untyped-def]
    import_transcripts(project, [DATA / "teams.vtt"], case="Granvik")
    with project.session() as s:
        payloads = [str(e.payload) for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "source.import"))]
    assert payloads and not any("Kari" in p or "teams.vtt" in p for p in payloads)
