"""The learned last-resort tagger: tokenisation, features, scoring, training and the shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.deid import tagger
from workbench.deid.detect import Detector
from workbench.deid.evaluation import parse_marked
from workbench.deid.train_tagger import token_labels, train


def test_tokenize_offsets_lines_and_sentence_starts() -> None:
    text = "I: Kor gammal var ho?\nIP: Ho va åttitu. Ho budde på øvre brandvold."
    tokens, lines = tagger.tokenize(text)
    assert [t.text for t in tokens][:4] == ["Kor", "gammal", "var", "ho"]  # the speaker label is no token
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [ln.speaker for ln in lines] == ["q", "a"]
    assert lines[0].question and not lines[1].question
    starts = {t.text: t.initial for t in tokens if t.line == 1}
    assert starts["åttitu"] is False and starts["budde"] is False
    assert [t.initial for t in tokens if t.text == "Ho"] == [True, True]


def test_rare_words_are_described_not_named() -> None:
    tokens, lines = tagger.tokenize("ho budde oppe på kvernstad i mange år")
    vocab = frozenset({"ho", "budde", "oppe", "på", "i", "mange", "år"})
    i = [t.text for t in tokens].index("kvernstad")
    feats = tagger.features(tokens, lines, i, vocab)
    assert "w=<rare>" in feats and "w=kvernstad" not in feats
    assert "p1=på" in feats and "n1=i" in feats and "lower=True" in feats
    assert "f=unknown" in feats  # no dictionary knows the farm name
    j = [t.text for t in tokens].index("budde")
    assert "w=budde" in tagger.features(tokens, lines, j, vocab)


def test_find_tagged_skips_detections_and_merges_neighbours() -> None:
    model = tagger.TaggerModel(vocab=frozenset(), bias=-5.0, weights={"f=unknown": 10.0, "f=common": -20.0}, labels=["PERSON", "PLACE"],
                               label_bias=[0.0, 1.0], label_weights={}, threshold=0.5)
    text = "vi kjørte til kvernstad nedre og snakket med gjertrud bakkmo"
    taken = [(text.index("gjertrud"), text.index("gjertrud") + len("gjertrud"))]
    spans = tagger.find_tagged(text, taken, model)
    surfaces = [s.text for s in spans]
    assert "kvernstad" in surfaces and "bakkmo" in surfaces
    assert "gjertrud" not in " ".join(surfaces)  # another detector took it
    assert all(s.detector == "tagger" and s.confidence <= tagger.MAX_CONFIDENCE for s in spans)
    assert all(s.label == "PLACE" for s in spans)  # the label model's bias decides here
    merged = tagger.find_tagged("de bor på kvernstad bakkmo nå", [], model)
    assert [s.text for s in merged] == ["kvernstad bakkmo"]


GOLD = """# tiny training set
IP: Mor mi, [[Gjertrud|PERSON]], var [[åttitu|AGE]] då ho flytta til [[Kvernstad|PLACE]].
---
I: Kor lenge har du jobba der?
IP: Sidan [[2014|DATE]], på [[Lindetun|ORGANIZATION]], før det på sjukehuset i tjue år.
---
IP: ho budde oppe på [[hvalsbakken|PLACE]] med [[olav|PERSON]] heilt til han døydde
---
IP: Vi har tretti plassar og ventelista er lang, det seier KOSTRA òg.
"""


def test_token_labels_follow_the_gold_markup() -> None:
    examples = parse_marked(GOLD)
    tokens, _ = tagger.tokenize(examples[0].text)
    labels = dict(zip([t.text for t in tokens], token_labels(examples[0], tokens), strict=True))
    assert labels["Gjertrud"] == "PERSON" and labels["åttitu"] == "AGE" and labels["Kvernstad"] == "PLACE"
    assert labels["Mor"] == "O" and labels["flytta"] == "O"


def test_training_round_trip(tmp_path: Path) -> None:
    docs = {f"d{i}": parse_marked(GOLD) for i in range(3)}
    model = train(docs, min_files=2, threshold=0.5)
    assert "kostra" in model.vocab and set(model.labels) >= {"PERSON", "PLACE", "AGE"}
    tokens, lines = tagger.tokenize("IP: ho budde oppe på hvalsbakken")
    i = len(tokens) - 1
    p_place = model.probability(tagger.features(tokens, lines, i, model.vocab))
    p_verb = model.probability(tagger.features(tokens, lines, 1, model.vocab))
    assert p_place > p_verb
    path = tmp_path / "m.json.gz"
    tagger.save(model, path)
    tagger.use_model(None)
    import gzip
    import json

    again = tagger.TaggerModel.from_json(json.loads(gzip.open(path, "rt", encoding="utf-8").read()))
    assert again.weights == model.weights and again.vocab == model.vocab and again.labels == model.labels


@pytest.mark.skipif(tagger.load() is None, reason="tagger model not built")
def test_shipped_model_finds_what_the_rules_miss() -> None:
    det_without = Detector(use_ner=False, use_tagger=False)
    det_with = Detector(use_ner=False)
    cases = [  # sentences written for this test (in no gold set): dialect number words, a named day
        ("IP: Ho Gunda e no nittiått, og ho bur framleis heime åleine.", "nittiått", "AGE"),
        ("IP: Han fyllte sekså-åtti i fjor vinter, og no e han på korttid.", "sekså-åtti", "AGE"),
        ("IP: Ho kom inn andre juledagen og låg der til nyttår.", "andre juledagen", "DATE"),
    ]
    for text, surface, label in cases:
        assert surface not in {s.text for s in det_without.detect(text)}
        tagged = [s for s in det_with.detect(text) if s.detector == "tagger"]
        assert [(s.text, s.label) for s in tagged] == [(surface, label)], text
        assert all(0.0 < s.confidence <= tagger.MAX_CONFIDENCE for s in tagged)
    plain = "IP: Vi har tretti plassar på sjukeheimen, og ventelista er lang no i vinter."
    assert not [s for s in det_with.detect(plain) if s.detector == "tagger"]


def test_counts_clock_times_and_generic_words_are_never_proposed() -> None:
    from workbench.deid.spans import Span

    def span(text: str, word: str) -> Span:
        start = text.index(word)
        return Span(start, start + len(word), "AGE", word, "tagger", 0.4)

    counts = ["I fjor hadde vi trettien klager.", "det var rundt 2400 søknader", "dei gjekk der fire gonger",
              "morgenstell, 30 minutter"]
    words = ["trettien", "2400", "fire", "30"]
    assert all(tagger._count(t, span(t, w)) for t, w in zip(counts, words, strict=True))
    ages_and_days = [("ho var åttisju, mor mi", "åttisju"), ("han døydde femte januar", "femte"),
                     ("ho vart nitti år gammal", "nitti")]
    assert not any(tagger._count(t, span(t, w)) for t, w in ages_and_days)
    tokens, _ = tagger.tokenize("Intervju 7. mars 2024, 13:02  14m 6s og ho var 89")
    skipped = {t.text for t in tokens if tagger._not_scored("Intervju 7. mars 2024, 13:02  14m 6s og ho var 89", t)}
    assert skipped == {"13", "02", "14m", "6s"}
    assert tagger._generic("universitetssjukehus") and tagger._generic("og omsorgssenter") and tagger._generic("år")
    assert not tagger._generic("august") and not tagger._generic("hundre år") and not tagger._generic("slinde")
