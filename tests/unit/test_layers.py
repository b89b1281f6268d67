"""Architecture rules (docs/ARCHITECTURE.md), checked on the source with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_library_never_imports_streamlit() -> None:
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "workbench").rglob("*.py")
                 if any(n == "streamlit" or n.startswith("streamlit.") for n in imports_of(p))]
    assert offenders == []


def test_pages_call_services_not_storage_or_nlp() -> None:
    forbidden = ("sqlalchemy", "spacy", "workbench.db", "sklearn", "workbench.io")
    offenders = {}
    for page in (REPO / "ui" / "pages").glob("*.py"):
        bad = sorted(n for n in imports_of(page) if n.startswith(forbidden))
        if bad:
            offenders[page.name] = bad
    assert offenders == {}
