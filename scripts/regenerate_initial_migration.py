"""Regenerate the single initial migration from the models (pre-release only).

Until the first release the schema has one migration, ``0001_initial``. After changing models,
run ``make migration``. Once a release exists, add new revisions with
``alembic revision --autogenerate`` instead of using this script.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from workbench.db.session import MIGRATIONS_DIR, alembic_config

versions = MIGRATIONS_DIR / "versions"
for old in versions.glob("0001_*.py"):
    old.unlink()
with tempfile.TemporaryDirectory() as tmp:
    url = f"sqlite:///{Path(tmp) / 'empty.db'}"
    cfg = alembic_config(url)
    command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
generated = next(versions.glob("0001_*.py"))
generated.rename(versions / "0001_initial.py")
print(f"wrote {versions / '0001_initial.py'}")
