"""Rules for free text that people type: it must show something, and it has a size."""

import re

from django.core.exceptions import ValidationError

# Characters that print nothing: Unicode white space (spelled out, because PostgreSQL's \s follows
# the database's locale), zero-width and format characters, the soft hyphen, fillers and the
# blank braille pattern. One string serves Python's re and PostgreSQL's regular expressions.
_INVISIBLE = (
    "\\s\u00a0\u00ad\u034f\u115f\u1160\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064"
    "\u206a-\u206f\u2800\u3000\u3164\ufeff\uffa0"
)
VISIBLE_CHARACTER = f"[^{_INVISIBLE}]"
_VISIBLE = re.compile(VISIBLE_CHARACTER)
_INVISIBLE_EDGES = re.compile(f"^[{_INVISIBLE}]+|[{_INVISIBLE}]+$")

# A claim is one statement, not an article: room for a long sentence with its qualifiers.
CLAIM_TEXT_MAX_LENGTH = 1000
CLAIM_MAX_TAGS = 20
LONG_TEXT_MAX_LENGTH = 10_000  # quotes and evidence notes


def validate_visible(value: str) -> None:
    if not _VISIBLE.search(value or ""):
        raise ValidationError("This field cannot be blank.", code="blank")


def strip_invisible(value: str) -> str:
    """Like str.strip(), also for the characters that print nothing."""
    return _INVISIBLE_EDGES.sub("", value)
