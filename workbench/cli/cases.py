"""``workbench cases list|add|set|import``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.common import (
    ActorOpt,
    JsonOpt,
    ProjectOpt,
    console,
    handle_errors,
    open_handle,
    print_json,
)
from workbench.errors import WorkbenchError
from workbench.services import cases as cases_service

cases_app = typer.Typer(help="Cases (municipalities) and their attributes.", no_args_is_help=True)


def _parse_assignments(items: list[str]) -> dict[str, str]:
    values = {}
    for item in items:
        if "=" not in item:
            raise WorkbenchError(f"attribute '{item}' must be written NAME=VALUE")
        key, value = item.split("=", 1)
        values[key.strip()] = value.strip()
    return values


@cases_app.command("list")
@handle_errors
def list_(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """List cases with their attributes."""
    handle = open_handle(project)
    with handle.session() as s:
        rows = cases_service.list_cases(s, handle.project_id)
    if as_json:
        print_json({"cases": [{"name": c.name, "description": c.description, "attributes": c.attributes}
                              for c in rows]})
        return
    for c in rows:
        attrs = ", ".join(f"{k}={v}" for k, v in sorted(c.attributes.items()))
        console.print(f"[bold]{c.name}[/bold]  {attrs}")


@cases_app.command("add")
@handle_errors
def add(
    name: str,
    attributes: Annotated[list[str] | None, typer.Argument(help="NAME=VALUE attributes")] = None,
    description: Annotated[str, typer.Option()] = "",
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Add a case, optionally with attributes (e.g. inhabitants=4200 allocation_model=M2)."""
    handle = open_handle(project)
    with handle.session() as s:
        cases_service.add_case(s, handle.project_id, name=name, description=description,
                               attributes=_parse_assignments(attributes or []), actor=user)
    console.print(f"Added case {name}")


@cases_app.command("set")
@handle_errors
def set_(
    name: str,
    attributes: Annotated[list[str], typer.Argument(help="NAME=VALUE attributes")],
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Set attributes of a case (typed: integers, numbers, categories are checked)."""
    handle = open_handle(project)
    with handle.session() as s:
        cases_service.set_attributes(s, handle.project_id, case_name=name,
                                     values=_parse_assignments(attributes), actor=user)
    console.print(f"Updated case {name}")


@cases_app.command("import")
@handle_errors
def import_(csv_path: Path, project: ProjectOpt = None, user: ActorOpt = "admin") -> None:
    """Import cases and attributes from a CSV (column 'case', other columns attributes)."""
    handle = open_handle(project)
    with handle.session() as s:
        cases = cases_service.import_cases_csv(s, handle.project_id, csv_path, actor=user)
    console.print(f"Imported {len(cases)} cases")


def register(app: typer.Typer) -> None:
    app.add_typer(cases_app, name="cases")
