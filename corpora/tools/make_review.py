"""Synthetic scoping-review corpus: hand-written seed studies and the generator that writes corpora/review/.

Every seed is an invented study. ``variants`` instantiate the same study idea in other settings
(country, sample, design); each variant becomes its own study with its own authors, year and journal.
``label``: "I" = relevant at title/abstract and included at full text; "T:<reason>" = relevant at
title/abstract, excluded at full text for <reason>; "X" = excluded at title/abstract. A variant may
override the label with the key ``_label``.
"""
from __future__ import annotations

import csv
import random
import re
import sys
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# Full-text exclusion reasons (PRISMA-ScR flow)
WRONG_CONCEPT = "wrong concept (not the organisation of allocation)"
WRONG_CONTEXT = "wrong context (system not comparable)"
WRONG_POPULATION = "wrong population (not municipal health and care services)"
WRONG_TYPE = "wrong publication type (no empirical or review content)"
NO_FULLTEXT = "full text not available"


@dataclass
class Seed:
    key: str
    lang: str  # "en" or "no"
    label: str
    title: str
    abstract: str
    keywords: list[str]
    journals: list[str]
    variants: list[dict] = field(default_factory=lambda: [{}])
    years: tuple[int, int] = (2008, 2024)
    mesh: list[str] = field(default_factory=list)


SEEDS: list[Seed] = [
    # ------------------------------------------------------------------ relevant, included
    Seed(
        "survey_models", "en", "I",
        "Organising the allocation of home-based care in {country_adj} municipalities: a national survey",
        "Background: {country_adj} municipalities are free to organise how applications for health and care "
        "services are assessed and decided. Little is known about the prevalence of different allocation "
        "models. Methods: A web survey was sent to the heads of care services in all {total} municipalities; "
        "{resp} responded ({rate} %). Results: {office} % had a separate allocation office (purchaser unit), "
        "most often in large municipalities, while small municipalities more often used interdisciplinary "
        "allocation teams or integrated allocation within the home care service. Respondents in municipalities "
        "with a separate office reported more standardised decisions and written allocation criteria, but also "
        "longer decision times. Conclusion: Municipal size is the strongest predictor of how allocation is "
        "organised. Future research should examine consequences for equity and for users' involvement.",
        ["allocation", "home care services", "purchaser-provider split", "municipalities", "survey"],
        ["SJPH", "BMCHSR"],
        variants=[
            dict(country_adj="Norwegian", total="356", resp="289", rate="81", office="58"),
            dict(country_adj="Swedish", total="290", resp="214", rate="74", office="71"),
        ],
        mesh=["Home Care Services/*organization & administration", "Local Government", "Surveys and Questionnaires"],
    ),
    Seed(
        "tildelingskontor_skjonn", "no", "I",
        "Skjønn og standardisering i kommunale tildelingskontor: en kvalitativ studie av saksbehandleres praksis",
        "Bakgrunn: Mange kommuner har opprettet egne tildelingskontor for å sikre likebehandling i tildeling av "
        "helse- og omsorgstjenester. Hensikt: Å utforske hvordan saksbehandlere balanserer faglig skjønn og "
        "standardiserte kriterier når de fatter vedtak om hjemmetjenester. Metode: Vi gjennomførte {n} "
        "individuelle intervjuer og to fokusgrupper med saksbehandlere i {k} kommuner med bestiller–utfører-"
        "organisering. Resultater: Saksbehandlerne beskrev kriteriene som et nødvendig rammeverk, men la vekt på "
        "at kartleggingsbesøket i brukerens hjem ga informasjon som ikke lot seg standardisere. Avstanden til "
        "utførerne ble opplevd både som en styrke for likebehandling og som en kilde til feilvurderinger. "
        "Konklusjon: Tildelingskontor kan fremme rettssikkerhet, men forutsetter tett dialog med utførerleddet.",
        ["tildeling", "saksbehandling", "skjønn", "bestiller-utfører", "hjemmetjenester"],
        ["TFO", "NSF"],
        variants=[dict(n="18", k="fire"), dict(n="24", k="seks", _label="T:" + NO_FULLTEXT)],
    ),
    Seed(
        "needs_assessment_cases", "en", "I",
        "Needs assessment for home care in Nordic municipalities: a multiple case study",
        "Needs assessment is the gateway to publicly funded home care, yet assessment practices vary widely. This "
        "multiple case study compared how needs assessment was organised and carried out in {k} {country_adj} "
        "municipalities with different allocation models. Data comprised {n} interviews with care managers, "
        "home care nurses and managers, observation of {obs} assessment visits, and local allocation guidelines. "
        "Assessment was more standardised where a separate assessment unit existed, whereas integrated models "
        "relied on the tacit knowledge of home care staff. In all cases, users' own goals were seldom documented, "
        "and the assessment focused on deficits in daily activities. The study suggests that the organisation "
        "of allocation shapes what counts as a need.",
        ["needs assessment", "home care", "care managers", "case study", "allocation model"],
        ["HSCC", "SJCS", "IJIC"],
        variants=[dict(k="five", country_adj="Norwegian", n="34", obs="21"),
                  dict(k="four", country_adj="Danish", n="29", obs="16")],
        mesh=["Needs Assessment/*organization & administration", "Home Care Services", "Qualitative Research"],
    ),
    Seed(
        "care_managers_discretion", "en", "I",
        "Care managers' discretion in the allocation of eldercare: balancing guidelines and individual needs",
        "In {country} the allocation of eldercare is delegated to municipal care managers who assess applications "
        "and decide on home help and residential care. We explored how care managers use discretion in relation "
        "to local guidelines. Semi-structured interviews with {n} care managers in {k} municipalities were analysed "
        "with thematic analysis. Care managers described guidelines as protecting them against pressure from "
        "relatives and providers, but also as limiting their room for manoeuvre when needs did not fit predefined "
        "categories. Budget constraints were rarely explicit but were embedded in time standards. Care managers "
        "handled the tension by negotiating with users and by documenting exceptions carefully. Discretion in "
        "allocation is thus both constrained and necessary.",
        ["care managers", "discretion", "eldercare", "needs assessment", "street-level bureaucracy"],
        ["SJCS", "AAS", "JASP"],
        variants=[dict(country="Sweden", n="22", k="six"), dict(country="Finland", n="17", k="three", _label="T:" + NO_FULLTEXT)],
        mesh=["Case Managers", "Decision Making", "Aged", "Homes for the Aged"],
    ),
    Seed(
        "tildelingskriterier_doc", "no", "I",
        "Kommunale tildelingskriterier for helse- og omsorgstjenester: en dokumentanalyse",
        "Etter helse- og omsorgstjenesteloven skal kommunene ha kriterier for tildeling av langtidsopphold, og "
        "mange har også kriterier for hjemmebaserte tjenester. Hensikten med studien var å kartlegge innholdet i "
        "slike kriterier. Vi analyserte tildelingskriterier fra {k} kommuner av ulik størrelse. Kriteriene "
        "varierte betydelig i detaljnivå: noen angav konkrete timesatser for praktisk bistand, andre var "
        "generelle beskrivelser av omsorgstrappen og LEON-prinsippet. Brukermedvirkning og hva som er viktig "
        "for brukeren ble sjelden omtalt. Store forskjeller mellom kommunene reiser spørsmål om likeverdige "
        "tjenester på tvers av kommunegrenser.",
        ["tildelingskriterier", "omsorgstrapp", "LEON", "dokumentanalyse", "likebehandling"],
        ["TFO", "TVF"],
        variants=[dict(k="42")],
    ),
    Seed(
        "reablement_allocation", "en", "I",
        "Assessing rehabilitation potential at the point of allocation: reablement and the gatekeeping of home care",
        "Reablement is increasingly offered before conventional home care. How rehabilitation potential is "
        "assessed at the point of allocation is, however, poorly described. We conducted a qualitative study "
        "in {k} {country_adj} municipalities, interviewing {n} allocation officers and reablement therapists. "
        "Allocation officers used reablement as a first step for most new applicants, in line with the principle "
        "of the lowest effective level of care, but lacked shared criteria for who would benefit. Therapists "
        "criticised referrals of users with advanced dementia or in the last phase of life. Clearer criteria and "
        "joint assessment could improve targeting and user involvement.",
        ["reablement", "allocation", "home care", "rehabilitation potential", "gatekeeping"],
        ["BMCHSR", "HSCC"],
        variants=[dict(k="three", country_adj="Norwegian", n="19"), dict(k="two", country_adj="Danish", n="14", _label="T:" + NO_FULLTEXT)],
        mesh=["Rehabilitation/organization & administration", "Home Care Services", "Patient Selection"],
    ),
    Seed(
        "vignette_decisions", "en", "I",
        "Same applicant, different decisions? A vignette study of home care allocation across {country_adj} municipalities",
        "Equal access to municipal care services is a core policy goal. We sent {v} anonymised vignettes based "
        "on real applications to the allocation units of {k} {country_adj} municipalities and asked them to make "
        "decisions as in ordinary practice. Decided service hours per month differed considerably: for respite "
        "care the highest and lowest decision differed by more than {diff} hours per month, and monthly costs for "
        "the same set of applicants varied by up to {cost} %. Differences were linked to local criteria, "
        "available services and the allocation model. The results challenge the assumption that "
        "standardised allocation criteria produce equal treatment between municipalities.",
        ["vignette", "allocation", "equity", "home care", "respite care"],
        ["SJPH", "SPA", "NJSR"],
        variants=[dict(country_adj="Norwegian", v="nine", k="four", diff="200", cost="38"),
                  dict(country_adj="Swedish", v="six", k="twelve", diff="120", cost="45")],
    ),
    Seed(
        "leon_forvaltning", "no", "I",
        "LEON-prinsippet i forvaltningskontorets vurderinger: laveste effektive omsorgsnivå i praksis",
        "Prinsippet om laveste effektive omsorgsnivå (LEON) er sentralt i kommunal tildeling. Studien undersøker "
        "hvordan ansatte i forvaltningskontor forstår og bruker prinsippet. Data ble samlet gjennom {n} "
        "intervjuer og gjennomgang av {v} vedtak i to store kommuner. Informantene forsto LEON både som et "
        "faglig prinsipp om mestring og som et økonomisk styringsverktøy. Vedtakene begrunnet sjelden hvorfor "
        "et lavere nivå ble ansett som forsvarlig. Vi diskuterer hvordan ordet «effektiv» forsvinner når "
        "budsjettpresset øker.",
        ["LEON", "forvaltningskontor", "vedtak", "omsorgsnivå", "kommunehelsetjenesten"],
        ["TFO", "SPF"],
        variants=[dict(n="15", v="120")],
    ),
    Seed(
        "allocation_teams_small", "en", "I",
        "Interdisciplinary allocation teams in small rural municipalities: proximity, trust and legitimacy",
        "Small municipalities often allocate care services through interdisciplinary teams rather than separate "
        "offices. This study explored how such teams work and how their decisions are perceived. Fieldwork in "
        "{k} rural {country_adj} municipalities with fewer than 5 000 inhabitants included observation of {m} team "
        "meetings and interviews with {n} team members and managers. Teams benefited from detailed local "
        "knowledge and short decision paths, but members struggled with impartiality when applicants were "
        "neighbours or relatives. Documentation practices were informal. Proximity can strengthen continuity "
        "and trust but demands explicit routines for conflicts of interest and written justification.",
        ["allocation team", "rural", "small municipalities", "legitimacy", "home care"],
        ["SJPH", "RRH", "HSCC"],
        variants=[dict(k="three", country_adj="Norwegian", m="14", n="21"),
                  dict(k="four", country_adj="Finnish", m="9", n="18")],
    ),
    Seed(
        "selfmanaged_teams_office", "en", "I",
        "Self-managing home care teams and the assessment office: rebalancing trust and control after a Buurtzorg-inspired reform",
        "Several Nordic municipalities have introduced self-managing home care teams inspired by the Dutch "
        "Buurtzorg model. We examined how such reforms changed the relationship between home care teams and the "
        "municipal allocation office in one large {country_adj} municipality. Data comprised {n} interviews, "
        "documents and observation of weekly coordination meetings over {months} months. Decisions became "
        "framework decisions, giving teams discretion over the content and timing of visits. Teams valued the "
        "trust, while the office worried about documentation lagging behind changes in services and about "
        "unequal practices between teams. Regular joint meetings gradually built mutual trust. The findings "
        "show that trust-based reforms reconfigure rather than remove the allocation function.",
        ["trust-based management", "self-managing teams", "Buurtzorg", "allocation office", "home care"],
        ["IJIC", "BMCHSR", "SPA"],
        variants=[dict(country_adj="Norwegian", n="31", months="18"),
                  dict(country_adj="Swedish", n="26", months="12", _label="T:" + NO_FULLTEXT)],
    ),
    Seed(
        "interkommunal", "no", "I",
        "Interkommunalt samarbeid om tildeling av helse- og omsorgstjenester: erfaringer fra tre kommuner",
        "Små kommuner har ofte få fagpersoner som kan fatte vedtak om helse- og omsorgstjenester. Denne studien "
        "undersøker et interkommunalt samarbeid der tre kommuner deler vedtakskontor og en felles "
        "tildelingsveileder. Vi intervjuet {n} ledere, saksbehandlere og tjenesteytere. Samarbeidet ga bedre "
        "juridisk kvalitet i vedtakene og et mer robust fagmiljø, men informantene opplevde lengre avstand til "
        "brukerne og uklare ansvarslinjer når kommunene hadde ulike budsjetter og tjenestetilbud. Felles "
        "tildelingsveileder ble oppfattet som et viktig verktøy for likebehandling.",
        ["interkommunalt samarbeid", "tildeling", "vedtakskontor", "små kommuner", "tildelingsveileder"],
        ["TFO", "NVF"],
        variants=[dict(n="16")],
    ),
    Seed(
        "longterm_waiting", "en", "I",
        "Allocation of long-term care places: priority criteria and waiting lists in {country_adj} municipalities",
        "Access to nursing homes is rationed through municipal allocation decisions. Using registry data on "
        "{n} applications for long-term care in {k} municipalities and local priority criteria, we examined who "
        "was granted a place and how long applicants waited. Cognitive impairment and living alone predicted "
        "admission, whereas the allocation model (separate office versus allocation committee) was associated "
        "with differences in waiting time. Municipalities with written waiting-list criteria had shorter and "
        "less variable waiting times. Transparent criteria may support fairer distribution of scarce places.",
        ["long-term care", "nursing homes", "waiting lists", "priority setting", "allocation"],
        ["BMCG", "SJPH", "AAS"],
        variants=[dict(country_adj="Norwegian", n="3 412", k="22"), dict(country_adj="Danish", n="5 180", k="17", _label="T:" + WRONG_CONCEPT)],
        mesh=["Nursing Homes", "Waiting Lists", "Health Priorities", "Long-Term Care"],
    ),
    Seed(
        "danish_visitation", "en", "I",
        "Visitation and free choice in Danish home help: the role of municipal needs assessors",
        "In Denmark municipal needs assessors (visitators) decide on home help, while users can choose between "
        "public and private providers. Based on {n} interviews and analysis of service catalogues in {k} "
        "municipalities, this article shows how the purchaser-provider split and free choice reshaped the "
        "assessors' work. Assessors translated needs into standardised service packages and time units, and "
        "follow-up assessments were increasingly replaced by provider reports. The article argues that the "
        "assessment function became more distant from users and discusses implications for user involvement "
        "and continuity.",
        ["visitation", "home help", "free choice", "purchaser-provider", "Denmark"],
        ["SPA", "HSCC"],
        variants=[dict(n="27", k="five")],
    ),
    Seed(
        "avlastning_variasjon", "no", "I",
        "Avlastning og omsorgsstønad: variasjon i kommunale vedtak til pårørende",
        "Avlastning og omsorgsstønad er sentrale tiltak for å støtte pårørende med tunge omsorgsoppgaver. "
        "Studien kartlegger hvordan kommunene vurderer og fatter vedtak om slike tjenester. Vi kombinerte en "
        "spørreundersøkelse til {k} kommuner med {n} intervjuer med saksbehandlere. Timetallet for avlastning ved "
        "sammenlignbare situasjoner varierte med flere hundre timer per måned, og bare et mindretall hadde "
        "skriftlige kriterier for omsorgsstønad. Klager til Statsforvalteren gjaldt oftest begrunnelsen for "
        "timetallet. Studien peker på behov for tydeligere kriterier og bedre begrunnede vedtak.",
        ["avlastning", "omsorgsstønad", "pårørende", "vedtak", "variasjon"],
        ["TFO", "TVF"],
        variants=[dict(k="118", n="14")],
    ),
    Seed(
        "what_matters", "en", "I",
        "Implementing 'What matters to you?' in needs assessment for municipal care services",
        "Person-centred care requires that needs assessment starts from the user's own goals. We evaluated the "
        "implementation of the 'What matters to you?' question in the needs assessment routines of {k} "
        "{country_adj} municipalities. Data included {n} interviews with assessment staff and users and "
        "{r} assessment records before and after implementation. Users' goals were documented more often after "
        "implementation ({pre} % vs {post} %), but decisions still described services rather than goals. Staff "
        "in separate allocation units found the question harder to use than staff in integrated models. Embedding "
        "users' goals in the decision letter is a next step.",
        ["person-centred care", "needs assessment", "user involvement", "what matters to you", "home care"],
        ["BMCHSR", "SJCS"],
        variants=[dict(k="two", country_adj="Norwegian", n="23", r="160", pre="18", post="47")],
        mesh=["Patient-Centered Care", "Needs Assessment", "Patient Participation"],
    ),
    Seed(
        "scoping_allocation", "en", "I",
        "Organisation of the allocation of municipal health and care services: a scoping review",
        "Municipalities organise the allocation of health and care services in different ways, from integrated "
        "allocation within service units to separate purchaser offices. This scoping review mapped research on "
        "how the allocation function is organised and what is known about consequences. Following Arksey and "
        "O'Malley and the JBI guidance, we searched {dbs} databases and screened {n} records. {inc} studies "
        "were included, mostly qualitative studies from Nordic countries. Models were described as "
        "purchaser-provider, allocation teams, integrated allocation and inter-municipal cooperation. Few studies "
        "assessed outcomes for users. More comparative research is needed.",
        ["scoping review", "allocation", "purchaser-provider", "municipal care", "organisation"],
        ["SJPH", "IJIC"],
        variants=[dict(dbs="six", n="1 204", inc="31")],
    ),
    Seed(
        "complaints_statsforvalter", "no", "I",
        "Klager på vedtak om helse- og omsorgstjenester: hva sier Statsforvalterens avgjørelser om kommunenes tildelingspraksis?",
        "Klagesaker gir innsikt i svakheter i kommunenes saksbehandling. Vi analyserte {n} avgjørelser fra "
        "Statsforvalteren i klagesaker om hjemmetjenester, avlastning, omsorgsstønad og langtidsopphold. I om lag "
        "en tredel av sakene ble vedtaket opphevet eller endret, oftest på grunn av mangelfull kartlegging og "
        "begrunnelse. Kommuner med eget tildelingskontor hadde noe lavere andel opphevede vedtak enn kommuner "
        "med integrert tildeling. Funnene tyder på at organiseringen av tildelingen har betydning for "
        "rettssikkerheten.",
        ["klagesaker", "Statsforvalteren", "rettssikkerhet", "vedtak", "tildeling"],
        ["TFO", "LOR"],
        variants=[dict(n="412")],
    ),
    Seed(
        "hospital_discharge_allocation", "en", "I",
        "Allocation decisions for patients ready for discharge: municipal allocation units at the hospital interface",
        "When hospital patients are ready for discharge, municipal allocation units decide what services they "
        "will receive. We studied this interface in {k} {country_adj} municipalities through {n} interviews "
        "with allocation officers, hospital discharge coordinators and home care managers. Allocation officers "
        "experienced strong pressure to accept patients quickly to avoid daily payments, which led to frequent "
        "use of short-term stays. Electronic messages lacked information about function. Municipalities with "
        "dedicated liaison roles reported better coordination. Organising the allocation function affects "
        "continuity in transitional care.",
        ["hospital discharge", "transitional care", "allocation unit", "coordination", "short-term stay"],
        ["BMCHSR", "IJIC"],
        variants=[dict(k="four", country_adj="Norwegian", n="28")],
        mesh=["Patient Discharge", "Continuity of Patient Care", "Community Health Services"],
    ),
    # ------------------------------------------------------------------ relevant at TA, excluded at FT
    Seed(
        "editorial_bum", "no", "T:" + WRONG_TYPE,
        "Bør bestiller–utfører-modellen avvikles i kommunene?",
        "Kommentar. Bestiller–utfører-modellen ble innført i mange kommuner for å skille myndighetsutøvelse fra "
        "tjenesteyting og sikre likebehandling. I denne kommentaren argumenterer forfatterne for at modellen har "
        "bidratt til detaljstyring, minuttvedtak og svekket faglig autonomi i hjemmetjenesten, og at tillitsbaserte "
        "modeller bør prøves ut. Samtidig advares det mot å avvikle tildelingskontorene uten å ivareta "
        "rettssikkerheten. Kommentaren bygger ikke på nye data, men på forfatternes erfaringer og tidligere "
        "forskning.",
        ["bestiller-utfører", "tillitsreform", "kommentar", "hjemmetjenester"],
        ["SPF", "LOR"],
    ),
    Seed(
        "interrai_conf", "en", "T:" + WRONG_TYPE,
        "Implementing interRAI Home Care as a standard needs assessment instrument: early experiences from {country_adj} municipalities",
        "Conference abstract. {country_adj} municipalities are introducing the interRAI Home Care instrument to "
        "standardise needs assessment for home care. We report early experiences from {k} municipalities. "
        "Assessors found the instrument comprehensive but time-consuming, and managers expected it to support "
        "more equal allocation decisions. Preliminary data indicate that assessments took on average {t} minutes. "
        "Full results will be presented at the conference.",
        ["interRAI", "needs assessment", "home care", "standardisation", "conference abstract"],
        ["IJIC"],
        variants=[dict(country_adj="Finnish", k="eight", t="95"), dict(country_adj="Norwegian", k="three", t="110")],
    ),
    Seed(
        "medicaid_hcbs", "en", "T:" + WRONG_CONTEXT,
        "Variation in eligibility assessment for Medicaid home and community-based services across US states",
        "Eligibility for Medicaid home and community-based services (HCBS) is determined by state-specific "
        "functional assessments. Using data from {k} states, we compared assessment instruments, eligibility "
        "thresholds and the organisation of assessment agencies. States that contracted assessment to independent "
        "agencies had lower approval rates than states where providers conducted assessments. Thresholds for "
        "nursing facility level of care varied substantially. The findings highlight the role of assessment "
        "organisation in access to long-term services and supports.",
        ["Medicaid", "home and community-based services", "eligibility", "functional assessment", "long-term care"],
        ["JASP", "GER"],
        variants=[dict(k="41")],
        mesh=["Medicaid", "Home Care Services/economics", "Eligibility Determination", "United States"],
    ),
    Seed(
        "ltci_japan", "en", "T:" + WRONG_CONTEXT,
        "Certification of long-term care needs under social insurance: inter-municipal variation in Japan",
        "Under Japan's long-term care insurance, municipal certification committees assign applicants to care "
        "need levels that determine benefits. We analysed {n} certification decisions from {k} municipalities. "
        "After adjustment for functional status, the probability of being assigned a higher care level varied "
        "between municipalities, and committees overrode the computerised first-stage assessment in {o} % of "
        "cases. Committee composition was associated with override rates. Standardisation of committee "
        "procedures may improve consistency.",
        ["long-term care insurance", "care needs certification", "Japan", "variation", "committee"],
        ["GGI", "JASP"],
        variants=[dict(n="48 920", k="29", o="12")],
        mesh=["Insurance, Long-Term Care", "Japan", "Disability Evaluation"],
    ),
    Seed(
        "pflegegrad", "en", "T:" + WRONG_CONTEXT,
        "Assessment of care grades in German long-term care insurance after the 2017 reform",
        "The 2017 reform of German long-term care insurance introduced five care grades based on a new "
        "assessment of independence. Using {n} assessments performed by the medical review board, we examined how "
        "the new assessment changed the distribution of care grades and appeal rates. People with cognitive "
        "impairment more often received benefits than before the reform. Appeals were lodged in {a} % of "
        "assessments. The study informs debate on standardised eligibility assessment in social insurance "
        "systems.",
        ["long-term care insurance", "Germany", "care grades", "eligibility assessment", "appeals"],
        ["GER", "HP"],
        variants=[dict(n="12 304", a="9")],
    ),
    Seed(
        "time_pressure_bum", "en", "T:" + WRONG_CONCEPT,
        "Time pressure and moral stress among home care nurses working under a purchaser-provider model",
        "Purchaser-provider models translate decisions into detailed time allocations for each visit. This study "
        "examined how home care nurses experience time pressure and moral stress in such systems. A survey of "
        "{n} nurses and assistants in {k} {country_adj} municipalities was combined with {i} interviews. Most "
        "respondents reported frequent conflicts between allotted time and perceived needs, and moral stress was "
        "associated with intention to leave. The study focuses on working conditions of providers rather than the "
        "allocation process itself.",
        ["time pressure", "moral stress", "home care nurses", "purchaser-provider", "working conditions"],
        ["SJCS", "NO", "HSCC"],
        variants=[dict(n="612", k="eight", country_adj="Norwegian", i="15"),
                  dict(n="1 045", k="11", country_adj="Swedish", i="20", _label="X")],
    ),
    Seed(
        "quality_indicators_hc", "en", "T:" + WRONG_CONCEPT,
        "Quality indicators for municipal home care: a Delphi study",
        "Municipalities lack agreed indicators for monitoring the quality of home care. We conducted a three-round "
        "Delphi study with {n} experts (users, nurses, managers, allocation officers and researchers) in "
        "{country}. Consensus was reached on {q} indicators, including continuity of staff, documented user goals, "
        "waiting time for decisions and proportion of users offered reablement. The indicator set can support "
        "municipal quality work. Allocation was addressed only as one of several indicators.",
        ["quality indicators", "home care", "Delphi", "municipal services"],
        ["BMCHSR", "SJCS"],
        variants=[dict(n="38", country="Norway", q="17"), dict(n="44", country="Sweden", q="21", _label="X")],
    ),
    Seed(
        "npm_eldercare", "en", "T:" + WRONG_CONCEPT,
        "New public management and the marketisation of Nordic eldercare",
        "Over three decades, Nordic eldercare has been reformed by new public management, including purchaser-"
        "provider splits, competitive tendering and free choice. This article reviews policy documents and "
        "statistics from {c} countries to describe the scope of marketisation. Private providers expanded most "
        "in Sweden and least in Norway. The article discusses consequences for the universal welfare model but "
        "does not examine how needs are assessed or allocation decisions organised.",
        ["new public management", "marketisation", "eldercare", "Nordic welfare model", "privatisation"],
        ["SPA", "NJSR", "AAS"],
        variants=[dict(c="four")],
    ),
    Seed(
        "free_choice_lov", "en", "T:" + WRONG_CONCEPT,
        "Free choice of provider in Swedish home help: who chooses and who benefits?",
        "Sweden's Act on System of Choice (LOV) allows home help users to choose between providers. Using register "
        "data on {n} users in {k} municipalities, we examined who actively chose a private provider. Active "
        "choosers had higher education and lived in urban municipalities. Choice did not affect the number of "
        "granted hours. The study addresses provider choice after allocation, not the organisation of needs "
        "assessment.",
        ["free choice", "home help", "Sweden", "private providers", "equity"],
        ["SPA", "SJPH"],
        variants=[dict(n="84 211", k="160")],
    ),
    Seed(
        "discharge_hospital_staff", "en", "T:" + WRONG_POPULATION,
        "Hospital discharge planning for older patients: nurses' perspectives on coordination with community services",
        "Discharge of older patients requires coordination with community care. This qualitative study "
        "interviewed {n} hospital ward nurses in {country} about discharge planning. Nurses described limited "
        "knowledge of municipal services and allocation procedures, and frustration when municipalities did not "
        "accept patients. Structured discharge conversations were suggested. The study focuses on hospital "
        "staff and hospital processes.",
        ["discharge planning", "hospital nurses", "older patients", "coordination", "care transitions"],
        ["JCN", "SJCS", "BMCHSR"],
        variants=[dict(n="16", country="Norway"), dict(n="21", country="Denmark", _label="X")],
    ),
    Seed(
        "selfassessment_app", "en", "T:" + NO_FULLTEXT,
        "A digital self-assessment tool for applicants to municipal home care: usability evaluation",
        "Digital application forms may allow applicants to describe their own needs before an assessment visit. "
        "We evaluated the usability of a self-assessment tool with {n} older applicants and relatives in one "
        "{country_adj} municipality. Participants found the tool understandable, but many needed help from "
        "relatives. Allocation officers valued the information as preparation for home visits. Further "
        "development should address accessibility for people with low digital literacy.",
        ["self-assessment", "digital application", "home care", "usability", "older adults"],
        ["IJMI", "BMCHSR"],
        variants=[dict(n="24", country_adj="Danish")],
    ),
    Seed(
        "australia_aged_care", "en", "T:" + WRONG_CONTEXT,
        "Navigating aged care assessment in Australia: experiences of older people and carers",
        "Access to government-subsidised aged care in Australia requires an assessment by an aged care assessment "
        "team through a national gateway. We interviewed {n} older people and carers about their experience of "
        "the assessment process. Participants described confusion, long waits for home care packages after "
        "approval and reliance on intermediaries. The findings inform reform of the national assessment system.",
        ["aged care assessment", "Australia", "home care packages", "older people", "carers"],
        ["AJA", "HSCC"],
        variants=[dict(n="32")],
    ),
    Seed(
        "uk_eligibility", "en", "T:" + WRONG_CONCEPT,
        "Local authority eligibility criteria for adult social care in England: trends in spending and access",
        "English local authorities decide on access to adult social care using national eligibility criteria. "
        "Using official statistics for {k} local authorities, we examined trends in requests for support, "
        "spending and the proportion of requests leading to long-term care. Spending per older person fell in "
        "real terms, and the share of requests resulting in long-term support declined. The analysis is based "
        "on aggregate expenditure data and does not describe how assessment is organised.",
        ["adult social care", "eligibility", "England", "local authorities", "austerity"],
        ["HSCC", "SPA"],
        variants=[dict(k="152")],
    ),
    Seed(
        "sykepleiere_rolle_tildeling", "no", "T:" + WRONG_TYPE,
        "Sykepleierens rolle i tildelingsarbeidet – et fagessay",
        "Fagessay. Sykepleiere utgjør den største yrkesgruppen i kommunale tildelingskontor. Forfatteren drøfter, "
        "med utgangspunkt i egen erfaring som saksbehandler, hvilken kompetanse tildelingsarbeidet krever, og "
        "hvordan sykepleiefaglig skjønn kan forenes med forvaltningsrettslige krav. Essayet argumenterer for at "
        "tildelingsarbeid bør bli et eget tema i videreutdanningene. Teksten presenterer ikke empiriske data.",
        ["sykepleie", "tildelingskontor", "kompetanse", "fagessay", "saksbehandling"],
        ["SPF", "NSF"],
    ),
    Seed(
        "kostra_variation", "no", "T:" + WRONG_CONCEPT,
        "Variasjon i ressursbruk i pleie- og omsorgstjenestene: en analyse av KOSTRA-data",
        "Kommunene bruker svært ulikt på pleie og omsorg per innbygger over 80 år. Vi analyserte KOSTRA-data for "
        "{k} kommuner for perioden {p} for å forklare variasjonen. Kommunestørrelse, bosettingsmønster og andel "
        "eldre forklarte en stor del, mens dekningsgrad for institusjon forklarte mye av den resterende "
        "variasjonen. Analysen omfatter ikke hvordan tildelingen er organisert.",
        ["KOSTRA", "ressursbruk", "pleie og omsorg", "kommuner", "variasjon"],
        ["NVF", "TVF"],
        variants=[dict(k="356", p="2015–2022")],
    ),
    Seed(
        "ipl_registration", "en", "T:" + WRONG_CONCEPT,
        "Reliability of functional assessment scores in the {country_adj} municipal care register",
        "Municipal care registers record functional assessment scores for all service users. We studied the "
        "inter-rater reliability of the scores by having {n} pairs of staff assess the same users independently. "
        "Agreement was moderate (weighted kappa {kap}), lowest for social participation items. Reliability was "
        "similar in municipalities with and without a separate allocation office. Better training is needed if "
        "scores are to be used in allocation and funding.",
        ["IPLOS", "functional assessment", "reliability", "register data", "home care"],
        ["SJPH", "BMCHSR"],
        variants=[dict(country_adj="Norwegian", n="118", kap="0.58")],
    ),
    Seed(
        "rehab_rct", "en", "T:" + WRONG_CONCEPT,
        "Effectiveness of reablement for older home care applicants: a randomised controlled trial",
        "Reablement is promoted as a way to reduce the need for home care. In this pragmatic trial, {n} older "
        "adults applying for home care in {k} {country_adj} municipalities were randomised to reablement or usual "
        "care. After ten weeks the reablement group had better self-rated performance of daily activities, but "
        "there were no differences in health-related quality of life or in use of home care after nine months. "
        "The trial evaluates an intervention rather than the organisation of allocation.",
        ["reablement", "randomised controlled trial", "home care", "older adults", "daily activities"],
        ["BMCG", "CR", "JAGS"],
        variants=[dict(n="61", k="ten", country_adj="Norwegian"), dict(n="142", k="four", country_adj="Danish")],
        mesh=["Rehabilitation", "Activities of Daily Living", "Randomized Controlled Trials as Topic", "Aged"],
    ),
    Seed(
        "bpa_rights", "no", "T:" + WRONG_CONCEPT,
        "Brukerstyrt personlig assistanse som rettighet: en rettslig analyse",
        "Fra 2015 fikk personer under 67 år med stort behov for tjenester rett til brukerstyrt personlig "
        "assistanse (BPA). Artikkelen analyserer lovforarbeider og praksis fra Statsforvalteren for å belyse "
        "hvordan rettigheten avgrenses. Det konkluderes med at vilkårene om timetall og varighet praktiseres "
        "ulikt. Artikkelen drøfter rettighetens innhold, ikke kommunenes organisering av tildelingen.",
        ["BPA", "rettighet", "juridisk analyse", "brukerstyring"],
        ["LOR", "TVF"],
    ),
    # ------------------------------------------------------------------ excluded at title/abstract
    Seed(
        "drug_trial", "en", "X",
        "{drug} versus placebo in patients with {cond}: a randomised, double-blind, multicentre trial",
        "Background: Effective treatment options for {cond} remain limited. Methods: In this phase {phase} trial "
        "at {k} hospital centres, {n} adult patients were randomly assigned to {drug} or placebo for {w} weeks. "
        "The primary endpoint was {endpoint}. Results: The primary endpoint was met by {a} % in the {drug} group "
        "and {b} % in the placebo group. Serious adverse events were similar between groups, although nausea was "
        "more frequent with {drug}. Conclusions: {drug} improved {endpoint_short} compared with placebo. Longer "
        "trials are needed to establish durability and safety.",
        ["randomised controlled trial", "placebo", "hospital"],
        ["NEJM", "LANCET", "BMJ"],
        variants=[
            dict(drug="Semaglutide", cond="heart failure with preserved ejection fraction", phase="3", k="96",
                 n="529", w="52", endpoint="change in the Kansas City Cardiomyopathy Questionnaire score",
                 a="41", b="28", endpoint_short="symptoms and physical limitations"),
            dict(drug="Tirzepatide", cond="obstructive sleep apnoea and obesity", phase="3", k="60", n="469",
                 w="52", endpoint="change in the apnoea-hypopnoea index", a="52", b="19",
                 endpoint_short="sleep-disordered breathing"),
            dict(drug="Baricitinib", cond="severe alopecia areata", phase="3", k="70", n="654", w="36",
                 endpoint="a Severity of Alopecia Tool score of 20 or less", a="35", b="5",
                 endpoint_short="scalp hair regrowth"),
            dict(drug="Finerenone", cond="chronic kidney disease and type 2 diabetes", phase="3", k="48",
                 n="1 120", w="104", endpoint="a composite of kidney failure or sustained decline in eGFR",
                 a="17", b="21", endpoint_short="kidney outcomes"),
        ],
        mesh=["Randomized Controlled Trials as Topic", "Double-Blind Method", "Treatment Outcome"],
    ),
    Seed(
        "school_health", "en", "X",
        "School health nurses' work with {topic} in {country_adj} lower secondary schools",
        "School health services are a universal, low-threshold service for children and adolescents. This study "
        "explored how school health nurses work with {topic}. We conducted {n} interviews with school nurses in "
        "{k} municipalities. Nurses described a demanding role with limited time, a need for interprofessional "
        "collaboration with teachers and child welfare services, and uncertainty about follow-up routines. "
        "Structured guidelines and more nurse positions were requested.",
        ["school health services", "school nurses", "adolescents"],
        ["JSN", "SJCS", "SPF"],
        variants=[dict(topic="adolescents' mental health", country_adj="Norwegian", n="14", k="seven"),
                  dict(topic="overweight and obesity", country_adj="Swedish", n="18", k="five"),
                  dict(topic="school absenteeism", country_adj="Finnish", n="12", k="four")],
    ),
    Seed(
        "dentistry", "en", "X",
        "{topic}: a {design} in {country} public dental services",
        "Aims: To investigate {topic_lc} in the public dental service. Methods: A {design} including {n} "
        "{subjects} in {country}. Clinical examinations and questionnaires were used; data were analysed with "
        "logistic regression. Results: {finding} Conclusion: Preventive dental care should be strengthened for "
        "this group, and routines for recall intervals should be reviewed.",
        ["dentistry", "oral health", "public dental service"],
        ["AOS", "CDOE"],
        variants=[
            dict(topic="Caries prevalence among 12-year-olds", topic_lc="caries prevalence in children",
                 design="cross-sectional study", country="Norway", n="2 114", subjects="children aged 12",
                 finding="Caries experience was higher among children of immigrant background and in rural areas."),
            dict(topic="Oral health among nursing home residents", topic_lc="oral health in nursing homes",
                 design="cross-sectional study", country="Sweden", n="512", subjects="nursing home residents",
                 finding="Two thirds had poor oral hygiene, associated with dependence in daily care."),
            dict(topic="Dental anxiety and missed appointments in young adults",
                 topic_lc="dental anxiety and non-attendance", design="cohort study", country="Finland",
                 n="3 006", subjects="young adults", finding="High dental anxiety predicted missed appointments."),
        ],
    ),
    Seed(
        "icu_sedation", "en", "X",
        "Light versus deep sedation in mechanically ventilated ICU patients: a {design}",
        "Sedation practices vary in intensive care units. We conducted a {design} including {n} mechanically "
        "ventilated adults in {k} ICUs. Light sedation was associated with fewer ventilator days and shorter ICU "
        "stay, without increase in self-extubation. Mortality at 90 days did not differ. Protocolised light "
        "sedation should be standard practice.",
        ["intensive care", "sedation", "mechanical ventilation"],
        ["AAS_ANAES", "CCM"],
        variants=[dict(design="cluster randomised trial", n="1 206", k="14"),
                  dict(design="registry-based cohort study", n="8 912", k="33")],
    ),
    Seed(
        "vaccination_children", "en", "X",
        "Parental hesitancy and childhood vaccination coverage in {country}: a population-based study",
        "Childhood vaccination coverage has declined in some areas. Using national immunisation registry data "
        "for {n} children and a survey of parents, we examined determinants of incomplete vaccination. Coverage "
        "for measles was {cov} %, lower in some urban districts. Parental concerns about safety and low trust in "
        "health authorities were associated with incomplete vaccination. Targeted communication through child "
        "health centres is recommended.",
        ["vaccination", "children", "vaccine hesitancy", "public health"],
        ["VACCINE", "SJPH"],
        variants=[dict(country="Norway", n="58 412", cov="95"), dict(country="Sweden", n="112 300", cov="96")],
    ),
    Seed(
        "covid_nursing_homes", "en", "X",
        "COVID-19 outbreaks in nursing homes during the first pandemic wave: a {country_adj} registry study",
        "Nursing home residents were severely affected in the first wave of COVID-19. Using national registries, "
        "we identified outbreaks in {n} nursing homes and examined facility characteristics. Larger facilities and "
        "high community incidence were associated with outbreaks, whereas staffing ratios were not. Case fatality "
        "among infected residents was {cf} %. Infection control and testing of staff are key preventive measures.",
        ["COVID-19", "nursing homes", "outbreaks", "infection control"],
        ["JAMDA", "BMJO", "SJPH"],
        variants=[dict(country_adj="Norwegian", n="112", cf="27"), dict(country_adj="Swedish", n="403", cf="33")],
    ),
    Seed(
        "fall_prevention", "en", "X",
        "Effect of a home-based exercise programme on falls among community-dwelling older adults: randomised trial",
        "Falls are a major cause of injury in older people. In this randomised trial, {n} community-dwelling "
        "adults aged 70 years or older were allocated to a home-based strength and balance programme or to usual "
        "activity. After 12 months the fall rate was {red} % lower in the exercise group. Adherence was moderate. "
        "Home-based exercise is an effective fall prevention strategy.",
        ["falls", "exercise", "older adults", "randomised controlled trial"],
        ["BMJ", "JAGS", "AA"],
        variants=[dict(n="506", red="23"), dict(n="321", red="31")],
        mesh=["Accidental Falls/prevention & control", "Exercise Therapy", "Aged"],
    ),
    Seed(
        "gp_workload", "en", "X",
        "Workload and working hours of general practitioners in {country}: a national survey",
        "Recruitment to general practice has become difficult. We surveyed {n} general practitioners about "
        "working hours and tasks. Mean working time was {h} hours per week, of which a large share was "
        "administrative work and communication with municipal services. Long working hours were associated with "
        "intention to leave. Reducing administrative load is recommended.",
        ["general practice", "workload", "recruitment", "primary care"],
        ["SJPHC", "BMJO"],
        variants=[dict(country="Norway", n="1 492", h="55"), dict(country="Denmark", n="1 011", h="47")],
    ),
    Seed(
        "maternity", "en", "X",
        "Distance to maternity unit and birth outcomes in rural {country}",
        "Centralisation of maternity services has increased travel distances. Using the medical birth registry "
        "({n} births), we examined associations between travel time and unplanned births outside institutions "
        "and perinatal outcomes. Travel time over 90 minutes was associated with more unplanned births outside "
        "hospital but not with perinatal mortality. Plans for transport and local midwifery services are needed.",
        ["maternity services", "rural health", "birth outcomes", "travel distance"],
        ["AOGS", "SJPH"],
        variants=[dict(country="Norway", n="412 558"), dict(country="Finland", n="398 004")],
    ),
    Seed(
        "antibiotics_nh", "en", "X",
        "Antibiotic prescribing for urinary tract infections in nursing homes: an intervention study",
        "Antibiotic prescribing in nursing homes is often inappropriate. We implemented an educational "
        "intervention for physicians and nurses in {k} nursing homes and compared prescribing with {c} control "
        "homes. Prescriptions for urinary tract infection fell by {r} % in intervention homes. No increase in "
        "hospitalisations was observed. Antibiotic stewardship in nursing homes is feasible and safe.",
        ["antibiotic stewardship", "nursing homes", "urinary tract infection"],
        ["JAC", "BMCG", "SJPHC"],
        variants=[dict(k="16", c="16", r="38")],
    ),
    Seed(
        "msk_home_care_workers", "en", "X",
        "Musculoskeletal pain and sickness absence among home care workers: a prospective cohort study",
        "Home care work involves heavy physical tasks. In a cohort of {n} home care workers in {country}, we "
        "examined associations between physical workload, musculoskeletal pain and sickness absence over two "
        "years. Frequent lifting and awkward postures predicted pain, which in turn predicted long-term sickness "
        "absence. Assistive devices and ergonomic training may reduce absence.",
        ["home care workers", "musculoskeletal pain", "sickness absence", "occupational health"],
        ["SJWEH", "IAOEH"],
        variants=[dict(n="1 374", country="Denmark"), dict(n="2 015", country="Norway")],
    ),
    Seed(
        "dementia_mapping", "en", "X",
        "Dementia care mapping to reduce agitation in nursing home residents: a cluster randomised trial",
        "Agitation is common among nursing home residents with dementia. {k} nursing homes were randomised to "
        "dementia care mapping or usual care. After ten months, agitation scores did not differ significantly, "
        "but staff reported improved understanding of residents. Implementation fidelity was variable.",
        ["dementia", "nursing homes", "agitation", "person-centred care"],
        ["IPG", "AM", "BMCG"],
        variants=[dict(k="31"), dict(k="50")],
    ),
    Seed(
        "welfare_tech_adoption", "en", "X",
        "Staff acceptance of welfare technology in home care: a survey in {country_adj} municipalities",
        "Welfare technologies such as electronic medicine dispensers and digital night surveillance are "
        "introduced in home care. We surveyed {n} home care employees about acceptance of these technologies "
        "using the UTAUT model. Perceived usefulness and facilitating conditions predicted intention to use. "
        "Concerns were raised about privacy and about reduced human contact. Training and involvement of staff "
        "in implementation are recommended.",
        ["welfare technology", "home care", "technology acceptance", "digital health"],
        ["IJMI", "BMCHSR", "HSCC"],
        variants=[dict(country_adj="Norwegian", n="734"), dict(country_adj="Swedish", n="512")],
    ),
    Seed(
        "caregiver_burden", "en", "X",
        "Burden and health among informal caregivers of people with dementia in {country}",
        "Informal caregivers provide a large share of care for people with dementia. In a survey of {n} "
        "caregivers, we examined caregiver burden and self-rated health. Spouses reported higher burden than "
        "adult children, and burden was associated with behavioural symptoms and lack of respite. Caregivers "
        "who used day care reported lower burden. Support to caregivers should be tailored.",
        ["informal caregivers", "dementia", "caregiver burden", "respite"],
        ["AM", "SJCS", "BMCG"],
        variants=[dict(country="Norway", n="431"), dict(country="Finland", n="612")],
    ),
    Seed(
        "ambulance", "en", "X",
        "Ambulance response times in rural and urban areas of {country}: a registry study",
        "Ambulance response time is a key indicator of emergency medical services. Using {n} emergency missions, "
        "we compared response times between rural and urban municipalities. Median response time was {r} "
        "minutes in rural and {u} minutes in urban areas; the national target was met in {t} % of rural "
        "missions. Alternative first responder schemes may improve rural coverage.",
        ["emergency medical services", "ambulance", "response time", "rural health"],
        ["SJTREM", "BMCHSR"],
        variants=[dict(country="Norway", n="712 044", r="19", u="9", t="61")],
    ),
    Seed(
        "nutrition_nh", "en", "X",
        "Malnutrition among nursing home residents: prevalence and associated factors",
        "Malnutrition is common but underdiagnosed among older people in institutions. In a cross-sectional "
        "study of {n} residents in {k} nursing homes, {p} % were at risk of malnutrition or malnourished. "
        "Dependence in eating and dementia were associated with malnutrition. Routine screening and individual "
        "nutrition plans should be implemented.",
        ["malnutrition", "nursing homes", "older adults", "nutrition screening"],
        ["CN", "BMCG", "SJCS"],
        variants=[dict(n="884", k="18", p="44")],
    ),
    Seed(
        "teledermatology", "en", "X",
        "Teledermatology referrals from primary care: diagnostic agreement and waiting times",
        "Teledermatology may reduce waiting times for specialist assessment. We compared {n} teledermatology "
        "referrals with face-to-face consultations. Diagnostic agreement was {a} % and median waiting time fell "
        "from {w1} to {w2} days. Image quality was the main limitation.",
        ["teledermatology", "telemedicine", "referrals", "waiting times"],
        ["ADV", "JTT"],
        variants=[dict(n="1 021", a="81", w1="64", w2="9")],
    ),
    Seed(
        "psychiatric_inpatient", "en", "X",
        "Use of coercion in psychiatric inpatient units: variation between hospitals in {country}",
        "Coercive measures in psychiatry vary between hospitals. Using national patient registry data from {k} "
        "hospitals, we examined use of mechanical restraint and seclusion. After adjustment for patient "
        "characteristics, rates varied fourfold. Hospitals with high staff turnover had higher rates. Ward "
        "culture appears to influence the use of coercion.",
        ["coercion", "psychiatry", "inpatient", "restraint"],
        ["NJP", "BMCP"],
        variants=[dict(country="Norway", k="27")],
    ),
    Seed(
        "physical_activity_youth", "en", "X",
        "Physical activity trajectories from childhood to adolescence: a longitudinal study",
        "Physical activity declines from childhood to adolescence. We followed {n} children with accelerometer "
        "measurements at ages 9, 12 and 15 years. Three trajectory groups were identified; the steepest decline "
        "was found among girls and children of parents with low education. Interventions should start before "
        "adolescence.",
        ["physical activity", "children", "adolescents", "accelerometry"],
        ["IJBNPA", "SJMSS"],
        variants=[dict(n="1 129"), dict(n="2 301")],
    ),
    Seed(
        "cancer_screening", "en", "X",
        "Participation in colorectal cancer screening by immigrant background in {country}",
        "Screening for colorectal cancer was introduced nationally using faecal immunochemical tests. Among {n} "
        "invited individuals, participation was {p} % overall and lower among immigrants, particularly from "
        "Asia and Africa. Reminder letters in several languages increased participation. Tailored information "
        "may reduce inequalities.",
        ["cancer screening", "colorectal cancer", "immigrants", "inequality"],
        ["IJC", "SJPH"],
        variants=[dict(country="Norway", n="201 450", p="56")],
    ),
    Seed(
        "surgery_hip", "en", "X",
        "Time to surgery and mortality after hip fracture in older patients: a national cohort study",
        "Early surgery after hip fracture is recommended. In a national cohort of {n} patients aged 65 or older, "
        "surgery after 48 hours was associated with higher 30-day mortality. Weekend admission increased delays. "
        "Hospitals should organise capacity to operate within 24–48 hours.",
        ["hip fracture", "surgery", "mortality", "older patients"],
        ["AO", "BJJ"],
        variants=[dict(n="38 409"), dict(n="52 118")],
    ),
    Seed(
        "pharmacy_polypharmacy", "en", "X",
        "Pharmacist-led medication review in home care patients: a pilot study",
        "Polypharmacy is common among home care patients. In this pilot study, pharmacists reviewed the "
        "medication of {n} home care patients and made recommendations to general practitioners. On average "
        "{d} drug-related problems were identified per patient, and two thirds of recommendations were "
        "accepted. A larger trial is warranted.",
        ["polypharmacy", "medication review", "pharmacists", "home care"],
        ["EJHP", "BMCG"],
        variants=[dict(n="58", d="3.4")],
    ),
    Seed(
        "nursing_home_staffing", "en", "X",
        "Nurse staffing and quality of care in nursing homes: a longitudinal study",
        "The relationship between nurse staffing and quality in nursing homes remains debated. Using panel data "
        "from {k} nursing homes over {y} years, we found that higher registered nurse hours per resident day were "
        "associated with fewer pressure ulcers and hospitalisations, but not with fewer falls.",
        ["nurse staffing", "nursing homes", "quality of care", "pressure ulcers"],
        ["IJNS", "JAMDA"],
        variants=[dict(k="312", y="six")],
    ),
    Seed(
        "diabetes_primary", "en", "X",
        "Quality of diabetes care in general practice: a cross-sectional audit",
        "We audited diabetes care in {k} general practices using electronic records of {n} patients with type 2 "
        "diabetes. Annual HbA1c measurement was recorded for {p} % of patients, but foot and eye examinations "
        "were less frequently documented. Clinical decision support may improve adherence to guidelines.",
        ["diabetes", "general practice", "quality of care", "audit"],
        ["SJPHC", "BMJO"],
        variants=[dict(k="77", n="10 114", p="89")],
    ),
    Seed(
        "kad_beds", "en", "X",
        "Municipal acute beds as an alternative to hospital admission: patient characteristics and outcomes",
        "Norwegian municipalities are obliged to offer emergency inpatient beds for patients who would otherwise "
        "be admitted to hospital. In a registry study of {n} stays, the most common diagnoses were infections "
        "and exacerbations of chronic disease. One in five patients was transferred to hospital. The beds appear "
        "to serve a frail population, but medical staffing varies.",
        ["emergency beds", "primary care", "hospital admission", "frail elderly"],
        ["BMCHSR", "SJPHC"],
        variants=[dict(n="6 821")],
    ),
    Seed(
        "mental_health_youth_apps", "en", "X",
        "A smartphone app for anxiety in adolescents: randomised controlled trial",
        "Digital interventions may improve access to treatment for adolescents with anxiety. We randomised {n} "
        "adolescents with mild to moderate anxiety to a cognitive behavioural therapy app or waitlist. Anxiety "
        "symptoms decreased more in the app group after eight weeks (effect size {d}). Engagement declined over "
        "time.",
        ["anxiety", "adolescents", "mHealth", "cognitive behavioural therapy"],
        ["JMIR", "ECAP"],
        variants=[dict(n="214", d="0.42")],
    ),
    Seed(
        "pressure_ulcer_hospital", "en", "X",
        "Prevalence of pressure ulcers in hospitals: repeated national point prevalence surveys",
        "Pressure ulcers are a preventable adverse event. National point prevalence surveys in {k} hospitals "
        "showed a decrease from {a} % to {b} % over five years following a national patient safety programme. "
        "Prevalence remained high in intensive care and geriatric wards.",
        ["pressure ulcers", "patient safety", "hospitals", "prevalence"],
        ["JTV", "IJNS"],
        variants=[dict(k="32", a="18.2", b="12.4")],
    ),
    # ------------------------------------------------------------------ Norwegian-language, off-topic or borderline
    Seed(
        "skolehelse_no", "no", "X",
        "Helsesykepleieres erfaringer med {tema} i skolehelsetjenesten",
        "Skolehelsetjenesten er et lavterskeltilbud for barn og unge. Hensikten med studien var å utforske "
        "helsesykepleieres erfaringer med {tema}. Vi intervjuet {n} helsesykepleiere i {k} kommuner. "
        "Helsesykepleierne beskrev knapphet på tid, uklare samarbeidsrutiner med skolen og behov for mer "
        "kompetanse. Funnene kan brukes i videreutvikling av tjenesten.",
        ["skolehelsetjenesten", "helsesykepleier", "barn og unge"],
        ["SPF", "NSF", "TFO"],
        variants=[dict(tema="samtaler om psykisk helse", n="12", k="fem"),
                  dict(tema="oppfølging av elever med høyt skolefravær", n="9", k="tre")],
    ),
    Seed(
        "tannhelse_no", "no", "X",
        "Munnhelse hos hjemmeboende eldre med hjemmesykepleie",
        "Mange eldre beholder egne tenner høyt opp i alderen, og munnhelse er en utfordring i hjemmetjenesten. "
        "Vi undersøkte munnhelsen hos {n} hjemmeboende eldre med hjemmesykepleie og intervjuet {i} ansatte. "
        "Over halvparten hadde dårlig munnhygiene, og de ansatte opplevde munnstell som utenfor sitt ansvar. "
        "Samarbeid med den offentlige tannhelsetjenesten bør styrkes.",
        ["munnhelse", "tannhelse", "hjemmesykepleie", "eldre"],
        ["NTFT", "SPF"],
        variants=[dict(n="138", i="12")],
    ),
    Seed(
        "legemiddel_sykehjem", "no", "X",
        "Legemiddelgjennomganger i sykehjem: en tverrsnittsstudie",
        "Legemiddelgjennomganger skal gjennomføres årlig for sykehjemspasienter. Vi gjennomgikk journalene til "
        "{n} pasienter i {k} sykehjem. Gjennomgang var dokumentert for {p} % det siste året, og antall "
        "legemidler per pasient var i gjennomsnitt {m}. Tydeligere ansvarsfordeling mellom lege, sykepleier og "
        "farmasøyt anbefales.",
        ["legemiddelgjennomgang", "sykehjem", "polyfarmasi"],
        ["TNL", "SPF"],
        variants=[dict(n="402", k="11", p="63", m="7,9")],
    ),
    Seed(
        "sykefravaer_hjemmetjeneste", "no", "X",
        "Sykefravær i hjemmetjenesten: betydningen av turnus og ledelse",
        "Hjemmetjenesten har høyt sykefravær. Vi analyserte fraværsdata og en medarbeiderundersøkelse med {n} "
        "ansatte i {k} kommuner. Hyppige helgevakter og delte vakter var forbundet med høyere fravær, mens "
        "opplevd støtte fra nærmeste leder var forbundet med lavere fravær. Tiltak bør rettes mot "
        "turnusordninger og lederstøtte.",
        ["sykefravær", "hjemmetjenesten", "turnus", "ledelse"],
        ["TVF", "SPF"],
        variants=[dict(n="1 208", k="seks")],
    ),
    Seed(
        "frivillighet", "no", "X",
        "Frivillige i eldreomsorgen: samarbeid mellom kommune og frivillige organisasjoner",
        "Kommunene ønsker å involvere frivillige i eldreomsorgen. Studien undersøker samarbeidet mellom kommunale "
        "tjenester og frivillige organisasjoner i {k} kommuner gjennom {n} intervjuer. Frivilligkoordinatorer "
        "var viktige brobyggere, men ansatte var usikre på hvilke oppgaver frivillige kunne ta. Samarbeidet "
        "var sårbart når nøkkelpersoner sluttet.",
        ["frivillighet", "eldreomsorg", "samarbeid", "kommuner"],
        ["TFO", "TVF"],
        variants=[dict(k="fire", n="26")],
    ),
    Seed(
        "leve_hele_livet", "no", "X",
        "Leve hele livet-reformen: kommunenes planer for aldersvennlige lokalsamfunn",
        "Kvalitetsreformen Leve hele livet skal gi eldre mer trygghet og mestring. Vi analyserte "
        "reformplanene til {k} kommuner. Planene vektla aktivitet og fellesskap, mat og måltider samt "
        "aldersvennlige lokalsamfunn, mens sammenheng i tjenestene ble mindre omtalt. Få planer hadde konkrete "
        "mål og budsjett.",
        ["Leve hele livet", "kvalitetsreform", "planarbeid", "aldersvennlige samfunn"],
        ["TFO", "NVF"],
        variants=[dict(k="62")],
    ),
    Seed(
        "fastlege_samarbeid", "no", "X",
        "Samarbeid mellom fastleger og hjemmesykepleie om skrøpelige eldre",
        "God samhandling mellom fastlege og hjemmesykepleie er viktig for skrøpelige eldre. Vi intervjuet {n} "
        "fastleger og sykepleiere. Informantene beskrev elektroniske meldinger som nyttige, men mente at "
        "felles møter var for sjeldne. Faste samarbeidsmøter ble foreslått som tiltak.",
        ["fastlege", "hjemmesykepleie", "samhandling", "skrøpelige eldre"],
        ["TNL", "SPF", "TFO"],
        variants=[dict(n="20")],
    ),
    Seed(
        "demens_dagaktivitet", "no", "X",
        "Dagaktivitetstilbud for hjemmeboende personer med demens: pårørendes erfaringer",
        "Kommunene har plikt til å tilby dagaktivitet for hjemmeboende personer med demens. Vi intervjuet {n} "
        "pårørende om erfaringer med tilbudet. Pårørende beskrev avlastning og bedre søvn hos personen med "
        "demens, men ønsket mer fleksible åpningstider og transport. Tilbudet bør tilpasses yngre personer "
        "med demens.",
        ["dagaktivitet", "demens", "pårørende", "avlastning"],
        ["TFO", "NSF"],
        variants=[dict(n="17")],
    ),
    Seed(
        "korttid_no", "no", "T:" + WRONG_CONCEPT,
        "Korttidsopphold i sykehjem: hvem får plass, og hva skjer etterpå?",
        "Korttidsopphold brukes til utredning, rehabilitering og avlastning. Vi fulgte {n} pasienter innskrevet "
        "på korttidsopphold i {k} kommuner. Nær halvparten kom direkte fra sykehus, og en tredel fikk senere "
        "langtidsplass. Liggetiden varierte mye mellom kommunene. Studien beskriver pasientforløp og ikke "
        "hvordan vedtakene fattes.",
        ["korttidsopphold", "sykehjem", "pasientforløp", "utskrivning"],
        ["TFO", "TNL"],
        variants=[dict(n="611", k="fem")],
    ),
    Seed(
        "hjemmetjeneste_organisering", "no", "T:" + NO_FULLTEXT,
        "Organisering av hjemmetjenesten i små kommuner: bestiller–utfører eller integrert modell?",
        "Masteroppgave (sammendrag). Oppgaven sammenligner to små kommuner med henholdsvis bestiller–utfører-"
        "modell og integrert tildeling. Gjennom intervjuer med {n} ledere og ansatte beskrives fordeler og "
        "ulemper ved modellene for samhandling, ressursbruk og likebehandling. Hele oppgaven var ikke "
        "tilgjengelig i offentlige arkiver.",
        ["bestiller-utfører", "integrert tildeling", "små kommuner", "hjemmetjenester"],
        ["NSF"],
        variants=[dict(n="8")],
    ),
    # ------------------------------------------------------------------ more relevant / borderline
    Seed(
        "rus_psykisk_tildeling", "no", "I",
        "Tildeling av tjenester til personer med rusproblemer og psykiske lidelser: mellom forvaltning og oppfølging",
        "Personer med samtidige rusproblemer og psykiske lidelser har ofte behov for sammensatte kommunale "
        "tjenester. Studien undersøker hvordan søknader om helse- og omsorgstjenester fra denne gruppen vurderes "
        "og avgjøres. Vi intervjuet {n} saksbehandlere og miljøarbeidere i {k} kommuner med ulik organisering av "
        "tildelingen. Der et eget tildelingskontor fattet vedtak, ble kartleggingen ofte gjort uten at søkeren "
        "møtte opp, og vedtakene var lite tilpasset svingende behov. I kommuner der oppfølgingstjenesten selv "
        "vurderte behov, var tilgangen raskere, men dokumentasjonen svakere. Funnene tyder på at modellene "
        "for tildeling må tilpasses målgrupper med varierende behov.",
        ["psykisk helse og rus", "tildeling", "saksbehandling", "oppfølgingstjenester", "vedtak"],
        ["TVF", "NVF"],
        variants=[dict(n="22", k="fem")],
    ),
    Seed(
        "heldogns_bolig", "no", "I",
        "Omsorgsboliger med heldøgns bemanning: hvordan tildeles plassene?",
        "Omsorgsboliger med heldøgns bemanning er blitt et alternativ til sykehjemsplass i mange kommuner. Vi "
        "undersøkte hvordan kommunene vurderer søknader om slike boliger. Data omfattet tildelingskriterier fra "
        "{k} kommuner og {n} intervjuer med ledere av tildelingsenheter og boliger. Kriteriene var ofte "
        "uklare om hva som skilte behovet for heldøgns bolig fra behovet for langtidsopphold, og beslutningene "
        "ble påvirket av ledig kapasitet. Beboere med omfattende behov for nattlig tilsyn ble i noen kommuner "
        "tildelt bolig fremfor institusjon. Studien belyser forholdet mellom omsorgstrappens trinn og "
        "likeverdige tjenester.",
        ["omsorgsbolig", "heldøgns bemanning", "tildeling", "sykehjem", "omsorgstrapp"],
        ["TFO", "TVF"],
        variants=[dict(k="14", n="19")],
    ),
    Seed(
        "wmo_netherlands", "en", "T:" + WRONG_CONCEPT,
        "Municipal assessment of support needs after the decentralisation of long-term care in the Netherlands",
        "In 2015 Dutch municipalities became responsible for domestic support under the Social Support Act. "
        "Municipalities replaced formal needs assessment by a 'kitchen table conversation'. Using survey data "
        "from {n} municipal officers and {u} service users, we examined how the conversation was carried out and "
        "whether users felt heard. Most users reported being involved, but many were unaware of their right to "
        "a written decision. On full reading, the study concerns personal budgets and user satisfaction more "
        "than how the assessment function is organised.",
        ["decentralisation", "Netherlands", "social support act", "needs assessment", "long-term care"],
        ["HP", "HSCC"],
        variants=[dict(n="312", u="1 480")],
    ),
    Seed(
        "protocol_reform", "en", "T:" + WRONG_TYPE,
        "Evaluating the reorganisation of the allocation of health and care services in a Norwegian municipality: study protocol",
        "Study protocol. A large Norwegian municipality is replacing its purchaser office with allocation "
        "teams located in the home care districts. This protocol describes a mixed-methods evaluation combining "
        "register data on decisions, waiting times and complaints with interviews and observation before and "
        "after the reorganisation. Outcomes include time from application to decision, continuity of care, "
        "user involvement and costs per decided hour. The evaluation will run for three years. Results are not "
        "yet available.",
        ["study protocol", "allocation", "reorganisation", "home care", "evaluation"],
        ["BMJO", "BMCHSR"],
    ),
    Seed(
        "care_planning_meetings", "en", "T:" + WRONG_CONCEPT,
        "Care planning meetings after hospital discharge in {country_adj} municipalities: participation of older patients",
        "Care planning meetings are held when older people are discharged from hospital with needs for municipal "
        "care. We observed {m} meetings and interviewed {n} participants. Patients were often passive, and "
        "professionals discussed the next steps with relatives. Meetings focused on logistics rather than on "
        "the patient's goals. The study informs work with patient participation in transitions but does not "
        "examine allocation decisions as such.",
        ["care planning", "patient participation", "older people", "hospital discharge"],
        ["SJCS", "HSCC"],
        variants=[dict(country_adj="Swedish", m="18", n="30")],
    ),
    Seed(
        "ventelister_kommentar", "no", "T:" + WRONG_TYPE,
        "Ventelister til sykehjem – finnes de egentlig?",
        "Debattinnlegg. Etter at kommunene fikk plikt til å føre venteliste for langtidsopphold, har flere "
        "kommuner omdefinert ventelister til «søkere som venter på tilbud». Forfatteren, som er lege i en "
        "kommune, diskuterer hvordan dette kan skjule reelle behov og svekke pasientenes rettigheter. "
        "Innlegget peker på behov for åpenhet om tildelingskriterier og kapasitet, men bygger ikke på "
        "systematisk innsamlede data.",
        ["venteliste", "langtidsopphold", "debatt", "sykehjem"],
        ["TNL"],
    ),
    Seed(
        "iplos_sykepleiere", "no", "T:" + WRONG_CONCEPT,
        "Kartlegging av funksjonsnivå med IPLOS: sykepleieres erfaringer i hjemmetjenesten",
        "IPLOS-registreringen skal gi et bilde av brukernes funksjonsnivå og bistandsbehov. Vi intervjuet {n} "
        "sykepleiere om hvordan de gjennomfører registreringen. Sykepleierne opplevde registreringen som "
        "tidkrevende og lite nyttig i det daglige arbeidet, og skårene ble sjelden oppdatert. Studien "
        "handler om registreringspraksis og i liten grad om selve tildelingen.",
        ["IPLOS", "kartlegging", "funksjonsnivå", "hjemmesykepleie"],
        ["NSF", "SPF"],
        variants=[dict(n="14")],
    ),
    Seed(
        "homecare_continuity", "en", "T:" + WRONG_CONCEPT,
        "Continuity of staff in municipal home care: how many different carers does a user meet?",
        "Continuity of care is valued by home care users. Using electronic visit records for {n} users over "
        "one month in {k} {country_adj} municipalities, we counted the number of different staff members per "
        "user. Users met a median of {m} different carers, with large variation between districts. Higher "
        "continuity was found in districts organised in small teams. The study does not address allocation "
        "decisions.",
        ["continuity of care", "home care", "staff continuity", "visit records"],
        ["BMCHSR", "HSCC"],
        variants=[dict(n="2 412", k="three", country_adj="Norwegian", m="16"),
                  dict(n="1 870", k="two", country_adj="Swedish", m="15", _label="X")],
    ),
    # ------------------------------------------------------------------ more off-topic (excluded at title/abstract)
    Seed(
        "stroke_thrombolysis", "en", "X",
        "Door-to-needle time for thrombolysis in acute ischaemic stroke: a quality improvement study in {country}",
        "Rapid thrombolysis improves outcomes after ischaemic stroke. A quality improvement programme including "
        "prenotification by ambulance, direct transfer to CT and treatment in the scanner was implemented in {k} "
        "hospitals. Median door-to-needle time decreased from {a} to {b} minutes, and the proportion treated "
        "within 30 minutes increased. No increase in symptomatic intracranial haemorrhage was observed. The "
        "programme is transferable to other stroke units.",
        ["stroke", "thrombolysis", "quality improvement", "door-to-needle time"],
        ["STROKE", "EJN"],
        variants=[dict(country="Norway", k="six", a="27", b="13"), dict(country="Sweden", k="eight", a="34", b="19")],
    ),
    Seed(
        "out_of_hours_triage", "en", "X",
        "Nurse telephone triage in out-of-hours primary care: agreement with physician assessment",
        "Nurses handle most telephone contacts to out-of-hours services. We compared urgency levels assigned by "
        "nurses with independent assessments by physicians for {n} recorded calls. Agreement was moderate, and "
        "under-triage occurred in {u} % of calls, mostly concerning children and chest pain. Decision support "
        "and training may improve triage safety.",
        ["telephone triage", "out-of-hours", "primary care", "patient safety"],
        ["SJPHC", "BMJO"],
        variants=[dict(n="1 294", u="6")],
    ),
    Seed(
        "breastfeeding", "en", "X",
        "Breastfeeding support at child health centres and exclusive breastfeeding at four months",
        "Child health centres offer breastfeeding support to all families. In a cluster randomised trial in {k} "
        "municipalities, centres in the intervention group received training in a structured support model. "
        "Exclusive breastfeeding at four months was {a} % in the intervention group and {b} % in the control "
        "group. Mothers with lower education benefited most.",
        ["breastfeeding", "child health centres", "cluster randomised trial", "infants"],
        ["MCN", "BMCPH"],
        variants=[dict(k="26", a="42", b="33")],
    ),
    Seed(
        "opioid_substitution", "en", "X",
        "Retention in opioid agonist treatment: buprenorphine versus methadone in a national cohort",
        "Retention in opioid agonist treatment protects against overdose. Using national registry data for {n} "
        "patients starting treatment, we compared retention by medication. Retention at one year was higher "
        "for methadone, but mortality during treatment did not differ. Flexible dosing and shared "
        "decision-making may improve retention.",
        ["opioid agonist treatment", "methadone", "buprenorphine", "retention"],
        ["ADDICT", "DAD"],
        variants=[dict(n="7 288"), dict(n="11 402")],
    ),
    Seed(
        "housing_first", "en", "X",
        "Housing First for homeless adults with mental illness: two-year outcomes in a {country_adj} city",
        "Housing First offers permanent housing without requiring treatment compliance. We followed {n} "
        "homeless adults with mental illness who received Housing First. After two years, {h} % were stably "
        "housed, and use of emergency services declined. Substance use did not change significantly. Housing "
        "First is feasible in a Nordic welfare context.",
        ["Housing First", "homelessness", "mental illness", "housing"],
        ["EJH", "SJPH"],
        variants=[dict(country_adj="Danish", n="118", h="79"), dict(country_adj="Norwegian", n="94", h="74")],
    ),
    Seed(
        "sick_leave_gp", "en", "X",
        "General practitioners' sickness certification practices: a vignette study",
        "Sickness certification is a common but challenging task in general practice. We presented {v} vignettes "
        "to {n} general practitioners and asked whether they would issue a sickness certificate. Decisions "
        "varied considerably for musculoskeletal and mental health complaints. GPs with longer patient lists "
        "certified more often. Guidelines for certification should be clarified.",
        ["sickness certification", "general practitioners", "vignettes", "sick leave"],
        ["SJPHC", "BMCFP"],
        variants=[dict(v="six", n="412")],
    ),
    Seed(
        "delirium_surgery", "en", "X",
        "Multicomponent prevention of postoperative delirium after cardiac surgery: a controlled trial",
        "Postoperative delirium is frequent after cardiac surgery. We compared a multicomponent prevention "
        "programme (reorientation, sleep hygiene, early mobilisation) with usual care in {n} patients aged 65 or "
        "older. Incidence of delirium was {a} % vs {b} %. Length of hospital stay was reduced by one day. "
        "Non-pharmacological prevention should be part of standard care.",
        ["delirium", "cardiac surgery", "prevention", "older patients"],
        ["JAGS", "AAS_ANAES"],
        variants=[dict(n="366", a="18", b="29")],
    ),
    Seed(
        "hand_hygiene", "en", "X",
        "Hand hygiene compliance among hospital staff: electronic monitoring versus direct observation",
        "Hand hygiene compliance is usually measured by direct observation. In {k} wards, we compared compliance "
        "measured by an electronic monitoring system with direct observation. Observed compliance was {o} %, "
        "whereas electronic monitoring showed {e} %, suggesting a substantial Hawthorne effect. Electronic "
        "monitoring may give more valid estimates.",
        ["hand hygiene", "infection prevention", "hospital", "monitoring"],
        ["JHI", "AJIC"],
        variants=[dict(k="12", o="78", e="46")],
    ),
    Seed(
        "readmissions_occupancy", "en", "X",
        "Hospital bed occupancy and 30-day readmission among medical patients",
        "High bed occupancy may lead to premature discharge. Using data on {n} medical admissions in {k} "
        "hospitals, we found that occupancy above 95 % on the day of discharge was associated with higher 30-day "
        "readmission, particularly among patients aged 80 or older. Capacity planning should take account of "
        "readmission risk.",
        ["bed occupancy", "readmission", "hospital capacity", "discharge"],
        ["BMJQS", "BMCHSR"],
        variants=[dict(n="612 304", k="21")],
    ),
    Seed(
        "place_of_death", "en", "X",
        "Trends in place of death among older people in {country}, 2005–2022",
        "Most people wish to die at home, but few do. Using the cause of death registry, we examined trends in "
        "place of death for {n} deaths among people aged 65 and older. The proportion dying in nursing homes "
        "increased, while hospital deaths declined; home deaths remained below {h} %. Specialist palliative home "
        "care was associated with home death.",
        ["place of death", "palliative care", "end of life", "older people"],
        ["PM", "BMCPC"],
        variants=[dict(country="Norway", n="612 880", h="15"), dict(country="Denmark", n="701 244", h="22")],
    ),
    Seed(
        "loneliness_intervention", "en", "X",
        "A group intervention to reduce loneliness among older adults: randomised controlled trial",
        "Loneliness is associated with poor health in old age. In this trial, {n} community-dwelling older adults "
        "reporting loneliness were randomised to a twelve-week group programme or to a control group. "
        "Loneliness scores improved more in the intervention group at three months, but the difference was no "
        "longer significant at one year. Booster sessions may be needed.",
        ["loneliness", "older adults", "group intervention", "randomised controlled trial"],
        ["AM", "BMCG"],
        variants=[dict(n="238")],
    ),
    Seed(
        "hearing_cognition", "en", "X",
        "Hearing aid use and cognitive decline in older adults: a longitudinal population study",
        "Hearing loss is a potentially modifiable risk factor for dementia. In a population-based cohort of {n} "
        "adults aged 60 or older with hearing loss, hearing aid users had slower decline in cognitive test scores "
        "over ten years than non-users, after adjustment for education and comorbidity. Randomised trials are "
        "needed to establish causality.",
        ["hearing loss", "hearing aids", "cognitive decline", "dementia"],
        ["JAGS", "AA"],
        variants=[dict(n="4 112")],
    ),
    Seed(
        "paediatric_obesity", "en", "X",
        "Family-based treatment of childhood obesity in primary care: a pragmatic trial",
        "Childhood obesity is increasing. In a pragmatic trial in {k} municipalities, {n} children aged 6–12 "
        "with obesity and their families received a family-based behavioural programme or usual care at the "
        "child health service. BMI z-score decreased more in the intervention group after 12 months. Parental "
        "involvement was key to success.",
        ["childhood obesity", "family-based treatment", "primary care", "children"],
        ["IJO", "PO"],
        variants=[dict(k="eight", n="204")],
    ),
    Seed(
        "antenatal_depression", "en", "X",
        "Screening for antenatal depression in midwifery care: feasibility and detection rates",
        "Depression during pregnancy often goes undetected. We introduced routine screening with the Edinburgh "
        "Postnatal Depression Scale at {k} antenatal clinics. Of {n} screened women, {p} % screened positive, and "
        "most were referred for follow-up. Midwives found the screening acceptable but requested clearer "
        "referral pathways.",
        ["antenatal depression", "screening", "midwifery", "pregnancy"],
        ["MID", "AOGS"],
        variants=[dict(k="nine", n="2 910", p="11")],
    ),
    Seed(
        "school_meals", "en", "X",
        "Free school meals and academic performance: evidence from a {country_adj} pilot",
        "Several municipalities have piloted free school meals. Using a difference-in-differences design with "
        "{n} pupils in pilot and comparison schools, we found small improvements in test scores in mathematics "
        "and reduced absence, largest among pupils from low-income families. Effects on body weight were not "
        "observed.",
        ["school meals", "academic performance", "pupils", "nutrition"],
        ["PHN", "SJPH"],
        variants=[dict(country_adj="Swedish", n="14 220"), dict(country_adj="Norwegian", n="9 812")],
    ),
    Seed(
        "ehr_usability_nh", "en", "X",
        "Usability of electronic health records in nursing homes: nurses' perspectives",
        "Electronic health records are central to nursing documentation. We surveyed {n} nurses in nursing "
        "homes using the System Usability Scale and open questions. Mean usability was below acceptable levels, "
        "and nurses reported duplicate documentation and poor support for care planning. Vendors should involve "
        "nurses in system development.",
        ["electronic health records", "usability", "nursing homes", "documentation"],
        ["IJMI", "CIN"],
        variants=[dict(n="384")],
    ),
    Seed(
        "dental_periodontitis", "en", "X",
        "Periodontitis and glycaemic control in type 2 diabetes: a randomised trial of periodontal treatment",
        "Periodontitis may worsen glycaemic control. We randomised {n} adults with type 2 diabetes and "
        "periodontitis to non-surgical periodontal treatment or delayed treatment. HbA1c decreased by {d} "
        "percentage points more in the treatment group after six months. Dental care should be part of "
        "diabetes care.",
        ["periodontitis", "diabetes", "dental care", "HbA1c"],
        ["JCP", "CDOE"],
        variants=[dict(n="264", d="0.4")],
    ),
    Seed(
        "orthodontic_need", "en", "X",
        "Orthodontic treatment need and uptake among adolescents in a public dental service",
        "Publicly funded orthodontic treatment depends on assessed need. In a cohort of {n} adolescents, we "
        "examined treatment need according to the Index of Orthodontic Treatment Need and actual uptake. Uptake "
        "was lower among adolescents from low-income families even when treatment need was high. Reducing "
        "co-payments may improve equity.",
        ["orthodontics", "adolescents", "treatment need", "public dental service"],
        ["EJO", "AOS"],
        variants=[dict(n="4 812")],
    ),
    Seed(
        "digitalt_tilsyn_no", "no", "X",
        "Digitalt tilsyn om natten i hjemmetjenesten: erfaringer fra innføringen",
        "Flere kommuner har tatt i bruk sensorer og kamera for digitalt tilsyn om natten. Vi intervjuet {n} "
        "ansatte og {p} pårørende i {k} kommuner om erfaringene. Digitalt tilsyn reduserte antall nattbesøk og "
        "ble opplevd som mindre forstyrrende for brukerne, men ansatte var usikre på samtykke og personvern. "
        "God opplæring og rutiner for samtykke er nødvendig.",
        ["velferdsteknologi", "digitalt tilsyn", "hjemmetjenesten", "personvern"],
        ["TFO", "SPF"],
        variants=[dict(n="15", p="8", k="tre")],
    ),
    Seed(
        "rekruttering_distrikt", "no", "X",
        "Rekruttering og stabilisering av sykepleiere i distriktskommuner",
        "Mange distriktskommuner har store problemer med å rekruttere sykepleiere. Studien bygger på en "
        "spørreundersøkelse til {n} sykepleiere og intervjuer med ledere i {k} kommuner. Heltidsstillinger, "
        "faglige fellesskap og fleksible turnuser ble fremhevet som viktigst for å bli værende. "
        "Rekrutteringsbonuser hadde kortvarig effekt.",
        ["rekruttering", "sykepleiere", "distriktskommuner", "heltidskultur"],
        ["SPF", "NSF", "TVF"],
        variants=[dict(n="512", k="åtte")],
    ),
    Seed(
        "helsestasjon_ungdom", "no", "X",
        "Helsestasjon for ungdom: bruk, tilgjengelighet og ungdoms erfaringer",
        "Helsestasjon for ungdom er et gratis lavterskeltilbud. Vi kartla åpningstider og bemanning i {k} "
        "kommuner og gjennomførte en spørreundersøkelse blant {n} ungdommer. Tilbudet var lite kjent blant "
        "gutter, og åpningstidene var begrensede i små kommuner. Digitale konsultasjoner ble etterspurt.",
        ["helsestasjon for ungdom", "ungdom", "tilgjengelighet", "seksuell helse"],
        ["TNL", "SPF"],
        variants=[dict(k="48", n="1 204")],
    ),
    Seed(
        "tvang_sykehjem", "no", "X",
        "Bruk av tvang i somatisk helsehjelp til personer med demens i sykehjem",
        "Helsehjelp til pasienter som motsetter seg den, krever vedtak etter pasient- og brukerrettighetsloven. Vi "
        "gjennomgikk {n} vedtak om tvungen helsehjelp fra {k} sykehjem. Mange vedtak manglet vurdering av "
        "tillitsskapende tiltak, og evaluering av vedtakene var mangelfull. Bedre opplæring i regelverket er "
        "nødvendig.",
        ["tvang", "demens", "sykehjem", "rettssikkerhet"],
        ["TNL", "TFO"],
        variants=[dict(n="206", k="19")],
    ),
    Seed(
        "pasientforlop_hjem", "no", "X",
        "Helhetlige pasientforløp i hjemmet: evaluering av en samhandlingsmodell mellom sykehus og kommune",
        "Modellen for helhetlige pasientforløp i hjemmet skal sikre trygge overganger for eldre med kroniske "
        "sykdommer. Vi evaluerte innføringen i {k} kommuner med spørreskjema til {n} ansatte og intervjuer med "
        "ledere. Sjekklister og forløpskoordinatorer ble opplevd som nyttige, men implementeringen var ujevn "
        "mellom kommunene. Reinnleggelser ble ikke redusert i evalueringsperioden.",
        ["pasientforløp", "samhandling", "sykehus", "kommune", "eldre"],
        ["TFO", "NSF"],
        variants=[dict(k="seks", n="311")],
    ),
    Seed(
        "ernaering_hjemmeboende", "no", "X",
        "Ernæringsstatus hos hjemmeboende eldre som mottar hjemmesykepleie",
        "Underernæring er et problem blant hjemmeboende eldre. Vi screenet {n} mottakere av hjemmesykepleie med "
        "MNA-SF. Over en tredel var i risiko for underernæring, men bare få hadde en dokumentert ernæringsplan. "
        "Vekt ble sjelden registrert. Rutiner for ernæringsscreening i hjemmetjenesten bør innføres.",
        ["ernæring", "hjemmesykepleie", "eldre", "screening"],
        ["NSF", "SPF"],
        variants=[dict(n="224")],
    ),
]

# Further settings of single-setting seeds; ``_title`` gives the other study its own title.
EXTRA_VARIANTS: dict[str, list[dict]] = {
    "teledermatology": [dict(n="642", a="76", w1="48", w2="12",
                             _title="Store-and-forward teledermatology in rural primary care: accuracy and time to specialist advice")],
    "psychiatric_inpatient": [dict(country="Denmark", k="19",
                                   _title="Mechanical restraint in Danish psychiatric hospitals: a registry-based comparison of units")],
    "cancer_screening": [dict(country="Sweden", n="312 004", p="61",
                              _title="Socioeconomic and migrant differences in uptake of colorectal cancer screening in Sweden")],
    "pharmacy_polypharmacy": [dict(n="112", d="2.9",
                                   _title="Clinical pharmacist medication reviews for older home care recipients: a feasibility study")],
    "nursing_home_staffing": [dict(k="187", y="eight",
                                   _title="Registered nurse hours and adverse outcomes in Nordic nursing homes: panel data analysis")],
    "diabetes_primary": [dict(k="54", n="7 402", p="92",
                              _title="Guideline adherence in type 2 diabetes care in Danish general practice: an audit")],
    "mental_health_youth_apps": [dict(n="388", d="0.31",
                                      _title="Internet-delivered CBT for adolescent social anxiety: a randomised trial in routine care")],
    "pressure_ulcer_hospital": [dict(k="44", a="15.1", b="10.9",
                                     _title="Hospital-acquired pressure injuries after a national patient safety campaign: repeated surveys")],
    "antibiotics_nh": [dict(k="22", c="20", r="29",
                            _title="Reducing antibiotic use for suspected urinary tract infection in long-term care facilities: a stepped-wedge study")],
    "ambulance": [dict(country="Finland", n="498 120", r="21", u="10", t="57",
                       _title="Urban–rural differences in emergency medical service response times in Finland")],
    "nutrition_nh": [dict(n="1 212", k="27", p="39",
                          _title="Risk of malnutrition in long-term care residents: a multicentre cross-sectional study")],
    "out_of_hours_triage": [dict(n="2 004", u="8",
                                 _title="Accuracy of nurse-led telephone triage at emergency primary care centres: an audio-recording study")],
    "breastfeeding": [dict(k="18", a="48", b="40",
                           _title="Effect of home visits by public health nurses on breastfeeding duration: a cluster trial")],
    "sick_leave_gp": [dict(v="eight", n="268",
                           _title="Variation in physicians' sick-listing decisions for patients with back pain and depression: vignette survey")],
    "delirium_surgery": [dict(n="512", a="14", b="22",
                              _title="Non-pharmacological delirium prevention after hip fracture surgery: a pragmatic controlled trial")],
    "readmissions_occupancy": [dict(n="402 118", k="16",
                                    _title="Crowding, early discharge and unplanned readmission in internal medicine wards")],
    "loneliness_intervention": [dict(n="412",
                                     _title="Volunteer visiting services for lonely older people living at home: a randomised trial")],
    "hearing_cognition": [dict(n="6 220",
                               _title="Hearing impairment, hearing aids and incident dementia: a 15-year cohort study")],
    "paediatric_obesity": [dict(k="five", n="156",
                                _title="Group-based lifestyle treatment for children with severe obesity: a randomised trial")],
    "antenatal_depression": [dict(k="twelve", n="4 105", p="9",
                                  _title="Routine depression screening in pregnancy: implementation in antenatal care")],
    "ehr_usability_nh": [dict(n="521",
                              _title="Documentation burden and electronic record usability in long-term care: a cross-sectional survey")],
    "dental_periodontitis": [dict(n="190", d="0.3",
                                  _title="Effect of periodontal therapy on HbA1c in adults with type 2 diabetes: a pragmatic trial in public dental care")],
    "orthodontic_need": [dict(n="3 118",
                              _title="Socioeconomic inequality in uptake of publicly funded orthodontic treatment")],
    "tvang_sykehjem": [dict(n="144", k="12",
                            _title="Vedtak om tvungen helsehjelp i sykehjem: en journalgjennomgang")],
    "frivillighet": [dict(k="tre", n="21",
                          _title="Frivillige besøksvenner og kommunal omsorg: et komplementært samarbeid?")],
    "sykefravaer_hjemmetjeneste": [dict(n="846", k="fire",
                                        _title="Arbeidsmiljø og sykefravær blant helsefagarbeidere i hjemmesykepleien")],
    "legemiddel_sykehjem": [dict(n="288", k="8", p="71", m="8,3",
                                 _title="Legemiddelbruk og legemiddelgjennomganger blant langtidsbeboere i sykehjem")],
    "ernaering_hjemmeboende": [dict(n="310",
                                    _title="Risiko for underernæring og oppfølging av måltider blant hjemmeboende eldre")],
    "digitalt_tilsyn_no": [dict(n="11", p="6", k="to",
                                _title="Kamera og sensorer i hjemmet: ansattes vurderinger av digitalt nattilsyn")],
    "covid_nursing_homes": [dict(country_adj="Danish", n="98", cf="24",
                                 _title="Risk factors for SARS-CoV-2 outbreaks in Danish nursing homes in 2020")],
    "hand_hygiene": [dict(k="9", o="81", e="52",
                          _title="Overestimation of hand hygiene compliance by direct observation: a comparison with automated monitoring")],
    "welfare_tech_adoption": [dict(country_adj="Danish", n="404",
                                   _title="Home care staff attitudes to electronic medicine dispensers and remote night surveillance")],
}

# ====================================================================== generator

OUT_DIR = Path(__file__).resolve().parent.parent / "review"
FILES = ("pubmed.nbib", "scopus.ris", "norart.bib", "cinahl.csv")

# key: (full title, abbreviation, volume in 2024, volumes per year, kind, article numbers instead of pages)
JOURNALS: dict[str, tuple[str, str, int, int, str, bool]] = {
    "SJPH": ("Scandinavian Journal of Public Health", "Scand J Public Health", 52, 1, "hsr", False),
    "BMCHSR": ("BMC Health Services Research", "BMC Health Serv Res", 24, 1, "hsr", True),
    "TFO": ("Tidsskrift for omsorgsforskning", "Tidsskr omsorgsforsk", 10, 1, "no", False),
    "NSF": ("Nordisk sygeplejeforskning", "Nord Sygeplejeforsk", 14, 1, "no_nurse", False),
    "HSCC": ("Health & Social Care in the Community", "Health Soc Care Community", 32, 1, "hsr", False),
    "SJCS": ("Scandinavian Journal of Caring Sciences", "Scand J Caring Sci", 38, 1, "nurse", False),
    "IJIC": ("International Journal of Integrated Care", "Int J Integr Care", 24, 1, "hsr", True),
    "AAS": ("Ageing & Society", "Ageing Soc", 44, 1, "soc", False),
    "JASP": ("Journal of Aging & Social Policy", "J Aging Soc Policy", 36, 1, "hsr", False),
    "TVF": ("Tidsskrift for velferdsforskning", "Tidsskr velferdsforsk", 27, 1, "nordic_soc", False),
    "SPF": ("Sykepleien Forskning", "Sykepl Forsk", 19, 1, "no_nurse", True),
    "SPA": ("Social Policy & Administration", "Soc Policy Adm", 58, 1, "soc", False),
    "NJSR": ("Nordic Journal of Social Research", "Nord J Soc Res", 15, 1, "nordic_soc", False),
    "BMCG": ("BMC Geriatrics", "BMC Geriatr", 24, 1, "nurse", True),
    "NVF": ("Nordisk välfärdsforskning | Nordic Welfare Research", "Nord Välfärdsforsk", 9, 1, "nordic_soc", False),
    "LOR": ("Lov og Rett", "Lov Rett", 63, 1, "no", False),
    "GER": ("The Gerontologist", "Gerontologist", 64, 1, "hsr", False),
    "GGI": ("Geriatrics & Gerontology International", "Geriatr Gerontol Int", 24, 1, "med", False),
    "HP": ("Health Policy", "Health Policy", 140, 1, "hsr", False),
    "NO": ("Nursing Open", "Nurs Open", 11, 1, "nurse", False),
    "JCN": ("Journal of Clinical Nursing", "J Clin Nurs", 33, 1, "nurse", False),
    "IJMI": ("International Journal of Medical Informatics", "Int J Med Inform", 182, 4, "med", True),
    "AJA": ("Australasian Journal on Ageing", "Australas J Ageing", 43, 1, "hsr", False),
    "CR": ("Clinical Rehabilitation", "Clin Rehabil", 38, 1, "med", False),
    "JAGS": ("Journal of the American Geriatrics Society", "J Am Geriatr Soc", 72, 1, "med", False),
    "NEJM": ("The New England Journal of Medicine", "N Engl J Med", 390, 2, "med", False),
    "LANCET": ("The Lancet", "Lancet", 403, 2, "med", False),
    "BMJ": ("BMJ", "BMJ", 384, 4, "med", True),
    "JSN": ("The Journal of School Nursing", "J Sch Nurs", 40, 1, "nurse", False),
    "AOS": ("Acta Odontologica Scandinavica", "Acta Odontol Scand", 83, 1, "med", False),
    "CDOE": ("Community Dentistry and Oral Epidemiology", "Community Dent Oral Epidemiol", 52, 1, "med", False),
    "AAS_ANAES": ("Acta Anaesthesiologica Scandinavica", "Acta Anaesthesiol Scand", 68, 1, "med", False),
    "CCM": ("Critical Care Medicine", "Crit Care Med", 52, 1, "med", False),
    "VACCINE": ("Vaccine", "Vaccine", 42, 1, "med", False),
    "JAMDA": ("Journal of the American Medical Directors Association", "J Am Med Dir Assoc", 25, 1, "med", False),
    "BMJO": ("BMJ Open", "BMJ Open", 14, 1, "med", True),
    "AA": ("Age and Ageing", "Age Ageing", 53, 1, "med", False),
    "SJPHC": ("Scandinavian Journal of Primary Health Care", "Scand J Prim Health Care", 42, 1, "med", False),
    "AOGS": ("Acta Obstetricia et Gynecologica Scandinavica", "Acta Obstet Gynecol Scand", 103, 1, "med", False),
    "JAC": ("Journal of Antimicrobial Chemotherapy", "J Antimicrob Chemother", 79, 1, "med", False),
    "SJWEH": ("Scandinavian Journal of Work, Environment & Health", "Scand J Work Environ Health", 50, 1, "med", False),
    "IAOEH": ("International Archives of Occupational and Environmental Health", "Int Arch Occup Environ Health",
              97, 1, "med", False),
    "IPG": ("International Psychogeriatrics", "Int Psychogeriatr", 36, 1, "med", False),
    "AM": ("Aging & Mental Health", "Aging Ment Health", 28, 1, "med", False),
    "SJTREM": ("Scandinavian Journal of Trauma, Resuscitation and Emergency Medicine",
               "Scand J Trauma Resusc Emerg Med", 32, 1, "med", True),
    "CN": ("Clinical Nutrition", "Clin Nutr", 43, 1, "med", False),
    "ADV": ("Acta Dermato-Venereologica", "Acta Derm Venereol", 104, 1, "med", False),
    "JTT": ("Journal of Telemedicine and Telecare", "J Telemed Telecare", 30, 1, "med", False),
    "NJP": ("Nordic Journal of Psychiatry", "Nord J Psychiatry", 78, 1, "med", False),
    "BMCP": ("BMC Psychiatry", "BMC Psychiatry", 24, 1, "med", True),
    "IJBNPA": ("International Journal of Behavioral Nutrition and Physical Activity", "Int J Behav Nutr Phys Act",
               21, 1, "med", True),
    "SJMSS": ("Scandinavian Journal of Medicine & Science in Sports", "Scand J Med Sci Sports", 34, 1, "med", False),
    "IJC": ("International Journal of Cancer", "Int J Cancer", 154, 2, "med", False),
    "AO": ("Acta Orthopaedica", "Acta Orthop", 95, 1, "med", False),
    "BJJ": ("The Bone & Joint Journal", "Bone Joint J", 106, 1, "med", False),
    "EJHP": ("European Journal of Hospital Pharmacy", "Eur J Hosp Pharm", 31, 1, "med", False),
    "IJNS": ("International Journal of Nursing Studies", "Int J Nurs Stud", 150, 2, "nurse", False),
    "JMIR": ("Journal of Medical Internet Research", "J Med Internet Res", 26, 1, "med", True),
    "ECAP": ("European Child & Adolescent Psychiatry", "Eur Child Adolesc Psychiatry", 33, 1, "med", False),
    "JTV": ("Journal of Tissue Viability", "J Tissue Viability", 33, 1, "nurse", False),
    "NTFT": ("Den norske tannlegeforenings Tidende", "Nor Tannlegeforen Tid", 134, 1, "no", False),
    "TNL": ("Tidsskrift for Den norske legeforening", "Tidsskr Nor Laegeforen", 144, 1, "no_med", False),
    "STROKE": ("Stroke", "Stroke", 55, 1, "med", False),
    "EJN": ("European Journal of Neurology", "Eur J Neurol", 31, 1, "med", False),
    "MCN": ("Maternal & Child Nutrition", "Matern Child Nutr", 20, 1, "med", False),
    "BMCPH": ("BMC Public Health", "BMC Public Health", 24, 1, "med", True),
    "ADDICT": ("Addiction", "Addiction", 119, 1, "med", False),
    "DAD": ("Drug and Alcohol Dependence", "Drug Alcohol Depend", 254, 6, "med", True),
    "EJH": ("European Journal of Homelessness", "Eur J Homelessness", 18, 1, "soc", False),
    "BMCFP": ("BMC Primary Care", "BMC Prim Care", 25, 1, "med", True),
    "JHI": ("Journal of Hospital Infection", "J Hosp Infect", 143, 4, "med", False),
    "AJIC": ("American Journal of Infection Control", "Am J Infect Control", 52, 1, "nurse", False),
    "BMJQS": ("BMJ Quality & Safety", "BMJ Qual Saf", 33, 1, "med", False),
    "PM": ("Palliative Medicine", "Palliat Med", 38, 1, "med", False),
    "BMCPC": ("BMC Palliative Care", "BMC Palliat Care", 23, 1, "med", True),
    "IJO": ("International Journal of Obesity", "Int J Obes", 48, 1, "med", False),
    "PO": ("Pediatric Obesity", "Pediatr Obes", 19, 1, "med", True),
    "MID": ("Midwifery", "Midwifery", 128, 4, "nurse", True),
    "PHN": ("Public Health Nutrition", "Public Health Nutr", 27, 1, "med", True),
    "CIN": ("CIN: Computers, Informatics, Nursing", "Comput Inform Nurs", 42, 1, "nurse", False),
    "JCP": ("Journal of Clinical Periodontology", "J Clin Periodontol", 51, 1, "med", False),
    "EJO": ("European Journal of Orthodontics", "Eur J Orthod", 46, 1, "med", True),
    "RRH": ("Rural and Remote Health", "Rural Remote Health", 24, 1, "med", True),
}

# which database files can hold an article from a journal of this kind
KIND_DBS = {
    "med": ("pubmed.nbib", "scopus.ris"),
    "nurse": ("pubmed.nbib", "cinahl.csv", "scopus.ris"),
    "hsr": ("pubmed.nbib", "scopus.ris", "cinahl.csv"),
    "soc": ("scopus.ris", "cinahl.csv"),
    "no": ("norart.bib",),
    "no_nurse": ("norart.bib", "cinahl.csv"),
    "no_med": ("norart.bib", "pubmed.nbib"),
    "nordic_soc": ("norart.bib", "scopus.ris"),
}

# earliest/latest plausible publication year where a seed refers to a reform, a name or a drug
SEED_YEARS = {
    "pflegegrad": (2019, 2024), "wmo_netherlands": (2017, 2024), "covid_nursing_homes": (2021, 2024),
    "bpa_rights": (2016, 2024), "leve_hele_livet": (2020, 2024), "complaints_statsforvalter": (2021, 2024),
    "avlastning_variasjon": (2021, 2024), "editorial_bum": (2018, 2024), "selfmanaged_teams_office": (2018, 2024),
    "what_matters": (2016, 2024), "kad_beds": (2017, 2024), "drug_trial": (2023, 2024),
    "pasientforlop_hjem": (2019, 2024), "digitalt_tilsyn_no": (2017, 2024), "place_of_death": (2023, 2024),
    "kostra_variation": (2023, 2024), "skolehelse_no": (2019, 2024), "scoping_allocation": (2016, 2024),
    "protocol_reform": (2022, 2024), "ventelister_kommentar": (2018, 2024), "reablement_allocation": (2014, 2024),
    "rehab_rct": (2014, 2024), "heldogns_bolig": (2016, 2024), "welfare_tech_adoption": (2015, 2024),
    "hospital_discharge_allocation": (2013, 2024), "interrai_conf": (2018, 2024), "vignette_decisions": (2015, 2024),
}

# Scandinavian journals that Norart indexes besides the Norwegian-language ones
NORART_ALSO = {"SJPH", "SJCS", "SJPHC", "NJP", "AOS", "TVF", "NJSR", "NVF"}

NORDIC_FIRST = ["Kari", "Ingrid", "Marit", "Silje", "Hilde", "Anne", "Tone", "Liv", "Ragnhild", "Siri", "Eva",
                "Karin", "Maria", "Johanna", "Mette", "Lene", "Hanne", "Anna", "Elin", "Heidi", "Ole", "Lars",
                "Per", "Jon", "Erik", "Knut", "Terje", "Geir", "Anders", "Magnus", "Mikael", "Jens", "Søren",
                "Mads", "Jukka", "Mikko", "Aino", "Sanna", "Päivi", "Åse", "Bjørn", "Øystein", "Åsmund", "Tormod",
                "Gunn", "Randi", "Kristin Marie", "Hans Petter", "Ann-Kristin", "Tor Arne"]
NORDIC_LAST = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
               "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen",
               "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen",
               "Strand", "Moen", "Solberg", "Bakken", "Lie", "Nygård", "Kvam", "Aasen", "Holm", "Lindqvist",
               "Karlsson", "Nilsson", "Lindberg", "Svensson", "Bergström", "Virtanen", "Korhonen", "Mäkinen",
               "Nieminen", "Østby", "Sæther", "Grønli", "Tveit", "Fjeldstad", "Vik", "Aarseth", "Brekke",
               "Rønning", "Skår", "Søvde", "Ødegård", "Åberg"]
INTL_FIRST = ["James", "Sarah", "Emma", "David", "Michael", "Laura", "Rachel", "Thomas", "Helen", "Peter", "Claire",
              "Andrew", "Susan", "Mark", "Julia", "Daniel", "Olivia", "Robert", "Grace", "Samuel"]
INTL_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Roberts", "Walker", "Wright",
             "Robinson", "Thompson", "White", "Hughes", "Green", "Hall", "Clarke", "Jackson", "Wood", "Harris",
             "Martin", "Cooper", "King", "Lee", "Garcia", "Chen", "Patel", "Kowalski", "Rossi", "Dubois"]
POOLS = {
    "jp": (["Hiroshi", "Yuki", "Kenji", "Akiko", "Naoko", "Takashi", "Emi", "Daisuke"],
           ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"]),
    "de": (["Anna", "Lukas", "Katrin", "Jan", "Sabine", "Thomas", "Julia", "Stefan"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann"]),
    "nl": (["Sanne", "Joost", "Femke", "Pieter", "Lotte", "Bram", "Eline", "Maarten"],
           ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"]),
    "intl": (INTL_FIRST, INTL_LAST),
    "nordic": (NORDIC_FIRST, NORDIC_LAST),
}
SEED_POOL = {"medicaid_hcbs": "intl", "uk_eligibility": "intl", "australia_aged_care": "intl", "ltci_japan": "jp",
             "pflegegrad": "de", "wmo_netherlands": "nl", "drug_trial": "intl", "mental_health_youth_apps": "intl",
             "hand_hygiene": "intl", "delirium_surgery": "intl", "hearing_cognition": "intl"}

CLOSING_EN = [
    "Implications for practice and for further research are discussed.",
    "Strengths and limitations of the design are discussed.",
    "The findings are relevant for managers and policymakers planning services.",
    "Limitations include possible selection bias and the observational design.",
    "Further studies with longer follow-up are needed to confirm these results.",
    "The results should be interpreted with caution given the sample size.",
]
CLOSING_NO = [
    "Implikasjoner for praksis og videre forskning drøftes.",
    "Studiens styrker og svakheter diskuteres.",
    "Funnene er relevante for ledere og beslutningstakere i kommunene.",
    "Resultatene bør tolkes med forsiktighet på grunn av et begrenset utvalg.",
    "Videre forskning bør undersøke om funnene gjelder i andre kommuner.",
]


@dataclass
class Study:
    sid: str
    seed: str
    lang: str
    label: str
    title: str
    abstract: str
    keywords: list[str]
    mesh: list[str]
    journal: str
    year: int
    volume: str
    issue: str
    pages: str  # "123-129" or an article number
    doi: str
    authors: list[tuple[str, str]]  # (family, given)
    dbs: tuple[str, ...] = ()


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(f"slot {{{key}}} has no value")


def build_studies() -> list[Study]:
    studies: list[Study] = []
    doi_counter = 1000
    for seed in SEEDS:
        for i, variant in enumerate(seed.variants + EXTRA_VARIANTS.get(seed.key, [])):
            rng = random.Random(f"{seed.key}/{i}")
            slots = _Slots({k: v for k, v in variant.items() if not k.startswith("_")})
            title = variant.get("_title") or seed.title.format_map(slots)
            abstract = seed.abstract.format_map(slots)
            # thousands separators that survive line wrapping: 1,204 in English, 1\u00a0204 in Norwegian
            abstract = re.sub(r"(\d) (\d{3})\b", r"\1,\2" if seed.lang == "en" else "\\1\u00a0\\2", abstract)
            title = re.sub(r"(\d) (\d{3})\b", "\\1\u00a0\\2", title)
            closing = list(CLOSING_NO if seed.lang == "no" else CLOSING_EN)
            rng.shuffle(closing)
            while len(abstract.split()) < 62 and closing:
                abstract += " " + closing.pop()
            jkey = seed.journals[i % len(seed.journals)]
            full, _abbr, vol24, vpy, kind, artno = JOURNALS[jkey]
            lo, hi = SEED_YEARS.get(seed.key, seed.years)
            lo = max(lo, 2024 - (vol24 - 1) // vpy)  # not before the journal's first volume
            year = rng.randint(lo, max(lo, hi))
            volume = str(max(1, vol24 - (2024 - year) * vpy + (rng.randrange(vpy) if vpy > 1 else 0)))
            issue = "" if artno and rng.random() < 0.7 else str(rng.randint(1, 6))
            if artno:
                pages = str(rng.randint(10, 999)) if jkey != "BMJO" else f"e0{rng.randint(40000, 89999)}"
            else:
                start = rng.randint(1, 980)
                pages = f"{start}-{start + rng.randint(5, 14)}"
            doi = ""
            if rng.random() < 0.87:
                doi_counter += rng.randint(1, 40)
                doi = f"10.5555/{jkey.lower().replace('_', '')}.{year}.{doi_counter:05d}"
            first, last = POOLS[SEED_POOL.get(seed.key, "nordic")]
            if SEED_POOL.get(seed.key) == "intl" and rng.random() < 0.3:
                first, last = NORDIC_FIRST, NORDIC_LAST
            n_auth = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])
            authors: list[tuple[str, str]] = []
            while len(authors) < n_auth:
                a = (rng.choice(last), rng.choice(first))
                if a not in authors:
                    authors.append(a)
            studies.append(Study(
                sid="", seed=seed.key, lang=seed.lang, label=variant.get("_label", seed.label), title=title,
                abstract=abstract, keywords=list(seed.keywords), mesh=list(seed.mesh), journal=jkey, year=year,
                volume=volume, issue=issue, pages=pages, doi=doi, authors=authors,
                dbs=KIND_DBS[kind] + (("norart.bib",) if jkey in NORART_ALSO else ())))
    order = random.Random("order")
    order.shuffle(studies)
    for n, s in enumerate(studies, start=1):
        s.sid = f"S{n:03d}"
    return studies


def assign_files(studies: list[Study], *, n_dup: int = 38, n_triple: int = 8) -> dict[str, list[str]]:
    """Primary file per study (balanced), then extra copies for the duplicate design."""
    rng = random.Random("files")
    placed: dict[str, list[str]] = {s.sid: [] for s in studies}
    count = dict.fromkeys(FILES, 0)
    for s in studies:
        if s.lang == "no" and "norart.bib" in s.dbs:
            best = "norart.bib"  # Norwegian-language articles are found first in Norart
        else:
            best = min(s.dbs, key=lambda f: (count[f], s.dbs.index(f)))
        placed[s.sid].append(best)
        count[best] += 1
    multi = [s for s in studies if len(s.dbs) > 1]
    relevant = [s for s in multi if s.label != "X"]
    other = [s for s in multi if s.label == "X"]
    rng.shuffle(relevant)
    rng.shuffle(other)
    # Nordic-journal articles indexed both in Norart and an international database come first
    nordic = [s for s in relevant + other if "norart.bib" in s.dbs and placed[s.sid] != ["norart.bib"]][:9]
    rest = [s for s in relevant[: n_dup // 2] + other if s not in nordic]
    chosen = (nordic + rest)[:n_dup]
    triples = 0
    for s in chosen:
        free = [f for f in s.dbs if f not in placed[s.sid]]
        free.sort(key=lambda f: (f != "norart.bib", count[f]))
        extra = free[:2] if triples < n_triple and len(free) >= 2 else free[:1]
        if len(extra) == 2:
            triples += 1
        for f in extra:
            placed[s.sid].append(f)
            count[f] += 1
    return placed


# ---------------------------------------------------------------------- perturbations


def fold_ascii(text: str) -> str:
    """"Å" -> "A", "ø" -> "o", "æ" -> "ae": what some exports do to Nordic letters."""
    text = text.replace("æ", "ae").replace("Æ", "Ae").replace("ø", "o").replace("Ø", "O")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def title_case(text: str) -> str:
    small = {"a", "an", "and", "the", "of", "in", "on", "for", "to", "at", "by", "or", "with", "og", "i", "av",
             "på", "til", "med", "om", "en", "et"}
    words = text.split(" ")
    return " ".join(w if (i and w.lower() in small) or not w[:1].isalpha() else w[:1].upper() + w[1:]
                     for i, w in enumerate(words))


def short_pages(pages: str) -> str:
    """MEDLINE page style: 123-129 -> 123-9."""
    if "-" not in pages:
        return pages
    a, b = pages.split("-")
    i = 0
    while i < min(len(a), len(b)) - 1 and a[i] == b[i] and len(a) == len(b):
        i += 1
    return f"{a}-{b[i:]}"


@dataclass
class Rec:
    sid: str
    title: str
    abstract: str
    authors: list[tuple[str, str]]
    initials: bool
    year: int
    journal_full: str
    journal_abbr: str
    use_abbr: bool
    volume: str
    issue: str
    pages: str
    doi: str
    keywords: list[str]
    mesh: list[str]
    lang: str
    latex: bool = False


def make_record(s: Study, file: str, copy_no: int, rng: random.Random) -> Rec:
    full, abbr, *_ = JOURNALS[s.journal]
    rec = Rec(sid=s.sid, title=s.title, abstract=s.abstract, authors=list(s.authors), initials=False,
              year=s.year, journal_full=full, journal_abbr=abbr, use_abbr=False, volume=s.volume, issue=s.issue,
              pages=s.pages, doi=s.doi, keywords=list(s.keywords), mesh=list(s.mesh), lang=s.lang)
    if copy_no == 0:
        return rec
    # a duplicate copy in a second/third database: one to three realistic differences
    ops = ["case", "punct", "nodoi", "fold", "abbr", "initials", "pages", "year", "abstract"]
    for op in rng.sample(ops, rng.randint(1, 3)):
        if op == "case":
            rec.title = title_case(rec.title) if rng.random() < 0.7 else rec.title.upper()
        elif op == "punct":
            if ": " in rec.title:
                rec.title = rec.title.replace(": ", " - ", 1)
            elif "–" in rec.title:
                rec.title = rec.title.replace("–", "-")
            else:
                rec.title = rec.title.rstrip(".?") + "."
        elif op == "nodoi":
            rec.doi = ""
        elif op == "fold":
            rec.title = fold_ascii(rec.title)
            rec.authors = [(fold_ascii(a), fold_ascii(b)) for a, b in rec.authors]
        elif op == "abbr":
            rec.use_abbr = True
        elif op == "initials":
            rec.initials = True
        elif op == "pages":
            rec.pages = short_pages(rec.pages)
        elif op == "year":
            rec.year = s.year - 1  # online-first year in one database, print year in the other
        elif op == "abstract":
            short = rec.abstract.split(" Implications")[0].split(" Implikasjoner")[0]
            if len(short.split()) >= 60:
                rec.abstract = short
            if rec.abstract == s.abstract:
                rec.abstract = rec.abstract + " © " + str(s.year) + " The Authors."
    return rec


def initials_of(given: str) -> str:
    return "".join(p[0] for p in given.replace("-", " ").split())


# ---------------------------------------------------------------------- writers


def _wrap(tag: str, text: str) -> list[str]:
    lines = textwrap.wrap(text, width=82) or [""]
    return [f"{tag:<4}- {lines[0]}"] + [f"      {ln}" for ln in lines[1:]]


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def write_nbib(recs: list[Rec], path: Path, rng: random.Random) -> list[str]:
    keys = []
    out: list[str] = []
    pmid = 99000000
    for r in recs:
        pmid += rng.randint(3, 9000)
        keys.append(str(pmid))
        title = r.title
        if not title.endswith((".", "?", "]")):
            title += "."
        out += [f"PMID- {pmid}", "OWN - NLM", "STAT- MEDLINE" if r.mesh else "STAT- PubMed-not-MEDLINE"]
        out += [f"DCOM- {r.year + 1}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"]
        if r.volume:
            out.append(f"VI  - {r.volume}")
        if r.issue:
            out.append(f"IP  - {r.issue}")
        out.append(f"DP  - {r.year} {rng.choice(MONTHS)}")
        out += _wrap("TI", title)
        out.append(f"PG  - {short_pages(r.pages)}")
        if r.doi:
            out.append(f"LID - {r.doi} [doi]")
        out += _wrap("AB", r.abstract)
        for fam, given in r.authors:
            out.append(f"FAU - {fam}, {given}")
            out.append(f"AU  - {fam} {initials_of(given)}")
        out.append(f"LA  - {'nor' if r.lang == 'no' else 'eng'}")
        out.append("PT  - Journal Article")
        out.append(f"TA  - {r.journal_abbr}")
        out.append(f"JT  - {r.journal_full}")
        for m in r.mesh:
            out.append(f"MH  - {m}")
        out.append("OTO - NOTNLM")
        for k in r.keywords:
            out.append(f"OT  - {k}")
        if r.doi:
            out.append(f"AID - {r.doi} [doi]")
        out.append(f"SO  - {r.journal_abbr}. {r.year};{r.volume}{f'({r.issue})' if r.issue else ''}:"
                   f"{short_pages(r.pages)}.{f' doi: {r.doi}.' if r.doi else ''}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")
    return keys


def write_ris(recs: list[Rec], path: Path) -> list[str]:
    out: list[str] = []
    keys = []
    for n, r in enumerate(recs, start=1):
        keys.append(str(n))
        out.append("TY  - JOUR")
        out.append(f"TI  - {r.title}")
        for fam, given in r.authors:
            out.append(f"AU  - {fam}, {'.'.join(initials_of(given))}." if r.initials or n % 3 else
                       f"AU  - {fam}, {given}")
        out.append(f"PY  - {r.year}")
        out.append(f"T2  - {r.journal_abbr if r.use_abbr else r.journal_full}")
        out.append(f"J2  - {r.journal_abbr}")
        if r.volume:
            out.append(f"VL  - {r.volume}")
        if r.issue:
            out.append(f"IS  - {r.issue}")
        if "-" in r.pages:
            sp, ep = short_pages(r.pages).split("-") if r.pages != short_pages(r.pages) and n % 2 else r.pages.split("-")
            out += [f"SP  - {sp}", f"EP  - {ep}"]
        else:
            out.append(f"SP  - {r.pages}")
        if r.doi:
            out.append(f"DO  - {r.doi}")
        out.append(f"AB  - {r.abstract}")
        for k in r.keywords:
            out.append(f"KW  - {k}")
        out.append(f"LA  - {'Norwegian' if r.lang == 'no' else 'English'}")
        out.append("DB  - Scopus")
        out.append("ER  - ")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")
    return keys


LATEX = {"å": "{\\aa}", "Å": "{\\AA}", "ø": "{\\o}", "Ø": "{\\O}", "æ": "{\\ae}", "Æ": "{\\AE}",
         "ä": '{\\"a}', "ö": '{\\"o}', "ü": '{\\"u}', "é": "{\\'e}"}


def _bib_escape(text: str, latex: bool) -> str:
    text = text.replace("&", "\\&").replace("%", "\\%")
    if latex:
        text = "".join(LATEX.get(c, c) for c in text)
    return text


def write_bib(recs: list[Rec], path: Path, rng: random.Random) -> list[str]:
    out: list[str] = ["% Norart export (synthetic demo data, see corpora/README.md)", ""]
    keys = []
    used: set[str] = set()
    for r in recs:
        first_word = fold_ascii(r.title.split()[0]).lower().strip(":,.?")
        key = f"{fold_ascii(r.authors[0][0]).lower().replace(' ', '')}{r.year}{first_word}"
        while key in used:
            key += "a"
        used.add(key)
        keys.append(key)
        latex = rng.random() < 0.15
        authors = " and ".join(
            f"{fam}, {'. '.join(initials_of(given))}." if r.initials else f"{fam}, {given}" for fam, given in r.authors)
        fields = [("title", f"{{{_bib_escape(r.title, latex)}}}"), ("author", _bib_escape(authors, latex)),
                  ("journal", _bib_escape(r.journal_abbr if r.use_abbr else r.journal_full, False)),
                  ("year", str(r.year))]
        if r.volume:
            fields.append(("volume", r.volume))
        if r.issue:
            fields.append(("number", r.issue))
        fields.append(("pages", r.pages.replace("-", "--")))
        if r.doi:
            fields.append(("doi", r.doi))
        fields.append(("abstract", _bib_escape(r.abstract, latex)))
        fields.append(("keywords", _bib_escape(", ".join(r.keywords), latex)))
        fields.append(("language", "norwegian" if r.lang == "no" else "english"))
        out.append(f"@article{{{key},")
        out += [f"  {k} = {{{v}}}," for k, v in fields]
        out[-1] = out[-1].rstrip(",")
        out += ["}", ""]
    path.write_text("\n".join(out), encoding="utf-8")
    return keys


def write_csv(recs: list[Rec], path: Path) -> list[str]:
    keys = []
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "abstract", "authors", "year", "journal", "volume", "issue", "pages", "doi", "keywords"])
        for n, r in enumerate(recs, start=1):
            keys.append(str(n))
            authors = "; ".join(f"{fam}, {initials_of(given)}" if r.initials else f"{fam}, {given}"
                                for fam, given in r.authors)
            w.writerow([r.title, r.abstract, authors, r.year, r.journal_abbr if r.use_abbr else r.journal_full,
                        r.volume, r.issue, r.pages, r.doi, "; ".join(r.keywords)])
    return keys


def main(out_dir: Path = OUT_DIR) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    studies = build_studies()
    placed = assign_files(studies)
    rng = random.Random("records")
    per_file: dict[str, list[Rec]] = {f: [] for f in FILES}
    for s in studies:
        for copy_no, f in enumerate(placed[s.sid]):
            per_file[f].append(make_record(s, f, copy_no, rng))
    for f in FILES:
        random.Random(f).shuffle(per_file[f])
    keys = {
        "pubmed.nbib": write_nbib(per_file["pubmed.nbib"], out_dir / "pubmed.nbib", random.Random("pmid")),
        "scopus.ris": write_ris(per_file["scopus.ris"], out_dir / "scopus.ris"),
        "norart.bib": write_bib(per_file["norart.bib"], out_dir / "norart.bib", random.Random("bib")),
        "cinahl.csv": write_csv(per_file["cinahl.csv"], out_dir / "cinahl.csv"),
    }
    with (out_dir / "truth.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "record_no", "record_key", "study_id"])
        for f in FILES:
            for n, (rec, key) in enumerate(zip(per_file[f], keys[f], strict=True), start=1):
                w.writerow([f, n, key, rec.sid])
    with (out_dir / "labels.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["study_id", "title", "include_title_abstract", "include_full_text", "exclusion_reason"])
        for s in sorted(studies, key=lambda s: s.sid):
            ta = s.label != "X"
            ft = s.label == "I"
            reason = s.label[2:] if s.label.startswith("T:") else ""
            w.writerow([s.sid, s.title, "yes" if ta else "no", ("yes" if ft else "no") if ta else "", reason])
    groups = sum(1 for v in placed.values() if len(v) > 1)
    print(f"{len(studies)} studies; " + ", ".join(f"{f}: {len(per_file[f])}" for f in FILES)
          + f"; duplicate groups: {groups}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR)
