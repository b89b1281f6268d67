"""``workbench screen ...``, ``workbench prisma`` and ``workbench chart ...`` through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli.main import app
from workbench.db.models import ImportBatch, Record
from workbench.services import users
from workbench.services.project import open_project

runner = CliRunner()

TITLES = [
    "Tildelingskontoret og likebehandling i hjemmetjenesten",
    "Barnehager i distriktskommuner",
    "Bestiller-utførermodellen i norske kommuner",
    "Forvaltningskontorets rolle ved utskrivning fra sykehus",
]


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    root = tmp_path / "p"
    assert runner.invoke(app, ["init", str(root), "--admin-password", "pw"]).exit_code == 0
    handle = open_project(root)
    with handle.session() as s:
        for name, role in (("sara", "screener"), ("jonas", "screener"), ("mette", "researcher")):
            users.add_user(s, username=name, role=role)
        batch = ImportBatch(project_id=handle.project_id, source_name="PubMed", content_hash="x", n_items=4)
        s.add(batch)
        s.flush()
        for i, title in enumerate(TITLES):
            s.add(Record(project_id=handle.project_id, batch_id=batch.id, ordinal=i, title=title, year=2020 + i,
                         authors=[f"Forfatter{i}, Kari"], abstract="Hensikten var å undersøke tildeling."))
    handle.close()
    return str(root)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def decide(proj: str, rid: int, user: str, decision: str, *extra: str) -> tuple[int, str, str]:
    return run("screen", "decide", str(rid), decision, "--project", proj, "--user", user, *extra)


def test_blinded_decide_show_conflicts_resolve_kappa(proj: str) -> None:
    code, out, _ = run("screen", "criteria", "--project", proj, "--population", "Eldre hjemmeboende",
                       "--include-keyword", "tildeling", "--exclude-keyword", "barnehage", "--json")
    assert code == 0 and json.loads(out)["criteria"]["version"] == 1
    code, out, _ = run("screen", "queue", "--project", proj, "--user", "sara", "--order", "import", "--json")
    assert json.loads(out)["records"] == [1, 2, 3, 4]
    assert decide(proj, 1, "sara", "include", "--note", "M3")[0] == 0
    # jonas has not decided record 1: the CLI (through the service) hides sara's decision
    code, out, _ = run("screen", "show", "1", "--project", proj, "--user", "jonas", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["others_hidden"] is True and shown["others"] is None
    assert shown["highlights"]["title"][0]["kind"] == "include"
    code, _, err = run("screen", "history", "--project", proj, "--user", "jonas", "--json")
    assert code == 0
    for rid, (a, b) in enumerate([("include", "exclude"), ("exclude", "exclude"), ("include", "include"),
                                  ("maybe", "include")], start=1):
        if rid != 1:
            assert decide(proj, rid, "sara", a)[0] == 0
        assert decide(proj, rid, "jonas", b)[0] == 0
    code, out, _ = run("screen", "show", "1", "--project", proj, "--user", "jonas", "--json")
    assert [o["decision"] for o in json.loads(out)["others"]] == ["include"]
    code, out, _ = run("screen", "conflicts", "--project", proj, "--json")
    conflicts = json.loads(out)["conflicts"]
    assert [c["record_id"] for c in conflicts] == [1, 4]
    code, _, err = run("screen", "resolve", "1", "include", "--project", proj, "--user", "sara")
    assert code == 2 and "third reviewer" in err
    code, out, _ = run("screen", "resolve", "1", "include", "--project", proj, "--user", "mette", "--json")
    assert code == 0 and json.loads(out)["method"] == "third_reviewer"
    code, out, _ = run("screen", "resolve", "4", "include", "--method", "discussion", "--project", proj,
                       "--user", "jonas", "--json")
    assert code == 0
    code, out, _ = run("screen", "conflicts", "--project", proj, "--resolved", "--json")
    kept = json.loads(out)["conflicts"]
    assert [(d["reviewer"], d["decision"]) for d in kept[0]["decisions"]] == [("sara", "include"),
                                                                              ("jonas", "exclude")]
    code, out, _ = run("screen", "kappa", "--project", proj, "--json")
    ta = json.loads(out)["agreement"][0]
    # sara: inc exc inc maybe; jonas: exc exc inc inc → p_o = 2/4; marginals include 2·2, exclude 1·2,
    # maybe 1·0 → p_e = 6/16 = 0.375; κ = (0.5 − 0.375) / (1 − 0.375) = 0.2
    assert ta["agreement"] == pytest.approx(0.5)
    assert ta["kappa"] == pytest.approx(0.2)
    code, out, _ = run("screen", "progress", "--project", proj, "--user", "sara", "--json")
    stage = json.loads(out)["stages"]["title_abstract"]
    assert stage["complete"] == 4 and stage["final"] == {"include": 3, "exclude": 1}


def test_full_text_reason_prisma_and_chart(proj: str, tmp_path: Path) -> None:
    for rid in (1, 3, 4):
        for who in ("sara", "jonas"):
            assert decide(proj, rid, who, "include")[0] == 0
    for who in ("sara", "jonas"):
        assert decide(proj, 2, who, "exclude")[0] == 0
    code, _, err = decide(proj, 3, "sara", "exclude", "--stage", "ft")
    assert code == 2 and "needs a reason" in err and err.count("\n") == 1
    assert run("screen", "retrieval", "4", "--not-retrieved", "--project", proj)[0] == 0
    for who in ("sara", "jonas"):
        assert decide(proj, 3, who, "exclude", "--stage", "ft", "--reason", "Feil kontekst")[0] == 0
        assert decide(proj, 1, who, "include", "--stage", "ft")[0] == 0
    out_svg = tmp_path / "exports" / "prisma.svg"
    code, out, err = run("prisma", "--project", proj, "--out", str(out_svg), "--csv", str(tmp_path / "c.csv"),
                         "--lang", "en", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["counts"]["included"] == 1 and result["counts"]["excluded_full_text"] == {"Feil kontekst": 1}
    assert result["issues"] == [] and out_svg.exists() and out_svg.with_suffix(".png").exists()
    assert "included,Sources included in review,1" in (tmp_path / "c.csv").read_text(encoding="utf-8")
    code, _, err = run("chart", "set", "3", "hensikt=x", "--project", proj)
    assert code == 2 and "not an included source" in err
    assert run("chart", "set", "1", "hensikt=Beskrive tildeling", "metode=Intervju", "--project", proj)[0] == 0
    assert run("chart", "field", "kvalitet", "--label", "Kvalitetsdimensjoner", "--project", proj)[0] == 0
    code, out, _ = run("chart", "show", "--project", proj, "--json")
    shown = json.loads(out)
    assert shown["sources"][0]["values"]["hensikt"] == "Beskrive tildeling"
    assert shown["fields"][-1]["label"] == "Kvalitetsdimensjoner"
    for name in ("chart.xlsx", "chart.docx"):
        code, out, err = run("chart", "export", "--project", proj, "--out", str(tmp_path / name))
        assert code == 0 and (tmp_path / name).stat().st_size > 3000, err
    code, _, err = run("chart", "export", "--project", proj, "--out", str(tmp_path / "chart.pdf"))
    assert code == 2 and ".xlsx or .docx" in err


def test_prisma_strict_fails_on_inconsistent_counts(proj: str, tmp_path: Path) -> None:
    handle = open_project(proj)
    with handle.session() as s:
        s.query(ImportBatch).one().n_items = 5
    handle.close()
    code, _, err = run("prisma", "--project", proj, "--out", str(tmp_path / "f.svg"), "--strict", "--no-png")
    assert code == 2
    assert "records identified per source ≠ records in the project: 5 ≠ 4" in err
    assert not (tmp_path / "f.png").exists() and (tmp_path / "f.svg").exists()


def test_criteria_from_yaml_and_bad_file(proj: str, tmp_path: Path) -> None:
    good = tmp_path / "crit.yaml"
    good.write_text("population: Eldre\ninclude_keywords: [tildeling, vedtak]\n"
                    "exclusion_reasons: [Feil populasjon, Ikke empirisk]\n", encoding="utf-8")
    code, out, _ = run("screen", "criteria", "--from", str(good), "--project", proj, "--json")
    data = json.loads(out)
    assert code == 0 and data["criteria"]["include_keywords"] == ["tildeling", "vedtak"]
    assert data["exclusion_reasons"] == ["Feil populasjon", "Ikke empirisk"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("population: [unclosed\n", encoding="utf-8")
    code, _, err = run("screen", "criteria", "--from", str(bad), "--project", proj)
    assert code == 2 and "bad.yaml" in err and "cannot parse" in err
