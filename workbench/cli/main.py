"""``workbench`` command line: assembles one module per command group.

Each module exposes ``register(app)``; commands stay thin and call ``workbench.services``.
"""

from __future__ import annotations

import typer

from workbench.cli import cases, imports, project_cmds

app = typer.Typer(
    name="workbench",
    help="Qualitative-research and scoping-review workbench (de-identify, code, screen, compare, export).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for module in (project_cmds, cases, imports):
    module.register(app)


def _register_optional() -> None:
    """Register command groups of the feature areas (each area owns its module)."""
    import importlib

    for name in ("deid", "coding", "records", "screening", "prioritisation", "vignettes"):
        try:
            module = importlib.import_module(f"workbench.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"workbench.cli.{name}":
                continue
            raise
        module.register(app)


_register_optional()

if __name__ == "__main__":  # pragma: no cover
    app()
