"""Codebook files: YAML schema, validation (pydantic) and round-trip.

A codebook file has a ``codebook`` header (id, name, version, language, description) and a flat
``codes`` list. Each code has ``id`` (e.g. ``Q6``, the contract key), ``name`` (Norwegian),
``definition``, ``when_to_use``, ``when_not_to_use``, ``example``, ``indicators`` (terms or
phrases), optional ``exclude`` terms, ``parent`` (id of another code) and ``colour`` (#rrggbb).

Validation errors name the file, the code and the field; a file with any error loads nothing:
duplicate ids, missing fields, unknown parents and cycles in the hierarchy are all refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from workbench.errors import InputError

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
CODE_ID = re.compile(r"^[A-Za-zÆØÅæøå0-9_.\-]{1,40}$")


class CodeSpec(BaseModel):
    """One code of a codebook file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str
    name: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    when_to_use: str = Field(min_length=1)
    when_not_to_use: str = Field(min_length=1)
    example: str = Field(min_length=1)
    indicators: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    parent: str | None = None
    colour: str = "#888888"
    name_en: str | None = None

    @field_validator("id")
    @classmethod
    def _id_ok(cls, value: str) -> str:
        if not CODE_ID.match(value):
            raise ValueError("must be 1-40 letters, digits, '_', '.' or '-'")
        return value

    @field_validator("colour")
    @classmethod
    def _colour_ok(cls, value: str) -> str:
        if not HEX_COLOUR.fullmatch(value):
            raise ValueError("must be a colour like #1f77b4")
        return value.lower()

    @field_validator("indicators", "exclude")
    @classmethod
    def _terms_ok(cls, value: list[str]) -> list[str]:
        out = []
        for term in value:
            term = str(term).strip()
            if not term:
                raise ValueError("empty term")
            out.append(term)
        return out


class CodebookHeader(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    version: int = 1
    language: str = "nb"
    description: str = ""


class CodebookSpec(BaseModel):
    """A validated codebook (header + codes in file order)."""

    model_config = ConfigDict(extra="forbid")

    codebook: CodebookHeader
    codes: list[CodeSpec]

    def by_id(self) -> dict[str, CodeSpec]:
        return {c.id: c for c in self.codes}

    def children(self, code_id: str) -> list[CodeSpec]:
        return [c for c in self.codes if c.parent == code_id]

    def leaf_ids(self) -> list[str]:
        parents = {c.parent for c in self.codes if c.parent}
        return [c.id for c in self.codes if c.id not in parents]

    def to_dict(self) -> dict[str, Any]:
        data = self.model_dump(exclude_none=True)
        for code in data["codes"]:
            if not code.get("exclude"):
                code.pop("exclude", None)
        return data


def _field_path(loc: tuple[Any, ...], raw_codes: list[Any]) -> str:
    """'code Q6, field definition' from a pydantic error location."""
    if len(loc) >= 2 and loc[0] == "codes" and isinstance(loc[1], int):
        idx = loc[1]
        cid = None
        if idx < len(raw_codes) and isinstance(raw_codes[idx], dict):
            cid = raw_codes[idx].get("id")
        who = f"code {cid}" if cid else f"code #{idx + 1}"
        rest = ".".join(str(p) for p in loc[2:]) or "(code)"
        return f"{who}, field {rest}"
    return "field " + ".".join(str(p) for p in loc)


def check_structure(spec: CodebookSpec, *, path: str = "<codebook>") -> None:
    """Duplicate ids, unknown parents and cycles; raises :class:`InputError`."""
    seen: set[str] = set()
    for code in spec.codes:
        if code.id in seen:
            raise InputError(f"code {code.id}: duplicate id", path=path)
        seen.add(code.id)
    parents = {c.id: c.parent for c in spec.codes}
    for code in spec.codes:
        if code.parent is not None and code.parent not in parents:
            raise InputError(f"code {code.id}, field parent: unknown code '{code.parent}'", path=path)
    for code in spec.codes:
        chain = [code.id]
        current = code.parent
        while current is not None:
            if current in chain:
                cycle = " -> ".join([*chain[chain.index(current):], current])
                raise InputError(f"code {code.id}, field parent: cycle in the hierarchy ({cycle})", path=path)
            chain.append(current)
            current = parents.get(current)


def parse_codebook(data: Any, *, path: str = "<codebook>") -> CodebookSpec:
    """Validate already-parsed YAML/JSON data."""
    if not isinstance(data, dict):
        raise InputError("a codebook must be a mapping with 'codebook' and 'codes'", path=path)
    raw_codes = data.get("codes") if isinstance(data.get("codes"), list) else []
    try:
        spec = CodebookSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _field_path(tuple(first["loc"]), raw_codes)
        msg = first["msg"]
        if first["type"] == "missing":
            msg = "missing required field"
        more = f" (and {exc.error_count() - 1} more problem(s))" if exc.error_count() > 1 else ""
        raise InputError(f"{where}: {msg}{more}", path=path) from None
    check_structure(spec, path=path)
    return spec


def load_codebook(path: str | Path) -> CodebookSpec:
    """Read and validate a codebook file (YAML, or REFI-QDA ``.qdc``); all of it valid or an error."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read codebook ({exc.__class__.__name__})", path=str(path)) from None
    if path.suffix.lower() == ".qdc":
        from workbench.coding.refi import from_qdc

        return from_qdc(text, path=str(path))
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError("not valid YAML", path=str(path), line=line) from None
    return parse_codebook(data, path=str(path))


def dump_codebook(spec: CodebookSpec) -> str:
    """YAML text of a codebook (stable key order, Unicode kept)."""
    return yaml.safe_dump(spec.to_dict(), allow_unicode=True, sort_keys=False, width=110)


def diff_codebooks(old: CodebookSpec, new: CodebookSpec) -> dict[str, Any]:
    """Codes added, removed and changed (field by field) between two codebook versions."""
    a, b = old.by_id(), new.by_id()
    changed: dict[str, dict[str, Any]] = {}
    for cid in sorted(set(a) & set(b)):
        da, db = a[cid].model_dump(), b[cid].model_dump()
        fields = {k: {"old": da[k], "new": db[k]} for k in da if da[k] != db[k]}
        if fields:
            changed[cid] = fields
    return {"added": sorted(set(b) - set(a)), "removed": sorted(set(a) - set(b)), "changed": changed}
