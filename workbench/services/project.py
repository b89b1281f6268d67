"""Create and open projects.

A ``ProjectHandle`` bundles a project's folder, configuration, engine and session factory::

    handle = open_project("demo")
    with handle.session() as s:
        ...
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from workbench.config import CONFIG_FILE, DEFAULTS, ProjectConfig, load_config, write_config
from workbench.db.models import Project
from workbench.db.session import connect, session_factory, session_scope
from workbench.errors import NotFoundError, WorkbenchError
from workbench.services import audit, users


@dataclass
class ProjectHandle:
    config: ProjectConfig
    engine: Engine
    factory: sessionmaker[Session]
    project_id: int

    @property
    def root(self) -> Path:
        return self.config.root

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction on the project database (all-or-nothing)."""
        with session_scope(self.factory) as s:
            yield s

    def project(self, session: Session) -> Project:
        proj = session.get(Project, self.project_id)
        if proj is None:  # pragma: no cover - guarded by open_project
            raise NotFoundError("project row missing")
        return proj

    def close(self) -> None:
        self.engine.dispose()


def init_project(
    root: str | Path,
    *,
    name: str | None = None,
    admin_username: str = "admin",
    admin_password: str | None = None,
    language: str = "nb",
) -> ProjectHandle:
    """Create a project folder with configuration, database (migrated to head) and an admin user."""
    root = Path(root)
    if (root / CONFIG_FILE).exists():
        raise WorkbenchError(f"{root}: already a workbench project ({CONFIG_FILE} exists)")
    root.mkdir(parents=True, exist_ok=True)
    for sub in ("attachments", "keys", "exports"):
        (root / sub).mkdir(exist_ok=True)
    settings = {"name": name or root.resolve().name, "language": language,
                "coding_unit": DEFAULTS["coding_unit"], "key_dir": "keys"}
    write_config(root, settings)
    config = load_config(root)
    engine = connect(config.database_url)
    factory = session_factory(engine)
    with session_scope(factory) as s:
        existing = s.scalars(select(Project)).first()
        if existing is not None:
            raise WorkbenchError(
                f"{root}: the database already holds project '{existing.name}'; "
                "use an empty database per project"
            )
        proj = Project(name=settings["name"], language=language, settings={})
        s.add(proj)
        s.flush()
        users.add_user(s, username=admin_username, role="admin", password=admin_password,
                       display_name="Administrator", actor="system")
        audit.record(s, actor="system", action="project.init", entity_type="project",
                     entity_id=str(proj.id), payload={"name": proj.name})
        project_id = proj.id
    return ProjectHandle(config=config, engine=engine, factory=factory, project_id=project_id)


def open_project(root: str | Path) -> ProjectHandle:
    """Open an existing project folder (migrating its database to head if needed)."""
    root = Path(root)
    if not (root / CONFIG_FILE).exists():
        raise NotFoundError(f"{root}: not a workbench project (no {CONFIG_FILE}); run 'workbench init {root}'")
    config = load_config(root)
    engine = connect(config.database_url)
    factory = session_factory(engine)
    with session_scope(factory) as s:
        proj = s.scalars(select(Project).order_by(Project.id)).first()
        if proj is None:
            raise NotFoundError(f"{root}: the database holds no project")
        project_id = proj.id
    return ProjectHandle(config=config, engine=engine, factory=factory, project_id=project_id)
