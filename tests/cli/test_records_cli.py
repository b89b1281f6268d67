"""``workbench import records``, ``records list``, ``dedup`` (files and project), ``export ris|csv``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli.main import app

DATA = Path(__file__).resolve().parents[1] / "data" / "records"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "dedup"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("WORKBENCH_PROJECT", raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def proj(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "review"
    assert run(runner, "init", path).exit_code == 0
    return path


def test_import_list_in_import_order(runner: CliRunner, proj: Path) -> None:
    res = run(runner, "import", "records", DATA / "pubmed.nbib", DATA / "scopus.ris", "--project", proj, "--json")
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    assert [(Path(f["file"]).name, f["records"], f["source"]) for f in body["files"]] == [
        ("pubmed.nbib", 3, "PubMed"), ("scopus.ris", 4, "Scopus")]
    res = run(runner, "import", "records", DATA / "asreview.csv", "--source", "CINAHL", "--project", proj)
    assert res.exit_code == 0 and "3 records read (CINAHL)" in res.stdout
    listed = json.loads(run(runner, "records", "list", "--project", proj, "--json").stdout)["records"]
    assert len(listed) == 10
    assert set(listed[0]) >= {"id", "title", "authors", "year", "journal", "doi", "pmid", "abstract", "source"}
    assert [r["source"] for r in listed] == ["PubMed"] * 3 + ["Scopus"] * 4 + ["CINAHL"] * 3
    assert listed[0]["pmid"] == "23640982" and listed[0]["authors"][0] == "Vabø, Mia"
    assert [r["id"] for r in listed] == sorted(r["id"] for r in listed)


def test_bad_input_exits_2_with_one_line(runner: CliRunner, proj: Path) -> None:
    res = run(runner, "import", "records", DATA / "malformed" / "no_title.csv", "--project", proj)
    assert res.exit_code == 2 and "no_title.csv" in res.stderr and "no title column" in res.stderr
    assert run(runner, "import", "records", DATA / "pubmed.nbib", "--project", proj).exit_code == 0
    res = run(runner, "import", "records", DATA / "pubmed.nbib", "--project", proj)
    assert res.exit_code == 2 and "already imported" in res.stderr
    assert len(json.loads(run(runner, "records", "list", "--project", proj, "--json").stdout)["records"]) == 3


@pytest.mark.skipif(not SHARED.exists(), reason="shared dedup data not present")
def test_dedup_files_json_groups(runner: CliRunner) -> None:
    res = run(runner, "dedup", SHARED / "tiny" / "records_pre_merged.csv", "--json")
    assert res.exit_code == 0, res.output
    groups = {frozenset(g) for g in json.loads(res.stdout)["groups"]}
    with (SHARED / "tiny" / "merged_record_ids.csv").open() as fh:
        truth = {frozenset(r["merged_ids"].split(";")) for r in csv.DictReader(fh)}
    assert groups == truth


def test_dedup_import_formats_and_ids(runner: CliRunner) -> None:
    res = run(runner, "dedup", DATA / "pubmed.nbib", DATA / "endnote.xml", DATA / "scopus.ris", "--json")
    assert res.exit_code == 0, res.output
    groups = [sorted(g) for g in json.loads(res.stdout)["groups"]]
    # PubMed ids are PMIDs; EndNote ids are record numbers; Scopus has none -> file#n
    assert sorted(["23640982", "scopus.ris#1"]) in groups
    assert sorted(["30212345", "12"]) in groups


def test_project_dedup_review_and_export(runner: CliRunner, proj: Path, tmp_path: Path) -> None:
    files = [DATA / f for f in ("scopus.ris", "ovid_medline.ris", "pubmed.nbib", "norart.bib", "endnote.xml")]
    assert run(runner, "import", "records", *files, "--project", proj).exit_code == 0
    res = run(runner, "dedup", "--project", proj, "--json")
    summary = json.loads(res.stdout)
    assert summary["duplicates_removed"] == 6 and summary["pairs_uncertain"] >= 1
    pairs = json.loads(run(runner, "dedup", "--project", proj, "--list", "--json").stdout)["pairs"]
    pid = pairs[0]["id"]
    assert json.loads(run(runner, "dedup", "--project", proj, "--separate", pid, "--json").stdout)["status"] == "separate"
    unique = json.loads(run(runner, "records", "list", "--project", proj, "--unique", "--json").stdout)["records"]
    assert len(unique) == 14 - 6
    victim = next(r for r in json.loads(run(runner, "records", "list", "--project", proj, "--json").stdout)["records"]
                  if r["duplicate_of"])
    res = run(runner, "dedup", "--project", proj, "--unmerge", victim["id"])
    assert res.exit_code == 0 and "separated" in res.stdout
    out_csv, out_ris = tmp_path / "records.csv", tmp_path / "records.ris"
    assert run(runner, "export", "csv", "--project", proj, "--out", out_csv).exit_code == 0
    assert run(runner, "export", "ris", "--project", proj, "--out", out_ris, "--include-duplicates").exit_code == 0
    with out_csv.open(encoding="utf-8-sig") as fh:
        assert len(list(csv.DictReader(fh))) == 14 - 6 + 1
    assert out_ris.read_text(encoding="utf-8").count("ER  - ") == 14
    res = run(runner, "dedup", DATA / "pubmed.nbib", "--merge", "1")
    assert res.exit_code == 2
