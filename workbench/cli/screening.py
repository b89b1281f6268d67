"""``workbench screen ...`` (decide, conflicts, resolve, progress, kappa, criteria), ``prisma``, ``chart``.

``screen_app`` is shared: ``workbench.cli.prioritisation`` adds ``screen simulate`` and ``screen next``.
"""

from __future__ import annotations

import typer

screen_app = typer.Typer(help="Blinded dual screening of records.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(screen_app, name="screen")
