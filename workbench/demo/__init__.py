"""``workbench demo DIR``: build the demo project from ``corpora/``, running every capability.

Steps run in workflow order. Each feature area owns one step module in this package with a
``run(ctx)`` function; a newcomer opening the demo sees the whole workflow.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.services.project import ProjectHandle, init_project

REPO_ROOT = Path(__file__).resolve().parents[2]

# user name, password, role, display name: listed in README.md
DEMO_ACCOUNTS = [
    ("admin", "admin-demo", "admin", "Administrator"),
    ("ingrid", "ingrid-demo", "researcher", "Ingrid (koder A)"),
    ("lars", "lars-demo", "researcher", "Lars (koder B)"),
    ("sara", "sara-demo", "screener", "Sara (screener A)"),
    ("jonas", "jonas-demo", "screener", "Jonas (screener B)"),
    ("mette", "mette-demo", "researcher", "Mette (tredje leser)"),
]
DEMO_KEY_PASSPHRASE = "demo-nokkel-2026"

STEP_MODULES = ["foundation", "deid", "coding", "records", "screening", "prioritisation", "vignettes",
                "deid_waiting"]


@dataclass
class DemoContext:
    handle: ProjectHandle
    corpora: Path
    echo: Callable[[str], Any]
    data: dict[str, Any] = field(default_factory=dict)


def build_demo(directory: str | Path, *, corpora_dir: Path | None = None,
               echo: Callable[[str], Any] = print) -> ProjectHandle:
    directory = Path(directory)
    corpora = corpora_dir or REPO_ROOT / "corpora"
    if directory.exists():
        shutil.rmtree(directory)
    handle = init_project(directory, name="Demo: tildeling av helse- og omsorgstjenester",
                          admin_password=DEMO_ACCOUNTS[0][1])
    ctx = DemoContext(handle=handle, corpora=corpora, echo=echo)
    for name in STEP_MODULES:
        try:
            module = importlib.import_module(f"workbench.demo.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"workbench.demo.{name}":
                continue
            raise
        echo(f"[demo] {name}")
        module.run(ctx)
    echo(f"[demo] done: {directory}")
    return handle
