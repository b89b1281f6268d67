"""PRISMA-ScR flow counts: the numbers, their arithmetic checks, CSV rows and the diagram layout.

Pure: no database, no drawing library. ``workbench.services.prisma`` fills ``PrismaCounts`` from a
project, each box counted by its own query, so the checks below compare independent counts and
catch real inconsistencies (a full-text decision on a record excluded at title/abstract, an import
batch whose recorded size disagrees with its records, an exclusion without a reason, ...).

Flow (PRISMA 2020 / PRISMA-ScR wording)::

    identified (per source) ─► duplicates removed
    records screened        ─► records excluded
    reports sought          ─► reports not retrieved
    reports assessed        ─► reports excluded, with reasons
    sources included
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# counts and checks


@dataclass
class PrismaCounts:
    """Counts for the flow diagram. ``awaiting_*`` are records not (yet) decided at a stage."""

    identified_by_source: dict[str, int] = field(default_factory=dict)
    records_in_project: int = 0
    duplicates_removed: int = 0
    records_screened: int = 0
    awaiting_screening: int = 0
    excluded_screening: int = 0
    reports_sought: int = 0
    reports_not_retrieved: int = 0
    reports_assessed: int = 0
    awaiting_full_text: int = 0
    excluded_full_text: dict[str, int] = field(default_factory=dict)
    included: int = 0

    @property
    def identified_total(self) -> int:
        return sum(self.identified_by_source.values())

    @property
    def excluded_full_text_total(self) -> int:
        return sum(self.excluded_full_text.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "identified_by_source": dict(self.identified_by_source),
            "identified_total": self.identified_total,
            "records_in_project": self.records_in_project,
            "duplicates_removed": self.duplicates_removed,
            "records_screened": self.records_screened,
            "awaiting_screening": self.awaiting_screening,
            "excluded_screening": self.excluded_screening,
            "reports_sought": self.reports_sought,
            "reports_not_retrieved": self.reports_not_retrieved,
            "reports_assessed": self.reports_assessed,
            "awaiting_full_text": self.awaiting_full_text,
            "excluded_full_text": dict(self.excluded_full_text),
            "excluded_full_text_total": self.excluded_full_text_total,
            "included": self.included,
        }


@dataclass(frozen=True)
class Issue:
    """A problem with the counts. ``severity`` is "error" (does not add up) or "warning"."""

    code: str
    message: str
    severity: str = "error"


RELATIONS = {
    "en": {
        "identified_vs_records": "records identified per source ≠ records in the project",
        "after_duplicates": "identified − duplicates removed ≠ records screened + awaiting screening",
        "screening": "records screened ≠ records excluded + reports sought for retrieval",
        "retrieval": "reports sought ≠ not retrieved + assessed + awaiting full-text assessment",
        "eligibility": "reports assessed ≠ reports excluded + sources included",
        "difference": "difference",
        "negative": "negative count",
        "awaiting_screening": "{n} records still await a title/abstract decision (open screening or "
                              "unresolved conflicts); the diagram is provisional",
        "awaiting_full_text": "{n} reports still await a full-text decision; the diagram is provisional",
    },
    "nb": {
        "identified_vs_records": "referanser identifisert per kilde ≠ referanser i prosjektet",
        "after_duplicates": "identifisert − duplikater ≠ screenet + venter på screening",
        "screening": "screenet ≠ ekskludert + fulltekster forsøkt innhentet",
        "retrieval": "fulltekster forsøkt innhentet ≠ ikke innhentet + vurdert + venter på fulltekstvurdering",
        "eligibility": "fulltekster vurdert ≠ ekskludert + inkludert",
        "difference": "differanse",
        "negative": "negativt tall",
        "awaiting_screening": "{n} referanser venter fortsatt på beslutning på tittel/sammendrag (åpen "
                              "screening eller uløste konflikter); diagrammet er foreløpig",
        "awaiting_full_text": "{n} fulltekster venter fortsatt på beslutning; diagrammet er foreløpig",
    },
}


def check(counts: PrismaCounts, *, lang: str = "en") -> list[Issue]:
    """Every arithmetic relation of the flow diagram that does not hold, plus open work."""
    t = RELATIONS.get(lang, RELATIONS["en"])
    c = counts
    issues: list[Issue] = []

    def rel(code: str, left: int, right: int) -> None:
        if left != right:
            issues.append(Issue(code, f"{t[code]}: {left} ≠ {right} ({t['difference']} {left - right:+d})"))

    rel("identified_vs_records", c.identified_total, c.records_in_project)
    rel("after_duplicates", c.identified_total - c.duplicates_removed, c.records_screened + c.awaiting_screening)
    rel("screening", c.records_screened, c.excluded_screening + c.reports_sought)
    rel("retrieval", c.reports_sought, c.reports_not_retrieved + c.reports_assessed + c.awaiting_full_text)
    rel("eligibility", c.reports_assessed, c.excluded_full_text_total + c.included)
    negative = [name for name, value in c.as_dict().items() if isinstance(value, int) and value < 0]
    negative += [f"excluded_full_text[{k}]" for k, v in c.excluded_full_text.items() if v < 0]
    for name in negative:
        issues.append(Issue("negative", f"{t['negative']}: {name}"))
    if c.awaiting_screening:
        issues.append(Issue("awaiting_screening", t["awaiting_screening"].format(n=c.awaiting_screening), "warning"))
    if c.awaiting_full_text:
        issues.append(Issue("awaiting_full_text", t["awaiting_full_text"].format(n=c.awaiting_full_text), "warning"))
    return issues


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


# ---------------------------------------------------------------------------------------------
# CSV rows

CSV_HEADER = ("key", "label", "count")


def csv_rows(counts: PrismaCounts) -> list[tuple[str, str, int]]:
    """One row per number in the diagram (``key`` is stable, ``label`` is English)."""
    c = counts
    rows: list[tuple[str, str, int]] = []
    for source, n in c.identified_by_source.items():
        rows.append((f"identified:{source}", f"Records identified: {source}", n))
    rows += [
        ("identified_total", "Records identified (total)", c.identified_total),
        ("duplicates_removed", "Duplicate records removed", c.duplicates_removed),
        ("records_screened", "Records screened (title/abstract)", c.records_screened),
        ("awaiting_screening", "Records awaiting title/abstract decision", c.awaiting_screening),
        ("excluded_screening", "Records excluded (title/abstract)", c.excluded_screening),
        ("reports_sought", "Reports sought for retrieval", c.reports_sought),
        ("reports_not_retrieved", "Reports not retrieved", c.reports_not_retrieved),
        ("reports_assessed", "Reports assessed for eligibility", c.reports_assessed),
        ("awaiting_full_text", "Reports awaiting full-text decision", c.awaiting_full_text),
    ]
    for reason, n in c.excluded_full_text.items():
        rows.append((f"excluded_full_text:{reason}", f"Reports excluded: {reason}", n))
    rows += [
        ("excluded_full_text_total", "Reports excluded (total)", c.excluded_full_text_total),
        ("included", "Sources included in review", c.included),
    ]
    return rows


# ---------------------------------------------------------------------------------------------
# diagram layout (drawn by workbench.io.exporters.prisma)

LABELS = {
    "en": {
        "identification": "Identification", "screening": "Screening", "included_phase": "Included",
        "identified": "Records identified from:", "total": "Total", "duplicates": "Records removed before screening:",
        "duplicates_line": "Duplicate records removed", "screened": "Records screened",
        "awaiting": "awaiting decision", "excluded": "Records excluded", "sought": "Reports sought for retrieval",
        "not_retrieved": "Reports not retrieved", "assessed": "Reports assessed for eligibility",
        "excluded_ft": "Reports excluded:", "included": "Sources included in review",
        "title": "PRISMA-ScR flow diagram",
    },
    "nb": {
        "identification": "Identifisering", "screening": "Screening", "included_phase": "Inkludert",
        "identified": "Referanser identifisert fra:", "total": "Totalt",
        "duplicates": "Fjernet før screening:", "duplicates_line": "Duplikater fjernet",
        "screened": "Referanser screenet", "awaiting": "venter på beslutning",
        "excluded": "Referanser ekskludert", "sought": "Fulltekster forsøkt innhentet",
        "not_retrieved": "Fulltekster ikke innhentet", "assessed": "Fulltekster vurdert for inklusjon",
        "excluded_ft": "Fulltekster ekskludert:", "included": "Kilder inkludert i oversikten",
        "title": "PRISMA-ScR flytdiagram",
    },
}


@dataclass
class Box:
    key: str
    column: int  # 0 = main flow, 1 = exclusions on the right
    row: int
    lines: list[str]


@dataclass
class Layout:
    boxes: list[Box]
    arrows: list[tuple[str, str]]  # (from box key, to box key)
    phases: list[tuple[str, int, int]]  # (label, first row, last row)
    title: str


def _n(value: int) -> str:
    return f"(n = {value})"


def layout(counts: PrismaCounts, *, lang: str = "en") -> Layout:
    """The boxes and their text, in PRISMA 2020 arrangement, for the given counts."""
    t = LABELS.get(lang, LABELS["en"])
    c = counts
    ident = [t["identified"]] + [f"  {src} {_n(n)}" for src, n in c.identified_by_source.items()]
    ident.append(f"{t['total']} {_n(c.identified_total)}")
    screened = [f"{t['screened']}", _n(c.records_screened)]
    if c.awaiting_screening:
        screened.append(f"[{c.awaiting_screening} {t['awaiting']}]")
    assessed = [t["assessed"], _n(c.reports_assessed)]
    if c.awaiting_full_text:
        assessed.append(f"[{c.awaiting_full_text} {t['awaiting']}]")
    excluded_ft = [f"{t['excluded_ft']} {_n(c.excluded_full_text_total)}"]
    excluded_ft += [f"  {reason} {_n(n)}" for reason, n in c.excluded_full_text.items()]
    boxes = [
        Box("identified", 0, 0, ident),
        Box("duplicates", 1, 0, [t["duplicates"], f"  {t['duplicates_line']} {_n(c.duplicates_removed)}"]),
        Box("screened", 0, 1, screened),
        Box("excluded", 1, 1, [t["excluded"], _n(c.excluded_screening)]),
        Box("sought", 0, 2, [t["sought"], _n(c.reports_sought)]),
        Box("not_retrieved", 1, 2, [t["not_retrieved"], _n(c.reports_not_retrieved)]),
        Box("assessed", 0, 3, assessed),
        Box("excluded_ft", 1, 3, excluded_ft),
        Box("included", 0, 4, [t["included"], _n(c.included)]),
    ]
    arrows = [("identified", "duplicates"), ("identified", "screened"), ("screened", "excluded"),
              ("screened", "sought"), ("sought", "not_retrieved"), ("sought", "assessed"),
              ("assessed", "excluded_ft"), ("assessed", "included")]
    phases = [(t["identification"], 0, 0), (t["screening"], 1, 3), (t["included_phase"], 4, 4)]
    return Layout(boxes=boxes, arrows=arrows, phases=phases, title=t["title"])
