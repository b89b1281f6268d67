"""``workbench screen ...`` (decide, conflicts, resolve, progress, kappa, criteria), ``prisma``, ``chart``.

``screen_app`` is shared: ``workbench.cli.prioritisation`` adds ``screen simulate`` and ``screen next``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
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

screen_app = typer.Typer(help="Blinded dual screening of records.", no_args_is_help=True)
chart_app = typer.Typer(help="Data charting of the included sources (form, values, Excel/Word export).",
                        no_args_is_help=True)

StageOpt = Annotated[str, typer.Option("--stage", "-s", help="ta (title/abstract) or ft (full text).")]
ReviewerOpt = Annotated[str, typer.Option("--user", "-u", help="Acting reviewer (user name).")]


# ---------------------------------------------------------------------------------------------
# screen


@screen_app.command("decide")
@handle_errors
def decide(
    record_id: Annotated[int, typer.Argument(help="Record id.")],
    decision: Annotated[str, typer.Argument(help="include, exclude or maybe.")],
    stage: StageOpt = "ta",
    note: Annotated[str, typer.Option(help="Optional note.")] = "",
    reason: Annotated[str, typer.Option(help="Exclusion reason (required for full-text exclusions).")] = "",
    project: ProjectOpt = None,
    user: ReviewerOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Record your independent decision on a record (others' decisions stay hidden until you decide)."""
    from workbench.services import screening

    view = screening.decide(open_handle(project), record_id=record_id, reviewer=user, stage=stage,
                            decision=decision, note=note, reason=reason)
    if as_json:
        print_json(view.as_dict())
        return
    console.print(f"{user}: record {record_id} → {view.decision} ({view.stage})")


@screen_app.command("show")
@handle_errors
def show(
    record_id: Annotated[int, typer.Argument(help="Record id.")],
    stage: StageOpt = "ta",
    project: ProjectOpt = None,
    user: ReviewerOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Show a record with the criteria, keyword hits, your decision and (when allowed) the others'."""
    from workbench.services import screening

    item = screening.screening_item(open_handle(project), record_id=record_id, stage=stage, viewer=user)
    if as_json:
        data = {k: v for k, v in item.__dict__.items() if k not in ("criteria", "title_highlights",
                                                                      "abstract_highlights", "own", "others",
                                                                      "resolution")}
        data["criteria"] = item.criteria.as_dict()
        data["own"] = item.own.as_dict() if item.own else None
        data["others"] = [o.as_dict() for o in item.others] if item.others is not None else None
        data["others_hidden"] = item.others is None
        data["resolution"] = item.resolution.as_dict() if item.resolution else None
        data["highlights"] = {"title": [h.__dict__ for h in item.title_highlights],
                              "abstract": [h.__dict__ for h in item.abstract_highlights]}
        print_json(data)
        return
    console.print(f"[bold]{_marked(item.title, item.title_highlights)}[/bold]")
    meta = ", ".join(x for x in ("; ".join(item.authors[:3]), str(item.year or ""), item.journal) if x)
    console.print(escape(meta))
    console.print(_marked(item.abstract, item.abstract_highlights))
    crit = item.criteria
    if crit.version:
        console.print(f"\n[dim]Criteria v{crit.version}: P: {escape(crit.population)} · C: {escape(crit.concept)} · "
                      f"Ctx: {escape(crit.context)}[/dim]")
    console.print(f"\nYour decision: {item.own.decision if item.own else '—'}")
    if item.others is None:
        console.print("Other reviewers' decisions: hidden until you decide")
    else:
        for o in item.others:
            console.print(f"{o.reviewer}: {o.decision} {escape(o.reason)} {escape(o.note)}")
    if item.resolution:
        console.print(f"Resolved ({item.resolution.method}) by {item.resolution.reviewer}: {item.resolution.decision}")


def _marked(text: str, highlights: list[Any]) -> str:
    out, pos = [], 0
    for h in highlights:
        out.append(escape(text[pos:h.start]))
        colour = "green" if h.kind == "include" else "red"
        out.append(f"[reverse {colour}]{escape(text[h.start:h.end])}[/reverse {colour}]")
        pos = h.end
    out.append(escape(text[pos:]))
    return "".join(out)


@screen_app.command("queue")
@handle_errors
def queue_cmd(
    stage: StageOpt = "ta",
    limit: Annotated[int | None, typer.Option(help="At most this many records.")] = None,
    order: Annotated[str, typer.Option(help="auto (prioritised when available) or import.")] = "auto",
    project: ProjectOpt = None,
    user: ReviewerOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Records you still have to screen at a stage."""
    from workbench.services import screening

    ids = screening.queue(open_handle(project), reviewer=user, stage=stage, limit=limit, order=order)
    if as_json:
        print_json({"stage": screening.normalise_stage(stage), "reviewer": user, "records": ids})
        return
    console.print(f"{len(ids)} records to screen: " + " ".join(str(i) for i in ids[:50])
                  + (" ..." if len(ids) > 50 else ""))


@screen_app.command("conflicts")
@handle_errors
def conflicts(
    stage: StageOpt = "ta",
    resolved: Annotated[bool, typer.Option("--resolved", help="Also list conflicts already resolved.")] = False,
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Records both reviewers decided differently (for discussion or a third reviewer)."""
    from workbench.services import screening

    items = screening.list_conflicts(open_handle(project), stage=stage, include_resolved=resolved)
    if as_json:
        print_json({"conflicts": [c.as_dict() for c in items]})
        return
    table = Table("record", "title", "decisions", "resolution")
    for c in items:
        decs = "; ".join(f"{d.reviewer}: {d.decision}" + (f" ({d.reason})" if d.reason else "") for d in c.decisions)
        res = f"{c.resolution.decision} ({c.resolution.method}, {c.resolution.reviewer})" if c.resolution else ""
        table.add_row(str(c.record_id), escape(c.title[:60]), escape(decs), escape(res))
    console.print(table)
    console.print(f"{len(items)} conflicts")


@screen_app.command("resolve")
@handle_errors
def resolve(
    record_id: Annotated[int, typer.Argument(help="Record id.")],
    decision: Annotated[str, typer.Argument(help="include or exclude.")],
    stage: StageOpt = "ta",
    method: Annotated[str, typer.Option(help="discussion or third-reviewer.")] = "third-reviewer",
    reason: Annotated[str, typer.Option(help="Exclusion reason (required for full-text exclusions).")] = "",
    note: Annotated[str, typer.Option(help="Optional note.")] = "",
    project: ProjectOpt = None,
    user: ReviewerOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Settle a conflict; both reviewers' original decisions are kept."""
    from workbench.services import screening

    view = screening.resolve(open_handle(project), record_id=record_id, stage=stage, resolver=user,
                             decision=decision, method=method, reason=reason, note=note)
    if as_json:
        print_json(view.as_dict())
        return
    console.print(f"record {record_id} resolved → {view.decision} ({view.method}, {user})")


@screen_app.command("progress")
@handle_errors
def progress_cmd(project: ProjectOpt = None, user: ReviewerOpt = "admin", as_json: JsonOpt = False) -> None:
    """Progress per stage and per reviewer."""
    from workbench.services import screening

    data = screening.progress(open_handle(project), viewer=user)
    if as_json:
        print_json(data)
        return
    for stage, info in data["stages"].items():
        console.print(f"[bold]{stage}[/bold]: {info['records']} records, {info['complete']} complete, "
                      f"{info['conflicts_open']} open conflicts, {info['resolved']} resolved, final {info['final']}")
        table = Table("reviewer", "decided", "to do", "share")
        for r in info["reviewers"]:
            table.add_row(r["reviewer"], str(r["decided"]), str(r["to_do"]), f"{r['share_of_records']:.0%}")
        console.print(table)


@screen_app.command("kappa")
@handle_errors
def kappa(
    binary: Annotated[bool, typer.Option(help="Fold 'maybe' into 'include' (passed on vs excluded).")] = False,
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Cohen's κ and percent agreement per stage and reviewer pair."""
    from workbench.services import screening

    rows = screening.agreement(open_handle(project), binary=binary)
    if as_json:
        print_json({"agreement": rows})
        return
    table = Table("stage", "pair", "n", "agreement", "kappa")
    for r in rows:
        k = "—" if r["kappa"] is None else f"{r['kappa']:.3f}"
        table.add_row(r["stage"], r["pair"], str(r["n"]), f"{r['agreement']:.1%}", k)
    console.print(table)


def _read_criteria_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read ({exc.__class__.__name__})", path=str(path)) from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        elif path.suffix.lower() == ".toml":
            import tomllib

            data = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:  # noqa: BLE001 - parser errors of three libraries
        line = getattr(exc, "lineno", None) or getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(f"cannot parse criteria ({exc.__class__.__name__})", path=str(path),
                         line=line) from exc
    if not isinstance(data, dict):
        raise InputError("criteria file must hold a mapping of fields", path=str(path))
    return data


@screen_app.command("criteria")
@handle_errors
def criteria_cmd(
    from_file: Annotated[Path | None, typer.Option("--from", help="YAML/JSON/TOML file with criteria fields.")] = None,
    population: Annotated[str | None, typer.Option(help="Population (P of PCC).")] = None,
    concept: Annotated[str | None, typer.Option(help="Concept (C).")] = None,
    context: Annotated[str | None, typer.Option(help="Context (C).")] = None,
    include_rule: Annotated[list[str] | None, typer.Option(help="Inclusion rule (repeatable).")] = None,
    exclude_rule: Annotated[list[str] | None, typer.Option(help="Exclusion rule (repeatable).")] = None,
    include_keyword: Annotated[list[str] | None, typer.Option(help="Keyword highlighted green.")] = None,
    exclude_keyword: Annotated[list[str] | None, typer.Option(help="Keyword highlighted red.")] = None,
    exclusion_reason: Annotated[list[str] | None, typer.Option(
        help="Full-text exclusion reason (repeatable; replaces the list).")] = None,
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Show the eligibility criteria, or set a new version of them (and the exclusion reasons)."""
    from workbench.services import screening

    handle = open_handle(project)
    changes: dict[str, Any] = {}
    reasons = list(exclusion_reason or [])
    if from_file is not None:
        data = _read_criteria_file(from_file)
        reasons = list(data.pop("exclusion_reasons", []) or []) or reasons
        changes.update(data)
    for key, value in (("population", population), ("concept", concept), ("context", context),
                       ("include_rules", include_rule), ("exclude_rules", exclude_rule),
                       ("include_keywords", include_keyword), ("exclude_keywords", exclude_keyword)):
        if value:
            changes[key] = value
    crit = screening.set_criteria(handle, actor=user, **changes) if changes else screening.get_criteria(handle)
    current_reasons = (screening.set_exclusion_reasons(handle, reasons=reasons, actor=user) if reasons
                       else screening.exclusion_reasons(handle))
    if as_json:
        print_json({"criteria": crit.as_dict(), "exclusion_reasons": current_reasons})
        return
    console.print(f"[bold]Eligibility criteria v{crit.version}[/bold]")
    for label, value in (("Population", crit.population), ("Concept", crit.concept), ("Context", crit.context)):
        console.print(f"{label}: {escape(value)}")
    for label, values in (("Include", crit.include_rules), ("Exclude", crit.exclude_rules),
                          ("Include keywords", crit.include_keywords), ("Exclude keywords", crit.exclude_keywords),
                          ("Full-text exclusion reasons", current_reasons)):
        console.print(f"{label}: " + escape("; ".join(values)))


@screen_app.command("attach")
@handle_errors
def attach(
    record_id: Annotated[int, typer.Argument(help="Record id.")],
    pdf: Annotated[Path, typer.Argument(help="Full-text PDF.")],
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Attach a full-text PDF to a record that passed title/abstract screening."""
    from workbench.services import screening

    try:
        data = pdf.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.__class__.__name__})", path=str(pdf)) from exc
    info = screening.attach_full_text(open_handle(project), record_id=record_id, filename=pdf.name, data=data,
                                      actor=user)
    console.print(f"attached {pdf.name} to record {record_id} ({info['n_pages']} pages)")


@screen_app.command("retrieval")
@handle_errors
def retrieval(
    record_id: Annotated[int, typer.Argument(help="Record id.")],
    retrieved: Annotated[bool, typer.Option("--retrieved/--not-retrieved", help="Full text obtained?")] = True,
    note: Annotated[str, typer.Option(help="Optional note (e.g. why not).")] = "",
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Mark a record's full text as retrieved or not retrieved (PRISMA "reports not retrieved")."""
    from workbench.services import screening

    screening.set_retrieval(open_handle(project), record_id=record_id, retrieved=retrieved, actor=user, note=note)
    console.print(f"record {record_id}: full text {'retrieved' if retrieved else 'not retrieved'}")


@screen_app.command("history")
@handle_errors
def history(
    record: Annotated[int | None, typer.Option("--record", help="Only this record.")] = None,
    project: ProjectOpt = None,
    user: ReviewerOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Audit trail of decisions and resolutions (records still blind to you are left out)."""
    from workbench.services import screening

    rows = screening.decision_history(open_handle(project), viewer=user, record_id=record)
    if as_json:
        print_json({"decisions": [r.as_dict() for r in rows]})
        return
    table = Table("at", "record", "stage", "reviewer", "decision", "reason", "resolution")
    for r in rows:
        table.add_row(r.at[:19], str(r.record_id), r.stage, r.reviewer, r.decision, escape(r.reason),
                      r.method if r.is_resolution else "")
    console.print(table)


# ---------------------------------------------------------------------------------------------
# prisma


@handle_errors
def prisma(
    out: Annotated[Path, typer.Option("--out", "-o", help="SVG file; a PNG is written beside it.")],
    csv_path: Annotated[Path | None, typer.Option("--csv", help="Also write the counts as CSV.")] = None,
    png: Annotated[bool, typer.Option("--png/--no-png", help="Also write a PNG.")] = True,
    lang: Annotated[str | None, typer.Option(help="nb or en (default: the project's language).")] = None,
    strict: Annotated[bool, typer.Option(help="Exit with code 2 if the counts do not add up.")] = False,
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
    as_json: JsonOpt = False,
) -> None:
    """Draw the PRISMA-ScR flow diagram from the project's counts (arithmetic checked)."""
    from workbench.services.prisma import export_prisma

    result = export_prisma(open_handle(project), out=out, csv_path=csv_path, png=png, lang=lang, actor=user)
    errors = [i for i in result["issues"] if i["severity"] == "error"]
    if as_json:
        print_json(result)
    else:
        for issue in result["issues"]:
            err_console.print(f"{issue['severity']}: {issue['message']}")
        files = [p for p in (result["svg"], result["png"], result["csv"]) if p]
        console.print("wrote " + ", ".join(files))
    if strict and errors:
        raise WorkbenchError(f"the PRISMA counts do not add up ({len(errors)} problems)")


# ---------------------------------------------------------------------------------------------
# chart


@chart_app.command("fields")
@handle_errors
def chart_fields(project: ProjectOpt = None, as_json: JsonOpt = False,
                 retired: Annotated[bool, typer.Option(help="Also list retired fields.")] = False) -> None:
    """List the charting form's fields."""
    from workbench.services import charting

    fields = charting.form_fields(open_handle(project), include_retired=retired)
    if as_json:
        print_json({"fields": [f.__dict__ for f in fields]})
        return
    for f in fields:
        console.print(f"{f.key:24} {escape(f.label)}" + ("" if f.active else "  (retired)"))


@chart_app.command("field")
@handle_errors
def chart_field(
    key: Annotated[str, typer.Argument(help="Field key (lower-case, e.g. kvalitet).")],
    label: Annotated[str | None, typer.Option(help="Column label.")] = None,
    help_text: Annotated[str | None, typer.Option("--help-text", help="Guidance for the person charting.")] = None,
    position: Annotated[int | None, typer.Option(help="Column position (0 = first).")] = None,
    active: Annotated[bool | None, typer.Option("--active/--retire", help="Show or retire the field.")] = None,
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Add a field to the charting form or change one (values of retired fields are kept)."""
    from workbench.services import charting

    f = charting.set_field(open_handle(project), key=key, label=label, help=help_text, position=position,
                           active=active, actor=user)
    console.print(f"{f.key}: {escape(f.label)} (position {f.position}{'' if f.active else ', retired'})")


@chart_app.command("set")
@handle_errors
def chart_set(
    record_id: Annotated[int, typer.Argument(help="Included record id.")],
    assignments: Annotated[list[str], typer.Argument(help="field=value pairs, e.g. hensikt='Beskrive ...'.")],
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Chart values for an included source (earlier values stay in the history)."""
    from workbench.services import charting

    values = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep:
            raise WorkbenchError(f"'{item}' is not field=value")
        values[key.strip()] = value
    n = charting.set_values(open_handle(project), record_id=record_id, values=values, actor=user)
    console.print(f"record {record_id}: {n} values charted")


@chart_app.command("prefill")
@handle_errors
def chart_prefill(
    record: Annotated[list[int] | None, typer.Option("--record", help="Only these records.")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace earlier prefilled (never manual) values.")] = False,
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Fill empty fields of included sources with suggestions from their abstracts."""
    from workbench.services import charting

    out = charting.prefill(open_handle(project), actor=user, record_ids=record, overwrite=overwrite)
    console.print(f"prefilled {sum(out.values())} values for {len(out)} sources")


@chart_app.command("show")
@handle_errors
def chart_show(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """The charting table."""
    from workbench.services import charting

    fields, rows = charting.chart_rows(open_handle(project))
    if as_json:
        print_json({"fields": [f.__dict__ for f in fields],
                    "sources": [{"record_id": r.record_id, "citation": r.citation, "title": r.title,
                                 "values": r.values} for r in rows]})
        return
    table = Table("id", *[escape(f.label) for f in fields])
    for r in rows:
        table.add_row(str(r.record_id), *[escape(r.values.get(f.key, "")[:80]) for f in fields])
    console.print(table)


@chart_app.command("export")
@handle_errors
def chart_export(
    out: Annotated[Path, typer.Option("--out", "-o", help=".xlsx or .docx file.")],
    project: ProjectOpt = None,
    user: ActorOpt = "admin",
) -> None:
    """Export the charting table to Excel (.xlsx) or Word (.docx)."""
    from workbench.services import charting

    res = charting.export_chart(open_handle(project), out=out, actor=user)
    console.print(f"wrote {res['path']} ({res['sources']} sources, {res['fields']} fields)")


def register(app: typer.Typer) -> None:
    app.add_typer(screen_app, name="screen")
    app.command("prisma")(prisma)
    app.add_typer(chart_app, name="chart")
