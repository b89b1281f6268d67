"""Cases (e.g. pseudonymised municipalities) and their typed attributes.

Standard attributes (defined on first use): ``municipality_pseudonym`` (text), ``size_class``
(category: small < 5 000, medium, large > 20 000 inhabitants), ``inhabitants`` (integer),
``allocation_model`` (category M1–M6), ``region`` (text).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.models import AttributeDefinition, Case, CaseAttribute
from workbench.db.models.project import ATTRIBUTE_TYPES
from workbench.errors import ConflictError, InputError, NotFoundError, WorkbenchError
from workbench.services import audit

STANDARD_ATTRIBUTES: dict[str, tuple[str, list[str] | None]] = {
    "municipality_pseudonym": ("text", None),
    "size_class": ("category", ["small", "medium", "large"]),
    "inhabitants": ("integer", None),
    "allocation_model": ("category", ["M1", "M2", "M3", "M4", "M5", "M6"]),
    "region": ("text", None),
}


def size_class_for(inhabitants: int) -> str:
    """The brief's municipality size classes: small < 5 000, large > 20 000, else medium."""
    if inhabitants < 5000:
        return "small"
    if inhabitants > 20000:
        return "large"
    return "medium"


@dataclass
class CaseView:
    id: int
    name: str
    description: str
    attributes: dict[str, Any]


def define_attribute(
    session: Session, project_id: int, *, name: str, dtype: str = "text",
    choices: list[str] | None = None, actor: str = "system",
) -> AttributeDefinition:
    if dtype not in ATTRIBUTE_TYPES:
        raise WorkbenchError(f"attribute '{name}': unknown type '{dtype}' (one of {', '.join(ATTRIBUTE_TYPES)})")
    existing = session.scalars(select(AttributeDefinition).where(
        AttributeDefinition.project_id == project_id, AttributeDefinition.name == name)).first()
    if existing is not None:
        return existing
    definition = AttributeDefinition(project_id=project_id, name=name, dtype=dtype, choices=choices, label=name)
    session.add(definition)
    session.flush()
    audit.record(session, actor=actor, action="attribute.define", entity_type="attribute",
                 entity_id=definition.id, payload={"name": name, "dtype": dtype, "choices": choices})
    return definition


def _definition(session: Session, project_id: int, name: str, value: str) -> AttributeDefinition:
    existing = session.scalars(select(AttributeDefinition).where(
        AttributeDefinition.project_id == project_id, AttributeDefinition.name == name)).first()
    if existing is not None:
        return existing
    if name in STANDARD_ATTRIBUTES:
        dtype, choices = STANDARD_ATTRIBUTES[name]
    else:
        dtype, choices = ("integer" if _is_int(value) else "number" if _is_float(value) else "text"), None
    return define_attribute(session, project_id, name=name, dtype=dtype, choices=choices)


def _is_int(value: str) -> bool:
    try:
        int(value.replace(" ", "").replace("\u00a0", ""))
        return True
    except ValueError:
        return False


def _is_float(value: str) -> bool:
    try:
        float(value.replace(",", ".").replace(" ", ""))
        return True
    except ValueError:
        return False


def _coerce(definition: AttributeDefinition, value: str) -> tuple[str, float | None]:
    raw = value.strip()
    if raw == "":
        return "", None
    if definition.dtype == "integer":
        cleaned = raw.replace(" ", "").replace("\u00a0", "")
        if not _is_int(cleaned):
            raise WorkbenchError(f"attribute '{definition.name}' is an integer; '{raw}' is not")
        return str(int(cleaned)), float(int(cleaned))
    if definition.dtype == "number":
        cleaned = raw.replace(",", ".").replace(" ", "")
        if not _is_float(cleaned):
            raise WorkbenchError(f"attribute '{definition.name}' is a number; '{raw}' is not")
        return cleaned, float(cleaned)
    if definition.dtype == "boolean":
        low = raw.lower()
        if low in ("true", "ja", "yes", "1"):
            return "true", 1.0
        if low in ("false", "nei", "no", "0"):
            return "false", 0.0
        raise WorkbenchError(f"attribute '{definition.name}' is yes/no; '{raw}' is not")
    if definition.dtype == "category" and definition.choices and raw not in definition.choices:
        raise WorkbenchError(
            f"attribute '{definition.name}' must be one of {', '.join(definition.choices)}; got '{raw}'")
    return raw, None


def get_case(session: Session, project_id: int, name: str) -> Case:
    case = session.scalars(select(Case).where(Case.project_id == project_id, Case.name == name)).first()
    if case is None:
        raise NotFoundError(f"no case '{name}'")
    return case


def add_case(
    session: Session, project_id: int, *, name: str, description: str = "",
    attributes: dict[str, str] | None = None, actor: str = "system", exist_ok: bool = False,
) -> Case:
    name = name.strip()
    if not name:
        raise WorkbenchError("a case needs a name")
    existing = session.scalars(select(Case).where(Case.project_id == project_id, Case.name == name)).first()
    if existing is not None:
        if exist_ok:
            return existing
        raise ConflictError(f"case '{name}' already exists")
    case = Case(project_id=project_id, name=name, description=description)
    session.add(case)
    session.flush()
    audit.record(session, actor=actor, action="case.add", entity_type="case", entity_id=case.id,
                 payload={"name": name})
    if attributes:
        set_attributes(session, project_id, case_name=name, values=attributes, actor=actor)
    return case


def set_attributes(
    session: Session, project_id: int, *, case_name: str, values: dict[str, str], actor: str = "system",
) -> Case:
    case = get_case(session, project_id, case_name)
    values = dict(values)
    inhabitants = values.get("inhabitants", "").replace(" ", "").replace("\u00a0", "")
    if inhabitants and "size_class" not in values and _is_int(inhabitants):
        values["size_class"] = size_class_for(int(inhabitants))
    for name, value in values.items():
        definition = _definition(session, project_id, name, str(value))
        text, number = _coerce(definition, str(value))
        attr = next((a for a in case.attributes if a.definition_id == definition.id), None)
        old = attr.value_text if attr else None
        if attr is None:
            attr = CaseAttribute(case=case, definition=definition, definition_id=definition.id)
            session.add(attr)
        attr.value_text, attr.value_number = text, number
        audit.record(session, actor=actor, action="case.set_attribute", entity_type="case",
                     entity_id=case.id, payload={"attribute": name, "old": old, "new": text})
    session.flush()
    return case


def _typed(attr: CaseAttribute) -> Any:
    if attr.value_text == "":
        return None
    if attr.definition.dtype == "integer":
        return int(attr.value_text)
    if attr.definition.dtype == "number":
        return attr.value_number
    if attr.definition.dtype == "boolean":
        return attr.value_text == "true"
    return attr.value_text


def list_cases(session: Session, project_id: int) -> list[CaseView]:
    cases = session.scalars(select(Case).where(Case.project_id == project_id).order_by(Case.name))
    return [CaseView(id=c.id, name=c.name, description=c.description,
                     attributes={a.definition.name: _typed(a) for a in c.attributes}) for c in cases]


def import_cases_csv(session: Session, project_id: int, path: Path, *, actor: str = "system") -> list[Case]:
    """Read ``cases.csv`` (column ``case`` or ``name``, other columns are attributes); all-or-nothing."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read CSV ({exc.__class__.__name__})", path=str(path)) from exc
    if not rows:
        raise InputError("no rows", path=str(path))
    key = "case" if "case" in rows[0] else "name" if "name" in rows[0] else None
    if key is None:
        raise InputError("needs a 'case' (or 'name') column", path=str(path), line=1)
    out = []
    for lineno, row in enumerate(rows, start=2):
        name = (row.pop(key) or "").strip()
        description = row.pop("description", "") or ""
        if not name:
            raise InputError("empty case name", path=str(path), line=lineno)
        try:
            case = add_case(session, project_id, name=name, description=description, actor=actor, exist_ok=True)
            set_attributes(session, project_id, case_name=name,
                           values={k: v for k, v in row.items() if k and v is not None}, actor=actor)
        except WorkbenchError as exc:
            raise InputError(str(exc), path=str(path), line=lineno) from exc
        out.append(case)
    return out
