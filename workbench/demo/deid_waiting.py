"""Demo step (last): one follow-up interview left *in review*, so a newcomer can try the review page.

``corpora/deid-review/Granvik_4_oppfolgingssamtale.txt`` is imported into the Granvik case after
every other step, detection runs with the project's registered identifiers, and nothing is decided:
the source waits on *Avidentifisering* for someone to accept, reject, add a missed identifier by
selecting it with the mouse (the nickname «bestemor på nuten» is not found by any detector) and
release it. It is not coded, so the other steps' figures are unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.services import deid
from workbench.services.ingest import import_transcripts

if TYPE_CHECKING:
    from workbench.demo import DemoContext

FOLLOW_UP = "deid-review"
CASE = "Granvik"
MISSED_NICKNAME = "bestemor på nuten"


def run(ctx: DemoContext) -> None:
    from workbench.demo import DEMO_KEY_PASSPHRASE as key

    folder = ctx.corpora / FOLLOW_UP
    if not folder.exists():
        ctx.echo("  no follow-up interview in the corpora; skipped")
        return
    report = import_transcripts(ctx.handle, sorted(folder.glob("*.txt")), case=CASE, actor="ingrid")
    ids = list(report.imported)
    if not ids:
        ctx.echo("  follow-up interview already imported; skipped")
        return
    result = deid.run_detection(ctx.handle, source_ids=ids, passphrase=key, actor="ingrid")
    ctx.echo(f"  follow-up interview waiting for review: {result['detections']} detections, "
             f"nothing decided yet (try it on Avidentifisering; add «{MISSED_NICKNAME}» by selecting it)")
    ctx.data["deid_waiting"] = ids
