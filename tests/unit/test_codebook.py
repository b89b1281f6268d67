"""Codebook schema/validation, Norwegian matching (lemmas, compounds, dialect, OCR), units, queries."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from workbench.coding.codebook import diff_codebooks, dump_codebook, load_codebook, parse_codebook
from workbench.coding.lemmas import analyse
from workbench.coding.matcher import Matcher
from workbench.coding.query import parse_query
from workbench.coding.units import paragraphs, sentences, units_for
from workbench.errors import InputError

CODEBOOK = Path(__file__).resolve().parents[2] / "codebooks" / "kvalitet-og-modeller.yaml"
BRIEF_IDS = [f"Q{i}" for i in range(1, 8)] + [f"M{i}" for i in range(1, 7)] + ["T1", "T2", "T3"]


@pytest.fixture(scope="module")
def spec():  # type: ignore[no-untyped-def]
    return load_codebook(CODEBOOK)


@pytest.fixture(scope="module")
def matcher(spec):  # type: ignore[no-untyped-def]
    return Matcher(spec)


def test_codebook_has_every_brief_code_with_all_fields(spec) -> None:  # type: ignore[no-untyped-def]
    by_id = spec.by_id()
    assert set(BRIEF_IDS) <= set(by_id)
    for cid in BRIEF_IDS:
        code = by_id[cid]
        assert code.parent == {"Q": "Kvalitet", "M": "Modell", "T": "Spenning"}[cid[0]]
        assert code.definition and code.when_to_use and code.when_not_to_use and code.example
        assert len(code.indicators) >= 10
        assert code.colour.startswith("#")
    assert by_id["Q6"].name == "Tilgjengelige og rettferdig fordelt"
    assert by_id["M3"].name.startswith("Bestiller")


def _raw() -> dict:
    return yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["codes"].append(dict(d["codes"][1])), r"code Q1: duplicate id"),
        (lambda d: d["codes"][2].pop("when_to_use"), r"code Q2, field when_to_use: missing required field"),
        (lambda d: d["codes"][3].update(colour="rød"), r"code Q3, field colour"),
        (lambda d: d["codes"][4].update(parent="Nope"), r"code Q4, field parent: unknown code 'Nope'"),
        (lambda d: d["codes"][0].update(parent="Q1"), r"cycle in the hierarchy \(Kvalitet -> Q1 -> Kvalitet\)"),
        (lambda d: d["codes"][5].update(extra="x"), r"code Q5, field extra"),
    ],
)
def test_bad_codebooks_name_code_and_field(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = _raw()
    mutate(data)
    with pytest.raises(InputError, match=message):
        parse_codebook(data, path="kb.yaml")


def test_yaml_errors_give_line(tmp_path: Path) -> None:
    bad = tmp_path / "kb.yaml"
    bad.write_text("codebook:\n  id: x\ncodes: [\n  - id: Q1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"kb.yaml:\d+: not valid YAML"):
        load_codebook(bad)


def test_dump_roundtrip_and_diff(spec) -> None:  # type: ignore[no-untyped-def]
    again = parse_codebook(yaml.safe_load(dump_codebook(spec)))
    assert again == spec
    data = _raw()
    data["codes"] = [c for c in data["codes"] if c["id"] != "T3"]
    data["codes"][1]["name"] = "Virkningsfulle tjenester"
    data["codes"].append({**data["codes"][2], "id": "Q8", "parent": "Kvalitet"})
    diff = diff_codebooks(spec, parse_codebook(data))
    assert diff["added"] == ["Q8"] and diff["removed"] == ["T3"]
    assert diff["changed"] == {"Q1": {"name": {"old": "Virkningsfulle", "new": "Virkningsfulle tjenester"}}}


@pytest.mark.parametrize(
    ("word", "lemma", "head"),
    [
        ("vedtakene", "vedtak", None),
        ("tildelingskontoret", "tildelingskontor", "kontor"),
        ("forvaltningskontorets", "forvaltningskontor", "kontor"),
        ("inntaksteamet", "inntaksteam", "team"),
        ("brukarane", "bruker", None),  # dialect / nynorsk-like ending
        ("vedtaka", "vedtak", None),
        ("pårørande", "pårørende", None),
        ("Ventelista", "venteliste", None),
    ],
)
def test_lemmas_compounds_dialect(word: str, lemma: str, head: str | None) -> None:
    a = analyse(word)
    assert lemma in a.lemmas
    if head:
        assert head in a.heads


def test_ocr_repairs() -> None:
    assert analyse("pi").surface == "på"
    assert analyse("f&r").surface == "får"


def _codes(matcher: Matcher, text: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {c: s for c, (s, _) in matcher.score_unit(text).items()}


def test_matcher_inflection_compound_and_evidence(matcher) -> None:  # type: ignore[no-untyped-def]
    text = "Forvaltningskontorets vedtak er detaljerte, og utførerne i hjemmesykepleien gjør det som står der."
    scored = matcher.score_unit(text)
    score, evidence = scored["M3"]
    assert score >= 0.5
    ev = next(e for e in evidence if e.term == "forvaltningskontor")
    assert text[ev.start:ev.end] == "Forvaltningskontorets" and ev.how == "lemma"


def test_matcher_phrase_and_ocr_noise(matcher) -> None:  # type: ignore[no-untyped-def]
    clean = _codes(matcher, "Vi spør alltid hva som er viktig for deg når vi er på besøk.")
    assert clean.get("Q3", 0) >= 0.5
    noisy = _codes(matcher, "Tildelingskontoret fatter vedtak pi alle tjenestene, vi f&r bestillingen.")
    assert noisy.get("M3", 0) >= 0.5


def test_matcher_fuzzy_misspelling(matcher) -> None:  # type: ignore[no-untyped-def]
    hits = matcher.score_unit("Det handler om likebehandlnig av søkerne.")
    assert "Q6" in hits
    assert any(e.how == "fuzzy" for e in hits["Q6"][1])


def test_matcher_unrelated_text_gets_nothing(matcher) -> None:  # type: ignore[no-untyped-def]
    assert all(s < 0.5 for s in _codes(matcher, "Været var fint i helga, og vi gikk en tur i skogen.").values())


def test_matcher_exclude_vetoes(spec) -> None:  # type: ignore[no-untyped-def]
    data = spec.model_dump()
    for c in data["codes"]:
        if c["id"] == "M3":
            c["exclude"] = ["interkommunalt"]
    m = Matcher(parse_codebook(data))
    assert "M3" not in m.score_unit("Et interkommunalt forvaltningskontor fatter vedtakene.")


def test_suggest_offsets_are_unit_spans(matcher) -> None:  # type: ignore[no-untyped-def]
    text = "I: Hvordan er det organisert?\n\nIP: Vi har et eget forvaltningskontor som fatter vedtak.\n"
    units = paragraphs(text)
    sug = matcher.suggest(text, units)
    m3 = [s for s in sug if s.code == "M3"]
    assert m3 and text[m3[0].start:m3[0].end] == "IP: Vi har et eget forvaltningskontor som fatter vedtak."


def test_units() -> None:
    text = "Første avsnitt. Andre setning!\n\nTredje avsnitt? Ja. 3 ting.\r\n\r\nIP: Fjerde."
    assert [text[a:b] for a, b in paragraphs(text)] == ["Første avsnitt. Andre setning!", "Tredje avsnitt? Ja. 3 ting.",
                                                         "IP: Fjerde."]
    assert [text[a:b] for a, b in sentences(text)][:4] == ["Første avsnitt.", "Andre setning!", "Tredje avsnitt?", "Ja."]
    turns = [(0, 32), (32, 63)]
    assert units_for(text, "turn", turns) == [(0, 30), (32, 59)]
    with pytest.raises(ValueError):
        units_for(text, "word")


def test_query_parser() -> None:
    q = parse_query("Q2 AND (Q4 OR Q6) AND NOT M3", known=BRIEF_IDS)
    assert q.codes == {"Q2", "Q4", "Q6", "M3"}
    assert q.matches({"Q2", "Q4"}) and not q.matches({"Q2", "Q4", "M3"}) and not q.matches({"Q4", "Q6"})
    assert parse_query("Q1 | Q2 & !Q3").matches({"Q1", "Q3"})
    for bad in ("Q1 AND", "(Q1 OR Q2", "AND Q1", ""):
        with pytest.raises(InputError):
            parse_query(bad)
    with pytest.raises(InputError, match="unknown code"):
        parse_query("Q9", known=BRIEF_IDS)


def test_refi_qdc_export_validates_and_round_trips(spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import xmlschema

    from workbench.coding.refi import from_qdc, to_qdc

    xsd = Path(__file__).resolve().parents[3] / "shared" / "refi" / "Codebook.xsd"
    text = to_qdc(spec)
    if xsd.exists():
        xmlschema.XMLSchema(str(xsd)).validate(text)
    assert 'name="Q6: Tilgjengelige og rettferdig fordelt"' in text and 'isCodable="false"' in text
    back = from_qdc(text)
    assert [c.id for c in back.codes] == [c.id for c in spec.codes]
    assert back.by_id()["Q6"] == spec.by_id()["Q6"]
    assert back.by_id()["T2"].parent == "Spenning"
    path = tmp_path / "kb.qdc"
    path.write_text(text, encoding="utf-8")
    assert load_codebook(path).by_id()["M3"].indicators == spec.by_id()["M3"].indicators


def test_refi_qdc_from_another_tool() -> None:
    from workbench.coding.refi import from_qdc

    text = """<?xml version="1.0"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
  <Code guid="11111111-1111-1111-1111-111111111111" name="Ventetid" isCodable="true" color="#f00">
    <Description>Lange ventetider</Description>
    <Code guid="22222222-2222-2222-2222-222222222222" name="Korttidsplass" isCodable="true"/>
  </Code></Codes></CodeBook>"""
    got = from_qdc(text, path="nvivo.qdc")
    assert [(c.id, c.parent, c.colour) for c in got.codes] == [("Ventetid", None, "#ff0000"),
                                                               ("Korttidsplass", "Ventetid", "#888888")]
    assert got.codes[0].definition == "Lange ventetider"
    with pytest.raises(InputError, match="nvivo.qdc"):
        from_qdc("<CodeBook/>", path="nvivo.qdc")


def test_gold_heldout_macro_f1_meets_target(matcher) -> None:  # type: ignore[no-untyped-def]
    """The issue's target on passages never used for tuning (bench/coding.py prints the details)."""
    gold = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "coding" / "gold.yaml")
                          .read_text(encoding="utf-8"))["passages"]
    held = [p for p in gold if p["split"] == "heldout"]
    assert len(gold) >= 40 and len(held) >= 30
    f1s = []
    for code in matcher.codes:
        tp = fp = fn = 0
        for p in held:
            predicted = code in {c for c, (s, _) in matcher.score_unit(p["text"]).items() if s >= matcher.threshold}
            tp += predicted and code in p["codes"]
            fp += predicted and code not in p["codes"]
            fn += (not predicted) and code in p["codes"]
        if tp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    assert sum(f1s) / len(f1s) >= 0.70
