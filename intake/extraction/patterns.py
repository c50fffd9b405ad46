"""Regular expressions and tables shared by several parts of the reader: time adverbials, outlet
nouns, name tokens, countries and their capitals. Patterns used by one part live in its module."""

import re

from intake.lexicon import COUNTRY_CAPITALS, DEMONYMS, IRREGULAR_VERBS, MONTHS, WEEKDAYS

_WEEKDAY_NAMES = "|".join(w.capitalize() for w in WEEKDAYS)
_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))

_TIME_ADVERBIAL = (
    rf"(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?(?:{_WEEKDAY_NAMES})(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?:on\s+)?(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}|(?:on\s+)?\d{{1,2}}\s+(?:{_MONTH_NAMES})"
    r"|(?:last|this|earlier this|late last|overnight)\s*(?:week|month|night|morning|year|weekend)?"
    # "witnesses at the time said": when they spoke, not who they are.
    r"|at\s+the\s+time"
    # "disclosed in a statement the following day that S".
    r"|(?:on\s+)?the\s+(?:following|next|previous|same)\s+(?:day|morning|afternoon|evening|night)"
    r"|(?:yesterday|today|tonight|overnight|recently|again|also|later|earlier|previously|separately"
    r"|publicly|officially|repeatedly|then|too|already|now)"
)

_CAPITAL_NAMES = set(COUNTRY_CAPITALS.values())
# Countries by name or adjective ("Syrian"); a capital standing for its government ("Tehran said")
# is a city here, not a country.
_COUNTRY_OF = {country.lower(): country for country in COUNTRY_CAPITALS}
_COUNTRY_OF.update(
    {
        demonym: _COUNTRY_OF.get(country.lower(), country)
        for demonym, country in DEMONYMS.items()
        if demonym not in {c.lower() for c in _CAPITAL_NAMES}
    }
)

# "told Al Arabiya television that ...": the outlet is the name, the medium noun is not part of it.
_ADDRESSEE = re.compile(
    r"^\s+(?P<who>(?:the\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]*)*)"
    r"(?:\s+(?:television|TV|radio|newspaper|channel|news\s+agency|broadcaster|website|daily))?"
)
_RELAY_IN_SOURCE = re.compile(r",\s+(?:quoted|cited)\s+by\s+(?P<via>[^,]+),?\s*$")

# "Firas al Bitar": the article "al" of an Arabic name is a word of it, with its hyphen or without.
_NAME_TOKEN = r"(?:[A-Z][\w’'.-]*|al-\w[\w-]*|el-\w[\w-]*|al|el|bin|ibn|abu|Abu|de|van|von|da)"

_ACRONYM = re.compile(r"^[A-Z]{2,6}$")

_OUTLET_NOUNS = (
    r"news\s+agency|broadcaster|newspaper|daily|channel|television|TV|radio|outlet|website"
)

_MAIN_COUNTRY_EXCLUDED = {"tehran", "moscow", "ankara", "beirut"}
# Each country by its name or adjective, longest first, so "South Sudan" is read before "Sudan".
_MAIN_COUNTRY_OF = {}
for _country in COUNTRY_CAPITALS:
    _MAIN_COUNTRY_OF[_country] = _country
    for _demonym, _of in DEMONYMS.items():
        if _of == _country.lower() and _demonym not in _MAIN_COUNTRY_EXCLUDED:
            _MAIN_COUNTRY_OF.setdefault(_demonym.title(), _country)

# The first form listed is the simple past ("withdrew" before "withdrawn").
_PAST_OF: dict[str, str] = {}
_PARTICIPLE_OF: dict[str, str] = {}
for _past, _base in IRREGULAR_VERBS.items():
    if (
        _base != _past
        and not _past.endswith(("ing", "s"))
        and _past not in {"been", "is", "are", "am"}
    ):
        _PAST_OF.setdefault(_base, _past)
        # The last form listed is the past participle ("withdrawn" after "withdrew").
        _PARTICIPLE_OF[_base] = _past
