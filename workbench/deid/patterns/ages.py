"""Age patterns: ages with "år"/"-åring"/"gammel", bare ages and decades in a person context, the
person-reference regexes and sentence helpers they rely on, and ages right after a name found by
another detector (``age_after_person``, ``appositive_age``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.deid.patterns.numbers import (
    _L,
    _N,
    _NUMWORD,
    _NUMWORD_CORE,
    _TENS_RX,
    _UP,
    _WORD_START,
    age_value,
)
from workbench.deid.spans import Span

# --- ages ---------------------------------------------------------------------------------------------
_SMALL_AGE_RX = ("(?:ett|eitt|ei|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|"
                 "seksten|sytten)")
_AGE_RES = [
    re.compile(rf"{_WORD_START}(?:\d{{1,3}}-|{_NUMWORD_CORE}-?|(?:fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|"
               rf"femten|seksten|sytten)-?)år(?:ing|ingen|inger|ingene|ige|ig)\b", re.IGNORECASE),
    re.compile(rf"{_WORD_START}(?:{_N}|{_SMALL_AGE_RX})\s?år\s(?:gammel|gamle|gammal|gamal|gml\.?)(?!\w)", re.IGNORECASE),
    re.compile(
        rf"\b(?:er|var|blir|ble|blei|vert|e|va|vart|æ)\s(?:(?:bare|berre|bere|nesten|snart|godt|over|omtrent|rundt|knapt)\s)?(?P<age>(?:{_N}|{_SMALL_AGE_RX})\s?år\b)"
        r"(?![^\S\n](?:siden|senere|tilbake|til\b|fram|frem|etter|før|i\b(?!\s(?:januar|februar|mars|april|mai|juni|juli|"
        r"august|september|oktober|november|desember|fjor|år|sommar|sommer|vinter|vår|haust|høst|jula|julen|påska|påsken))|"
        r"på\b(?!\sbaken)|har|hadde|inn\b|ut\b|med\b|for\b|å\b|"
        r"som\b|lenger|igjen|fra\b|borte|unna|ansatt|ansiennitet|erfaring))",
        re.IGNORECASE,
    ),
    re.compile(rf"{_WORD_START}(?:fyller|fylte|fylt|fyllt|fyllte|fyll|alder|alderen)\s(?P<age>{_N}(?:\s?år\b)?)", re.IGNORECASE),
    re.compile(rf"{_WORD_START}(?:alder|alderen)\s\d{{1,3}}\b", re.IGNORECASE),
    # "ho vart hundre år på sjukeheimen": became N years old (a duration takes "det": "det ble 20 år")
    re.compile(rf"{_WORD_START}(?:vart|ble|blei|fylte|fyllte|runda|rundet)\s(?:(?:bare|berre|nesten|snart)\s)?"
               rf"(?P<age>{_N}\s?år)\b(?!\s(?:siden|sidan|sia|tilbake|senere|seinare|etter|før|til\b|i\b|med\b|"
               r"for\b|lenger|igjen|ansatt|ansiennitet|erfaring))", re.IGNORECASE),
    # "hun feiret åttini-årsdagen", "90-årsdagen hennes"
    re.compile(rf"{_WORD_START}(?P<age>(?:\d{{2,3}}|{_NUMWORD_CORE}))-?års(?:dagen|dag)\b", re.IGNORECASE),
    # summaries: "Pårørende (datter, 56 år)", "kvinne (90)"
    re.compile(r"(?:\((?:datter|dotter|sønn|son|mor|far|ektefelle|kone|mann|bror|søster|syster|nabo|bruker|brukar|"
               r"pasient|beboer|bebuar),\s|(?:kvinne|mann|dame|herre|bruker|brukar|pasient|beboer|bebuar|mor|far|"
               r"datter|dotter|sønn|son)\s\()(?P<age>\d{2,3}(?:\s?år)?)\)", re.IGNORECASE),
    # "ho va åttisjette året", "i sitt nittiande år": the year of life
    re.compile(rf"{_WORD_START}(?:er|var|e|va|vart|ble|i\ssitt|på\ssitt)\s(?:(?:no|nå|då|da|alt|allerede)\s)?"
               rf"(?P<age>{_TENS_RX}(?:første|fyrste|andre|tredje|fjerde|femte|sjette|sjuende|sjuande|syvende|åttende|"
               rf"åttande|niende|niande|ende|ande)\s(?:året|år))\b", re.IGNORECASE),
    # "har tre og åtti år på baken"
    re.compile(rf"{_WORD_START}har\s(?P<age>{_N}\s?år)\spå\sbaken\b", re.IGNORECASE),
    # an infant's age: "tre måneder gammel", "seks veker gamal"
    re.compile(rf"{_WORD_START}(?:\d{{1,2}}|{_SMALL_AGE_RX}|en|ein)\s(?:måneder|månader|måned|månad|uker|veker|uke|veke)\s"
               r"(?:gammel|gamal|gammal|gamle)\b", re.IGNORECASE),
    # an age given as a sentence of its own: "Fra Kragerø. Åttito år."
    re.compile(rf"(?:^|(?<=[.!?:]\s))(?P<age>{_N}\s?år(?:\s(?:gammel|gamal|gammal))?)(?=[.!?]|,?\s(?:og|å|men)\s)",
               re.IGNORECASE | re.MULTILINE),
]


# bare ages ("han er 67", "mora mi var 79", "Solveig fyller 90 i mai", "hun er i 80-årene"):
# a person reference, a copula/verb (optionally an adverb such as snart/nesten/over/rundt/nær),
# a number 18–115 and something that ends the phrase (punctuation, og/da/nå/i …) — never a noun
# or unit ("det er 67 søknader", "han var 12 timer på jobb", "kl. 20.30", "uke 12", amounts).
_PERSON_NOUNS = (
    "mora|moren|mor|mamma|moder|faren|far|pappa|fatter|mannen|kona|kone|ektemannen|ektefellen|samboeren|"
    "kjæresten|bror|broren|brora|søster|søsteren|søstera|datteren|dattera|sønnen|barnebarnet|pasienten|"
    "brukeren|søkeren|beboeren|tjenestemottakeren|klienten|bestemor|bestefar|besteforeldrene|mormor|morfar|"
    "farmor|farfar|oldemor|oldefar|tante|tanta|tanten|onkel|onkelen|naboen|naboene|enka|enken|enkemannen|"
    "kvinnen|kvinna|dama|damen|herren|gubben|kjerringa|svigermor|svigerfar|informanten|deltakeren|"
    "den\\seldste|den\\syngste|den\\seine|den\\sene|den\\sandre|ektefelle|partneren|"
    # Nynorsk / dialect
    "sonen|son|dottera|dotra|dotter|systera|syster|brukaren|søkjaren|bebuaren|bebuar|brukar|enkja|enkje|"
    "enkjemannen|grannen|granne|kjerringa|gubben|mannen\\shennar|kona\\shans|far\\smin|mor\\smi|"
    # possessive first: "min mann var sekstisju", "mi kone er åttito"
    "bestemoren|bestefaren|svigermoren|svigerfaren|oldemoren|oldefaren|"
    "(?:min|mi|mitt|vår|hans|hennes|hennar)\\s(?:mann|kone|kjerring|gubbe|far|mor|bror|søster|syster|sønn|son|"
    "datter|dotter|svigermor|svigerfar|bestemor|bestefar|tante|onkel|nabo|granne|samboer|sambuar)"
)
_PRONOUNS = "han|hun|hen|jeg|eg|du|dem|ho|hu|hon|hæn|æ|je|jæ|honom|henne|hain|hainn|a|e(?=\\s(?:va|var|vart|blei|ble)\\s)"  # dialect: ho/hu/a = hun, æ/eg/je = jeg
_PERSON_INDEFINITE = ("mann|kvinne|kone|dame|herre|kar|jente|gutt|pasient|bruker|brukar|beboer|bebuar|søker|søkjar|"
                      "enke|enkje|enkemann|enkjemann|ektepar|nabo|granne|pensjonist|person|mor|far|sønn|son|datter|"
                      "dotter|bestemor|bestefar|oldemor|oldefar|onkel|tante|venn|venninne|kollega")
# a sentence about a person: a singular personal pronoun, a person noun, or an indefinite person noun
# after an article ("ei dame", "ein mann"; not the verb "bruker")
_PERSONAL_SENTENCE_RE = re.compile(
    rf"\b(?:han|hun|hen|jeg|eg|ho|hu|hon|hæn|æ|je|jæ|hain|{_PERSON_NOUNS}|(?:en|ein|ei|et|eit|eldre|gammel|gamal|gamle)\s"
    rf"(?:{_PERSON_INDEFINITE}))\b",
    re.IGNORECASE,
)
_POSSESSIVE = r"(?:\s(?:min|mi|mitt|mine|din|di|hans|hennes|hennar|deres|deira|vår|sin|si))?"
_AGE_VERB = (r"(?:er|var|ble|blei|blir|vert|fyller|fylte|fylle|runder|rundet|rundar|runda|har\sfylt|hadde\sfylt|"
             r"har\sblitt|hadde\sblitt|er\sblitt|skal\sfylle|ska\sfylle|skal\sbli|ska\sbli|"
             r"e|va|vart|bi|bli|æ|fyllte|fylde|har\spassert|har\sbikket|har\srundet|passerte|bikket|"
             # "hun var da blitt nittiseks", "da ville hun vært 92", "ho kunn ha vørre åttisju"
             r"(?:var|va|hadde|hadd)\s(?:(?:da|då|nå|no|jo)\s)?(?:blitt|vorte|vorti|vørti)|"
             r"(?:ville|vil|skulle|sku|kunne|kunn)\s(?:(?:hun|han|ho|hu|eg|jeg|æ)\s)?(?:ha\s)?(?:vært|vore|vørre|vori|blitt))")  # dialect: ho e 88, han va 79, ho vart 90
_AGE_ADV = (r"(?:snart|nesten|over|rundt|ca\.?|cirka|omtrent|godt|vel|like|bare|allerede|nå|nettopp|nærmere|"
            r"nær|straks|fortsatt|fremdeles|altså|jo|nok|visst|under|i\sunderkant\sav|i\soverkant\sav|"
            r"uansett|uansett\snå|iallfall|i\salle\sfall|ellers|likevel|heldigvis|sånn|sånn\scirka|"
            r"langt\sover|litt\sover|"
            r"no|berre|bere|framleis|allereie|kring|om\slag|nærare|snart\sà|alt|visst|nok|eigentleg|"
            r"sjøl|sjølv|selv|sjæl|sjøl\sog|da|då|nå|no|stort\ssett|for\sdet\smeste|som\sregel|gjerne|ofte|mest|"
            r"mer\senn|meir\senn|mindre\senn|ikke|ikkje|itte|itj|ikkje\smeir\senn|ikke\smer\senn|henholdsvis|"
            r"høvesvis|faktisk|visstnok|egentlig|egentleg|på)")
_PERSON_REF = (rf"(?:\b(?:{_PRONOUNS})\b|\b(?:{_PERSON_NOUNS}){_POSSESSIVE}\b|\b\w+'(?:n|a|u|o)\b"
               rf"|\b(?:[Ff]ru|[Hh]err|[Ff]røken)\s[{_UP}][{_L}-]+|(?P<name>\b(?-i:[{_UP}][{_L}-]+)){_POSSESSIVE})")
_AGE_TAIL = (rf"(?:\s(?:{_AGE_ADV})){{0,2}}\s")
# candidate-first for speed: a 2–3-digit number (or "NN-årene"), then the context before it in a window
_YOUNG_RX = "(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten)(?![\\w-])"
_AGE_NUM_RE = re.compile(rf"(?<=[^\S\n])(?:\d{{2,3}}\b|{_NUMWORD}|{_YOUNG_RX})", re.IGNORECASE)  # not across a line
# adverbs that may stand between the person and the verb ("han snart var 100", "hun nå er 91")
_PRE_VERB_ADV = (r"(?:som|da|nå|jo|også|altså|snart|nesten|vel|nok|allerede|fortsatt|fremdeles|visst|bare|"
                 r"ikke|faktisk|egentlig|sikkert|kanskje|"
                 r"då|no|òg|og|berre|framleis|allereie|ikkje|itte|eigentleg|truleg)")
# a short prepositional phrase may follow the person: "den yngste på avdelingen er bare 67"
_PERSON_PP = r"(?:\s(?:på|i|hos|av|fra|med)\s(?:\w+\s)?\w+)?"
# "den eldste vi har no er hundre og to": a superlative person reference with a short relative clause
_SUPERLATIVE_REF_BEFORE = re.compile(
    rf"\b(?:(?:den|ho|han|hun|dei|de)\s(?:(?:to|tre|tvo)\s)?)?(?:eldste|yngste)(?:\s[\w-]+){{0,5}}?\s{_AGE_VERB}{_AGE_TAIL}$",
    re.IGNORECASE
)
_BARE_AGE_BEFORE = re.compile(
    rf"{_PERSON_REF}{_PERSON_PP},?(?:\s{_PRE_VERB_ADV}){{0,2}}(?:\s{_AGE_VERB}{_AGE_TAIL}|\s(?:snart|nesten)\s)$",
    re.IGNORECASE,
)
# inverted word order (verb before the person, as after a fronted adverbial or in a question):
# "Da var han 76", "er hun snart 90", "fylte mora 80", "Fylte ikke faren hennes 80", "har han fylt 80"
_INV_VERB = r"(?:er|var|ble|blei|blir|fyller|fylte|runder|rundet|rundar|runda|e|va|vart|ville|skulle|kunne|kunn)"
_INV_LEAD = (rf"(?:\b{_INV_VERB}(?:\s(?:ikke|{_AGE_ADV}))?\s"
             rf"|\b(?:har|hadde|er)\s(?=(?:\S+\s){{1,4}}(?:fylt|blitt)\s$))")
_INV_TAIL = rf"(?:\s(?:ikke|{_AGE_ADV})){{0,2}}(?:\s(?:fylt|blitt))?\s"
_BARE_AGE_INVERTED = re.compile(
    rf"(?:{_INV_LEAD}{_PERSON_REF}|\b{_INV_VERB}'(?:n|a|u|o|ho|hu|han))(?:\s(?:ikke|{_AGE_ADV})){{0,2}}"
    rf"(?:\s(?:ha\s)?(?:fylt|blitt|vært|vore|vørre))?\s$",
    re.IGNORECASE,
)
_INV_LEAD_END_RE = re.compile(rf"{_INV_LEAD}$", re.IGNORECASE)
_AGE_AFTER_INV_NAME_RE = re.compile(rf"(?:s)?{_INV_TAIL}(?P<age>\d{{2,3}}\b|{_NUMWORD})", re.IGNORECASE)
_DECADE_NUM_RE = re.compile(
    r"\b(?:(?:[2-9]0|100)-|(?:tjue|tretti|førti|femti|seksti|sytti|søtti|åtti|nitti)-?)"
    r"(?:årene|åra|åran|årsalderen|årsalder)\b",
    re.IGNORECASE,
)
# what may follow a bare age: end of phrase, a conjunction, a time expression — not a noun or a unit
_AGE_FOLLOW_OK = re.compile(
    r"(?:\s*$|\s*[,;:!?)\n–]|\.(?!\d)|\s(?:og|å(?!\s(?:år|gamle|gammel))|da|nå|når|men|så|eller|før|etter|om|neste|snart|i\s(?!\d|uke|uka|timen|døgnet|måneden|mnd|minuttet|snitt|alt\b|stilling|prosent|%)|"
    r"til\s(?!\d)|den\s|dette\s|denne\s|forrige\s|sist\b|allerede\b|helt\b|heller\b|også\b|jo\b|vel\b|"
    r"altså\b|egentlig\b|tror\b|trur\b|trø\b|eller\b|ikke\b|selv\b|sjøl\b|sjæl\b|bare\b|faktisk\b|sikkert\b|"
    r"kanskje\b|visst\b|nok\b|hvis\b|dersom\b|fordi\b|mens\b|sa\b|skjønner\b|vet\b|veit\b|ser\b|"
    r"han\b|hun\b|ho\b|hu\b|hen\b|jeg\b|eg\b|æ\b|no\b|enda\b|ennå\b|fremdeles\b|fortsatt\b|"
    r"gammel\b|gamle\b|gammal\b|gamal\b|då\b|sjølv\b|berre\b|ikkje\b|itte\b|framleis\b|truleg\b|"
    r"eigentleg\b|dei\b|viss\b|sidan\b|medan\b|vi\b|me\b|de\b|du\b|det\b|dette\b))",
    re.IGNORECASE,
)
_PERSON_OF_AGE_RE = re.compile(
    r"\b(?:mann|kvinne|kvinna|dame|dama|kone|kona|herre|kar|karen|gubbe|kjerring|gamling|folk|pensjonist|pasient|bruker|brukar|beboer|bebuar|enke|"
    r"enkje|enkemann|søker|søkjar|mor|far|nabo|granne|gutt|gut|jente|barn|ei|ein|en|ho|han|hun|"
    r"dotter|datter|son|sønn|bror|søster|syster|tante|onkel|bestefar|bestemor|oldefar|oldemor|svigermor|svigerfar|"
    r"kvinner|menn|damer|karer|"
    r"fiskar|fisker|bonde|lærar|lærer|prest|sjømann|skogsarbeidar|skogsarbeider)(?:en|a|et)?\s"
    r"(?:(?:frå|fra|i|på|oppi|nedi)\s[\w-]+\s|(?:min|mi|mitt|din|di|ditt|sin|si|hans|hennes|hennar|vår|deira|deres)\s|"
    r"(?:der|her|der\sinne|der\sute)\s)?"
    r"(?:på|på\s(?:rundt|nesten|over|snart|godt\sover|bare|berre))\s$",
    re.IGNORECASE,
)
_UNIT_AFTER_RE = re.compile(
    r"\s?(?:timer|timar|time|t\b|kilo|kg|gram|liter|prosent|%|promille|minutter|minutt|min\b|sekunder|dager|dagar|"
    r"døgn|uker|veker|måneder|månader|netter|netter|kvelder|vakter|turer|ganger|gonger|gang\b|gong\b|kroner|kr\b|"
    r"euro|tusen|millioner|mill|milliarder|mil\b|km\b|meter|m\b|cm\b|grader|poeng|sider|stk|stykker|vedtak|"
    r"brukere|brukarar|pasienter|pasientar|plasser|plassar|senger|rom\b|ansatte|tilsette|årsverk|stillinger|"
    r"søknader|søknadar|saker|besøk|tiltak|medisiner|piller|tabletter|nummer|nr\b|-\d|\.\d|,\d|/)",
    re.IGNORECASE,
)
_NOT_AGE_AFTER_RE = re.compile(
    r"\s(?:i|per|pr\.?|om|hver|kvar|på)\s(?:\d|uke|uka|veke|veka|timen|døgnet|måneden|månaden|mnd|minuttet|snitt|"
    r"stilling|prosent|%|jobb|jobben|vakt|vakta|lista|listen|køen|møtet|året|dagen|natta|kvelden|gangen|gongen)",
    re.IGNORECASE,
)
_YEARS_AFTER_RE = re.compile(r"\s?år(?:\s(?:gammel|gamle|gammal|gamal|gml\.?))?\b", re.IGNORECASE)
_YEARS_DURATION_AFTER = re.compile(
    r"\s(?:siden|senere|tilbake|til\b|fram|frem|etter|før|i\b|på\b|har|hadde|inn\b|ut\b|med\b|for\b|"
    r"som\b|lenger|eldre|yngre|igjen|fra\b|borte|unna|ansatt|ansiennitet|erfaring)",
    re.IGNORECASE,
)
_AGE_AFTER_NAME_RE = re.compile(
    rf"(?:s)?,?(?:\s(?:som|da|nå|jo|også|altså))?(?:\s{_AGE_VERB}{_AGE_TAIL}|\s(?:snart|nesten)\s)(?P<age>\d{{2,3}}\b|{_NUMWORD})",
    re.IGNORECASE,
)
_AGE_DECADE_BEFORE = re.compile(
    rf"(?:{_PERSON_REF},?(?:\s(?:som|da|nå|då|no))?\s{_AGE_VERB}(?:\s(?:{_AGE_ADV})){{0,2}}"
    r"|\b(?:en|ei|et|ein|eit|eldre|gammel|gamle|gammal|gamal)?\s?(?:mann|kvinne|dame|herre|pasient|bruker|brukar|"
    r"søker|søkjar|beboer|bebuar|enke|enkje|enkemann|enkjemann|mor|far|bestemor|bestefar|person)(?:en|a)?)"
    r"\s(?P<age>i\s(?:(?:begynnelsen|byrjinga|midten|slutten|starten)\s(?:av|på|tå|ta)\s|tidlig\s|tidleg\s|sene\s|"
    r"sein\s|seine\s|sen\s|midt\s)?)$",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(r"[.!?\n]")


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The utterance (line) around ``start``–``end``: what a speaker said in one turn."""
    b = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, (b if b >= 0 else len(text))


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    m = _SENTENCE_END.search(text, end)
    return a, (m.start() if m else len(text))


_IT_IS_BEFORE_RE = re.compile(r"\b(?:det|dette|da|då)\s(?:er|var|e|va|blir|ble)\s", re.IGNORECASE)
_DURATION_BEFORE_RE = re.compile(r"\b(?:i|på|for|etter|om|gjennom|innan|innen)\s$", re.IGNORECASE)
# subjects that are not one person ("det er 88", "vi var 12", "dei var 30")
_NON_PERSON_SUBJECTS = frozenset(
    "det dette den da då der her vi me de dei dere dokker dykk alle mange fleire flere noen nokon ingen folk "
    "begge tallet talet antallet summen budsjettet lista listen køen kommunen".split()
)
_VERB_BEFORE_AGE = re.compile(rf"\b(?P<subj>[\w-]+),?\s{_AGE_VERB}{_AGE_TAIL}$", re.IGNORECASE)
_GAPPED_AGE_BEFORE = re.compile(rf"(?:\bog|\bmen|,)\s(?:{_PRONOUNS}|{_PERSON_NOUNS}){_POSSESSIVE}\s$", re.IGNORECASE)
_DECADE_COPULA_BEFORE = re.compile(
    rf"\b(?P<subj>[\w-]+),?\s(?:er|e|var|va|vart|blir|ble|blei|æ)(?:\s(?:{_AGE_ADV}|begge|alle)){{0,2}}\s"
    r"(?P<age>i\s(?:(?:begynnelsen|byrjinga|midten|slutten|starten)\s(?:av|på|tå|ta)\s)?)$",
    re.IGNORECASE,
)


_DECADE_QUALIFIED_BEFORE = re.compile(
    r"(?P<age>(?:(?:tidlig|tidleg|sent|seint|midt|langt\sinne)\s)?i\s(?:(?:begynnelsen|byrjinga|midten|slutten|"
    r"starten)\s(?:av|på|tå|ta)\s)?)$",
    re.IGNORECASE,
)


_APPOSITIVE_NUMBER_RE = re.compile(r",\s$")
# "vi har en som er førtitre med ms", "tildelt en som var sekstisju", "når ein e nittito": an age of
# someone not named (the strong context of a relative clause or a "when one is" clause)
_RELATIVE_PERSON_BEFORE = re.compile(
    rf"\b(?:(?:en|ein|ei|noen|nokon|nokre|han|hun|ho|hu)\s(?:[\w-]+\s){{0,3}}?som|(?:når|om|viss|hvis|dersom)\s(?:man|ein|en|du))"
    rf"\s(?:er|var|e|va|vart|ble|blei|blir|bli|æ)(?:\s(?:{_AGE_ADV})){{0,2}}\s$",
    re.IGNORECASE,
)
_APPOSITIVE_AFTER_RE = re.compile(r"(?:\s?år)?(?:,|\.|\s(?:som|og|tror|trur|trør|vel|kanskje|eller)\b)")


_GROUP_AGE_BEFORE = re.compile(
    rf"(?:\b(?:dei|de|dem|dæm|dokker|vi|me)\s(?:{_AGE_VERB})|\b(?:{_AGE_VERB})\s(?:dei|de|dem|dæm|dokker|vi|me))"
    rf"(?:\s(?:{_AGE_ADV}|begge|alle|plutselig|jo|no|nå)){{0,2}}\s$",
    re.IGNORECASE,
)


def _broad_age_context(text: str, start: int, seen: set[tuple[int, int]]) -> bool:
    """Looser evidence for a bare age (confidence 0.5): a verb right before the number whose subject
    is not "det"/"vi"/"dei" …, in a sentence that mentions a person ("ei dame som er 88", "ein mann
    frå Jelsa som berre var 63"), or a gapped age after another one ("ho var 89 og han 93")."""
    word = re.match(r"[^\W\d_]+", text[start:])
    if word and _GROUP_AGE_BEFORE.search(text, max(0, start - 40), start) and (age_value(word.group(0)) or 0) >= 18:
        return True  # "plutselig e dæm nitti", "vi var begge tjuefem" (a number word, never digits)
    m = _VERB_BEFORE_AGE.search(text, max(0, start - 50), start)
    if m and m.group("subj").lower() not in _NON_PERSON_SUBJECTS:
        a, _ = _sentence_around(text, start, start)
        if _PERSONAL_SENTENCE_RE.search(text, a, start):
            return True
    if _GAPPED_AGE_BEFORE.search(text, max(0, start - 30), start):
        return any(0 < start - b < 60 for _, b in seen)
    # "ein mann frå Isfjorden, sekstifire, som …": a number set off by commas in a sentence about a person
    if _APPOSITIVE_NUMBER_RE.search(text, max(0, start - 2), start):
        end = start + len(re.match(r"\S+", text[start:]).group(0).rstrip(","))  # type: ignore[union-attr]
        if _APPOSITIVE_AFTER_RE.match(text, end):
            a, _ = _sentence_around(text, start, start)
            return bool(_PERSONAL_SENTENCE_RE.search(text, a, start))
    return False


def find_ages(text: str) -> Iterator[Span]:
    seen: set[tuple[int, int]] = set()
    for rx in _AGE_RES:
        for m in rx.finditer(text):
            grp = "age" if "age" in rx.groupindex else 0
            start, end = m.start(grp), m.end(grp)
            if (start, end) in seen:
                continue
            if rx is _AGE_RES[-1] and ((age_value(m.group(grp)) or 0) < 40
                                       or re.search(r"lenge|hvor\slang|kor\slang", text[max(0, start - 40):start], re.I)):
                continue  # a sentence of its own is an age only when old and not the answer to "how long"
            if rx in (_AGE_RES[2], _AGE_RES[5]) and (_DURATION_BEFORE_RE.search(text, max(0, m.start() - 8), m.start())
                                      or _IT_IS_BEFORE_RE.search(text, max(0, m.start() - 12), m.start() + 4)):
                continue  # "i snart tjue år", "det er 20 år": a duration
            seen.add((start, end))
            age = age_value(m.group(grp))
            if age is not None and age > 120:
                continue
            yield Span(start, end, "AGE", m.group(grp), "pattern", 0.9, details={"age": age})
    yield from _bare_ages(text, seen)


def _name_like(word: str) -> bool:
    from workbench.deid import gazetteers

    g = gazetteers.load()
    return g.is_first(word) or g.is_surname(word)


_NAME_PAA_RE = re.compile(r"\b(?P<name>[A-ZÆØÅ][a-zæøå]+)\spå\s$")  # "så kommer Heidi på 58"


def _bare_ages(text: str, seen: set[tuple[int, int]]) -> Iterator[Span]:
    """Ages in a person context ("han er 67", "Solveig fyller 90 i mai", "han var bare 19 år da",
    "ho e åttifem", "i 80-årene"); the number may be digits or a number word."""
    for num in _AGE_NUM_RE.finditer(text):
        start, end = num.start(), num.end()
        if (start, end) in seen or any(a <= start < b for a, b in seen):
            continue
        age = age_value(num.group(0))
        if age is None or not 2 <= age <= 115:
            continue
        if re.match(r"[.,:]\d|-\d|\s?%", text[end:end + 4]):
            continue
        name_on = _NAME_PAA_RE.search(text, max(0, start - 30), start)
        strong_ctx = (_PERSON_OF_AGE_RE.search(text, max(0, start - 40), start) is not None
                      or (name_on is not None and _name_like(name_on.group("name")))
                      or _person_context(_BARE_AGE_BEFORE, text, start) is not None
                      or _person_context(_BARE_AGE_INVERTED, text, start) is not None
                      or _SUPERLATIVE_REF_BEFORE.search(text, max(0, start - 70), start) is not None
                      or (age >= 18 and _RELATIVE_PERSON_BEFORE.search(text, max(0, start - 60), start) is not None))
        if age < 18 and not (strong_ctx or (_GAPPED_AGE_BEFORE.search(text, max(0, start - 30), start)
                                            and any(0 < start - b < 60 for _, b in seen))):
            continue  # a child's age only in a strong person context ("han er fjorten nå")
        years = _YEARS_AFTER_RE.match(text, end)
        if years:
            # "han var bare 19 år da …", "ho e nitti år": an age, unless it is a duration ("i 20 år",
            # "20 år siden", "var 30 år i kommunen")
            if _YEARS_DURATION_AFTER.match(text, years.end()) \
                    and not _PERSON_OF_AGE_RE.search(text, max(0, start - 40), start):
                continue  # ("moren på 89 år hadde …" is an age whatever follows)
            end = years.end()
        elif not _AGE_FOLLOW_OK.match(text, end):
            if age < 18:
                continue  # a child's age must end the phrase ("han er fjorten nå"), not "av dem er to øremerket"
            # after a strong person context ("ho vart 90 same sommaren", "en mann på 87 som …") only a
            # unit, a counted noun or a time-span phrase rules the age out
            if not strong_ctx or _UNIT_AFTER_RE.match(text, end) or _NOT_AGE_AFTER_RE.match(text, end):
                continue
        conf = 0.75
        if not strong_ctx:
            if not _broad_age_context(text, start, seen):
                continue
            conf = 0.5
        if any(a < end and start < b for a, b in seen):
            continue
        seen.add((start, end))
        yield Span(start, end, "AGE", text[start:end], "pattern", conf, details={"age": age, "bare": True})
    for num in _DECADE_NUM_RE.finditer(text):
        m = _person_context(_AGE_DECADE_BEFORE, text, num.start())
        if m is None:
            # "dei fleste som søkjer er i 90-åra" (not "det var i 80-årene at …", a period)
            m = _DECADE_COPULA_BEFORE.search(text, max(0, num.start() - 60), num.start())
            if m is None or m.group("subj").lower() in ("det", "dette", "da", "då", "den", "der"):
                # "en mann tidlig i sekstiårene" in a sentence about a person
                m = _DECADE_QUALIFIED_BEFORE.search(text, max(0, num.start() - 40), num.start())
                a, _ = _sentence_around(text, num.start(), num.end())
                if m is None or not _PERSONAL_SENTENCE_RE.search(text, a, num.start()) \
                        or re.search(r"\b(?:det|dette)\s(?:var|er|skjedde|skjer|va|e)\s(?:[\w-]+\s)?i\s$", text[a:num.start()],
                                     re.IGNORECASE):
                    continue
        start, end = m.start("age"), num.end()
        if (start, end) in seen:
            continue
        seen.add((start, end))
        decade = age_value(num.group(0))
        yield Span(start, end, "AGE", text[start:end], "pattern", 0.75, details={"age": decade, "bare": True})


def _person_context(rx: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """A person reference + verb ending exactly at ``end`` (searched in a short window before it)."""
    pos = max(0, end - 90)
    while True:
        m = rx.search(text, pos, end)
        if m is None:
            return None
        name = m.group("name")
        if name is None or _name_like(name):
            return m
        pos = m.start() + 1


def age_after_person(text: str, end: int, start: int | None = None) -> Span | None:
    """A bare age right after a person name found by another detector ("Terje Myre var 67 da …"),
    or, given the name's ``start``, in inverted word order ("Da var Terje Myre 67")."""
    m = _AGE_AFTER_NAME_RE.match(text, end)
    if m is None and start is not None and _INV_LEAD_END_RE.search(text, max(0, start - 40), start):
        m = _AGE_AFTER_INV_NAME_RE.match(text, end)
    if m is None:
        return None
    age = age_value(m.group("age"))
    if age is None or not 18 <= age <= 115 or not _AGE_FOLLOW_OK.match(text, m.end("age")):
        return None
    if re.match(r"\s?år\b|[.,:]\d|-\d|\s?%", text[m.end("age"):m.end("age") + 4]):
        return None
    return Span(m.start("age"), m.end("age"), "AGE", m.group("age"), "pattern", 0.75,
                details={"age": age, "bare": True})


_APPOSITIVE_AGE_RE = re.compile(rf"(?:,\s|\s\()(?P<age>\d{{2,3}}|{_NUMWORD})(?:\s?år)?(?:,|\)|\.(?!\d)|\s(?:og|som)\b)",
                                re.IGNORECASE)


def appositive_age(text: str, end: int) -> Span | None:
    """An age in apposition right after a person's name: "Tor Magne, 77, som …", "Kari (84)"."""
    m = _APPOSITIVE_AGE_RE.match(text, end)
    if m is None:
        return None
    age = age_value(m.group("age"))
    if age is None or not 18 <= age <= 115:
        return None
    return Span(m.start("age"), m.end("age"), "AGE", m.group("age"), "pattern", 0.7, details={"age": age, "bare": True})
