"""``workbench screen simulate`` JSON contract and ``workbench screen next``."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli.main import app

DATA = Path(__file__).resolve().parents[1] / "data" / "prioritisation"
SMALL = DATA / "nagtegaal_small.csv"
runner = CliRunner()


def _labels() -> list[int]:
    with SMALL.open(encoding="utf-8") as fh:
        return [int(r["label_included"]) for r in csv.DictReader(fh)]


def _simulate(*extra: str) -> dict:
    result = runner.invoke(app, ["screen", "simulate", str(SMALL), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_simulate_json_contract_and_metrics_recomputable() -> None:
    out = _simulate("--seed", "2")
    labels = _labels()
    n = len(labels)
    assert set(out) == {"n_records", "n_included", "wss95", "wss100", "rrf10", "atd", "order"}
    assert out["n_records"] == n == 120 and out["n_included"] == sum(labels) == 15
    order = out["order"]
    assert sorted(order) == list(range(n))
    assert [labels[order[0]], labels[order[1]]] == [1, 0]  # priors first: 1 included, 1 excluded
    # recompute the brief's definitions from the order
    positions = [i for i, row in enumerate(order) if labels[row] == 1]
    k95 = positions[math.ceil(0.95 * 15) - 1] + 1
    assert out["wss95"] == pytest.approx((n - k95) / n - 0.05)
    assert out["wss100"] == pytest.approx((n - (positions[-1] + 1)) / n)
    assert out["rrf10"] == pytest.approx(sum(1 for p in positions if p < n // 10) / 15)
    assert out["atd"] == pytest.approx(sum(positions) / len(positions) / n)
    assert out["wss95"] > 0.05  # better than screening in random order


def test_simulate_is_deterministic_per_seed_and_honours_prior_counts() -> None:
    a = _simulate("--seed", "5", "--n-prior-included", "2", "--n-prior-excluded", "3")
    b = _simulate("--seed", "5", "--n-prior-included", "2", "--n-prior-excluded", "3")
    assert a == b
    labels = _labels()
    assert [labels[i] for i in a["order"][:5]] == [1, 1, 0, 0, 0]
    c = _simulate("--seed", "6", "--n-prior-included", "2", "--n-prior-excluded", "3")
    assert c["order"][:5] != a["order"][:5]


@pytest.mark.parametrize(("name", "message"), [("bad_label.csv", "bad_label.csv:3"),
                                               ("no_title.csv", "no 'title' column")])
def test_simulate_bad_input_exits_2_with_location(name: str, message: str) -> None:
    result = runner.invoke(app, ["screen", "simulate", str(DATA / name), "--json"])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_simulate_too_many_priors_is_an_input_error() -> None:
    result = runner.invoke(app, ["screen", "simulate", str(SMALL), "--json", "--n-prior-included", "16"])
    assert result.exit_code == 2
    assert "included" in result.stderr


def test_screen_next_lists_ranked_records_with_stopping_aid(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.db.models import Record, ScreeningDecision
    from workbench.services import users
    from workbench.services.project import init_project

    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    handle = init_project(tmp_path / "p", name="T", admin_password="pw")
    with SMALL.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with handle.session() as s:
        sara = users.add_user(s, username="sara", role="screener")
        ids = []
        for i, row in enumerate(rows):
            rec = Record(project_id=handle.project_id, ordinal=i, title=row["title"], abstract=row["abstract"])
            s.add(rec)
            s.flush()
            ids.append(rec.id)
        for rid, row in list(zip(ids, rows, strict=True))[:30]:
            s.add(ScreeningDecision(record_id=rid, reviewer_id=sara.id,
                                    decision="include" if row["label_included"] == "1" else "exclude"))
    handle.close()
    result = runner.invoke(app, ["screen", "next", "--project", str(tmp_path / "p"), "--user", "sara",
                                 "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert len(out["records"]) == 3 and out["n_unscreened"] == 90
    assert not {r["id"] for r in out["records"]} & set(ids[:30])
    assert out["stopping_aid"]["n_screened"] == 30
    text = runner.invoke(app, ["screen", "next", "--project", str(tmp_path / "p"), "--user", "sara"])
    assert text.exit_code == 0 and "Suggest stopping" in text.stdout
    missing = runner.invoke(app, ["screen", "next", "--project", str(tmp_path / "p"), "--user", "nobody"])
    assert missing.exit_code == 2


def test_simulate_human_output_names_the_metrics() -> None:
    result = runner.invoke(app, ["screen", "simulate", str(SMALL), "--seed", "1", "--retrain-every", "5"])
    assert result.exit_code == 0, result.output
    assert "WSS@95" in result.stdout and "ATD" in result.stdout and "120 records" in result.stdout
