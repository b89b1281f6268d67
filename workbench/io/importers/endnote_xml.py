"""EndNote XML (``File > Export > XML``): ``<xml><records><record>...``, text inside ``<style>``."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from workbench.errors import InputError
from workbench.io.importers._common import ImportedRecord, make_record


def _text(node: etree._Element | None) -> str:
    return "".join(node.itertext()).strip() if node is not None else ""


def read(path: Path, text: str | None = None) -> tuple[list[ImportedRecord], str]:
    data = path.read_bytes() if text is None else text.encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if getattr(exc, "lineno", None) else None
        msg = str(exc.msg).split(",")[0] if getattr(exc, "msg", None) else "malformed XML"
        raise InputError(f"malformed EndNote XML: {msg}", path=str(path), line=line) from None
    nodes = root.findall(".//record")
    if not nodes:
        raise InputError("no <record> elements found (is this an EndNote XML export?)", path=str(path))
    records = []
    sources = set()
    for rec in nodes:
        line = rec.sourceline or 0
        title = _text(rec.find("titles/title"))
        authors = [_text(a) for a in rec.findall("contributors/authors/author")]
        journal = _text(rec.find("titles/secondary-title")) or _text(rec.find("periodical/full-title"))
        db = _text(rec.find("remote-database-name")) or _text(rec.find("remote-database-provider"))
        if db:
            sources.add(db)
        accession = _text(rec.find("accession-num"))
        records.append(make_record(
            title=title, abstract=_text(rec.find("abstract")), authors=authors,
            year=_text(rec.find("dates/year")), journal=journal, volume=_text(rec.find("volume")),
            issue=_text(rec.find("number")), pages=_text(rec.find("pages")),
            doi=_text(rec.find("electronic-resource-num")),
            pmid=accession if accession.isdigit() else "",
            keywords=[_text(k) for k in rec.findall("keywords/keyword")],
            language=_text(rec.find("language")), source_db=db,
            external_id=_text(rec.find("rec-number")), line=line,
            raw={"type": (rec.find("ref-type").get("name", "") if rec.find("ref-type") is not None else "")},
        ))
    return records, (sources.pop() if len(sources) == 1 else "")
