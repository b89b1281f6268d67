"""Demo step: prioritised screening on the demo review (after the ``screening`` step).

1. Replays sara's title/abstract screening: the ranking and stopping aid she would have been shown
   after her first 30 decisions (``as_of``), and how many of those top records ended up included.
2. Her stopping aid now that she has screened everything.
3. A simulation on the project's own records, labelled by the final title/abstract decisions:
   how much screening prioritisation would have saved (WSS@95, RRF@10) over 5 seeds.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import select

from workbench.db.models import Record, ScreeningDecision, User
from workbench.prioritisation import record_text, simulate, vectorise
from workbench.services import prioritisation as prio

if TYPE_CHECKING:
    from workbench.demo import DemoContext

REVIEWER = "sara"
AFTER = 30


def _aid_line(aid: dict[str, object]) -> str:
    return (f"screened {aid['n_screened']}/{aid['n_records']}, {aid['n_included_found']} included, "
            f"{aid['screened_since_last_include']} since last include (rule needs {aid['streak_needed']}), "
            f"estimated left {aid['estimated_relevant_left']} (upper {aid['estimated_relevant_left_upper']}), "
            f"suggest stop: {'yes' if aid['suggest_stop'] else 'no'}")


def run(ctx: DemoContext) -> None:
    handle = ctx.handle
    pid = handle.project_id
    with handle.session() as s:
        times = list(s.scalars(
            select(ScreeningDecision.created_at)
            .join(User, User.id == ScreeningDecision.reviewer_id)
            .where(User.username == REVIEWER, ScreeningDecision.stage == "title_abstract",
                   ScreeningDecision.is_resolution.is_(False))
            .order_by(ScreeningDecision.created_at, ScreeningDecision.id)))
        if len(times) < 5:
            ctx.echo("  no title/abstract decisions (screening step missing); prioritisation skipped")
            return
        final = prio._final_decisions(s, pid, "title_abstract")
        cut = times[min(AFTER, len(times)) - 1]
        then = prio.next_records(s, pid, reviewer=REVIEWER, limit=5, as_of=cut)
        ctx.echo(f"  {REVIEWER}'s queue after her first {min(AFTER, len(times))} decisions "
                 f"(model {then['model']}; final decision in parentheses):")
        for rec in then["records"]:  # type: ignore[union-attr]
            ctx.echo(f"    {rec['rank']}. ({final.get(rec['id'], '-')}) {str(rec['title'])[:90]}")
        hits = sum(final.get(r["id"]) in ("include", "maybe") for r in then["records"])  # type: ignore[union-attr]
        ranked_then = prio.rank_unscreened(s, pid, reviewer=REVIEWER, as_of=cut)
        base = sum(final.get(rid) in ("include", "maybe") for rid in ranked_then) / max(1, len(ranked_then))
        top20 = sum(final.get(rid) in ("include", "maybe") for rid in ranked_then[:20])
        ctx.echo(f"    {hits} of the top 5 and {top20} of the top 20 were finally included "
                 f"(base rate among her {len(ranked_then)} unscreened records then: {base:.0%})")
        ctx.echo(f"  stopping aid then: {_aid_line(then['stopping_aid'])}")  # type: ignore[arg-type]
        ctx.echo(f"  stopping aid now:  {_aid_line(prio.stopping_aid(s, pid, reviewer=REVIEWER))}")
        records = list(s.scalars(select(Record).where(Record.project_id == pid, Record.duplicate_of_id.is_(None))
                                 .order_by(Record.batch_id, Record.ordinal, Record.id)))
        texts = [record_text(r.title, r.abstract, " ".join(r.keywords or [])) for r in records]
        labels = np.array([1 if final.get(r.id) in ("include", "maybe") else 0 for r in records])
    if labels.sum() < 2 or labels.sum() == len(labels):
        ctx.echo("  too few final includes for a simulation")
        return
    X = vectorise(texts).X
    runs = [simulate(X, labels, seed=seed) for seed in range(5)]
    m = {k: statistics.mean(getattr(r.metrics, k) for r in runs) for k in ("wss95", "wss100", "rrf10", "atd")}
    ctx.data["prioritisation"] = m
    ctx.echo(f"  simulation on this review ({len(labels)} records, {int(labels.sum())} final includes, 5 seeds): "
             f"WSS@95 {m['wss95']:.2f}, WSS@100 {m['wss100']:.2f}, RRF@10 {m['rrf10']:.2f}, ATD {m['atd']:.3f} "
             f"(random order: WSS about 0, RRF@10 about 0.10)")
