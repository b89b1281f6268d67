"""Cases (municipalities) with typed attributes: list, add, edit, plot by size and model."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services import cases as cases_service

TITLE = {"nb": "Caser", "en": "Cases"}
TEXTS = {
    "nb": {"heading": "Caser og attributter", "none": "Ingen caser ennå.", "add": "Legg til case",
           "name": "Navn (pseudonym)", "inhabitants": "Innbyggere", "model": "Tildelingsmodell",
           "region": "Region", "save": "Lagre", "saved": "Lagret", "by_model": "Caser etter modell og størrelse",
           "edit": "Endre attributt", "case": "Case", "attribute": "Attributt", "value": "Verdi"},
    "en": {"heading": "Cases and attributes", "none": "No cases yet.", "add": "Add case",
           "name": "Name (pseudonym)", "inhabitants": "Inhabitants", "model": "Allocation model",
           "region": "Region", "save": "Save", "saved": "Saved", "by_model": "Cases by model and size",
           "edit": "Change attribute", "case": "Case", "attribute": "Attribute", "value": "Value"},
}
MODELS = ["", "M1", "M2", "M3", "M4", "M5", "M6"]


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    with ctx.handle.session() as s:
        rows = cases_service.list_cases(s, ctx.handle.project_id)
    if rows:
        frame = pd.DataFrame([{ctx.t(TEXTS, "case"): c.name, **c.attributes} for c in rows])
        st.dataframe(frame, hide_index=True, use_container_width=True)
        counts = pd.crosstab(frame.get("allocation_model", pd.Series(dtype=str)),
                             frame.get("size_class", pd.Series(dtype=str)))
        if not counts.empty:
            st.subheader(ctx.t(TEXTS, "by_model"))
            st.bar_chart(counts)
    else:
        st.info(ctx.t(TEXTS, "none"))
    can_edit = ctx.role in ("admin", "researcher")
    if not can_edit:
        return
    with st.expander(ctx.t(TEXTS, "add")), st.form("add_case"):
        name = st.text_input(ctx.t(TEXTS, "name"))
        inhabitants = st.number_input(ctx.t(TEXTS, "inhabitants"), min_value=0, step=100)
        model = st.selectbox(ctx.t(TEXTS, "model"), MODELS)
        region = st.text_input(ctx.t(TEXTS, "region"))
        if st.form_submit_button(ctx.t(TEXTS, "save")):
            attrs = {k: v for k, v in {"inhabitants": str(int(inhabitants)) if inhabitants else "",
                                       "allocation_model": model, "region": region}.items() if v}
            try:
                with ctx.handle.session() as s:
                    cases_service.add_case(s, ctx.handle.project_id, name=name, attributes=attrs, actor=ctx.username)
                st.success(ctx.t(TEXTS, "saved"))
                st.rerun()
            except WorkbenchError as exc:
                st.error(str(exc))
    if rows:
        with st.expander(ctx.t(TEXTS, "edit")), st.form("set_attr"):
            case = st.selectbox(ctx.t(TEXTS, "case"), [c.name for c in rows])
            attribute = st.text_input(ctx.t(TEXTS, "attribute"), value="region")
            value = st.text_input(ctx.t(TEXTS, "value"))
            if st.form_submit_button(ctx.t(TEXTS, "save")):
                try:
                    with ctx.handle.session() as s:
                        cases_service.set_attributes(s, ctx.handle.project_id, case_name=case,
                                                     values={attribute: value}, actor=ctx.username)
                    st.success(ctx.t(TEXTS, "saved"))
                    st.rerun()
                except WorkbenchError as exc:
                    st.error(str(exc))
