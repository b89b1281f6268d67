"""The coding demo step on the demo corpora (sources released here, as de-identification would)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.db.models import Source
from workbench.demo import REPO_ROOT, DemoContext, foundation
from workbench.demo import coding as coding_step
from workbench.services import coding


@pytest.mark.slow
def test_coding_demo_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.services.project import init_project

    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    handle = init_project(tmp_path / "demo", name="demo", admin_password="pw")
    messages: list[str] = []
    ctx = DemoContext(handle=handle, corpora=REPO_ROOT / "corpora", echo=messages.append)
    foundation.run(ctx)
    coding_step.run(ctx)
    assert any("no released sources" in m for m in messages)
    with handle.session() as s:
        for src in s.scalars(select(Source)):
            src.status = "released"
    messages.clear()
    coding_step.run(ctx)
    with handle.session() as s:
        pid = handle.project_id
        for coder in ("ingrid", "lars"):
            assert coding.list_codings(s, pid, coder=coder, status="accepted")
            assert coding.list_codings(s, pid, coder=coder, status="rejected")
            assert coding.list_codings(s, pid, coder=coder, origin="manual")
        assert len(coding.list_memos(s, pid)) >= 3
    overall = ctx.data["agreement"]
    assert 0 < overall["unit"]["kappa"] < 1
    assert "classifier_run" in ctx.data
    handle.close()
