"""Shared fixtures: temporary projects on SQLite and on a throwaway PostgreSQL server.

PostgreSQL: ``WORKBENCH_TEST_POSTGRES_URL`` if set, else a server started here from Debian's
binaries (``initdb`` in a temp folder, Unix socket only, stopped at the end). ``make test`` installs
PostgreSQL and sets ``WORKBENCH_REQUIRE_SYSTEM_DEPS=1``, so a missing server fails instead of skipping.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = REPO.parent / "shared"


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A base URL (no database name) of a running PostgreSQL server."""
    env_url = os.environ.get("WORKBENCH_TEST_POSTGRES_URL")
    if env_url:
        yield env_url
        return
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("WORKBENCH_REQUIRE_SYSTEM_DEPS") == "1":
            pytest.fail("PostgreSQL is not installed (make test installs Debian's postgresql)")
        pytest.skip("PostgreSQL not installed")
    tmp = Path(tempfile.mkdtemp(prefix="wb-pg-"))
    datadir, sockdir = tmp / "data", tmp / "sock"
    sockdir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        shutil.chown(sockdir, "postgres")
    port = 50000 + (os.getpid() % 10000)
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(datadir), "-A", "trust", "-U", "postgres",
                                 "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]),
                   check=True, capture_output=True)
    opts = f"-p {port} -k {sockdir} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(datadir), "-o", opts, "-w", "-l",
                                 str(tmp / "log"), "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@/?host={sockdir}&port={port}"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def _with_db(base: str, dbname: str) -> str:
    prefix, _, query = base.partition("?")
    return f"{prefix.rstrip('/')}/{dbname}?{query}" if query else f"{prefix.rstrip('/')}/{dbname}"


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    import sqlalchemy as sa

    dbname = "wb_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(_with_db(postgres_server, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{dbname}"'))
    try:
        yield _with_db(postgres_server, dbname)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Parametrises a storage test over both supported databases."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A fresh project on SQLite, with users 'admin' (admin), 'ingrid' and 'lars' (researchers)."""
    from workbench.services import users
    from workbench.services.project import init_project

    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    handle = init_project(tmp_path / "proj", name="Test", admin_password="pw")
    with handle.session() as s:
        users.add_user(s, username="ingrid", role="researcher", password="pw")
        users.add_user(s, username="lars", role="researcher", password="pw")
    yield handle
    handle.close()


@pytest.fixture
def pg_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres_url: str):  # type: ignore[no-untyped-def]
    """The same as ``project`` but stored in PostgreSQL (WORKBENCH_DATABASE_URL)."""
    from workbench.services import users
    from workbench.services.project import init_project

    monkeypatch.setenv("WORKBENCH_DATABASE_URL", postgres_url)
    handle = init_project(tmp_path / "pgproj", name="Test PG", admin_password="pw")
    with handle.session() as s:
        users.add_user(s, username="ingrid", role="researcher", password="pw")
        users.add_user(s, username="lars", role="researcher", password="pw")
    yield handle
    handle.close()
