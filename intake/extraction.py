"""Find who said what in a news article, with which stance, relayed by whom, about when.

Rule-based on purpose: it runs offline with no model to download, is fast, and each decision can be
read off a rule. It covers the attribution forms of wire copy:

- "According to X, S." / "S, according to X."
- "X said / confirmed / reported / told CNN (that) S." and "S, X said." / "S, said X."
- "X denied / dismissed rumours that S." (stance *denies*), and "X said S was not ..." (a negated
  statement is stored in positive form with stance *denies*)
- quotes with a speaker before or after them, "he said" resolved to the last person named
- continuations of the same speaker: "..., insisting (that) S2", "... and that S2", "but said S2"
- relays: "told CNN", "in a CNN interview", "quoted by RIA", "carried by SANA": the relaying
  outlet becomes *via*; otherwise the article's outlet relays what it reports others saying
- speakers described by role: "HTS leader Abu Mohammed al-Golani", "Rami Abdel Rahman, head of
  SOHR" (the person is the source, the organisation its parent)
- unattributed sentences reporting an event in the past ("HTS captured Aleppo") are the outlet's
  own assertions; analysis, conditionals and colour are left out.
"""

import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pysbd

from intake.lexicon import (
    AUDIENCE_WORDS,
    CONTINUATION_PARTICIPLES,
    COUNTRY_CAPITALS,
    DEMONYMS,
    DENY_VERBS,
    DISCOURSE_OPENERS,
    EVENT_VERBS,
    GENERIC_SOURCE_HEADS,
    HEDGE_WORDS,
    IRREGULAR_VERBS,
    KIND_KEYWORDS,
    MONTHS,
    QUANTIFIERS,
    REPORT_NOUNS,
    ROLE_NOUNS,
    SAY_VERBS,
    WEEKDAYS,
)
from intake.polarity import claims_guarded

ASSERTS = "asserts"
DENIES = "denies"
MIN_STATEMENT_WORDS = 3
MAX_SOURCE_WORDS = 12
# Longer "sentences" are lists, tables or run-on text, not prose: skipped, which also bounds the
# time the regular expressions may take on hostile input.
MAX_SENTENCE_CHARS = 1500
# How many speakers or continuations one sentence may chain ("X said A, and Y said B, adding C").
MAX_CHAINED_CLAUSES = 4
# A news article makes a few dozen statements; past this many the input is not one article.
MAX_STATEMENTS = 300


class ReadingTooLong(Exception):
    """The article was not read by its deadline."""


@dataclass
class SourceMention:
    """A source as the article names it; resolved to a stored Source (or proposed as new) later."""

    name: str
    kind: str = "other"
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    parent: str = ""
    is_outlet: bool = False
    descriptors: list[str] = field(default_factory=list)

    @property
    def is_person(self) -> bool:
        return self.kind == "person"


@dataclass
class ExtractedClaim:
    text: str
    stance: str
    source: SourceMention
    via: str
    quote: str
    about: date | None = None
    notes: list[str] = field(default_factory=list)
    """What the reviewer should check: a reference left as written because no single place fits."""


_segmenter = pysbd.Segmenter(language="en", clean=False)

_WEEKDAY_NAMES = "|".join(w.capitalize() for w in WEEKDAYS)
_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_SAY_ALTERNATION = "|".join(sorted(SAY_VERBS | DENY_VERBS, key=len, reverse=True))
_SAY_VERB = re.compile(rf"\b({_SAY_ALTERNATION})\b")
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .,'’-]{1,40}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?\s*"
    r"\((?P<agency>[A-Za-z .-]{2,30})\)\s*[-–—]+\s*"
)
_TIME_ADVERBIAL = (
    rf"(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?(?:{_WEEKDAY_NAMES})(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?:on\s+)?(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}|(?:on\s+)?\d{{1,2}}\s+(?:{_MONTH_NAMES})"
    r"|(?:last|this|earlier this|late last|overnight)\s*(?:week|month|night|morning|year|weekend)?"
    r"|(?:yesterday|today|tonight|overnight|recently|again|also|later|earlier|previously|separately"
    r"|publicly|officially|repeatedly|then|too|already|now)"
)
_MEDIUM_NOUNS = (
    r"statement|interview|video|speech|post|message|broadcast|press conference|news conference"
    r"|briefing|televised address|address|report|communique|comments|remarks|letter|tweet|podcast"
    r"|news agency|outlet|mouthpiece|channel|website"
)
_VENUE_ADVERBIAL = re.compile(
    rf"^(?:in|during|at|via|through)\s+(?:a|an|the|his|her|its|their)?\s*(?:[\w’'-]+\s+){{0,4}}?"
    rf"(?P<noun>{_MEDIUM_NOUNS})\b(?P<tail>(?:\s+(?:with|to|on|by|posted on|published on|broadcast on|"
    rf"carried by|published by|aired on|broadcast by|read on|read out on|issued by|released by|shown on)"
    rf"\s+(?:the\s+|its\s+|their\s+)?(?!(?:{_WEEKDAY_NAMES}|{_MONTH_NAMES})\b)(?:[A-Z][\w’'-]*|al-[\w’'-]+|official|"
    rf"state|public|national|news|agency|television|media|channel|social)(?:\s+(?:[A-Z][\w’'-]*|official|state|"
    rf"public|national|news|agency|television|media|channel|account|outlet|website))*)?)"
)
_MANNER_ADVERBIAL = re.compile(
    r"^(?:by\s+(?:satellite\s+|tele|mobile\s+)?phone|by\s+text\s+message|over\s+the\s+phone|in\s+a\s+phone\s+call"
    r"|on\s+condition\s+of\s+anonymity)\b\s*"
)
_PLACE_ADVERBIAL = re.compile(r"^(?:in|from|at)\s+(?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+)*")
_CONTINUATION = re.compile(
    rf",?\s+(?P<word>{'|'.join(CONTINUATION_PARTICIPLES)})\b(?!\s+to\s)\s*(?P<rest>.*)$", re.DOTALL
)
_CONJOINED_SAY = re.compile(
    r"(?:,?\s+and\s+that\s+|,?\s+(?:but|and)\s+(?:also\s+)?(?P<verb>said|added|insisted|warned|noted|denied|stressed"
    r"|rejected|dismissed)\s+(?:(?:the\s+)?(?:accusations?|claims?|reports?|allegations?|suggestions?)\s+)?(?:that\s+)?)"
)
# "... they had entered Hama, and the army said it had redeployed ...": a second speaker.
_SECOND_ATTRIBUTION = re.compile(
    rf",?\s+(?:and|but|while|whereas)\s+(?=(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){{0,5}}\s+(?:{_SAY_ALTERNATION})\b)"
)
_CITY_MENTION = re.compile(
    r"\b(?:city|town) of (?P<city>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
    r"|\b(?:captured|seized|entered|abandoned|took|recaptured|retook|reached|besieged|attacked|defend|defended)"
    r"\s+(?:the\s+(?:northern|southern|eastern|western|central|coastal)\s+city\s+of\s+)?"
    r"(?P<city2>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\b"
)
_PLACE_NAME = r"(?P<name>(?:(?:al|el)-)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
_PLACE_MENTIONS = (
    re.compile(rf"\b(?P<noun>town|village|city)\s+of\s+{_PLACE_NAME}"),
    re.compile(r"(?P<name>[A-Z][\w'-]+),\s+an?\s+(?:[\w-]+\s+){0,2}(?P<noun>town|village|city)\b"),
    re.compile(rf"\b(?P<noun>base|barracks|garrison|camp|post|outpost)\s+(?:in|at|near)\s+(?:the\s+(?:town|village|city)\s+of\s+)?"
               rf"{_PLACE_NAME}"),
    re.compile(rf"\b{_PLACE_NAME}\s+(?P<noun>region|province|district|county)\b"),
)
# "in Hama", "outside Homs": a capitalised name after a place preposition is a candidate for "the city".
_LOCATIVE_PLACE = re.compile(
    r"\b(?:in|near|outside|into|around|towards?|from|captur\w*|seiz\w*|enter\w*|tak(?:e|es|en|ing)|took|reach\w*"
    r"|attack\w*|shell\w*|bomb\w*|struck|strik\w+|besieg\w*|overr\w+|encircl\w*|surround\w*|retak\w+|retook)"
    r"\s+(?P<place>(?:(?:al|el)-)?[A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*)?)\b(?!'s)(?!\s+[A-Z])"
)
_NOT_PLACES = {w.lower() for w in WEEKDAYS} | set(MONTHS) | {"the", "this", "that", "his", "her", "its"}
_CAPITAL_NAMES = set(COUNTRY_CAPITALS.values())
# Countries by name or adjective ("Syrian"); a capital standing for its government ("Tehran said") is
# a city here, not a country.
_COUNTRY_OF = {country.lower(): country for country in COUNTRY_CAPITALS}
_COUNTRY_OF.update({demonym: _COUNTRY_OF.get(country.lower(), country) for demonym, country in DEMONYMS.items()
                    if demonym not in {c.lower() for c in _CAPITAL_NAMES}})
_COUNTRY_MENTION = re.compile(
    rf"\b(?=[A-Z])(?i:{'|'.join(re.escape(w) for w in sorted(_COUNTRY_OF, key=len, reverse=True))})\b"
)
_CAPITAL_MENTION = re.compile(rf"\b(?:{'|'.join(re.escape(c) for c in sorted(_CAPITAL_NAMES, key=len, reverse=True))})\b")
_THE_COUNTRY = re.compile(r"\bthe country\b(?!'s)")
_THE_CAPITAL = re.compile(r"\b[Tt]he capital\b(?!,)(?!\s+[A-Z])")
_THE_CITY = re.compile(r"\b[Tt]he city\b(?!\s+of\b)(?!')")
_THE_CITYS = re.compile(r"\b[Tt]he city's\s+([\w-]+\s+)?(countryside|outskirts|centre|center|suburbs)\b")
_PLACE_KINDS = {"barracks": "base", "garrison": "base", "camp": "base", "post": "base", "outpost": "base"}
_PARTICIPIAL_ATTRIBUTION = re.compile(
    rf"^(?P<src>[^,]{{2,80}}?)\s+(?P<verb>[a-z]+ed)\s+(?P<object>[^,]{{0,100}}),\s+"
    rf"(?P<participle>{'|'.join(CONTINUATION_PARTICIPLES)})\s+(?:that\s+)?(?P<stmt>.+)$"
)
_PASSIVE_ATTRIBUTION = re.compile(
    rf"^(?:it|this)\s+(?:is|was|has been|had been)\s+(?P<verb>{_SAY_ALTERNATION})\s+by\s+(?P<src>[^,]+?),?\s+"
    r"that\s+(?P<stmt>.+)$",
    re.IGNORECASE,
)
# "said it was not true that S", "said reports of S were false": the speaker denies S.
_NOT_TRUE_THAT = re.compile(
    r"^(?:it|this)\s+(?:is|was)\s+(?:not\s+true|untrue|false|a\s+lie|baseless|not\s+correct)\s+that\s+(?P<stmt>.+)$",
    re.IGNORECASE,
)
_REPORTS_FALSE = re.compile(
    rf"^(?:the\s+|all\s+|any\s+|media\s+)*(?:{'|'.join(REPORT_NOUNS)})\s+(?P<link>that|of|about)\s+(?P<stmt>.+?)\s+"
    r"(?:is|are|was|were)\s+(?:(?:completely|totally|entirely|utterly|simply)\s+)?"
    r"(?:false|untrue|baseless|unfounded|fabricated|lies|incorrect|inaccurate|groundless)\W*$",
    re.IGNORECASE,
)
_RESIDUAL_NEGATION = re.compile(r"\b(?:not|never|no longer|n't)\b|n't\b")
# "DAMASCUS — The Syrian army", "(LONDON) — State media", "Khartoum: The RSF": a dateline glued to the speaker.
_SOURCE_DATELINE = re.compile(r"^(?:\(?[A-Z][A-Z .,'-]{2,40}\)?\s*[—–-]+\s*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?:\s+(?=[A-Z]))")
_PARAGRAPH_DATELINE = re.compile(r"^\(?[A-Z]{3,}[A-Z .,'-]{0,40}\)?\s*[—–]\s*(?=[A-Z])")
_DESCRIBED_NAME = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w-]*'s\s+)?(?:(?:paramilitary|rebel|militant|armed|jihadist|insurgent|separatist|"
    r"state-run|state-owned|independent|opposition|main|powerful|UK-based|Britain-based|London-based|US-based|"
    r"Islamist|Kurdish-led|Iran-backed|Russia-backed)\s+)+(?P<name>[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|al-[\w-]+|of|for|and))*"
    r"(?:\s+\([A-Z][A-Za-z]{1,7}\))?)$"
)
# "rejected Moscow's claim that it had captured ...", "denied Russia's claim to have captured ...": the
# claim is the claimant's, and "it" is the claimant.
_CLAIMANT_CLAUSE = re.compile(
    rf"^(?:the\s+)?(?P<claimant>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)'s?\s+(?:{'|'.join(REPORT_NOUNS)})\s+"
    r"(?:that\s+(?:it|they)\b(?P<rest>.+)|to\s+have\s+(?P<participle>[a-z]+)\b(?P<object>.+))$"
)
# "reports about an alleged assassination attempt on Putin": an event named by a noun.
_REPORTED_EVENT = re.compile(
    rf"^(?:(?:the|all|any|these|those|such|recent|media|widespread)\s+)*(?:{'|'.join(REPORT_NOUNS)})\s+(?:of|about|on)\s+"
    r"(?:an?\s+|the\s+)?(?:(?:alleged|reported|purported|supposed)\s+)?(?P<event>(?:[\w-]+\s+){0,2}?"
    r"(?:attempt|attack|conversation|meeting|call|talks|strike|explosion|coup|deal|agreement|ceasefire|visit)\b.*)$"
)
_NO_TRUTH = re.compile(
    rf"^there\s+(?:is|was|were|had\s+been)\s+no\s+(?:truth|basis|substance)\s+(?:to|in|for|behind)\s+(?:the\s+|these\s+|those\s+|any\s+|such\s+)*"
    rf"(?:{'|'.join(REPORT_NOUNS)})\s+(?P<link>that|of|about)\s+(?P<stmt>.+)$",
    re.IGNORECASE,
)
# "dismissed these claims as baseless": the verdict after "as" is the denial, not what is denied.
_AS_FALSE_TAIL = re.compile(
    r"\s+as\s+(?:\w+\s+){0,2}?\"?(?:false|baseless|unfounded|untrue|groundless|fabricated|lies|nonsense|fake|propaganda"
    r"|misinformation|disinformation|rumou?rs?)\b\"?\W*$",
    re.IGNORECASE,
)
_MANNER_BEFORE_VERB = re.compile(r"(?:\s+(?:[a-z]+ly|also|again|swiftly|quickly|later|earlier|since))+$")
# "denied reports of its withdrawal from Hama", "refuted the RSF's claim of full control of El Fasher":
# the denied statement is a noun phrase, read back into a clause for the nouns below.
_NOMINAL_REPORT = re.compile(
    rf"^(?:(?:the|all|any|these|those|such|recent|media|widespread)\s+)*"
    rf"(?:(?P<claimant>(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)'s?\s+)?(?:{'|'.join(REPORT_NOUNS)})"
    r"\s+(?:of|about|regarding|suggesting|claiming|alleging|on)\s+(?P<np>.+)$"
)
_NOMINAL = re.compile(
    r"^(?:(?:the|a)\s+)?(?:(?P<poss>its|their|his|her|(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*'s?)\s+)?"
    r"(?P<degree>full|total|complete)?\s*(?P<noun>[a-z]+)\b(?:\s+of\s+(?P<obj>(?:(?!\s+(?:from|to|in|into|at|near|by)\s).)+))?"
    r"(?P<rest>\s+(?:from|to|in|into|at|near|by)\s+.+)?$"
)
# Nouns an agent does, as the clause's verb: "its withdrawal from Hama" -> "withdrew from Hama".
_NOMINAL_INTRANSITIVE = {
    "withdrawal": "withdrew", "retreat": "retreated", "departure": "left", "flight": "fled", "escape": "escaped",
    "death": "died", "fall": "fell", "collapse": "collapsed", "presence": "was present", "involvement": "was involved",
    "surrender": "surrendered", "resignation": "resigned", "defeat": "was defeated", "defection": "defected",
    "advance": "advanced", "entry": "entered",
}
# Nouns with an object: "the evacuation of the embassy" -> "the embassy was evacuated".
_NOMINAL_TRANSITIVE = {
    "capture": ("captured", "was captured"), "seizure": ("seized", "was seized"),
    "control": ("had control of", "was controlled"), "evacuation": ("evacuated", "was evacuated"),
    "arrest": ("arrested", "was arrested"), "killing": ("killed", "was killed"),
    "takeover": ("took over", "was taken over"), "bombing": ("bombed", "was bombed"),
    "shelling": ("shelled", "was shelled"), "destruction": ("destroyed", "was destroyed"),
}
# "told Al Arabiya television that ...": the outlet is the name, the medium noun is not part of it.
_ADDRESSEE = re.compile(
    r"^\s+(?P<who>(?:the\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]*)*)"
    r"(?:\s+(?:television|TV|radio|newspaper|channel|news\s+agency|broadcaster|website|daily))?"
)
_RELAY_IN_SOURCE = re.compile(r",\s+(?:quoted|cited)\s+by\s+(?P<via>[^,]+),?\s*$")
_TRAILING_CLAUSE = re.compile(
    r",\s+(?:as|while|when|amid|whereas|although|though|now|which|who|whose|where)\b.*$|\s+[—–]\s+.*$"
    r"|,?\s+and\s+(?:described|called|branded|termed)\s+(?:the|it|this|that|such)\b.*$"
    r"|,?\s+and\s+(?:dismissed|rejected)\s+(?:the|it|this|that|such|his|her|their)\b[^,]*?\s+as\s+.*$",
    re.DOTALL,
)
_TRAILING_PARTICIPLE = re.compile(
    r",\s+(?!killing|wounding|injuring|including|leaving|bringing|displacing|forcing)\w+ing\b.*$", re.DOTALL
)
# "... seized El Fasher, the last army stronghold in Darfur": a description of the name, not a claim.
_TRAILING_APPOSITIVE = re.compile(
    r"(?P<name>\b[A-Z][\w'-]*),\s+(?:the|a|an)\s+(?![^,]*\b(?:is|are|was|were|has|have|had|will|would|said)\b)"
    r"[^,\d]{3,80}$"
)
# "... control of Goma, the largest city in eastern Congo, after days of fighting": the same, mid-sentence.
_INNER_APPOSITIVE = re.compile(
    r"(?P<name>\b[A-Z][\w'-]*),\s+(?:the|a|an)\s+(?![^,]*\b(?:is|are|was|were|has|have|had|will|would|said|and)\b)"
    r"[^,\d]{3,80},"
)
# "the Defense Ministry" in an article about Syria is Syria's.
# "the army", "a government spokesman": unnamed, they speak for the country's.
_NATIONAL_BODY = re.compile(
    r"^(?:(?:Defen[cs]e|Foreign|Interior|Information|Health|Justice)\s+Ministry|Ministry\s+of\s+[A-Z]\w+"
    r"|General\s+Command|Presidency|(?P<body>army|military|armed forces|government|police|presidency)"
    r"(?:\s+spokes(?:man|woman|person))?)$"
)
_EDITORIAL_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_NAME_TOKEN = r"(?:[A-Z][\w’'.-]*|al-\w[\w-]*|el-\w[\w-]*|bin|ibn|abu|Abu|de|van|von|da)"
_ROLE_THEN_NAME = re.compile(
    rf"^(?P<role>.*?\b(?i:{'|'.join(sorted(ROLE_NOUNS, key=len, reverse=True))})s?)\s+"
    rf"(?P<name>[A-Z][\w’'.-]*(?:\s+{_NAME_TOKEN})+)$"
)
# "he remained at home and was ready to hand over power": two statements sharing one subject.
_SHARED_SUBJECT = re.compile(
    rf"^(?P<subj>he|she|it|they|we|I|(?:{_NAME_TOKEN}\s+){{0,3}}{_NAME_TOKEN})\s+(?P<first>(?:(?!\band\b).)+?)\s+and\s+"
    r"(?P<second>(?:was|were|is|are|had|has|have|would|will|could|remained|remains)\s+.+)$"
)
_SUBORDINATOR_SPLIT = re.compile(r"^.*\b(?:after|because|since|when|while|before|although|though)\s+")
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|came|began|did|does)\b")
_INTENTION = re.compile(r"^(?:we|i)\s+(?:will|shall|would|must|want|intend|are going to|am going to|have to|won't)\b", re.I)
_OPINION = re.compile(r"^(?:it|this)\s+(?:is|was|would be|will be)\s+(?:\w+\s+){0,2}?\w+\s+(?:to|that|for)\b", re.I)
_NEGATED_OBJECT = re.compile(
    r"\b(?:had|has|have|found|saw|see|sees|there\s+(?:is|was|were|are))\s+(?P<no>no)\s+"
    r"(?:(?:real|immediate|further|credible|clear)\s+)?"
    r"(?P<noun>intention|intentions|interest|plan|plans|evidence|sign|signs|indication|indications|knowledge"
    r"|information|desire|wish|proof|trace|traces|(?:[a-z]+\s+)?(?:relationship|relations|link|links|contact"
    r"|connection|ties|role|involvement|presence|troops|forces|soldiers|plans?))\s+(?:of|in|to|that|with|on|for)\b"
)
_MASS_NOUNS = {"evidence", "knowledge", "information", "proof", "interest"}
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# "The situation is extremely volatile": an assessment of the mood, with nothing to check.
_ASSESSMENT = re.compile(r"^the\s+(?:situation|atmosphere|mood)\s+(?:is|was|remains|remained)\s+(?:\w+ly\s+)?\w+$", re.I)
_OPEN_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whom|whose)\b[^,]*$")
_CLOSING_CLAUSE_THEN_SAY = re.compile(rf"^[^,]*,\s+(?:{_SAY_ALTERNATION})\b")
_CITING = re.compile(
    r",?\s+citing\s+(?:(?P<unnamed>(?:an?\s+|the\s+|unnamed\s+|two\s+|three\s+|several\s+)*(?:senior\s+)?"
    r"(?:sources?|officials?|people)\s+(?:in|at|from|close\s+to|within|familiar\s+with)\s+))?(?P<cited>[^,]+)"
)
_CLAUSE_THEN_SPEAKER = re.compile(r"^(?P<clause>.+?),\s+(?:and|but|while|whereas)\s+(?P<speaker>[^,]+)$")
_OUTLET_NOUNS = r"news\s+agency|broadcaster|newspaper|daily|channel|television|TV|radio|outlet|website"
_OUTLET_WORDS = re.compile(rf"\b(?:{_OUTLET_NOUNS}|agency|media)\b", re.I)
_CITING_IN_SUBJECT = re.compile(r",\s+(?:citing|quoting)\s+(?P<cited>[^,]+),?$")
# Verbs whose object is always what was said, with or without "that".
_CLAUSE_ONLY_VERBS = {"said", "says", "say", "told", "tells", "added", "adds", "insisted", "insists", "wrote", "writes"}
_CLAIMED_ATTACK = re.compile(
    r"^(?:responsibility\s+for\s+)?(?P<act>(?:the|an?|this|that|[A-Z]\w+'s)\s+(?:[\w-]+\s+){0,3}?(?:attack|bombing|strike|assault"
    r"|ambush|raid|killings?|abduction|kidnapping|massacre|explosion|blast|hijacking)\b(?:(?!\s+(?:on|through|via|in)\s+"
    r"(?:its|their)\b)[^,])*)(?P<relay>\s+(?:on|through|via|in)\s+(?:its|their)\s+[^,]+)?(?P<tail>,.*)?$"
)
_DISMISSED_AS = re.compile(rf'^as\s+"?[^",]{{1,40}}"?,?\s+(?=(?:the\s+)?(?:{"|".join(REPORT_NOUNS)})\b)')
_ACCUSED_OF = re.compile(r"^(?P<accused>.+?)\s+of\s+(?P<act>(?:having\s+)?[a-z]+ing\b.*)$")
# "No Navy ship had been struck", "There is no threat of encirclement": a negative subject denies the
# statement with the subject present.
_NEGATIVE_SUBJECT = re.compile(
    r"^(?P<there>there\s+(?:is|are|was|were|has\s+been|had\s+been)\s+)?(?:no|not\s+a\s+single)\s+"
    r"(?P<noun>[\w.-]+(?:\s+[\w.-]+){0,3}?)(?=\s+(?:is|are|was|were|has|have|had|will)\b|(?(there)\s+of\b|(?!)))",
    re.IGNORECASE,
)
_REFUSAL = re.compile(r"\s+(?:declined|refused|declining|refusing|would not|did not want)\s+to$")
_QUOTED_AS_SAYING = re.compile(r"\s+(?:was|were)\s+(?:quoted|cited)\s+as\s+saying\b")
# "Congo's government rejected the claim.": the denial points back at the statement just reported.
_ANAPHORIC_REPORT = re.compile(
    r"^(?:the|this|that|these|those|such)\s+(?:claims?|reports?|account|allegations?|assertions?|statements?)$"
)
# "denied the town had fallen", "denied it was behind the attack": a clause without "that".
_BARE_CLAUSE = re.compile(
    r"^(?:(?:it|they|he|she|we|(?:the|its|their|his|her|a|an|any)\s+[^,]{1,60}?)|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
    r"\s+(?:(?:had|has|have|was|were|is|are|would|will|could)\b|(?:\w+ed)\s+(?:the|a|an|its|their|to|from|in)\b)"
)
# "In a message posted on ...": a phrase that starts with a preposition is not who spoke.
_PREPOSITION_FIRST = re.compile(
    r"^(?:in|on|at|from|with|during|after|before|by|through|via|under|since|despite|amid|into|near|over)\s", re.I
)
# "Three survivors reached by phone", "Residents who reached the provincial capital, Pemba,": the
# modifier says how they were reached or where they went; the head noun is the speaker.
_RESTRICTIVE_MODIFIER = re.compile(
    r"(?<=[a-z])\s+(?:(?:reached|contacted|interviewed|quoted|cited|displaced)\s+(?:by|in|from|on|at)\b"
    r"|who\s+(?!said|told|spoke\b)[a-z]+ed\b).*$"
)
# "Portuguese news agency Lusa", "independent broadcaster Radio Tamazuj": the description is not the name.
_OUTLET_DESCRIPTION = re.compile(rf"^(?:[\w-]+\s+){{0,3}}?(?:{_OUTLET_NOUNS})\s+(?=[A-Z])")
# "Armed Nuer youths of the so-called White Army": the members speak for the group.
_MEMBERS_OF = re.compile(
    r"^(?:[\w-]+\s+){0,3}?(?:youths|fighters|members|militants|militiamen|supporters|gunmen)\s+(?:of|from)\s+"
    r"(?:the\s+)?(?:so-called\s+)?(?=[A-Z])"
)
_GROUP_NOUNS = {"group", "movement", "militia", "organisation", "organization", "rebels", "insurgents", "militants"}
_PRONOUN_SUBJECTS = {"he", "she", "it", "they", "we", "i"}
_DEFINITE_DESCRIPTION = re.compile(r"^(?:the|this|that)\s+(?P<rest>.+)$", re.IGNORECASE)
_TITLE_WORDS = {"foreign", "prime", "deputy", "defence", "defense", "interior", "vice", "senior", "chief",
                "top", "former", "acting", "military", "army", "general", "supreme"}


# Compiled once: patterns built per call would be compiled again whenever the re module's cache of
# 512 patterns overflows, which one article with many names and keywords does.
_ROLE_NOUN = re.compile(rf"\b(?:{'|'.join(sorted(ROLE_NOUNS, key=len, reverse=True))})s?\b")
_ROLE_NOUN_ANY_CASE = re.compile(_ROLE_NOUN.pattern, re.IGNORECASE)
# Per kind, its keywords as whole words; the first kind whose keyword occurs wins, as listed.
_KIND_PATTERNS = [
    (kind, re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(k.strip()) for k in keywords)})(?![\w-])"))
    for kind, keywords in KIND_KEYWORDS
]
_TIME_ADVERBIAL_START = re.compile(rf"^(?:{_TIME_ADVERBIAL})\b\s*")
_MEDIUM_NOUN_START = re.compile(rf"^(?:{_MEDIUM_NOUNS})\b\s*")
_ADVERBIAL_TAIL = re.compile(rf"^(?:\s+(?:{_TIME_ADVERBIAL}))*\s*,")
_DAY_MONTH = re.compile(rf"\b(?:on\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})\.?(?:,?\s+(?P<year>\d{{4}}))?\b")
_MONTH_DAY = re.compile(
    rf"\b(?:on\s+)?(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"
)
_WEEKDAY_MENTION = re.compile(rf"\b(?:on\s+|late\s+on\s+|early\s+on\s+|last\s+)?(?P<day>{_WEEKDAY_NAMES})\b")
_NAME_WITH_ACRONYM = re.compile(
    rf"\b(?P<name>[A-Z][\w'-]*(?:\s+{_NAME_TOKEN}|\s+(?:for|of|and)){{1,8}})\s+\((?P<acr>[A-Z][A-Za-z]{{1,7}})\)"
)
_MAIN_COUNTRY_EXCLUDED = {"tehran", "moscow", "ankara", "beirut"}
# Each country by its name or adjective, longest first, so "South Sudan" is read before "Sudan".
_MAIN_COUNTRY_OF = {}
for _country in COUNTRY_CAPITALS:
    _MAIN_COUNTRY_OF[_country] = _country
    for _demonym, _of in DEMONYMS.items():
        if _of == _country.lower() and _demonym not in _MAIN_COUNTRY_EXCLUDED:
            _MAIN_COUNTRY_OF.setdefault(_demonym.title(), _country)
_MAIN_COUNTRY_MENTION = re.compile(
    rf"\b(?:{'|'.join(re.escape(w) for w in sorted(_MAIN_COUNTRY_OF, key=len, reverse=True))})\b"
)
_CAPITAL_OF = {country: re.compile(rf"\b{re.escape(capital)}\b", re.IGNORECASE)
               for country, capital in COUNTRY_CAPITALS.items()}
_CAPITAL_AS_WRITTEN = {country: re.compile(rf"\b{re.escape(capital)}\b") for country, capital in COUNTRY_CAPITALS.items()}


# pysbd's time grows faster than its input; a run-on "paragraph" (a pasted page without line breaks)
# is cut at likely sentence ends into pieces of about this size first, which keeps reading linear.
SEGMENT_CHUNK_CHARS = 3000
_LIKELY_SENTENCE_END = re.compile(r'(?<=[a-z0-9][.!?])["\']?\s+(?=["\']?[A-Z])')


def _chunks(paragraph: str) -> list[str]:
    if len(paragraph) <= SEGMENT_CHUNK_CHARS:
        return [paragraph]
    chunks, start = [], 0
    for end in _LIKELY_SENTENCE_END.finditer(paragraph):
        if end.start() - start >= SEGMENT_CHUNK_CHARS:
            chunks.append(paragraph[start:end.start() + 1])
            start = end.end()
    chunks.append(paragraph[start:])
    # A chunk with no sentence end at all is not prose; it is cut blindly, never read as one piece.
    return [piece[i:i + 4 * SEGMENT_CHUNK_CHARS] for piece in chunks for i in range(0, len(piece), 4 * SEGMENT_CHUNK_CHARS)]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, keeping a quotation that spans several sentences in one piece."""
    pieces = [p.strip() for chunk in _chunks(paragraph) for p in _segmenter.segment(chunk) if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and merged[-1].count('"') % 2 == 1:
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def normalise_typography(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u201e", '"')
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text)


def guess_kind(name: str, role: str = "") -> str:
    lowered = f" {name.lower()} "
    if role and _ROLE_NOUN.search(role.lower()):
        return "person"
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(lowered):
            return kind
    words = name.split()
    if 2 <= len(words) <= 5 and all(w[0].isupper() or w.lower() in {"al", "bin", "ibn", "abu", "de", "van"}
                                    or w.lower().startswith(("al-", "el-")) for w in words):
        if not any(_ACRONYM.match(w) for w in words) and words[0].lower() not in DEMONYMS:
            return "person"
    return "other"


class _ArticleReader:
    def __init__(self, outlet: str | None, published_at: datetime | None, deadline: float | None = None):
        self.deadline = deadline
        self.outlet = SourceMention(name=outlet, kind=guess_kind(outlet), is_outlet=True) if outlet else None
        self.published = published_at.date() if published_at else None
        self.sources: list[SourceMention] = []
        self.claims: list[ExtractedClaim] = []
        self.last_subject_name = ""
        self.topic = ""
        self.country = ""
        self.capital = ""
        self.last_subject = ""
        # Every place named so far, by kind: a reference ("the city") is replaced only when one fits.
        self.cities: dict[str, None] = {}
        self.places: dict[str, dict[str, None]] = {}
        self.countries: dict[str, None] = {}
        self.capitals: dict[str, None] = {}
        self.notes: list[str] = []

    # ----- article level -------------------------------------------------------------------
    def read(self, text: str) -> list[ExtractedClaim]:
        text = normalise_typography(text)
        self.text = text
        self.country, self.capital = _main_country(text)
        paragraphs = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
        for index, paragraph in enumerate(paragraphs):
            if index == 0:
                paragraph = self._strip_dateline(paragraph)
            paragraph = _PARAGRAPH_DATELINE.sub("", paragraph)
            if _is_headline(paragraph):
                continue
            if len(self.claims) >= MAX_STATEMENTS:
                break
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise ReadingTooLong
            for sentence in split_sentences(paragraph):
                if len(self.claims) >= MAX_STATEMENTS:
                    break
                if self.deadline is not None and time.monotonic() > self.deadline:
                    raise ReadingTooLong
                self._read_sentence(sentence)
        self._merge_unnamed_sources()
        self._full_names_for_surnames()
        return claims_guarded(self.claims[:MAX_STATEMENTS])

    def _full_names_for_surnames(self) -> None:
        """"Kadyrov said" in an article that named "Ramzan Kadyrov" before: the speaker is the person
        named in full, when the article names exactly one person with that surname."""
        for source in self.sources:
            if " " in source.name or not source.name[:1].isupper() or source.is_outlet or _ACRONYM.match(source.name):
                continue
            full = {
                f"{m.group('first')} {source.name}"
                for m in re.finditer(rf"\b(?P<first>[A-Z][\w'-]+)\s+{re.escape(source.name)}\b", self.text)
                if m.group("first").lower() not in ROLE_NOUNS | _TITLE_WORDS | set(DEMONYMS)
                and m.group("first").lower() not in {"the", "president", "mr", "ms", "mrs", "dr"}
            }
            if len(full) == 1:
                source.name = full.pop()
                source.kind = "person"

    def _merge_unnamed_sources(self) -> None:
        """"a war monitor said ..." before the article names the Syrian Observatory: when exactly one
        named source of that kind appears, the unnamed one is it."""
        for unnamed in [s for s in self.sources if not any(w[0].isupper() for w in s.name.split())]:
            named = [s for s in self.sources if s.kind == unnamed.kind and s is not unnamed
                     and any(w[0].isupper() for w in s.name.split()) and not s.is_person]
            if unnamed.kind != "other" and len(named) == 1:
                for claim in self.claims:
                    if claim.source is unnamed:
                        claim.source = named[0]

    def _strip_dateline(self, paragraph: str) -> str:
        match = _DATELINE.match(paragraph)
        if not match:
            return paragraph
        if self.outlet is None:
            agency = match.group("agency").strip()
            self.outlet = SourceMention(name=agency, kind=guess_kind(agency), is_outlet=True)
        return paragraph[match.end():]

    # ----- sentence level ------------------------------------------------------------------
    def _read_sentence(self, sentence: str) -> None:
        sentence = _EDITORIAL_BRACKETS.sub("", sentence).strip()
        if len(sentence) > MAX_SENTENCE_CHARS:
            return
        self._note_places(sentence)
        if len(sentence.split()) < MIN_STATEMENT_WORDS or sentence.endswith("?"):
            return
        if self._read_quote(sentence) or self._read_according_to(sentence) or self._read_passive_attribution(sentence) \
                or self._read_say_verb(sentence) or self._read_participial_attribution(sentence):
            self._note_topic(sentence)
            return
        self._read_unattributed(sentence)
        self._note_topic(sentence)

    def _read_quote(self, sentence: str) -> bool:
        after = re.match(r'^"(?P<quote>[^"]{12,})"\s*,?\s*(?P<attr>[^"]+)$', sentence)
        if after:
            attribution = _QUOTED_AS_SAYING.sub(" said", after.group("attr").rstrip(". "))
            speaker = self._speaker_after_quote(attribution)
            quote = after.group("quote")
        else:
            before = re.match(r'^(?P<attr>[^"]+?)\s*[,:]?\s*"(?P<quote>[^"]{12,})"\s*\.?$', sentence)
            if not before:
                return False
            speaker = self._speaker_before_quote(before.group("attr"))
            quote = before.group("quote")
        if speaker is None:
            return False
        source, via = speaker
        for part in split_sentences(quote.strip().rstrip(",")):
            self._add_statement(part, source, ASSERTS, via, quote=sentence, from_quote=True)
        continuation = _CONTINUATION.search(attribution) if after else None
        if continuation:
            self._add_with_continuations(attribution[continuation.start():].lstrip(", "), source, ASSERTS, via,
                                         sentence)
        return True

    def _speaker_after_quote(self, attribution: str) -> tuple[SourceMention, str] | None:
        inverted = re.match(rf"^(?P<verb>{_SAY_ALTERNATION})\s+(?P<src>[^,]+?)(?P<rest>,.*|\s+(?:in|on|to)\s.*)?$",
                            attribution)
        if inverted:
            source = self._resolve_source(inverted.group("src"))
            if source:
                return source, self._via_from(inverted.group("rest") or "") or self._default_via(source)
        direct = re.match(rf"^(?P<src>.+?)\s+(?P<verb>{_SAY_ALTERNATION})\b(?P<rest>.*)$", attribution)
        if direct:
            source = self._resolve_source(direct.group("src"))
            if source:
                rest = direct.group("rest")
                via = self._addressee_via(rest) if direct.group("verb") in {"told", "tells"} else ""
                return source, via or self._via_from(rest) or self._default_via(source)
        return None

    def _speaker_before_quote(self, attribution: str) -> tuple[SourceMention, str] | None:
        match = re.match(rf"^(?P<src>.+?)\s+(?P<verb>{_SAY_ALTERNATION})\b(?P<rest>[^\"]*)$", attribution.strip())
        if not match:
            return None
        source = self._resolve_source(match.group("src"))
        if not source:
            return None
        rest = match.group("rest")
        if match.group("verb") in {"told", "tells"}:
            via = self._addressee_via(rest)
            rest = _ADDRESSEE.sub("", rest)
        else:
            via = ""
        remaining, relay = _strip_adverbials(rest)
        if remaining.strip(" ,:"):
            return None
        return source, via or relay or self._default_via(source)

    def _read_according_to(self, sentence: str) -> bool:
        body = sentence.rstrip(". ")
        front = re.match(r"^[Aa]ccording to\s+(?P<rest>.+)$", _strip_opening(body))
        if front:
            source_text, statement = _split_leading_phrase(front.group("rest"))
            if statement:
                source, via = self._source_with_relay(source_text)
                if source:
                    self._add_statement(statement, source, ASSERTS, via, quote=sentence)
                    return True
        back = re.match(r"^(?P<stmt>.+?),?\s+according to\s+(?P<src>.+)$", body)
        if back:
            source, via = self._source_with_relay(back.group("src"))
            if source:
                self._add_statement(back.group("stmt"), source, ASSERTS, via, quote=sentence)
                return True
        return False

    def _read_say_verb(self, sentence: str, depth: int = 0) -> bool:
        if depth > MAX_CHAINED_CLAUSES:
            return False
        body = sentence.rstrip(". ")
        for verb_match in _SAY_VERB.finditer(body):
            prefix, verb = body[: verb_match.start()].strip(), verb_match.group(1)
            # "The presidency has firmly denied": the manner adverb is not part of the speaker.
            prefix = _MANNER_BEFORE_VERB.sub("", prefix)
            rest = body[verb_match.end():]
            if not prefix:
                continue
            if _OPEN_RELATIVE_CLAUSE.search(prefix) and _CLOSING_CLAUSE_THEN_SAY.match(rest):
                # "Rwanda, which Congo accuses of backing M23, denied ...": the verb of the
                # relative clause is not the sentence's attribution.
                continue
            refusal = _REFUSAL.search(prefix)
            if refusal:
                # "X declined to say where ...": no statement, but X is who "he" means next.
                self._resolve_source(prefix[: refusal.start()])
                return True
            trailing = re.match(r"^(?P<stmt>.+),\s+(?P<src>[^,]+)$", prefix)
            if trailing and verb not in DENY_VERBS and _has_verb(trailing.group("stmt")) \
                    and self._read_trailing_attribution(trailing, verb, rest, sentence):
                return True
            conjoined = _CLAUSE_THEN_SPEAKER.match(prefix)
            if conjoined and _has_verb(conjoined.group("clause")):
                source = self._resolve_source(conjoined.group("speaker"))
                if source and self._attributed_complement(source, verb, rest, sentence, "", depth):
                    self._read_unattributed(conjoined.group("clause"))
                    return True
            cited_by_outlet = _CITING_IN_SUBJECT.search(prefix)
            if cited_by_outlet and _OUTLET_WORDS.search(prefix[: cited_by_outlet.start()]):
                # "Radio Tamazuj, citing local officials, reported": the officials said it, the radio relayed
                # it. Activists citing witnesses stay the source: they vouch for what they report.
                reporter = self._resolve_source(prefix[: cited_by_outlet.start()])
                cited = self._resolve_source(cited_by_outlet.group("cited")) if reporter else None
                if cited and self._attributed_complement(cited, verb, rest, sentence, reporter.name, depth):
                    return True
            source = self._resolve_source(prefix)
            if source:
                relay = _RELAY_IN_SOURCE.search(prefix)
                relay_via = _medium_name(relay.group("via")) if relay else ""
                if self._attributed_complement(source, verb, rest, sentence, relay_via, depth):
                    return True
                continue
            inverted = re.match(r"^(?P<stmt>.+),$", prefix)
            if inverted and verb in SAY_VERBS:
                src_match = re.match(r"^\s+(?P<src>[^,]+?)(?P<rest>,.*)?$", rest)
                source = self._resolve_source(src_match.group("src")) if src_match else None
                if source:
                    via = self._via_from(src_match.group("rest") or "")
                    self._add_statement(inverted.group("stmt"), source, ASSERTS, via, quote=sentence)
                    return True
        return False

    def _read_trailing_attribution(self, trailing: re.Match, verb: str, rest: str, sentence: str) -> bool:
        """"S, rescue workers said on Monday, as ...", "S, officials told The Associated Press"."""
        tail = _ADDRESSEE.sub("", rest, count=1) if verb in {"told", "tells"} else rest
        if not _is_adverbial_tail(tail):
            return False
        source = self._resolve_source(trailing.group("src"))
        if not source:
            return False
        via = self._addressee_via(rest) if verb in {"told", "tells"} else self._via_from(rest)
        citing = _CITING.search(rest)
        cited = self._resolve_source(citing.group("cited")) if citing else None
        if cited:
            # "S, news agencies reported, citing a source in the Kremlin": the Kremlin said it, they relayed it;
            # "the source" later in the article is the same one.
            cited.descriptors.append(citing.group("unnamed") or "source")
            source, via = cited, source.name
        self._add_statement(trailing.group("stmt"), source, ASSERTS, via, quote=sentence)
        return True

    def _read_passive_attribution(self, sentence: str) -> bool:
        """"It was reported by X that S": the speaker follows "by", not the dummy "it"."""
        match = _PASSIVE_ATTRIBUTION.match(_strip_opening(sentence.rstrip(". ")))
        if not match:
            return False
        source = self._resolve_source(match.group("src"))
        if source is None:
            return False
        stance = DENIES if match.group("verb") in DENY_VERBS else ASSERTS
        self._add_with_continuations(match.group("stmt"), source, stance, self._default_via(source), sentence)
        return True

    def _read_participial_attribution(self, sentence: str) -> bool:
        match = _PARTICIPIAL_ATTRIBUTION.match(sentence.rstrip(". "))
        if not match:
            return False
        source = self._resolve_source(match.group("src"))
        if source is None:
            return False
        statement, relay = _strip_adverbials(match.group("stmt"))
        statement = re.sub(r"^that\s+", "", statement)
        obj = re.sub(r"^\s*(?:the|a|an)\s+", "the ", match.group("object").strip())
        if obj and re.match(r"^(?:it|this)\b", statement):
            statement = re.sub(r"^(?:it|this)\b", obj, statement)
        stance = CONTINUATION_PARTICIPLES[match.group("participle")]
        self._add_statement(statement, source, stance, relay or self._default_via(source), quote=sentence)
        return True

    def _attributed_complement(
        self, source: SourceMention, verb: str, rest: str, sentence: str, relay_via: str = "", depth: int = 0
    ) -> bool:
        """Handle what follows "X said": adverbials, relays, the that-clause and its continuations."""
        stance = DENIES if verb in DENY_VERBS else ASSERTS
        via = relay_via
        if verb in {"told", "tells"}:
            addressee = _ADDRESSEE.match(rest)
            if addressee:
                via = _medium_name(addressee.group("who"))
                rest = rest[addressee.end():]
        complement, relay = _strip_adverbials(rest)
        via = via or relay
        if stance == DENIES:
            complement = _AS_FALSE_TAIL.sub("", complement)
        nominal = _nominal_denial(complement, source) if stance == DENIES else ""
        claimant = _CLAIMANT_CLAUSE.match(complement) if stance == DENIES else None
        event = _REPORTED_EVENT.match(complement) if stance == DENIES else None
        if claimant:
            name = claimant.group("claimant")
            complement = f"that {name}{claimant.group('rest')}" if claimant.group("rest") is not None \
                else f"that {name} had {claimant.group('participle')}{claimant.group('object')}"
        elif event:
            complement = f"that there was {_indefinite_article(event.group('event').split()[0]) or 'an '}{event.group('event')}" \
                if not event.group("event").endswith("s") else f"that there were {event.group('event')}"
        elif nominal:
            complement = nominal
        elif stance == DENIES and _ANAPHORIC_REPORT.match(complement) and self.claims:
            complement = self.claims[-1].text
        elif stance == DENIES:
            complement = _DISMISSED_AS.sub("", complement)
            complement = re.sub(
                rf"^(?:the\s+|all\s+|any\s+|widespread\s+|media\s+|online\s+|[A-Z][\w’'-]+\s+)*(?:{'|'.join(REPORT_NOUNS)})"
                r"(?:\s+(?:by|from|in|on)\s+[^,]+?)?(?:\s+(?:suggesting|saying|claiming|alleging|stating))?\s+(?=that\b)",
                "",
                complement,
            )
            if not complement.startswith("that ") and not _BARE_CLAUSE.match(complement):
                gerund = _gerund_statement(complement, source)
                if not gerund:
                    return False
                complement = gerund
        else:
            if not _REPORTS_FALSE.match(complement.replace('"', "")):
                complement = re.sub(rf"^(?:{'|'.join(REPORT_NOUNS)})\s+(?=that\b)", "", complement)
            accusation = _ACCUSED_OF.match(complement) if verb in {"accused", "accuses"} else None
            if accusation:
                # "accused Armenian troops of shooting at its posts": the accused did the act.
                complement = _clause_from_gerund_phrase(f"{accusation.group('accused')} {accusation.group('act')}") \
                    or complement
            responsibility = _CLAIMED_ATTACK.match(complement) if verb in {"claimed", "claims"} else None
            if responsibility:
                # "claimed the attack on its Amaq outlet, saying ...": the group says it carried it out.
                via = via or _medium_name(re.sub(r"^\s*(?:on|through|via|in)\s+", "", responsibility.group("relay") or ""))
                complement = f"{_display(source)} carried out {responsibility.group('act')}{responsibility.group('tail') or ''}"
            elif not (accusation or complement.startswith("that ") or _BARE_CLAUSE.match(complement)
                      or verb in _CLAUSE_ONLY_VERBS):
                # "Separatists declared independence", "announced a curfew": an act, not an attribution.
                return False
        complement = re.sub(r"^that\s+", "", complement)
        falsity = _NOT_TRUE_THAT.match(complement) or _REPORTS_FALSE.match(complement.replace('"', "")) \
            or _NO_TRUTH.match(complement)
        if falsity:
            stance = ASSERTS if stance == DENIES else DENIES
            statement = falsity.group("stmt")
            if "link" in falsity.groupdict() and falsity.group("link") != "that":
                statement = _clause_from_gerund_phrase(statement) or statement
            complement = statement
        second = _SECOND_ATTRIBUTION.search(complement)
        tail = ""
        if second:
            complement, tail = complement[: second.start()], complement[second.end():]
        if len(complement.split()) < MIN_STATEMENT_WORDS:
            return False
        self._add_with_continuations(complement, source, stance, via or self._default_via(source), sentence)
        if tail and not self._read_say_verb(tail, depth + 1):
            self._read_according_to(tail)
        return True

    def _add_with_continuations(
        self, text: str, source: SourceMention, stance: str, via: str, quote: str, depth: int = 0
    ) -> None:
        continuation = _CONTINUATION.search(text)
        follow: tuple[str, str] | None = None
        if continuation:
            follow_stance = CONTINUATION_PARTICIPLES[continuation.group("word")]
            follow_text = continuation.group("rest")
            if continuation.group("word") == "telling":
                follow_text = re.sub(r"^[^,]*?\bthat\s+", "", follow_text, count=1)
            follow = (re.sub(r"^that\s+", "", follow_text), follow_stance)
            text = text[: continuation.start()]
        parts = _CONJOINED_SAY.split(text)
        first, extra = parts[0], []
        if len(parts) > 1:
            # re.split with a group yields [text, verb, text, verb, ...]
            for index in range(2, len(parts), 2):
                part_stance = DENIES if (parts[index - 1] or "") in DENY_VERBS else ASSERTS
                extra.append((parts[index], part_stance))
        for part, part_stance in [(first, stance), *extra]:
            for conjunct in _split_shared_subject(part):
                self._add_statement(conjunct, source, part_stance, via, quote=quote)
        if follow and depth < MAX_CHAINED_CLAUSES:
            self._add_with_continuations(follow[0], source, follow[1], via, quote, depth + 1)

    def _read_unattributed(self, sentence: str) -> None:
        if self.outlet is None or not _is_reported_event(sentence):
            return
        statement = _strip_opening(sentence.rstrip(". "))
        self._add_statement(statement, self.outlet, ASSERTS, "", quote=sentence, outlet_claim=True)

    # ----- statements ----------------------------------------------------------------------
    def _add_statement(
        self,
        text: str,
        source: SourceMention,
        stance: str,
        via: str,
        *,
        quote: str,
        from_quote: bool = False,
        outlet_claim: bool = False,
    ) -> None:
        text = text.replace('"', "").strip().rstrip(",.;: ")
        text = _TRAILING_CLAUSE.sub("", text)
        text = _TRAILING_PARTICIPLE.sub("", text)
        text = _TRAILING_APPOSITIVE.sub(r"\g<name>", text)
        text = _INNER_APPOSITIVE.sub(r"\g<name>,", text)
        text = _strip_opening(text)
        text = re.sub(r"^(?:when we talk about [^,]+|frankly|in fact|of course|indeed),\s*", "", text, flags=re.I)
        if len(text.split()) < MIN_STATEMENT_WORDS or not _has_verb(text) or _OPINION.match(text) \
                or _INTENTION.match(text) or _ASSESSMENT.match(text):
            return
        text = self._resolve_pronouns(text, source, from_quote=from_quote, outlet_claim=outlet_claim)
        self.notes = []
        text = self._reference_replaced(text, _THE_COUNTRY, self.countries, "country")
        text = self._reference_replaced(text, _THE_CAPITAL, self.capitals, "capital")
        text = self._place_definite_descriptions(text)
        city = self._only(self.cities, "city") if _THE_CITY.search(text) or _THE_CITYS.search(text) else ""
        if city:
            text = _THE_CITYS.sub(rf"the \1\2 of {city}", text)
            text = _THE_CITY.sub(city, text)
        text, negated = _positive_form(text)
        if negated and _RESIDUAL_NEGATION.search(text):
            # "never held and do not hold": one negation moved into the stance, another left in the
            # text; the matcher would read the rest as a second denial. Not proposed rather than inverted.
            return
        if negated:
            stance = DENIES if stance == ASSERTS else ASSERTS
        about, text = _time_about(text, self.published)
        text = text[0].upper() + text[1:]
        if via and (via == source.name or (self.outlet and via == self.outlet.name and source.is_outlet)):
            via = ""
        self.claims.append(ExtractedClaim(text=text, stance=stance, source=source, via=via, quote=quote, about=about,
                                          notes=list(self.notes)))
        plural_subject = re.match(r"^(?P<np>.+?)\s+(?:had|have|were|are|would|will)\b", text)
        if plural_subject and len(plural_subject.group("np").split()) <= 6:
            self.last_subject = plural_subject.group("np")
        subject = re.match(rf"^(?:President\s+|Prime Minister\s+)?((?:{_NAME_TOKEN}\s*)+)", text)
        if subject and subject.group(1).strip().lower() not in {"the", "a"}:
            self.last_subject_name = subject.group(1).strip()

    def _resolve_pronouns(self, text: str, source: SourceMention, *, from_quote: bool, outlet_claim: bool) -> str:
        first, _, rest = text.partition(" ")
        word = first.lower()
        speaker_org = source.parent or (source.name if not source.is_person else "")
        replacement = ""
        if outlet_claim:
            if word in {"it", "they"} or text.lower().startswith(("the group ", "the movement ")):
                if self.topic:
                    if word not in {"it", "they"}:
                        rest = text.split(" ", 2)[2]
                    replacement = self.topic
        elif word in {"he", "she"}:
            replacement = source.name if source.is_person and not from_quote else self.last_subject_name
        elif word in {"it", "they"} and not source.is_person:
            replacement = _display(source)
        elif word == "they" and self.last_subject and not from_quote:
            replacement = self.last_subject
        elif word in {"we", "i"} and from_quote:
            replacement = speaker_org if word == "we" else source.name
        elif word in {"its", "their", "our"} and (speaker_org or not source.is_person):
            replacement = f"{speaker_org if word != 'its' or source.is_person else _display(source)}'s"
        elif word in {"his", "her"} and source.is_person and not from_quote:
            replacement = f"{source.name}'s"
        if not replacement:
            return text
        return f"{replacement} {rest}".strip()

    def _note_places(self, sentence: str) -> None:
        """Remember every city, country, capital and kind of place named so far ("the base in Damboa",
        "Ulang, a town on the Sobat River"), the candidates for "the city", "the country" ... later."""
        named = [m.group("city") or m.group("city2") for m in _CITY_MENTION.finditer(sentence)]
        named += [m.group("place") for m in _LOCATIVE_PLACE.finditer(sentence)]
        for name in named:
            if name not in COUNTRY_CAPITALS and name.lower() not in DEMONYMS and name not in _CAPITAL_NAMES \
                    and name.lower() not in _NOT_PLACES:
                self.cities[name] = None
        for pattern in _PLACE_MENTIONS:
            for match in pattern.finditer(sentence):
                noun = match.group("noun").lower()
                self.places.setdefault(_PLACE_KINDS.get(noun, noun), {})[match.group("name")] = None
                if noun in {"city", "town"}:
                    self.cities[match.group("name")] = None
        for match in _COUNTRY_MENTION.finditer(sentence):
            self.countries[_COUNTRY_OF[match.group(0).lower()]] = None
        for match in _CAPITAL_MENTION.finditer(sentence):
            self.capitals[match.group(0)] = None

    def _only(self, candidates: dict[str, None], noun: str) -> str:
        """The one candidate for "the <noun>", or "" and a note for the reviewer when there are none or several."""
        if len(candidates) == 1:
            return next(iter(candidates))
        shown = list(candidates)[:5]
        named = f": {', '.join(shown)}{', ...' if len(candidates) > len(shown) else ''}" if candidates else ""
        note = f'"the {noun}" left as written: the article names {len(candidates) or "no"} {noun} candidates{named}'
        if note not in self.notes:
            self.notes.append(note)
        return ""

    def _reference_replaced(self, text: str, pattern: re.Pattern, candidates: dict[str, None], noun: str) -> str:
        if not pattern.search(text):
            return text
        only = self._only(candidates, noun)
        return pattern.sub(only, text) if only else text

    def _place_definite_descriptions(self, text: str) -> str:
        """"the town had fallen" -> "Ulang had fallen", "the base" -> "the base in Damboa", "the
        region" -> "the Catatumbo region": a claim must stand without the article around it."""
        def named(noun: str) -> str:
            return self._only(self.places.get(_PLACE_KINDS.get(noun, noun), {}), noun)

        def settlement(match: re.Match) -> str:
            return named(match.group("noun").lower()) or match.group(0)

        def site(match: re.Match) -> str:
            name = named(match.group("noun").lower())
            return f"{match.group(0)} in {name}" if name else match.group(0)

        def area(match: re.Match) -> str:
            name = named(match.group("noun").lower())
            return f"the {name} {match.group('noun')}" if name else match.group(0)

        text = re.sub(r"\b[Tt]he\s+(?P<noun>town|village)\b(?!\s+of\b)", settlement, text)
        text = re.sub(r"\b[Tt]he\s+(?:army\s+|military\s+)?(?P<noun>base|barracks|garrison|camp|post|outpost)\b"
                      r"(?!\s+(?:in|at|of|near|on)\b)(?!')", site, text)
        return re.sub(r"\b[Tt]he\s+(?P<noun>region|province|district|county)\b(?!\s+of\b)(?!')", area, text)

    def _note_topic(self, sentence: str) -> None:
        """Remember which organisation the text is about, for "It"/"The group" in the next sentence."""
        opening = [w.strip(",;:") for w in sentence.split(" ", 2)]
        anaphoric = opening[0].lower() in {"it", "they"} or " ".join(opening[:2]).lower() in {
            "the group", "the movement", "the militia", "the organisation", "the organization"
        }
        if anaphoric and self.topic:
            return
        names = [re.sub(r"^The\s+", "", m) for m in re.findall(r"\b[A-Z][A-Za-z-]*(?:\s+[A-Z][A-Za-z-]*)*", sentence)]
        organisations = [m for m in names if _ACRONYM.match(m) or guess_kind(m) == "armed_group"]
        if organisations:
            self.topic = organisations[-1]

    # ----- sources -------------------------------------------------------------------------
    def _default_via(self, source: SourceMention) -> str:
        if self.outlet and not source.is_outlet:
            return self.outlet.name
        return ""

    def _source_with_relay(self, text: str) -> tuple[SourceMention | None, str]:
        relay = re.search(r",?\s+(?:quoted|cited|carried|reported)\s+by\s+(?P<via>.+)$", text)
        via = ""
        if relay:
            via = _medium_name(relay.group("via"))
            text = text[: relay.start()]
        source = self._resolve_source(text)
        if source is None:
            return None, ""
        return source, via or self._default_via(source)

    def _via_from(self, rest: str) -> str:
        relay = re.search(
            r"\b(?:quoted|cited|carried|published|broadcast|aired|reported)\s+by\s+(?:the\s+)?(?P<via>[^,]+)", rest
        )
        if relay:
            return _medium_name(relay.group("via"))
        interview = re.search(r"\binterview\s+with\s+(?:the\s+)?(?P<via>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)", rest)
        if interview:
            return interview.group("via")
        named = re.search(r"\b(?P<via>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+(?:interview|broadcast|report)\b", rest)
        if named:
            return named.group("via")
        return ""

    def _addressee_via(self, rest: str) -> str:
        addressee = _ADDRESSEE.match(rest)
        return _medium_name(addressee.group("who")) if addressee else ""

    def _resolve_source(self, phrase: str) -> SourceMention | None:
        phrase = _SOURCE_DATELINE.sub("", phrase.strip())
        phrase = _strip_opening(phrase.strip().rstrip(","), min_rest=1)
        phrase = re.sub(rf"\s+(?:{_TIME_ADVERBIAL})$", "", phrase).strip()
        described = _DESCRIBED_NAME.match(phrase)
        if described:
            # "Sudan's paramilitary Rapid Support Forces": the name, not its description.
            phrase = described.group("name")
        phrase = re.sub(r"\s+(?:has|have|had|also|has also|have also|was|were|is|later|again|then|would|will)$", "",
                        phrase).strip()
        if not phrase or '"' in phrase or len(phrase.split()) > MAX_SOURCE_WORDS * 3:
            return None
        if _PREPOSITION_FIRST.match(phrase):
            return None
        relay = _RELAY_IN_SOURCE.search(phrase)
        if relay:
            phrase = phrase[: relay.start()]
        phrase = _RESTRICTIVE_MODIFIER.sub("", phrase)
        segments = _comma_segments(phrase)
        if not segments:
            return None
        name_segment, descriptors = _pick_name_segment(segments)
        if name_segment is None:
            return None
        name_segment = _SUBORDINATOR_SPLIT.sub("", name_segment)
        if len(name_segment.split()) > MAX_SOURCE_WORDS or _has_finite_verb(name_segment):
            return None
        return self._mention(name_segment, descriptors)

    def _mention(self, text: str, descriptors: list[str]) -> SourceMention | None:
        lowered = text.lower()
        if lowered in _PRONOUN_SUBJECTS:
            return self._pronoun_source(lowered)
        role, name, parent, aliases = "", text, "", []
        role_match = _ROLE_THEN_NAME.match(text)
        if role_match and not _is_plain_org(role_match.group("name")):
            role, name = role_match.group("role"), role_match.group("name")
        for descriptor in descriptors:
            known_as = re.match(r"^(?:known as|also known as|nicknamed|better known as)\s+(?P<alias>.+)$", descriptor)
            if known_as:
                aliases.append(known_as.group("alias").strip())
                continue
            heads = re.match(r"^(?:who|which)\s+(?:heads|leads|runs|chairs|founded|directs)\s+(?P<org>.+)$", descriptor)
            if heads:
                parent = heads.group("org")
                role = role or "head"
                continue
            if re.match(r"^(?:a|an|the|its|his|her)\s", descriptor, re.I) or descriptor.split()[0].lower() in ROLE_NOUNS:
                role = role or descriptor
        acronym = re.search(r"\s*\((?P<acr>[^)]{2,12})\)", name)
        if acronym:
            aliases.append(acronym.group("acr"))
            name = (name[: acronym.start()] + name[acronym.end():]).strip()
        if role and not parent:
            parent = _parent_from_role(role)
        name = _clean_source_name(name)
        if not name or not _plausible_source_name(name):
            return None
        national = _NATIONAL_BODY.match(name)
        if national and self.country:
            name = f"{_demonym(self.country)} {national.group('body') or name}"
        if _ACRONYM.match(name):
            expansion = _expand_acronym(name, getattr(self, "text", ""))
            if expansion:
                aliases.append(name)
                name = expansion
        if _DEFINITE_DESCRIPTION.match(text) and name.split()[-1].lower() in _GROUP_NOUNS and self.topic:
            earlier = self._earlier_by_name(self.topic)
            if earlier:
                return earlier
        if _DEFINITE_DESCRIPTION.match(text) and not any(w[0].isupper() for w in name.split()):
            earlier = self._earlier_by_description(name)
            if earlier:
                return earlier
        earlier = self._earlier_by_name(name)
        if earlier:
            return earlier
        if parent:
            parent_source = self._earlier_by_description(_clean_source_name(parent)) if parent[0].islower() or \
                parent.lower().startswith("the ") else None
            parent = parent_source.name if parent_source else _clean_source_name(parent)
        kind = guess_kind(name, role)
        mention = SourceMention(name=name, kind=kind, aliases=aliases, role=role, parent=parent,
                                descriptors=[d for d in descriptors if d])
        self.sources.append(mention)
        return mention

    def _pronoun_source(self, pronoun: str) -> SourceMention | None:
        wanted_person = pronoun in {"he", "she"}
        for source in reversed(self.sources):
            if source.is_person == wanted_person:
                return source
        return None

    def _earlier_by_name(self, name: str) -> SourceMention | None:
        words = {w.lower().removeprefix("al-") for w in name.split()}
        for source in reversed(self.sources):
            candidates = [source.name, *source.aliases]
            for candidate in candidates:
                candidate_words = {w.lower().removeprefix("al-") for w in candidate.split()}
                if candidate.lower() == name.lower():
                    return source
                if source.is_person and words and words <= candidate_words and name[0].isupper():
                    return source
        return None

    def _earlier_by_description(self, description: str) -> SourceMention | None:
        head = description.split()[-1].lower().rstrip("s") if description else ""
        if not head:
            return None
        for source in reversed(self.sources):
            text = " ".join([source.name, source.role, *source.descriptors]).lower()
            if re.search(rf"\b{re.escape(head)}s?\b", text):
                return source
        kind = guess_kind(description)
        if kind != "other":
            for source in reversed(self.sources):
                if source.kind == kind and not source.is_person:
                    return source
        return None


# ----- helpers -------------------------------------------------------------------------------
def _is_headline(paragraph: str) -> bool:
    return not re.search(r'[.!?"]\s*$', paragraph) and len(paragraph.split()) < 16


def _strip_opening(text: str, min_rest: int = MIN_STATEMENT_WORDS) -> str:
    previous = None
    while previous != text:
        previous = text
        lowered = text.lower()
        for opener in DISCOURSE_OPENERS:
            if lowered == opener:
                return ""
            if lowered.startswith(opener + " ") or lowered.startswith(opener + ","):
                text = text[len(opener):].lstrip(", ")
                break
        prepositional = re.match(
            r"^(?:In|On|At(?!\s+(?:least|most)\b)|After|Before|During|Despite|Amid|With|For|Speaking|Asked|Following|Under|Since|"
            r"Elsewhere|Overnight|Late|Early|Earlier|Later|Last|Hours|Days|Weeks|Minutes|Moments|Shortly|Soon)\b"
            r"[^,]{0,80},\s+",
            text,
        )
        if prepositional and len(text[prepositional.end():].split()) >= min_rest:
            text = text[prepositional.end():]
    return text.strip()


def _comma_segments(phrase: str) -> list[str]:
    segments, depth, current = [], 0, []
    for char in phrase:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            segments.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    segments.append("".join(current).strip())
    return [s for s in segments if s]


def _looks_like_name(segment: str) -> bool:
    words = re.sub(r"^(?:the|a|an)\s+", "", segment, flags=re.I).split()
    if not words:
        return False
    content = [w for w in words if w.lower() not in {"of", "for", "and", "on", "in", "the", "al", "bin", "ibn", "de"}
               and not w.lower().startswith(("al-", "el-"))]
    return bool(content) and words[0][0].isupper() and all(w[0].isupper() or w[0] == "(" for w in content)


def _pick_name_segment(segments: list[str]) -> tuple[str | None, list[str]]:
    """"Rami Abdel Rahman, head of SOHR", "The monitor's head, Rami Abdel Rahman" and "The UN
    force in the area, UNDOF" all name the source in one part; the other parts describe it."""
    first, descriptors = segments[0], segments[1:]
    if not descriptors or _looks_like_name(first) or _ROLE_THEN_NAME.match(first):
        return first, descriptors
    for index, segment in enumerate(descriptors, start=1):
        if _looks_like_name(segment) and len(segment.split()) <= 6:
            return segment, [first, *segments[index + 1:]]
    return first, descriptors


def _head_is_source(segment: str) -> bool:
    words = segment.split()
    return bool(words) and words[-1].lower() in GENERIC_SOURCE_HEADS


def _is_plain_org(text: str) -> bool:
    return bool(re.search(r"\b(?:Ministry|Department|Office|Council|Command|Observatory|Forces|Army)\b", text))


def _parent_from_role(role: str) -> str:
    """"head of SOHR" -> SOHR, "HTS leader" -> HTS, "Turkish Foreign Minister" -> none."""
    if not _ROLE_NOUN_ANY_CASE.search(role):
        return ""
    of_match = re.search(r"\b(?:of|for|at)\s+(?P<org>(?:the\s+)?.+)$", role)
    if of_match:
        return of_match.group("org").strip()
    words = role.split()
    while words and words[-1].lower().rstrip("s") in ROLE_NOUNS:
        words.pop()
    remaining = " ".join(words)
    remaining = re.sub(r"^(?:the|a|an)\s+", "", remaining, flags=re.I)
    meaningful = [w for w in remaining.split() if w.lower().rstrip("'s") not in _TITLE_WORDS
                  and w.lower() not in DEMONYMS]
    if not meaningful:
        return ""
    return re.sub(r"'s$", "", remaining)


def _clean_source_name(name: str) -> str:
    name = re.sub(r"\b[\w-]+-based\s+", "", name)
    name = _OUTLET_DESCRIPTION.sub("", name)
    name = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+(?=[A-Z])", "", name)
    name = _MEMBERS_OF.sub("", name)
    words = name.split()
    while words and words[0].lower() in QUANTIFIERS | {"official"}:
        words.pop(0)
    # "paramilitary Rapid Support Forces": the adjective describes the named organisation.
    proper = [i for i, w in enumerate(words) if w[0].isupper()]
    if proper and proper[0] > 0 and len(words) - proper[0] >= 2 and all(w[0].isupper() for w in words[proper[0]:]) \
            and not any(w.lower() in GENERIC_SOURCE_HEADS for w in words[:proper[0]]):
        words = words[proper[0]:]
    return " ".join(words).strip(" ,")


def _plausible_source_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_SOURCE_WORDS:
        return False
    if any(w.lower() in {"that", "which", "who", "was", "were", "is", "are", "had", "has", "have"} for w in words):
        return False
    if words[0].lower() in REPORT_NOUNS or words[0].lower() in {"this", "it", "there"}:
        return False
    if any(w.islower() and _event_verb_form(w, "") for w in words[1:]):
        return False
    head_words = re.split(r"\s+(?:familiar|close|with|who|in|from|at|of|for|on|inside)\s+", name)[0].split()
    head = head_words[-1].lower()
    proper = any(w[0].isupper() or re.match(r"^(?:al|el)-[A-Z]", w) for w in words)
    return proper or head in GENERIC_SOURCE_HEADS or head.removesuffix("s") in ROLE_NOUNS


def _display(source: SourceMention) -> str:
    if source.name[0].isupper() or source.name.isupper():
        return source.name
    return f"the {source.name}"


def _medium_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"\s+(?:propaganda\s+(?:outlet|agency|arm|wing)|outlet|mouthpiece)$", "", text)
    if not text or text.lower() in AUDIENCE_WORDS or not (text[0].isupper() or text.startswith("al-")):
        return ""
    if text.lower().split()[0] in AUDIENCE_WORDS:
        return ""
    return re.sub(r"\s+(?:that|in|on|at)\b.*$", "", text)


def _strip_adverbials(rest: str) -> tuple[str, str]:
    """Drop the time, place and channel phrases between a say verb and what was said; return the
    remaining complement and any relaying outlet named on the way ("in a CNN interview")."""
    text, via, previous = rest.strip(), "", None
    while text != previous:
        previous = text
        text = re.sub(r"^,\s*", "", text)
        time = _TIME_ADVERBIAL_START.match(text)
        if time and time.end():
            text = text[time.end():]
            continue
        venue = _VENUE_ADVERBIAL.match(text)
        if venue:
            named = re.search(r"(?P<via>\b(?:al-)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+(?:" + _MEDIUM_NOUNS + r")\b",
                              venue.group(0))
            tail = venue.group("tail").strip()
            if named and named.group("via").lower() not in {"a", "an", "the"}:
                via = via or named.group("via")
            elif tail:
                via = via or _medium_name(re.sub(r"^(?:with|to|on|by|posted on|published on|broadcast on|"
                                                  r"carried by|published by|aired on|broadcast by)\s+", "", tail))
            # "in a video message": the lazy match stops at the first medium noun.
            text = _MEDIUM_NOUN_START.sub("", text[venue.end():].strip())
            continue
        manner = _MANNER_ADVERBIAL.match(text)
        if manner:
            text = text[manner.end():]
            continue
        place = _PLACE_ADVERBIAL.match(text)
        if place and re.match(r"^\s*(?:that\b|,|on\b|in\b)", text[place.end():]):
            # "in Maiduguri, the state capital, that ...": the appositive goes with the place.
            text = re.sub(r"^,\s+(?:the|a|an)\s+[^,\"]{1,40},\s*(?=that\b)", "", text[place.end():].strip())
            continue
        relay = re.match(r"^(?:to|on)\s+(?:the\s+)?(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
                         r"|state television|state TV|state media|reporters|journalists)\b\s*", text)
        if relay:
            via = via or _medium_name(relay.group("who"))
            text = text[relay.end():]
            continue
    return text.strip(" ,"), via


def _is_adverbial_tail(rest: str) -> bool:
    """True when what follows a trailing "X said" is only adverbials or a subordinate clause."""
    if _ADVERBIAL_TAIL.match(rest):
        return True
    remaining, _ = _strip_adverbials(rest)
    return not remaining or bool(re.match(r"^(?:(?:hours|days|minutes|weeks|shortly|soon|just|moments)\s+)?"
                                          r"(?:as|while|when|amid|after|before|in|on|adding|saying|citing)\b",
                                          remaining))


def _split_leading_phrase(text: str) -> tuple[str, str]:
    """"the UK-based Observatory (SOHR), regime troops withdrew" -> source phrase, statement."""
    segments = _comma_segments(text)
    if len(segments) < 2:
        return text, ""
    source = segments[0]
    index = 1
    while index < len(segments) - 1 and re.match(r"^(?:a|an|the|which|who|quoted|cited)\s", segments[index]) and \
            not _has_verb(segments[index]):
        source += ", " + segments[index]
        index += 1
    statement = text[len(source):].lstrip(", ")
    return source, statement


_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|do|does|did|remains?|"
    r"\w+ed|\w+s)\b"
)


def _has_finite_verb(text: str) -> bool:
    return bool(_FINITE_VERB.search(text))


def _has_verb(text: str) -> bool:
    lowered = text.lower()
    return bool(_VERBISH.search(lowered)) or any(word in IRREGULAR_VERBS for word in lowered.split())


def _is_reported_event(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z'’-]+|\d+", sentence)
    lowered = [w.lower() for w in words]
    if not words or lowered[0] in {"this", "that", "these", "those", "if", "as", "while", "for", "although"}:
        return False
    if any(w in HEDGE_WORDS for w in lowered) or re.search(r"\b(?:we|i|you|our|us)\b", sentence.lower()):
        return False
    if not any(w[0].isupper() for w in words[1:]) and not any(w.isdigit() for w in words):
        return False
    return any(_event_verb_form(w, lowered[i - 1] if i else "") for i, w in enumerate(lowered))


def _event_verb_form(word: str, previous: str) -> bool:
    base = IRREGULAR_VERBS.get(word)
    if base:
        return base in EVENT_VERBS and previous not in {"to", "will", "would"}
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        candidates = {stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem,
                      stem[:-1] + "y" if stem.endswith("i") else stem}
        return bool(candidates & EVENT_VERBS) and previous not in {"to"}
    return False


# The first form listed is the simple past ("withdrew" before "withdrawn").
_PAST_OF: dict[str, str] = {}
for _past, _base in IRREGULAR_VERBS.items():
    if _base != _past and not _past.endswith(("ing", "s")) and _past not in {"been", "is", "are", "am"}:
        _PAST_OF.setdefault(_base, _past)


def _demonym(country: str) -> str:
    adjectives = [d for d, c in DEMONYMS.items() if c == country.lower() and d != country.lower() and "." not in d
                  and d not in COUNTRY_CAPITALS.get(country, "").lower()]
    return adjectives[0].capitalize() if adjectives else country


def _split_shared_subject(text: str) -> list[str]:
    match = _SHARED_SUBJECT.match(text)
    if not match or _has_finite_verb(match.group("subj")):
        return [text]
    return [f"{match.group('subj')} {match.group('first')}", f"{match.group('subj')} {match.group('second')}"]


def _past_form(stem: str) -> str:
    for base in (stem + "e", stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
        if base in _PAST_OF:
            return _PAST_OF[base]
    base = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return base + ("d" if base.endswith("e") else "ed")


def _clause_from_gerund_phrase(phrase: str) -> str:
    """"soldiers withdrawing from Homs" -> "soldiers withdrew from Homs"."""
    match = re.match(r"^(?P<subject>.+?)\s+(?:having\s+)?(?P<verb>[a-z]+)ing\s+(?P<rest>.+)$", phrase)
    if not match:
        return ""
    return f"{match.group('subject')} {_past_form(match.group('verb'))} {match.group('rest')}"


def _nominal_denial(complement: str, source: SourceMention) -> str:
    """"reports of its withdrawal from Hama" (denied by the army) -> "the army withdrew from Hama"; ""
    when the noun phrase is not one of the nominalised events the reader knows."""
    report = _NOMINAL_REPORT.match(complement.strip().rstrip("."))
    if not report:
        return ""
    nominal = _NOMINAL.match(report.group("np"))
    if not nominal:
        return ""
    noun, obj, rest = nominal.group("noun"), nominal.group("obj"), nominal.group("rest") or ""
    possessor = nominal.group("poss") or ""
    if possessor.lower() in {"its", "their", "his", "her"}:
        possessor = _display(source)
    possessor = re.sub(r"'s?$", "", possessor) or (report.group("claimant") or "")
    degree = f"{nominal.group('degree')} " if nominal.group("degree") else ""
    if noun in _NOMINAL_INTRANSITIVE:
        agent = possessor or obj
        return f"that {agent} {_NOMINAL_INTRANSITIVE[noun]}{rest}" if agent else ""
    if noun in _NOMINAL_TRANSITIVE and obj:
        active, passive = _NOMINAL_TRANSITIVE[noun]
        if possessor:
            if noun == "control":
                return f"that {possessor} had {degree}control of {obj}{rest}"
            return f"that {possessor} {active} {obj}{rest}"
        return f"that {obj} {passive}{rest}"
    return ""


def _gerund_statement(complement: str, source: SourceMention) -> str:
    """"(denied) losing the city" -> "<source> lost the city"."""
    match = re.match(r"^(?:having\s+)?(?P<verb>\w+)ing\s+(?P<object>.+)$", complement)
    if not match:
        return ""
    return f"that {_display(source)} {_past_form(match.group('verb'))} {match.group('object')}"


def _positive_form(text: str) -> tuple[str, bool]:
    """Move a main-clause negation into the stance: "Ankara was not involved" -> ("Ankara was
    involved", negated). Negations inside a later clause are left alone."""
    negative_subject = _NEGATIVE_SUBJECT.match(text)
    if negative_subject:
        article = _indefinite_article(negative_subject.group("noun"))
        return (negative_subject.group("there") or "") + article + text[negative_subject.start("noun"):], True
    match = re.search(
        r"\b(?P<aux>is|are|was|were|has|have|had|will|would|did|does|do|could|can)(?:\s+not|n't|\s+at\s+no\s+time"
        r"|\s+never)\b(?:\s+been)?", text
    )
    if not match:
        return _positive_noun_form(text)
    if match.start() > len(text) * 0.6:
        return text, False
    if re.search(r"\b(?:that|which|who|because|if)\b", text[: match.start()]):
        return text, False
    positive = text[: match.start()] + re.sub(r"\s+not|n't|\s+at\s+no\s+time|\s+never", "", match.group(0)) \
        + text[match.end():]
    if match.group("aux") in {"did", "does", "do"}:
        positive = re.sub(rf"\b{match.group('aux')}\s+", "", positive, count=1)
        positive = _past_tense_first_verb(positive, match.start())
    return re.sub(r"\s{2,}", " ", positive), True


def _positive_noun_form(text: str) -> tuple[str, bool]:
    """"had no intention of attacking", "found no evidence of cells": a negated object in the main
    clause denies the statement with the object present ("had an intention of attacking")."""
    match = _NEGATED_OBJECT.search(text)
    if not match or match.start() > len(text) * 0.6 or re.search(r"\b(?:that|which|who|because|if)\b",
                                                                  text[: match.start()]):
        return text, False
    return text[: match.start("no")] + _indefinite_article(match.group("noun")) + text[match.end("no"):].lstrip(), True


def _indefinite_article(noun_phrase: str) -> str:
    """What replaces "no" before a noun phrase: "no ship" -> "a ship", "no civilians" -> "civilians"."""
    head = noun_phrase.split()[-1].lower()
    if head in _MASS_NOUNS or head.endswith("s"):
        return ""
    return "an " if noun_phrase[0].lower() in "aeiou" else "a "


def _past_tense_first_verb(text: str, position: int) -> str:
    match = re.compile(r"\b(?P<verb>[a-z]+)\b").search(text, position)
    if not match:
        return text
    verb = match.group("verb")
    past = _PAST_OF.get(verb) or (verb + ("d" if verb.endswith("e") else "ed"))
    return text[: match.start()] + past + text[match.end():]


def _time_about(text: str, published: date | None) -> tuple[date | None, str]:
    """The day the statement is about, when it names one; a month-day without a year gets the year
    of publication (or the one before, for a date after publication), written out in the text so
    the claim stands alone."""
    if published is None:
        return None, text
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if not match:
            continue
        month = MONTHS[match.group("month").lower()]
        day = int(match.group("day"))
        year = int(match.group("year")) if match.group("year") else published.year
        try:
            about = date(year, month, day)
            if not match.group("year") and about > published:
                about = about.replace(year=year - 1)
        except ValueError:  # 31 April; 29 February of the year before; year 0
            continue
        prefix = "on " if match.group(0).startswith("on ") else ""
        written = f"{prefix}{about.day} {about.strftime('%B')} {about.year}"
        return about, text[: match.start()] + written + text[match.end():]
    weekday = _WEEKDAY_MENTION.search(text)
    back = None
    if weekday:
        back = (published.weekday() - WEEKDAYS[weekday.group("day").lower()]) % 7
    elif re.search(r"\byesterday\b", text, re.I):
        back = 1
    if back is not None:
        try:
            return published - timedelta(days=back), text
        except OverflowError:  # a publication date in the first days of year 1
            return None, text
    if re.search(r"\b(?:today|this morning|this afternoon|tonight)\b", text, re.I):
        return published, text
    return None, text


def _expand_acronym(acronym: str, text: str) -> str:
    """"RSF" -> "Rapid Support Forces" when the article spells the name out somewhere."""
    words = r"\s+".join(rf"{letter}[\w'-]*" for letter in acronym)
    match = re.search(rf"\b{words}\b", text)
    return match.group(0) if match else ""


def _main_country(text: str) -> tuple[str, str]:
    """The country an article is mostly about (the most named; on a tie, the first named, its capital
    included, as in a dateline), and its capital when the article names it. Longer names are counted first, so "South Sudan" is not Sudan."""
    counts: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for match in _MAIN_COUNTRY_MENTION.finditer(text):
        country = _MAIN_COUNTRY_OF[match.group(0)]
        counts[country] = counts.get(country, 0) + 1
        first_seen.setdefault(country, match.start())
    for country in first_seen:
        capital = _CAPITAL_OF[country].search(text)
        if capital:
            first_seen[country] = min(first_seen[country], capital.start())
    if not counts:
        return "", ""
    country = max(counts, key=lambda name: (counts[name], -first_seen[name]))
    capital = COUNTRY_CAPITALS[country]
    return country, capital if _CAPITAL_AS_WRITTEN[country].search(text) else ""


def article_setting(text: str) -> list[str]:
    """The country an article is about, for the matcher to supply where a statement leaves it implied."""
    country, _ = _main_country(normalise_typography(text))
    return [country] if country else []


def article_name_aliases(text: str) -> list[list[str]]:
    """Names an article introduces with their acronym: "Hayat Tahrir al-Sham (HTS)"."""
    text = normalise_typography(text)
    found = []
    for match in _NAME_WITH_ACRONYM.finditer(text):
        name = re.sub(r"^(?:The|A)\s+", "", match.group("name"))
        found.append([name, match.group("acr")])
    for acronym in set(re.findall(r"\b[A-Z]{2,6}\b", text)):
        expansion = _expand_acronym(acronym, text)
        if expansion:
            found.append([expansion, acronym])
    return found


def extract_claims(
    text: str, *, outlet: str | None = None, published_at: datetime | None = None, deadline: float | None = None
) -> list[ExtractedClaim]:
    """The attributed and the outlet's own statements of an English news article, in reading order.
    Past `deadline` (a time.monotonic() value) it stops with ReadingTooLong."""
    return _ArticleReader(outlet, published_at, deadline).read(text)
