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
"""

import re
from dataclasses import replace

from intake.lexicon import CONTINUATION_PARTICIPLES, REPORT_NOUNS, SAY_VERBS
from intake.similarity import STOP_WORDS

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
    r"(?:(?:the|these|those|such|any|all|this|that|media|recent|earlier|latest|western|foreign"
    r"|[A-Z][\w'-]*'s)\s+)*"
)
# Verbs that deny whatever follows them.
_ALWAYS_DENIAL_VERBS = (
    r"den(?:y|ies|ied|ying|ial|ials)|refut(?:e|es|ed|ing)|rebut(?:s|ted|ting)?|rubbish(?:es|ed|ing)?"
    r"|debunk(?:s|ed|ing)?|repudiat(?:e|es|ed|ing)"
)
# Verbs that deny only a report, a claim or a clause: "rejected the proposal" is an event.
_REPORT_DENIAL_VERBS = (
    r"dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|disput(?:e|es|ed|ing)|contest(?:s|ed|ing)?"
    r"|contradict(?:s|ed|ing)?"
)
_ADVERBS = (
    r"(?:(?:firmly|categorically|strongly|flatly|vehemently|emphatically|completely|totally"
    r"|also|again|swiftly|quickly)\s+)*"
)
_FRAME = re.compile(
    rf"\b(?P<verb>{_ALWAYS_DENIAL_VERBS})\b"
    rf"|\b(?P<rverb>{_REPORT_DENIAL_VERBS})\s+{_ADVERBS}(?:as\s+[\w\s\"-]{{1,40}}?\s+)?{_DETERMINERS}(?:{_REPORTS}|that)\b"
    rf"|\b(?P<dismissed_as>dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?)\b[^.;]{{0,60}}?\bas\s+(?:\w+\s+)?"
    r"(?:false|baseless|unfounded|untrue|groundless|fabricat\w*|lies|lying|propaganda|fake|nonsense|rumou?rs?|misinformation|disinformation)\b"
    r"|\b(?P<adjective>false(?:ly)?|baseless|unfounded|untrue|groundless|fabricat(?:ed|ion|ions)|fake\s+news|lies"
    r"|misinformation|disinformation|no\s+truth|not\s+true|no\s+basis|without\s+foundation|nonsense"
    # "reports that S is propaganda"; a bare "propaganda" also names outlets ("its Amaq
    # propaganda outlet"), so only as what something is called.
    r"|(?:is|are|was|were|as)\s+(?:(?:pure|mere|just|simply|black|hostile|enemy)\s+)?propaganda)\b"
    r"|\b(?P<rumour>rumou?rs?)\b",
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


def guarded_stance(statement: str, stance: str, sentence: str) -> str | None:
    """The stance a proposal may carry given the denial frames in its sentence: the stance it has,
    DENIES, or None for "do not propose it"."""
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
        if frame.end() <= start:
            between = sentence[frame.end() : start]
            if _SAY.search(between) or _CLAUSE_BREAK.search(between):
                continue  # "The army, which denied the reports, said troops remain in Hama"
            if _CONJUNCTION_ONLY.fullmatch(between):
                # "the reports were false and the evacuation was contrived": a clause of its own
                # after the verdict, which may judge only the clause before; not proposed rather
                # than guessed either way.
                return None
            if frame.group("rumour") and not frame.group("verb"):
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
            if not re.search(r"\b\w+ing\b|,\s+(?:and|but)\s", between) and not _SAY.search(between):
                return None  # "Reports that S are false"
    return verdict


def claims_guarded(claims: list) -> list:
    """Apply `guarded_stance` to extracted claims: turned to denials, or left out."""
    kept = []
    for claim in claims:
        stance = guarded_stance(claim.text, claim.stance, claim.quote)
        if stance is None:
            continue
        kept.append(claim if stance == claim.stance else replace(claim, stance=stance))
    return kept
