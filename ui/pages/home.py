"""Home: project overview (counts) and what to try first."""

from __future__ import annotations

import streamlit as st

from ui.common import PageContext
from workbench.services.status import project_status

TITLE = {"nb": "Oversikt", "en": "Overview"}
TEXTS = {
    "nb": {"heading": "Prosjektoversikt", "cases": "Caser", "sources": "Kilder", "words": "Ord",
           "codings": "Kodinger", "records": "Referanser", "decisions": "Screeningbeslutninger",
           "by_status": "Kilder etter status"},
    "en": {"heading": "Project overview", "cases": "Cases", "sources": "Sources", "words": "Words",
           "codings": "Codings", "records": "Records", "decisions": "Screening decisions",
           "by_status": "Sources by status"},
}


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    with ctx.handle.session() as s:
        status = project_status(s, ctx.handle.project_id)
    cols = st.columns(6)
    for col, key in zip(cols, ["cases", "sources", "words", "codings", "records", "decisions"], strict=True):
        col.metric(ctx.t(TEXTS, key), f"{status[key]:,}".replace(",", " "))
    if status["sources_by_status"]:
        st.subheader(ctx.t(TEXTS, "by_status"))
        st.bar_chart(status["sources_by_status"])
