"""``workbench deid``: the CLI contract (JSON shape, code-point offsets, bad input, exit codes)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli.main import app
from workbench.db.models import Source, Turn

runner = CliRunner()
TEXT = ("Intervju med Kari Nordmann i Hjelmeland kommune 3. mars 2019.\n"
        "Ring 912 34 567 eller skriv til kari@hjelmeland.kommune.no, se www.hjelmeland.kommune.no.\n"
        "Fødselsnummer 30108299939, adresse Storgata 5, 4130 Hjelmeland. Hun er 87 år.\n"
        "Ærlig talt sa Åse Lunde at NAV og Helsedirektoratet bruker KOSTRA.\n")


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "in.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_detect_json_contract(text_file: Path) -> None:
    result = runner.invoke(app, ["deid", "detect", str(text_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["spans"]
    labels = set()
    for span in data["spans"]:
        assert list(span) == ["start", "end", "label", "text"]
        assert TEXT[span["start"]:span["end"]] == span["text"]  # code points
        labels.add(span["label"])
    assert {"PERSON", "PLACE", "DATE", "PHONE", "EMAIL", "URL", "ID_NUMBER", "ADDRESS", "AGE"} <= labels
    surfaces = {s["text"] for s in data["spans"]}
    assert "Åse Lunde" in surfaces
    assert not surfaces & {"NAV", "Helsedirektoratet", "KOSTRA"}


def test_detect_with_known_file(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("vi snakket med skjævesland om det i fjor, og Fjelltun-saken ble tatt opp.\n", encoding="utf-8")
    known = tmp_path / "known.txt"
    known.write_text("# participants\nGjertrud Skjævesland\nworkplace: Fjelltun\n", encoding="utf-8")
    plain = json.loads(runner.invoke(app, ["deid", "detect", str(path), "--json", "--no-ner"]).stdout)
    with_known = json.loads(runner.invoke(app, ["deid", "detect", str(path), "--known", str(known), "--json",
                                                "--details"]).stdout)
    assert "skjævesland" not in {s["text"] for s in plain["spans"]}
    found = {s["text"]: s for s in with_known["spans"]}
    assert found["skjævesland"]["label"] == "PERSON" and found["skjævesland"]["detector"] == "known"
    assert found["Fjelltun"]["label"] == "ORGANIZATION"


def test_apply_writes_pseudonymised_text(text_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["deid", "apply", str(text_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    new = out.read_text(encoding="utf-8")
    for forbidden in ("Kari", "Nordmann", "Hjelmeland", "912 34 567", "30108299939", "Storgata", "Åse", "87 år",
                      "kari@", "www."):
        assert forbidden not in new
    assert "NAV og Helsedirektoratet bruker KOSTRA" in new
    assert "[Person 1]" in new and "[telefonnummer]" in new
    # identifiers are not echoed in the command's messages
    assert "Kari" not in result.output and "Hjelmeland" not in result.output


@pytest.mark.parametrize("content", [b"", b"   \n", b"Hei \xff\xfe p\xe5 deg"])
def test_bad_input_exit_2_and_no_output(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    out = tmp_path / "out.txt"
    for args in (["deid", "detect", str(path), "--json"], ["deid", "apply", str(path), "--out", str(out)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "error:" in result.stderr
    assert not out.exists()


def test_missing_file_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["deid", "detect", str(tmp_path / "nope.txt"), "--json"])
    assert result.exit_code == 2


def _project(tmp_path: Path) -> Path:
    from workbench.services.project import init_project

    root = tmp_path / "proj"
    handle = init_project(root, name="cli", admin_password="pw")
    with handle.session() as s:
        src = Source(project_id=handle.project_id, title="intervju", content_hash=hashlib.sha256(b"x").hexdigest(),
                     text=TEXT, status="imported")
        src.turns = [Turn(index=0, speaker="Kari Nordmann", start=0, end=len(TEXT))]
        s.add(src)
    handle.close()
    return root


def test_project_run_review_release_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.setenv("WORKBENCH_KEY_PASSPHRASE", "cli-pass-123")
    r = runner.invoke(app, ["deid", "known", "add", "Hjelmeland", "--category", "municipality", "--pseudonym",
                            "Granvik", "--project", str(root)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["deid", "known", "list", "--project", str(root), "--json"])
    assert json.loads(r.stdout)["known"][0]["category"] == "municipality"
    assert "Hjelmeland" not in r.stdout
    r = runner.invoke(app, ["deid", "run", "--project", str(root), "--json", "--no-ner"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["sources"] == 1
    r = runner.invoke(app, ["deid", "review", "--project", str(root), "--json"])
    dets = json.loads(r.stdout)["detections"]
    ages = [d for d in dets if d["label"] == "AGE"]
    assert ages and all({"detector", "confidence", "context", "status"} <= set(d) for d in dets)
    r = runner.invoke(app, ["deid", "review", "--project", str(root), "--reject", str(ages[0]["id"])])
    assert r.exit_code == 0 and "1 detections updated" in r.stdout
    r = runner.invoke(app, ["deid", "review", "--project", str(root), "--flags", "--json"])
    flags = json.loads(r.stdout)["flags"]
    assert flags == [] or {"kind", "status", "text"} <= set(flags[0])
    r = runner.invoke(app, ["deid", "release", "--project", str(root), "--json"])
    assert r.exit_code == 2 and "pending" in r.stderr  # released only after review
    r = runner.invoke(app, ["deid", "review", "--project", str(root), "--accept-all"])
    assert r.exit_code == 0
    r = runner.invoke(app, ["deid", "release", "--project", str(root), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["released"] == [1]
    r = runner.invoke(app, ["deid", "pseudonyms", "--project", str(root), "--json"])
    assert "Granvik" in {p["pseudonym"] for p in json.loads(r.stdout)["pseudonyms"]}
    # key export and a wrong passphrase
    dest = tmp_path / "copy.key"
    r = runner.invoke(app, ["deid", "key", "export", str(dest), "--project", str(root)])
    assert r.exit_code == 0 and dest.exists()
    r = runner.invoke(app, ["deid", "key", "import", str(dest), "--project", str(root), "--passphrase", "wrong-one-9"])
    assert r.exit_code == 2 and "passphrase" in r.stderr
    r = runner.invoke(app, ["deid", "key", "mapping", "--project", str(root), "--json"])
    assert any("hjelmeland" in m["originals"] for m in json.loads(r.stdout)["mapping"])
    r = runner.invoke(app, ["deid", "report", "--project", str(root), "--json"])
    reps = json.loads(r.stdout)["sources"][0]["replacements"]
    assert reps and "Kari" not in r.stdout and "Hjelmeland" not in r.stdout
    assert {"pseudonym", "label", "detector", "decided_by"} <= set(reps[0])
    r = runner.invoke(app, ["deid", "verify", "--project", str(root), "--json", "--no-ner"])
    assert r.exit_code == 0, r.stderr
    verified = json.loads(r.stdout)
    assert verified["survivors"] == 0 and verified["originals_searched"] >= 1
    assert "Hjelmeland" not in r.stdout
    from workbench.db.models import Source
    from workbench.services.project import open_project

    handle = open_project(root)
    with handle.session() as s:
        src = s.get(Source, 1)
        src.text += " Hilsen Hjelmeland."
    handle.close()
    r = runner.invoke(app, ["deid", "verify", "--project", str(root), "--no-ner"])
    assert r.exit_code == 1 and "1 surviving originals" in r.stdout and "Hjelmeland" not in r.stdout
    orig = tmp_path / "orig.txt"
    r = runner.invoke(app, ["deid", "key", "original", "1", "--out", str(orig), "--project", str(root)])
    assert r.exit_code == 0 and orig.read_text(encoding="utf-8") == TEXT
    r = runner.invoke(app, ["deid", "known", "remove", "1", "--project", str(root)])
    assert r.exit_code == 0
    r = runner.invoke(app, ["deid", "known", "list", "--project", str(root), "--json", "--show-values"])
    assert json.loads(r.stdout)["known"][0]["active"] is False
    r = runner.invoke(app, ["deid", "known", "remove", "99", "--project", str(root)])
    assert r.exit_code == 2


def test_run_needs_passphrase_for_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.delenv("WORKBENCH_KEY_PASSPHRASE", raising=False)
    r = runner.invoke(app, ["deid", "known", "add", "Kari Nordmann", "--project", str(root), "--passphrase",
                            "cli-pass-123"])
    assert r.exit_code == 0
    r = runner.invoke(app, ["deid", "run", "--project", str(root), "--no-ner"])
    assert r.exit_code == 2 and "passphrase" in r.stderr and "Kari" not in r.stderr
    r = runner.invoke(app, ["deid", "run", "--project", str(root), "--no-ner", "--passphrase", "wrong-pass-1"])
    assert r.exit_code == 2 and "wrong passphrase" in r.stderr


def test_detect_no_tagger_gives_the_rules_alone(tmp_path: Path) -> None:
    path = tmp_path / "dialekt.txt"
    path.write_text("IP: Paul e ein sånn som itj vil ha hjelp. Han e nittiått, han vaska sjøl og han fyre sjøl.\n",
                    encoding="utf-8")
    both = json.loads(runner.invoke(app, ["deid", "detect", str(path), "--json", "--details", "--no-ner"]).stdout)
    rules = json.loads(runner.invoke(app, ["deid", "detect", str(path), "--json", "--details", "--no-ner",
                                           "--no-tagger"]).stdout)
    tagged = [s for s in both["spans"] if s["detector"] == "tagger"]
    assert [s["text"] for s in tagged] == ["nittiått"] and tagged[0]["label"] == "AGE"
    assert tagged[0]["confidence"] <= 0.45
    assert "nittiått" not in [s["text"] for s in rules["spans"]]
    out = tmp_path / "out.txt"
    assert runner.invoke(app, ["deid", "apply", str(path), "--out", str(out), "--no-ner"]).exit_code == 0
    assert "nittiått" not in out.read_text(encoding="utf-8")
