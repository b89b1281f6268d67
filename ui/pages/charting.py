"""Data charting: one form per included source, prefill suggestions, Excel and Word export."""

from __future__ import annotations

import html

import streamlit as st

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services import charting

TITLE = {"nb": "Kartlegging", "en": "Charting"}
TEXTS = {
    "nb": {"heading": "Kartlegging av inkluderte kilder (data charting)", "none": "Ingen inkluderte kilder ennå.",
           "source": "Kilde", "save": "Lagre", "saved": "Lagret {n} verdier", "prefill": "Fyll tomme felt med "
           "forslag fra sammendragene", "prefilled": "Fylte inn {n} forslag", "suggested": "forslag – kontroller",
           "export": "Eksport", "xlsx": "Lag Excel", "docx": "Lag Word", "download": "Last ned {f}",
           "fields": "Skjemaets felt", "key": "Nøkkel", "label": "Overskrift", "add": "Legg til / endre felt",
           "retire": "Skjul feltet"},
    "en": {"heading": "Charting the included sources", "none": "No included sources yet.", "source": "Source",
           "save": "Save", "saved": "Saved {n} values", "prefill": "Fill empty fields with suggestions from the "
           "abstracts", "prefilled": "Filled in {n} suggestions", "suggested": "suggestion – check it",
           "export": "Export", "xlsx": "Make Excel", "docx": "Make Word", "download": "Download {f}",
           "fields": "Form fields", "key": "Key", "label": "Label", "add": "Add / change field",
           "retire": "Retire the field"},
}


def _export(ctx: PageContext) -> None:
    st.subheader(ctx.t(TEXTS, "export"))
    cols = st.columns(2)
    for col, suffix in zip(cols, ("xlsx", "docx"), strict=True):
        if col.button(ctx.t(TEXTS, suffix)):
            path = ctx.handle.root / "exports" / f"charting.{suffix}"
            charting.export_chart(ctx.handle, out=path, actor=ctx.username)
            col.download_button(ctx.t(TEXTS, "download", f=path.name), path.read_bytes(), file_name=path.name)


def _fields(ctx: PageContext) -> None:
    with st.expander(ctx.t(TEXTS, "fields")):
        for f in charting.form_fields(ctx.handle, include_retired=True):
            st.markdown(f"`{f.key}` {html.escape(f.label)}" + ("" if f.active else " ~~(retired)~~"))
        with st.form("field"):
            key = st.text_input(ctx.t(TEXTS, "key"))
            label = st.text_input(ctx.t(TEXTS, "label"))
            retire = st.checkbox(ctx.t(TEXTS, "retire"))
            if st.form_submit_button(ctx.t(TEXTS, "add")):
                try:
                    charting.set_field(ctx.handle, key=key, label=label or None, active=not retire,
                                       actor=ctx.username)
                    st.rerun()
                except WorkbenchError as exc:
                    st.error(str(exc))


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    fields, rows = charting.chart_rows(ctx.handle)
    if not rows:
        st.info(ctx.t(TEXTS, "none"))
        return
    if st.button(ctx.t(TEXTS, "prefill")):
        done = charting.prefill(ctx.handle, actor=ctx.username)
        st.success(ctx.t(TEXTS, "prefilled", n=sum(done.values())))
        fields, rows = charting.chart_rows(ctx.handle)
    labels = {r.record_id: f"{r.citation} – {r.title[:80]}" for r in rows}
    record_id = st.selectbox(ctx.t(TEXTS, "source"), list(labels), format_func=lambda rid: labels[rid])
    row = next(r for r in rows if r.record_id == record_id)
    st.caption(row.title)
    with st.form(f"chart_{record_id}"):
        values = {}
        for f in fields:
            hint = f" ({ctx.t(TEXTS, 'suggested')})" if row.origins.get(f.key) == "prefill" else ""
            values[f.key] = st.text_area(f.label + hint, row.values.get(f.key, ""), help=f.help or None,
                                         key=f"v_{record_id}_{f.key}")
        if st.form_submit_button(ctx.t(TEXTS, "save")):
            try:
                n = charting.set_values(ctx.handle, record_id=record_id, values=values, actor=ctx.username)
                st.success(ctx.t(TEXTS, "saved", n=n))
            except WorkbenchError as exc:
                st.error(str(exc))
    _export(ctx)
    if ctx.role in ("admin", "researcher"):
        _fields(ctx)
