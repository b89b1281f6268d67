"""De-identification review: detections in context, accept/reject/add, flags, release for coding."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ui.common import PageContext
from ui.components.text_select import text_select
from workbench.errors import ConflictError, WorkbenchError
from workbench.services import deid

TITLE = {"nb": "Avidentifisering", "en": "De-identification"}
TEXTS = {
    "nb": {"heading": "Avidentifisering og gjennomgang", "none": "Ingen kilder ennå.", "title": "Tittel",
           "status": "Status", "pending": "Til vurdering", "accepted": "Godtatt", "rejected": "Avvist",
           "flags": "Indirekte identifikatorer", "passphrase": "Passordfrase for nøkkelfilen",
           "run": "Finn identifikatorer i nye kilder", "ran": "{n} funn i {s} kilder",
           "by_label": "Funn per type", "source": "Kilde til gjennomgang", "context": "I kontekst",
           "label": "Type", "detector": "Detektor", "confidence": "Sikkerhet", "decision": "Beslutning",
           "all_occ": "Gjelder alle forekomster i prosjektet", "save": "Lagre beslutninger",
           "saved": "{n} funn oppdatert", "add": "Legg til et oversett funn",
           "add_text": "Tekst (nøyaktig slik den står i kilden)", "add_btn": "Legg til",
           "select_help": "Merk ordet eller uttrykket med musa i teksten under, velg type og trykk «Legg til». "
                          "Fargene viser funnene: gul = til vurdering, grønn = godtatt, grå = avvist.",
           "selected": "Valgt", "paste": "Uten mus: skriv eller lim inn teksten (merker alle forekomster i kilden)",
           "paste_btn": "Legg til teksten",
           "added": "{n} forekomster lagt til", "not_found": "Teksten finnes ikke i kilden",
           "flag_help": "Sjeldne roller, små steder og innbyggertall kan identifisere i kombinasjon. "
                        "Vurder å generalisere.", "release": "Erstatt og frigi for koding",
           "released": "{n} kilder frigitt ({r} erstatninger)", "nothing": "Ingen kilder venter på gjennomgang.",
           "replacements": "Erstatningsliste (pseudonymer; originalene finnes bare i nøkkelfilen)",
           "pseudonym": "Pseudonym", "kind": "Art", "count": "Forekomster", "accept_all": "Godta alle åpne",
           "flag_open": "åpen", "flag_kept": "Beholdes", "flag_handled": "Generalisert",
           "pending_first": "Noen funn er fortsatt til vurdering: ta stilling til dem eller godta alle åpne.",
           "status_imported": "importert", "status_detected": "til gjennomgang", "status_released": "frigitt",
           "verify": "Kontroller at ingen identifikator er igjen", "verify_help":
               "Søker etter alle erstattede og registrerte originaler i de pseudonymiserte tekstene (krever "
               "passordfrasen) og kjører detektorene på nytt. Rapporten viser bare posisjoner og pseudonymer.",
           "verify_ok": "Ingen original funnet i {n} kilder ({o} originaler søkt). {r} kandidater bør ses over.",
           "verify_bad": "{k} originaler er fortsatt i teksten: se kildene under.",
           "survivors": "Gjenværende originaler", "residual": "Kandidater å se over",
           "residual_in": "{title}: {n} kandidater i den frigitte teksten"},
    "en": {"heading": "De-identification and review", "none": "No sources yet.", "title": "Title",
           "status": "Status", "pending": "Pending", "accepted": "Accepted", "rejected": "Rejected",
           "flags": "Indirect identifiers", "passphrase": "Key file passphrase",
           "run": "Detect identifiers in new sources", "ran": "{n} detections in {s} sources",
           "by_label": "Detections by type", "source": "Source to review", "context": "In context",
           "label": "Type", "detector": "Detector", "confidence": "Confidence", "decision": "Decision",
           "all_occ": "Apply to all occurrences in the project", "save": "Save decisions",
           "saved": "{n} detections updated", "add": "Add a missed identifier",
           "add_text": "Text (exactly as written in the source)", "add_btn": "Add",
           "select_help": "Select the word or phrase with the mouse in the text below, choose a type and press "
                          "Add. Colours show the detections: yellow = pending, green = accepted, grey = rejected.",
           "selected": "Selected", "paste": "Without a mouse: type or paste the text (marks every occurrence in the source)",
           "paste_btn": "Add this text",
           "added": "{n} occurrences added", "not_found": "The text does not occur in the source",
           "flag_help": "Rare roles, small places and population figures can identify in combination. "
                        "Consider generalising.", "release": "Replace and release for coding",
           "released": "{n} sources released ({r} replacements)", "nothing": "No sources are waiting for review.",
           "replacements": "Replacement list (pseudonyms; originals only in the key file)",
           "pseudonym": "Pseudonym", "kind": "Kind", "count": "Occurrences", "accept_all": "Accept all pending",
           "flag_open": "open", "flag_kept": "Keep", "flag_handled": "Generalised",
           "pending_first": "Some detections are still pending review: decide them or accept all pending.",
           "status_imported": "imported", "status_detected": "in review", "status_released": "released",
           "verify": "Check that no identifier survives", "verify_help":
               "Searches every replaced and registered original in the pseudonymised texts (needs the passphrase) "
               "and runs the detectors again. The report shows only offsets and pseudonyms.",
           "verify_ok": "No original found in {n} sources ({o} originals searched). {r} candidates to look at.",
           "verify_bad": "{k} originals are still in the text: see the sources below.",
           "survivors": "Surviving originals", "residual": "Candidates to look at",
           "residual_in": "{title}: {n} candidates in the released text"},
}
LABELS = ["PERSON", "PLACE", "ORGANIZATION", "ID_NUMBER", "PHONE", "EMAIL", "URL", "ADDRESS", "DATE", "AGE"]


def _md(text: str) -> str:
    """Escape Markdown so imported text is shown as text."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>~<$])", r"\\\1", text).replace("\n", " ")


def _overview(ctx: PageContext, rows: list[dict]) -> None:
    frame = pd.DataFrame([{ctx.t(TEXTS, "title"): r["title"], ctx.t(TEXTS, "status"): ctx.t(TEXTS, f"status_{r['status']}"),
                           ctx.t(TEXTS, "pending"): r["pending"], ctx.t(TEXTS, "accepted"): r["accepted"],
                           ctx.t(TEXTS, "rejected"): r["rejected"], ctx.t(TEXTS, "flags"): r["open_flags"]}
                          for r in rows])
    st.dataframe(frame, hide_index=True, width="stretch")


def _review(ctx: PageContext, source: dict, passphrase: str) -> None:
    pid = ctx.handle.project_id
    with ctx.handle.session() as s:
        views = deid.list_detections(s, pid, source_id=source["source_id"], context=50)
        flags = deid.list_flags(s, pid, source_id=source["source_id"], context=50)
    if views:
        st.subheader(ctx.t(TEXTS, "by_label"))
        st.bar_chart(pd.Series([v.label for v in views]).value_counts())
    statuses = ["pending", "accepted", "rejected"]
    frame = pd.DataFrame([{"id": v.id, ctx.t(TEXTS, "label"): v.label, ctx.t(TEXTS, "detector"): v.detector,
                           ctx.t(TEXTS, "confidence"): round(v.confidence, 2),
                           ctx.t(TEXTS, "context"): f"…{v.before}⟦{v.text}⟧{v.after}…".replace("\n", " "),
                           ctx.t(TEXTS, "decision"): v.status} for v in views])
    edited = st.data_editor(frame, hide_index=True, width="stretch", key=f"det{source['source_id']}",
                            disabled=[c for c in frame.columns if c != ctx.t(TEXTS, "decision")],
                            column_config={ctx.t(TEXTS, "decision"): st.column_config.SelectboxColumn(
                                options=statuses)})
    all_occ = st.checkbox(ctx.t(TEXTS, "all_occ"), value=True)
    col1, col2 = st.columns(2)
    if col1.button(ctx.t(TEXTS, "save")) and not frame.empty:
        changed = 0
        with ctx.handle.session() as s:
            for old, new in zip(frame.itertuples(index=False), edited.itertuples(index=False), strict=True):
                if old[-1] != new[-1] and new[-1] in ("accepted", "rejected"):
                    changed += deid.decide(s, pid, int(new[0]), decision=new[-1], all_occurrences=all_occ,
                                           actor=ctx.username)
        st.success(ctx.t(TEXTS, "saved", n=changed))
    if col2.button(ctx.t(TEXTS, "accept_all")):
        with ctx.handle.session() as s:
            n = deid.accept_all(s, pid, source_id=source["source_id"], actor=ctx.username)
        st.success(ctx.t(TEXTS, "saved", n=n))
    _add_missed(ctx, source, views, all_occ)
    if flags:
        st.subheader(ctx.t(TEXTS, "flags"))
        st.caption(ctx.t(TEXTS, "flag_help"))
        for f in flags:
            st.warning(f"{f['kind']} ({ctx.t(TEXTS, 'flag_' + f['status'])}): …{_md(f['before'][-40:])}"
                       f"**{_md(f['text'])}**{_md(f['after'][:40])}…")
            if f["status"] == "open":
                c1, c2 = st.columns(2)
                for col, status in ((c1, "kept"), (c2, "handled")):
                    if col.button(ctx.t(TEXTS, "flag_" + status), key=f"flag{f['id']}{status}"):
                        with ctx.handle.session() as s:
                            deid.set_flag_status(s, pid, f["id"], status=status, actor=ctx.username)
                        st.rerun()
    if st.button(ctx.t(TEXTS, "release"), type="primary", disabled=not passphrase):
        try:
            result = deid.release(ctx.handle, source_ids=[source["source_id"]], passphrase=passphrase,
                                  actor=ctx.username)
        except ConflictError:
            st.error(ctx.t(TEXTS, "pending_first"))
            return
        except WorkbenchError as exc:
            st.error(str(exc))
            return
        st.success(ctx.t(TEXTS, "released", n=len(result["released"]), r=result["applied"]["replacements"]))


def _add_missed(ctx: PageContext, source: dict, views: list, all_occ: bool) -> None:
    """Add a missed identifier: select it with the mouse in the text (or paste it, for keyboard users)."""
    pid, sid = ctx.handle.project_id, source["source_id"]
    st.subheader(ctx.t(TEXTS, "add"))
    st.caption(ctx.t(TEXTS, "select_help"))
    done = st.session_state.pop(f"deid_added{sid}", None)
    if done is not None:
        st.success(ctx.t(TEXTS, "added", n=done))
    with ctx.handle.session() as s:
        text = deid.source_text(s, pid, sid)
    nonce = st.session_state.setdefault(f"deid_sel{sid}", 0)  # a new key clears the old selection
    sel = text_select(text, highlights=[{"start": v.start, "end": v.end, "label": v.label, "detector": v.detector,
                                         "status": v.status} for v in views],
                      key=f"deid_select{sid}_{nonce}", height=360,
                      strings={k: ctx.t(TEXTS, k) for k in ("selected", "pending", "accepted", "rejected")})
    if sel is not None:
        with st.form(f"addsel{sid}_{nonce}"):
            st.markdown(f"{ctx.t(TEXTS, 'selected')}: **{_md(sel['text'])}** ({sel['start']}–{sel['end']})")
            label = st.selectbox(ctx.t(TEXTS, "label"), LABELS, key=f"addsel_label{sid}_{nonce}")
            if st.form_submit_button(ctx.t(TEXTS, "add_btn"), type="primary"):
                try:
                    with ctx.handle.session() as s:
                        ids = deid.add_detection(s, pid, sid, start=sel["start"], end=sel["end"], label=label,
                                                 all_occurrences=all_occ, actor=ctx.username)
                except WorkbenchError as exc:
                    st.error(str(exc))
                else:
                    st.session_state[f"deid_added{sid}"] = len(ids)
                    st.session_state[f"deid_sel{sid}"] = nonce + 1
                    st.rerun()
    with st.expander(ctx.t(TEXTS, "paste")), st.form(f"add{sid}", clear_on_submit=True):
        surface = st.text_input(ctx.t(TEXTS, "add_text")).strip()
        label = st.selectbox(ctx.t(TEXTS, "label"), LABELS, key=f"paste_label{sid}")
        if st.form_submit_button(ctx.t(TEXTS, "paste_btn")) and surface:
            spans = _occurrences(text, surface)
            if not spans:
                st.error(ctx.t(TEXTS, "not_found"))
                return
            try:
                with ctx.handle.session() as s:
                    if all_occ:  # the service finds the others (in this and every open source)
                        ids = deid.add_detection(s, pid, sid, start=spans[0][0], end=spans[0][1], label=label,
                                                 all_occurrences=True, actor=ctx.username)
                    else:  # a pasted text cannot point at one place: every occurrence in this source
                        ids = [i for a, b in spans for i in deid.add_detection(
                            s, pid, sid, start=a, end=b, label=label, all_occurrences=False, actor=ctx.username)]
            except WorkbenchError as exc:
                st.error(str(exc))
                return
            st.session_state[f"deid_added{sid}"] = len(ids)
            st.rerun()


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Code-point spans of ``surface`` in ``text``: whole-word occurrences if there are any, else all."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]
    words = [(a, b) for a, b in spans if not (a > 0 and text[a - 1].isalnum() and surface[0].isalnum())
             and not (b < len(text) and text[b].isalnum() and surface[-1].isalnum())]
    return words or spans


def _verify(ctx: PageContext, passphrase: str) -> None:
    st.subheader(ctx.t(TEXTS, "verify"))
    st.caption(ctx.t(TEXTS, "verify_help"))
    if not st.button(ctx.t(TEXTS, "verify"), disabled=not passphrase, key="deid_verify"):
        return
    bar = st.progress(0.0)
    try:
        result = deid.verify(ctx.handle, passphrase=passphrase, actor=ctx.username,
                             progress=lambda done, total: bar.progress(done / total))
    except WorkbenchError as exc:
        st.error(str(exc))
        return
    if result["survivors"]:
        st.error(ctx.t(TEXTS, "verify_bad", k=result["survivors"]))
    else:
        st.success(ctx.t(TEXTS, "verify_ok", n=len(result["sources"]), o=result["originals_searched"],
                         r=result["residual"]))
    st.dataframe(pd.DataFrame([{ctx.t(TEXTS, "title"): row["title"], ctx.t(TEXTS, "survivors"): len(row["survivors"]),
                                ctx.t(TEXTS, "residual"): len(row["residual"])} for row in result["sources"]]),
                 hide_index=True, width="stretch")
    # each candidate in the context of the released text, so the reviewer can judge it without the key
    for row in result["sources"]:
        if not row["residual"]:
            continue
        with ctx.handle.session() as s:
            contexts = deid.residual_contexts(s, row["source_id"], row["residual"])
        with st.expander(ctx.t(TEXTS, "residual_in", title=row["title"], n=len(contexts))):
            st.dataframe(pd.DataFrame([{ctx.t(TEXTS, "label"): c["label"], ctx.t(TEXTS, "detector"): c["detector"],
                                        ctx.t(TEXTS, "confidence"): c["confidence"],
                                        ctx.t(TEXTS, "context"): f"…{c['before']}⟦{c['text']}⟧{c['after']}…".replace(
                                            "\n", " ")} for c in contexts]),
                         hide_index=True, width="stretch")


def render(ctx: PageContext) -> None:
    st.header(ctx.t(TEXTS, "heading"))
    with ctx.handle.session() as s:
        rows = deid.review_overview(s, ctx.handle.project_id)
        assignments = deid.list_assignments(s, ctx.handle.project_id)
    if not rows:
        st.info(ctx.t(TEXTS, "none"))
        return
    _overview(ctx, rows)
    passphrase = st.text_input(ctx.t(TEXTS, "passphrase"), type="password", key="deid_passphrase")
    if ctx.role in ("admin", "researcher") and any(r["status"] == "imported" for r in rows):
        if st.button(ctx.t(TEXTS, "run")):
            bar = st.progress(0.0)
            try:
                result = deid.run_detection(ctx.handle, passphrase=passphrase or None, actor=ctx.username,
                                            progress=lambda done, total: bar.progress(done / total))
            except WorkbenchError as exc:
                st.error(str(exc))
                return
            st.success(ctx.t(TEXTS, "ran", n=result["detections"], s=result["sources"]))
            st.rerun()
    waiting = [r for r in rows if r["status"] == "detected" and not r["applied"]]
    if not waiting:
        st.info(ctx.t(TEXTS, "nothing"))
    elif ctx.role in ("admin", "researcher"):
        choice = st.selectbox(ctx.t(TEXTS, "source"), waiting, format_func=lambda r: r["title"])
        if choice is not None:
            _review(ctx, choice, passphrase)
    if any(r["applied"] for r in rows) and ctx.role in ("admin", "researcher"):
        _verify(ctx, passphrase)
    if assignments:
        st.subheader(ctx.t(TEXTS, "replacements"))
        st.dataframe(pd.DataFrame([{ctx.t(TEXTS, "label"): a["label"], ctx.t(TEXTS, "kind"): a["kind"],
                                    ctx.t(TEXTS, "pseudonym"): a["pseudonym"], ctx.t(TEXTS, "count"): a["occurrences"]}
                                   for a in assignments]), hide_index=True, width="stretch")
