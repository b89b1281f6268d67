"""``workbench init|cases|import transcripts|status`` through the Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli.main import app

DATA = Path(__file__).resolve().parents[1] / "data" / "transcripts"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("WORKBENCH_PROJECT", raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_init_cases_import_status(runner: CliRunner, tmp_path: Path) -> None:
    proj = tmp_path / "studie"
    assert run(runner, "init", proj).exit_code == 0
    assert run(runner, "init", proj).exit_code == 2  # already a project
    assert run(runner, "cases", "add", "Granvik", "inhabitants=2620", "allocation_model=M2", "--project", proj).exit_code == 0
    res = run(runner, "cases", "set", "Granvik", "allocation_model=M9", "--project", proj)
    assert res.exit_code == 2 and "allocation_model" in res.output
    res = run(runner, "import", "transcripts", DATA / "teams.vtt", DATA / "teams.docx", "--case", "Granvik",
              "--project", proj, "--json")
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout.strip().splitlines()[-1])
    assert body["imported"] == 2
    res = run(runner, "status", "--project", proj, "--json")
    status = json.loads(res.stdout)
    assert status["cases"] == 1 and status["sources"] == 2 and status["turns"] == body["turns"]
    assert status["words"] > 50
    res = run(runner, "cases", "list", "--project", proj, "--json")
    granvik = json.loads(res.stdout)["cases"][0]
    assert granvik["attributes"] == {"inhabitants": 2620, "size_class": "small", "allocation_model": "M2"}


def test_project_from_environment(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proj = tmp_path / "p"
    run(runner, "init", proj)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(proj))
    assert run(runner, "cases", "add", "Solstad").exit_code == 0
    assert json.loads(run(runner, "status", "--json").stdout)["cases"] == 1


@pytest.mark.parametrize("bad", ["malformed_timing.vtt", "malformed_timing.srt", "empty.txt", "binary.txt",
                                 "wrong_encoding.txt"])
def test_bad_input_exit_2_one_line_nothing_stored(runner: CliRunner, tmp_path: Path, bad: str) -> None:
    proj = tmp_path / "p"
    run(runner, "init", proj)
    res = run(runner, "import", "transcripts", DATA / "typed.txt", DATA / "bad" / bad, "--project", proj)
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and bad in lines[0] and lines[0].startswith("error: ")
    assert json.loads(run(runner, "status", "--project", proj, "--json").stdout)["sources"] == 0


def test_manifest_missing_file_names_line(runner: CliRunner, tmp_path: Path) -> None:
    proj = tmp_path / "p"
    run(runner, "init", proj)
    res = run(runner, "import", "transcripts", "--manifest", DATA / "bad" / "manifest_missing.csv", "--project", proj)
    assert res.exit_code == 2 and "manifest_missing.csv:3" in res.stderr


def test_not_a_project(runner: CliRunner, tmp_path: Path) -> None:
    res = run(runner, "status", "--project", tmp_path / "nowhere")
    assert res.exit_code == 2 and "not a workbench project" in res.stderr
