"""``workbench deid …``: detect, apply, run, review, release, known identifiers, key file.

File mode works without a project (``deid detect FILE``, ``deid apply FILE --out OUT``); project
mode works on imported sources. Messages name counts and labels, never identifiers; only
``detect`` and ``review`` print identifiers, on stdout, because showing them is their purpose.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from workbench.cli.common import (
    ActorOpt,
    JsonOpt,
    ProjectOpt,
    console,
    err_console,
    handle_errors,
    open_handle,
    print_json,
)
from workbench.errors import InputError, WorkbenchError
from workbench.services import deid as deid_service

deid_app = typer.Typer(help="De-identification: detect, pseudonymise, review, release; key kept apart.",
                       no_args_is_help=True)
known_app = typer.Typer(help="Project-known identifiers (participants, municipalities, workplaces …).",
                        no_args_is_help=True)
key_app = typer.Typer(help="The encrypted key file (originals and the original ↔ pseudonym mapping).",
                      no_args_is_help=True)
deid_app.add_typer(known_app, name="known")
deid_app.add_typer(key_app, name="key")

PassOpt = Annotated[str | None, typer.Option("--passphrase", envvar="WORKBENCH_KEY_PASSPHRASE",
                                             help="Key passphrase (or $WORKBENCH_KEY_PASSPHRASE).")]
KnownOpt = Annotated[Path | None, typer.Option("--known", help="KNOWN.txt: one known identifier per line.")]
NoNerOpt = Annotated[bool, typer.Option("--no-ner", help="Skip the NER model (patterns, gazetteers, known only).")]
NoTaggerOpt = Annotated[bool, typer.Option("--no-tagger", help="Skip the learned last-resort tagger (rules only).")]
SourceOpt = Annotated[list[int] | None, typer.Option("--source", "-s", help="Source id (repeatable; default all).")]


@contextmanager
def _progress(label: str) -> Iterator[deid_service.Progress]:
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=err_console,
                  transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file: no partial output on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".deid-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@deid_app.command("detect")
@handle_errors
def detect(
    file: Annotated[Path, typer.Argument(help="UTF-8 text file.")],
    known: KnownOpt = None,
    as_json: JsonOpt = False,
    details: Annotated[bool, typer.Option("--details", help="Add detector and confidence to the JSON.")] = False,
    no_ner: NoNerOpt = False,
    no_tagger: NoTaggerOpt = False,
) -> None:
    """Detect identifiers in a text file (code-point offsets)."""
    text = deid_service.read_text_file(file)
    spans = deid_service.detect_text(text, known=deid_service.read_known_file(known), use_ner=not no_ner,
                                     use_tagger=not no_tagger)
    if as_json:
        out = []
        for s in spans:
            row = {"start": s.start, "end": s.end, "label": s.label, "text": s.text}
            if details:
                row.update(detector=s.detector, confidence=round(s.confidence, 3))
            out.append(row)
        print_json({"spans": out})
        return
    table = Table("start", "end", "label", "text", "detector", "confidence")
    for s in spans:
        table.add_row(str(s.start), str(s.end), s.label, s.text, s.detector, f"{s.confidence:.2f}")
    console.print(table)


@deid_app.command("apply")
@handle_errors
def apply_(
    file: Annotated[Path | None, typer.Argument(help="UTF-8 text file (omit for project mode).")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the pseudonymised text.")] = None,
    known: KnownOpt = None,
    no_ner: NoNerOpt = False,
    no_tagger: NoTaggerOpt = False,
    project: ProjectOpt = None,
    source: SourceOpt = None,
    passphrase: PassOpt = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Pseudonymise FILE into --out, or (no FILE) apply the reviewed detections of a project's sources."""
    if file is not None:
        if out is None:
            raise InputError("--out is required with a FILE")
        text = deid_service.read_text_file(file)
        new_text, spans = deid_service.pseudonymise_text(text, known=deid_service.read_known_file(known),
                                                         use_ner=not no_ner, use_tagger=not no_tagger)
        _write_atomic(out, new_text)
        summary = {"replacements": len(spans), "out": str(out)}
        if as_json:
            print_json(summary)
        else:
            err_console.print(f"{len(spans)} identifiers replaced → {out}")
        return
    handle = open_handle(project)
    with _progress("apply") as progress:
        result = deid_service.apply(handle, source_ids=source or None, passphrase=passphrase, actor=user,
                                    progress=progress)
    if as_json:
        print_json(result)
    else:
        console.print(f"{result['sources']} sources pseudonymised, {result['replacements']} replacements "
                      f"({_fmt_counts(result['by_label'])})")


def _fmt_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"


@deid_app.command("run")
@handle_errors
def run(
    project: ProjectOpt = None,
    source: SourceOpt = None,
    passphrase: PassOpt = None,
    no_ner: NoNerOpt = False,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Detect identifiers in the project's sources (status becomes 'detected', ready for review)."""
    handle = open_handle(project)
    with _progress("detect") as progress:
        result = deid_service.run_detection(handle, source_ids=source or None, passphrase=passphrase, actor=user,
                                            use_ner=not no_ner, progress=progress)
    if as_json:
        print_json(result)
    else:
        console.print(f"{result['sources']} sources: {result['detections']} detections "
                      f"({_fmt_counts(result['by_label'])}), {result['flags']} indirect-identifier flags")


def _parse_add(value: str) -> tuple[int, int, int, str]:
    parts = value.split(":")
    if len(parts) != 4:
        raise InputError("--add must be SOURCE:START:END:LABEL")
    try:
        return int(parts[0]), int(parts[1]), int(parts[2]), parts[3].upper()
    except ValueError:
        raise InputError("--add must be SOURCE:START:END:LABEL with integer offsets") from None


@deid_app.command("review")
@handle_errors
def review(
    project: ProjectOpt = None,
    source: Annotated[int | None, typer.Option("--source", "-s", help="Only this source.")] = None,
    status: Annotated[str | None, typer.Option(help="pending | accepted | rejected")] = None,
    accept: Annotated[list[int] | None, typer.Option("--accept", help="Accept detection id (repeatable).")] = None,
    reject: Annotated[list[int] | None, typer.Option("--reject", help="Reject detection id (repeatable).")] = None,
    accept_all: Annotated[bool, typer.Option("--accept-all", help="Accept all pending detections.")] = False,
    add: Annotated[list[str] | None, typer.Option("--add", help="Add a missed span SOURCE:START:END:LABEL.")] = None,
    only_this: Annotated[bool, typer.Option("--only-this", help="Do not apply decisions to other occurrences.")
                         ] = False,
    flags: Annotated[bool, typer.Option("--flags", help="List indirect-identifier flags instead.")] = False,
    flag_kept: Annotated[list[int] | None, typer.Option("--flag-kept", help="Flag id: keep the text as is.")
                         ] = None,
    flag_handled: Annotated[list[int] | None, typer.Option("--flag-handled", help="Flag id: generalised by hand.")
                            ] = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """List detections in context; accept, reject or add (decisions apply to all occurrences)."""
    handle = open_handle(project)
    changed = 0
    with handle.session() as s:
        for det_id in accept or []:
            changed += deid_service.decide(s, handle.project_id, det_id, decision="accept",
                                           all_occurrences=not only_this, actor=user)
        for det_id in reject or []:
            changed += deid_service.decide(s, handle.project_id, det_id, decision="reject",
                                           all_occurrences=not only_this, actor=user)
        if accept_all:
            changed += deid_service.accept_all(s, handle.project_id, source_id=source, actor=user)
        for flag_id in flag_kept or []:
            deid_service.set_flag_status(s, handle.project_id, flag_id, status="kept", actor=user)
            changed += 1
        for flag_id in flag_handled or []:
            deid_service.set_flag_status(s, handle.project_id, flag_id, status="handled", actor=user)
            changed += 1
        for item in add or []:
            src_id, start, end, label = _parse_add(item)
            changed += len(deid_service.add_detection(s, handle.project_id, src_id, start=start, end=end, label=label,
                                                      all_occurrences=not only_this, actor=user))
    if accept or reject or accept_all or add or flag_kept or flag_handled:
        if as_json:
            print_json({"changed": changed})
        else:
            console.print(f"{changed} detections updated")
        return
    with handle.session() as s:
        if flags:
            rows = deid_service.list_flags(s, handle.project_id, source_id=source)
            if as_json:
                print_json({"flags": rows})
            else:
                for f in rows:
                    console.print(f"[{f['id']}] source {f['source_id']} {f['kind']} ({f['status']}): "
                                  f"…{_esc(f['before'][-40:])}[bold yellow]{_esc(f['text'])}[/]{_esc(f['after'][:40])}…",
                                  markup=True,
                                  highlight=False)
            return
        views = deid_service.list_detections(s, handle.project_id, source_id=source, status=status)
    if as_json:
        print_json({"detections": [{"id": v.id, "source_id": v.source_id, "start": v.start, "end": v.end,
                                    "label": v.label, "text": v.text, "detector": v.detector,
                                    "confidence": v.confidence, "status": v.status, "applied": v.applied,
                                    "context": v.before + v.text + v.after} for v in views]})
        return
    table = Table("id", "src", "label", "detector", "conf", "status", "in context")
    for v in views:
        ctx = f"…{_esc(v.before[-35:])}[bold]{_esc(v.text)}[/bold]{_esc(v.after[:35])}…".replace("\n", " ")
        table.add_row(str(v.id), str(v.source_id), v.label, v.detector, f"{v.confidence:.2f}", v.status, ctx)
    console.print(table)


def _esc(text: str) -> str:
    return text.replace("[", "\\[")


@deid_app.command("release")
@handle_errors
def release(
    project: ProjectOpt = None,
    source: SourceOpt = None,
    passphrase: PassOpt = None,
    accept_pending: Annotated[bool, typer.Option("--accept-pending", help="Accept detections still pending.")
                              ] = False,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Apply (if needed) and release reviewed sources for coding (pending detections must be decided)."""
    handle = open_handle(project)
    result = deid_service.release(handle, source_ids=source or None, passphrase=passphrase,
                                  accept_pending=accept_pending, actor=user)
    if as_json:
        print_json(result)
    else:
        console.print(f"{len(result['released'])} sources released for coding")


@deid_app.command("verify")
@handle_errors
def verify(
    project: ProjectOpt = None,
    source: SourceOpt = None,
    passphrase: PassOpt = None,
    no_ner: Annotated[bool, typer.Option("--no-ner", help="Re-run the detector without the NER model.")] = False,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Show that no identifier survives: search every replaced or registered original in the pseudonymised
    texts (needs the key) and re-run the detector on them. Exit code 1 when an original survives."""
    handle = open_handle(project)
    with _progress("verifying") as progress:
        result = deid_service.verify(handle, source_ids=source or None, passphrase=passphrase,
                                     use_ner=not no_ner, progress=progress, actor=user)
    if as_json:
        print_json(result)
    else:
        for row in result["sources"]:
            console.print(f"[{row['source_id']}] {_esc(row['title'])}: {len(row['survivors'])} surviving originals, "
                          f"{len(row['residual'])} residual candidates")
            for hit in row["survivors"]:
                console.print(f"    survivor at {hit['start']}–{hit['end']} ({hit['label']}, should be "
                              f"{_esc(hit['pseudonym'] or '?')})")
            for cand in row["residual"]:  # offsets only: the review page shows them in context
                console.print(f"    candidate at {cand['start']}–{cand['end']} ({cand['label']}, {cand['detector']}, "
                              f"{cand['confidence']})")
        console.print(f"{result['originals_searched']} originals searched ({result['originals_not_searched']} common "
                      f"words or shorter than 3 letters not searched): {result['survivors']} survivors, "
                      f"{result['residual']} residual candidates for a human look")
    if result["survivors"]:
        raise typer.Exit(code=1)


@deid_app.command("pseudonyms")
@handle_errors
def pseudonyms(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """The replacement list (pseudonyms and counts; originals stay in the key file)."""
    handle = open_handle(project)
    with handle.session() as s:
        rows = deid_service.list_assignments(s, handle.project_id)
    if as_json:
        print_json({"pseudonyms": rows})
        return
    table = Table("label", "kind", "pseudonym", "occurrences")
    for r in rows:
        table.add_row(r["label"], r["kind"], _esc(r["pseudonym"]), str(r["occurrences"]))
    console.print(table)


@deid_app.command("report")
@handle_errors
def report(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """Every replacement per pseudonymised source (no originals): the de-identification log to archive."""
    handle = open_handle(project)
    with handle.session() as s:
        rows = deid_service.replacement_report(s, handle.project_id)
    if as_json:
        print_json({"sources": rows})
        return
    for row in rows:
        counts: dict[str, int] = {}
        for rep in row["replacements"]:
            counts[rep["label"]] = counts.get(rep["label"], 0) + 1
        console.print(f"[{row['source_id']}] {_esc(row['title'])} ({row['status']}): "
                      f"{len(row['replacements'])} replacements ({_fmt_counts(counts)})")


@known_app.command("add")
@handle_errors
def known_add(
    values: Annotated[list[str] | None, typer.Argument(help="Identifiers to register.")] = None,
    category: Annotated[str, typer.Option(help="participant | interviewer | person | municipality | place | "
                                               "workplace | organization | other")] = "person",
    pseudonym: Annotated[str | None, typer.Option(help="Fixed replacement (e.g. an invented municipality).")
                         ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="KNOWN.txt (lines 'category: value' or 'value').")
                    ] = None,
    project: ProjectOpt = None,
    passphrase: PassOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Register project-known identifiers (stored only in the encrypted key file)."""
    handle = open_handle(project)
    ids: list[int] = []
    if file is not None:
        ids += deid_service.add_known_file(handle, file, passphrase=passphrase, actor=user)
    if values:
        ids += deid_service.add_known(handle, values=values, category=category, pseudonym=pseudonym,
                                      passphrase=passphrase, actor=user)
    if not ids and not values and file is None:
        raise WorkbenchError("give identifiers or --file")
    console.print(f"{len(ids)} identifiers registered")


@known_app.command("remove")
@handle_errors
def known_remove(
    entry_id: Annotated[int, typer.Argument(help="Id from 'deid known list'.")],
    project: ProjectOpt = None,
    passphrase: PassOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Stop using a registered identifier (its value is deleted from the key file)."""
    handle = open_handle(project)
    deid_service.remove_known(handle, entry_id, passphrase=passphrase, actor=user)
    console.print(f"known identifier {entry_id} removed")


@known_app.command("list")
@handle_errors
def known_list(
    project: ProjectOpt = None,
    show_values: Annotated[bool, typer.Option("--show-values", help="Decrypt and show the values.")] = False,
    passphrase: PassOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List registered identifiers (values only with --show-values and the passphrase)."""
    handle = open_handle(project)
    rows = deid_service.list_known(handle, passphrase=passphrase if show_values else None)
    if as_json:
        print_json({"known": rows})
        return
    table = Table("id", "category", "pseudonym", *(["value"] if show_values else []))
    for r in rows:
        table.add_row(str(r["id"]), r["category"], _esc(r["pseudonym"] or ""),
                      *([_esc(r.get("value", ""))] if show_values else []))
    console.print(table)


@key_app.command("export")
@handle_errors
def key_export(
    dest: Annotated[Path, typer.Argument(help="Where to write the copy (e.g. on an encrypted USB stick).")],
    project: ProjectOpt = None,
    passphrase: PassOpt = None,
    new_passphrase: Annotated[str | None, typer.Option("--new-passphrase", help="Re-encrypt the copy.")] = None,
    user: ActorOpt = "admin",
) -> None:
    """Export the key file (checked with the passphrase first)."""
    handle = open_handle(project)
    path = deid_service.export_key(handle, dest, passphrase=passphrase, new_passphrase=new_passphrase, actor=user)
    console.print(f"key exported to {path}")


@key_app.command("import")
@handle_errors
def key_import(
    src: Annotated[Path, typer.Argument(help="A key file exported earlier.")],
    project: ProjectOpt = None,
    passphrase: PassOpt = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace the project's key (a .bak is kept).")
                       ] = False,
    user: ActorOpt = "admin",
) -> None:
    """Install a key file into the project's key folder (it must open with the passphrase)."""
    handle = open_handle(project)
    path = deid_service.import_key(handle, src, passphrase=passphrase, replace=replace, actor=user)
    console.print(f"key installed at {path}")


@key_app.command("original")
@handle_errors
def key_original(
    source_id: Annotated[int, typer.Argument(help="Source id.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the original text.")],
    project: ProjectOpt = None,
    passphrase: PassOpt = None,
) -> None:
    """Write the original (not de-identified) text of a source from the key file."""
    handle = open_handle(project)
    _write_atomic(out, deid_service.original_text(handle, source_id, passphrase=passphrase))
    console.print(f"original text written to {out}")


@key_app.command("mapping")
@handle_errors
def key_mapping(project: ProjectOpt = None, passphrase: PassOpt = None, as_json: JsonOpt = False) -> None:
    """Show original ↔ pseudonym (needs the key; for the key holder only)."""
    handle = open_handle(project)
    rows = deid_service.mapping(handle, passphrase=passphrase)
    if as_json:
        print_json({"mapping": rows})
        return
    table = Table("label", "pseudonym", "originals")
    for r in rows:
        table.add_row(r["label"], _esc(r["pseudonym"]), _esc(", ".join(r["originals"])))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(deid_app, name="deid")
