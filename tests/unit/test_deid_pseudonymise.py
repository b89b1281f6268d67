"""Consistent pseudonyms, strategies, and offset remapping."""

from __future__ import annotations

import random

from workbench.deid.detect import detect
from workbench.deid.pseudonymise import OffsetMap, PseudonymBook, age_band, apply_spans, invented_place_names
from workbench.deid.spans import Span


def test_same_entity_same_pseudonym_across_texts() -> None:
    book = PseudonymBook()
    t1 = "Kari Nordmann jobber i Hjelmeland kommune."
    t2 = "Jeg snakket med Kari om Hjelmelands økonomi. Per Hansen var også der."
    out1, _ = apply_spans(t1, detect(t1, use_ner=False), book)
    out2, _ = apply_spans(t2, detect(t2, use_ner=False), book)
    assert out1.startswith("[Person 1] jobber i ")
    place = out1.split(" i ")[1].split()[0]
    assert place[0].isupper() and place != "Hjelmeland"
    assert "[Person 1] om " + place + "s økonomi" in out2  # first name alone and genitive keep the entity
    assert "[Person 2]" in out2
    # the book survives serialisation (it lives in the key file)
    again = PseudonymBook.from_dict(book.to_dict())
    out3, _ = apply_spans(t1, detect(t1, use_ner=False), again)
    assert out3 == out1


def test_strategies_generalise_and_redact() -> None:
    text = "Hun er 87 år, født 12.07.1941, og ble innlagt 3. mars 2019. Ring 912 34 567."
    out, reps = apply_spans(text, detect(text, use_ner=False), PseudonymBook())
    assert "[alder 80–89]" in out
    assert "[juli 1941]" in out and "[mars 2019]" in out
    assert "[telefonnummer]" in out
    assert "87" not in out and "912" not in out
    assert [r.label for r in reps] == ["AGE", "DATE", "DATE", "PHONE"]


def test_redact_strategy_for_persons() -> None:
    book = PseudonymBook()
    book.strategies["PERSON"] = "redact"
    text = "Kari Nordmann ringte."
    out, _ = apply_spans(text, detect(text, use_ner=False), book)
    assert out == "[navn] ringte."


def test_fixed_pseudonym_from_known_identifier() -> None:
    from workbench.deid.known import KnownIdentifier

    known = [KnownIdentifier("Hjelmeland", "municipality", "known:1", pseudonym="Granvik")]
    text = "Vi er i Hjelmeland, og hjelmelands ordfører sier det."
    out, _ = apply_spans(text, detect(text, known=known, use_ner=False), PseudonymBook())
    assert out == "Vi er i Granvik, og Granviks ordfører sier det."


def test_speaker_pseudonyms() -> None:
    book = PseudonymBook()
    assert book.speaker_pseudonym("Ola Hansen", role="interviewer") == "Intervjuer"
    assert book.speaker_pseudonym("Kari Nordmann") == "[Informant 1]"
    assert book.speaker_pseudonym("Kari Nordmann") == "[Informant 1]"
    assert book.speaker_pseudonym("Per Olsen") == "[Informant 2]"
    assert book.speaker_pseudonym("IP") == "IP"
    # a later mention of the informant in the text gets the informant's pseudonym
    text = "Kari sa at det var greit."
    out, _ = apply_spans(text, detect(text, use_ner=False), book)
    assert out.startswith("[Informant 1] sa")


def test_age_bands() -> None:
    assert age_band(7) == "alder under 18"
    assert age_band(87) == "alder 80–89"
    assert age_band(92) == "alder 90+"


def test_invented_place_names_are_not_real() -> None:
    from workbench.deid.gazetteers import load

    names = invented_place_names()
    g = load()
    assert len(names) > 200 and len(set(names)) == len(names)
    assert not any(n.lower() in g.municipalities for n in names)


def test_offset_map_random_edits() -> None:
    rng = random.Random(3)
    text = "".join(rng.choice("abcdefgh ") for _ in range(400))
    for _ in range(30):
        starts = sorted(rng.sample(range(0, 390, 7), 8))
        spans = [Span(s, s + rng.randint(1, 6), "PERSON", text[s:s + 3], "manual") for s in starts]
        spans = [s for i, s in enumerate(spans) if i == 0 or s.start >= spans[i - 1].end]
        book = PseudonymBook()
        book.strategies["PERSON"] = "redact"
        new, reps = apply_spans(text, spans, book)
        omap = OffsetMap(reps)
        # text outside replacements maps to identical text
        pos = 0
        for r in reps:
            if pos < r.start:
                a, b = omap.start(pos), omap.end(r.start)
                assert new[a:b] == text[pos:r.start]
            assert new[omap.start(r.start):omap.end(r.end)] == "[navn]"
            pos = r.end
        assert omap.end(len(text)) == len(new)
        # a range covering a replacement covers the whole replacement
        r0 = reps[0]
        assert new[omap.start(max(0, r0.start - 2)):omap.end(r0.end + 2)].count("[navn]") >= 1
