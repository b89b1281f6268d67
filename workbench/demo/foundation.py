"""Demo step: users, cases from ``corpora/cases.csv``, interview transcripts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.services import cases, users
from workbench.services.ingest import import_transcripts

if TYPE_CHECKING:
    from workbench.demo import DemoContext


def run(ctx: DemoContext) -> None:
    from workbench.demo import DEMO_ACCOUNTS

    handle = ctx.handle
    with handle.session() as s:
        for username, password, role, display in DEMO_ACCOUNTS[1:]:
            users.add_user(s, username=username, role=role, password=password, display_name=display)
        cases.import_cases_csv(s, handle.project_id, ctx.corpora / "cases.csv")
    report = import_transcripts(handle, [ctx.corpora / "interviews"], case_from_folder=True, actor="admin")
    ctx.echo(f"  imported {len(report.imported)} interviews, {report.words} words")
