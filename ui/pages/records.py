"""Records: import database exports, browse records, review uncertain duplicates side by side
(merge / keep separate / undo), export RIS or CSV with decisions."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services import dedup, records

TITLE = {"nb": "Referanser", "en": "Records"}
TEXTS = {
    "nb": {
        "tab_import": "Import", "tab_list": "Referanser", "tab_dups": "Duplikater", "tab_export": "Eksport",
        "upload": "Filer fra databasesøk (RIS, BibTeX, .nbib, EndNote XML, CSV, Excel)",
        "source": "Kildedatabase (tom = gjett fra filen)", "import": "Importer",
        "imported": "{file}: {n} referanser ({source})", "batches": "Importerte filer (identifisert per kilde)",
        "unique_only": "Skjul duplikater", "search": "Søk i tittel og sammendrag", "none": "Ingen referanser ennå.",
        "run": "Finn duplikater", "running": "Sammenligner referanser …",
        "run_done": "{auto} sikre par slått sammen automatisk, {unc} nye usikre par til vurdering.",
        "removed": "Duplikater fjernet", "pending": "Usikre par", "merged_pairs": "Par slått sammen",
        "separate_pairs": "Par holdt adskilt", "no_pending": "Ingen usikre par venter.",
        "pair": "Par {i} av {n} · likhet {score:.2f}", "merge": "Slå sammen", "keep": "Hold adskilt",
        "groups": "Duplikatgrupper", "kept": "Beholdt", "undo": "Angre sammenslåing for referanse",
        "undo_btn": "Angre", "history": "Historikk", "field": "Felt", "export_fmt": "Format",
        "include_dups": "Ta med duplikater", "download": "Last ned", "prepare": "Lag eksportfil", "evidence": "Begrunnelse",
        "per_source": "Referanser per kilde",
    },
    "en": {
        "tab_import": "Import", "tab_list": "Records", "tab_dups": "Duplicates", "tab_export": "Export",
        "upload": "Database exports (RIS, BibTeX, .nbib, EndNote XML, CSV, Excel)",
        "source": "Source database (empty = guess from the file)", "import": "Import",
        "imported": "{file}: {n} records ({source})", "batches": "Imported files (identified per source)",
        "unique_only": "Hide duplicates", "search": "Search title and abstract", "none": "No records yet.",
        "run": "Find duplicates", "running": "Comparing records …",
        "run_done": "{auto} certain pairs merged automatically, {unc} new uncertain pairs to review.",
        "removed": "Duplicates removed", "pending": "Uncertain pairs", "merged_pairs": "Pairs merged",
        "separate_pairs": "Pairs kept apart", "no_pending": "No uncertain pairs waiting.",
        "pair": "Pair {i} of {n} · similarity {score:.2f}", "merge": "Merge", "keep": "Keep separate",
        "groups": "Duplicate groups", "kept": "Kept", "undo": "Undo the merge of record",
        "undo_btn": "Undo", "history": "History", "field": "Field", "export_fmt": "Format",
        "include_dups": "Include duplicates", "download": "Download", "prepare": "Create export file", "evidence": "Evidence",
        "per_source": "Records per source",
    },
}
FIELDS = ["title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "source", "abstract"]


def render(ctx: PageContext) -> None:
    st.header(ctx.title(TITLE))
    tabs = st.tabs([ctx.t(TEXTS, k) for k in ("tab_import", "tab_list", "tab_dups", "tab_export")])
    with tabs[0]:
        _import(ctx)
    with tabs[1]:
        _list(ctx)
    with tabs[2]:
        _duplicates(ctx)
    with tabs[3]:
        _export(ctx)


def _import(ctx: PageContext) -> None:
    files = st.file_uploader(ctx.t(TEXTS, "upload"), accept_multiple_files=True,
                             type=["ris", "txt", "nbib", "bib", "xml", "csv", "tsv", "xlsx"])
    source = st.text_input(ctx.t(TEXTS, "source"))
    if files and st.button(ctx.t(TEXTS, "import"), type="primary"):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for f in files:
                path = Path(tmp) / Path(f.name).name
                path.write_bytes(f.getvalue())
                paths.append(path)
            bar = st.progress(0.0)
            try:
                report = records.import_records(ctx.handle, paths, source=source or None, actor=ctx.username,
                                                progress=lambda done, total: bar.progress(done / total))
            except WorkbenchError as exc:
                st.error(str(exc).replace(tmp + "/", ""))
                return
        for row in report["files"]:
            st.success(ctx.t(TEXTS, "imported", file=Path(row["file"]).name, n=row["records"], source=row["source"]))
        for warning in report["warnings"][:20]:
            st.warning(warning)
    with ctx.handle.session() as s:
        batches = records.list_batches(s, ctx.handle.project_id)
    if batches:
        st.subheader(ctx.t(TEXTS, "batches"))
        df = pd.DataFrame(batches)
        st.dataframe(df[["id", "source", "file", "format", "records", "imported_at", "imported_by"]],
                     hide_index=True, width="stretch")
        st.caption(ctx.t(TEXTS, "per_source"))
        st.bar_chart(df.groupby("source")["records"].sum())


def _list(ctx: PageContext) -> None:
    col1, col2 = st.columns([1, 3])
    unique = col1.checkbox(ctx.t(TEXTS, "unique_only"), value=True)
    search = col2.text_input(ctx.t(TEXTS, "search"))
    with ctx.handle.session() as s:
        rows = records.list_records(s, ctx.handle.project_id, unique_only=unique, search=search)
    if not rows:
        st.info(ctx.t(TEXTS, "none"))
        return
    df = pd.DataFrame(rows)
    df["authors"] = df["authors"].map(lambda a: "; ".join(a[:3]) + (" …" if len(a) > 3 else ""))
    st.dataframe(df[["id", "title", "authors", "year", "journal", "doi", "pmid", "source", "duplicate_of"]],
                 hide_index=True, width="stretch")


def _duplicates(ctx: PageContext) -> None:
    if st.button(ctx.t(TEXTS, "run"), type="primary"):
        with st.spinner(ctx.t(TEXTS, "running")):
            res = dedup.run_dedup(ctx.handle, actor=ctx.username)
        st.success(ctx.t(TEXTS, "run_done", auto=res["new_auto"], unc=res["new_uncertain"]))
    with ctx.handle.session() as s:
        summary = dedup.status_summary(s, ctx.handle.project_id)
        pending = dedup.list_pairs(s, ctx.handle.project_id, status="uncertain")
        groups = dedup.list_groups(s, ctx.handle.project_id)
        history = dedup.merge_history(s, ctx.handle.project_id, limit=50)
    cols = st.columns(4)
    cols[0].metric(ctx.t(TEXTS, "removed"), summary["duplicates_removed"])
    cols[1].metric(ctx.t(TEXTS, "pending"), summary["pairs_uncertain"])
    cols[2].metric(ctx.t(TEXTS, "merged_pairs"), summary["pairs_auto"] + summary["pairs_merged"])
    cols[3].metric(ctx.t(TEXTS, "separate_pairs"), summary["pairs_separate"])
    if not pending:
        st.info(ctx.t(TEXTS, "no_pending"))
    else:
        pair = pending[0]
        st.subheader(ctx.t(TEXTS, "pair", i=1, n=len(pending), score=pair["score"]))
        table = pd.DataFrame({
            ctx.t(TEXTS, "field"): FIELDS,
            f"A · {pair['a']['id']}": [_fmt(pair["a"].get(f)) for f in FIELDS],
            f"B · {pair['b']['id']}": [_fmt(pair["b"].get(f)) for f in FIELDS],
        })
        st.dataframe(table, hide_index=True, width="stretch")
        with st.expander(ctx.t(TEXTS, "evidence")):
            st.json(pair["evidence"])
        b1, b2 = st.columns(2)
        if b1.button(ctx.t(TEXTS, "merge"), key=f"merge-{pair['id']}", type="primary"):
            _decide(ctx, pair["id"], "merge")
        if b2.button(ctx.t(TEXTS, "keep"), key=f"keep-{pair['id']}"):
            _decide(ctx, pair["id"], "separate")
    if groups:
        st.subheader(ctx.t(TEXTS, "groups"))
        st.dataframe(pd.DataFrame([{ctx.t(TEXTS, "kept"): g["kept"], "duplicates": ", ".join(map(str, g["duplicates"]))}
                                   for g in groups]), hide_index=True, width="stretch")
        dup_ids = sorted(d for g in groups for d in g["duplicates"])
        c1, c2 = st.columns([3, 1])
        target = c1.selectbox(ctx.t(TEXTS, "undo"), dup_ids)
        if c2.button(ctx.t(TEXTS, "undo_btn")) and target is not None:
            try:
                with ctx.handle.session() as s:
                    dedup.unmerge_record(s, ctx.handle.project_id, int(target), actor=ctx.username)
            except WorkbenchError as exc:
                st.error(str(exc))
            else:
                st.rerun()
    if history:
        with st.expander(ctx.t(TEXTS, "history")):
            st.dataframe(pd.DataFrame(history), hide_index=True, width="stretch")


def _decide(ctx: PageContext, pair_id: int, decision: str) -> None:
    try:
        with ctx.handle.session() as s:
            dedup.decide_pair(s, ctx.handle.project_id, pair_id, decision=decision, actor=ctx.username)
    except WorkbenchError as exc:
        st.error(str(exc))
        return
    st.rerun()


def _fmt(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    text = "" if value is None else str(value)
    return text if len(text) < 400 else text[:400] + " …"


def _export(ctx: PageContext) -> None:
    fmt = st.radio(ctx.t(TEXTS, "export_fmt"), ["csv", "ris"], horizontal=True)
    include = st.checkbox(ctx.t(TEXTS, "include_dups"))
    if st.button(ctx.t(TEXTS, "prepare")):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"records.{fmt}"
            try:
                records.export_records(ctx.handle, fmt=fmt, out=out, include_duplicates=include,
                                       actor=ctx.username)
            except WorkbenchError as exc:
                st.error(str(exc))
                return
            st.session_state["records_export"] = (out.name, out.read_bytes())
    prepared = st.session_state.get("records_export")
    if prepared:
        name, data = prepared
        st.download_button(ctx.t(TEXTS, "download") + f" {name}", data, file_name=name,
                           mime="text/csv" if name.endswith(".csv") else "application/x-research-info-systems")
