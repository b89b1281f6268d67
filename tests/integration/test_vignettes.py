"""Vignette study import and comparison on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from workbench.cli.main import app
from workbench.db.models import Vignette
from workbench.errors import InputError
from workbench.services import vignettes

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpora" / "vignettes"


def test_import_and_compare_demo_study(project) -> None:  # type: ignore[no-untyped-def]
    counts = vignettes.import_vignette_study(project, CORPUS)
    assert counts["vignettes"] == 9
    with project.session() as s:
        result = vignettes.compare(s, project.project_id)
    munis = result["municipalities"]
    assert set(munis) == {"Granvik", "Solstad", "Sjøglott", "Vindnes"}
    # the comparison is against the mean of the other three
    others = [m for m in munis if m != "Solstad"]
    expected = munis["Solstad"]["cost_per_month"] - sum(munis[m]["cost_per_month"] for m in others) / 3
    assert result["difference_from_others"]["Solstad"]["cost_per_month"] == pytest.approx(expected)
    assert sum(sum(row.values()) for row in result["hours_matrix"].values()) == pytest.approx(
        sum(m["hours_per_month"] for m in munis.values()))
    # re-import replaces, never duplicates
    vignettes.import_vignette_study(project, CORPUS)
    with project.session() as s:
        assert s.scalar(select(func.count(Vignette.id))) == 9


def test_bad_number_names_file_and_line_and_changes_nothing(project) -> None:  # type: ignore[no-untyped-def]
    vignettes.import_vignette_study(project, CORPUS)
    with pytest.raises(InputError) as info:
        vignettes.import_vignette_study(project, REPO / "tests" / "data" / "vignettes" / "bad_hours")
    assert "decisions.csv:3" in str(info.value) and "hours_per_month" in str(info.value)
    with project.session() as s:
        assert s.scalar(select(func.count(Vignette.id))) == 9


def test_cli_compare_json(project) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    res = runner.invoke(app, ["vignettes", "import", str(CORPUS), "--project", str(project.root)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["vignettes", "compare", "--project", str(project.root), "--json"])
    data = json.loads(res.stdout)
    assert data["service_spread_hours"]["avlastning"] > 200
