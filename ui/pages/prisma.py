"""PRISMA-ScR: the flow diagram drawn from the project's counts, the counts, and any inconsistency."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services.prisma import export_prisma, prisma_images

TITLE = {"nb": "PRISMA-ScR", "en": "PRISMA-ScR"}
TEXTS = {
    "nb": {"heading": "PRISMA-ScR flytdiagram", "ok": "Tallene går opp.", "counts": "Tall",
           "item": "Post", "count": "Antall", "svg": "Last ned SVG", "png": "Last ned PNG",
           "csv": "Last ned tall (CSV)", "save": "Lagre i prosjektets exports/", "saved": "Lagret {files}",
           "language": "Diagramspråk"},
    "en": {"heading": "PRISMA-ScR flow diagram", "ok": "The counts add up.", "counts": "Counts",
           "item": "Item", "count": "Count", "svg": "Download SVG", "png": "Download PNG",
           "csv": "Download counts (CSV)", "save": "Save to the project's exports/", "saved": "Saved {files}",
           "language": "Diagram language"},
}


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    lang = st.radio(ctx.t(TEXTS, "language"), ["nb", "en"], index=0 if ctx.lang == "nb" else 1, horizontal=True)
    with st.spinner("…"):
        result = prisma_images(ctx.handle, lang=lang)
    issues = result["issues"]
    for issue in issues:
        (st.error if issue["severity"] == "error" else st.warning)(issue["message"])
    if not issues:
        st.success(ctx.t(TEXTS, "ok"))
    st.image(result["png"], width="stretch")
    cols = st.columns(4)
    cols[0].download_button(ctx.t(TEXTS, "svg"), result["svg"], file_name="prisma.svg", mime="image/svg+xml")
    cols[1].download_button(ctx.t(TEXTS, "png"), result["png"], file_name="prisma.png", mime="image/png")
    cols[2].download_button(ctx.t(TEXTS, "csv"), result["csv"], file_name="prisma_counts.csv", mime="text/csv")
    if cols[3].button(ctx.t(TEXTS, "save")):
        try:
            out = export_prisma(ctx.handle, out=ctx.handle.root / "exports" / "prisma.svg",
                                csv_path=ctx.handle.root / "exports" / "prisma_counts.csv", lang=lang,
                                actor=ctx.username)
            st.success(ctx.t(TEXTS, "saved", files=", ".join(p for p in (out["svg"], out["png"], out["csv"]) if p)))
        except WorkbenchError as exc:
            st.error(str(exc))
    st.subheader(ctx.t(TEXTS, "counts"))
    counts = result["counts"]
    rows = [(f"{k}: {src}", n) for k in ("identified_by_source",) for src, n in counts[k].items()]
    rows += [(k, v) for k, v in counts.items() if isinstance(v, int)]
    rows += [(f"excluded_full_text: {r}", n) for r, n in counts["excluded_full_text"].items()]
    st.dataframe(pd.DataFrame(rows, columns=[ctx.t(TEXTS, "item"), ctx.t(TEXTS, "count")]), hide_index=True)
