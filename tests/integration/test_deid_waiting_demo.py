"""The demo's last step leaves one follow-up interview in review for a newcomer to try."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.demo import DemoContext
from workbench.services import deid

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO / "corpora"


@pytest.mark.skipif(not (CORPORA / "deid-review").exists(), reason="demo corpora missing")
def test_follow_up_interview_waits_in_review(project) -> None:  # type: ignore[no-untyped-def]
    from workbench.demo import DEMO_KEY_PASSPHRASE, deid_waiting

    deid.add_known(project, values=["Hjelmeland"], category="municipality", pseudonym="Granvik",
                   passphrase=DEMO_KEY_PASSPHRASE)
    messages: list[str] = []
    ctx = DemoContext(handle=project, corpora=CORPORA, echo=messages.append)
    deid_waiting.run(ctx)
    [source_id] = ctx.data["deid_waiting"]
    with project.session() as s:
        overview = {row["source_id"]: row for row in deid.review_overview(s, project.project_id)}
        row = overview[source_id]
        assert row["status"] == "detected" and not row["applied"]
        assert row["pending"] >= 10 and row["accepted"] == 0
        views = deid.list_detections(s, project.project_id, source_id=source_id)
        found = {v.text for v in views}
        assert {"Ragnhild Tjensvoll", "917 44 238", "tjensvoll.arne@gmail.com", "91"} <= found
        # the nickname is the newcomer's exercise: no detector finds it
        text = deid.source_text(s, project.project_id, source_id)
        start = text.index(deid_waiting.MISSED_NICKNAME)
        assert not any(v.start <= start < v.end for v in views)
    # running the step again does not import the interview twice
    deid_waiting.run(DemoContext(handle=project, corpora=CORPORA, echo=messages.append))
    assert any("already imported" in m for m in messages)
