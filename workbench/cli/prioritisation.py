"""``workbench screen simulate`` and ``workbench screen next`` (prioritised screening).

Adds two commands to ``screen_app`` (owned by ``workbench.cli.screening``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from workbench.cli.common import (
    JsonOpt,
    ProjectOpt,
    console,
    err_console,
    handle_errors,
    open_handle,
    print_json,
)
from workbench.cli.screening import screen_app
from workbench.services import prioritisation as prio_service


@screen_app.command("simulate")
@handle_errors
def simulate_cmd(
    data: Annotated[Path, typer.Argument(help="ASReview-format CSV (title, abstract, label_included).")],
    seed: Annotated[int, typer.Option(help="Seed choosing the prior records.")] = 0,
    n_prior_included: Annotated[int, typer.Option("--n-prior-included", help="Included priors.")] = 1,
    n_prior_excluded: Annotated[int, typer.Option("--n-prior-excluded", help="Excluded priors.")] = 1,
    model: Annotated[str, typer.Option(help="Ranking model (workbench, asreview-default, ...).")] = "workbench",
    retrain_every: Annotated[int, typer.Option("--retrain-every", help="Refit after every k records.")] = 1,
    json_out: JsonOpt = False,
) -> None:
    """Simulate prioritised screening of a labelled data set and print WSS@95, WSS@100, RRF@10, ATD.

    ``order`` (with --json) lists the CSV's 0-based data rows in screening order, priors first.
    """
    from workbench.prioritisation.csvdata import simulate_csv

    if json_out:
        result = simulate_csv(data, seed=seed, n_prior_included=n_prior_included,
                              n_prior_excluded=n_prior_excluded, model=model, retrain_every=retrain_every)
        print_json(result.as_json())
        return
    with Progress(TextColumn("simulating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True) as progress:
        task = progress.add_task("sim", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = simulate_csv(data, seed=seed, n_prior_included=n_prior_included,
                              n_prior_excluded=n_prior_excluded, model=model, retrain_every=retrain_every,
                              progress=tick)
    m = result.metrics
    console.print(f"{data.name}: {m.n_records} records, {m.n_included} included; model {result.model}, "
                  f"seed {seed}, priors {result.priors}")
    console.print(f"WSS@95 {m.wss95:.3f}  WSS@100 {m.wss100:.3f}  RRF@10 {m.rrf10:.3f}  ATD {m.atd:.4f}  "
                  f"({result.n_retrains} retrains, {result.seconds:.1f} s)")
    if result.stop_at is not None:
        console.print(f"stopping aid would have suggested stopping after {result.stop_at} records "
                      f"(recall {result.stop_recall:.3f})")


@screen_app.command("next")
@handle_errors
def next_cmd(
    user: Annotated[str, typer.Option("--user", "-u", help="Reviewer whose queue to rank.")],
    project: ProjectOpt = None,
    stage: Annotated[str, typer.Option(help="title_abstract or full_text.")] = "title_abstract",
    limit: Annotated[int, typer.Option(help="How many records to list.")] = 10,
    json_out: JsonOpt = False,
) -> None:
    """The reviewer's next records, most likely relevant first, with the stopping aid."""
    handle = open_handle(project)
    try:
        with handle.session() as s:
            result = prio_service.next_records(s, handle.project_id, reviewer=user, stage=stage, limit=limit)
    finally:
        handle.close()
    if json_out:
        print_json(result)
        return
    records = result["records"]
    console.print(f"Next for {user} ({stage}), {result['n_unscreened']} unscreened:")
    for rec in records:  # type: ignore[union-attr]
        year = f" ({rec['year']})" if rec.get("year") else ""
        console.print(f"  {rec['rank']:>3}. [{rec['id']}] {rec['title']}{year}", markup=False, highlight=False)
    aid = result["stopping_aid"]
    console.print(
        f"Screened {aid['n_screened']} of {aid['n_records']}; {aid['n_included_found']} included; "
        f"{aid['screened_since_last_include']} since the last include (rule needs {aid['streak_needed']}); "
        f"estimated relevant left {aid['estimated_relevant_left']}; estimated recall {aid['estimated_recall']}")
    console.print("Suggest stopping: " + ("yes" if aid["suggest_stop"] else "no") + f" - {aid['rule']}")


def register(app: typer.Typer) -> None:
    """Commands live on ``screen_app``; ``workbench.cli.screening.register`` adds that group."""
    del app
