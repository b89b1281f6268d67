"""Inter-coder agreement: metrics per code (unit and character level), a plot, and the
disagreement list linking to the segments on the coding page."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import pandas as pd
import streamlit as st

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services import agreement as agreement_service
from workbench.services import coding as coding_service
from workbench.services import users as users_service

TITLE = {"nb": "Enighet", "en": "Agreement"}
TEXTS = {
    "nb": {"heading": "Enighet mellom kodere", "coders": "Kodere (to eller flere)", "compute": "Beregn",
           "need_two": "Velg minst to kodere.", "code": "Kode", "overall": "Samlet", "units": "Enheter",
           "unit_pct": "Enhet %", "unit_k": "Enhet κ", "unit_a": "Enhet α", "char_pct": "Tegn %", "char_k": "Tegn κ",
           "char_a": "Tegn α", "plot": "κ per kode", "dis": "Uenigheter ({n})", "coded_by": "Kodet av",
           "not_by": "Ikke kodet av", "open": "Åpne", "summary": "{s} kilder, {u} {k}-enheter. κ = Cohens kappa "
           "for to kodere, Fleiss' kappa for flere; α = Krippendorffs alfa (nominal).", "source": "Kilde",
           "excerpt": "Utdrag", "none": "Ingen kodinger å sammenligne ennå.",
           "by_source": "Tegnnivå per kilde og kode (som NVivo)"},
    "en": {"heading": "Inter-coder agreement", "coders": "Coders (two or more)", "compute": "Compute",
           "need_two": "Choose at least two coders.", "code": "Code", "overall": "Overall", "units": "Units",
           "unit_pct": "Unit %", "unit_k": "Unit κ", "unit_a": "Unit α", "char_pct": "Char %", "char_k": "Char κ",
           "char_a": "Char α", "plot": "κ per code", "dis": "Disagreements ({n})", "coded_by": "Coded by",
           "not_by": "Not coded by", "open": "Open", "summary": "{s} sources, {u} {k} units. κ = Cohen's kappa "
           "for two coders, Fleiss' kappa for more; α = Krippendorff's alpha (nominal).", "source": "Source",
           "excerpt": "Excerpt", "none": "No codings to compare yet.",
           "by_source": "Character level per source and code (as NVivo)"},
}


def _row(ctx: PageContext, name: str, unit: dict, char: dict) -> dict:
    return {ctx.t(TEXTS, "code"): name, ctx.t(TEXTS, "unit_pct"): unit.get("percent"),
            ctx.t(TEXTS, "unit_k"): unit.get("kappa"), ctx.t(TEXTS, "unit_a"): unit.get("alpha"),
            ctx.t(TEXTS, "char_pct"): char.get("percent"), ctx.t(TEXTS, "char_k"): char.get("kappa"),
            ctx.t(TEXTS, "char_a"): char.get("alpha")}


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    with ctx.handle.session() as s:
        names = [u.username for u in users_service.list_users(s) if u.role in ("researcher", "admin")]
    default = [n for n in ("ingrid", "lars") if n in names] or names[:2]
    coders = st.multiselect(ctx.t(TEXTS, "coders"), names, default=default)
    if len(coders) < 2:
        st.info(ctx.t(TEXTS, "need_two"))
        return
    try:
        with ctx.handle.session() as s:  # blind coding: only an admin compares coders
            coding_service.check_may_see(ctx.handle, s, viewer=ctx.username, coders=coders)
        result = agreement_service.project_agreement(ctx.handle, coders=coders)
    except WorkbenchError as exc:
        st.error(str(exc))
        return
    if not result["codes"]:
        st.info(ctx.t(TEXTS, "none"))
        return
    st.caption(ctx.t(TEXTS, "summary", s=result["sources"], u=result["units"], k=result["unit_kind"]))
    rows = [_row(ctx, r["code"], r["unit"], r["character"]) for r in result["codes"]]
    rows.append(_row(ctx, ctx.t(TEXTS, "overall"), result["overall"]["unit"], result["overall"]["character"]))
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    with st.expander(ctx.t(TEXTS, "by_source")):
        st.dataframe(pd.DataFrame([{ctx.t(TEXTS, "source"): r["source"], ctx.t(TEXTS, "code"): r["code"],
                                    ctx.t(TEXTS, "char_pct"): r["percent"], ctx.t(TEXTS, "char_k"): r["kappa"],
                                    ctx.t(TEXTS, "char_a"): r["alpha"]} for r in result["by_source"]]),
                     hide_index=True)

    fig, ax = plt.subplots(figsize=(8, 3))
    keys = [r["code"] for r in result["codes"]]
    xs = range(len(keys))
    ax.bar([x - 0.2 for x in xs], [r["unit"]["kappa"] or 0 for r in result["codes"]], width=0.4, label="unit")
    ax.bar([x + 0.2 for x in xs], [r["character"]["kappa"] or 0 for r in result["codes"]], width=0.4, label="char")
    for limit in (0.4, 0.6, 0.8):
        ax.axhline(limit, color="#999", linewidth=0.5, linestyle="--")
    ax.set_xticks(list(xs), keys)
    ax.set_ylim(min(0, *[r["unit"]["kappa"] or 0 for r in result["codes"]]), 1)
    ax.set_title(ctx.t(TEXTS, "plot"))
    ax.legend()
    st.pyplot(fig)
    plt.close(fig)

    dis = result["disagreements"]
    st.subheader(ctx.t(TEXTS, "dis", n=len(dis)))
    code_filter = st.selectbox(ctx.t(TEXTS, "code"), ["*", *keys])
    shown = [d for d in dis if code_filter in ("*", d["code"])][:200]
    for d in shown:
        link = f"coding?source={d['source_id']}"
        st.markdown(f"**{html.escape(d['code'])}** · {html.escape(d['source'])} {d['start']}–{d['end']} · "
                    f"{ctx.t(TEXTS, 'coded_by')}: {html.escape(', '.join(d['coded_by']))} · "
                    f"{ctx.t(TEXTS, 'not_by')}: {html.escape(', '.join(d['not_coded_by']))} · "
                    f'<a href="{link}" target="_self">{ctx.t(TEXTS, "open")}</a><br>'
                    f"<small>{html.escape(d['excerpt'])}</small>", unsafe_allow_html=True)
