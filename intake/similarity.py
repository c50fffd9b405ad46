"""Is a proposed statement a claim factcheck already knows, and does it agree with it?

The database narrows the known claims to a few candidates by full-text search and trigram similarity
(`intake.selectors.claim_candidates`); this module decides among them. It compares *concepts* rather
than words: "fled" and "escaped", "Tehran" and "Iran", "seized" and "captured" meet, because wire
copy paraphrases. Names and numbers weigh more than common words, since "HTS captured Homs" and "HTS
captured Hama" differ only in a name.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import snowballstemmer

from intake.lexicon import (
    ANTONYM_CONCEPTS,
    COUNTRY_CAPITALS,
    DEMONYMS,
    GENERIC_SOURCE_HEADS,
    IRREGULAR_VERBS,
    MONTHS,
    NEGATIONS,
    SYNONYM_GROUPS,
)

# Learned, not set by hand: bench/matching_fit.py chose these on a grid (beta 0.5-3, factors
# 0.3-1, threshold 0.3-0.7) for the best matching F1 over a five-fold cross-validation by article of
# the development labels (synthetic, real-dev and real-2: 533 statements, 74 articles), 7 December
# 2026: mean F1 over the folds 0.815, against 0.717 for the earlier hand-set values (beta 2,
# factors 0.8, 0.7, 0.5); 0.783 when the choice itself is cross-validated. The score is an F-beta
# of how much of each text the other covers; beta below 1 weighs the statement's share more than
# the known claim's: a statement need not repeat every detail of the known claim ("the rebels
# killed 14 soldiers" is "SPLM-IO rebels killed 14 soldiers in Kajo-Keji"), but what it adds counts
# against it. Names or a subject the statement leaves out cost nothing beyond their share of that
# score (factor 1.0); names and numbers it puts in their place rule the claim out
# (`Evidence.conflict`).
SAME_CLAIM_THRESHOLD = 0.5
RECALL_WEIGHT_BETA = 0.5
MISSING_NAME_FACTOR = 1.0
MISSING_SUBJECT_FACTOR = 1.0
NO_SHARED_PREDICATE_FACTOR = 0.8

STOP_WORDS = frozenset(
    """a an the of in on at to for from by with and or but as that this these those it its their his
    her he she they we our i you your be is are was were been being has have had do does did will
    would shall can could may might must should which who whom whose what when where while than then
    there here also just very so such into onto about over under after before since until up down
    out off al el ibn bin some any all both each other more most much many one own same only said
    says according reported report reports president prime minister mr mrs ms dr sheikh them least
    particularly""".split()
)
ENTITY_WEIGHT = 2.0
NUMBER_WEIGHT = 2.0
WORD_WEIGHT = 1.0

_stemmer = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
_COMPASS_HYPHEN = re.compile(r"\b(north|south)-(east|west)", re.IGNORECASE)
# "Assad is in Moscow": being somewhere is a predicate of its own, the state arriving or staying
# leaves.
_BEING_IN_PLACE = re.compile(
    r"\b(?P<be>is|are|was|were)\s+(?:now\s+|still\s+|already\s+|safely\s+)?in\s+(?=[A-Z])"
)
# "the town of Suran north of Hama": Hama only locates Suran; the statement is not about Hama.
_REFERENCE_POINT = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|near|outside|close\s+to)\s+"
    r"(?:the\s+)?(?P<place>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)"
)


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _build_concepts() -> dict[str, frozenset[str]]:
    concepts: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        head = group[0]
        for word in group:
            concepts.setdefault(_stem(word), set()).add(head)
    return {stem: frozenset(heads) for stem, heads in concepts.items()}


_CONCEPTS = _build_concepts()


@dataclass(frozen=True)
class Token:
    concepts: frozenset[str]
    weight: float
    is_name: bool


class NameAliases:
    """Names that denote the same entity ("Hayat Tahrir al-Sham" = "HTS"), from stored sources and
    their aliases and from acronyms an article introduces; each folds to one name token."""

    def __init__(self, groups: list[list[str]] = ()):
        self._canonical: dict[str, str] = {}
        self._names: dict[str, set[str]] = {}
        self._countries: dict[str, frozenset[str]] = {}
        self._pattern = None
        for group in groups:
            self.add(group)

    def add(self, names: list[str]) -> None:
        names = [n.strip() for n in names if n and n.strip()]
        if not names:
            return
        canonical = "ent" + re.sub(r"[^a-z0-9]", "", names[0].lower())
        for name in names:
            if len(name) >= 2:
                canonical = self._canonical.setdefault(name.lower(), canonical)
        self._names.setdefault(canonical, set()).update(n.lower() for n in names)
        self._countries.pop(canonical, None)
        self._pattern = None

    def other_names(self, text: str) -> set[str]:
        """Words of every other name of the entities named in `text` (for widening a search)."""
        words: set[str] = set()
        if not self._canonical:
            return words
        for canonical in set(re.findall(r"\bEnt\w+", self.fold(text))):
            for name in self._names.get(canonical.lower(), ()):
                words.update(re.findall(r"[^\W\d_]{2,}", name))
        return words

    def countries(self, canonical: str) -> frozenset[str]:
        """The countries an entity's names hold: "IDF" is the Israel Defense Forces, so it says
        "Israeli" of whatever it did."""
        if canonical not in self._countries:
            self._countries[canonical] = frozenset(
                c
                for name in self._names.get(canonical, ())
                for t in tokens(name)
                if t.concepts & _PLACE_CONCEPTS
                for c in t.concepts
            )
        return self._countries[canonical]

    def fold(self, text: str) -> str:
        if not self._canonical:
            return text
        if self._pattern is None:
            alternation = "|".join(
                re.escape(n) for n in sorted(self._canonical, key=len, reverse=True)
            )
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
        return self._pattern.sub(
            lambda m: " " + self._canonical[m.group().lower()].capitalize() + " ", text
        )


NO_ALIASES = NameAliases()
_GROUP_CONCEPTS = frozenset({"force", "rebel"})
# The lexicon's groups of what is done or the case ("capture", "flee", "remain"), apart from the
# groups of who does it.
_ACTION_CONCEPTS = frozenset(group[0] for group in SYNONYM_GROUPS) - _GROUP_CONCEPTS
_PLACES = set(DEMONYMS.values())
_PLACE_CONCEPTS = frozenset(
    _stem(word)
    for place in [*_PLACES, *COUNTRY_CAPITALS, *COUNTRY_CAPITALS.values()]
    for word in place.lower().split()
) | frozenset(_PLACES)


def _fold(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = IRREGULAR_VERBS.get(word, word)
    word = DEMONYMS.get(word, word)
    if word in MONTHS:
        return f"month{MONTHS[word]}"
    return word


_UNITS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * n
    for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if n > 1
}
# "Thirty-eight civilians" is "38 civilians"; "one" is left alone, as it is mostly a pronoun.
_NUMBER_WORDS = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[-\s](?P<unit>{'|'.join(list(_UNITS)[1:10])}))?"
    rf"|(?P<small>{'|'.join(w for w in _UNITS if w not in {'zero', 'one'})}))\b",
    re.IGNORECASE,
)


def _spelled_numbers_as_digits(text: str) -> str:
    def digits(match: re.Match) -> str:
        if match.group("small"):
            return str(_UNITS[match.group("small").lower()])
        return str(
            _TENS[match.group("tens").lower()]
            + _UNITS.get((match.group("unit") or "zero").lower(), 0)
        )

    return _NUMBER_WORDS.sub(digits, text)


def tokens(text: str, aliases: NameAliases = NO_ALIASES) -> list[Token]:
    text = _spelled_numbers_as_digits(_BEING_IN_PLACE.sub(r"\g<be> present in ", text))
    text = aliases.fold(_COMPASS_HYPHEN.sub(r"\1\2", text))
    found = []
    for position, match in enumerate(_WORD.finditer(text)):
        raw = match.group()
        word = _fold(raw)
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        if word[0].isdigit():
            found.append(Token(frozenset({word.replace(",", "")}), NUMBER_WEIGHT, False))
            continue
        if word.startswith("ent") and raw[0] == "E":
            stem = word
            concepts = frozenset({stem}) | aliases.countries(stem)
        else:
            stem = _stem(word)
            concepts = _CONCEPTS.get(stem) or _CONCEPTS.get(word) or frozenset({stem})
        # A capital at the start of a sentence makes no name of a common word ("Reinforcements").
        common = (
            stem in _CONCEPTS or word in _CONCEPTS or word in GENERIC_SOURCE_HEADS
        ) and word not in _PLACES
        is_name = raw[0].isupper() and not (position == 0 and common)
        found.append(Token(concepts, ENTITY_WEIGHT if is_name else WORD_WEIGHT, is_name))
    return found


def is_negated(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    count = sum(1 for w in words if w in NEGATIONS or w.endswith("n't"))
    count += text.lower().count("no longer")
    return count % 2 == 1


def _concepts(side: list[Token]) -> set[str]:
    return set().union(*(t.concepts for t in side)) if side else set()


def _covered(side: list[Token], pool: set[str]) -> float:
    total = sum(t.weight for t in side)
    if not total:
        return 0.0
    return sum(t.weight for t in side if t.concepts & pool) / total


def _antonymous(concepts_a: set[str], concepts_b: set[str]) -> bool:
    for left, right in ANTONYM_CONCEPTS:
        if (concepts_a & left and concepts_b & right and not concepts_b & left) or (
            concepts_b & left and concepts_a & right and not concepts_a & left
        ):
            return True
    return False


def _merge_antonyms(side: list[Token]) -> list[Token]:
    """Let the two sides of an antonym pair count as overlapping, so that the rest of the sentence
    decides whether the texts speak of the same matter."""
    merged = []
    for token in side:
        for left, right in ANTONYM_CONCEPTS:
            if token.concepts & (left | right):
                token = Token(token.concepts | left | right, token.weight, token.is_name)
        merged.append(token)
    return merged


_VERB_AFTER_SUBJECT = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|remains|\w+ed|"
    + "|".join(w for w in IRREGULAR_VERBS if not w.endswith("ing"))
    + r")\b"
)


def _subject_head(text: str, text_tokens: list[Token]) -> Token | None:
    """The last content word before a known claim's verb ("advisers" in "Iran's military advisers
    have begun withdrawing"): a statement without it speaks of something else."""
    subject_tokens = _subject_tokens(text)
    if not subject_tokens:
        return None
    last = subject_tokens[-1]
    if (
        len(subject_tokens) > 1
        and subject_tokens[-2].is_name
        and not last.is_name
        and last.concepts & _GROUP_CONCEPTS
    ):
        # "Houthi fighters": the name says who; "fighters" is any group's.
        last = subject_tokens[-2]
    return next((t for t in text_tokens if t.concepts & last.concepts), last)


# "El Fasher had fallen", "the base was overrun": no agent is named, so the statement leaves open
# who did it, and a known claim naming one ("The RSF has captured El Fasher") is not contradicted by
# its absence.
_AGENTLESS = re.compile(
    r"\b(?:(?:is|are|was|were|been)\s+(?:\w+ly\s+)?(?:captured|seized|taken|overrun|stormed|occupied)\b(?!\s+by\b)"
    r"|fell\b|fallen\b)"
)
_PASSIVE = re.compile(
    r"^\S+(?:\s+\S+){0,6}?\s+(?:is|are|was|were|been)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b"
)


def _subject_tokens(text: str, aliases: NameAliases = NO_ALIASES) -> list[Token]:
    verb = _VERB_AFTER_SUBJECT.search(text)
    return tokens(text[: verb.start()], aliases) if verb else []


def _predicate_tokens(text: str, aliases: NameAliases) -> list[Token]:
    verb = _VERB_AFTER_SUBJECT.search(text)
    return tokens(text[verb.start() :], aliases) if verb else []


def _conflict(
    statement: "Statement",
    known: str,
    known_tokens: list[Token],
    known_pool: set[str],
    covered: set[str],
    aliases: NameAliases,
) -> bool:
    """Names and numbers must agree: the known claim's name after its verb, or its number, is
    missing where the statement gives one of its own of the same kind. `known_pool` is the
    concepts of `known_tokens`."""
    own_names = {
        c
        for t in _predicate_tokens(statement.text, aliases)
        if t.is_name and not t.concepts & (known_pool | statement.reference_points)
        for c in t.concepts
    }
    other_name = bool(own_names) and any(
        t.is_name and not t.concepts & covered for t in _predicate_tokens(known, aliases)
    )
    numbers = [t for t in known_tokens if not t.is_name and t.weight == NUMBER_WEIGHT]
    own_numbers = [t for t in statement.tokens if not t.is_name and t.weight == NUMBER_WEIGHT]
    other_number = any(not t.concepts & covered for t in numbers) and any(
        not t.concepts & known_pool for t in own_numbers
    )
    own_counts, known_counts = _counted(statement.text), _counted(known)
    counts_other_things = any(
        not own_counts[number] & known_counts[number]
        for number in own_counts.keys() & known_counts.keys()
    )
    return other_name or other_number or counts_other_things


# "2 suspected militants": what a number counts, the first plural noun within three words of it.
_COUNTED = re.compile(r"\b(?P<number>\d[\d,]*)\s+(?:[\w-]+\s+){0,2}?(?P<noun>[a-z]+s)\b")


def _counted(text: str) -> dict[str, frozenset[str]]:
    """Each number of a text with the concepts of what it counts: "2 militants" is not "2
    soldiers"."""
    return {
        match.group("number").replace(",", ""): frozenset(
            c for t in tokens(match.group("noun")) for c in t.concepts
        )
        for match in _COUNTED.finditer(_spelled_numbers_as_digits(text))
    }


def _same_subject(text_a: str, tokens_a: list[Token], text_b: str, tokens_b: list[Token]) -> bool:
    """Opposite predicates contradict only when said of the same subject: "government troops
    pulled out of Daraa" does not contradict "rebels took Daraa"."""
    head_a, head_b = _subject_head(text_a, tokens_a), _subject_head(text_b, tokens_b)
    return head_a is None or head_b is None or bool(head_a.concepts & head_b.concepts)


@dataclass(frozen=True)
class Weights:
    """How the evidence of a comparison turns into a score (see `Evidence.score`)."""

    recall_beta: float = RECALL_WEIGHT_BETA
    missing_name: float = MISSING_NAME_FACTOR
    missing_subject: float = MISSING_SUBJECT_FACTOR
    missing_predicate: float = NO_SHARED_PREDICATE_FACTOR


WEIGHTS = Weights()


@dataclass(frozen=True)
class Evidence:
    """What a comparison of a statement with a known claim found, before it is weighed."""

    precision: float
    """Share of the statement's weight that the known claim covers."""
    recall: float
    """Share of the known claim's weight that the statement covers."""
    missing_names: int
    missing_subject: bool
    missing_predicate: bool
    """The texts share no common word, or the statement lacks every action the known claim
    states."""
    conflict: bool = False
    """The statement puts another name where the known claim's predicate has one ("captured Hama"
    against "captured Homs"), or another number where it has one ("34 soldiers" against "21")."""

    def score(self, weights: Weights = WEIGHTS) -> float:
        # Not weighed but ruled: a claim is the same only when its names and numbers agree
        # (issue 13), whatever else the texts share.
        if self.conflict or not self.precision + self.recall:
            return 0.0
        beta2 = weights.recall_beta**2
        score = (1 + beta2) * self.precision * self.recall / (beta2 * self.precision + self.recall)
        score *= weights.missing_name**self.missing_names
        if self.missing_subject:
            score *= weights.missing_subject
        if self.missing_predicate:
            score *= weights.missing_predicate
        return score


@dataclass(frozen=True)
class Comparison:
    score: float
    opposite: bool
    """True when the two texts say opposite things about the same matter (negation or antonym)."""
    antonym: bool = False
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Statement:
    """A proposal prepared for comparison: its tokens, plus names implied by who said it (the HTS
    leader's "our goal" is HTS's goal), which may cover a known claim's names but add no weight."""

    text: str
    tokens: list[Token]
    implied: frozenset[str]
    asserted: frozenset[str]
    """Concepts of the statement outside a trailing "since ..." adjunct: "820 killed since the
    offensive began" does not assert when the offensive began."""
    reference_points: frozenset[str] = frozenset()
    setting: frozenset[str] = frozenset()
    """Concepts of the country the article is about: "the tyrant has fled" in a story about Syria
    has fled Syria, but only where the statement names no other place (see `compare`)."""

    @classmethod
    def of(
        cls,
        text: str,
        *,
        context: list[str] = (),
        aliases: NameAliases = NO_ALIASES,
        setting: list[str] = (),
    ) -> "Statement":
        implied = frozenset(
            c for name in context for t in tokens(name, aliases) if t.is_name for c in t.concepts
        )
        main_clause = re.split(r"\bsince\b", text, maxsplit=1)[0]
        setting_concepts = frozenset(
            c for name in setting for t in tokens(name, aliases) for c in t.concepts
        )
        return cls(
            text,
            tokens(text, aliases),
            implied,
            frozenset(_concepts(tokens(main_clause, aliases))),
            _reference_points(text, aliases),
            setting_concepts,
        )


def _implied_setting(
    statement: Statement, known: str, known_tokens: list[Token], covered: set[str]
) -> frozenset[str]:
    """The article's country counts as said when it is all a known claim's names lack, as a place
    after its verb ("fled Syria", not "the Sudanese army"), and the statement places itself nowhere
    else; otherwise a statement about Moscow would inherit Syria."""
    missing = [t for t in known_tokens if t.is_name and not t.concepts & covered]
    if (
        not statement.setting
        or not missing
        or not all(t.concepts & statement.setting for t in missing)
    ):
        return frozenset()
    verb = _VERB_AFTER_SUBJECT.search(known)
    subject = _concepts(tokens(known[: verb.start()])) if verb else set()
    if any(t.concepts & subject for t in missing):
        return frozenset()
    known_concepts = _concepts(known_tokens)
    if any(
        t.is_name and t.concepts & _PLACE_CONCEPTS and not t.concepts & known_concepts
        for t in statement.tokens
    ):
        return frozenset()
    return statement.setting


def _reference_points(text: str, aliases: NameAliases = NO_ALIASES) -> frozenset[str]:
    return frozenset(
        c
        for match in _REFERENCE_POINT.finditer(text)
        for t in tokens(match.group("place"), aliases)
        if t.is_name
        for c in t.concepts
    )


def compare(statement: Statement, known: str, aliases: NameAliases = NO_ALIASES) -> Comparison:
    a, b = statement.tokens, tokens(known, aliases)
    if not a or not b:
        return Comparison(0.0, False)
    antonym = _antonymous(_concepts(a), _concepts(b)) and _same_subject(statement.text, a, known, b)
    if antonym:
        a, b = _merge_antonyms(a), _merge_antonyms(b)
    pool_a, pool_b = (
        statement.asserted - (statement.reference_points - _reference_points(known, aliases)),
        _concepts(b),
    )
    if antonym:
        pool_a = _concepts(_merge_antonyms([Token(frozenset({c}), 1.0, False) for c in pool_a]))
    covered = pool_a | statement.implied
    covered |= _implied_setting(statement, known, b, covered)
    if _AGENTLESS.search(statement.text) and not _PASSIVE.match(known):
        covered |= _concepts(_subject_tokens(known, aliases))
    head = _subject_head(known, b)
    shared_predicate = any(
        t.concepts & pool_b for t in a if not t.is_name and t.weight == WORD_WEIGHT
    )
    known_actions = [t for t in b if not t.is_name and t.concepts & _ACTION_CONCEPTS]
    evidence = Evidence(
        precision=_covered(a, pool_b),
        recall=_covered(b, covered),
        missing_names=sum(1 for t in b if t.is_name and not t.concepts & covered),
        missing_subject=head is not None and not head.concepts & covered,
        # Who and where in common are not enough: what the known claim says was done must be
        # said too ("entered Sudzha" is not "took full control of Sudzha").
        missing_predicate=not shared_predicate
        or bool(known_actions and not any(t.concepts & covered for t in known_actions)),
        conflict=_conflict(statement, known, b, pool_b, covered, aliases),
    )
    opposite = antonym ^ (is_negated(statement.text) != is_negated(known))
    return Comparison(round(evidence.score(), 4), opposite, antonym, evidence)


ClaimId = TypeVar("ClaimId")


@dataclass(frozen=True)
class MatchDecision(Generic[ClaimId]):
    claim_id: ClaimId | None
    relation: str
    """"same", "contradicts" or "new"."""
    score: float


def decide_match(
    statement: str,
    *,
    denies: bool,
    candidates: Sequence[tuple[ClaimId, str]],
    context: list[str] = (),
    aliases: NameAliases = NO_ALIASES,
    setting: list[str] = (),
) -> MatchDecision[ClaimId]:
    """Pick the known claim a statement speaks of, if any, and whether the speaker agrees with it.

    A denial of a known claim, a negated restatement of it, or an antonymous one ("advisers remain"
    against "advisers withdraw") contradicts it. A straight restatement outranks an antonymous one
    at the same score.
    """
    prepared = Statement.of(statement, context=context, aliases=aliases, setting=setting)
    return choose_match(
        [(claim_id, compare(prepared, text, aliases)) for claim_id, text in candidates],
        denies=denies,
    )


def choose_match(
    comparisons: Sequence[tuple[ClaimId, Comparison]],
    *,
    denies: bool,
    weights: Weights = WEIGHTS,
    threshold: float = SAME_CLAIM_THRESHOLD,
) -> MatchDecision[ClaimId]:
    """The decision of `decide_match` from the comparisons made; `weights` and `threshold` are
    parameters so that bench/matching_fit.py can learn them."""
    best: tuple[tuple[bool, float], Comparison, ClaimId] | None = None
    for claim_id, comparison in comparisons:
        score = round(comparison.evidence.score(weights), 4) if comparison.evidence else 0.0
        if score < threshold:
            continue
        rank = (not comparison.antonym, score)
        if best is None or rank > best[0]:
            best = (rank, comparison, claim_id)
    if best is None:
        return MatchDecision(None, "new", 0.0)
    (_, score), comparison, claim_id = best
    return MatchDecision(claim_id, "contradicts" if comparison.opposite ^ denies else "same", score)
