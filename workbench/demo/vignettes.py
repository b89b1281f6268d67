"""Demo step: the vignette study (9 applicants × 4 municipalities) and its cost comparison."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.services import vignettes

if TYPE_CHECKING:
    from workbench.demo import DemoContext


def run(ctx: DemoContext) -> None:
    counts = vignettes.import_vignette_study(ctx.handle, ctx.corpora / "vignettes", actor="admin")
    with ctx.handle.session() as s:
        result = vignettes.compare(s, ctx.handle.project_id)
    top = max(result["difference_from_others"].items(), key=lambda kv: kv[1]["cost_per_month"])
    spread = max(result["service_spread_hours"].items(), key=lambda kv: kv[1])
    ctx.echo(f"  {counts['vignettes']} vignettes, {counts['decisions']} decisions; {top[0]} costs "
             f"{top[1]['cost_per_month']:,.0f} kr/month more than the others' average; "
             f"largest spread: {spread[0]} {spread[1]:.0f} hours/month".replace(",", " "))
