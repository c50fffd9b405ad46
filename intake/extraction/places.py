"""Places: the country and capital an article is set in, and the places it has named so far, so
that "the city" or "the capital" can be replaced by the one place it can mean (or left as written,
with a note for the reviewer, when several fit)."""

import re

from intake.extraction.names import guess_kind
from intake.extraction.patterns import _ACRONYM, _CAPITAL_NAMES, _COUNTRY_OF, _MAIN_COUNTRY_OF
from intake.extraction.sentences import normalise_typography
from intake.lexicon import COUNTRY_CAPITALS, DEMONYMS, MONTHS, WEEKDAYS

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
    re.compile(
        rf"\b(?P<noun>base|barracks|garrison|camp|post|outpost)\s+(?:in|at|near)\s+(?:the\s+(?:town|village|city)\s+of\s+)?"
        rf"{_PLACE_NAME}"
    ),
    re.compile(rf"\b{_PLACE_NAME}\s+(?P<noun>region|province|district|county)\b"),
)
# "in Hama", "outside Homs": a capitalised name after a place preposition is a candidate for "the
# city".
_LOCATIVE_PLACE = re.compile(
    r"\b(?:in|near|outside|into|around|towards?|from|captur\w*|seiz\w*|enter\w*|tak(?:e|es|en|ing)|took|reach\w*"
    r"|attack\w*|shell\w*|bomb\w*|struck|strik\w+|besieg\w*|overr\w+|encircl\w*|surround\w*|retak\w+|retook)"
    r"\s+(?P<place>(?:(?:al|el)-)?[A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*)?)\b(?!'s)(?!\s+[A-Z])"
)
_POSSESSIVE_OPENING = re.compile(r"^(?:(?:al|el)-)?[A-Z][\w-]*['’]s\s+(?=[A-Z])")
_NOT_PLACES = (
    {w.lower() for w in WEEKDAYS} | set(MONTHS) | {"the", "this", "that", "his", "her", "its"}
)

_COUNTRY_MENTION = re.compile(
    r"\b(?=[A-Z])(?i:"
    rf"{'|'.join(re.escape(w) for w in sorted(_COUNTRY_OF, key=len, reverse=True))}"
    r")\b"
)
_CAPITAL_MENTION = re.compile(
    rf"\b(?:{'|'.join(re.escape(c) for c in sorted(_CAPITAL_NAMES, key=len, reverse=True))})\b"
)

_PLACE_KINDS = {
    "barracks": "base",
    "garrison": "base",
    "camp": "base",
    "post": "base",
    "outpost": "base",
}

_MAIN_COUNTRY_MENTION = re.compile(
    rf"\b(?:{'|'.join(re.escape(w) for w in sorted(_MAIN_COUNTRY_OF, key=len, reverse=True))})\b"
)
_CAPITAL_OF = {
    country: re.compile(rf"\b{re.escape(capital)}\b", re.IGNORECASE)
    for country, capital in COUNTRY_CAPITALS.items()
}
_CAPITAL_AS_WRITTEN = {
    country: re.compile(rf"\b{re.escape(capital)}\b")
    for country, capital in COUNTRY_CAPITALS.items()
}


def _main_country(text: str) -> tuple[str, str]:
    """The country an article is mostly about (the most named; on a tie, the first named, its
    capital included, as in a dateline), and its capital when the article names it. Longer names
    are counted first, so "South Sudan" is not Sudan."""
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
    """The country an article is about, for the matcher to supply where a statement leaves it
    implied."""
    country, _ = _main_country(normalise_typography(text))
    return [country] if country else []


class PlaceNotes:
    """The reader's memory of places (mixed into the reader, which holds the state it uses)."""

    def _note_places(self, sentence: str) -> None:
        """Remember every city, country, capital and kind of place named so far ("the base in
        Damboa", "Ulang, a town on the Sobat River"), the candidates for "the city", "the
        country" ... later."""
        named = [m.group("city") or m.group("city2") for m in _CITY_MENTION.finditer(sentence)]
        named += [m.group("place") for m in _LOCATIVE_PLACE.finditer(sentence)]
        for name in named:
            if (
                name not in COUNTRY_CAPITALS
                and name.lower() not in DEMONYMS
                and name not in _CAPITAL_NAMES
                and name.lower() not in _NOT_PLACES
            ):
                self.cities[name] = None
        for pattern in _PLACE_MENTIONS:
            for match in pattern.finditer(sentence):
                noun = match.group("noun").lower()
                # "Mali's Timbuktu region": the place is Timbuktu; the possessive says where it is.
                name = _POSSESSIVE_OPENING.sub("", match.group("name"))
                self.places.setdefault(_PLACE_KINDS.get(noun, noun), {})[name] = None
                if noun in {"city", "town"}:
                    self.cities[name] = None
        for match in _COUNTRY_MENTION.finditer(sentence):
            self.countries[_COUNTRY_OF[match.group(0).lower()]] = None
        for match in _CAPITAL_MENTION.finditer(sentence):
            self.capitals[match.group(0)] = None

    def _only(self, candidates: dict[str, None], noun: str) -> str:
        """The one candidate for "the <noun>", or "" and a note for the reviewer when there are
        none or several."""
        if len(candidates) == 1:
            return next(iter(candidates))
        shown = list(candidates)[:5]
        named = (
            f": {', '.join(shown)}{', ...' if len(candidates) > len(shown) else ''}"
            if candidates
            else ""
        )
        note = (
            f'"the {noun}" left as written: the article names '
            f"{len(candidates) or 'no'} {noun} candidates{named}"
        )
        if note not in self.notes:
            self.notes.append(note)
        return ""

    def _reference_replaced(
        self, text: str, pattern: re.Pattern, candidates: dict[str, None], noun: str
    ) -> str:
        if not pattern.search(text):
            return text
        only = self._only(candidates, noun)
        return pattern.sub(only, text) if only else text

    def _place_definite_descriptions(self, text: str) -> str:
        """ "the town had fallen" -> "Ulang had fallen", "the base" -> "the base in Damboa", "the
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
        text = re.sub(
            r"\b[Tt]he\s+(?:army\s+|military\s+)?(?P<noun>base|barracks|garrison|camp|post|outpost)\b"
            r"(?!\s+(?:in|at|of|near|on)\b)(?!')",
            site,
            text,
        )
        return re.sub(
            r"\b[Tt]he\s+(?P<noun>region|province|district|county)\b(?!\s+of\b)(?!')", area, text
        )

    def _note_topic(self, sentence: str) -> None:
        """Remember which organisation the text is about, for "It"/"The group" in the next
        sentence."""
        opening = [w.strip(",;:") for w in sentence.split(" ", 2)]
        anaphoric = opening[0].lower() in {"it", "they"} or " ".join(opening[:2]).lower() in {
            "the group",
            "the movement",
            "the militia",
            "the organisation",
            "the organization",
        }
        if anaphoric and self.topic:
            return
        names = [
            re.sub(r"^The\s+", "", m)
            for m in re.findall(r"\b[A-Z][A-Za-z-]*(?:\s+[A-Z][A-Za-z-]*)*", sentence)
        ]
        organisations = [m for m in names if _ACRONYM.match(m) or guess_kind(m) == "armed_group"]
        if organisations:
            self.topic = organisations[-1]
