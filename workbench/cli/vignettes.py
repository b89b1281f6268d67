"""``workbench vignettes import|compare``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from workbench.cli.common import (
    ActorOpt,
    JsonOpt,
    ProjectOpt,
    console,
    handle_errors,
    open_handle,
    print_json,
)
from workbench.services import vignettes as service

vignettes_app = typer.Typer(help="Vignette studies: compare municipalities' decisions.", no_args_is_help=True)


@vignettes_app.command("import")
@handle_errors
def import_(folder: Path, project: ProjectOpt = None, user: ActorOpt = "admin") -> None:
    """Import applicants.csv, decisions.csv and unit_costs.csv from FOLDER (replaces an earlier import)."""
    counts = service.import_vignette_study(open_handle(project), folder, actor=user)
    console.print(f"Imported {counts['vignettes']} vignettes, {counts['decisions']} decisions, "
                  f"{counts['unit_costs']} unit costs")


@vignettes_app.command("compare")
@handle_errors
def compare(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """Hours and monthly cost per municipality, and the difference from the others' average."""
    handle = open_handle(project)
    with handle.session() as s:
        result = service.compare(s, handle.project_id)
    if as_json:
        print_json(result)
        return
    table = Table("Kommune", "Timer/mnd", "Kr/mnd", "Diff. timer", "Diff. kr")
    for name, row in result["municipalities"].items():
        diff = result["difference_from_others"].get(name, {})
        table.add_row(name, f"{row['hours_per_month']:.1f}", f"{row['cost_per_month']:,.0f}".replace(",", " "),
                      f"{diff.get('hours_per_month', 0):+.1f}", f"{diff.get('cost_per_month', 0):+,.0f}".replace(",", " "))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(vignettes_app, name="vignettes")
