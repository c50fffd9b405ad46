"""What extraction produces: the sources as the article names them, the statements attributed to
them, and the limits that keep reading bounded."""

import re
from dataclasses import dataclass, field
from datetime import date

from intake.lexicon import ROLE_NOUNS

ASSERTS = "asserts"
DENIES = "denies"


def opposite_stance(stance: str) -> str:
    """The stance a negation moved out of a statement turns its frame's into."""
    return DENIES if stance == ASSERTS else ASSERTS


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


# "spokesman for the Ugandan army": a role and the body it speaks for.
_ROLE_FOR_BODY = re.compile(
    rf"^(?:the\s+|an?\s+)?(?:[a-z]+\s+)?(?:{'|'.join(sorted(ROLE_NOUNS))})s?\s+(?:for|of)\s+(?P<body>.+)$"
)


def _display(source: SourceMention) -> str:
    """The speaker as a statement names it when it speaks of itself ("denied that it had lost",
    "its troops", "denied losing"): the body a spokesman speaks for ("the Ugandan army", whose
    troops they are, not the spokesman's), in full, so that the statement stands on its own in
    the claims list ("South Sudan's army lost Yei", not "the army lost Yei")."""
    name = source.name
    if not source.is_person and (role := _ROLE_FOR_BODY.match(name)):
        name = role.group("body")
    if name[0].isupper() or name.isupper() or name.lower().startswith(("the ", "a ", "an ")):
        return name
    return f"the {name}"
