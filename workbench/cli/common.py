"""Shared CLI plumbing: the ``--project`` option, error handling, JSON output, progress."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from workbench.config import resolve_project_dir
from workbench.errors import WorkbenchError
from workbench.services.project import ProjectHandle, open_project

F = TypeVar("F", bound=Callable[..., Any])

err_console = Console(stderr=True)
console = Console()

ProjectOpt = Annotated[
    Path | None,
    typer.Option("--project", "-p", help="Project folder (default: $WORKBENCH_PROJECT, else the current folder)."),
]
ActorOpt = Annotated[str, typer.Option("--user", "-u", help="Acting user name (recorded in the audit log).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def handle_errors(func: F) -> F:
    """Turn a ``WorkbenchError`` into a one-line message on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WorkbenchError as exc:
            sys.stderr.write(f"error: {exc}\n")
            raise typer.Exit(code=exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def open_handle(project: Path | None) -> ProjectHandle:
    return open_project(resolve_project_dir(project))


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, nothing else on stdout (scripts parse it)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
