"""``workbench code ...``, ``workbench codebook ...`` and ``workbench agreement`` (the script contracts)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli.main import app
from workbench.db.models import Source, Turn

REPO = Path(__file__).resolve().parents[2]
CODEBOOK = REPO / "codebooks" / "kvalitet-og-modeller.yaml"
DATA = REPO / "tests" / "data" / "coding"

KRIPP_CSV = """unit,A,B,C,D
1,1,1,,1
2,2,2,3,2
3,3,3,3,3
4,3,3,3,3
5,2,2,2,2
6,1,2,3,4
7,4,4,4,4
8,1,1,2,1
9,2,2,2,2
10,,5,5,5
11,,,1,1
12,,3,,
"""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("WORKBENCH_PROJECT", raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_code_suggest_json_contract_and_offsets(runner: CliRunner, tmp_path: Path) -> None:
    text = ("Intervju – Solstad\r\n\r\nI: Hvordan fordeles tjenestene?\r\n\r\n"
            "IP: Forvaltningskontoret fatter vedtakene, og hjemmesykepleien utfører. "
            "Ventelistene er lange, og likebehandling er vanskelig.\r\n")
    f = tmp_path / "intervju.txt"
    f.write_bytes(text.encode("utf-8"))
    res = run(runner, "code", "suggest", f, "--codebook", CODEBOOK, "--json")
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    assert list(body) == ["suggestions"]
    sugs = body["suggestions"]
    assert sugs and all(list(s) == ["start", "end", "code", "score"] for s in sugs)
    assert all(isinstance(s["start"], int) and 0 <= s["score"] <= 1 for s in sugs)
    codes = {s["code"] for s in sugs}
    assert {"M3", "Q6"} <= codes
    m3 = next(s for s in sugs if s["code"] == "M3")
    assert text[m3["start"]:m3["end"]].startswith("IP: Forvaltningskontoret")  # CRLF kept, code points
    res = run(runner, "code", "suggest", f, "--codebook", CODEBOOK, "--json", "--evidence")
    assert "evidence" in json.loads(res.stdout)["suggestions"][0]


@pytest.mark.parametrize(("level", "value"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849),
                                              ("ratio", 0.797)])
def test_agreement_csv_krippendorff(runner: CliRunner, tmp_path: Path, level: str, value: float) -> None:
    f = tmp_path / "k.csv"
    f.write_text(KRIPP_CSV, encoding="utf-8")
    res = run(runner, "agreement", f, "--metric", "krippendorff", "--level", level, "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == {"value": value}
    res = run(runner, "agreement", f, "--metric", "krippendorff", "--level", level, "--ci", "--json")
    body = json.loads(res.stdout)
    assert body["value"] == value and body["ci"][0] < value < body["ci"][1]


def test_agreement_csv_cohen_and_fleiss(runner: CliRunner, tmp_path: Path) -> None:
    rows = [("ja", "ja")] * 20 + [("ja", "nei")] * 5 + [("nei", "ja")] * 10 + [("nei", "nei")] * 15
    f = tmp_path / "c.csv"
    f.write_text("ingrid;lars\n" + "\n".join(f"{a};{b}" for a, b in rows) + "\n", encoding="utf-8")
    assert json.loads(run(runner, "agreement", f, "--metric", "cohen", "--json").stdout) == {"value": 0.4}
    # Fleiss (1971) as rater columns (6 ratings per patient)
    counts = [[0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0], [2, 0, 4, 0, 0],
              [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6], [1, 0, 0, 5, 0], [1, 1, 0, 4, 0],
              [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1], [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0],
              [0, 2, 0, 4, 0], [1, 0, 2, 0, 3], [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0],
              [1, 0, 0, 4, 1], [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6]]
    lines = ["id,r1,r2,r3,r4,r5,r6"]
    for i, row in enumerate(counts, start=1):
        labels = [f"d{c}" for c, n in enumerate(row) for _ in range(n)]
        lines.append(",".join([str(i), *labels]))
    g = tmp_path / "fleiss.csv"
    g.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert json.loads(run(runner, "agreement", g, "--metric", "fleiss", "--json").stdout) == {"value": 0.43}


def test_agreement_csv_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "k.csv"
    f.write_text(KRIPP_CSV, encoding="utf-8")
    res = run(runner, "agreement", f, "--metric", "cohen", "--json")
    assert res.exit_code == 2 and "exactly two coders" in res.stderr and res.stdout == ""
    res = run(runner, "agreement", f, "--metric", "gwet")
    assert res.exit_code == 2 and "unknown metric" in res.stderr
    res = run(runner, "agreement", tmp_path / "missing.csv", "--metric", "fleiss")
    assert res.exit_code == 2 and "no such file" in res.stderr


def test_codebook_validate(runner: CliRunner, tmp_path: Path) -> None:
    res = run(runner, "codebook", "validate", CODEBOOK, "--json")
    assert res.exit_code == 0 and json.loads(res.stdout)["codes"] == 19
    bad = tmp_path / "bad.yaml"
    bad.write_text(CODEBOOK.read_text(encoding="utf-8").replace("  - id: Q7\n", "  - id: Q6\n"), encoding="utf-8")
    res = run(runner, "codebook", "validate", bad)
    assert res.exit_code == 2
    assert res.stderr.strip().count("\n") == 0 and "code Q6: duplicate id" in res.stderr and "bad.yaml" in res.stderr


def _add_source(handle, path: Path) -> int:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    with handle.session() as s:
        src = Source(project_id=handle.project_id, title=path.stem, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                     text=text, status="released", word_count=len(text.split()))
        src.turns = [Turn(index=i, speaker=m.group(1), start=m.start(), end=m.end())
                     for i, m in enumerate(re.finditer(r"^(I|IP): .*$", text, flags=re.M))]
        s.add(src)
        s.flush()
        return src.id


def test_project_workflow_through_cli(runner: CliRunner, project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proj = project.root
    assert run(runner, "codebook", "import", CODEBOOK, "--project", proj).exit_code == 0
    sid = _add_source(project, DATA / "intervju_a.txt")
    res = run(runner, "code", "run", "--coder", "ingrid", "--project", proj, "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["suggestions"] > 3
    listed = json.loads(run(runner, "code", "list", "--coder", "ingrid", "--status", "proposed", "--project", proj,
                            "--json").stdout)["codings"]
    ids = [c["id"] for c in listed]
    assert run(runner, "code", "accept", *ids[:3], "--user", "ingrid", "--project", proj).exit_code == 0
    assert run(runner, "code", "reject", ids[3], "--user", "ingrid", "--project", proj).exit_code == 0
    res = run(runner, "code", "accept", ids[4], "--user", "lars", "--project", proj)
    assert res.exit_code == 2 and "another coder" in res.stderr
    for turn in (1, 3):
        assert run(runner, "code", "add", "--source", sid, "--code", "Q6", "--turn", turn, "--user", "lars",
                   "--project", proj).exit_code == 0
    res = run(runner, "code", "add", "--source", sid, "--code", "Q6", "--start", 5, "--end", 10**6, "--user", "lars",
              "--project", proj)
    assert res.exit_code == 2 and "outside" in res.stderr
    res = run(runner, "agreement", "--project", proj, "--coders", "ingrid,lars", "--by", "code", "--json")
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    assert body["coders"] == ["ingrid", "lars"] and body["codes"]
    assert {"unit", "character"} <= set(body["overall"])
    res = run(runner, "code", "retrieve", "Q6 OR M3", "--project", proj, "--json")
    assert json.loads(res.stdout)["segments"]
    # refactor through the CLI; export reflects it; versions and diff
    assert run(runner, "codebook", "rename", "T3", "--to", "T3b", "--project", proj).exit_code == 0
    assert run(runner, "codebook", "merge", "M6", "--into", "M3", "--project", proj).exit_code == 0
    exported = run(runner, "codebook", "export", "--project", proj).stdout
    assert "id: T3b" in exported and "id: M6" not in exported
    diff = json.loads(run(runner, "codebook", "diff", "--from", 1, "--project", proj, "--json").stdout)
    assert "T3b" in diff["added"] and set(diff["removed"]) == {"T3", "M6"}
    versions = json.loads(run(runner, "codebook", "versions", "--project", proj, "--json").stdout)["versions"]
    assert [v["version"] for v in versions] == [1, 2, 3]
