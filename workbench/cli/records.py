"""``workbench records list``, ``workbench dedup``, ``workbench export ris|csv``.

``export_app`` is module-level so other areas can add ``export`` commands (e.g. charting).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
from workbench.errors import InputError

records_app = typer.Typer(help="Bibliographic records of a scoping review.", no_args_is_help=True)
export_app = typer.Typer(help="Export records (with screening decisions) and other results.",
                         no_args_is_help=True)


@records_app.command("list")
@handle_errors
def list_cmd(
    project: ProjectOpt = None,
    unique: Annotated[bool, typer.Option("--unique", help="Hide records merged as duplicates.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List records in import order."""
    from workbench.services.records import list_records

    handle = open_handle(project)
    with handle.session() as s:
        rows = list_records(s, handle.project_id, unique_only=unique)
    if as_json:
        keys = ("id", "title", "authors", "year", "journal", "doi", "pmid", "abstract", "source", "duplicate_of")
        print_json({"records": [{k: r[k] for k in keys} for r in rows]})
        return
    for r in rows:
        dup = f" (duplicate of {r['duplicate_of']})" if r["duplicate_of"] else ""
        console.print(f"{r['id']:>6}  {r['year'] or '':>4}  {r['source'][:12]:<12} {r['title'][:90]}{dup}",
                      markup=False, highlight=False)


@records_app.command("batches")
@handle_errors
def batches_cmd(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """List import batches (records identified per source)."""
    from workbench.services.records import list_batches

    handle = open_handle(project)
    with handle.session() as s:
        rows = list_batches(s, handle.project_id)
    if as_json:
        print_json({"batches": rows})
        return
    for b in rows:
        console.print(f"{b['id']:>4}  {b['source']:<20} {b['records']:>6}  {b['file']}", markup=False)


def dedup_cmd(
    files: Annotated[list[Path] | None, typer.Argument(help="Record files to de-duplicate (no project).")] = None,
    project: ProjectOpt = None,
    list_pairs: Annotated[bool, typer.Option("--list", help="List uncertain pairs awaiting review.")] = False,
    merge: Annotated[int | None, typer.Option(help="Merge this pair (id from --list).")] = None,
    separate: Annotated[int | None, typer.Option(help="Keep this pair apart (undoes a merge).")] = None,
    unmerge: Annotated[int | None, typer.Option(help="Take this record out of its duplicate group.")] = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """De-duplicate files (prints groups) or a project (run, --list, --merge, --separate, --unmerge)."""
    from workbench.services import dedup

    if files:
        if merge or separate or unmerge or list_pairs:
            raise InputError("--list/--merge/--separate/--unmerge work on a project, not on files")
        with err_console.status("De-duplicating"):
            result = dedup.dedup_files(files)
        if as_json:
            print_json(result)
            return
        console.print(f"{result['n_records']} records, {len(result['groups'])} duplicate groups, "
                      f"{len(result['uncertain'])} uncertain pairs ({result['seconds']} s)")
        for g in result["groups"]:
            console.print("  " + ", ".join(g), markup=False)
        return
    handle = open_handle(project)
    pair_id = merge if merge is not None else separate
    if pair_id is not None:
        with handle.session() as s:
            pair = dedup.decide_pair(s, handle.project_id, pair_id,
                                     decision="merge" if merge is not None else "separate", actor=user)
        _out(as_json, pair, f"pair {pair['id']}: {pair['status']}")
        return
    if unmerge is not None:
        with handle.session() as s:
            res = dedup.unmerge_record(s, handle.project_id, unmerge, actor=user)
        _out(as_json, res, f"record {unmerge} separated ({res['records_changed']} records changed)")
        return
    if list_pairs:
        with handle.session() as s:
            pairs = dedup.list_pairs(s, handle.project_id, status="uncertain")
        if as_json:
            print_json({"pairs": pairs})
            return
        for p in pairs:
            console.print(f"pair {p['id']}  score {p['score']:.2f}\n  A {p['a']['id']}: {p['a']['title'][:100]}"
                          f"\n  B {p['b']['id']}: {p['b']['title'][:100]}", markup=False, highlight=False)
        console.print(f"{len(pairs)} uncertain pairs; decide with --merge ID or --separate ID")
        return
    with err_console.status("De-duplicating"):
        res = dedup.run_dedup(handle, actor=user, workers=None)
    _out(as_json, res, f"{res['records']} records: {res['new_auto']} new certain pairs merged, "
                       f"{res['new_uncertain']} new uncertain pairs to review "
                       f"({res['pairs_uncertain']} waiting); {res['duplicates_removed']} duplicates removed")


def _out(as_json: bool, data: dict, text: str) -> None:
    if as_json:
        print_json(data)
    else:
        console.print(text, markup=False)


def _export(fmt: str, project: Path | None, out: Path, include_duplicates: bool, user: str, as_json: bool) -> None:
    from workbench.services.records import export_records

    handle = open_handle(project)
    res = export_records(handle, fmt=fmt, out=out, include_duplicates=include_duplicates, actor=user)
    _out(as_json, res, f"wrote {res['records']} records to {res['file']}")


OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output file.")]
DupOpt = Annotated[bool, typer.Option("--include-duplicates", help="Also export records merged as duplicates.")]


@export_app.command("ris")
@handle_errors
def export_ris(out: OutOpt, project: ProjectOpt = None, include_duplicates: DupOpt = False,
               user: ActorOpt = "admin", as_json: JsonOpt = False) -> None:
    """RIS with screening decisions (LB) and reasons/notes (N1)."""
    _export("ris", project, out, include_duplicates, user, as_json)


@export_app.command("csv")
@handle_errors
def export_csv(out: OutOpt, project: ProjectOpt = None, include_duplicates: DupOpt = False,
               user: ActorOpt = "admin", as_json: JsonOpt = False) -> None:
    """CSV with decisions, reasons and notes per stage (also readable by ASReview)."""
    _export("csv", project, out, include_duplicates, user, as_json)


def register(app: typer.Typer) -> None:
    app.add_typer(records_app, name="records")
    app.command("dedup")(handle_errors(dedup_cmd))
    app.add_typer(export_app, name="export")
