"""Demo step: codebook, auto-coding with review by two coders, manual coding, memos, classifier,
agreement.

Works on the sources the de-identification step released. Ingrid reviews her suggestions (she
accepts a model code only when it matches the case's allocation model, and other codes when the
evidence is strong or the score high), adds manual codings and memos; Lars codes the same
sources independently with a stricter rule and some different judgements. The classifier is
retrained on the decisions and the agreement between them is computed.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from workbench.services import agreement as agreement_service
from workbench.services import cases as case_service
from workbench.services import codebooks as codebook_service
from workbench.services import coding

if TYPE_CHECKING:
    from workbench.demo import DemoContext

MANUAL_RULES = [  # (code, pattern): ingrid codes the sentence, lars the whole turn
    ("Q6", re.compile(r"vente(tid|list)|likebehandl|rettferdig", re.I)),
    ("T2", re.compile(r"tillit|kontroll", re.I)),
    ("Q3", re.compile(r"pårørende|hva er viktig for deg", re.I)),
]


def _sentence_around(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    a = max(text.rfind(". ", start, pos) + 2, start) if text.rfind(". ", start, pos) >= 0 else start
    b = text.find(". ", pos, end)
    return a, (b + 1 if b >= 0 else end)


def _review(ctx: DemoContext, coder: str, *, strict: bool, flip: float, seed: int) -> tuple[int, int]:
    handle = ctx.handle
    rng = random.Random(seed)
    accepted = rejected = 0
    with handle.session() as s:
        models = {c.name: c.attributes.get("allocation_model") for c in case_service.list_cases(s, handle.project_id)}
        decisions: dict[int, bool] = {}
        for sug in coding.list_codings(s, handle.project_id, coder=coder, status="proposed"):
            strong = len(sug.evidence.get("terms", [])) >= (3 if strict else 2) or (sug.score or 0) >= (0.8 if strict else 0.7)
            if sug.code.startswith("M"):
                ok = sug.code == models.get(sug.case or "") or (sug.code == "M6" and not strict and strong)
            else:
                ok = strong
            if rng.random() < flip:
                ok = not ok
            decisions[sug.id] = ok
            accepted += ok
            rejected += not ok
        coding.decide_suggestions(s, handle.project_id, decisions, actor=coder)
    return accepted, rejected


def _manual(ctx: DemoContext, coder: str, *, whole_turn: bool) -> int:
    handle = ctx.handle
    added = 0
    with handle.session() as s:
        for src in coding.codable_sources(s, handle.project_id, require_deid=True):
            for turn in src.turns:
                if coding.is_interviewer(turn.speaker):
                    continue
                for code, pattern in MANUAL_RULES:
                    m = pattern.search(src.text, turn.start, turn.end)
                    if not m:
                        continue
                    a, b = (turn.start, turn.end) if whole_turn else _sentence_around(src.text, turn.start, turn.end,
                                                                                      m.start())
                    coding.add_coding(s, handle.project_id, source_id=src.id, code=code, coder=coder, start=a, end=b)
                    added += 1
    return added


def run(ctx: DemoContext) -> None:
    handle = ctx.handle
    codebook_path = ctx.corpora.parent / "codebooks" / "kvalitet-og-modeller.yaml"
    with handle.session() as s:
        book = codebook_service.import_codebook(s, handle.project_id, path=codebook_path, actor="admin")
        n_released = len(coding.codable_sources(s, handle.project_id, require_deid=True))
        ctx.echo(f"  codebook {book.key}: {len(codebook_service.list_codes(s, book))} codes")
    if n_released == 0:
        ctx.echo("  no released sources (de-identification releases them first); skipping auto-coding")
        return
    for coder in ("ingrid", "lars"):
        report = coding.run_autocoding(handle, coder=coder)
        ctx.echo(f"  {coder}: {report['suggestions']} suggestions in {report['sources']} sources")
    acc_i, rej_i = _review(ctx, "ingrid", strict=False, flip=0.0, seed=1)
    acc_l, rej_l = _review(ctx, "lars", strict=True, flip=0.08, seed=2)
    ctx.echo(f"  ingrid accepted {acc_i}, rejected {rej_i}; lars accepted {acc_l}, rejected {rej_l}")
    ctx.echo(f"  manual codings: ingrid {_manual(ctx, 'ingrid', whole_turn=False)}, "
             f"lars {_manual(ctx, 'lars', whole_turn=True)}")
    with handle.session() as s:
        pid = handle.project_id
        book = codebook_service.get_codebook(s, pid)
        m6 = codebook_service.get_code(s, book, "M6")
        coding.add_memo(s, pid, target_type="code", target_id=m6.id, author="ingrid", title="Blandingsmodeller",
                        text="Blådal kombinerer selvstyrte team med en «myk» tildelingsenhet – vurder M4 og M3 i tillegg.")
        first = coding.codable_sources(s, pid)[0]
        coding.add_memo(s, pid, target_type="source", target_id=first.id, author="lars",
                        text="Informanten beskriver spenningen mellom likebehandling og skjønn gjennom hele intervjuet.")
        some = coding.list_codings(s, pid, coder="ingrid", status="accepted", limit=1)
        if some:
            coding.add_memo(s, pid, target_type="coding", target_id=some[0].id, author="ingrid",
                            text="Godt sitat til case-sammendraget.")
    try:
        trained = coding.train_classifier(handle, coders=["ingrid"], actor="ingrid")
        h = trained["holdout"]
        if "lexicon" in h:
            ctx.echo(f"  classifier on {trained['units']} units: held-back macro F1 {h['lexicon']['macro_f1']:.2f} "
                     f"(terms only) -> {h['reranked']['macro_f1']:.2f} (re-ranked)")
        ctx.data["classifier_run"] = trained["run"]
    except Exception as exc:  # noqa: BLE001 - the demo goes on; the reason is shown
        ctx.echo(f"  classifier not trained: {exc}")
    result = agreement_service.project_agreement(handle, coders=["ingrid", "lars"])
    unit, char = result["overall"]["unit"], result["overall"]["character"]
    ctx.echo(f"  agreement ingrid vs lars ({result['units']} {result['unit_kind']} units): "
             f"κ {unit.get('kappa')} (unit), {char.get('kappa')} (character); "
             f"{len(result['disagreements'])} disagreements")
    ctx.data["agreement"] = result["overall"]
