"""Draw the PRISMA-ScR flow diagram (SVG and PNG, matplotlib) and write its counts as CSV."""

from __future__ import annotations

import csv
import textwrap
from pathlib import Path

from workbench.domain.prisma import CSV_HEADER, Layout, PrismaCounts, csv_rows

WIDTH_IN = 10.0
COLUMNS = {0: (1.25, 5.35), 1: (6.0, 9.8)}  # x from, x to (inches)
LINE_H = 0.2
PAD = 0.14
ROW_GAP = 0.42
WRAP = {0: 46, 1: 42}


def _wrapped(lines: list[str], column: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        parts = textwrap.wrap(line.strip(), WRAP[column] - len(indent)) or [""]
        out.append(indent + parts[0])
        out.extend(indent + "  " + p for p in parts[1:])
    return out


def draw(layout: Layout, *, svg_path: Path | None = None, png_path: Path | None = None, dpi: int = 200) -> None:
    """Render ``layout`` to SVG (text kept as text) and/or PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    wrapped = {b.key: _wrapped(b.lines, b.column) for b in layout.boxes}
    n_rows = max(b.row for b in layout.boxes) + 1
    row_h = [max(0.8, max(len(wrapped[b.key]) for b in layout.boxes if b.row == r) * LINE_H + 2 * PAD)
             for r in range(n_rows)]
    title_h = 0.6
    height = title_h + sum(row_h) + ROW_GAP * (n_rows - 1) + 0.3
    tops = []
    y = height - title_h
    for r in range(n_rows):
        tops.append(y)
        y -= row_h[r] + ROW_GAP

    geometry: dict[str, tuple[float, float, float, float]] = {}  # x0, y0 (bottom), x1, y1 (top)
    with plt.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        fig = plt.figure(figsize=(WIDTH_IN, height))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, WIDTH_IN)
        ax.set_ylim(0, height)
        ax.axis("off")
        ax.text(WIDTH_IN / 2, height - 0.3, layout.title, ha="center", va="center", fontsize=13, weight="bold")
        for b in layout.boxes:
            x0, x1 = COLUMNS[b.column]
            lines = wrapped[b.key]
            h = len(lines) * LINE_H + 2 * PAD
            top = tops[b.row]
            if b.column == 1:  # centre side boxes on the row's main box
                main_h = row_h[b.row]
                top = tops[b.row] - (main_h - h) / 2 if h < main_h else top
            y0 = top - h
            geometry[b.key] = (x0, y0, x1, top)
            face = "#eef4fb" if b.column == 0 else "#ffffff"
            ax.add_patch(FancyBboxPatch((x0, y0), x1 - x0, h, boxstyle="round,pad=0,rounding_size=0.05",
                                        linewidth=1.1, edgecolor="#24476b", facecolor=face))
            for i, line in enumerate(lines):
                ax.text(x0 + 0.12, top - PAD - (i + 0.5) * LINE_H, line, ha="left", va="center", fontsize=9)
        for label, first, last in layout.phases:
            top = tops[first]
            bottom = tops[last] - row_h[last]
            ax.add_patch(FancyBboxPatch((0.25, bottom), 0.55, top - bottom, boxstyle="round,pad=0,rounding_size=0.05",
                                        linewidth=0, facecolor="#9dc3e6"))
            ax.text(0.525, (top + bottom) / 2, label, rotation=90, ha="center", va="center", fontsize=10,
                    weight="bold")
        for src, dst in layout.arrows:
            sx0, sy0, sx1, sy1 = geometry[src]
            dx0, dy0, dx1, dy1 = geometry[dst]
            if dx0 > sx1:  # to the side
                ymid = (max(sy0, dy0) + min(sy1, dy1)) / 2
                start, end = (sx1, ymid), (dx0, ymid)
            else:
                xmid = (sx0 + sx1) / 2
                start, end = (xmid, sy0), (xmid, dy1)
            ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, linewidth=1.1,
                                         color="#24476b"))
        if svg_path is not None:
            fig.savefig(svg_path, format="svg")
        if png_path is not None:
            fig.savefig(png_path, format="png", dpi=dpi)
        plt.close(fig)


def write_csv(counts: PrismaCounts, path: Path) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_HEADER)
        writer.writerows(csv_rows(counts))
