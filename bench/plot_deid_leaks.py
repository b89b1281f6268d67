"""Plot the de-identification leak rate of every locked batch's first run (sessions 3-5), rules alone and with
the learned tagger, against the 1 % target.

    .venv/bin/python bench/plot_deid_leaks.py            # writes docs/img/deid_leak_rate.png

The figures come from ``bench/data/deid_locked_first_runs.csv`` (one row per locked batch: its sets, the
commit it ran on, its identifiers and the identifiers that survived; the tables in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data" / "deid_locked_first_runs.csv"
OUT = REPO / "docs" / "img" / "deid_leak_rate.png"


def read_rows(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def pooled(rows: list[dict[str, str]], column: str) -> tuple[int, int]:
    """(identifiers, leaks) over the rows that have ``column``."""
    used = [r for r in rows if r[column]]
    return sum(int(r["identifiers"]) for r in used), sum(int(r[column]) for r in used)


def plot(rows: list[dict[str, str]], out: Path = OUT) -> Path:
    labels = [f"S{r['session']} {r['batch']}\n{r['sets']}" for r in rows]
    x = list(range(len(rows)))
    rules = [100 * int(r["leaks_rules"]) / int(r["identifiers"]) for r in rows]
    tagged = [(i, 100 * int(r["leaks_with_tagger"]) / int(r["identifiers"])) for i, r in enumerate(rows)
              if r["leaks_with_tagger"]]
    fig, ax = plt.subplots(figsize=(10, 4.2), dpi=120)
    ax.plot(x, rules, "o-", color="#8c8c8c", label="rules alone")
    ax.plot([i for i, _ in tagged], [v for _, v in tagged], "o-", color="#1f6fb2", linewidth=2,
            label="rules + learned tagger")
    ax.axhline(1.0, color="#c0392b", linestyle="--", linewidth=1)
    ax.text(len(rows) - 0.5, 1.03, "target ≤ 1 %", color="#c0392b", ha="right", va="bottom", fontsize=9)
    for i, v in tagged:
        ax.annotate(f"{v:.2f} %", (i, v), textcoords="offset points", xytext=(0, -14), ha="center", fontsize=8,
                    color="#1f6fb2")
    ax.set_xticks(x, labels, fontsize=7)
    ax.set_ylabel("leak rate after apply (%)")
    ax.set_ylim(0, max(rules) * 1.15)
    ax.set_title("De-identification, first run on locked held-out batches (never seen before the run)",
                 fontsize=10)
    ax.legend(loc="upper right", fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = read_rows()
    path = plot(rows, args.out)
    ids, leaks = pooled(rows, "leaks_with_tagger")
    ids_r, leaks_r = pooled([r for r in rows if r["leaks_with_tagger"]], "leaks_rules")
    print(f"wrote {path}; batches with the tagger: {leaks} of {ids} identifiers = {100 * leaks / ids:.2f} % "
          f"(rules alone on the same sets: {100 * leaks_r / ids_r:.2f} %)")


if __name__ == "__main__":
    main()
