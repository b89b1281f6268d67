"""The demo step on the real demo corpora: every registered identifier is gone after release."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.db.models import Source
from workbench.demo import DEMO_KEY_PASSPHRASE, DemoContext
from workbench.services import deid
from workbench.services.ingest import import_transcripts

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO / "corpora"


@pytest.mark.slow
@pytest.mark.skipif(not (CORPORA / "interviews").exists(), reason="demo corpora missing")
def test_demo_step_releases_without_leaks(project) -> None:  # type: ignore[no-untyped-def]
    from workbench.demo import deid as step

    import_transcripts(project, [CORPORA / "interviews"], case_from_folder=True)
    with project.session() as s:
        originals = {src.id: src.text for src in s.scalars(select(Source))}
    messages: list[str] = []
    step.run(DemoContext(handle=project, corpora=CORPORA, echo=messages.append))
    terms = set(step.MUNICIPALITIES) | set(step.PLACES) | set(step.WORKPLACES) | {"Øksendal"}
    for name in step.INTERVIEWERS + step.INFORMANTS:
        terms.add(name)
        terms.update(part for part in name.split() if len(part) > 2)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)
    with project.session() as s:
        sources = list(s.scalars(select(Source)))
        assert len(sources) == 15 and {src.status for src in sources} == {"released"}
        for src in sources:
            visible = src.text + src.title + " ".join(t.speaker for t in src.turns)
            assert pattern.search(visible) is None, f"source {src.id} still holds a registered identifier"
            # the study's municipality pseudonym is used, and speakers are pseudonymised
            for turn in src.turns:
                assert turn.speaker in ("", "I", "IP", "Informant") or turn.speaker.startswith(
                    ("Intervjuer", "[Informant ")), "speaker label not pseudonymised"
        overview = deid.review_overview(s, project.project_id)
        assert all(row["pending"] == 0 for row in overview)
    assert sum(len(pattern.findall(t)) for t in originals.values()) > 100  # there was much to find
    text = " ".join(src.text for src in sources)
    assert "Granvik" in text and "Blådal" in text
    assert deid.key_path(project).exists()
    assert deid.original_text(project, sources[0].id, passphrase=DEMO_KEY_PASSPHRASE) == originals[sources[0].id]
    assert any("released 15 sources" in m for m in messages)
