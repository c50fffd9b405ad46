"""Find who said what in a news article, with which stance, relayed by whom, about when.

`frames` reads attribution off spaCy's dependency parse (`intake.nlp`): the speaker is the subject
of the speech verb, each conjoined verb has its own. `reader` walks the article and applies the
frames first, then the attribution forms of wire copy the parse does not settle; `names` resolves
who is speaking, `places` and `dates` what and when a statement is about, `clauses` the grammar of
the statement itself, `sentences` cuts the text, `patterns` holds the expressions they share and
`results` what comes out.
"""

from intake.extraction.names import article_name_aliases, guess_kind
from intake.extraction.places import article_setting
from intake.extraction.reader import extract_claims
from intake.extraction.results import (
    ASSERTS,
    DENIES,
    MAX_STATEMENTS,
    ExtractedClaim,
    ReadingTooLong,
    SourceMention,
)
from intake.extraction.sentences import normalise_typography, split_sentences

__all__ = [
    "ASSERTS",
    "DENIES",
    "MAX_STATEMENTS",
    "ExtractedClaim",
    "ReadingTooLong",
    "SourceMention",
    "article_name_aliases",
    "article_setting",
    "extract_claims",
    "guess_kind",
    "normalise_typography",
    "split_sentences",
]
