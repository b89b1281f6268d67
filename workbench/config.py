"""Project configuration, layered: defaults < DIR/workbench.toml < WORKBENCH_* environment < CLI flag.

A project is a folder. It holds ``workbench.toml`` (settings), ``workbench.db`` (SQLite, unless
``WORKBENCH_DATABASE_URL`` or ``database_url`` in the toml points elsewhere), ``attachments/``
(PDFs and other files) and, kept apart from the data, the encrypted de-identification key
(``keys/`` by default; researchers may move it elsewhere).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_FILE = "workbench.toml"
DB_FILE = "workbench.db"

DEFAULTS: dict[str, Any] = {
    "name": "Workbench project",
    "language": "nb",
    "coding_unit": "turn",  # turn | paragraph | sentence
    "require_deid": True,
    "key_dir": "keys",
    "exclusion_reasons": [
        "Feil populasjon",
        "Feil konsept",
        "Feil kontekst",
        "Feil publikasjonstype",
        "Fulltekst ikke tilgjengelig",
        "Duplikat",
    ],
}


@dataclass
class ProjectConfig:
    """Resolved settings for one project folder."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def database_url(self) -> str:
        env = os.environ.get("WORKBENCH_DATABASE_URL")
        if env:
            return env
        url = self.settings.get("database_url")
        if url:
            return str(url)
        return f"sqlite:///{(self.root / DB_FILE).resolve()}"

    @property
    def key_dir(self) -> Path:
        env = os.environ.get("WORKBENCH_KEY_DIR")
        path = Path(env) if env else Path(self.settings.get("key_dir", "keys"))
        return path if path.is_absolute() else self.root / path

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    def get(self, key: str, default: Any = None) -> Any:
        env_key = "WORKBENCH_" + key.upper()
        if env_key in os.environ:
            return os.environ[env_key]
        return self.settings.get(key, DEFAULTS.get(key, default))


def resolve_project_dir(project: str | Path | None) -> Path:
    """The project folder: the CLI flag, else ``$WORKBENCH_PROJECT``, else the current folder."""
    if project is not None and str(project) != "":
        return Path(project)
    env = os.environ.get("WORKBENCH_PROJECT")
    return Path(env) if env else Path(".")


def load_config(root: str | Path) -> ProjectConfig:
    """Read ``workbench.toml`` of a project folder (missing file = defaults only)."""
    root = Path(root)
    settings = dict(DEFAULTS)
    cfg = root / CONFIG_FILE
    if cfg.exists():
        with cfg.open("rb") as fh:
            settings.update(tomllib.load(fh))
    return ProjectConfig(root=root, settings=settings)


def write_config(root: Path, settings: dict[str, Any]) -> None:
    """Write a simple flat ``workbench.toml`` (strings, numbers, booleans, lists of strings)."""
    lines = []
    for key, value in settings.items():
        lines.append(f"{key} = {_toml_value(value)}")
    (root / CONFIG_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
