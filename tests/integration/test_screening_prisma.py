"""PRISMA-ScR counts computed from a constructed project, and inconsistencies found in it."""

from __future__ import annotations

import csv

import pytest
from screening_helpers import build

from workbench.db.models import ScreeningDecision, User
from workbench.services.prisma import export_prisma, prisma_counts


def test_counts_of_a_constructed_project(project) -> None:  # type: ignore[no-untyped-def]
    build(project)
    counts, issues = prisma_counts(project)
    assert counts.identified_by_source == {"PubMed": 12, "CINAHL": 6}
    assert counts.duplicates_removed == 3
    assert (counts.records_screened, counts.awaiting_screening, counts.excluded_screening) == (14, 1, 6)
    assert (counts.reports_sought, counts.reports_not_retrieved, counts.reports_assessed,
            counts.awaiting_full_text) == (8, 1, 6, 1)
    assert counts.excluded_full_text == {"Feil populasjon": 2, "Feil konsept": 1}
    assert counts.included == 3
    assert [i.code for i in issues] == ["awaiting_screening", "awaiting_full_text"]
    assert all(i.severity == "warning" for i in issues)


def test_inconsistencies_are_reported(project) -> None:  # type: ignore[no-untyped-def]
    kept, _ = build(project)
    # damage the data behind the services' back: a full-text include on a record excluded at
    # title/abstract, and an import batch whose recorded size is wrong
    from workbench.db.models import ImportBatch

    with project.session() as s:
        users = {u.username: u.id for u in s.query(User)}
        for who in ("sara", "jonas"):
            s.add(ScreeningDecision(record_id=kept[0], stage="full_text", reviewer_id=users[who], decision="include"))
        s.query(ImportBatch).filter(ImportBatch.source_name == "CINAHL").one().n_items = 7
    counts, issues = prisma_counts(project)
    codes = [i.code for i in issues if i.severity == "error"]
    assert "full_text_not_sought" in codes
    assert "identified_vs_records" in codes and "after_duplicates" in codes
    assert "eligibility" not in codes and counts.included == 4
    msg = next(i.message for i in issues if i.code == "full_text_not_sought")
    assert f"records {kept[0]}" in msg


def test_export_writes_svg_png_csv(project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    build(project)
    result = export_prisma(project, out=tmp_path / "out" / "prisma.svg", csv_path=tmp_path / "out" / "prisma.csv",
                           lang="en")
    svg = (tmp_path / "out" / "prisma.svg").read_text(encoding="utf-8")
    assert "Records screened" in svg and "(n = 14)" in svg and "Feil populasjon (n = 2)" in svg
    assert (tmp_path / "out" / "prisma.png").stat().st_size > 5000
    with (tmp_path / "out" / "prisma.csv").open(encoding="utf-8") as fh:
        rows = {r["key"]: int(r["count"]) for r in csv.DictReader(fh)}
    assert rows["identified_total"] == 18 and rows["included"] == 3
    assert [i["code"] for i in result["issues"]] == ["awaiting_screening", "awaiting_full_text"]


@pytest.mark.postgres
def test_same_flow_on_postgresql(pg_project) -> None:  # type: ignore[no-untyped-def]
    build(pg_project)
    counts, issues = prisma_counts(pg_project)
    assert (counts.records_screened, counts.reports_sought, counts.reports_assessed, counts.included) == (14, 8, 6, 3)
    assert [i.code for i in issues] == ["awaiting_screening", "awaiting_full_text"]
    from workbench.services import screening

    assert screening.list_conflicts(pg_project, stage="ta", include_resolved=True)[0].resolution.method == \
        "third_reviewer"
