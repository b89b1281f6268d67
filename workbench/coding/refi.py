"""REFI-QDA codebook exchange (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``).

Export writes every code as ``<Code guid name="Q6: Tilgjengelige …" isCodable color>`` nested by
hierarchy; the definition, when to use / not to use, example and indicator terms go into
``<Description>`` as labelled lines, so NVivo, ATLAS.ti, MAXQDA or QualCoder users see them and a
re-import restores them. GUIDs are stable (UUID5 of codebook id and code id). Import accepts
codebooks from other tools: a name without ``ID: `` gets an id made from the name, and fields
missing from the description become ``-``.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from typing import Any
from xml.etree import ElementTree as ET

from workbench.coding.codebook import CodebookSpec, parse_codebook
from workbench.errors import InputError

NS = "urn:QDA-XML:codebook:1.0"
LABELS = [("definition", "Definisjon"), ("when_to_use", "Bruk når"), ("when_not_to_use", "Ikke bruk når"),
          ("example", "Eksempel"), ("indicators", "Indikatorer"), ("exclude", "Unntak")]
_NAME_ID = re.compile(r"^([A-Za-zÆØÅæøå0-9_.\-]{1,40}): (.+)$")


def _guid(book_id: str, code_id: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"workbench:codebook:{book_id}:{code_id}"))


def to_qdc(spec: CodebookSpec) -> str:
    """The codebook as REFI-QDA ``.qdc`` XML text."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}CodeBook", {"origin": f"workbench {spec.codebook.id} v{spec.codebook.version}"})
    codes_el = ET.SubElement(root, f"{{{NS}}}Codes")
    parents = {c.parent for c in spec.codes if c.parent}

    def add(parent_el: ET.Element, parent_id: str | None) -> None:
        for code in (c for c in spec.codes if c.parent == parent_id):
            el = ET.SubElement(parent_el, f"{{{NS}}}Code", {
                "guid": _guid(spec.codebook.id, code.id), "name": f"{code.id}: {code.name}",
                "isCodable": "false" if code.id in parents and not code.indicators else "true",
                "color": code.colour})
            lines = []
            for field, label in LABELS:
                value = getattr(code, field)
                if isinstance(value, list):
                    if value:
                        lines.append(f"{label}: " + "; ".join(value))
                elif value and value != "-":
                    lines.append(f"{label}: {value}")
            ET.SubElement(el, f"{{{NS}}}Description").text = "\n".join(lines)
            add(el, code.id)

    add(codes_el, None)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return (re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_") or "code")[:40]


def from_qdc(text: str, *, path: str = "<qdc>") -> CodebookSpec:
    """Parse and validate a ``.qdc`` codebook (all-or-nothing, errors name the file)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"not valid XML ({exc})", path=path, line=exc.position[0]) from None
    if root.tag != f"{{{NS}}}CodeBook":
        raise InputError(f"root element must be CodeBook in namespace {NS}", path=path)
    codes: list[dict[str, Any]] = []
    used: set[str] = set()

    def walk(el: ET.Element, parent: str | None) -> None:
        for child in el.findall(f"{{{NS}}}Code"):
            raw_name = child.get("name") or ""
            m = _NAME_ID.match(raw_name)
            cid, name = (m.group(1), m.group(2)) if m else (_slug(raw_name), raw_name)
            base, n = cid, 2
            while cid in used and not m:
                cid, n = f"{base}_{n}", n + 1
            used.add(cid)
            desc = (child.findtext(f"{{{NS}}}Description") or "").strip()
            fields: dict[str, Any] = {}
            for line in desc.splitlines():
                for field, label in LABELS:
                    if line.startswith(label + ": "):
                        value = line[len(label) + 2:].strip()
                        fields[field] = [t.strip() for t in value.split(";") if t.strip()] \
                            if field in ("indicators", "exclude") else value
            if desc and "definition" not in fields:
                fields["definition"] = desc
            colour = child.get("color") or "#888888"
            if re.fullmatch(r"#[0-9A-Fa-f]{3}", colour):
                colour = "#" + "".join(ch * 2 for ch in colour[1:])
            codes.append({"id": cid, "name": name or cid, "parent": parent, "colour": colour,
                          "definition": fields.get("definition") or "-", "when_to_use": fields.get("when_to_use") or "-",
                          "when_not_to_use": fields.get("when_not_to_use") or "-",
                          "example": fields.get("example") or "-", "indicators": fields.get("indicators", []),
                          "exclude": fields.get("exclude", [])})
            walk(child, cid)

    codes_el = root.find(f"{{{NS}}}Codes")
    if codes_el is None:
        raise InputError("no Codes element", path=path)
    walk(codes_el, None)
    origin = root.get("origin") or ""
    m = re.match(r"workbench (\S+) v(\d+)", origin)
    header = {"id": m.group(1) if m else _slug(path.rsplit("/", 1)[-1].rsplit(".", 1)[0]),
              "name": m.group(1) if m else path.rsplit("/", 1)[-1], "version": int(m.group(2)) if m else 1}
    return parse_codebook({"codebook": header, "codes": codes}, path=path)
