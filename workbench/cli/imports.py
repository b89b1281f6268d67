"""``workbench import transcripts|records``."""

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

import_app = typer.Typer(help="Import transcripts and bibliographic records.", no_args_is_help=True)


@import_app.command("transcripts")
@handle_errors
def transcripts(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (.vtt .srt .docx .txt .md .pdf).")] = None,
    case: Annotated[str | None, typer.Option("--case", help="Assign every source to this case.")] = None,
    manifest: Annotated[Path | None, typer.Option(help="CSV with columns file,case[,title,kind].")] = None,
    case_from_folder: Annotated[bool, typer.Option(help="Use each file's folder name as its case.")] = False,
    kind: Annotated[str, typer.Option(help="interview, field_note, full_text or document")] = "interview",
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Import transcripts (all-or-nothing; re-imports of the same content are skipped)."""
    from rich.progress import Progress

    from workbench.services.ingest import import_transcripts

    handle = open_handle(project)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("Importing", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        report = import_transcripts(handle, paths or [], case=case, manifest=manifest, case_from_folder=case_from_folder,
                                    kind=kind, actor=user, progress=tick)
    for warning in report.warnings:
        err_console.print(f"warning: {warning}")
    if as_json:
        print_json(report.as_dict())
        return
    console.print(f"Imported {len(report.imported)} sources "
                  f"({report.turns} turns, {report.words} words); "
                  f"skipped {len(report.duplicates)} already imported")


@import_app.command("records")
@handle_errors
def records(
    files: Annotated[list[Path], typer.Argument(help="RIS, BibTeX, .nbib, EndNote XML, CSV or Excel files.")],
    source: Annotated[str | None, typer.Option(help="Source database name (e.g. PubMed) for PRISMA.")] = None,
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Import bibliographic records; one batch per file, all-or-nothing."""
    from rich.progress import Progress

    from workbench.services.records import import_records

    handle = open_handle(project)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("Reading record files", total=len(files))
        report = import_records(handle, files, source=source, actor=user,
                                progress=lambda done, total: progress.update(task, completed=done, total=total))
    for warning in report.get("warnings", []):
        err_console.print(f"warning: {warning}", markup=False, highlight=False)
    if as_json:
        print_json(report)
        return
    for row in report["files"]:
        console.print(f"{row['file']}: {row['records']} records read ({row['source']})")


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
