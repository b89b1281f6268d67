"""Demo step: de-identify the imported interviews and release them for coding.

Registers the demo study's known identifiers (interviewers, informants, the "real" municipality
names with the study's invented names, villages, workplaces), runs detection on every source,
reviews (accepts the detections, rejects a few false positives, adds one missed span, each
decision applied to all occurrences), applies the pseudonyms and releases every source. The key
file is written with ``DEMO_KEY_PASSPHRASE`` into the project's ``keys/`` folder.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import select

from workbench.db.models import Source
from workbench.services import deid

if TYPE_CHECKING:
    from workbench.demo import DemoContext

# the synthetic "originals" of corpora/interviews (see corpora/README.md) and the study's pseudonyms
MUNICIPALITIES = {"Hjelmeland": "Granvik", "Lillehammer": "Solstad", "Sunndal": "Sjøglott", "Lyngen": "Vindnes",
                  "Ringsaker": "Blådal"}
INTERVIEWERS = ["Marte Solheim", "Torunn Bakke", "Eirik Lunde", "Eirik Haugland"]
INFORMANTS = ["Hilde Bakkerud", "Stian Nyhus", "Kristin Vikse", "Siri Tjelta", "Anne Kristin Rød", "Kjersti Aune",
              "Hanne Kvisberg", "Magnus Rustad", "Ingvild Sveen", "Hanne Mari Isaksen", "Sindre Karlsen"]
# (the village Øksendal is left out on purpose: the reviewer adds it by hand below)
PLACES = ["Årdal", "Fister", "Vingrom", "Nordre Ål", "Sunndalsøra", "Lyngseidet", "Furuflaten", "Brumunddal",
          "Moelv"]
WORKPLACES = ["Fjordtun omsorgssenter", "Furuhaugen sykehjem", "Fjellbu sykehjem", "Birkelund sykehjem",
              "Sunndal helsetun", "Sykehuset Innlandet"]
# detections a reviewer rejects as not identifying (a Dutch care model, a management doctrine …)
NOT_IDENTIFIERS = ["Buurtzorg", "New Public", "Stats", "Lean", "Gerica", "Profil"]
# missed by the detectors: the village Øksendal written in lower case by speech-to-text; adding it
# applies to every occurrence (also the capitalised ones, which a surname guess had labelled PERSON)
MISSED = [("øksendal", "PLACE")]


def run(ctx: DemoContext) -> None:
    from workbench.demo import DEMO_KEY_PASSPHRASE as key

    handle = ctx.handle
    for name, pseudonym in MUNICIPALITIES.items():
        deid.add_known(handle, values=[name], category="municipality", pseudonym=pseudonym, passphrase=key,
                       actor="ingrid")
    deid.add_known(handle, values=INTERVIEWERS, category="interviewer", passphrase=key, actor="ingrid")
    deid.add_known(handle, values=INFORMANTS, category="participant", passphrase=key, actor="ingrid")
    deid.add_known(handle, values=PLACES, category="place", passphrase=key, actor="ingrid")
    deid.add_known(handle, values=WORKPLACES, category="workplace", passphrase=key, actor="ingrid")
    result = deid.run_detection(handle, passphrase=key, actor="ingrid")
    ctx.echo(f"  detected {result['detections']} identifiers in {result['sources']} sources "
             f"({', '.join(f'{k} {v}' for k, v in sorted(result['by_label'].items()))}); "
             f"{result['flags']} indirect-identifier flags")
    rejected = added = 0
    with handle.session() as s:
        views = deid.list_detections(s, handle.project_id, status="pending", context=0)
        for surface in NOT_IDENTIFIERS:
            hit = next((v for v in views if v.text == surface), None)
            if hit is not None:
                rejected += deid.decide(s, handle.project_id, hit.id, decision="reject", actor="ingrid")
        for surface, label in MISSED:
            for src in s.scalars(select(Source).where(Source.project_id == handle.project_id)):
                m = re.search(rf"\b{re.escape(surface)}\b", src.text)
                if m:
                    added += len(deid.add_detection(s, handle.project_id, src.id, start=m.start(), end=m.end(),
                                                    label=label, actor="ingrid"))
                    break
        accepted = deid.accept_all(s, handle.project_id, actor="ingrid")
    ctx.echo(f"  review: {accepted} accepted, {rejected} rejected (all occurrences), {added} added by hand")
    released = deid.release(handle, passphrase=key, actor="ingrid")
    ctx.echo(f"  pseudonymised and released {len(released['released'])} sources "
             f"({released['applied']['replacements']} replacements); key in {deid.key_path(handle)}")
    ctx.data["deid_released"] = released["released"]
    check = deid.verify(handle, passphrase=key, actor="ingrid", use_ner=False)
    ctx.echo(f"  verified: {check['originals_searched']} originals searched in {len(check['sources'])} sources, "
             f"{check['survivors']} survivors, {check['residual']} residual candidates for a human look")
