"""Vignette study: decided hours and monthly cost per municipality, with plots."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services import vignettes

TITLE = {"nb": "Vignetter", "en": "Vignettes"}
TEXTS = {
    "nb": {"heading": "Vignettstudie: vedtakstimer og kostnad per måned", "none": "Ingen vignettstudie importert.",
           "municipality": "Kommune", "hours": "Vedtakstimer per måned", "cost": "Kostnad per måned (kr)",
           "diff_hours": "Timer mer enn snittet av de andre", "diff_cost": "Kr mer enn snittet av de andre",
           "matrix": "Timer per vignett og kommune", "spread": "Forskjell (maks − min timer) per tjeneste",
           "service": "Tjeneste", "missing": "Mangler enhetskostnad for: {items}"},
    "en": {"heading": "Vignette study: decided hours and cost per month", "none": "No vignette study imported.",
           "municipality": "Municipality", "hours": "Decided hours per month", "cost": "Cost per month (NOK)",
           "diff_hours": "Hours above the others' mean", "diff_cost": "NOK above the others' mean",
           "matrix": "Hours per vignette and municipality", "spread": "Spread (max − min hours) per service",
           "service": "Service", "missing": "No unit cost for: {items}"},
}


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    try:
        with ctx.handle.session() as s:
            result = vignettes.compare(s, ctx.handle.project_id)
    except WorkbenchError:
        st.info(ctx.t(TEXTS, "none"))
        return
    rows = []
    for name, row in result["municipalities"].items():
        diff = result["difference_from_others"].get(name, {})
        rows.append({ctx.t(TEXTS, "municipality"): name, ctx.t(TEXTS, "hours"): round(row["hours_per_month"], 1),
                     ctx.t(TEXTS, "cost"): round(row["cost_per_month"]),
                     ctx.t(TEXTS, "diff_hours"): round(diff.get("hours_per_month", 0.0), 1),
                     ctx.t(TEXTS, "diff_cost"): round(diff.get("cost_per_month", 0.0))})
        if row["missing_costs"]:
            st.caption(f"{name}: " + ctx.t(TEXTS, "missing", items=", ".join(row["missing_costs"])))
    frame = pd.DataFrame(rows).set_index(ctx.t(TEXTS, "municipality"))
    st.dataframe(frame, use_container_width=True)
    st.bar_chart(frame[ctx.t(TEXTS, "diff_cost")])
    st.subheader(ctx.t(TEXTS, "matrix"))
    st.bar_chart(pd.DataFrame(result["hours_matrix"]).T, stack=False)
    st.subheader(ctx.t(TEXTS, "spread"))
    st.bar_chart(pd.Series(result["service_spread_hours"], name=ctx.t(TEXTS, "service")).sort_values())
