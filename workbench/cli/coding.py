"""``workbench code ...`` (suggest, run, list, add, accept, reject, withdraw, memo, retrieve, train),
``workbench codebook ...`` (validate, import, export, list, versions, diff, add, rename, move, merge,
split) and ``workbench agreement``.
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

code_app = typer.Typer(help="Auto-coding suggestions, review and manual coding.", no_args_is_help=True)
codebook_app = typer.Typer(help="Codebooks: validate, import, export, compare and refactor.", no_args_is_help=True)

CodebookKeyOpt = Annotated[str | None, typer.Option("--codebook-id", help="Codebook id in the project (default: the first).")]


# -- code ------------------------------------------------------------------------------------------
@code_app.command("suggest")
@handle_errors
def suggest(
    file: Annotated[Path, typer.Argument(help="A UTF-8 text file.")],
    codebook: Annotated[Path, typer.Option("--codebook", help="Codebook YAML.")] = Path("codebooks/kvalitet-og-modeller.yaml"),
    unit: Annotated[str, typer.Option(help="paragraph, sentence or turn (turn = paragraph for plain files).")] = "paragraph",
    threshold: Annotated[float | None, typer.Option(help="Minimum score (default 0.5).")] = None,
    evidence: Annotated[bool, typer.Option(help="Include the evidence (terms found) in JSON.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Suggest codes for the units of a text file (offsets in code points of the file)."""
    from workbench.services.coding import suggest_file

    sugs = suggest_file(file, codebook, unit=unit, threshold=threshold)
    if as_json:
        print_json({"suggestions": [s.as_dict(with_evidence=evidence) for s in sugs]})
        return
    for s in sugs:
        terms = ", ".join(e.term for e in s.evidence)
        console.print(f"{s.start:>7}-{s.end:<7} {s.code:<4} {s.score:.2f}  {terms}")


@code_app.command("run")
@handle_errors
def run(
    coder: Annotated[str, typer.Option("--coder", help="Coder who will review the suggestions.")] = "admin",
    source: Annotated[list[int] | None, typer.Option("--source", help="Only these source ids.")] = None,
    threshold: Annotated[float, typer.Option(help="Minimum score.")] = 0.5,
    classifier: Annotated[bool, typer.Option(help="Re-rank with the project's trained classifier.")] = True,
    interviewer: Annotated[bool, typer.Option(help="Also suggest codes for the interviewer's turns.")] = False,
    codebook_id: CodebookKeyOpt = None,
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Auto-code all codable (released) sources: store suggestions for a coder to review."""
    from rich.progress import Progress

    from workbench.services.coding import run_autocoding

    handle = open_handle(project)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("Auto-coding", total=None)
        report = run_autocoding(handle, coder=coder, codebook_key=codebook_id, source_ids=source, threshold=threshold,
                                use_classifier=classifier, include_interviewer=interviewer,
                                progress=lambda d, t: progress.update(task, completed=d, total=t))
    if as_json:
        print_json(report)
        return
    console.print(f"{report['suggestions']} suggestions in {report['sources']} sources "
                  f"({report['skipped_existing']} already there){' – re-ranked' if report['classifier'] else ''}")


@code_app.command("list")
@handle_errors
def list_cmd(
    coder: Annotated[str | None, typer.Option(help="Only this coder.")] = None,
    source: Annotated[int | None, typer.Option(help="Only this source id.")] = None,
    code: Annotated[str | None, typer.Option(help="Only this code id.")] = None,
    status: Annotated[str | None, typer.Option(help="proposed, accepted, rejected or withdrawn.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List codings and suggestions."""
    from workbench.services.coding import list_codings

    handle = open_handle(project)
    with handle.session() as s:
        rows = list_codings(s, handle.project_id, coder=coder, source_id=source, code=code, status=status, limit=limit)
    if as_json:
        print_json({"codings": [{k: v for k, v in r.as_dict().items() if k != "text"} for r in rows]})
        return
    for r in rows:
        console.print(f"{r.id:>6} {r.coder:<8} {r.code:<4} {r.status:<9} src {r.source_id} {r.start}-{r.end} "
                      f"{'' if r.score is None else f'{r.score:.2f}'}")


@code_app.command("add")
@handle_errors
def add(
    source: Annotated[int, typer.Option(help="Source id.")],
    code: Annotated[str, typer.Option(help="Code id, e.g. Q6.")],
    start: Annotated[int | None, typer.Option(help="Start offset (code points).")] = None,
    end: Annotated[int | None, typer.Option(help="End offset (exclusive).")] = None,
    turn: Annotated[int | None, typer.Option(help="Code this turn (index).")] = None,
    whole: Annotated[bool, typer.Option(help="Code the whole source.")] = False,
    quote: Annotated[str | None, typer.Option(help="Code the first occurrence of this text (after --start).")] = None,
    memo: Annotated[str | None, typer.Option(help="A memo on the new coding.")] = None,
    codebook_id: CodebookKeyOpt = None,
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Code a span, a turn or a whole source."""
    from workbench.services.coding import add_coding, coding_settings

    handle = open_handle(project)
    with handle.session() as s:
        c = add_coding(s, handle.project_id, source_id=source, code=code, coder=user, start=start, end=end,
                       turn_index=turn, whole_source=whole, quote=quote, codebook_key=codebook_id, memo=memo,
                       require_deid=coding_settings(handle)["require_deid"])
        out = {"id": c.id, "start": c.start, "end": c.end, "code": code}
    if as_json:
        print_json(out)
    else:
        console.print(f"coding {out['id']}: {code} {out['start']}-{out['end']}")


def _decide(ids: list[int], accept: bool, project: Path | None, user: str, as_json: bool) -> None:
    from workbench.services.coding import decide_suggestion

    handle = open_handle(project)
    with handle.session() as s:
        for cid in ids:
            decide_suggestion(s, handle.project_id, cid, accept=accept, actor=user)
    if as_json:
        print_json({"decided": ids, "status": "accepted" if accept else "rejected"})
    else:
        console.print(f"{'accepted' if accept else 'rejected'} {len(ids)} suggestion(s)")


@code_app.command("accept")
@handle_errors
def accept(ids: Annotated[list[int], typer.Argument(help="Suggestion ids.")], project: ProjectOpt = None,
           user: ActorOpt = "admin", as_json: JsonOpt = False) -> None:
    """Accept your suggestions."""
    _decide(ids, True, project, user, as_json)


@code_app.command("reject")
@handle_errors
def reject(ids: Annotated[list[int], typer.Argument(help="Suggestion ids.")], project: ProjectOpt = None,
           user: ActorOpt = "admin", as_json: JsonOpt = False) -> None:
    """Reject your suggestions (kept, and used to train the classifier)."""
    _decide(ids, False, project, user, as_json)


@code_app.command("withdraw")
@handle_errors
def withdraw(coding_id: Annotated[int, typer.Argument(help="Coding id.")], project: ProjectOpt = None,
             user: ActorOpt = "admin") -> None:
    """Withdraw one of your codings (kept as 'withdrawn')."""
    from workbench.services.coding import withdraw_coding

    handle = open_handle(project)
    with handle.session() as s:
        withdraw_coding(s, handle.project_id, coding_id, actor=user)
    console.print(f"withdrew coding {coding_id}")


@code_app.command("memo")
@handle_errors
def memo(
    text: Annotated[str, typer.Argument(help="Memo text.")],
    target: Annotated[str, typer.Option(help="project, case, source, code or coding.")] = "project",
    target_id: Annotated[int | None, typer.Option("--id", help="Id of the case/source/code/coding.")] = None,
    title: Annotated[str, typer.Option(help="Title.")] = "",
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Write a memo on the project, a case, a source, a code or a coding."""
    from workbench.services.coding import add_memo

    handle = open_handle(project)
    with handle.session() as s:
        m = add_memo(s, handle.project_id, target_type=target, target_id=target_id, author=user, text=text, title=title)
        console.print(f"memo {m.id}")


@code_app.command("retrieve")
@handle_errors
def retrieve(
    query: Annotated[str, typer.Argument(help='Code query, e.g. "Q2 AND (Q4 OR Q6) AND NOT M3".')],
    coder: Annotated[list[str] | None, typer.Option(help="Only codings of these coders.")] = None,
    attr: Annotated[list[str] | None, typer.Option(help="Case attribute filter NAME=VALUE (repeatable).")] = None,
    speaker: Annotated[str | None, typer.Option(help="Only units spoken by this speaker.")] = None,
    unit: Annotated[str | None, typer.Option(help="turn, paragraph or sentence (default: project setting).")] = None,
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Retrieve coded segments by code combination, case attributes and speaker."""
    from workbench.services.coding import coding_settings
    from workbench.services.coding import retrieve as do_retrieve

    attrs = {}
    for a in attr or []:
        if "=" not in a:
            raise InputError(f"--attr needs NAME=VALUE, got '{a}'")
        k, v = a.split("=", 1)
        attrs[k.strip()] = v.strip()
    handle = open_handle(project)
    with handle.session() as s:
        rows = do_retrieve(s, handle.project_id, query=query, coders=coder, attributes=attrs, speaker=speaker,
                           unit=unit or coding_settings(handle)["unit"])
    if as_json:
        print_json({"segments": rows})
        return
    for r in rows:
        console.print(f"[bold]{r['source']}[/] ({r['case']}) {r['speaker']} {r['start']}-{r['end']} "
                      f"[{', '.join(r['codes'])}]", markup=True, highlight=False)
        console.print("  " + r["text"][:300].replace("\n", " "), markup=False, highlight=False)


@code_app.command("train")
@handle_errors
def train(
    coder: Annotated[list[str] | None, typer.Option(help="Only decisions of these coders (default: all).")] = None,
    codebook_id: CodebookKeyOpt = None,
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Retrain the re-ranking classifier on accepted/rejected decisions; report held-back gain."""
    from workbench.services.coding import train_classifier

    handle = open_handle(project)
    report = train_classifier(handle, codebook_key=codebook_id, coders=coder, actor=user)
    if as_json:
        print_json(report)
        return
    h = report["holdout"]
    console.print(f"classifier run {report['run']}: {report['units']} units, {report['decisions']} decisions, "
                  f"codes {', '.join(report['trained_codes'])}")
    if "lexicon" in h:
        console.print(f"held back {h['held_back_units']} units: macro F1 {h['lexicon']['macro_f1']:.3f} -> "
                      f"{h['reranked']['macro_f1']:.3f}, micro F1 {h['lexicon']['micro_f1']:.3f} -> "
                      f"{h['reranked']['micro_f1']:.3f}")


# -- codebook ------------------------------------------------------------------------------------
@codebook_app.command("validate")
@handle_errors
def cb_validate(path: Annotated[Path, typer.Argument(help="Codebook YAML or .qdc.")], as_json: JsonOpt = False) -> None:
    """Check a codebook file (fields, duplicate ids, parents, cycles)."""
    from workbench.coding.codebook import load_codebook

    spec = load_codebook(path)
    if as_json:
        print_json({"valid": True, "id": spec.codebook.id, "codes": len(spec.codes)})
    else:
        console.print(f"{path}: valid ({len(spec.codes)} codes)")


@codebook_app.command("import")
@handle_errors
def cb_import(path: Annotated[Path, typer.Argument(help="Codebook YAML or REFI-QDA .qdc.")], project: ProjectOpt = None,
              user: ActorOpt = "admin", as_json: JsonOpt = False) -> None:
    """Import (or update) a codebook into the project; codings are kept."""
    from workbench.services.codebooks import import_codebook

    handle = open_handle(project)
    with handle.session() as s:
        book = import_codebook(s, handle.project_id, path=path, actor=user)
        out = {"codebook": book.key, "version": book.version, "codes": len(book.codes)}
    print_json(out) if as_json else console.print(f"imported {out['codebook']} version {out['version']}")


@codebook_app.command("export")
@handle_errors
def cb_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="yaml or qdc (REFI-QDA); default from -o suffix.")] = None,
    codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None,
) -> None:
    """Export the project's codebook as YAML or REFI-QDA .qdc."""
    import sys

    from workbench.coding.refi import to_qdc
    from workbench.services.codebooks import export_spec, export_yaml, get_codebook

    fmt = fmt or ("qdc" if output and output.suffix.lower() == ".qdc" else "yaml")
    if fmt not in ("yaml", "qdc"):
        raise InputError(f"unknown format '{fmt}' (yaml or qdc)")
    handle = open_handle(project)
    with handle.session() as s:
        book = get_codebook(s, handle.project_id, codebook_id)
        text = export_yaml(s, book) if fmt == "yaml" else to_qdc(export_spec(s, book))
    if output:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {output}")
    else:
        sys.stdout.write(text)


@codebook_app.command("list")
@handle_errors
def cb_list(codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """The codes of the project's codebook with their numbers of codings."""
    from workbench.services.codebooks import get_codebook, list_codes

    handle = open_handle(project)
    with handle.session() as s:
        rows = list_codes(s, get_codebook(s, handle.project_id, codebook_id))
    if as_json:
        print_json({"codes": [{"key": r.key, "name": r.name, "parent": r.parent, "colour": r.colour,
                               "codings": r.n_codings} for r in rows]})
        return
    for r in rows:
        console.print(f"{'  ' * r.depth}{r.key:<9} {r.name}  ({r.n_codings})", highlight=False)


@codebook_app.command("versions")
@handle_errors
def cb_versions(codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """The stored versions of the codebook (one per change)."""
    from workbench.services.codebooks import get_codebook, versions

    handle = open_handle(project)
    with handle.session() as s:
        rows = [{"version": v.version, "at": v.created_at, "actor": v.actor, "change": v.change}
                for v in versions(s, get_codebook(s, handle.project_id, codebook_id))]
    if as_json:
        print_json({"versions": rows})
        return
    for r in rows:
        console.print(f"v{r['version']:<4} {r['at']:%Y-%m-%d %H:%M} {r['actor']:<8} {r['change']}")


@codebook_app.command("diff")
@handle_errors
def cb_diff(
    files: Annotated[list[Path] | None, typer.Argument(help="Two codebook files to compare.")] = None,
    old: Annotated[int | None, typer.Option("--from", help="Project version to compare from.")] = None,
    new: Annotated[int | None, typer.Option("--to", help="Project version to compare to (default latest).")] = None,
    codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None, as_json: JsonOpt = False,
) -> None:
    """Compare two codebook files, or two stored versions of the project's codebook."""
    from workbench.coding.codebook import diff_codebooks, load_codebook

    if files:
        if len(files) != 2:
            raise InputError("give exactly two codebook files")
        result = {"old": str(files[0]), "new": str(files[1]),
                  **diff_codebooks(load_codebook(files[0]), load_codebook(files[1]))}
    else:
        from workbench.services.codebooks import diff_versions, get_codebook

        if old is None:
            raise InputError("give two files, or --from VERSION with --project")
        handle = open_handle(project)
        with handle.session() as s:
            result = diff_versions(s, get_codebook(s, handle.project_id, codebook_id), old=old, new=new)
    if as_json:
        print_json(result)
        return
    console.print(f"added: {', '.join(result['added']) or '-'}; removed: {', '.join(result['removed']) or '-'}")
    for cid, fields in result["changed"].items():
        console.print(f"changed {cid}: {', '.join(fields)}")


def _edit(project: Path | None, codebook_id: str | None, fn_name: str, **kwargs: object) -> None:
    from workbench.services import codebooks as svc

    handle = open_handle(project)
    with handle.session() as s:
        book = svc.get_codebook(s, handle.project_id, codebook_id)
        getattr(svc, fn_name)(s, book, **kwargs)
        console.print(f"codebook {book.key} is now version {book.version}")


@codebook_app.command("add")
@handle_errors
def cb_add(key: Annotated[str, typer.Argument(help="New code id.")],
           name: Annotated[str, typer.Option(help="Name.")],
           parent: Annotated[str | None, typer.Option(help="Parent code id.")] = None,
           definition: Annotated[str, typer.Option(help="Definition.")] = "",
           codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None, user: ActorOpt = "admin") -> None:
    """Add a code."""
    _edit(project, codebook_id, "add_code", key=key, name=name, parent=parent, definition=definition, actor=user)


@codebook_app.command("rename")
@handle_errors
def cb_rename(key: Annotated[str, typer.Argument(help="Code id.")],
              to: Annotated[str | None, typer.Option("--to", help="New code id.")] = None,
              name: Annotated[str | None, typer.Option(help="New name.")] = None,
              codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None, user: ActorOpt = "admin") -> None:
    """Rename a code (id and/or name); codings stay attached."""
    _edit(project, codebook_id, "rename_code", key=key, new_key=to, new_name=name, actor=user)


@codebook_app.command("move")
@handle_errors
def cb_move(key: Annotated[str, typer.Argument(help="Code id.")],
            parent: Annotated[str | None, typer.Option(help="New parent id (omit for top level).")] = None,
            codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None, user: ActorOpt = "admin") -> None:
    """Move a code under another parent."""
    _edit(project, codebook_id, "move_code", key=key, parent=parent, actor=user)


@codebook_app.command("merge")
@handle_errors
def cb_merge(source: Annotated[str, typer.Argument(help="Code to merge away.")],
             into: Annotated[str, typer.Option("--into", help="Code that receives the codings.")],
             codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None, user: ActorOpt = "admin") -> None:
    """Merge a code into another; its codings move, nothing is lost."""
    _edit(project, codebook_id, "merge_codes", source=source, target=into, actor=user)


@codebook_app.command("split")
@handle_errors
def cb_split(key: Annotated[str, typer.Argument(help="Code to split.")],
             into: Annotated[list[str], typer.Option("--into", help="New code as ID:Name[:term1|term2] (repeatable).")],
             reassign: Annotated[bool, typer.Option(help="Move codings whose text matches one new code.")] = False,
             codebook_id: CodebookKeyOpt = None, project: ProjectOpt = None, user: ActorOpt = "admin") -> None:
    """Split a code into new child codes."""
    parts = []
    for item in into:
        bits = item.split(":")
        if not bits[0].strip():
            raise InputError(f"--into needs ID:Name, got '{item}'")
        d: dict[str, object] = {"key": bits[0].strip(), "name": (bits[1] if len(bits) > 1 else bits[0]).strip()}
        if len(bits) > 2:
            d["indicators"] = [t.strip() for t in bits[2].split("|") if t.strip()]
        parts.append(d)
    _edit(project, codebook_id, "split_code", key=key, into=parts, reassign=reassign, actor=user)


# -- agreement -----------------------------------------------------------------------------------
def agreement(
    file: Annotated[Path | None, typer.Argument(help="CSV: one row per unit, one column per coder.")] = None,
    metric: Annotated[str, typer.Option(help="cohen, fleiss, krippendorff, percent or scott.")] = "krippendorff",
    level: Annotated[str, typer.Option(help="Krippendorff level: nominal, ordinal, interval, ratio.")] = "nominal",
    coders: Annotated[str | None, typer.Option(help="Project mode: coders to compare, e.g. ingrid,lars.")] = None,
    by: Annotated[str | None, typer.Option(help="Project mode: 'code' for a row per code.")] = None,
    disagreements: Annotated[bool, typer.Option(help="Project mode: list the disagreements.")] = False,
    ci: Annotated[bool, typer.Option("--ci", help="CSV + krippendorff: add a 95 % bootstrap interval.")] = False,
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Inter-coder agreement from a ratings CSV, or between coders of a project."""
    from workbench.services import agreement as svc

    if file is not None:
        value = svc.agreement_from_csv(file, metric=metric, level=level)
        out: dict[str, object] = {"value": round(value, 3)}
        if ci:
            if metric != "krippendorff":
                raise InputError("--ci is available for --metric krippendorff")
            low, high = svc.alpha_interval_from_csv(file, level=level)
            out["ci"] = [round(low, 3), round(high, 3)]
        if as_json:
            print_json(out)
        else:
            extra = f" (95 % CI {out['ci'][0]:.3f}–{out['ci'][1]:.3f})" if ci else ""  # type: ignore[index]
            console.print(f"{metric}{'' if metric != 'krippendorff' else f' ({level})'}: {value:.3f}{extra}")
        return
    if not coders:
        raise InputError("give a CSV file, or --coders A,B for the project's coders")
    if by not in (None, "code"):
        raise InputError("--by accepts only 'code'")
    result = svc.project_agreement(open_handle(project), coders=coders.split(","))
    if as_json:
        out = {k: result[k] for k in ("coders", "unit_kind", "sources", "units", "overall")}
        out["disagreement_count"] = len(result["disagreements"])
        if by == "code":
            out["codes"] = result["codes"]
        if disagreements:
            out["disagreements"] = result["disagreements"]
        print_json(out)
        return
    _print_agreement(result, by_code=by == "code", show_disagreements=disagreements)


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def _print_agreement(result: dict, *, by_code: bool, show_disagreements: bool) -> None:
    from rich.table import Table

    table = Table(title=f"Agreement {' vs '.join(result['coders'])} ({result['sources']} sources, "
                        f"{result['units']} {result['unit_kind']} units)")
    for col in ("code", "unit %", "unit κ", "unit α", "char %", "char κ", "char α"):
        table.add_column(col)
    rows = [(r["code"], r["unit"], r["character"]) for r in result["codes"]] if by_code else []
    rows.append(("overall", result["overall"]["unit"], result["overall"]["character"]))
    for name, u, c in rows:
        table.add_row(name, _fmt(u.get("percent")), _fmt(u.get("kappa")), _fmt(u.get("alpha")),
                      _fmt(c.get("percent")), _fmt(c.get("kappa")), _fmt(c.get("alpha")))
    console.print(table)
    console.print(f"{len(result['disagreements'])} unit × code disagreements")
    if show_disagreements:
        for d in result["disagreements"]:
            console.print(f"  {d['source']} {d['start']}-{d['end']} {d['code']}: coded by {', '.join(d['coded_by'])}",
                          highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(code_app, name="code")
    app.add_typer(codebook_app, name="codebook")
    app.command("agreement")(handle_errors(agreement))
