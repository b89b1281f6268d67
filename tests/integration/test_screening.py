"""Blinded dual screening on a temporary project: blinding, conflicts, κ, full text, audit."""

from __future__ import annotations

import pytest
from screening_helpers import add_records, add_reviewers

from workbench.errors import ConflictError, NotFoundError, PermissionDenied, WorkbenchError
from workbench.services import audit, criteria, screening


@pytest.fixture
def review(project):  # type: ignore[no-untyped-def]
    add_reviewers(project)
    ids = add_records(project, [f"Tildeling av hjemmetjenester {i}" for i in range(6)])
    return project, ids


def test_reviewer_cannot_read_other_decision_before_deciding(review) -> None:  # type: ignore[no-untyped-def]
    handle, ids = review
    rid = ids[0]
    screening.decide(handle, record_id=rid, reviewer="sara", stage="ta", decision="exclude", note="feil populasjon")
    # jonas has not decided: the service refuses, and the screening item hides sara's decision
    with pytest.raises(PermissionDenied):
        screening.get_decisions(handle, record_id=rid, stage="ta", viewer="jonas")
    item = screening.screening_item(handle, record_id=rid, stage="ta", viewer="jonas")
    assert item.others is None and item.own is None
    # nor can an administrator who might still become the second screener
    with pytest.raises(PermissionDenied):
        screening.get_decisions(handle, record_id=rid, stage="ta", viewer="admin")
    # the audit trail does not leak the value either
    with handle.session() as s:
        events = audit.list_events(s, action_prefix="screening.decide")
    assert events and all("decision" not in e.payload and "note" not in e.payload for e in events)
    assert [d.reviewer for d in screening.decision_history(handle, viewer="jonas")] == []
    # sara sees her own decision; once jonas decides he sees hers
    assert screening.screening_item(handle, record_id=rid, stage="ta", viewer="sara").own.decision == "exclude"
    screening.decide(handle, record_id=rid, reviewer="jonas", stage="ta", decision="include")
    seen = screening.get_decisions(handle, record_id=rid, stage="ta", viewer="jonas")
    assert {(d.reviewer, d.decision) for d in seen} == {("sara", "exclude"), ("jonas", "include")}
    item = screening.screening_item(handle, record_id=rid, stage="ta", viewer="jonas")
    assert [o.decision for o in item.others] == ["exclude"]


def test_own_decision_can_change_until_complete_then_only_resolution(review) -> None:  # type: ignore[no-untyped-def]
    handle, ids = review
    rid = ids[1]
    screening.decide(handle, record_id=rid, reviewer="sara", stage="ta", decision="maybe")
    screening.decide(handle, record_id=rid, reviewer="sara", stage="ta", decision="include")
    screening.decide(handle, record_id=rid, reviewer="jonas", stage="ta", decision="include")
    with pytest.raises(ConflictError, match="no longer blind"):
        screening.decide(handle, record_id=rid, reviewer="sara", stage="ta", decision="exclude")
    with pytest.raises(ConflictError, match="already been screened"):
        screening.decide(handle, record_id=rid, reviewer="mette", stage="ta", decision="exclude")
    history = screening.get_decisions(handle, record_id=rid, stage="ta", viewer="mette")
    assert [(d.reviewer, d.decision) for d in history] == [("sara", "maybe"), ("sara", "include"),
                                                           ("jonas", "include")]
    with pytest.raises(ConflictError, match="agree"):
        screening.resolve(handle, record_id=rid, stage="ta", resolver="mette", decision="exclude")


def test_conflicts_keep_both_originals_and_resolution_is_final(review) -> None:  # type: ignore[no-untyped-def]
    handle, ids = review
    rid = ids[2]
    screening.decide(handle, record_id=rid, reviewer="sara", stage="ta", decision="include", note="M3")
    with pytest.raises(ConflictError, match="awaits independent"):
        screening.resolve(handle, record_id=rid, stage="ta", resolver="mette", decision="include")
    screening.decide(handle, record_id=rid, reviewer="jonas", stage="ta", decision="exclude")
    conflicts = screening.list_conflicts(handle, stage="ta")
    assert [c.record_id for c in conflicts] == [rid]
    assert [(d.reviewer, d.decision) for d in conflicts[0].decisions] == [("sara", "include"), ("jonas", "exclude")]
    with pytest.raises(PermissionDenied, match="third reviewer"):
        screening.resolve(handle, record_id=rid, stage="ta", resolver="sara", decision="include",
                          method="third-reviewer")
    res = screening.resolve(handle, record_id=rid, stage="ta", resolver="mette", decision="include",
                            method="third-reviewer", note="population fits")
    assert res.is_resolution and res.method == "third_reviewer"
    assert screening.list_conflicts(handle, stage="ta") == []
    resolved = screening.list_conflicts(handle, stage="ta", include_resolved=True)
    assert [(d.reviewer, d.decision) for d in resolved[0].decisions] == [("sara", "include"), ("jonas", "exclude")]
    assert resolved[0].resolution.decision == "include"
    with pytest.raises(ConflictError, match="already resolved"):
        screening.decide(handle, record_id=rid, reviewer="jonas", stage="ta", decision="include")
    # the record now goes on to full text
    assert rid in screening.queue(handle, reviewer="sara", stage="ft", order="import")


def test_kappa_matches_hand_computed_table(project) -> None:  # type: ignore[no-untyped-def]
    # The brief's 2×2 table [[20, 5], [10, 15]] (rows sara, columns jonas): κ = 0.40, agreement 0.70
    add_reviewers(project)
    ids = add_records(project, [f"Record {i}" for i in range(50)])
    cells = [("include", "include")] * 20 + [("include", "exclude")] * 5 + \
            [("exclude", "include")] * 10 + [("exclude", "exclude")] * 15
    screening.decide_many(project, reviewer="sara", stage="ta",
                          decisions=[{"record_id": r, "decision": a} for r, (a, _) in zip(ids, cells, strict=True)])
    screening.decide_many(project, reviewer="jonas", stage="ta",
                          decisions=[{"record_id": r, "decision": b} for r, (_, b) in zip(ids, cells, strict=True)])
    rows = screening.agreement(project)
    ta = [r for r in rows if r["stage"] == "title_abstract"]
    assert len(ta) == 1 and ta[0]["pair"] == "jonas|sara" and ta[0]["n"] == 50
    assert ta[0]["kappa"] == pytest.approx(0.40)
    assert ta[0]["agreement"] == pytest.approx(0.70)
    # the table is oriented jonas (rows) × sara (columns): jonas include & sara exclude = 10
    assert ta[0]["table"]["include"]["exclude"] == 10
    assert len(screening.list_conflicts(project, stage="ta")) == 15
    prog = screening.progress(project, viewer="sara")["stages"]["title_abstract"]
    sara = next(r for r in prog["reviewers"] if r["reviewer"] == "sara")
    jonas = next(r for r in prog["reviewers"] if r["reviewer"] == "jonas")
    assert sara["decided"] == 50 and sara["by_decision"] == {"include": 25, "exclude": 25}
    assert "by_decision" not in jonas  # another reviewer's breakdown is not shown to sara
    assert prog["conflicts_open"] == 15 and prog["final"] == {"include": 20, "exclude": 15}


def test_queue_hides_records_done_by_two_and_own(review) -> None:  # type: ignore[no-untyped-def]
    handle, ids = review
    screening.decide(handle, record_id=ids[0], reviewer="sara", stage="ta", decision="include")
    screening.decide(handle, record_id=ids[0], reviewer="jonas", stage="ta", decision="include")
    screening.decide(handle, record_id=ids[1], reviewer="sara", stage="ta", decision="include")
    assert screening.queue(handle, reviewer="sara", stage="ta", order="import") == ids[2:]
    assert screening.queue(handle, reviewer="jonas", stage="ta", order="import") == ids[1:]
    assert screening.queue(handle, reviewer="mette", stage="ta", order="import") == ids[1:]
    assert screening.queue(handle, reviewer="mette", stage="ta", order="import", limit=2) == ids[1:3]


def test_duplicates_are_not_screened(project) -> None:  # type: ignore[no-untyped-def]
    add_reviewers(project)
    ids = add_records(project, ["A", "B", "A again"], duplicates={2: 0})
    assert screening.queue(project, reviewer="sara", stage="ta", order="import") == ids[:2]
    with pytest.raises(ConflictError, match="duplicate"):
        screening.decide(project, record_id=ids[2], reviewer="sara", stage="ta", decision="include")


def test_full_text_exclusion_needs_reason_from_list(review, tmp_path) -> None:  # type: ignore[no-untyped-def]
    handle, ids = review
    rid = ids[3]
    with pytest.raises(ConflictError, match="not passed"):
        screening.decide(handle, record_id=rid, reviewer="sara", stage="ft", decision="include")
    for who in ("sara", "jonas"):
        screening.decide(handle, record_id=rid, reviewer=who, stage="ta", decision="include")
    with pytest.raises(WorkbenchError, match="needs a reason"):
        screening.decide(handle, record_id=rid, reviewer="sara", stage="ft", decision="exclude")
    with pytest.raises(NotFoundError, match="unknown exclusion reason"):
        screening.decide(handle, record_id=rid, reviewer="sara", stage="ft", decision="exclude", reason="Kjedelig")
    assert screening.exclusion_reasons(handle)[0] == "Feil populasjon"
    assert screening.set_exclusion_reasons(handle, reasons=["Feil populasjon", "Ikke empirisk"],
                                           actor="admin") == ["Feil populasjon", "Ikke empirisk"]
    with pytest.raises(NotFoundError):
        screening.decide(handle, record_id=rid, reviewer="sara", stage="ft", decision="exclude",
                         reason="Feil konsept")
    screening.decide(handle, record_id=rid, reviewer="sara", stage="ft", decision="exclude", reason="ikke empirisk")
    screening.decide(handle, record_id=rid, reviewer="jonas", stage="ft", decision="exclude",
                     reason="Feil populasjon")
    # same decision, different reasons: a conflict at full text
    assert [c.record_id for c in screening.list_conflicts(handle, stage="ft")] == [rid]
    with pytest.raises(WorkbenchError, match="needs a reason"):
        screening.resolve(handle, record_id=rid, stage="ft", resolver="mette", decision="exclude")
    screening.resolve(handle, record_id=rid, stage="ft", resolver="sara", decision="exclude",
                      method="discussion", reason="Ikke empirisk")
    with handle.session() as s:
        assert screening.finals(s, handle.project_id, "full_text", 2) == {rid: ("exclude", "Ikke empirisk")}


def test_attach_pdf_and_not_retrieved(review, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    handle, ids = review
    for rid in ids[:2]:
        for who in ("sara", "jonas"):
            screening.decide(handle, record_id=rid, reviewer=who, stage="ta", decision="include")
    fig = plt.figure(figsize=(8.27, 11.69))
    fig.text(0.1, 0.9, "Full text of a study on tildelingskontor")
    pdf = tmp_path / "study.pdf"
    fig.savefig(pdf)
    plt.close(fig)
    with pytest.raises(WorkbenchError, match="not a PDF"):
        screening.attach_full_text(handle, record_id=ids[0], filename="x.pdf", data=b"hello", actor="sara")
    with pytest.raises(ConflictError, match="not passed"):
        screening.attach_full_text(handle, record_id=ids[4], filename="study.pdf", data=pdf.read_bytes(),
                                   actor="sara")
    info = screening.attach_full_text(handle, record_id=ids[0], filename="study.pdf", data=pdf.read_bytes(),
                                      actor="sara")
    assert info["n_pages"] == 1
    item = screening.screening_item(handle, record_id=ids[0], stage="ft", viewer="jonas")
    assert item.attachments[0]["filename"] == "study.pdf"
    with pytest.raises(ConflictError, match="already attached"):
        screening.attach_full_text(handle, record_id=ids[0], filename="again.pdf", data=pdf.read_bytes(),
                                   actor="sara")
    screening.set_retrieval(handle, record_id=ids[1], retrieved=False, actor="sara", note="not in library")
    assert screening.queue(handle, reviewer="sara", stage="ft", order="import") == [ids[0]]
    with pytest.raises(ConflictError, match="not retrieved"):
        screening.decide(handle, record_id=ids[1], reviewer="sara", stage="ft", decision="include")


def test_criteria_versions_and_highlights(project) -> None:  # type: ignore[no-untyped-def]
    with project.session() as s:
        criteria.set_criteria(s, project.project_id, actor="admin", population="Eldre som søker tjenester",
                              include_keywords=["tildeling", "forvaltningskontor"], exclude_keywords=["barn"])
        crit = criteria.set_criteria(s, project.project_id, actor="admin", concept="Organisering av tildeling")
        assert crit.version == 2 and crit.population == "Eldre som søker tjenester"
        assert len(criteria.criteria_history(s, project.project_id)) == 2
    text = "Forvaltningskontorets tildelingspraksis for <b>barnefamilier</b> og eldre"
    hits = criteria.find_keywords(text, include=crit.include_keywords, exclude=crit.exclude_keywords)
    assert [(text[h.start:h.end], h.kind) for h in hits] == [
        ("Forvaltningskontorets", "include"), ("tildelingspraksis", "include"), ("barnefamilier", "exclude")]
    html = criteria.highlight_html(text, hits)
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<mark class="kw-exclude">barnefamilier</mark>' in html


def test_prioritised_queue_is_the_same_set_and_ignores_others_blinded_decisions(project) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("workbench.services.prioritisation")
    add_reviewers(project)
    titles = [f"Tildelingskontor og vedtak om hjemmetjenester {i}" for i in range(6)] + \
             [f"Svangerskap og fødsel studie {i}" for i in range(6)]
    ids = add_records(project, titles)
    # sara's decisions teach the model "allocation = relevant"; jonas has decided nothing
    screening.decide_many(project, reviewer="sara", stage="ta", decisions=[
        {"record_id": ids[0], "decision": "include"}, {"record_id": ids[6], "decision": "exclude"}])
    auto = screening.queue(project, reviewer="jonas", stage="ta")
    assert sorted(auto) == sorted(screening.queue(project, reviewer="jonas", stage="ta", order="import"))
    # jonas sees no labelled decision, so his order is the import order (sara's decisions stay blind)
    assert auto == ids
    sara = screening.queue(project, reviewer="sara", stage="ta")
    assert set(sara) == set(ids) - {ids[0], ids[6]}
    assert set(sara[:5]) == set(ids[1:6])  # her own decisions rank the allocation records first


def test_decisions_cannot_be_changed_or_deleted_through_the_orm(review) -> None:  # type: ignore[no-untyped-def]
    from workbench.db.models import ScreeningDecision

    handle, ids = review
    view = screening.decide(handle, record_id=ids[0], reviewer="sara", stage="ta", decision="include")
    with pytest.raises(RuntimeError, match="append-only"):
        with handle.session() as s:
            s.get(ScreeningDecision, view.id).decision = "exclude"
    with pytest.raises(RuntimeError, match="append-only"):
        with handle.session() as s:
            s.delete(s.get(ScreeningDecision, view.id))
    assert screening.get_decisions(handle, record_id=ids[0], stage="ta", viewer="sara")[0].decision == "include"


def test_record_export_does_not_reveal_a_blinded_decision(review, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from workbench.services.records import export_records

    handle, ids = review
    screening.decide(handle, record_id=ids[0], reviewer="sara", stage="ta", decision="exclude", note="hemmelig")
    export_records(handle, fmt="csv", out=tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as fh:
        row = next(r for r in csv.DictReader(fh) if int(r["id"]) == ids[0])
    assert "exclude" not in row["ta_reviewers"] and "hemmelig" not in row["ta_notes"]
    screening.decide(handle, record_id=ids[0], reviewer="jonas", stage="ta", decision="exclude")
    export_records(handle, fmt="csv", out=tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as fh:
        row = next(r for r in csv.DictReader(fh) if int(r["id"]) == ids[0])
    assert row["ta_decision"] == "exclude" and "hemmelig" in row["ta_notes"]
