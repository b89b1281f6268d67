"""bench/plot_deid_leaks.py: the locked first-run figures it plots agree with docs/benchmarks.md."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("plot_deid_leaks", REPO / "bench" / "plot_deid_leaks.py")
assert spec is not None and spec.loader is not None
plot_deid_leaks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(plot_deid_leaks)


def test_locked_batches_match_the_documented_pools(tmp_path: Path) -> None:
    rows = plot_deid_leaks.read_rows()
    assert [r["batch"] for r in rows][-3:] == ["H", "I", "J"]
    assert plot_deid_leaks.pooled(rows, "leaks_with_tagger") == (7691, 24)  # 0.31 %, docs/benchmarks.md
    session4 = [r for r in rows if r["session"] == "4"]
    assert plot_deid_leaks.pooled(session4, "leaks_rules") == (16978, 209)  # 1.23 %, session 4's locked pool
    docs = (REPO / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    for r in rows[1:]:
        rate = 100 * int(r["leaks_rules"]) / int(r["identifiers"])
        assert f"{rate:.2f} %" in docs, r
    out = plot_deid_leaks.plot(rows, tmp_path / "leaks.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
