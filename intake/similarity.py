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

SAME_CLAIM_THRESHOLD = 0.5
# Known claims are short canonical sentences and reports add detail (dates, places, how), so what
# counts most is how much of the known claim the statement covers: F-beta with recall weighted.
RECALL_WEIGHT_BETA = 2.0
MISSING_NAME_FACTOR = 0.8
MISSING_SUBJECT_FACTOR = 0.7
NO_SHARED_PREDICATE_FACTOR = 0.5

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
        stem = word if word.startswith("ent") and raw[0] == "E" else _stem(word)
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


def _same_subject(text_a: str, tokens_a: list[Token], text_b: str, tokens_b: list[Token]) -> bool:
    """Opposite predicates contradict only when said of the same subject: "government troops
    pulled out of Daraa" does not contradict "rebels took Daraa"."""
    head_a, head_b = _subject_head(text_a, tokens_a), _subject_head(text_b, tokens_b)
    return head_a is None or head_b is None or bool(head_a.concepts & head_b.concepts)


@dataclass(frozen=True)
class Comparison:
    score: float
    opposite: bool
    """True when the two texts say opposite things about the same matter (negation or antonym)."""
    antonym: bool = False


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
    precision, recall = _covered(a, pool_b), _covered(b, covered)
    beta2 = RECALL_WEIGHT_BETA**2
    score = (
        0.0
        if not precision + recall
        else (1 + beta2) * precision * recall / (beta2 * precision + recall)
    )
    missing_names = sum(1 for t in b if t.is_name and not t.concepts & covered)
    score *= MISSING_NAME_FACTOR**missing_names
    head = _subject_head(known, b)
    if head is not None and not head.concepts & covered:
        score *= MISSING_SUBJECT_FACTOR
    shared_predicate = any(
        t.concepts & pool_b for t in a if not t.is_name and t.weight == WORD_WEIGHT
    )
    known_actions = [t for t in b if not t.is_name and t.concepts & _ACTION_CONCEPTS]
    if not shared_predicate or (
        known_actions and not any(t.concepts & covered for t in known_actions)
    ):
        # Who and where in common are not enough: what the known claim says was done must be
        # said too ("entered Sudzha" is not "took full control of Sudzha").
        score *= NO_SHARED_PREDICATE_FACTOR
    opposite = antonym ^ (is_negated(statement.text) != is_negated(known))
    return Comparison(round(score, 4), opposite, antonym)


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
    best: tuple[tuple[bool, float], Comparison, ClaimId] | None = None
    for claim_id, text in candidates:
        comparison = compare(prepared, text, aliases)
        if comparison.score < SAME_CLAIM_THRESHOLD:
            continue
        rank = (not comparison.antonym, comparison.score)
        if best is None or rank > best[0]:
            best = (rank, comparison, claim_id)
    if best is None:
        return MatchDecision(None, "new", 0.0)
    _, comparison, claim_id = best
    return MatchDecision(
        claim_id, "contradicts" if comparison.opposite ^ denies else "same", comparison.score
    )
