"""Session 4 detectors: unknown words at a sentence start or after a pronoun, local newspapers, dialect number
words, spoken two-digit years, answers to "when" questions and couples' ages (written against the misses of
held-out sets 11–41; sets 42–49 were the locked test, see docs/benchmarks.md)."""

from __future__ import annotations

from workbench.deid import gazetteers, lexicon
from workbench.deid.detect import detect
from workbench.deid.patterns import NUMBER_WORDS, find_patterns
from workbench.deid.unknown_words import find_unknown_after_pronoun, find_unknown_initial


def _found(text: str, label: str) -> set[str]:
    return {s.text for s in find_patterns(text) if s.label == label}


def test_unknown_capitalised_word_opening_a_sentence_is_flagged_but_words_and_labels_are_not() -> None:
    text = ("I: Korleis var det å flytte frå garden?\n"
            "IP: Det var tungt. Kittil ville ikkje. Hjelmås var saksbehandlar.\n"
            "Kari Berg: Kva sa Raude Krossen? D-nummeret kom i posten. Venteliste-rapporten var klar.")
    found = {s.text: s for s in find_unknown_initial(text)}
    assert {"Kittil", "Hjelmås"} <= found.keys()
    assert found["Kittil"].label == "PERSON" and found["Kittil"].confidence <= 0.3
    # dictionary words, a stop-listed name, hyphenated words and the speaker label are left alone
    assert not found.keys() & {"Det", "Kva", "Raude", "D-nummeret", "Venteliste-rapporten", "Kari", "Berg", "Korleis"}


def test_unknown_lower_case_word_after_a_pronoun_or_kinship_word_is_a_name() -> None:
    text = "IP: det er han kolbein på Hansnes som er nitti, og mor hallgerd kjende han godt."
    assert {s.text for s in find_unknown_after_pronoun(text)} == {"kolbein", "hallgerd"}
    # a given name's last element ends no compound: "kol|bein" is a name, "vakt|telefonen" a word
    assert lexicon.unknown_word("kolbein") and lexicon.unknown_word("ingfrid")
    assert not lexicon.unknown_word("vakttelefonen")


def test_local_newspapers_are_organisations_but_look_alike_words_are_not() -> None:
    spans = gazetteers.find_newspapers("IP: Det sto i Tidens Krav, og så skreiv Firdaposten om det.\n"
                                       "ip: eg skreiv til tidens krav om ventelista\n"
                                       "IP: Adressa hans var Storgata 4.")
    assert {(s.text, s.label) for s in spans} == {("Tidens Krav", "ORGANIZATION"), ("Firdaposten", "ORGANIZATION"),
                                                  ("tidens krav", "ORGANIZATION")}
    # lower case only in speech-to-text lines; a title that is also a word never in lower case
    assert not gazetteers.find_newspapers("IP: Det er tidens krav, sa Kari.")
    assert not gazetteers.find_newspapers("ip: det var ein ekte hallingdølen")


def test_lower_case_hospital_acronyms_in_speech_to_text() -> None:
    spans = gazetteers.find_workplaces("ip ja vi ringte legevakta og de sa at hun måtte inn på sus")
    assert [(s.text, s.label) for s in spans] == [("sus", "ORGANIZATION")]
    assert not gazetteers.find_workplaces("IP: Det er sus i vinden inn på sus.")  # cased line: a word


def test_dialect_and_older_number_words_have_values() -> None:
    assert NUMBER_WORDS["fyrrifæm"] == 45
    assert NUMBER_WORDS["førtifyrre"] == 44
    assert NUMBER_WORDS["åtteåtti"] == 88
    assert NUMBER_WORDS["fem-og-åtti"] == 85
    assert NUMBER_WORDS["hondre og tre"] == 103
    assert _found("IP: ho va fyrrifæm då ho fækk diagnosen.", "AGE") == {"fyrrifæm"}
    assert _found("IP: Han e åtteåtti å bur oppe i lia.", "AGE") == {"åtteåtti"}


def test_ages_after_på_and_pronoun_variants() -> None:
    assert _found("IP: Eg kjørte to gonger om dagen for å hjelpa ei dama på nittiåtte.", "AGE") == {"nittiåtte"}
    assert _found("IP: Det er ikkje lett for ei kone på nitti å reisa.", "AGE") == {"nitti"}
    assert _found("IP: Hon Solveig, hon e åttiseks og bor åleine.", "AGE") == {"åttiseks"}
    assert _found("IP: Hun sa hun var yngre, men hun var egentlig åttisju.", "AGE") == {"åttisju"}
    assert _found("IP: ho var berre fire år då far hennar døydde.", "AGE") == {"fire år"}
    # counts after "på" are no ages
    assert not _found("IP: Vi har ei liste på nitti søknader.", "AGE")


def test_couples_ages_without_a_verb() -> None:
    assert _found("IP: Vi hadde et par fra Bø, han fem og åtti og hun 82. Han fikk plass.", "AGE") \
        == {"fem og åtti", "82"}
    assert not _found("IP: Han 10 minutter og hun 20 minutter.", "AGE")


def test_spoken_years_after_i_and_født() -> None:
    assert _found("IP: Han har budd på Sand sia han gift sæ i sekstisju.", "DATE") == {"sekstisju"}
    assert _found("IP: Je begynte da ungene flytta ut. Det va i nittisju, og da va det aldersheim.", "DATE") \
        == {"nittisju"}
    assert _found("IP: Ho e fødd førtifyrre, mor mi.", "DATE") == {"førtifyrre"}
    assert _found("Informant: Bestemor va fødd på Voss i nittenhondreogtjueni.", "DATE") == {"nittenhondreogtjueni"}
    # no person and no event: a count, not a year
    assert not _found("IP: Budsjettet vart kutta i nittifem.", "DATE")


def test_holidays_and_det_var_year_in_a_personal_utterance() -> None:
    assert "pinsa" in _found("IP: Æ besøkte ho tante i pinsa.", "DATE")
    assert "1999" in _found("IP: Bestemor var enke da bestefar døde. Det var 1999, i den gamle bygården.", "DATE")
    # a year that dates a reform, not a person's life
    assert not _found("IP: Samhandlingsreformen kom i 2012.", "DATE")


def test_answers_to_when_questions_are_dates() -> None:
    text = "I: Hvilken dato kom han hjem?\nIP: 11/3. Det står i utskrivningsrapporten."
    assert any(s.text.startswith("11/3") for s in find_patterns(text) if s.label == "DATE")
    text = "I: Hvor lenge hadde hun hatt hjemmetjenester?\nIP: Siden 2016. Først bare praktisk bistand."
    assert "2016" in _found(text, "DATE")
    # not after a question that asks no "when"
    assert not _found("I: Hvor mange plasser har dere?\nIP: 2016 plasser, nei, 26.", "DATE")


def test_combined_detector_releases_none_of_a_hard_excerpt() -> None:
    text = ("IP: Det var tungt. Kittil ville ikkje. Ho va fyrrifæm då ho fækk diagnosen, "
            "og Tidens Krav skreiv om det i pinsa.")
    spans = detect(text, use_ner=False)
    covered = {text[s.start:s.end] for s in spans}
    assert {"Kittil", "fyrrifæm", "Tidens Krav", "pinsa"} <= covered


def test_ages_of_someone_unnamed_and_after_participles() -> None:
    """Written after the single run of held-outs 42–49 (then tuned on; 50–57 were the next locked sets)."""
    assert _found("IP: vi har en som er førtitre med ms og en som er femtiseks etter hjerneslag", "AGE") \
        == {"førtitre", "femtiseks"}
    assert _found("IP: Når ein e nittito og ser dårlig, så kan ein ikkje fylle ut eit skjema.", "AGE") == {"nittito"}
    assert _found("IP: hun fikk ikke plass før hun var da blitt nittiseks og nesten blind", "AGE") == {"nittiseks"}
    assert _found("IP: Hun ble født i mars, nei, vent, da ville hun vært 92.", "AGE") == {"92"}
    assert _found("IP: Han er uansett åttifire, så det er ikkje vanskeleg.", "AGE") == {"åttifire"}
    assert _found("IP: Han på Sand, han e no fæmåsytti, han ha vørre fiskar.", "AGE") == {"fæmåsytti"}
    # counts in a relative clause are no ages
    assert not _found("IP: Vi har ein som er tjue timar i veka.", "AGE")


def test_named_days_and_dialect_dates() -> None:
    assert _found("IP: Mannen min fikk slag julaften i fjor.", "DATE") >= {"julaften"}
    assert _found("IP: Vi fant henne på gulvet lille julaften, og hun hadde ligget der.", "DATE") \
        == {"lille julaften"}
    assert _found("IP: Vedtaket kom sjuanne november, og ho var glad.", "DATE") == {"sjuanne november"}
    assert "sommern toogtjue" in _found("IP: Han va åttifire da han fikk slaget, sommern toogtjue.", "DATE")
    assert "januar" in _found("IP: Mamma hadde falt to ganger i løpet av januar.", "DATE")
    text = "Intervjuar: Kva var det han var fødd?\nInformant: 1936. Så han var nitti då han døydde."
    assert "1936" in _found(text, "DATE")
    # a named day in a sentence about no person is left alone
    assert not _found("IP: Kontoret er stengt julaften.", "DATE")


def test_lower_case_village_after_a_place_preposition_in_cased_text() -> None:
    spans = find_unknown_after_pronoun("IP: Dei fleste kjem frå kolnes, og nokre frå øyane.")
    assert [(s.text, s.label) for s in spans] == [("kolnes", "PLACE")]


def test_widest_number_word_net_takes_ages_but_not_counts() -> None:
    """``fallbacks.broad_number_ages``: written after the single run of held-outs 50–57."""
    assert _found("IP: du kan ikke bare godta at mora di på nitti skal bo aleine", "AGE") == {"nitti"}
    assert _found("IP: hu va sånn nitti-en eller nitti-to tror eg, og hu budde aleina", "AGE") \
        == {"nitti-en", "nitti-to"}
    assert _found("IP: han fa'r hass va' åttiseks å' kji ville ha noko hjelp", "AGE") == {"åttiseks"}
    for count in ("IP: Eg var aleine med trettifire bebuarar og ein ufaglært.",
                  "IP: Det var 16. januar, og det var minus tjue.",
                  "I: Kor mange søknader fekk de?\nIP: Førtiåtte, trur eg.",
                  "IP: Dei fleste er over åtti, seier ho.",
                  "IP: Det er ein øy med kanskje to hundre innbyggjarar, og ho vil bu der."):
        assert not _found(count, "AGE"), count


def test_summary_notes_birthdays_and_spoken_years() -> None:
    assert _found("Sammendrag av intervju 7: Pårørende (datter, 56 år) til kvinne (90) bosatt i Fredrikstad.",
                  "AGE") == {"56 år", "90"}
    assert "åttini" in _found("IP: Hun feiret åttini-årsdagen der inne, med kake.", "AGE")
    assert _found("IP: Dei to eldste bebuarane våre er hundre og to og hundre og ein.", "AGE") \
        >= {"hundre og to"}
    assert "nittentreogåtti" in _found("IP: Det va i nittentreogåtti at ho kom hit.", "DATE")
    assert _found("IP: Det va nyttårsaftan 2021, og det va kaldt.", "DATE") == {"nyttårsaftan 2021"}
    assert "jonsok" in _found("Informant: Æ huske da mor fekk plass. Det va jonsok, og hu va glad.", "DATE")


def test_forms_from_held_outs_58_to_65() -> None:
    """Written after the single run of held-outs 58–65 (then tuned on)."""
    from workbench.deid.patterns.numbers import SPOKEN_YEARS

    # every spaced spoken year, not only the last one built (a regression of this session)
    assert SPOKEN_YEARS["nitten åttifem"] == 1985 and SPOKEN_YEARS["nitten hundre og førtisju"] == 1947
    assert "nitten hundre og førtisju" in _found("IP: eg e fødd i nitten hundre og førtisju på Voss.", "DATE")
    assert _found("IP: Æ e åttitu. Og mor mi e nittiførre no.", "AGE") >= {"åttitu"}
    assert "nittiførre" in _found("IP: No sit ho på Tunet, og ho er nittiførre.", "AGE")
    assert _found("IP: Ho va åttisjette året då, å heilt åleine.", "AGE") == {"åttisjette året"}
    assert _found("IP: Det var en mann på Sand i åttiåra. Han ville ikke ha hjelp.", "AGE") == {"i åttiåra"}
    assert "juleaften" in _found("IP: Han blei innlagt på sykehuset juleaften, og kom hjem etterpå.", "DATE")
    assert "første advent" in _found("IP: Ho flytta inn første advent, å ho trivst godt.", "DATE")
    assert "syttifem" in _found("I: Ka tid begynte du som hjelpepleier?\nIP: Det var i syttifem. Da var je ung.",
                                "DATE")
    assert "Sytten år" in _found("I: Hvor gammel var du da du begynte i pleien?\nIP: Sytten år. Jeg tok sommerjobb.",
                                 "AGE")
    phones = [s.text for s in find_patterns("IP: Dei kan ringje vakttelefonen. Altså 923 745 08.") if s.label == "PHONE"]
    assert phones == ["923 745 08"]
    orgs = {s.text for s in gazetteers.find_workplaces("IP: Stort sett greit. SSHF sender meldinger i Dips.")}
    assert orgs == {"SSHF"}


def test_forms_from_held_outs_66_to_73() -> None:
    """Written after the single run of held-outs 66–73 (then tuned on)."""
    assert _found("IP: Min mann var sekstisju då han fekk slaget.", "AGE") == {"sekstisju"}
    assert _found("IP: Kjerringa mi er sjuttini, og je er eldre.", "AGE") == {"sjuttini"}
    assert _found("IP: e va syttifem når e fekk nytt kne.", "AGE") == {"syttifem"}
    assert _found("Informant: Ein bestefar der på åttini fekk ikkje heimesjukepleie.", "AGE") == {"åttini"}
    assert _found("Intervjuer: Så du er...\nInformant: Snart åttiåtte.", "AGE") == {"åttiåtte"}
    # an age question about a group gets no age from its answer
    assert not _found("I: Kor gamle er brukarane dykkar i snitt?\nIP: Rundt åttiseks, trur eg.", "AGE")
    assert _found("IP: Nei vent, det er mamma. Pappa er fra trettitre.", "DATE") == {"trettitre"}
    assert "novembær tjueen" in _found("IP: Det va i novembær tjueen at far byrja å gå ut om natta.", "DATE")
    assert "Annen juledag" in _found("I: Når flyttet han inn?\nIP: Annen juledag i fjor.", "DATE")
    assert "den 14. i 11" in _found("IP: Eg fekk vedtak om sjukeheimsplass den 14. i 11, og eg flytta inn.", "DATE")
    assert "24.12" in _found("IP: Han var innlagt på sykehuset fra 24.12 til nyttår.", "DATE")
    assert not _found("IP: Vi økte fra 2.5 timer til 4 timer i uka.", "DATE")
    ids = [s for s in find_patterns("I: kan du seie fødselsnummeret\nIP: ja det er tre null null åtte tre ni fire ni "
                                    "sju ein to det står på kortet") if s.label == "ID_NUMBER"]
    assert [s.text for s in ids] == ["tre null null åtte tre ni fire ni sju ein to"]


def test_forms_from_held_outs_74_to_81() -> None:
    """Written after the single run of held-outs 74–81 (then tuned on)."""
    assert "St. Hans" in _found("IP: Det var på St. Hans i fjor at mor datt i hagen.", "DATE")
    assert "Skjærtorsdag" in _found("I: Når ble hun innlagt?\nIP: Skjærtorsdag. Og hun ble utskrevet etter.", "DATE")
    assert "fæmogførti" in _found("IP: æ va født i fæmogførti, så æ e gammel no.", "DATE")
    assert "nitten-tretti-tre" in _found("IP: Hån e fødd i nitten-tretti-tre, å hån har bodd der.", "DATE")
    assert _found("IP: Dei to eldste på avdelinga er tvillingar, begge nittiseks.", "AGE") == {"nittiseks"}
    assert "85 år" in _found("IP: Bruker: Kari, fnr. ukjent, 85 år, enslig, bor i Sand.", "AGE")
    assert "hundre og en" in _found("ip: vi har ei gruppe på seks eldre og eldste er hundre og en det er han", "AGE")
    assert [s.text for s in find_patterns("IP: Telefonnummeret til datteren er 4 1 5 8 2 2 7 0, hun heter Kari.")
            if s.label == "PHONE"] == ["4 1 5 8 2 2 7 0"]
    assert {s.text for s in find_patterns("IP: I Dronningens gate 22, rett ved torget.") if s.label == "ADDRESS"} \
        == {"Dronningens gate 22"}
    assert {s.text for s in find_patterns("i: kan du seie adressa\nip: ja fjellvegen tre på myking")
            if s.label == "ADDRESS"} == {"fjellvegen tre"}
    # the last net for dates: a month or a year in an utterance about a person
    assert "oktober" in _found("IP: ho har venta sidan sommaren og no e det oktober så det e lenge", "DATE")
    assert not _found("IP: Budsjettet for oktober vart vedteke i kommunestyret.", "DATE")


def test_forms_from_held_outs_82_to_89() -> None:
    """Written after the single run of held-outs 82–89 (the last locked batch of session 4; then tuned on)."""
    from workbench.deid.unknown_words import find_spelled

    assert _found("Informant: Han og kona, henholdsvis 89 og 84. De søkte om parplass.", "AGE") == {"89", "84"}
    assert _found("IP: De er tildelt to enslige kvinner på 84 og 87 år og ett ektepar.", "AGE") >= {"84"}
    assert _found("IP: Svigermoren på 92 bodde i Lia.", "AGE") == {"92"}
    assert _found("IP: Vi har en familie der bestemoren er åtti-to, og det er vanskelig.", "AGE") == {"åtti-to"}
    assert _found("IP: ho var sånn åttifem kanskje og bodde på Sand", "AGE") == {"åttifem"}
    # an age at the end of a line is no duration because the next line starts with "I:"
    assert _found("IP: og ho er nittiein år\nI: kor lang tid tok det", "AGE") == {"nittiein år"}
    assert "annandag påske" in _found("IP: Ho ringde meg annandag påske og sa at no går det ikkje.", "DATE")
    assert "mandag den sjette" in _found("IP: Ho sa at han far sku få plass fra mandag den sjette.", "DATE")
    assert "tjue tjueto" in _found("ip: det var i tjue tjueto at ho flytta til byen", "DATE")
    assert not _found("IP: Vi har tjue tretti brukarar i kvar sone.", "DATE")
    assert [s.text for s in find_spelled("I: Kan du stave navnet?\nIP: G-A-I-N-O. Det er et vanlig navn.")] \
        == ["G-A-I-N-O"]
    found = {s.text for s in find_unknown_initial("IP: Lindi-saken har vi lært mye av.")}
    assert found == {"Lindi"}
