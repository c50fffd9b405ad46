"""The last word on polarity: a statement inside a denial frame is never proposed as an assertion.

The extractor reads many attribution forms, and any of them can misread a denial ("The presidency
has firmly denied rumours that Assad fled" read as the outlet asserting it). Accepting such a
proposal would put a source on record corroborating what it denied, the one error a reviewer is
least likely to catch. So every asserting proposal is checked against its sentence once more, with
a deliberately simple reading of where the denial frame reaches:

- a frame ("denied", "dismissed ... as", "refuted", "rejected reports", "no truth", "false",
  "baseless", "rumours") before the statement and in the same clause makes it a denial;
- a frame inside the words the statement was taken from, or one whose reach cannot be told, drops
  the proposal: a missing proposal costs recall, an inverted one costs trust;
- a frame after the statement reaches forward ("..., dismissing reports of ...") and leaves it
  alone, unless nothing follows it ("Assad fled, the ministry denied").

What the extractor got wrong on unseen copy (bench/README-intake.md, "Safety audit on unseen
copy") adds, for any stance:

- what a speech verb under a negation governs, as the parse reads it, was not said ("did not say
  when the fighting started", "never claimed that S", "did not deny that S"): not proposed;
- a denial does not reach across a contrast the parse marks ("the convoy was not attacked but two
  trucks broke down", "While police arrested six people, no shots were fired"): the other clause
  was asserted, so a denial of the whole is not proposed;
- what a denied report claims ("dismissed a radio report claiming that S") is not the denier's
  assertion, and a verdict of degree ("exaggerated") or "propaganda claiming" leaves what it
  judges unproposed;
- a verdict in one sentence of a quote does not reach into the next, by the parse's sentences;
- a speaker whose words hold a denial verb ("Vella on Sunday denounced Ostravan army") is a frame
  misread: what it is said to assert is what it denounced.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from intake.lexicon import (
    CONTINUATION_PARTICIPLES,
    REPORT_NOUNS,
    SAY_VERBS,
    SPEECH_VERBS,
    listed_speech_form,
)
from intake.nlp import parse
from intake.similarity import STOP_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

ASSERTS = "asserts"
DENIES = "denies"

_REPORTS = "|".join(
    sorted(
        REPORT_NOUNS
        | {
            "rumours",
            "stories",
            "story",
            "speculations",
            "accounts",
            "account",
            "assertion",
            "suggestion",
            "accusation",
            "narrative",
        },
        key=len,
        reverse=True,
    )
)
_DETERMINERS = (
    r"(?:(?:the|these|those|such|any|all|this|that|a|an|media|recent|earlier|latest|western|foreign"
    r"|[A-Z][\w'-]*'s)\s+)*"
)
# Up to three words between the determiner and a report noun: "a CNN report", "Russian claims",
# "widespread media reports". Never a conjunction or a relative, which would start another phrase.
_MODIFIERS = r"(?:(?!(?:and|or|but|that|which|who)\b)[\w.'-]+\s+){0,3}"
# Verbs that deny whatever follows them.
_ALWAYS_DENIAL_VERBS = (
    r"den(?:y|ies|ied|ying|ial|ials)|refut(?:e|es|ed|ing)|rebut(?:s|ted|ting)?|rubbish(?:es|ed|ing)?"
    r"|debunk(?:s|ed|ing)?|repudiat(?:e|es|ed|ing)"
)
# Verbs that deny only a report, a claim or a clause: "rejected the proposal" is an event.
_REPORT_DENIAL_VERBS = (
    r"dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|disput(?:e|es|ed|ing)|contest(?:s|ed|ing)?"
    r"|contradict(?:s|ed|ing)?|denounc(?:e|es|ed|ing)"
)
_ADVERBS = (
    r"(?:(?:firmly|categorically|strongly|flatly|vehemently|emphatically|completely|totally"
    r"|also|again|swiftly|quickly)\s+)*"
)
_FRAME = re.compile(
    rf"\b(?P<verb>{_ALWAYS_DENIAL_VERBS})\b"
    rf"|\b(?P<rverb>{_REPORT_DENIAL_VERBS})\s+{_ADVERBS}(?:as\s+[\w\s\"-]{{1,40}}?\s+)?{_DETERMINERS}"
    rf"(?:{_MODIFIERS}(?:{_REPORTS})|that)\b"
    rf"|\b(?P<dismissed_as>dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?)\b[^.;]{{0,60}}?\bas\s+(?:\w+\s+)?"
    r"(?:false|baseless|unfounded|untrue|groundless|fabricat\w*|lies|lying|propaganda|fake|nonsense|rumou?rs?|misinformation|disinformation)\b"
    r"|\b(?P<adjective>false(?:ly)?|baseless|unfounded|untrue|groundless|fabricat(?:ed|ion|ions)|fake\s+news|lies"
    r"|misinformation|disinformation|no\s+truth|not\s+true|no\s+basis|without\s+foundation|nonsense"
    # "reports that S is propaganda"; a bare "propaganda" also names outlets ("its Amaq
    # propaganda outlet"), so only as what something is called.
    r"|(?:is|are|was|were|as)\s+(?:(?:pure|mere|just|simply|black|hostile|enemy)\s+)?propaganda)\b"
    r"|\b(?P<rumour>rumou?rs?|propaganda\s+(?:claiming|alleging|suggesting|that|about))\b"
    # A verdict of degree ("exaggerated", "misleading") says the report is wrong without saying
    # what holds instead: what it judges is not proposed either way.
    r"|\b(?P<hedge>exaggerat(?:ed|ion|ions)|misleading|inaccurate)\b",
    re.IGNORECASE,
)
_SAY = re.compile(rf"\b(?:{'|'.join(sorted(SAY_VERBS, key=len, reverse=True))})\b")
# A new clause of the same speaker: "..., insisting he remains in Damascus", "... but said ...".
_CLAUSE_BREAK = re.compile(
    rf"[;:]|\s[—–]\s|,\s+(?:but|while|whereas|and)\s|,?\s+(?:{'|'.join(CONTINUATION_PARTICIPLES)})\b"
)
# A conjunction, and the determiner the statement's span leaves out (it starts at a content word).
_CONJUNCTION_ONLY = re.compile(r"\s*(?:and|but)\s+(?:(?:the|a|an|its|their|his|her)\s+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")
# "dismissed a radio report, claiming that S": a participle of claiming right after the report noun
# may tell what the report claimed (then S is denied) or go on with the denier's own words (then
# S is asserted); with a comma between, which cannot be told. Without one, it is the report's.
_REPORT_CONTENT = re.compile(
    rf"\b(?:{_REPORTS})(?P<comma>\s*,)?\s+(?:claiming|alleging|suggesting|purporting|asserting|stating)\b",
    re.IGNORECASE,
)
# A denial verb in what is taken for the speaker's name: the frame was misread ("Vella on Sunday
# denounced Ostravan army" as the speaker of "claims that S"). Verbs are written in lower case, so
# a body named "... Dispute Board" is not one.
_DENIAL_VERB_WORD = re.compile(rf"\b(?:{_ALWAYS_DENIAL_VERBS}|{_REPORT_DENIAL_VERBS})\b")

# What joins a clause the speaker asserts to one they negate: "not X but Y", "S1, though not S2".
_CONTRAST_LINKS = {"but", "yet"}
_CONTRAST_MARKS = {"though", "although", "while", "whereas"}
# "Reports that S are (greatly) exaggerated": a verdict of degree judges the statement only when
# predicated of it.
_COPULA_ONLY = re.compile(
    r"[\s\"'”,]*(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:\w+ly\s+)?", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?][\"'”]?\s")
_NEGATION_WORD = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)


# Other languages are not parsed, only matched by trigram: a sentence with any of these words may be
# a denial, and is not proposed as the outlet's assertion.
FOREIGN_DENIAL_CUE = re.compile(
    r"(?i)\b(?:d[ée]men\w*|nie|nient|ni[ée]e?s?|rejet\w*|faux|fausses?|rumeurs?|"
    r"neg(?:ou|ar|a|am|aram|ando|ó)|desment\w*|rumores?|falso|falsas?|boatos?|nieg(?:a|an|o)|desmient\w*|"
    r"опроверг\w*|отриц\w*|слух\w*|ложн\w*)\b|نف[تىي]|تنفي|ينفي|شائع|كاذب|لا صحة"
)


def denial_frames(sentence: str) -> list[re.Match]:
    return list(_FRAME.finditer(sentence))


def has_denial_frame(sentence: str) -> bool:
    return _FRAME.search(sentence) is not None


def _statement_span(statement: str, sentence: str) -> tuple[int, int] | None:
    """Where in the sentence the statement was taken from: the stretch that holds most of its
    content words and fewest words it does not have (the extractor rewrites pronouns and dates,
    so not all are there, and a name may occur twice: "denied that Assad fled, insisting he
    remains ..."). On a tie, the earliest stretch, which is the one more likely inside a frame:
    the safe reading."""
    own = {w.lower() for w in _WORD.findall(statement)}
    content = {w for w in own if w not in STOP_WORDS and len(w) >= 3}
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(sentence)]
    anchors = [i for i, (_, _, word) in enumerate(tokens) if word in content]
    if not anchors:
        return None
    best: tuple[int, int, int] | None = None
    for first_index, first in enumerate(anchors):
        for last in anchors[first_index:]:
            window = tokens[first : last + 1]
            covered = len({word for _, _, word in window if word in content})
            extra = sum(1 for _, _, word in window if word not in own)
            score = covered - extra
            if best is None or score > best[0]:
                best = (score, tokens[first][0], tokens[last][1])
    return best[1], best[2]


def _is_speech_verb(token: Token) -> bool:
    return token.lower_ in SPEECH_VERBS or (
        token.pos_ == "VERB" and listed_speech_form(token.lemma_) is not None
    )


def _said_under_negation(statement: str, sentence: str) -> bool:
    """The statement lies in what a negated speech verb governs: "did not say when S", "never
    claimed that S", "has not confirmed that S", "did not deny that S". The speaker said nothing
    of S, for or against. A negation inside the statement ("said S had not happened") is the
    statement's own and is read elsewhere."""
    if not _NEGATION_WORD.search(sentence):
        return False
    span = _statement_span(statement, sentence)
    if span is None:
        return False
    start, end = span
    for token in parse(sentence):
        if not _is_speech_verb(token) or not any(c.dep_ == "neg" for c in token.children):
            continue
        governed_from = token.left_edge.idx
        governed_to = token.right_edge.idx + len(token.right_edge)
        outside = token.idx + len(token) <= start or token.idx >= end
        if outside and governed_from <= start and end <= governed_to:
            return True
    return False


def _denies_across_a_contrast(statement: str) -> bool:
    """The denied statement holds a contrast the negation does not cross: "the convoy was
    (not) attacked but two trucks broke down", "While police arrested six people, shots were
    (not) fired", "orders are (not) given in Tarim but in Vella". The speaker asserted the other
    side, which a denial of the whole would deny."""
    words = {word.lower() for word in _WORD.findall(statement)}
    if not words & (_CONTRAST_LINKS | _CONTRAST_MARKS):
        return False
    return any(
        (token.lower_ in _CONTRAST_LINKS and token.dep_ == "cc")
        or (token.lower_ in _CONTRAST_MARKS and token.dep_ == "mark")
        for token in parse(statement)
    )


def guarded_stance(statement: str, stance: str, sentence: str) -> str | None:
    """The stance a proposal may carry given the denial frames in its sentence: the stance it has,
    DENIES, or None for "do not propose it"."""
    if _said_under_negation(statement, sentence):
        return None
    verdict = _stance_in_frames(statement, stance, sentence)
    if verdict == DENIES and _denies_across_a_contrast(statement):
        return None
    return verdict


def _in_other_sentences(sentence: str, frame: re.Match, span: tuple[int, int]) -> bool:
    """The frame and the statement lie in different sentences of a quote that holds several: the
    parse's sentences, asked only when a full stop lies between them."""
    left, right = sorted([(frame.start(), frame.end()), span])
    if not _SENTENCE_END.search(sentence, left[1], right[0]):
        return False
    sentences = [(s.start_char, s.end_char) for s in parse(sentence).sents]

    def sentence_of(position: int) -> int:
        return next(i for i, (first, last) in enumerate(sentences) if position < last)

    return sentence_of(left[0]) != sentence_of(right[0])


def _stance_in_frames(statement: str, stance: str, sentence: str) -> str | None:
    if stance != ASSERTS:
        return stance
    frames = denial_frames(sentence)
    if not frames:
        return stance
    if has_denial_frame(statement):
        # The statement carries the frame itself ("the presidency denied rumours that ..."):
        # whatever it asserts, it is not the denied content, and would match the claim it denies.
        return None
    span = _statement_span(statement, sentence)
    if span is None:
        return None
    start, end = span
    verdict = stance
    for frame in frames:
        if frame.start() < end and frame.end() > start:
            return None
        if _in_other_sentences(sentence, frame, (start, end)):
            # '"This report is false. Our troops hold Vella," the spokesman said': a quote of two
            # sentences; the verdict judges the report, not the next sentence.
            continue
        if frame.end() <= start:
            between = sentence[frame.end() : start]
            # The report noun may end the frame ("dismissed a radio report") or follow it
            # ("denied a radio report").
            reported = _REPORT_CONTENT.search(sentence, frame.start(), start)
            rest = sentence[reported.end() : start] if reported else ""
            if reported and not (_SAY.search(rest) or _CLAUSE_BREAK.search(rest)):
                if reported.group("comma"):
                    return None
                verdict = DENIES
                continue
            if _SAY.search(between) or _CLAUSE_BREAK.search(between):
                continue  # "The army, which denied the reports, said troops remain in Hama"
            if _CONJUNCTION_ONLY.fullmatch(between):
                # "the reports were false and the evacuation was contrived": a clause of its own
                # after the verdict, which may judge only the clause before; not proposed rather
                # than guessed either way.
                return None
            if (frame.group("rumour") or frame.group("hedge")) and not frame.group("verb"):
                return (
                    None  # "Rumours that Assad fled spread": not asserted, but not denied by anyone
                )
            verdict = DENIES
        else:
            after = sentence[frame.end() :].strip(" .,\"'")
            if frame.group("verb") or frame.group("rverb") or frame.group("dismissed_as"):
                if len(_WORD.findall(after)) < 2:
                    return None  # "Assad fled, the ministry denied": the denial reaches back
                continue
            between = sentence[end : frame.start()]
            if frame.group("hedge") and not _COPULA_ONLY.fullmatch(between):
                continue  # "... and dismissed the higher figure as exaggerated": another object
            if not re.search(r"\b\w+ing\b|,\s+(?:and|but)\s", between) and not _SAY.search(between):
                return None  # "Reports that S are false"
    return verdict


def claims_guarded(claims: list) -> list:
    """Apply `guarded_stance` to extracted claims: turned to denials, or left out."""
    kept = []
    for claim in claims:
        if _DENIAL_VERB_WORD.search(claim.source.name):
            continue
        stance = guarded_stance(claim.text, claim.stance, claim.quote)
        if stance is None:
            continue
        kept.append(claim if stance == claim.stance else replace(claim, stance=stance))
    return kept
