"""``workbench init``, ``status``, ``demo``, ``users``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.common import JsonOpt, ProjectOpt, console, handle_errors, open_handle, print_json
from workbench.services import users as users_service
from workbench.services.project import init_project
from workbench.services.status import project_status

users_app = typer.Typer(help="Project users and roles (admin, researcher, screener).", no_args_is_help=True)


@handle_errors
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create the project in.")],
    name: Annotated[str | None, typer.Option(help="Project name (default: folder name).")] = None,
    admin_password: Annotated[str | None, typer.Option(help="Password for the 'admin' user.")] = None,
) -> None:
    """Create a new project folder (configuration, database, admin user)."""
    handle = init_project(directory, name=name, admin_password=admin_password)
    console.print(f"Created project in {handle.root}")
    handle.close()


@handle_errors
def status(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of cases, sources, turns, words, codes, codings, records and decisions."""
    handle = open_handle(project)
    with handle.session() as s:
        data = project_status(s, handle.project_id)
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        console.print(f"{key:>18}: {value}")


@handle_errors
def demo(
    directory: Annotated[Path, typer.Argument(help="Folder for the demo project (rebuilt from scratch).")],
    corpora: Annotated[Path | None, typer.Option(help="Corpora folder (default: the repository's corpora/).")] = None,
) -> None:
    """Rebuild the demo project: every capability run on the synthetic corpora."""
    from workbench.demo import build_demo

    build_demo(directory, corpora_dir=corpora, echo=console.print)


@users_app.command("add")
@handle_errors
def users_add(
    username: str,
    role: Annotated[str, typer.Option(help="admin, researcher or screener")] = "researcher",
    password: Annotated[str | None, typer.Option()] = None,
    display_name: Annotated[str, typer.Option()] = "",
    project: ProjectOpt = None,
) -> None:
    """Add a user."""
    handle = open_handle(project)
    with handle.session() as s:
        users_service.add_user(s, username=username, role=role, password=password, display_name=display_name)
    console.print(f"Added {username} ({role})")


@users_app.command("list")
@handle_errors
def users_list(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """List users."""
    handle = open_handle(project)
    with handle.session() as s:
        rows = [{"username": u.username, "role": u.role, "display_name": u.display_name}
                for u in users_service.list_users(s)]
    if as_json:
        print_json({"users": rows})
    else:
        for r in rows:
            console.print(f"{r['username']:<16} {r['role']:<11} {r['display_name']}")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("status")(status)
    app.command("demo")(demo)
    app.add_typer(users_app, name="users")
