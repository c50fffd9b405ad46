"""The precision gate: a proposal is made only when its speaker and its content were read cleanly.

A reviewer's first draft must be trustworthy: a statement proposed under a dateline as its speaker
("ISLAMABAD asserts ..."), or with the attribution still glued to it ("The rebels fled, army
spokesman Philip Aguer told AFP Monday" as the outlet's own assertion), looks plausible and is wrong
in a way a hurried reviewer may accept. The rules that read an article are many and each can
misfire on copy it was not written for; this gate looks at what came out, independently of the rule
that produced it, and drops a proposal whose spans show that the frame was not found:

- a speaker that is not a name or a noun phrase: a dateline or a date ("ISLAMABAD", "Nov 12"), an
  opening adverbial ("Upon his arrival from ...", "Interestingly"), or a span with a verb or a
  clause in it;
- content that still carries an attribution ("..., the state news agency Saba reported"), begins
  with the remains of one ("In the capital Juba that ...", "Reception rally at Juba airport that
  ..."), a dateline ("LIBREVILLE: ..."), a date, or a noun frame whose complement was not taken out
  ("A report published in Spiegel that it had decided ...");
- content whose subject is a bare pronoun ("They were unsuccessful"): who "they" are was not found;
- content the parse finds no subject for ("Is when the ambush occurred", "Was true"): a clause cut
  at the wrong place; or whose subject is the speaker's name with a plural verb ("The Defence
  Ministry were undergoing training"): the speaker was put in for a "they" that stood for someone
  else. A person's name put in for "I" takes "is" for "am" ("Col. Tarvo is aware of the reports").
- content that is nothing a reviewer could check: a demand or a guess ("must", "could", "in a
  position to"), the speaker's state of mind or what it could tell ("is aware of the reports",
  "further details were not available"), or an event named by its kind alone ("There had been an
  incursion", "There were no casualties"), which the sentences around it had placed;
- an assertion that keeps a negation ("... and no aircraft had been hit", "There is no justification
  ..."): its polarity was not read, so it is not proposed as an assertion. A negation in the main
  clause that the statement's own grammar can move into the stance becomes a denial.

A missing proposal costs recall; a wrong one costs the reviewer's trust in all the others.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from intake.extraction.clauses import _positive_form, expletive_it
from intake.extraction.results import ASSERTS, DENIES, ExtractedClaim
from intake.lexicon import CONTINUATION_PARTICIPLES, DENY_VERBS, REPORT_NOUNS, SAY_VERBS
from intake.nlp import PARSE_BATCH_SIZE, parse, parse_ahead, root_of

if TYPE_CHECKING:
    from spacy.tokens import Token

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_SAY_ALTERNATION = "|".join(sorted(SAY_VERBS, key=len, reverse=True))
_SAY_OR_DENY = "|".join(sorted(SAY_VERBS | DENY_VERBS, key=len, reverse=True))
_SAY_OR_DENY_WORD = re.compile(rf"\b(?:{_SAY_OR_DENY})\b")
_REPORT_ALTERNATION = "|".join(sorted(REPORT_NOUNS, key=len, reverse=True))
_OPENING_WORDS = (
    "upon|in|on|at|after|before|during|while|when|as|despite|following|amid|since|with|from|over|under|"
    "separately|meanwhile|however|but|and|earlier|later|also|then"
)

_DATELINE_SPEAKER = re.compile(
    rf"^(?:[A-Z]{{7,}}(?:[ ,-]+[A-Z]{{2,}})*|{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})$"
)
_OPENING_SPEAKER = re.compile(rf"^(?:{_OPENING_WORDS})\b", re.IGNORECASE)
# "Interestingly, the report ... was taken off": an adverb of comment opening the sentence, made
# of an adjective or participle and "-ly" (not "Italy", "Kelly").
_COMMENT_ADVERB = re.compile(r"^[A-Z][a-z]+(?:ing|ed|al|ful|ous|ent|ant|ive|ate|ible|able)ly$")
_CLAUSE_IN_SPEAKER = re.compile(rf"\b(?:{_SAY_OR_DENY}|that|who|which)\b|[:;\"“”]")

# ", the state news agency Saba reported on Wednesday", ", army spokesman Philip Aguer told AFP
# Monday": an attribution (a noun phrase of up to eight words, then a say verb) left inside the
# content.
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:(?:the|a|an|[A-Z][\w.'’-]*|[a-z][\w'’-]*)\s+){{1,8}}?(?:{_SAY_ALTERNATION})\b(?!\s+(?:to|by)\b)"
)
_DATELINE_CONTENT = re.compile(
    rf"^(?:[A-Z]{{4,}}[A-Z ,.'-]*?(?::|\s+[—–-]+)\s|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|{_MONTH}\s+\d)"
)
# "In the capital Juba that S", "Reception rally at Juba airport that S": the remains of "told X
# that".
_LEFTOVER_THAT = re.compile(r"^(?:[\w'’().-]+\s+){1,8}?that\s+[a-z]", re.IGNORECASE)
_STARTS_WITH_VERBLESS = re.compile(rf"^(?:{_OPENING_WORDS})\s", re.IGNORECASE)
_NOUN_FRAME_LEFT = re.compile(
    rf"^(?:an?|the|these|those|such)\s+(?:[\w'’-]+\s+)?(?:{_REPORT_ALTERNATION})\b", re.IGNORECASE
)
# "The correct version of events is that S": a frame of the speaker's own whose stance is not read
# here.
_COPULAR_FRAME = re.compile(r"^[^,]{3,60}?\b(?:is|was)\s+that\s", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"^(?:they|he|she|we|it|them|this|these|those)\b", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:not|cannot|no|never|none|nobody|nothing|neither|nor|no\s+longer)\b|n't\b", re.IGNORECASE
)
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|did|does|do|could|can|[a-z]{3,}ed)\b"
)


def _speaker_is_clean(claim: ExtractedClaim) -> bool:
    name = claim.source.name.strip()
    if claim.source.is_outlet:
        return True
    if _DATELINE_SPEAKER.match(name) or _OPENING_SPEAKER.match(name) or _COMMENT_ADVERB.match(name):
        return False
    if _CLAUSE_IN_SPEAKER.search(name):
        return False
    return len(name.split()) <= 8


def _content_is_clean(text: str) -> bool:
    if _TRAILING_ATTRIBUTION.search(text) or _DATELINE_CONTENT.match(text):
        return False
    if _COPULAR_FRAME.match(text):
        return False
    if _NOUN_FRAME_LEFT.match(text) and re.search(r"\b(?:that|of|about)\b", text):
        return False
    if _LEFTOVER_THAT.match(text):
        head = text[: re.search(r"\bthat\b", text, re.IGNORECASE).start()]
        # "The army said that ..." never reaches here; "In the capital Juba that ..." has no verb,
        # but "The photos that had appeared were ..." is a subject with its relative clause.
        if not _FINITE_VERB.search(head) and not _opens_with_a_relative_that(text):
            return False
    if (
        _STARTS_WITH_VERBLESS.match(text)
        and " that " in text[:80]
        and not _FINITE_VERB.search(text.split(" that ")[0])
    ):
        return False
    return not _PRONOUN_SUBJECT.match(text)


def _opens_with_a_relative_that(text: str) -> bool:
    """The statement's first "that" is a relative pronoun, the subject or object of a clause on
    the noun before it, and the main verb comes after that clause."""
    doc = parse(text)
    that = next((token for token in doc if token.lower_ == "that"), None)
    root = root_of(doc)
    return (
        that is not None
        and root is not None
        and that.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and that.head.dep_ == "relcl"
        and that.head.head.i < that.i < root.i
        and root.pos_ in {"VERB", "AUX"}
    )


def _polarity_is_read(claim: ExtractedClaim) -> ExtractedClaim | None:
    if claim.stance != ASSERTS or not _NEGATION.search(claim.text):
        return claim
    positive, negated = _positive_form(claim.text)
    if negated and not _NEGATION.search(positive):
        return replace(claim, text=positive[0].upper() + positive[1:], stance=DENIES)
    return None


# "They (SPLM-IO forces) attacked": the editor's gloss names whom the pronoun stands for.
_GLOSSED_PRONOUN = re.compile(
    r"^(?:they|he|she|it|we)\s+\((?P<gloss>[^()]{2,60})\)\s+", re.IGNORECASE
)
# "The RSF says it's taken full control": the speaker's own "it", "we" or "they" is the speaker.
_OWN_PRONOUN = re.compile(
    r"^(?P<pronoun>it|we|they|he|she)(?P<verb>'s|\s+(?:is|are|was|were|has|have|had|will|would)\b)",
    re.IGNORECASE,
)


def _pronoun_resolved(claim: ExtractedClaim) -> ExtractedClaim:
    text = claim.text
    gloss = _GLOSSED_PRONOUN.match(text)
    if gloss:
        return replace(
            claim,
            text=gloss.group("gloss")[0].upper()
            + gloss.group("gloss")[1:]
            + " "
            + text[gloss.end() :],
        )
    own = _OWN_PRONOUN.match(text)
    if not own or claim.source.is_outlet:
        return claim
    pronoun = own.group("pronoun").lower()
    if (pronoun in {"he", "she"}) != claim.source.is_person or (
        # "It had been decided that S": the clause, not the speaker.
        pronoun == "it" and expletive_it(text)
    ):
        return claim
    verb = own.group("verb")
    if verb == "'s":
        verb = " has" if re.match(r"\s*\w+(?:ed|en|wn|un)\b", text[own.end() :]) else " is"
    name = claim.source.name if claim.source.name[0].isupper() else f"The {claim.source.name}"
    return replace(claim, text=name + verb + text[own.end() :])


# "Stressing that there were no civilian fatalities": a continuation the reader left with its
# participle.
_LEADING_PARTICIPLE = re.compile(
    rf"^(?P<participle>{'|'.join(CONTINUATION_PARTICIPLES)})\s+(?:that\s+)?", re.IGNORECASE
)
# "the rebels were daydreaming and no aircraft had been hit": a second clause with a negative
# subject.
_NEGATIVE_CONJUNCT = re.compile(
    r",?\s+and\s+(?=(?:no|none\s+of)\s+[\w\s'-]{1,40}?\b(?:is|are|was|were|has|have|had)\b)"
)
# "Rebels in Central African Republic claimed": a plural common noun placed somewhere is that noun.
_PLACED_COMMON_NOUN = re.compile(r"^(?P<noun>[A-Za-z][a-z]+s)\s+in\s+[A-Z][\w' -]+$")


def _repaired(claim: ExtractedClaim) -> list[ExtractedClaim]:
    """Spans the reader left in a shape this gate can complete without guessing."""
    participle = _LEADING_PARTICIPLE.match(claim.text)
    if participle:
        rest = claim.text[participle.end() :]
        claim = replace(
            claim,
            text=rest[:1].upper() + rest[1:],
            stance=CONTINUATION_PARTICIPLES[participle.group("participle").lower()],
        )
    first_person = re.match(rf"{re.escape(claim.source.name)}\s+am\b", claim.text)
    if first_person and claim.source.is_person:
        # "I am in Kyiv" with the speaker put in for "I".
        claim = replace(
            claim,
            text=claim.text[: first_person.end() - 2] + "is" + claim.text[first_person.end() :],
        )
    placed = _PLACED_COMMON_NOUN.match(claim.source.name)
    if placed and not claim.source.is_outlet:
        claim = replace(claim, source=replace(claim.source, name=placed.group("noun").lower()))
    conjunct = _NEGATIVE_CONJUNCT.search(claim.text) if claim.stance == ASSERTS else None
    if conjunct:
        second = claim.text[conjunct.end() :]
        return [
            replace(claim, text=claim.text[: conjunct.start()]),
            replace(claim, text=second[:1].upper() + second[1:]),
        ]
    return [claim]


def _is_unread_attribution(text: str, root: Token | None) -> bool:
    """ "A relative of the victims told The Associated Press that the gunmen had arrived ...": the
    statement's main verb (`root`, from the parse) is a speech verb with the clause said as its
    complement, so the attribution was not read and the whole report was taken for a statement."""
    if root is None or _SAY_OR_DENY_WORD.search(text) is None:
        return False
    if root.lower_ in SAY_VERBS | DENY_VERBS and any(
        child.dep_ == "ccomp" for child in root.children
    ):
        return True
    # "In a strike on two villages; Paris claimed to have annihilated militants": a speech verb
    # with its own named subject and complement anywhere in the statement.
    return any(
        token.lower_ in SAY_VERBS | DENY_VERBS
        and any(
            child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ == "PROPN"
            for child in token.children
        )
        and any(child.dep_ in {"ccomp", "xcomp"} for child in token.children)
        for token in root.doc
    )


# "Both sides must respect the ceasefire", "The offensive could change the war": a demand or a
# guess, not something that happened or holds; "was deeply concerned", "hoped the talks would
# succeed", "is aware of the reports": the speaker's state of mind.
_NOT_FACTUAL_MODALS = {"must", "should", "might", "may", "ought", "could"}
_STATES_OF_MIND = {
    *("hope", "hopes", "hoped", "wish", "wishes", "wished", "fear", "fears", "feared"),
    *("concerned", "worried", "alarmed", "saddened", "aware", "unaware"),
}
# "Further details were available", "Comment was not immediately available": what the speaker
# could tell the reporter, not what happened.
_ABOUT_THE_TELLING = {"available", "unavailable"}
# The words that may stand beside "there is" and its noun in an event named by its kind alone
# ("There had been an incursion", "There were no casualties today").
_BARE_EVENT_DEPS = {"expl", "aux", "auxpass", "neg", "punct", "npadvmod", "advmod", "attr"}


def _is_a_bare_event(root: Token) -> bool:
    """ "There were explosions", "There had been an incursion", "There was the attack": an event
    named by its kind alone, with nothing of where, whom or what in the sentence (the noun has no
    word of its own but its article, and the verb nothing but a word of time): the article's
    neighbouring sentences said which event, and the statement alone is nothing a reviewer could
    check (a kind of event happens somewhere every day)."""
    if root.lemma_ != "be" or not any(child.dep_ == "expl" for child in root.children):
        return False
    events = [child for child in root.children if child.dep_ == "attr"]
    return (
        len(events) == 1
        and all(child.dep_ == "det" for child in events[0].children)
        and all(
            child.dep_ in _BARE_EVENT_DEPS and not any(True for _ in child.children)
            for child in root.children
            if child.dep_ != "attr"
        )
    )


def _is_not_a_checkable_statement(root: Token | None) -> bool:
    """The statement's main verb (`root`, from the parse) carries a modal of obligation or
    possibility, or is "in a position to" (the same possibility spelled out); states a state of
    mind, or whether details were available; or names an event by its kind alone: nothing a
    reviewer could check against what happened."""
    if root is None:
        return False
    if any(child.dep_ == "aux" and child.lower_ in _NOT_FACTUAL_MODALS for child in root.children):
        return True
    if root.lemma_ == "be" and any(
        child.dep_ == "prep"
        and child.lower_ == "in"
        and any(object_.lower_ == "position" for object_ in child.children)
        for child in root.children
    ):
        # "The group was in a position to carry out such an attack".
        return True
    if _is_a_bare_event(root):
        return True
    return root.lower_ in _STATES_OF_MIND or any(
        child.dep_ == "acomp" and child.lower_ in _STATES_OF_MIND | _ABOUT_THE_TELLING
        for child in root.children
    )


_THE = re.compile(r"^(?:the\s+)?", re.IGNORECASE)
_NOMINALS = {"NOUN", "PROPN", "PRON", "NUM"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def _is_not_a_clause(claim: ExtractedClaim, root: Token | None) -> bool:
    """The statement's parse (`root`) shows it is no clause of its own: its main verb has no
    subject, or its subject is the speaker's name with a verb that cannot agree with a name."""
    if root is None or root.pos_ not in {"VERB", "AUX"}:
        return False
    if not any(
        token.pos_ in _NOMINALS or token.dep_ in _SUBJECT_DEPS for token in root.doc[: root.i]
    ):
        # Nothing before the verb that could be its subject (the small model sometimes hangs a
        # subject on an auxiliary, or a name as a modifier, so any nominal counts): the tail of
        # a clause ("Is when the ambush occurred").
        return True
    subjects = [child for child in root.children if child.dep_ in _SUBJECT_DEPS]
    if not subjects:
        return False
    name = _THE.sub("", claim.source.name).lower()
    text = claim.text.lower()
    offset = len(_THE.match(text).group(0))
    subject = subjects[0]
    if claim.source.is_outlet or not text.startswith(name, offset):
        return False
    verbs = [root, *(child for child in root.children if child.dep_ in {"aux", "auxpass"})]
    if subject.idx + len(subject) > offset + len(name):
        return False  # the subject goes past the name ("Tarvo's fighters were"): not the name
    singular_name = subject.tag_ in {"NNP", "NN"} and not any(
        child.dep_ in {"cc", "conj"} for child in subject.children
    )
    return singular_name and any(verb.lower_ in {"are", "were"} for verb in verbs)


def confident_claims(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """The claims whose speaker and content were read cleanly (see the module's docstring)."""
    candidates = [
        part
        for whole in claims
        for part in _repaired(_pronoun_resolved(whole))
        if _speaker_is_clean(part) and _content_is_clean(part.text)
    ]
    kept = []
    for start in range(0, len(candidates), PARSE_BATCH_SIZE):
        batch = candidates[start : start + PARSE_BATCH_SIZE]
        # Parsed together: spaCy reads a batch in about half the time of one text at a time.
        parse_ahead(claim.text for claim in batch)
        for claim in batch:
            root = root_of(parse(claim.text))
            if (
                _is_unread_attribution(claim.text, root)
                or _is_not_a_checkable_statement(root)
                or _is_not_a_clause(claim, root)
            ):
                continue
            checked = _polarity_is_read(claim)
            if checked is not None:
                kept.append(checked)
    return kept
