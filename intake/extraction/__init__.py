"""Find who said what in a news article, with which stance, relayed by whom, about when.

Rule-based on purpose: it runs offline with no model to download, is fast, and each decision can be
read off a rule. `reader` walks the article and knows the attribution forms of wire copy; `names`
resolves who is speaking, `places` and `dates` what and when a statement is about, `clauses` the
grammar of the statement itself, `sentences` cuts the text, `patterns` holds the expressions they
share and `results` what comes out.
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
