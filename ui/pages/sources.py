"""Sources: upload/import transcripts, list them by case and status, read one turn by turn."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services import cases as cases_service
from workbench.services import sources as sources_service
from workbench.services.ingest import import_transcripts

TITLE = {"nb": "Kilder", "en": "Sources"}
TEXTS = {
    "nb": {"heading": "Kilder (transkripsjoner, feltnotater, fulltekster)", "upload": "Importer filer",
           "files": "Filer (.vtt, .srt, .docx, .txt, .md, .pdf)", "case": "Case", "no_case": "(ingen)",
           "import": "Importer", "imported": "Importerte {n} kilder ({words} ord); {dup} fantes fra før",
           "none": "Ingen kilder ennå.", "read": "Les kilde", "title": "Tittel", "status": "Status",
           "words": "Ord", "turns": "Ytringer", "kind": "Type", "speaker": "Taler", "time": "Tid",
           "words_by_case": "Ord per case",
           "status_imported": "importert", "status_detected": "til gjennomgang", "status_released": "frigitt"},
    "en": {"heading": "Sources (transcripts, field notes, full texts)", "upload": "Import files",
           "files": "Files (.vtt, .srt, .docx, .txt, .md, .pdf)", "case": "Case", "no_case": "(none)",
           "import": "Import", "imported": "Imported {n} sources ({words} words); {dup} already present",
           "none": "No sources yet.", "read": "Read source", "title": "Title", "status": "Status",
           "words": "Words", "turns": "Turns", "kind": "Kind", "speaker": "Speaker", "time": "Time",
           "words_by_case": "Words per case",
           "status_imported": "imported", "status_detected": "in review", "status_released": "released"},
}


def _upload(ctx: PageContext) -> None:
    with ctx.handle.session() as s:
        case_names = [c.name for c in cases_service.list_cases(s, ctx.handle.project_id)]
    with st.expander(ctx.t(TEXTS, "upload")), st.form("upload", clear_on_submit=True):
        files = st.file_uploader(ctx.t(TEXTS, "files"), accept_multiple_files=True,
                                 type=["vtt", "srt", "docx", "txt", "md", "pdf"])
        case = st.selectbox(ctx.t(TEXTS, "case"), [ctx.t(TEXTS, "no_case"), *case_names])
        if st.form_submit_button(ctx.t(TEXTS, "import")) and files:
            bar = st.progress(0.0)
            with tempfile.TemporaryDirectory() as tmp:
                paths = []
                for f in files:
                    path = Path(tmp) / Path(f.name).name
                    path.write_bytes(f.getvalue())
                    paths.append(path)
                try:
                    report = import_transcripts(
                        ctx.handle, paths, case=None if case == ctx.t(TEXTS, "no_case") else case,
                        actor=ctx.username, progress=lambda done, total: bar.progress(done / total))
                except WorkbenchError as exc:
                    st.error(str(exc).replace(tmp + "/", ""))
                    return
            for warning in report.warnings:
                st.warning(warning.replace(tmp + "/", ""))
            st.success(ctx.t(TEXTS, "imported", n=len(report.imported), words=report.words,
                             dup=len(report.duplicates)))


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    if ctx.role in ("admin", "researcher"):
        _upload(ctx)
    with ctx.handle.session() as s:
        rows = sources_service.list_sources(s, ctx.handle.project_id)
    if not rows:
        st.info(ctx.t(TEXTS, "none"))
        return
    frame = pd.DataFrame([{ctx.t(TEXTS, "case"): r.case or "", ctx.t(TEXTS, "title"): r.title,
                           ctx.t(TEXTS, "kind"): r.kind, "Format": r.fmt,
                           ctx.t(TEXTS, "status"): ctx.t(TEXTS, f"status_{r.status}"),
                           ctx.t(TEXTS, "turns"): r.turns, ctx.t(TEXTS, "words"): r.words} for r in rows])
    st.dataframe(frame, hide_index=True, use_container_width=True)
    st.subheader(ctx.t(TEXTS, "words_by_case"))
    st.bar_chart(frame.groupby(ctx.t(TEXTS, "case"))[ctx.t(TEXTS, "words")].sum())
    st.subheader(ctx.t(TEXTS, "read"))
    choice = st.selectbox(ctx.t(TEXTS, "read"), rows, format_func=lambda r: f"{r.case or '-'} · {r.title}",
                          label_visibility="collapsed")
    if choice is not None:
        with ctx.handle.session() as s:
            turns = sources_service.source_turns(s, ctx.handle.project_id, choice.id)
        for turn in turns:
            stamp = sources_service.format_ms(turn.start_ms)
            speaker = (turn.speaker or "—").replace("*", "\\*").replace("_", "\\_")
            st.markdown(f"**{speaker}** · `{stamp}`" if stamp else f"**{speaker}**")
            st.text(turn.text)
