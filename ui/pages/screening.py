"""Screening: one record at a time beside the criteria, keyboard-first decisions, full texts,
conflicts for resolvers, progress per reviewer and agreement (κ).

Blinding is enforced by ``workbench.services.screening``; this page only shows what it returns.
"""

from __future__ import annotations

import html
import json

import matplotlib.pyplot as plt
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from ui.common import PageContext
from workbench.errors import WorkbenchError
from workbench.services import criteria as criteria_service
from workbench.services import screening

TITLE = {"nb": "Screening", "en": "Screening"}
TEXTS = {
    "nb": {"heading": "Screening av referanser", "stage": "Fase", "title_abstract": "Tittel/sammendrag",
           "full_text": "Fulltekst", "tab_screen": "Screen", "tab_conflicts": "Konflikter",
           "tab_progress": "Fremdrift og enighet", "tab_criteria": "Kriterier", "done": "Ingen flere referanser "
           "å screene i denne fasen.", "left": "{n} igjen for deg", "criteria": "Inklusjonskriterier",
           "population": "Populasjon", "concept": "Konsept", "context": "Kontekst", "include": "Inkluder",
           "exclude": "Ekskluder", "maybe": "Kanskje", "note": "Notat", "reason": "Eksklusjonsgrunn",
           "shortcut": "Beslutning: i / e [nr] / m + notat, Enter", "shortcut_help": "i = inkluder, e = ekskluder "
           "(e 2 = grunn nr. 2), m = kanskje; resten av linjen blir notat.", "saved": "Lagret: {d}",
           "others": "Andre lesere", "hidden": "Skjult til du har bestemt deg", "own": "Din beslutning",
           "pdf": "Last opp fulltekst (PDF)", "attach": "Legg ved", "not_retrieved": "Fulltekst ikke innhentet",
           "attached": "Vedlagt {f}", "no_conflicts": "Ingen åpne konflikter.", "resolve": "Avgjør",
           "method": "Metode", "discussion": "Diskusjon", "third_reviewer": "Tredje leser",
           "reviewer": "Leser", "decided": "Bestemt", "to_do": "Gjenstår", "kappa": "Cohens κ",
           "agreement": "Enighet", "pair": "Par", "n": "Antall", "save": "Lagre kriterier",
           "include_rules": "Inklusjonsregler (én per linje)", "exclude_rules": "Eksklusjonsregler (én per linje)",
           "include_keywords": "Inklusjonsord (komma)", "exclude_keywords": "Eksklusjonsord (komma)",
           "reasons": "Eksklusjonsgrunner for fulltekst (én per linje)", "record": "Gå til referanse-ID",
           "resolution": "Avgjort", "aid": "Screenet siden siste inkludering: {since} · anslått gjenværende "
           "relevante: {left} (øvre anslag {upper}) · regel: stopp når minst {streak} er screenet siden siste "
           "inkludering og konservativt anslått gjenfinning er minst 95 %", "stop": "Stoppregelen er oppfylt: vurder å avslutte screeningen.",
           "m_records": "Referanser", "m_complete": "Ferdig screenet", "m_conflicts_open": "Åpne konflikter",
           "m_resolved": "Avgjort", "k_moderate": "moderat", "k_substantial": "betydelig",
           "k_almost": "nesten perfekt"},
    "en": {"heading": "Screening records", "stage": "Stage", "title_abstract": "Title/abstract",
           "full_text": "Full text", "tab_screen": "Screen", "tab_conflicts": "Conflicts",
           "tab_progress": "Progress and agreement", "tab_criteria": "Criteria", "done": "No more records to "
           "screen at this stage.", "left": "{n} left for you", "criteria": "Eligibility criteria",
           "population": "Population", "concept": "Concept", "context": "Context", "include": "Include",
           "exclude": "Exclude", "maybe": "Maybe", "note": "Note", "reason": "Exclusion reason",
           "shortcut": "Decision: i / e [no] / m + note, Enter", "shortcut_help": "i = include, e = exclude "
           "(e 2 = reason no. 2), m = maybe; the rest of the line is the note.", "saved": "Saved: {d}",
           "others": "Other reviewers", "hidden": "Hidden until you have decided", "own": "Your decision",
           "pdf": "Upload full text (PDF)", "attach": "Attach", "not_retrieved": "Full text not retrieved",
           "attached": "Attached {f}", "no_conflicts": "No open conflicts.", "resolve": "Resolve",
           "method": "Method", "discussion": "Discussion", "third_reviewer": "Third reviewer",
           "reviewer": "Reviewer", "decided": "Decided", "to_do": "To do", "kappa": "Cohen's κ",
           "agreement": "Agreement", "pair": "Pair", "n": "N", "save": "Save criteria",
           "include_rules": "Inclusion rules (one per line)", "exclude_rules": "Exclusion rules (one per line)",
           "include_keywords": "Include keywords (comma)", "exclude_keywords": "Exclude keywords (comma)",
           "reasons": "Full-text exclusion reasons (one per line)", "record": "Go to record id",
           "resolution": "Resolved", "aid": "Screened since last include: {since} · estimated relevant left: "
           "{left} (upper estimate {upper}) · rule: stop when at least {streak} have been screened since the last "
           "include and the conservative recall estimate is at least 95%", "stop": "The stopping rule is met: consider ending screening.",
           "m_records": "Records", "m_complete": "Fully screened", "m_conflicts_open": "Open conflicts",
           "m_resolved": "Resolved", "k_moderate": "moderate", "k_substantial": "substantial",
           "k_almost": "almost perfect"},
}
CSS = ("<style>mark.kw-include{background:#c8f0c8;padding:0 2px}"
       "mark.kw-exclude{background:#f7c6c6;padding:0 2px}</style>")


def _criteria_panel(ctx: PageContext, crit: criteria_service.Criteria) -> None:
    st.subheader(ctx.t(TEXTS, "criteria"))
    for key in ("population", "concept", "context"):
        if getattr(crit, key):
            st.markdown(f"**{ctx.t(TEXTS, key)}:** " + html.escape(getattr(crit, key)))
    for label, rules in (("+", crit.include_rules), ("−", crit.exclude_rules)):
        for rule in rules:
            st.markdown(f"{label} " + html.escape(rule))


def _screen(ctx: PageContext, stage: str) -> None:
    handle, user = ctx.handle, ctx.username
    todo = screening.queue(handle, reviewer=user, stage=stage)
    top = st.columns([1, 4])
    jump = top[0].number_input(ctx.t(TEXTS, "record"), min_value=0, step=1, value=0, key=f"jump_{stage}")
    record_id = int(jump) if jump else (todo[0] if todo else None)
    with top[1]:
        st.markdown(f"**{ctx.t(TEXTS, 'left', n=len(todo))}**")
        aid = screening.stopping_aid(handle, reviewer=user, stage=stage)
        if aid:
            left, upper = aid.get("estimated_relevant_left"), aid.get("estimated_relevant_left_upper")
            st.caption(ctx.t(TEXTS, "aid", since=aid.get("screened_since_last_include", 0),
                             left="?" if left is None else f"{left:.1f}",
                             upper="?" if upper is None else f"{upper:.1f}", streak=aid.get("streak_needed", "?")))
            if aid.get("suggest_stop"):
                st.warning(ctx.t(TEXTS, "stop"))
    if record_id is None:
        st.success(ctx.t(TEXTS, "done"))
        return
    try:
        item = screening.screening_item(handle, record_id=record_id, stage=stage, viewer=user)
    except WorkbenchError as exc:
        st.error(str(exc))
        return
    left, right = st.columns([3, 2])
    with left:
        st.markdown(CSS, unsafe_allow_html=True)
        title = criteria_service.highlight_html(item.title, item.title_highlights)
        st.markdown(f"#### {title}", unsafe_allow_html=True)
        st.caption(" · ".join(x for x in ("; ".join(item.authors[:4]), str(item.year or ""), item.journal,
                                          f"ID {item.record_id}") if x))
        st.markdown(criteria_service.highlight_html(item.abstract, item.abstract_highlights), unsafe_allow_html=True)
        if stage == screening.FT:
            _full_text(ctx, item)
        reasons = item.exclusion_reasons if stage == screening.FT else []
        if reasons:
            st.caption(" · ".join(f"{i}. {r}" for i, r in enumerate(reasons, start=1)))
        with st.form(f"decide_{stage}", clear_on_submit=True):
            line = st.text_input(ctx.t(TEXTS, "shortcut"), help=ctx.t(TEXTS, "shortcut_help"))
            cols = st.columns(4)
            # Enter in the box "clicks" the form's first submit button, so ↵ must come first
            submitted = cols[0].form_submit_button("↵", type="primary")
            clicked = [d for d, col in zip(("include", "exclude", "maybe"), cols[1:], strict=True)
                       if col.form_submit_button(ctx.t(TEXTS, d))]
        _focus(ctx.t(TEXTS, "shortcut"))
        if clicked or (submitted and line):
            try:
                if clicked:
                    decision, reason, note = clicked[0], "", line
                    if decision == "exclude" and reasons:
                        decision, reason, note = screening.parse_shortcut("e " + line, reasons=reasons)
                else:
                    decision, reason, note = screening.parse_shortcut(line, reasons=reasons)
                view = screening.decide(handle, record_id=item.record_id, reviewer=user, stage=stage,
                                        decision=decision, note=note, reason=reason)
                st.session_state["last_decided"] = (item.record_id, stage, view.decision)
                st.rerun()
            except WorkbenchError as exc:
                st.error(str(exc))
    with right:
        _criteria_panel(ctx, item.criteria)
        st.markdown(f"**{ctx.t(TEXTS, 'own')}:** " + (item.own.decision if item.own else "—"))
        st.markdown(f"**{ctx.t(TEXTS, 'others')}:** " + (ctx.t(TEXTS, "hidden") if item.others is None else
                    ", ".join(f"{o.reviewer}: {o.decision}" for o in item.others) or "—"))
        last = st.session_state.get("last_decided")
        if last and last[1] == stage:
            st.info(ctx.t(TEXTS, "saved", d=f"#{last[0]} → {last[2]}"))


def _focus(label: str) -> None:
    """Put the cursor in the decision box, so screening needs no mouse (i ↵, e 2 ↵, m ↵)."""
    components.html("<script>const f=()=>{const el=window.parent.document.querySelector("
                    f"'input[aria-label={json.dumps(label)}]');if(el){{el.focus();}}else{{setTimeout(f,100);}}}};"
                    "f();</script>", height=0)


def _full_text(ctx: PageContext, item: screening.ScreeningItem) -> None:
    for att in item.attachments:
        with open(att["path"], "rb") as fh:
            st.download_button(f"📄 {att['filename']} ({att['n_pages'] or '?'} s.)", fh.read(),
                               file_name=att["filename"], mime="application/pdf", key=f"att_{att['id']}")
    with st.expander(ctx.t(TEXTS, "pdf")):
        upload = st.file_uploader(ctx.t(TEXTS, "pdf"), type=["pdf"], key=f"pdf_{item.record_id}")
        cols = st.columns(2)
        try:
            if upload is not None and cols[0].button(ctx.t(TEXTS, "attach")):
                screening.attach_full_text(ctx.handle, record_id=item.record_id, filename=upload.name,
                                           data=upload.getvalue(), actor=ctx.username)
                st.success(ctx.t(TEXTS, "attached", f=upload.name))
            if cols[1].button(ctx.t(TEXTS, "not_retrieved")):
                screening.set_retrieval(ctx.handle, record_id=item.record_id, retrieved=False, actor=ctx.username)
                st.rerun()
        except WorkbenchError as exc:
            st.error(str(exc))


def _conflicts(ctx: PageContext, stage: str) -> None:
    items = screening.list_conflicts(ctx.handle, stage=stage)
    if not items:
        st.info(ctx.t(TEXTS, "no_conflicts"))
        return
    reasons = screening.exclusion_reasons(ctx.handle) if stage == screening.FT else []
    for c in items:
        with st.expander(f"#{c.record_id} {c.title[:100]}"):
            st.table(pd.DataFrame([{ctx.t(TEXTS, "reviewer"): d.reviewer, "": d.decision,
                                    ctx.t(TEXTS, "reason"): d.reason, ctx.t(TEXTS, "note"): d.note}
                                   for d in c.decisions]))
            with st.form(f"resolve_{stage}_{c.record_id}"):
                decision = st.radio(ctx.t(TEXTS, "resolve"), ["include", "exclude"], horizontal=True,
                                    format_func=lambda d: ctx.t(TEXTS, d))
                method = st.radio(ctx.t(TEXTS, "method"), ["third_reviewer", "discussion"], horizontal=True,
                                  format_func=lambda m: ctx.t(TEXTS, m))
                reason = st.selectbox(ctx.t(TEXTS, "reason"), [""] + reasons) if reasons else ""
                note = st.text_input(ctx.t(TEXTS, "note"))
                if st.form_submit_button(ctx.t(TEXTS, "resolve")):
                    try:
                        screening.resolve(ctx.handle, record_id=c.record_id, stage=stage, resolver=ctx.username,
                                          decision=decision, method=method, reason=reason or "", note=note)
                        st.rerun()
                    except WorkbenchError as exc:
                        st.error(str(exc))


def _progress(ctx: PageContext, stage: str) -> None:
    info = screening.progress(ctx.handle, viewer=ctx.username)["stages"][stage]
    cols = st.columns(4)
    for col, key in zip(cols, ("records", "complete", "conflicts_open", "resolved"), strict=True):
        col.metric(ctx.t(TEXTS, f"m_{key}"), info[key])
    df = pd.DataFrame([{ctx.t(TEXTS, "reviewer"): r["reviewer"], ctx.t(TEXTS, "decided"): r["decided"],
                        ctx.t(TEXTS, "to_do"): r["to_do"]} for r in info["reviewers"]])
    if not df.empty:
        st.bar_chart(df.set_index(ctx.t(TEXTS, "reviewer")), stack=True)
    rows = [r for r in screening.agreement(ctx.handle) if r["stage"] == stage]
    if rows:
        table = pd.DataFrame([{ctx.t(TEXTS, "pair"): r["pair"], ctx.t(TEXTS, "n"): r["n"],
                               ctx.t(TEXTS, "agreement"): round(r["agreement"], 3),
                               ctx.t(TEXTS, "kappa"): None if r["kappa"] is None else round(r["kappa"], 3)}
                              for r in rows])
        st.dataframe(table, hide_index=True)
        fig, ax = plt.subplots(figsize=(5, 0.9 + 0.3 * len(rows)))
        ax.barh([r["pair"] for r in rows], [r["kappa"] or 0 for r in rows], color="#24476b")
        for x, label in ((0.4, ctx.t(TEXTS, "k_moderate")), (0.6, ctx.t(TEXTS, "k_substantial")),
                         (0.8, ctx.t(TEXTS, "k_almost"))):
            ax.axvline(x, color="#bbb", linewidth=0.8)
            ax.text(x, len(rows) - 0.45, label, fontsize=7, color="#666")
        ax.set_xlim(0, 1)
        ax.set_xlabel(ctx.t(TEXTS, "kappa"))
        fig.tight_layout()
        st.pyplot(fig, width="content")
        plt.close(fig)


def _criteria_edit(ctx: PageContext) -> None:
    crit = screening.get_criteria(ctx.handle)
    _criteria_panel(ctx, crit)
    if ctx.role not in ("admin", "researcher"):
        return
    with st.form("criteria_edit"):
        values = {k: st.text_area(ctx.t(TEXTS, k), getattr(crit, k)) for k in ("population", "concept", "context")}
        for key in ("include_rules", "exclude_rules"):
            values[key] = st.text_area(ctx.t(TEXTS, key), "\n".join(getattr(crit, key))).splitlines()
        for key in ("include_keywords", "exclude_keywords"):
            values[key] = st.text_input(ctx.t(TEXTS, key), ", ".join(getattr(crit, key))).split(",")
        reasons = st.text_area(ctx.t(TEXTS, "reasons"), "\n".join(screening.exclusion_reasons(ctx.handle)))
        if st.form_submit_button(ctx.t(TEXTS, "save")):
            try:
                screening.set_criteria(ctx.handle, actor=ctx.username, **values)
                screening.set_exclusion_reasons(ctx.handle, reasons=reasons.splitlines(), actor=ctx.username)
                st.rerun()
            except WorkbenchError as exc:
                st.error(str(exc))


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    stage = st.radio(ctx.t(TEXTS, "stage"), [screening.TA, screening.FT], horizontal=True,
                     format_func=lambda s: ctx.t(TEXTS, s))
    tabs = st.tabs([ctx.t(TEXTS, k) for k in ("tab_screen", "tab_conflicts", "tab_progress", "tab_criteria")])
    with tabs[0]:
        _screen(ctx, stage)
    with tabs[1]:
        _conflicts(ctx, stage)
    with tabs[2]:
        _progress(ctx, stage)
    with tabs[3]:
        _criteria_edit(ctx)
