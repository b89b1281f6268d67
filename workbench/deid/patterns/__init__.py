"""Pattern detectors for Norwegian de-identification, split by what they find:

- ``numbers``: number words, young-age words, spoken years, months and ordinals, ``age_value`` and
  ``year_value`` (the vocabulary the other modules build their regexes from);
- ``contact``: ID numbers, phone numbers (also read out), e-mail, URLs, addresses, street names and
  transcriber initials;
- ``dates``: dates, years, months, holidays, personal times and the non-person-subject clause check;
- ``ages``: ages, bare ages, decades, person references, ``age_after_person`` and ``appositive_age``.

``find_patterns`` runs them all; the names other modules use are re-exported here, so
``from workbench.deid.patterns import …`` keeps working.
"""

from __future__ import annotations

from workbench.deid.patterns import fallbacks
from workbench.deid.patterns.ages import age_after_person, appositive_age, find_ages
from workbench.deid.patterns.contact import (
    find_addresses,
    find_emails,
    find_id_numbers,
    find_initials,
    find_phones,
    find_street_names,
    find_urls,
)
from workbench.deid.patterns.dates import find_dates, find_personal_times, find_years
from workbench.deid.patterns.numbers import (
    MONTHS,
    NUMBER_WORDS,
    SPOKEN_YEARS,
    YOUNG_WORDS,
    age_value,
    year_value,
)
from workbench.deid.spans import Span

__all__ = [
    "MONTHS", "NUMBER_WORDS", "SPOKEN_YEARS", "YOUNG_WORDS", "age_after_person", "age_value", "appositive_age",
    "find_addresses", "find_ages", "find_dates", "find_emails", "find_id_numbers", "find_initials",
    "find_patterns", "find_personal_times", "find_phones", "find_street_names", "find_urls", "find_years",
    "year_value",
]


def find_patterns(text: str) -> list[Span]:
    """All pattern detections (may overlap; the combiner resolves overlaps)."""
    out: list[Span] = []
    for finder in (find_id_numbers, find_phones, find_emails, find_urls, find_addresses, find_street_names,
                   find_dates, find_ages, find_initials):
        out.extend(finder(text))
    # the looser number rules, only where no precise rule found anything
    out.extend(fallbacks.age_ranges(text))
    out.extend(fallbacks.age_lists(text, [s for s in out if s.label == "AGE"]))
    taken = [(s.start, s.end) for s in out]
    out.extend(fallbacks.answer_ages(text, taken))
    out.extend(fallbacks.answer_dates(text, taken))
    out.extend(fallbacks.pair_ages(text, taken))
    out.extend(fallbacks.both_and_record_ages(text, taken))
    out.extend(fallbacks.loose_number_ages(text, taken))
    out.extend(fallbacks.loose_years(text, taken))
    out.extend(fallbacks.broad_number_ages(text, [(s.start, s.end) for s in out]))
    out.extend(fallbacks.loose_line_dates(text, [(s.start, s.end) for s in out]))
    return out
