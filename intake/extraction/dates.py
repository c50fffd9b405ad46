"""The day a statement speaks of ("on Saturday", "7 December"), relative to the article's
publication date."""

import re
from datetime import date, timedelta

from intake.extraction.patterns import _MONTH_NAMES, _WEEKDAY_NAMES
from intake.lexicon import MONTHS, WEEKDAYS

_DAY_MONTH = re.compile(
    rf"\b(?:on\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})\.?(?:,?\s+(?P<year>\d{{4}}))?\b"
)
_MONTH_DAY = re.compile(
    rf"\b(?:on\s+)?(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"
)
_WEEKDAY_MENTION = re.compile(
    rf"\b(?:on\s+|late\s+on\s+|early\s+on\s+|last\s+)?(?P<day>{_WEEKDAY_NAMES})\b"
)


def _in_a_name(text: str, match: re.Match) -> bool:
    """ "the March 23 Movement": a date that is part of a name, after "the" and before a capital."""
    return text[: match.start()].lower().endswith("the ") and bool(
        re.match(r"\s+[A-Z]", text[match.end() :])
    )


def _time_about(text: str, published: date | None) -> tuple[date | None, str]:
    """The day the statement is about, when it names one; a month-day without a year gets the year
    of publication (or the one before, for a date after publication), written out in the text so
    the claim stands alone."""
    if published is None:
        return None, text
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = next((m for m in pattern.finditer(text) if not _in_a_name(text, m)), None)
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
        return about, text[: match.start()] + written + text[match.end() :]
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
