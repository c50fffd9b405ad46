"""The grammar of a reported statement: openings and adverbials stripped, negated statements put in
positive form (stance *denies*), noun and gerund complements ("denied reports of its withdrawal")
turned into clauses, and whether a sentence reports an event at all."""

import re

from intake.extraction.frames import (
    CLAUSE_SUBJECTS,
    SAYING_PARTICIPLES,
    SPEECH_VERBS,
    has_subject,
)
from intake.extraction.patterns import (
    _MONTH_NAMES,
    _PAST_OF,
    _TIME_ADVERBIAL,
    _WEEKDAY_NAMES,
)
from intake.extraction.results import MIN_STATEMENT_WORDS, SourceMention, _display
from intake.lexicon import (
    AUDIENCE_WORDS,
    DISCOURSE_OPENERS,
    EVENT_VERBS,
    HEDGE_WORDS,
    IRREGULAR_VERBS,
    REPORT_NOUNS,
)
from intake.nlp import parse, root_of, words_of

_MEDIUM_NOUNS = (
    r"statement|interview|video|speech|post|message|broadcast|press conference|news conference"
    r"|briefing|televised address|address|report|communique|comments|remarks|letter|tweet|podcast"
    r"|news agency|outlet|mouthpiece|channel|website"
)
_VENUE_ADVERBIAL = re.compile(
    rf"^(?:in|during|at|via|through)\s+(?:a|an|the|his|her|its|their)?\s*(?:[\w’'-]+\s+){{0,4}}?"
    rf"(?P<noun>{_MEDIUM_NOUNS})\b(?P<tail>(?:\s+(?:with|to|on|by|posted on|published on|broadcast "
    r"on|"
    r"carried by|published by|aired on|broadcast by|read on|read out on|issued by|released "
    r"by|shown on)"
    rf"\s+(?:the\s+|its\s+|their\s+)?(?!(?:{_WEEKDAY_NAMES}|{_MONTH_NAMES})\b)(?:[A-Z][\w’'-]*|al-[\w’'-]+|official|"
    rf"state|public|national|news|agency|television|media|channel|social)(?:\s+(?:[A-Z][\w’'-]*|official|state|"
    rf"public|national|news|agency|television|media|channel|account|outlet|website))*)?)"
)
_MANNER_ADVERBIAL = re.compile(
    r"^(?:by\s+(?:satellite\s+|tele|mobile\s+)?phone|by\s+text\s+message|over\s+the\s+phone|in\s+a\s+phone\s+call"
    r"|on\s+condition\s+of\s+anonymity)\b\s*"
)
_PLACE_ADVERBIAL = re.compile(r"^(?:in|from|at)\s+(?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+)*")

# "denied reports of its withdrawal from Hama", "refuted the RSF's claim of full control of El
# Fasher": the denied statement is a noun phrase, read back into a clause for the nouns below.
_NOMINAL_REPORT = re.compile(
    rf"^(?:(?:the|all|any|these|those|such|recent|media|widespread)\s+)*"
    rf"(?:(?P<claimant>(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)'s?\s+)?(?:{'|'.join(REPORT_NOUNS)})"
    r"\s+(?:of|about|regarding|suggesting|claiming|alleging|on)\s+(?P<np>.+)$"
)
_NOMINAL = re.compile(
    r"^(?:(?:the|a)\s+)?(?:(?P<poss>its|their|his|her|(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*'s?)\s+)?"
    r"(?P<degree>full|total|complete)?\s*(?P<noun>[a-z]+)\b(?:\s+(?:of|over)\s+(?P<obj>(?:(?!\s+(?:from|to|in|into|at|near|by|for)\s).)+))?"
    r"(?P<rest>\s+(?:from|to|in|into|at|near|by|for)\s+.+)?$"
)
# "denied any involvement in the attack", "denied responsibility for": the denier's own part in
# an event, named by a noun without a report before it.
_OWN_PART = re.compile(r"^(?:(?:any|its|their|his|her)\s+)?(?P<np>(?:[a-z]+)\s+(?:in|for)\s+.+)$")
# Nouns an agent does, as the clause's verb: "its withdrawal from Hama" -> "withdrew from Hama".
_NOMINAL_INTRANSITIVE = {
    "withdrawal": "withdrew",
    "retreat": "retreated",
    "departure": "left",
    "flight": "fled",
    "escape": "escaped",
    "death": "died",
    "fall": "fell",
    "collapse": "collapsed",
    "presence": "was present",
    "involvement": "was involved",
    "surrender": "surrendered",
    "resignation": "resigned",
    "defeat": "was defeated",
    "defection": "defected",
    "advance": "advanced",
    "entry": "entered",
    "role": "played a role",
    "part": "took part",
    "participation": "took part",
    "responsibility": "was responsible",
}
# Nouns with an object: "the evacuation of the embassy" -> "the embassy was evacuated".
_NOMINAL_TRANSITIVE = {
    "capture": ("captured", "was captured"),
    "seizure": ("seized", "was seized"),
    "control": ("had control of", "was controlled"),
    "evacuation": ("evacuated", "was evacuated"),
    "arrest": ("arrested", "was arrested"),
    "killing": ("killed", "was killed"),
    "takeover": ("took over", "was taken over"),
    "bombing": ("bombed", "was bombed"),
    "shelling": ("shelled", "was shelled"),
    "destruction": ("destroyed", "was destroyed"),
}


_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|came|began|did|does)\b")

_NEGATED_OBJECT = re.compile(
    r"\b(?:had|has|have|found|saw|see|sees|there\s+(?:is|was|were|are))\s+(?P<no>no)\s+"
    r"(?:(?:real|immediate|further|credible|clear)\s+)?"
    r"(?P<noun>intention|intentions|interest|plan|plans|evidence|sign|signs|indication|indications|knowledge"
    r"|information|desire|wish|proof|trace|traces|(?:[a-z]+\s+)?(?:relationship|relations|link|links|contact"
    r"|connection|ties|role|involvement|presence|troops|forces|soldiers|plans?))\s+(?:of|in|to|that|with|on|for)\b"
)
# Nouns that take no indefinite article in the singular: "there was no damage" denies that there
# was damage, not "a damage".
_MASS_NOUNS = frozenset(
    {
        *("evidence", "knowledge", "information", "proof", "interest", "damage", "harm"),
        *("violence", "fire", "gunfire", "ammunition", "equipment", "aid", "assistance", "support"),
        *("access", "water", "food", "fuel", "electricity", "bloodshed", "destruction", "progress"),
        *("resistance", "opposition", "involvement", "truth", "news", "ground", "territory"),
    }
)

# "No Navy ship had been struck", "There is no threat of encirclement": a negative subject denies
# the statement with the subject present.
_NEGATIVE_SUBJECT = re.compile(
    r"^(?P<there>there\s+(?:is|are|was|were|has\s+been|had\s+been)\s+)?(?:no|not\s+a\s+single)\s+"
    # An editor's gloss may stand in the noun phrase: "no IDF (Israel Defense Forces) strike".
    r"(?P<noun>[\w.-]+(?:\s+(?:[\w.-]+|\([^()]{1,60}\))){0,3}?)(?=\s+(?:is|are|was|were|has|have|had|will)\b"
    r"|(?(there)(?:\s+(?:of|in|at|on|among|during|to|for)\b|\W*$)|(?!)))",
    re.IGNORECASE,
)

_NONE_OF_SUBJECT = re.compile(
    r"^(?P<word>none\s+of|nobody|no\s+one|no-one)\s+(?=(?:[\w'-]+\s+){0,5}?"
    r"(?:is|are|was|were|has|have|had|will|would)\b)",
    re.IGNORECASE,
)
_TIME_ADVERBIAL_START = re.compile(rf"^(?:{_TIME_ADVERBIAL})\b\s*")
_MEDIUM_NOUN_START = re.compile(rf"^(?:{_MEDIUM_NOUNS})\b\s*")
_ADVERBIAL_TAIL = re.compile(rf"^(?:\s+(?:{_TIME_ADVERBIAL}))*\s*,")


def _strip_opening(text: str, min_rest: int = MIN_STATEMENT_WORDS) -> str:
    previous = None
    while previous != text:
        previous = text
        lowered = text.lower()
        for opener in DISCOURSE_OPENERS:
            if lowered == opener:
                return ""
            if lowered.startswith(opener + " ") or lowered.startswith(opener + ","):
                text = text[len(opener) :].lstrip(", ")
                break
        prepositional = re.match(
            r"^(?:In|On|At(?!\s+(?:least|most)\b)|After|Before|During|Despite|Amid|With|For|Speaking|Asked|Following|Under|Since|"
            r"Elsewhere|Overnight|Late|Early|Earlier|Later|Last|Hours|Days|Weeks|Minutes|Moments|Shortly|Soon)\b"
            r"[^,]{0,80},\s+",
            text,
        )
        if prepositional and len(text[prepositional.end() :].split()) >= min_rest:
            text = text[prepositional.end() :]
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


def _medium_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text.strip(), flags=re.I)
    text = re.sub(
        r"\s+(?:propaganda\s+(?:outlet|agency|arm|wing)|(?:news\s+)?outlet|mouthpiece)$", "", text
    )
    if (
        not text
        or text.lower() in AUDIENCE_WORDS
        or not (text[0].isupper() or text.startswith("al-"))
    ):
        return ""
    if text.lower().split()[0] in AUDIENCE_WORDS:
        return ""
    text = re.sub(r"\s+(?:that|in|on|at)\b.*$", "", text)
    # "told AFP Monday": the day is when, not part of the outlet's name.
    return re.sub(
        rf"\s+(?:{_WEEKDAY_NAMES}|today|yesterday|(?:late|early|last)\s+\w+)$", "", text, flags=re.I
    )


def _strip_adverbials(rest: str) -> tuple[str, str]:
    """Drop the time, place and channel phrases between a say verb and what was said; return the
    remaining complement and any relaying outlet named on the way ("in a CNN interview")."""
    text, via, previous = rest.strip(), "", None
    while text != previous:
        previous = text
        text = re.sub(r"^,\s*", "", text)
        time = _TIME_ADVERBIAL_START.match(text)
        if time and time.end():
            text = text[time.end() :]
            continue
        venue = _VENUE_ADVERBIAL.match(text)
        if venue:
            named = re.search(
                r"(?P<via>\b(?:al-)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+(?:"
                + _MEDIUM_NOUNS
                + r")\b",
                venue.group(0),
            )
            tail = venue.group("tail").strip()
            if named and named.group("via").lower() not in {"a", "an", "the"}:
                via = via or named.group("via")
            elif tail:
                via = via or _medium_name(
                    re.sub(
                        r"^(?:with|to|on|by|posted on|published on|broadcast on|"
                        r"carried by|published by|aired on|broadcast by)\s+",
                        "",
                        tail,
                    )
                )
            # "in a video message": the lazy match stops at the first medium noun.
            text = _MEDIUM_NOUN_START.sub("", text[venue.end() :].strip())
            continue
        manner = _MANNER_ADVERBIAL.match(text)
        if manner:
            text = text[manner.end() :]
            continue
        place = _PLACE_ADVERBIAL.match(text)
        if place and re.match(r"^\s*(?:that\b|,|on\b|in\b)", text[place.end() :]):
            # "in Maiduguri, the state capital, that ...": the appositive goes with the place.
            text = re.sub(
                r"^,\s+(?:the|a|an)\s+[^,\"]{1,40},\s*(?=that\b)", "", text[place.end() :].strip()
            )
            continue
        relay = re.match(
            r"^(?:to|on)\s+(?:the\s+)?(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
            r"|state television|state TV|state media|reporters|journalists)\b\s*",
            text,
        )
        if relay:
            via = via or _medium_name(relay.group("who"))
            text = text[relay.end() :]
            continue
    return text.strip(" ,"), via


def _is_adverbial_tail(rest: str) -> bool:
    """True when what follows a trailing "X said" is only adverbials or a subordinate clause."""
    if _ADVERBIAL_TAIL.match(rest):
        return True
    remaining, _ = _strip_adverbials(rest)
    return not remaining or bool(
        re.match(
            r"^(?:(?:hours|days|minutes|weeks|shortly|soon|just|moments)\s+)?"
            r"(?:as|while|when|amid|after|before|in|on|adding|saying|citing)\b",
            remaining,
        )
    )


def _split_leading_phrase(text: str) -> tuple[str, str]:
    """ "the UK-based Observatory (SOHR), regime troops withdrew" -> source phrase, statement."""
    segments = _comma_segments(text)
    if len(segments) < 2:
        return text, ""
    source = segments[0]
    index = 1
    while (
        index < len(segments) - 1
        and re.match(r"^(?:a|an|the|which|who|quoted|cited)\s", segments[index])
        and not _has_verb(segments[index])
    ):
        source += ", " + segments[index]
        index += 1
    statement = text[len(source) :].lstrip(", ")
    return source, statement


_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|do|does|did|remains?|"
    r"(?:is|are|was|were|has|have|had|does|do|did)n't|"
    r"\w+ed|\w+s)\b"
)


def _has_finite_verb(text: str) -> bool:
    return bool(_FINITE_VERB.search(text))


def _has_verb(text: str) -> bool:
    lowered = text.lower()
    return bool(_VERBISH.search(lowered)) or any(
        word in IRREGULAR_VERBS for word in lowered.split()
    )


def _is_reported_event(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z'’-]+|\d+", sentence)
    lowered = [w.lower() for w in words]
    if not words or lowered[0] in {
        "this",
        "that",
        "these",
        "those",
        "if",
        "as",
        "while",
        "for",
        "although",
    }:
        return False
    if any(w in HEDGE_WORDS for w in lowered) or re.search(
        r"\b(?:we|i|you|our|us)\b", sentence.lower()
    ):
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
        candidates = {
            stem,
            stem + "e",
            stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem,
            stem[:-1] + "y" if stem.endswith("i") else stem,
        }
        return bool(candidates & EVENT_VERBS) and previous not in {"to"}
    return False


def _split_shared_subject(text: str, alternatives: bool = False) -> list[str]:
    """ "Rebels had killed 16 soldiers, forced others to flee and were in control of the area" is
    three statements by one subject; the parse tells the conjoined predicates from conjoined
    objects ("intercepted and destroyed six drones" stays one). With `alternatives`, predicates
    joined by "or" / "nor" instead, for a denial only: denying that Ukraine "attacked Donetsk or
    sent saboteurs" denies each; a verb the negation left in its plain form takes the first
    one's past ("attacked ... or send" -> "sent")."""
    if alternatives and not words_of(text) & {"or", "nor"}:
        # Without either word the main verb has no alternatives, whatever the parse.
        return [text]
    doc = parse(text)
    root = root_of(doc)
    if root is None or root.pos_ not in {"VERB", "AUX"}:
        return [text]
    subject = next((child for child in root.lefts if child.dep_ in CLAUSE_SUBJECTS), None)
    predicates = _conjoined_predicates(root, alternatives)
    if subject is None or not predicates:
        return [text]
    parts = []
    for head in [root, *predicates]:
        # The other predicates' words, except one this head hangs from ("forced ... and were").
        left_out = {
            token.i
            for other in predicates
            if other != head and other not in head.ancestors
            for token in other.subtree
        }
        # A predicate ends where the next one begins: what the parse hangs on the first after
        # them all ("had taken the town and killed 14 soldiers, an account the government
        # dismissed") is no part of the first alone.
        end = min(
            (other.left_edge.i for other in predicates if other.i > head.i),
            default=len(doc),
        )
        own = [
            token
            for token in (head.subtree if head != root else doc[subject.right_edge.i + 1 :])
            if token.i not in left_out and subject.right_edge.i < token.i < end
        ]
        while own and (own[-1].dep_ in {"cc", "punct"} or own[-1].text == ","):
            own.pop()
        shares_object = not any(token.i > head.i for token in own)
        if (shares_object and not _negated_alone(head, predicates)) or any(
            token.dep_ == "prep" and not list(token.children) for token in own
        ):
            # "had intercepted and destroyed six drones", "came from and returned to Rwanda": a
            # verb or preposition with nothing of its own after it shares its object with the
            # next; the sentence is one statement.
            return [text]
        parts.append(
            "".join(
                _past_form(token.text) + token.whitespace_
                if token == head and alternatives and token.tag_ == "VB" and root.tag_ == "VBD"
                else token.text_with_ws
                for token in own
            ).strip()
        )
    subject_words = doc[subject.left_edge.i : subject.right_edge.i + 1].text
    return [f"{subject_words} {part}" for part in parts]


def _negated_alone(verb, predicates) -> bool:
    """ "did not retreat and only defended the town": a verb negated with "do" beside predicates
    in a finite form of their own, which "did not" cannot govern, so its negation is its own
    ("had not intercepted and destroyed" shares "had not", and stays one statement)."""
    return (
        any(child.dep_ == "neg" for child in verb.children)
        and any(child.dep_ == "aux" and child.lemma_ == "do" for child in verb.children)
        and all(other.tag_ in {"VBD", "VBZ", "VBP"} for other in predicates if other != verb)
    )


# What joins clauses that each hold: "and", "but". "or" offers alternatives, neither asserted.
_BOTH_HOLD = {"and", "but"}
_FIRST_PERSON = {"we", "us", "our", "ours", "i", "me", "my"}


def _is_finite(verb) -> bool:
    return verb.tag_ in _FINITE_TAGS or any(
        child.dep_ in {"aux", "auxpass"} and child.tag_ in _FINITE_TAGS for child in verb.children
    )


def _names_its_subject(verb) -> bool:
    """The clause's subject is no pronoun, nor owned by one ("our forces")."""
    return not any(
        token.tag_ in {"PRP", "PRP$"}
        for child in verb.children
        if child.dep_ in CLAUSE_SUBJECTS and child.dep_ != "expl"
        for token in child.subtree
    )


def independent_clauses(text: str) -> list[str]:
    """ "A shell had destroyed a border post but that there were no casualties", "Thirty-eight
    soldiers were killed and dozens others went missing": clauses joined by "and" or "but", each
    with a subject of its own in the parse, are statements of their own, each then read for its
    own negation. Alternatives ("or") and a clause the parse does not close off stay as
    written."""
    doc = parse(text)
    root = root_of(doc)
    if root is None or root.pos_ not in {"VERB", "AUX"} or not has_subject(root):
        return [text]
    conjuncts = [
        child
        for child in root.rights
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and has_subject(child)
    ]
    links = [child for child in root.children if child.dep_ == "cc"]
    if not conjuncts or not links or any(link.lower_ not in _BOTH_HOLD for link in links):
        return [text]
    if not all(_is_finite(conjunct) and _names_its_subject(conjunct) for conjunct in conjuncts):
        # "23 others wounded": the verb is the first clause's; "they were repulsed", "our forces
        # remain": who is meant is read from the other clause or the speaker, kept beside them.
        return [text]
    if any(token.lower_ in _FIRST_PERSON for token in doc):
        # "... under the control of our forces": the speaker's own words, kept whole.
        return [text]
    if any(token.i > conjuncts[-1].right_edge.i and not token.is_punct for token in doc):
        return [text]
    parts = [doc[: conjuncts[0].left_edge.i]]
    for conjunct in conjuncts:
        start = conjunct.left_edge.i
        if doc[start].dep_ == "mark":
            start += 1
        parts.append(doc[start : conjunct.right_edge.i + 1])
    statements = []
    for part in parts:
        tokens = list(part)
        while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
            tokens.pop()
        statements.append("".join(token.text_with_ws for token in tokens).strip())
    if any(len(statement.split()) < MIN_STATEMENT_WORDS for statement in statements):
        return [text]
    return statements


# Units a span of time is counted in: "days after S", "two weeks before S".
_TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})


# A clause set off by commas before the rest of its sentence: what the rules that cut a trailing
# relative clause or participle would take the sentence's own verb with.
_SET_OFF_OPENING = re.compile(
    r",\s+(?:who|whose|which|where|when|while|as|\w+ing)\b", re.IGNORECASE
)

_BETWEEN_DASHES = re.compile(r"\s+[—–]\s+[^—–]{1,120}?\s+[—–]\s+(?=\S)")


def without_medial_clauses(text: str) -> str:
    """The statement without a relative clause or participle phrase set off by commas in its
    middle, read off the parse: "Asif Ali Zardari, who heads the main party, agreed to remove the
    president" -> "Asif Ali Zardari agreed to remove the president"; "several passengers,
    travelling in a private car, were attacked" -> "several passengers were attacked". Cut to the
    end instead (as a trailing clause is), such a clause would take the main verb after it too.
    A clause closing the statement is left to the rules for trailing clauses; before "and" the
    comma stays ("seized the town, which lies near Juba, and killed 14 soldiers")."""
    # "a prestigious army unit – which he termed the 21st division – had been destroyed": a
    # parenthesis between dashes, wherever it stands.
    text = _BETWEEN_DASHES.sub(" ", text)
    if not _SET_OFF_OPENING.search(text):
        return text
    doc = parse(text)
    cut: set[int] = set()
    for token in doc:
        if token.dep_ not in {"relcl", "acl", "advcl"} or token.i in cut:
            continue
        if token.dep_ != "relcl" and token.tag_ not in {"VBG", "VBN"}:
            continue
        start, end = token.left_edge.i, token.right_edge.i
        if not (0 < start and end + 2 < len(doc)):
            continue
        if doc[start - 1].text != "," or doc[end + 1].text != ",":
            continue
        # An adverbial participle is cut only before the verb it hangs on ("The army, acting on
        # intelligence, raided ..."), not after it ("... raided the house, acting on ...").
        if token.dep_ == "advcl" and token.head.i < start:
            continue
        after = doc[end + 2]
        last = end if after.dep_ == "cc" or after.lower_ in {"and", "but"} else end + 1
        cut.update(range(start - 1, last + 1))
    if not cut:
        return text
    kept = "".join(
        token.text_with_ws if token.i not in cut else (" " if token.whitespace_ else "")
        for token in doc
    )
    return re.sub(r"\s+([,.;])", r"\1", re.sub(r"\s{2,}", " ", kept)).strip()


def without_background(text: str) -> str:
    """Cut a clause at the end of a statement that tells of another event, not the statement: a
    "where" clause of its own subject on a place already named ("... to control the northern region
    where a war has killed hundreds"; "a tent where guests had gathered" says which tent, and
    stays), ", days after S" (a span of time before "after" or "before" and a clause of its own
    subject), and a closing "as" clause of what else was happening ("... was hit as he travelled
    to the mosque")."""
    if not words_of(text) & {"where", "after", "before", "as"}:
        # Without these words there is no such clause, whatever the parse.
        return text
    doc = parse(text)
    end = max((token.i for token in doc if not token.is_punct), default=-1)
    for token in doc:
        clause = token.head
        if clause.right_edge.i < end or not has_subject(clause):
            continue
        if token.lower_ == "where" and token.dep_ == "advmod" and clause.dep_ == "relcl":
            named = clause.head
            if named.i < token.i and any(
                child.dep_ == "poss" or child.lower_ in {"the", "this", "that"}
                for child in named.lefts
            ):
                return doc[: token.i].text.rstrip(" ,")
        if (
            token.lower_ in {"after", "before"}
            and token.dep_ == "mark"
            # A clause marked "after" is subordinate even where the parse conjoins it.
            and clause.dep_ in {"advcl", "conj"}
            and token.i > 0
            and doc[token.i - 1].lemma_.lower() in _TIME_UNITS
            and doc[token.i - 1].dep_ == "npadvmod"
        ):
            start = doc[token.i - 1].left_edge.i
            if start > 0 and doc[start - 1].text == ",":
                return doc[: start - 1].text.rstrip()
        if (
            token.lower_ == "as"
            and token.dep_ == "mark"
            and clause.dep_ == "advcl"
            and clause.head.dep_ == "ROOT"
            and clause.head.pos_ == "VERB"
            # "as calm as it had been" compares.
            and not any(other.lower_ == "as" for other in doc[: token.i])
        ):
            # "... was hit by rocket fire as he travelled to a mosque": what else was happening.
            return doc[: token.i].text.rstrip(" ,")
    return text


def _left_open(preposition) -> bool:
    return preposition.dep_ == "prep" and not any(
        child.dep_ in {"pobj", "pcomp"} for child in preposition.children
    )


def _object_of(predicate):
    """The object a predicate takes: its direct object, or the object of its last preposition
    ("responsible for the strike")."""
    direct = next((child for child in predicate.children if child.dep_ == "dobj"), None)
    if direct is not None:
        return direct
    prepositions = [child for child in predicate.children if child.dep_ == "prep"]
    if not prepositions:
        return None
    return next((child for child in prepositions[-1].children if child.dep_ == "pobj"), None)


def _position(token) -> int:
    return token.i


def neither_nor(text: str) -> list[str]:
    """ "The force is neither involved in nor supports any activities of the group", "the group
    had neither attacked the base nor taken hostages": each predicate joined by "neither ... nor",
    as a positive statement of its own, which the sentence denies; a preposition the first leaves
    open takes the second's object ("involved in activities of the group"). Empty when the
    parse does not show two predicates of one subject so joined, or something follows them."""
    if "neither" not in words_of(text):
        return []
    doc = parse(text)
    neither = next((t for t in doc if t.lower_ == "neither" and t.dep_ == "preconj"), None)
    if neither is None or neither.head.pos_ not in {"VERB", "AUX", "ADJ"}:
        return []
    first = neither.head
    clause = first.head if first.dep_ in {"acomp", "attr", "xcomp"} else first
    # The parse hangs "nor B" on the first predicate, or on the verb "be" that carries it.
    joined = [c for c in {*first.children, *clause.children} if c.i > first.i]
    nor = min(
        (c for c in joined if c.dep_ == "cc" and c.lower_ == "nor"), key=_position, default=None
    )
    second = min((c for c in joined if c.dep_ == "conj"), key=_position, default=None)
    if nor is None or second is None or second.i < nor.i:
        return []
    if {first.lower_, second.lower_} & SPEECH_VERBS:
        # "neither confirmed nor denied the reports" states nothing about them.
        return []
    subject = next(
        (c for c in clause.children if c.dep_ in CLAUSE_SUBJECTS and c.i < neither.i), None
    )
    if subject is None or any(not t.is_punct for t in doc[second.right_edge.i + 1 :]):
        return []
    opening = doc[: neither.i].text
    first_words = doc[neither.i + 1 : nor.i].text.rstrip(" ,")
    if _left_open(doc[nor.i - 1]):
        shared = _object_of(second)
        if shared is None:
            return []
        first_words += " " + doc[shared.left_edge.i : shared.right_edge.i + 1].text
    # A finite second predicate ("nor supports") takes the subject alone, not "is" or "had".
    second_opening = (
        doc[subject.left_edge.i : subject.right_edge.i + 1].text
        if second.tag_ in _FINITE_TAGS
        else opening
    )
    second_words = doc[nor.i + 1 : second.right_edge.i + 1].text
    # "nor taken any hostages": "any" holds only under the negation; the positive has none.
    return [
        re.sub(r"\bany\s+", "", f"{opening} {first_words}"),
        re.sub(r"\bany\s+", "", f"{second_opening} {second_words}"),
    ]


def conjoined_negatives(text: str) -> list[str]:
    """ "There was no damage to the buildings and no craters near the gate", "the patrol found no
    weapons and no fighters": noun phrases each under its own "no", joined by "and", are one
    negated statement each, read for its own polarity; left as one, the first "no" would become
    the stance and the second stay in the text, a denial of "no craters". Read off the parse: the
    second "no" is the determiner of a noun conjoined (wherever the parser attaches it) inside
    the first noun phrase or on its verb, the first noun phrase being the subject, object or
    attribute of the main verb. Empty otherwise."""
    if len(re.findall(r"\bno\b", text, re.IGNORECASE)) < 2:
        # Two determiners "no" are needed, whatever the parse.
        return []
    doc = parse(text)
    first = next((t for t in doc if t.lower_ == "no" and t.dep_ == "det"), None)
    if first is None:
        return []
    noun = first.head
    if noun.dep_ not in {"attr", "dobj", "nsubj", "nsubjpass"} or noun.head.dep_ != "ROOT":
        return []
    inside = {token.i for token in noun.subtree}
    second = next(
        (
            t
            for t in doc[first.i + 1 :]
            if t.lower_ == "no"
            and t.dep_ == "det"
            and t.head.dep_ == "conj"
            and t.head.pos_ in {"NOUN", "PROPN"}
            and (t.head.head.i in inside or t.head.head == noun.head)
            and t.i > 0
            and doc[t.i - 1].lower_ == "and"
        ),
        None,
    )
    if second is None:
        return []
    link = doc[second.i - 1]
    conjunct = second.head
    opening = doc[: first.i].text_with_ws
    tail = doc[conjunct.right_edge.i + 1 :].text_with_ws
    # "there was no damage and no craters": the verb agrees with each noun on its own.
    number = (
        {"was": "were", "is": "are"} if conjunct.tag_ == "NNS" else {"were": "was", "are": "is"}
    )
    verb = noun.head
    if verb.i < first.i and any(child.dep_ == "expl" for child in verb.children):
        second_opening = (
            doc[: verb.i].text_with_ws
            + number.get(verb.lower_, verb.text)
            + verb.whitespace_
            + doc[verb.i + 1 : first.i].text_with_ws
        )
    else:
        second_opening = opening
    parts = [
        opening + doc[first.i : link.i].text.rstrip(" ,") + " " + tail,
        second_opening + doc[second.i : conjunct.right_edge.i + 1].text_with_ws + tail,
    ]
    return [re.sub(r"\s+", " ", part).strip(" ,") for part in parts]


# Penn tags of a finite verb: a statement needs one ("the higher figure as exaggerated" has none).
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _past_read_as_participle(token) -> bool:
    """A simple past the tagger took for a participle, as it often does when the clause opens in
    lower case ("its fighters killed 51 soldiers", cut from "X said its fighters killed ..."): the
    clause's root, with a subject of its own and no auxiliary, is finite whatever its tag."""
    return (
        token.tag_ == "VBN"
        and token.dep_ == "ROOT"
        and any(child.dep_ == "nsubj" for child in token.children)
        and not any(child.dep_ in {"aux", "auxpass"} for child in token.children)
    )


def _statement_clause(text: str) -> str:
    """The statement as a checkable clause, or "" when it is not one: a statement needs a finite
    verb, and a description set beside a name is left out ("the group had captured Mahaday, a town
    in the Middle Shabelle region 25 km north of Jowhar" states the capture; the description is
    the writer's, not the speaker's claim)."""
    doc = parse(text)
    if not any(token.tag_ in _FINITE_TAGS or _past_read_as_participle(token) for token in doc):
        return ""
    left_out: set[int] = set()
    for token in doc:
        if not (
            token.dep_ == "appos"
            and token.pos_ == "NOUN"
            and token.head.pos_ == "PROPN"
            and token.head.i < token.left_edge.i
        ):
            continue
        start, end = token.left_edge.i, token.right_edge.i + 1
        if start > 0 and doc[start - 1].text == ",":
            start -= 1
        if end < len(doc) and doc[end].text == "(":
            closing = next((t.i for t in doc[end:] if t.text == ")"), None)
            end = closing + 1 if closing is not None else end
        left_out.update(range(start, end))
    if not left_out:
        return text
    kept = "".join(token.text_with_ws for token in doc if token.i not in left_out)
    return re.sub(r"\s+([,.;])", r"\1", kept).strip(" ,;")


def _conjoined_predicates(verb, alternatives: bool = False) -> list:
    """The verbs conjoined to this one by "and" without a subject of their own, in order: in "had
    killed 16, forced others to flee and were in control" the parse hangs "were" on "forced".
    Alternatives ("originated from or retreated to Rwanda") are one statement, not two; with
    `alternatives`, only those are taken."""
    links = {child.lower_ for child in verb.children if child.dep_ == "cc"}
    if alternatives and (not links <= {"or", "nor"} or not (links or verb.dep_ == "conj")):
        return []
    if not alternatives and links & {"or", "nor"}:
        return []
    found = []
    for child in verb.rights:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and not has_subject(child):
            found += [child, *_conjoined_predicates(child, alternatives)]
    return found


def _past_form(stem: str) -> str:
    """The past tense of a verb from its -ing stem: "stopp" -> "stopped", "mass" -> "massed",
    "supply" -> "supplied"."""
    # Spelling doubles these consonants before -ing ("stopping"); s, l, f and z are doubled in the
    # verb itself ("massing", "shelling").
    undoubled = (
        stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprt" else stem
    )
    for base in (stem + "e", stem, undoubled):
        if base in _PAST_OF:
            return _PAST_OF[base]
    if undoubled.endswith("e"):
        return undoubled + "d"
    if len(undoubled) > 2 and undoubled.endswith("y") and undoubled[-2] not in "aeiou":
        return undoubled[:-1] + "ied"
    return undoubled + "ed"


def _clause_from_gerund_phrase(phrase: str) -> str:
    """ "soldiers withdrawing from Homs" -> "soldiers withdrew from Homs"."""
    match = re.match(
        r"^(?P<subject>.+?)\s+(?:having\s+)?(?P<verb>[a-z]+)ing\s+(?P<rest>.+)$", phrase
    )
    if not match:
        return ""
    return f"{match.group('subject')} {_past_form(match.group('verb'))} {match.group('rest')}"


def _nominal_denial(complement: str, source: SourceMention, *, event_denied: bool = False) -> str:
    """ "reports of its withdrawal from Hama" (denied by the army) -> "the army withdrew from
    Hama"; "" when the noun phrase is not one of the nominalised events the reader knows. With
    `event_denied` (a verb that denies whatever it takes, "denied"), the event may be named with
    no report before it: "denied the fall of the district" -> "the district fell" ("rejected the
    killing of protesters" condemns rather than denies, so those verbs do not)."""
    report = _NOMINAL_REPORT.match(complement.strip().rstrip("."))
    if not report:
        own = _OWN_PART.match(complement.strip().rstrip("."))
        nominal = _NOMINAL.match(own.group("np")) if own else None
        if not nominal or nominal.group("noun") not in _NOMINAL_INTRANSITIVE:
            event = _NOMINAL.match(complement.strip().rstrip(".")) if event_denied else None
            if not event or not event.group("obj") or event.group("poss"):
                return ""
            nominal = event
        elif nominal.group("noun") in _NOMINAL_INTRANSITIVE:
            # The denier's own part: "denied any involvement in the attack".
            return f"that {_display(source)} {_NOMINAL_INTRANSITIVE[nominal.group('noun')]}" + (
                nominal.group("rest") or ""
            )
    else:
        nominal = _NOMINAL.match(report.group("np"))
    if not nominal:
        return ""
    noun, obj, rest = nominal.group("noun"), nominal.group("obj"), nominal.group("rest") or ""
    possessor = nominal.group("poss") or ""
    if possessor.lower() in {"its", "their", "his", "her"}:
        possessor = _display(source)
    possessor = re.sub(r"'s?$", "", possessor) or (report.group("claimant") or "" if report else "")
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
    """ "(denied) losing the city" -> "<source> lost the city"."""
    match = re.match(r"^(?:having\s+)?(?P<verb>\w+)ing\s+(?P<object>.+)$", complement)
    if not match:
        return ""
    return f"that {_display(source)} {_past_form(match.group('verb'))} {match.group('object')}"


def _positive_form(text: str) -> tuple[str, bool]:
    """Move a main-clause negation into the stance: "Ankara was not involved" -> ("Ankara was
    involved", negated). Negations inside a later clause are left alone."""
    if evidenced := _evidence_denied(text):
        return evidenced, True
    nobody = _NONE_OF_SUBJECT.match(text)
    if nobody:
        # "None of the dead were its fighters" denies that some of them were; "nobody was
        # arrested" that someone was.
        positive = "some of " if nobody.group("word").lower() == "none of" else "someone "
        return positive + text[nobody.end() :], True
    negative_subject = _NEGATIVE_SUBJECT.match(text)
    if negative_subject:
        article = _indefinite_article(negative_subject.group("noun"))
        return (negative_subject.group("there") or "") + article + text[
            negative_subject.start("noun") :
        ], True
    match = re.search(
        r"\b(?P<aux>is|are|was|were|has|have|had|will|would|did|does|do|could|can)(?:\s+not|n't|\s+at\s+no\s+time"
        r"|\s+never)\b(?:\s+been)?",
        text,
    )
    if not match:
        return _positive_noun_form(text)
    if match.start() > len(text) * 0.6:
        return text, False
    if re.search(r"\b(?:that|which|who|because|if)\b", text[: match.start()]):
        return text, False
    positive = (
        text[: match.start()]
        + re.sub(r"\s+not|n't|\s+at\s+no\s+time|\s+never", "", match.group(0))
        + text[match.end() :]
    )
    if match.group("aux") in {"did", "does", "do"}:
        positive = re.sub(rf"\b{match.group('aux')}\s+", "", positive, count=1)
        positive = _past_tense_first_verb(positive, match.start())
    return re.sub(r"\s{2,}", " ", positive), True


def _positive_noun_form(text: str) -> tuple[str, bool]:
    """ "had no intention of attacking", "found no evidence of cells": a negated object in the main
    clause denies the statement with the object present ("had an intention of attacking")."""
    match = _NEGATED_OBJECT.search(text)
    if not match:
        return _positive_object_of_main_verb(text)
    if match.start() > len(text) * 0.6 or re.search(
        r"\b(?:that|which|who|because|if)\b", text[: match.start()]
    ):
        return text, False
    return text[: match.start("no")] + _indefinite_article(match.group("noun")) + text[
        match.end("no") :
    ].lstrip(), True


# What a finding is of: "found no evidence of cells", "saw no sign that troops had left".
_EVIDENCE_NOUNS = frozenset({"evidence", "sign", "indication", "proof", "trace"})


def _evidence_denied(text: str) -> str:
    """ "Israel's military has seen no evidence of a direct hit on the hospital", "found no
    evidence the clip had appeared online": a finding of nothing, in the main clause, denies what
    it would have been evidence of (that there was a direct hit; that the clip had appeared), as
    the parse reads the noun's complement: a clause with its own subject, or an "of" phrase. ""
    when the sentence holds no such finding."""
    if "no" not in words_of(text):
        return ""
    doc = parse(text)
    for token in doc:
        noun = token.head
        if not (
            token.lower_ == "no"
            and token.dep_ == "det"
            and noun.lemma_.lower() in _EVIDENCE_NOUNS
            and noun.dep_ in {"dobj", "attr"}
            and noun.head.dep_ == "ROOT"
        ):
            continue
        for child in noun.rights:
            if child.dep_ in {"acl", "ccomp", "relcl"} and any(
                grand.dep_ in {"nsubj", "nsubjpass", "expl"} and grand.i < child.i
                for grand in child.children
            ):
                return _clause_words(child)
            if child.dep_ == "prep" and child.lower_ == "of":
                event = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
                if event is None or event.pos_ not in {"NOUN", "PROPN"}:
                    continue
                phrase = doc[event.left_edge.i : event.right_edge.i + 1].text
                verb = "were" if event.tag_ in {"NNS", "NNPS"} else "was"
                article = (
                    ""
                    # "no sign of fighting": a gerund takes no article.
                    if event.left_edge.dep_ in {"det", "poss"} or event.lower_.endswith("ing")
                    else _indefinite_article(doc[event.left_edge.i : event.i + 1].text)
                )
                return f"there {verb} {article}{phrase}"
    return ""


# What someone knows or says, not what is the case: "Moscow had no information about his
# whereabouts" states what Moscow knows; it denies nothing.
_KNOWLEDGE_NOUNS = frozenset(
    {"information", "knowledge", "idea", "details", "detail", "comment", "word", "news", "clue"}
)


def _positive_object_of_main_verb(text: str) -> tuple[str, bool]:
    """ "Hezbollah had no military positions near Brital", "No US strike occurred on Sunday": "no"
    on the object or the subject of the main verb, as the parse reads it, denies the statement
    with that noun present; "nothing" there denies it with "something"."""
    if not words_of(text) & {"no", "nothing"}:
        # The parse is read for a "no" alone: without the word there is nothing to find in it.
        return text, False
    doc = parse(text)
    for token in doc:
        if (
            token.lower_ == "nothing"
            and token.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"}
            and token.head.dep_ == "ROOT"
        ):
            # "had nothing to do with the attack" denies that it had something to do with it.
            return doc[: token.i].text_with_ws + "something" + token.whitespace_ + doc[
                token.i + 1 :
            ].text, True
        noun = token.head
        if (
            token.lower_ == "no"
            and token.dep_ == "det"
            and noun.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"}
            and noun.head.dep_ == "ROOT"
            and noun.lemma_.lower() not in _KNOWLEDGE_NOUNS
        ):
            # "No US or coalition strike": the article agrees with the last of the nouns.
            last = noun
            while (
                conjunct := next((c for c in last.children if c.dep_ == "conj"), None)
            ) is not None:
                last = conjunct
            phrase = doc[token.i + 1 : last.i + 1].text
            return (
                doc[: token.i].text_with_ws + _indefinite_article(phrase) + doc[token.i + 1 :].text,
                True,
            )
    return text, False


def _indefinite_article(noun_phrase: str) -> str:
    """What replaces "no" before a noun phrase: "no ship" -> "a ship", "no civilians" ->
    "civilians", "no damage" -> "damage". In "no A or B" the article agrees with A ("no clashes
    or shooting" -> "clashes or shooting"), unless A is a name standing as B's modifier ("no US
    or coalition strike" -> "a US or coalition strike")."""
    conjuncts = re.split(r"\s+(?:or|and)\s+", noun_phrase)
    head = conjuncts[0].split()[-1]
    if len(conjuncts) > 1 and head[:1].isupper():
        head = conjuncts[-1].split()[-1]
    if not _counted_singular(head):
        return ""
    first = noun_phrase.split()[0]
    if _ACRONYM_WORD.match(first):
        # Read letter by letter: "an IDF strike", "a US strike".
        return "an " if first[0] in "AEFHILMNORSX" else "a "
    return "an " if noun_phrase[0].lower() in "aeiou" else "a "


def _counted_singular(noun: str) -> bool:
    """Whether an indefinite article goes before `noun`: singular and counted."""
    if noun.lower() in _MASS_NOUNS:
        return False
    return not (noun.endswith("s") and not _ACRONYM_WORD.match(noun))


_ACRONYM_WORD = re.compile(r"^[A-Z]{2,6}$")


def _past_tense_first_verb(text: str, position: int) -> str:
    match = re.compile(r"\b(?P<verb>[a-z]+)\b").search(text, position)
    if not match:
        return text
    verb = match.group("verb")
    past = _PAST_OF.get(verb) or (verb + ("d" if verb.endswith("e") else "ed"))
    return text[: match.start()] + past + text[match.end() :]


# What a verdict calls a report it rejects ("the reports were false", "... is propaganda"), and
# what it calls one it accepts, which only a negation turns into a rejection ("isn't true").
_FALSE_VERDICTS = frozenset(
    {
        *("false", "untrue", "baseless", "unfounded", "fabricated", "groundless", "incorrect"),
        *("inaccurate", "fake", "misleading", "lie", "lies", "propaganda", "fabrication"),
        *("rumour", "rumor", "nonsense", "misinformation", "disinformation"),
    }
)
_TRUE_VERDICTS = frozenset({"true", "correct", "accurate"})
# The nouns a verdict can judge: the report nouns, and what a statement calls information.
_JUDGED_NOUNS = frozenset({*(noun.lower() for noun in REPORT_NOUNS), "information", "account"})
_CONTENT_PREPOSITIONS = {"of", "about", "on"}


class FalsityVerdict:
    """A verdict, read off the parse, that a report is false: `statement` is the clause the report
    made ("Reports that the army had withdrawn were baseless"), `event` the noun phrase it named
    ("reports of a massacre in the village were untrue"); both are empty when the report is only
    named ("the rumours being spread by al-Shabab were false"), and its content is what was
    reported before. `claimant` is who the report names as making it ("an assertion by the
    rebels that they had ...", "the rebels' claim that ..."), whom a pronoun opening the statement
    stands for."""

    def __init__(self, statement: str = "", event: str = "", claimant: str = ""):
        self.statement = statement
        self.event = event
        self.claimant = claimant


def _claimant(report) -> str:
    """Who a report noun says made it: its "by" phrase or its possessor; "" when it names none."""
    for child in report.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            named = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if len(named) == 1:
                return _subtree_words(named[0])
        if child.dep_ == "poss" and child.pos_ in {"NOUN", "PROPN"}:
            return re.sub(r"\s*['’]s?$", "", _subtree_words(child))
    return ""


def _subtree_words(token) -> str:
    subtree = list(token.subtree)
    return token.doc[subtree[0].i : subtree[-1].i + 1].text


def falsity_verdict(text: str) -> FalsityVerdict | None:
    """`text` says, as its main clause, that a report is false: its subject is a report noun and
    its predicate a false-word ("... were baseless", "... is propaganda", "... were fabricated"),
    or a true-word under a negation ("... isn't true"). None for anything else, and for a verdict
    that is itself negated ("the reports were not false")."""
    if not words_of(text) & (_FALSE_VERDICTS | _TRUE_VERDICTS):
        # No verdict without one of its words, whatever the parse.
        return None
    text = text.strip().rstrip(".")
    # The statement opens a sentence: left in lower case, "reports that S ..." and "claims that S
    # ..." are tagged as verbs, and the verdict is lost.
    doc = parse(text[:1].upper() + text[1:])
    root = root_of(doc)
    if root is None:
        return None
    misread = _report_read_as_verb(root)
    if misread is not None:
        report, root = root, misread
    negated = any(child.dep_ == "neg" for child in root.children)
    if root.lemma_ == "be":
        predicates = [child for child in root.children if child.dep_ in {"acomp", "attr"}]
    else:
        # "the claims were fabricated": the false-word is the main verb, in the passive.
        predicates = [root] if any(child.dep_ == "auxpass" for child in root.children) else []
    if len(predicates) != 1:
        return None
    # "... are fake news", "... was false information": the noun's own modifier is the verdict.
    verdicts = {predicates[0].lower_} | {
        child.lower_ for child in predicates[0].children if child.dep_ == "amod"
    }
    if not (
        (verdicts & _FALSE_VERDICTS and not negated)
        or (predicates[0].lower_ in _TRUE_VERDICTS and negated)
    ):
        return None
    if misread is None:
        if (reported := _reported_by_what(root)) is not None:
            return reported
        subjects = [child for child in root.children if child.dep_ in {"nsubj", "nsubjpass"}]
        if len(subjects) == 1 and subjects[0].lower_ == "it":
            # "It's not true that S", "it is false that S": the "it" stands for the clause the
            # verdict is on, set after it.
            clause = next(
                (
                    child
                    for child in root.rights
                    if child.dep_ == "ccomp"
                    and any(mark.dep_ == "mark" and mark.lower_ == "that" for mark in child.lefts)
                ),
                None,
            )
            if clause is None:
                # "It is not true", "it is false": the verdict points back at what was reported.
                return FalsityVerdict()
            said = doc[clause.left_edge.i : clause.right_edge.i + 1].text
            return FalsityVerdict(statement=re.sub(r"^that\s+", "", said))
        if (len(subjects) == 1 and subjects[0].lower_ in {"this", "that"}) or not subjects:
            # "That was not true", "this is false", and "told Reuters that was not true", whose
            # "that" was taken for the conjunction: a verdict pointing back.
            return FalsityVerdict()
        if len(subjects) != 1 or subjects[0].lower_ not in _JUDGED_NOUNS:
            return None
        report = subjects[0]
    for child in report.children:
        if child.dep_ in {"acl", "ccomp", "relcl"} and any(
            grandchild.dep_ == "mark" and grandchild.lower_ == "that"
            for grandchild in child.children
        ):
            tokens = list(child.subtree)
            clause = doc[tokens[0].i : tokens[-1].i + 1].text
            return FalsityVerdict(
                statement=re.sub(r"^that\s+", "", clause), claimant=_claimant(report)
            )
        if child.dep_ == "acl" and child.lower_ in SAYING_PARTICIPLES:
            # "media reports alleging that S are fake news": what the participle says.
            said = next(
                (
                    clause
                    for clause in child.rights
                    if clause.dep_ == "ccomp" and has_subject(clause)
                ),
                None,
            )
            if said is not None:
                clause = doc[said.left_edge.i : said.right_edge.i + 1].text
                return FalsityVerdict(
                    statement=re.sub(r"^that\s+", "", clause), claimant=_claimant(report)
                )
    for child in report.children:
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPOSITIONS:
            # "reports of the downing of a jet", "claims of destroying a post" (a gerund).
            objects = [
                grandchild for grandchild in child.children if grandchild.dep_ in {"pobj", "pcomp"}
            ]
            if len(objects) == 1:
                subtree = list(objects[0].subtree)
                return FalsityVerdict(event=doc[subtree[0].i : subtree[-1].i + 1].text)
    return FalsityVerdict()


def _report_read_as_verb(root):
    """ "Orlan claims of destroying a post are false": the parse reads the report noun as the
    main verb ("claims", with "Orlan" its subject) and the verdict as its clause; the verdict's
    verb, when it is so, else None."""
    if root.lower_ not in _JUDGED_NOUNS or root.pos_ not in {"VERB", "AUX"}:
        return None
    if not any(
        child.dep_ == "prep" and child.lower_ in _CONTENT_PREPOSITIONS for child in root.children
    ):
        return None
    return next(
        (child for child in root.children if child.dep_ == "ccomp" and child.lemma_ == "be"),
        None,
    )


# Verbs that spread a report: "what was circulated by media that S is untrue".
_REPORTING_LEMMAS = frozenset(
    {"circulate", "report", "publish", "spread", "say", "claim", "rumour"}
)


def _reported_by_what(verdict) -> FalsityVerdict | None:
    """ "What was circulated by media channels that S is untrue": the verdict judges what a
    reporting verb, whose subject is "what", said; S runs from its "that" to the verdict's verb
    (the parse may hang a place at the end of S on the verdict). None for any other subject."""
    doc = verdict.doc
    for clause in verdict.children:
        if (
            clause.i > verdict.i
            or clause.lemma_.lower() not in _REPORTING_LEMMAS
            or not any(
                child.lower_ == "what" and child.dep_ in {"nsubj", "nsubjpass"}
                for child in clause.children
            )
        ):
            continue
        for token in doc[clause.i + 1 : verdict.i]:
            if token.lower_ == "that" and _opens_clause_said(token):
                return FalsityVerdict(statement=doc[token.i + 1 : verdict.i].text.strip(" ,"))
    return None


def _opens_clause_said(that) -> bool:
    """ "that" opens a clause of its own: a complementiser, or read as a relative pronoun where
    it cannot be one ("channels that Y blew up a shrine": "blew up" has its subject and its
    object already)."""
    clause = that.head
    if not has_subject(clause) or that.dep_ in {"nsubj", "nsubjpass"}:
        return False
    if that.dep_ == "mark":
        return True
    return that.dep_ == "dobj" and any(
        child.dep_ == "dobj" and child.i != that.i for child in clause.children
    )


# Verbs whose subject "it" stands for a clause that follows ("it seems that S"), as "be" and a
# passive do ("it is unclear whether S", "it had been decided that S").
_RAISING_VERBS = {"be", "seem", "appear"}


def expletive_it(text: str) -> bool:
    """Whether the statement's opening "it" stands for no one: the subject of a passive or of
    "be" whose clause follows it ("it had been decided that S", "it is unclear whether S", "it
    was not our soldiers that were attacked"), which no speaker or topic replaces."""
    if not text[:3].lower() == "it ":
        return False
    doc = parse(text)
    it = doc[0]
    verb = it.head
    if it.dep_ not in {"nsubj", "nsubjpass"} or verb.i <= it.i:
        return False
    if it.dep_ == "nsubj" and verb.lemma_ not in _RAISING_VERBS:
        return False
    return any(child.dep_ in {"ccomp", "csubj"} and child.i > verb.i for child in verb.children)


_RELATIVE_WORDS = {"that", "who", "which", "whom"}


def cleft_clause(text: str) -> tuple[str, bool] | None:
    """A cleft sentence as the clause it focuses: "it was not our soldiers that were attacked" ->
    ("our soldiers were attacked", negated), "it wasn't its officers that the report referred to"
    -> ("the report referred to its officers", negated); None for any other statement. The
    focused phrase takes the place of the relative word, read off the parse."""
    if not text[:3].lower() == "it " or not words_of(text) & _RELATIVE_WORDS:
        return None
    doc = parse(text)
    verb = doc[0].head
    if doc[0].dep_ != "nsubj" or verb.lemma_ != "be" or verb.dep_ != "ROOT":
        return None
    focus = next((child for child in verb.rights if child.dep_ == "attr"), None)
    if focus is None or any(child.lower_ in {"a", "an"} for child in focus.lefts):
        # "it was a town that had seen fighting" describes what "it" is; a cleft focuses a
        # phrase that names what it means.
        return None
    # The parse hangs the clause on "be" or, as a relative clause, on the focused phrase.
    clause = next(
        (child for child in verb.rights if child.dep_ == "ccomp" and child.i > focus.i), None
    ) or next((child for child in focus.rights if child.dep_ == "relcl"), None)
    if clause is None:
        return None
    relative = next((token for token in clause.subtree if token.lower_ in _RELATIVE_WORDS), None)
    if relative is None or relative.i != clause.left_edge.i or relative.i <= focus.i:
        return None
    focus_words = [token for token in focus.subtree if token.i not in {t.i for t in clause.subtree}]
    focused = "".join(token.text_with_ws for token in focus_words).strip()
    words = [token for token in clause.subtree if token.i != relative.i]
    if relative.dep_ in {"nsubj", "nsubjpass"}:
        rewritten = f"{focused} {''.join(token.text_with_ws for token in words)}"
    elif relative.dep_ in {"pobj", "dobj"}:
        after = relative.head
        parts = []
        for token in words:
            parts.append(
                token.text_with_ws if token.text_with_ws.endswith(" ") else token.text + " "
            )
            if token.i == after.i:
                parts.append(f"{focused} ")
        if after.i == relative.i or focused not in "".join(parts):
            return None
        rewritten = "".join(parts)
    else:
        return None
    negated = any(child.dep_ == "neg" for child in verb.children)
    return re.sub(r"\s+", " ", rewritten).strip(" ,"), negated


def without_any(text: str) -> str:
    """A denied statement with "any" as an indefinite noun phrase's determiner written as the
    article it stands for, read off the parse: "there is a record of any attack" -> "... of an
    attack", "has entered any health unit" -> "a health unit", "any civilians" -> "civilians", and
    "an any clash" ("no any clash" once "no" became "an") -> "an clash" without the second."""
    if "any" not in words_of(text):
        return text
    doc = parse(text)
    pieces = []
    for token in doc:
        if token.lower_ == "any" and token.dep_ == "det" and token.head.i > token.i:
            noun = token.head
            phrase = doc[token.i + 1 : noun.i + 1].text
            article = _indefinite_article(phrase)
            before = doc[token.i - 1] if token.i else None
            if before is not None and before.lower_ in {"a", "an"} and before.head == noun:
                # "an any clash": the article already there, agreeing with the noun now after it.
                pieces[-1] = (article or "").capitalize() if before.text[0].isupper() else article
                continue
            if any(child.dep_ == "det" and child.i != token.i for child in noun.lefts):
                continue
            if token.text[0].isupper() and article:
                article = article.capitalize()
            if article:
                pieces.append(article)
            continue
        pieces.append(token.text_with_ws)
    return "".join(pieces).strip()


def contrasted_negation(text: str) -> tuple[str, str] | None:
    """ "The strike targeted a grave, not a shrine": what the statement asserts ("The strike
    targeted a grave") and what it denies ("The strike targeted a shrine"), read off the parse
    (the second noun phrase set beside the first, its "not" hung on the first); None for a
    statement without such a pair."""
    if "not" not in words_of(text):
        return None
    doc = parse(text)
    for noun in doc:
        negation = next((child for child in noun.children if child.dep_ == "neg"), None)
        other = next(
            (child for child in noun.rights if child.dep_ == "appos"),
            None,
        )
        if (
            negation is None
            or other is None
            or noun.pos_ not in {"NOUN", "PROPN"}
            or not negation.i < other.left_edge.i
            or doc[negation.i - 1].text != ","
        ):
            continue
        start = negation.i - 1
        # "not the clinic, near Orlo": what follows the closing comma is said of both, wherever
        # the parse hangs it.
        end = next(
            (t.i for t in doc[other.i + 1 : other.right_edge.i + 1] if t.text == ","),
            other.right_edge.i + 1,
        )
        replaced = doc[other.left_edge.i : end].text
        if end < len(doc) and doc[end].text == ",":
            end += 1
        asserted = (doc[:start].text_with_ws + " " + doc[end:].text).strip()
        # The denial reaches to the end of the noun's own clause: "targeted a base, not the
        # prison, and had taken precautions" denies only that the strike targeted the prison.
        verb = noun
        while verb.dep_ not in {"ROOT", "conj", "ccomp"} and verb.head is not verb:
            verb = verb.head
        own = {
            token.i
            for token in verb.subtree
            if not any(
                ancestor.dep_ in {"conj", "cc"} and ancestor.head == verb
                for ancestor in [token, *token.ancestors]
            )
        }
        clause_end = max(own) + 1
        denied = (
            doc[: noun.left_edge.i].text_with_ws + replaced + " " + doc[end:clause_end].text
        ).strip(" ,")
        return re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", asserted)), re.sub(
            r"\s+,", ",", re.sub(r"\s{2,}", " ", denied)
        )
    return None


# Verbs by which a statement vouches for the clause it carries: "the IDF clarifies that S", "an
# investigation has confirmed that S". What is stated is the clause.
_VOUCHING_LEMMAS = frozenset({"confirm", "clarify", "show", "prove", "establish", "verify"})


def vouched_negation(text: str) -> str:
    """ "The IDF clarifies that there is no incident in which a soldier was abducted", "an
    investigation has confirmed that there was no IDF fire that hit the hospital": a main verb
    that vouches for its clause, the clause negated at its top (a "not" on its verb, or "no" on its
    subject or object), is the clause itself, so that its negation is read as the denial it
    carries; "" for any other statement (an unnegated clause, "claimed", "said": those are read as
    they were)."""
    words = words_of(text)
    if not words & {"no", "not", "n't", "never"} or "that" not in words:
        return ""
    doc = parse(text)
    root = next((token for token in doc if token.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in _VOUCHING_LEMMAS:
        return ""
    clause = next((child for child in root.rights if child.dep_ == "ccomp"), None)
    if clause is None or not any(
        child.dep_ in {"nsubj", "nsubjpass", "expl"} and child.i < clause.i
        for child in clause.children
    ):
        return ""
    negated = any(child.dep_ == "neg" for child in clause.children) or any(
        child.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}
        and any(det.dep_ == "det" and det.lower_ == "no" for det in child.children)
        for child in clause.children
    )
    if not negated:
        return ""
    return _clause_words(clause)


def _clause_words(clause) -> str:
    """A clause's words without the "that" that opens it."""
    doc, start = clause.doc, clause.left_edge.i
    if doc[start].dep_ == "mark" and doc[start].lower_ == "that":
        start += 1
    return doc[start : clause.right_edge.i + 1].text
