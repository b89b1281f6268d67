"""PRISMA-ScR counts: arithmetic checks, CSV rows, layout and the drawn SVG/PNG."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from workbench.domain.prisma import PrismaCounts, check, csv_rows, errors, layout
from workbench.io.exporters.prisma import draw, write_csv


def brief_study() -> PrismaCounts:
    """The brief's real study: 694 screened, 110 full texts assessed, 86 excluded, 24 included."""
    return PrismaCounts(
        identified_by_source={"PubMed": 402, "CINAHL": 311, "Scopus": 217, "Hand search": 5},
        records_in_project=935, duplicates_removed=241, records_screened=694, awaiting_screening=0,
        excluded_screening=584, reports_sought=110, reports_not_retrieved=0, reports_assessed=110,
        awaiting_full_text=0,
        excluded_full_text={"Feil konsept": 41, "Feil populasjon": 25, "Feil publikasjonstype": 20},
        included=24)


def test_consistent_counts_have_no_issues() -> None:
    assert check(brief_study()) == []


@pytest.mark.parametrize(("change", "code"), [
    ({"included": 25}, "eligibility"),
    ({"excluded_screening": 583}, "screening"),
    ({"reports_not_retrieved": 3}, "retrieval"),
    ({"duplicates_removed": 240}, "after_duplicates"),
    ({"records_in_project": 930}, "identified_vs_records"),
])
def test_each_broken_relation_is_reported(change: dict[str, int], code: str) -> None:
    issues = check(replace(brief_study(), **change))
    assert [i.code for i in errors(issues)] == [code]
    assert "≠" in errors(issues)[0].message


def test_awaiting_work_is_a_warning_not_an_error() -> None:
    counts = replace(brief_study(), records_screened=690, awaiting_screening=4, excluded_screening=580)
    issues = check(counts)
    assert errors(issues) == []
    assert [i.code for i in issues] == ["awaiting_screening"]


def test_csv_rows_sum_and_reasons() -> None:
    rows = {key: n for key, _, n in csv_rows(brief_study())}
    assert rows["identified_total"] == 935 == sum(n for k, n in rows.items() if k.startswith("identified:"))
    assert rows["excluded_full_text_total"] == 86
    assert rows["excluded_full_text:Feil konsept"] == 41
    assert rows["included"] == 24


def test_layout_texts_are_the_counts() -> None:
    lay = layout(brief_study(), lang="nb")
    text = {b.key: "\n".join(b.lines) for b in lay.boxes}
    assert "(n = 694)" in text["screened"] and "(n = 935)" in text["identified"]
    assert "Feil konsept (n = 41)" in text["excluded_ft"] and "(n = 86)" in text["excluded_ft"]
    assert text["included"].startswith("Kilder inkludert")
    assert {b for a in lay.arrows for b in a} == set(text)


def test_draw_svg_png_and_csv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    counts = brief_study()
    counts.excluded_full_text["A very long exclusion reason that has to wrap over more than one line"] = 0
    svg, png, out_csv = tmp_path / "flow.svg", tmp_path / "flow.png", tmp_path / "flow.csv"
    draw(layout(counts, lang="en"), svg_path=svg, png_path=png)
    root = ET.parse(svg).getroot()
    texts = " ".join(t for t in root.itertext())
    for needle in ("(n = 694)", "(n = 110)", "(n = 24)", "Sources included in review", "PubMed (n = 402)"):
        assert needle in texts
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    write_csv(counts, out_csv)
    with out_csv.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0] == {"key": "identified:PubMed", "label": "Records identified: PubMed", "count": "402"}
    assert {r["key"]: int(r["count"]) for r in rows}["records_screened"] == 694
