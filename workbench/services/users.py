"""Users with roles (admin, researcher, screener) and password checking (scrypt, stdlib)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.models import User
from workbench.db.models.project import ROLES
from workbench.errors import ConflictError, NotFoundError, WorkbenchError

_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt_b64, digest_b64 = stored.split("$", 2)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt_b64), n=_N, r=_R, p=_P)
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


def add_user(
    session: Session,
    *,
    username: str,
    role: str = "researcher",
    password: str | None = None,
    display_name: str = "",
    actor: str = "system",
) -> User:
    from workbench.services import audit

    if role not in ROLES:
        raise WorkbenchError(f"unknown role '{role}' (choose one of {', '.join(ROLES)})")
    if session.scalars(select(User).where(User.username == username)).first() is not None:
        raise ConflictError(f"user '{username}' already exists")
    user = User(username=username, role=role, display_name=display_name or username,
                password_hash=hash_password(password) if password else None)
    session.add(user)
    session.flush()
    audit.record(session, actor=actor, action="user.add", entity_type="user", entity_id=user.id,
                 payload={"username": username, "role": role})
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFoundError(f"no user '{username}'")
    return user


def get_or_create_user(session: Session, username: str, *, role: str = "researcher") -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    return user if user is not None else add_user(session, username=username, role=role)


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalars(select(User).where(User.username == username, User.active.is_(True))).first()
    if user is None or not verify_password(password, user.password_hash):
        return None
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))
