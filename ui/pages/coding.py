"""Coding: read a source turn by turn with coloured codings, code spans/turns/sources, review
suggestions, memos, retrieval by code combinations, case attributes and speaker, retrain the classifier."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services import codebooks as codebook_service
from workbench.services import coding

TITLE = {"nb": "Koding", "en": "Coding"}
TEXTS = {
    "nb": {"heading": "Koding", "source": "Kilde", "none": "Ingen kilder kan kodes ennå (de må avidentifiseres og frigis).",
           "no_codebook": "Prosjektet har ingen kodebok. Importer en med «workbench codebook import».",
           "read": "Les og kod", "suggestions": "Forslag", "retrieve": "Hent fram", "memos": "Memoer",
           "coder": "Vis kodinger av", "code": "Kode", "scope": "Hva skal kodes", "turn": "En tur", "span": "Et utsnitt", "quote": "Et sitat", "quote_text": "Lim inn sitatet",
           "whole": "Hele kilden", "start": "Start (tegn)", "end": "Slutt (tegn)", "memo": "Memo (valgfritt)",
           "add": "Kod", "added": "Kodet.", "run": "Lag forslag for alle frigitte kilder", "running": "Lager forslag …",
           "made": "{n} nye forslag.", "accept": "Godta valgte", "reject": "Avvis valgte", "decided": "{n} avgjort.",
           "no_sugg": "Ingen åpne forslag i denne kilden.", "query": "Kodespørring (AND, OR, NOT, parenteser)",
           "attr": "Case-attributt (navn=verdi, valgfritt)", "speaker": "Taler (valgfritt)", "search": "Søk",
           "hits": "{n} treff", "memo_on": "Memo på", "save": "Lagre memo", "saved": "Memo lagret.",
           "train": "Tren klassifikator på beslutningene", "trained": "Klassifikator trent på {u} enheter. "
           "Holdt tilbake: makro-F1 {a:.2f} (termer) → {b:.2f} (re-rangert).", "evidence": "Belegg",
           "score": "Skår", "text": "Tekst", "project": "prosjektet", "status": "Kilden har status «{s}»."},
    "en": {"heading": "Coding", "source": "Source", "none": "No source can be coded yet (they must be de-identified and released).",
           "no_codebook": "The project has no codebook. Import one with 'workbench codebook import'.",
           "read": "Read and code", "suggestions": "Suggestions", "retrieve": "Retrieve", "memos": "Memos",
           "coder": "Show codings of", "code": "Code", "scope": "What to code", "turn": "A turn", "span": "A span", "quote": "A quote", "quote_text": "Paste the quote",
           "whole": "Whole source", "start": "Start (characters)", "end": "End (characters)", "memo": "Memo (optional)",
           "add": "Code", "added": "Coded.", "run": "Suggest codes for all released sources", "running": "Suggesting …",
           "made": "{n} new suggestions.", "accept": "Accept selected", "reject": "Reject selected", "decided": "{n} decided.",
           "no_sugg": "No open suggestions in this source.", "query": "Code query (AND, OR, NOT, parentheses)",
           "attr": "Case attribute (name=value, optional)", "speaker": "Speaker (optional)", "search": "Search",
           "hits": "{n} hits", "memo_on": "Memo on", "save": "Save memo", "saved": "Memo saved.",
           "train": "Train classifier on the decisions", "trained": "Classifier trained on {u} units. "
           "Held back: macro F1 {a:.2f} (terms) → {b:.2f} (re-ranked).", "evidence": "Evidence",
           "score": "Score", "text": "Text", "project": "the project", "status": "The source has status '{s}'."},
}


def _highlight(text: str, start: int, end: int, codings: list, colours: dict[str, str]) -> str:
    """HTML of text[start:end] with coded stretches on the colour of their first code (text escaped)."""
    cuts = sorted({start, end, *[max(start, c.start) for c in codings if c.start < end and start < c.end],
                   *[min(end, c.end) for c in codings if c.start < end and start < c.end]})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        here = [c.code for c in codings if c.start <= a and b <= c.end]
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        if here:
            parts.append(f'<span style="background:{html.escape(colours.get(here[0], "#ddd"))}55" title="{html.escape(", ".join(here))}">'
                         f"{piece}</span>")
        else:
            parts.append(piece)
    return "".join(parts)


def render(ctx: PageContext) -> None:  # noqa: C901 - one page, several tabs
    st.header(ctx.t(TEXTS, "heading"))
    handle, pid, me = ctx.handle, ctx.handle.project_id, ctx.username
    settings = coding.coding_settings(handle)
    with handle.session() as s:
        try:
            book = codebook_service.get_codebook(s, pid)
        except WorkbenchError:
            st.info(ctx.t(TEXTS, "no_codebook"))
            return
        codes = codebook_service.list_codes(s, book)
        sources = coding.codable_sources(s, pid, require_deid=settings["require_deid"])
    colours = {c.key: c.colour for c in codes}
    leaf = [c.key for c in codes if c.parent]
    if not sources:
        st.info(ctx.t(TEXTS, "none"))
        return
    wanted = st.query_params.get("source")
    ids = [src.id for src in sources]
    index = ids.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in ids else 0
    src_id = st.selectbox(ctx.t(TEXTS, "source"), ids, index=index,
                          format_func=lambda i: next(f"{x.title} ({x.word_count} ord)" for x in sources if x.id == i))
    read, sugg, retr, memos = st.tabs([ctx.t(TEXTS, k) for k in ("read", "suggestions", "retrieve", "memos")])

    with read:
        with handle.session() as s:
            src = coding.get_source(s, pid, src_id)
            text, turns = src.text, [(t.index, t.speaker, t.start, t.end) for t in src.turns]
            coder_names = sorted({v.coder for v in coding.list_codings(s, pid, source_id=src_id)} | {me})
            allowed = coding.visible_coders(handle, s, viewer=me)
        if allowed is not None:
            coder_names = [c for c in coder_names if c in allowed]
        who = st.selectbox(ctx.t(TEXTS, "coder"), coder_names, index=coder_names.index(me))
        with handle.session() as s:
            coding.check_may_see(handle, s, viewer=me, coders=[who])
            mine = coding.list_codings(s, pid, source_id=src_id, coder=who, status="accepted")
        st.markdown(" ".join(f'<span style="background:{html.escape(c.colour)};color:white;padding:1px 6px;'
                             f'border-radius:4px">{html.escape(c.key)}</span>' for c in codes if c.parent),
                    unsafe_allow_html=True)
        for idx, speaker, a, b in turns or [(0, "", 0, len(text))]:
            here = sorted({c.code for c in mine if c.start < b and a < c.end})
            st.markdown(f"**{html.escape(speaker)}** <small>#{idx} · {a}–{b} · {html.escape(', '.join(here))}</small><br>"
                        + _highlight(text, a, b, mine, colours), unsafe_allow_html=True)
        with st.form("add_coding"):
            code = st.selectbox(ctx.t(TEXTS, "code"), leaf)
            scope = st.radio(ctx.t(TEXTS, "scope"), ["turn", "quote", "span", "whole"], horizontal=True,
                             format_func=lambda k: ctx.t(TEXTS, k))
            turn_idx = st.selectbox(ctx.t(TEXTS, "turn"), [t[0] for t in turns] or [0])
            c1, c2 = st.columns(2)
            start = c1.number_input(ctx.t(TEXTS, "start"), min_value=0, max_value=len(text), value=0)
            end = c2.number_input(ctx.t(TEXTS, "end"), min_value=0, max_value=len(text), value=min(len(text), 100))
            quote = st.text_area(ctx.t(TEXTS, "quote_text"), height=68)
            memo = st.text_input(ctx.t(TEXTS, "memo"))
            if st.form_submit_button(ctx.t(TEXTS, "add")):
                try:
                    with handle.session() as s:
                        coding.add_coding(s, pid, source_id=src_id, code=code, coder=me, memo=memo or None,
                                          require_deid=settings["require_deid"],
                                          turn_index=turn_idx if scope == "turn" and turns else None,
                                          whole_source=scope == "whole" or (scope == "turn" and not turns),
                                          quote=quote if scope == "quote" else None,
                                          start=int(start) if scope == "span" else None,
                                          end=int(end) if scope == "span" else None)
                    st.success(ctx.t(TEXTS, "added"))
                except WorkbenchError as exc:
                    st.error(str(exc))

    with sugg:
        if st.button(ctx.t(TEXTS, "run")):
            bar = st.progress(0.0, text=ctx.t(TEXTS, "running"))
            report = coding.run_autocoding(handle, coder=me, progress=lambda d, t: bar.progress(d / max(t, 1)))
            st.success(ctx.t(TEXTS, "made", n=report["suggestions"]))
        with handle.session() as s:
            props = coding.list_codings(s, pid, source_id=src_id, coder=me, status="proposed")
        if not props:
            st.caption(ctx.t(TEXTS, "no_sugg"))
        else:
            df = pd.DataFrame([{"✓": False, "id": p.id, ctx.t(TEXTS, "code"): p.code, ctx.t(TEXTS, "score"): p.score,
                                ctx.t(TEXTS, "evidence"): ", ".join(e.get("term", e.get("how", ""))
                                                                   for e in p.evidence.get("terms", [])),
                                ctx.t(TEXTS, "text"): p.text[:160]} for p in props])
            edited = st.data_editor(df, hide_index=True, disabled=[c for c in df.columns if c != "✓"], key="sugg")
            chosen = [int(i) for i in edited.loc[edited["✓"], "id"]]
            c1, c2 = st.columns(2)
            for col, key, accept in ((c1, "accept", True), (c2, "reject", False)):
                if col.button(ctx.t(TEXTS, key), disabled=not chosen):
                    with handle.session() as s:
                        n = coding.decide_suggestions(s, pid, {i: accept for i in chosen}, actor=me)
                    st.success(ctx.t(TEXTS, "decided", n=n))
                    st.rerun()
        if st.button(ctx.t(TEXTS, "train")):
            try:
                rep = coding.train_classifier(handle, actor=me)
                h = rep["holdout"]
                if "lexicon" in h:
                    st.success(ctx.t(TEXTS, "trained", u=rep["units"], a=h["lexicon"]["macro_f1"],
                                     b=h["reranked"]["macro_f1"]))
            except WorkbenchError as exc:
                st.error(str(exc))

    with retr:
        with st.form("retrieve"):
            query = st.text_input(ctx.t(TEXTS, "query"), value="Q6 AND NOT M3")
            attr = st.text_input(ctx.t(TEXTS, "attr"))
            speaker = st.text_input(ctx.t(TEXTS, "speaker"))
            chosen_coders = st.multiselect(ctx.t(TEXTS, "coder"), coder_names)
            go = st.form_submit_button(ctx.t(TEXTS, "search"))
        if go:
            try:
                attrs = dict([attr.split("=", 1)]) if "=" in attr else None
                with handle.session() as s:
                    allowed = coding.visible_coders(handle, s, viewer=me)
                    if allowed is not None:
                        chosen_coders = [c for c in chosen_coders if c in allowed] or sorted(allowed)
                    rows = coding.retrieve(s, pid, query=query, coders=chosen_coders or None, attributes=attrs,
                                           speaker=speaker or None, unit=settings["unit"])
                st.caption(ctx.t(TEXTS, "hits", n=len(rows)))
                st.dataframe(pd.DataFrame([{k: r[k] for k in ("source", "case", "speaker", "codes", "text")}
                                           for r in rows]), hide_index=True)
            except WorkbenchError as exc:
                st.error(str(exc))

    with memos:
        targets = {"source": src_id, "project": None, **{f"code {c.key}": c.id for c in codes}}
        with st.form("memo"):
            target = st.selectbox(ctx.t(TEXTS, "memo_on"), list(targets))
            memo_text = st.text_area(ctx.t(TEXTS, "memo"))
            if st.form_submit_button(ctx.t(TEXTS, "save")) and memo_text.strip():
                with handle.session() as s:
                    coding.add_memo(s, pid, target_type=target.split(" ")[0], target_id=targets[target],
                                    author=me, text=memo_text)
                st.success(ctx.t(TEXTS, "saved"))
        with handle.session() as s:
            rows = coding.list_memos(s, pid)
        if rows:
            st.dataframe(pd.DataFrame(rows)[["target_type", "target_id", "author", "text", "created_at"]], hide_index=True)
