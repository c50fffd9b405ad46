"""Attribution frames read off the dependency parse: who is the subject of a speech verb, what
follows it, and what clause came before the speaker.

The parse decides what patterns could only guess: in "Fighting continued on Monday, but the
Ukrainian military said its forces were repelling attacks" the speaker is the subject of "said"
(the military), not the words before the verb; in "Rami Abdulrahman, who monitors the war from
Britain, said ..." the relative clause is not part of the speaker; in "X said A, and Y denied B"
each verb has its own speaker and its own complement. Forms the parse does not settle here (the
statement before its verb, "S, the army said"; a verb inside a relative clause; "X, citing Y,
reported") are left to the reader's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from intake.lexicon import (
    AUDIENCE_WORDS,
    CONTINUATION_PARTICIPLES,
    COUNTRIES,
    DENIAL_NOUNS,
    DENY_VERBS,
    MEDIUM_NOUNS,
    MONTHS,
    REPORT_NOUNS,
    ROLE_NOUNS,
    SAY_VERBS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    TITLE_ABBREVIATIONS,
    WEEKDAYS,
    listed_speech_form,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CLAUSE_LINKS = {"cc", "punct", "mark", "advmod"}
# "Abdulrahman, who monitors the war from Britain, said", "a US official speaking on condition of
# anonymity said": clauses that describe the speaker, not its name (a present participle only).
_SUBJECT_CLAUSES = {"relcl", "acl"}
# "quoted by", "cited by": a participle after the speaker that names a relay; "known as": an alias;
# both read by the reader.
_RELAY_LEMMAS = {"quote", "cite", "know", "nickname"}
_PROPER = {"NNP", "NNPS"}
# Tags of a word the parse does not know, as a foreign name's may be.
_FOREIGN = {"XX", "FW"}
_TITLES = {title.lower().rstrip(".") for title in TITLE_ABBREVIATIONS}
# Nouns that say what kind of body a name is: "the Wagner group", "the Voice of Burma outlet".
_KIND_NOUNS = {"group", "outlet", "newspaper", "daily", "website", "broadcaster", "channel"}
# The dependencies that make a token the subject of the verb or clause it hangs on.
CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
# Nouns of a time, which a prepositional phrase on the speaker ("witnesses at the time") names as
# when they spoke, not who they are.
_TIME_NOUNS = {
    "time",
    "day",
    "week",
    "weekend",
    "night",
    "morning",
    "afternoon",
    "evening",
    "month",
    "year",
    *WEEKDAYS,
    *MONTHS,
}
# "in a statement", "at the time", "on Sunday"; "a spokesman for the armed wing" names whose he is.
_CIRCUMSTANCE_PREPOSITIONS = {"in", "at", "on", "during"}


@dataclass(frozen=True)
class Frame:
    speaker: str
    """The subject of the speech verb, its relative clauses left out."""
    verb: str
    rest: str
    """What follows the verb, up to the next frame's speaker."""
    leading: str
    """A clause before the first speaker ("Fighting continued on Monday"), else empty."""
    clause: str = ""
    """The clause said, when the parse finds one after the verb, from its "that" (added where
    the copy leaves it out) to the frame's end; empty when the verb takes a noun ("denied
    reports of ..."), which the rules read from `rest`."""
    addressee: str = ""
    """Whom the clause was said to ("told Xinhua that ...", "told a rally that ...")."""
    between: str = ""
    """All the words between the verb and the clause ("in an interview with CNN")."""
    denial: bool = False
    """The clause hangs on a denial noun the verb takes ("reiterated a denial that S"): S is
    denied whatever the verb."""
    own_words: str = ""
    """A frame in a clause of time ("..., after Israel said S"): the clause's words, which are all
    that is quoted for it (a denial in the sentence's own part is not its speaker's)."""


def _speech_verbs(doc: Doc) -> list[Token]:
    """Speech verbs that head the sentence or are conjoined to its head: "X said A, and Y denied B"
    gives both, also where the parse hangs the second on A; "the claim that X denied" or "officials
    said X denied" gives only the outer one."""
    verbs = []
    for token in doc:
        if speech_form(token) is None or token.pos_ not in {"VERB", "AUX"}:
            continue
        head, hops = token, 0
        while head.dep_ == "conj":
            head, hops = head.head, hops + 1
        if head.dep_ == "ROOT" or (
            hops and head.dep_ == "ccomp" and head.head.lower_ in SPEECH_VERBS
        ):
            verbs.append(token)
        elif _is_infinitive_of_purpose(token) and token.head.dep_ == "ROOT":
            verbs.append(token)
        elif is_subordinate_speech(token):
            verbs.append(token)
    return verbs


def speech_form(verb: Token) -> str | None:
    """The speech verb as the rules know it: "denied", "says"; a progressive ("is denying",
    "are saying") or a plural present ("accuse") in its present form ("denies", "says",
    "accuses"), which speaks as that form does. None
    for any other word, a participle standing alone among them ("..., denying that S")."""
    if verb.lower_ in SPEECH_VERBS:
        return verb.lower_
    if verb.tag_ == "VBP":
        # "Peru and the UN accuse ...", "Rebels claim ...": a plural present the lists do not
        # spell, which the tagger tells from the noun ("the claim").
        return listed_speech_form(verb.lemma_)
    if verb.tag_ != "VBG" or not any(
        child.dep_ == "aux" and child.lemma_ == "be" for child in verb.lefts
    ):
        return None
    return listed_speech_form(verb.lemma_)


# "..., after the army said S", "as residents said S", "when the governor said S": a clause of time
# beside the sentence's own, with a speaker of its own ("while" sets a speaker against the
# sentence's: `contrasted_frames`).
_TIME_MARKERS = {"after", "as", "when", "before", "since", "once"}


def is_subordinate_speech(verb: Token) -> bool:
    """A speech verb with a subject of its own in a clause of time that hangs on the sentence's
    head ("Hezbollah denied any part in the clash after Israel said it had repelled an attack"),
    or, set off by a comma, on the clause the head's speaker said (where the parse hangs "X
    denied that S, after Y said T"): the clause is a frame of its own, not part of what the
    head's speaker said."""
    mark = next(
        (
            child
            for child in verb.children
            if child.dep_ == "mark" and child.lower_ in _TIME_MARKERS
        ),
        None,
    )
    if verb.dep_ != "advcl" or mark is None or _subject(verb) is None:
        return False
    head = verb.head
    return head.dep_ == "ROOT" or (
        head.dep_ == "ccomp"
        and head.head.dep_ == "ROOT"
        and head.head.lower_ in SPEECH_VERBS
        and mark.i > 0
        and verb.doc[mark.i - 1].text == ","
    )


def _is_infinitive_of_purpose(verb: Token) -> bool:
    """ "appeared on television to deny rumours of a mutiny": the speech verb hangs on the main
    verb as "to" + verb."""
    return verb.dep_ == "advcl" and any(
        child.dep_ == "aux" and child.lower_ == "to" for child in verb.children
    )


def _borrowed_subject(verb: Token) -> Token | None:
    """The subject a speech verb without one shares with the verb it hangs on: "Traore did not
    comment on the claim but stated that S", "Traore appeared on television to deny rumours";
    only when that verb is no speech verb (whose own frame carries the speaker)."""
    if verb.dep_ != "conj" and not _is_infinitive_of_purpose(verb):
        return None
    head = verb.head
    if head.lower_ in SPEECH_VERBS or head.dep_ != "ROOT":
        return None
    return _subject(head)


# What may stand between a speaker and its verb: "has firmly denied", "also said".
_BETWEEN_SPEAKER_AND_VERB = {"aux", "auxpass", "advmod", "neg", "punct"}


def _subject(verb: Token) -> Token | None:
    """The verb's subject nearest to it: in "The acting spokesperson of the army, Lt. Col. Joseph
    Marier claimed" the parse gives the apposition as a second subject."""
    subject = next((child for child in reversed(list(verb.lefts)) if child.dep_ == "nsubj"), None)
    if subject is None:
        return None
    between = verb.doc[subject.right_edge.i + 1 : verb.i]
    if any(token.dep_ not in _BETWEEN_SPEAKER_AND_VERB for token in between):
        return None
    if any(token.lower_ in {"citing", "quoting"} for token in subject.subtree):
        # "Lebanon's news agency, citing a security source, reported": whose statement it is
        # depends on who is cited; the rules decide.
        return None
    if any(child.dep_ == "ccomp" and child.i < verb.i for child in verb.children):
        return None
    if any(child.dep_ == "advcl" and child.lemma_ in {"cite", "quote"} for child in verb.children):
        return None
    return subject


def _words(tokens: list[Token]) -> str:
    text = re.sub(r"\s+,", ",", "".join(token.text_with_ws for token in tokens))
    while ", ," in text or ",," in text:
        text = text.replace(", ,", ",").replace(",,", ",")
    return text.strip(" ,;:")


def _speaker(verb: Token) -> str:
    """The words of the verb's subjects before it (an apposition the parse gives as a second
    subject included), relative clauses left out ("Abdulrahman, who monitors the war from Britain,
    said"); an apposition the parse hangs on it after the verb is not the speaker's. What only
    describes a name is left out too (`_describing`), and a report speaks for its owner ("the
    ministry's statement said": the ministry)."""
    subjects = [_owner(child) for child in verb.lefts if child.dep_ == "nsubj"]
    tokens = [token for each in subjects for token in each.subtree]
    tokens = _name_cut_off(verb, tokens) + tokens
    left_out = {
        token.i
        for child in tokens
        if child.dep_ in _SUBJECT_CLAUSES
        and child not in subjects
        # "quoted by the RIA news agency" names the relay, which the reader takes from the speaker.
        and (child.dep_ != "acl" or child.tag_ == "VBG" or child.lemma_ not in _RELAY_LEMMAS)
        for token in child.subtree
    }
    left_out |= {token.i for subject in subjects for token in _circumstances(subject)}
    apposition = _apposition_before(verb, tokens)
    left_out -= apposition
    if apposition and not any(subject.tag_.startswith(("NN", "PRP")) for subject in subjects):
        # "the most recent by insurgents ..., the rebel United Front (FUC) said": a subject that
        # is no noun is a misreading; the name beside the verb speaks.
        left_out |= {token.i for token in tokens} - apposition
    left_out |= _describing(subjects, tokens)
    # The owner's "'s".
    left_out |= {child.i for each in subjects for child in each.children if child.dep_ == "case"}
    return _words([token for token in tokens if token.i not in left_out and token.i < verb.i])


# How the parse hangs on the verb the first words of a name it did not read as one.
_LOOSE_DEPENDENCIES = {"dep", "npadvmod"}


def _name_cut_off(verb: Token, tokens: list[Token]) -> list[Token]:
    """ "Jama'a Nusrat ul-Islam wa al-Muslimin said": the parse reads "ul-Islam wa al-Muslimin" as
    the subject and hangs "Jama'a Nusrat" loose on the verb. Capitalised words hung loose on the
    verb that run up to a subject starting with a proper noun, one of them a word the parse did not
    know ("Jama'a"), are the start of its name; a capitalised word it tags as no name ("Yesterday
    Hamas said") or a day or month is not."""
    # "ul-Islam": the proper noun may be a name's lower-case particle.
    if not tokens or (first := min(tokens, key=lambda token: token.i)).tag_ not in _PROPER:
        return []
    for child in verb.lefts:
        words = list(child.subtree)
        if (
            child.dep_ in _LOOSE_DEPENDENCIES
            and child.right_edge.i == first.i - 1
            and all(_starts_a_name(word) or not word.is_alpha for word in words)
            # The parse cuts a name where it meets a word it does not know; words it knows that it
            # hung loose are its reading, not a slip ("Yesterday Hamas said").
            and any(word.tag_ in _FOREIGN for word in words)
        ):
            return words
    return []


def _starts_a_name(word: Token) -> bool:
    """A capitalised word tagged as a name or as foreign ("Jama'a"), not a day or month."""
    return (
        word.text[:1].isupper()
        and word.tag_ in _PROPER | _FOREIGN
        and word.lower_ not in WEEKDAYS
        and word.lower_ not in MONTHS
    )


def _circumstances(subject: Token) -> list[Token]:
    """The words of a prepositional phrase the parse hangs on the speaker that says how or when it
    spoke, not who it is: "The ministry in a statement denied", "witnesses at the time claimed"
    ("officials in Kabul said" keeps its place)."""
    return [
        token
        for prep in subject.rights
        if prep.dep_ == "prep" and prep.lower_ in _CIRCUMSTANCE_PREPOSITIONS
        for pobj in prep.children
        if pobj.dep_ == "pobj" and (pobj.lower_ in STATEMENT_NOUNS or pobj.lower_ in _TIME_NOUNS)
        for token in prep.subtree
    ]


def _owner(subject: Token) -> Token:
    """ "The ministry's statement said", "the army's fake news claimed": the owner of a report
    speaks through it; a pronoun owner ("its statement") is resolved by the rules."""
    if subject.lower_ not in REPORT_NOUNS | STATEMENT_NOUNS:
        return subject
    owner = next((child for child in subject.children if child.dep_ == "poss"), None)
    if owner is None or owner.tag_ == "PRP$":
        return subject
    return owner


def _apposition_before(verb: Token, tokens: list[Token]) -> set[int]:
    """ "A doctor working in the town's hospital, Jon Doe, said": the parse hangs the name on the
    last noun of the participle phrase that describes the speaker, but a proper-noun apposition
    that runs up to the verb names the speaker; its words (and the comma before it) are kept."""
    end = verb.i - 1
    while end >= 0 and verb.doc[end].dep_ in _BETWEEN_SPEAKER_AND_VERB:
        end -= 1
    for token in tokens:
        if (
            token.dep_ == "appos"
            # "Diondoul Gang-non": the head may be a name's lower-case part.
            and (
                _is_proper(token)
                or token.tag_ in _PROPER
                and any(_is_proper(child) for child in token.lefts if child.dep_ == "compound")
            )
            and token.right_edge.i in {end, end + 1}
            # "Residents who reached the capital, Pemba, said": in a relative clause the name is
            # the clause's own object's.
            and not any(ancestor.dep_ == "relcl" for ancestor in token.ancestors)
            # "Members of a delegation, speaking in Nairobi, Kenya, denied": a country after a
            # place says where the place is; it would speak (and deny) in the speaker's stead.
            and not (_is_proper(token.head) and _words(list(token.subtree)).lower() in COUNTRIES)
        ):
            start, stop = token.left_edge.i, token.right_edge.i + 1
            if start > 0 and verb.doc[start - 1].text == ",":
                start -= 1
            if verb.doc[stop].text == ")":
                # The parse may hang the closing bracket of "(UVR)" elsewhere.
                stop += 1
            return set(range(start, stop))
    return set()


def _describing(subjects: list[Token], tokens: list[Token]) -> set[int]:
    """Words that describe a name rather than belong to it: a lower-case adjective before a proper
    noun ("the battle-hardened TPLF", "the rebel United Front"), a country owning a one-word name
    ("Lebanon's Hezbollah"; "Russia's Defense Ministry" keeps it) and a noun of kind after a name
    ("Hezbollah group", "the Voice of Burma outlet"; "the Shia group" is a description the rules
    resolve). A common noun's own words stay ("the Syrian army", "Iran's foreign ministry")."""
    described = {
        each.i
        for token in tokens
        if _is_proper(token) and not _titled(token)
        for child in token.lefts
        if (child.dep_ == "amod" or child.dep_ == "compound" and child.tag_ == "JJ")
        and child.left_edge.text[:1].islower()
        for each in child.subtree
    }
    for subject in subjects:
        names = [
            child
            for child in subject.lefts
            if child.dep_ in {"compound", "nmod"} and _is_proper(child)
        ]
        if _is_proper(subject):
            names.append(subject)
        elif (
            subject.lower_ in _KIND_NOUNS
            and names
            and not list(subject.rights)
            and all(
                child in names or child.dep_ in {"det", "poss", "amod", "punct"}
                for child in subject.lefts
            )
            and not (subject.lower_ == "group" and any(c.dep_ == "det" for c in subject.lefts))
        ):
            described.add(subject.i)
        if (
            len(names) != 1
            or not (_is_proper(subject) or subject.i in described)
            or any(child.dep_ == "compound" and _is_proper(child) for child in names[0].lefts)
            or list(names[0].rights)
        ):
            continue
        described |= {
            each.i
            for child in subject.lefts
            if child.dep_ == "poss" and _is_proper(child) and child.lower_ in COUNTRIES
            for each in child.subtree
        }
    return described


def _titled(name: Token) -> bool:
    """ "Former Prime Minister Jon Doe", "army chief Gen. Jon Doe": a title or a person's name after
    one, whose adjectives ("former", "chief") are the role's."""
    return any(
        token.lower_.rstrip(".") in ROLE_NOUNS | _TITLES
        for token in [name, *(child for child in name.lefts if child.dep_ == "compound")]
    )


def _is_proper(token: Token) -> bool:
    return token.tag_ in _PROPER and token.text[:1].isupper()


def speaker_words(verb: Token) -> str:
    """The words of the verb's subject, on either side of it ("the presidency said", "said the
    presidency"), read as `_speaker` reads them; empty when it has none."""
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    if subject is None:
        return ""
    subject = _owner(subject)
    tokens = list(subject.subtree)
    left_out = _describing([subject], tokens)
    left_out |= {child.i for child in subject.children if child.dep_ == "case"}
    return _words([token for token in tokens if token.i not in left_out])


def passive_agent(verb: Token) -> Token | None:
    """The doer a passive verb names with "by" ("was quoted by Tass": Tass), if any."""
    return next(
        (
            pobj
            for agent in verb.children
            if agent.dep_ == "agent"
            for pobj in agent.children
            if pobj.dep_ == "pobj"
        ),
        None,
    )


def has_subject(verb: Token) -> bool:
    return any(child.dep_ in CLAUSE_SUBJECTS for child in verb.children)


def _clause_start(head: Token) -> int:
    """Where a speaker's part of the sentence begins: its subject (or, for a second verb of the
    same speaker, that verb), with the conjunction and commas that join it to what came before."""
    start = head.left_edge.i if head.dep_ != "conj" or has_subject(head) else head.i
    doc = head.doc
    while start > 0 and doc[start - 1].dep_ in _CLAUSE_LINKS:
        start -= 1
    return start


def _opens_with_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) and has_subject(
        clause
    )


def _clause_said(verb: Token, end: int) -> Token | None:
    """The clause after the verb: its complement; or a clause the parse hung on the addressee
    that opens with the conjunction "that" and has a subject of its own ("told a rally that
    rebels attacked": "that" is not a relative pronoun there, or it would be the subject); or
    the content of a report the verb takes ("denied a report published in Spiegel on Friday that
    it had decided to withdraw")."""
    after_report = False
    for child in verb.rights:
        if child.i >= end:
            break
        if child.dep_ == "ccomp":
            # After a report, only its own "that" clause: in 'denied media reports, telling
            # Reuters: "There is no date"' the quote is no content of the reports.
            return child if not after_report or _opens_with_that(child) else None
        if child.dep_ in {"dobj", "dative"}:
            for clause in child.rights:
                if clause.dep_ == "relcl" and _opens_with_that(clause):
                    return clause
            if child.lower_ in REPORT_NOUNS or child.lower_ in DENIAL_NOUNS:
                content = next(
                    (
                        clause
                        for clause in child.subtree
                        if clause.dep_ in {"acl", "ccomp", "relcl"}
                        and clause.i < end
                        and (_opens_with_that(clause) or _reported_content(child, clause))
                    ),
                    None,
                )
                # Else the clause may come later, hung on the verb past what describes the
                # report: "denied claims on social media, circulating since Wednesday, that S".
                if content is not None:
                    return content
                after_report = True
    return None


SAYING_PARTICIPLES = {"claiming", "saying", "alleging", "suggesting", "stating", "asserting"}


def _reported_content(report: Token, clause: Token) -> bool:
    """What a report says when no "that" opens it: a clause with its own subject set right on the
    noun ("denied media reports the talks would resume"), or the clause of a participle of saying
    the noun takes ("reports claiming there were clashes")."""
    if not has_subject(clause):
        return False
    if clause.dep_ == "ccomp" and clause.head.i == report.i:
        return True
    participle = clause.head
    return (
        clause.dep_ == "ccomp"
        and participle.dep_ == "acl"
        and participle.head.i == report.i
        and participle.lower_ in SAYING_PARTICIPLES
    )


def _clause_opening(clause: Token) -> int | None:
    """Where the clause said begins: its "that" or its subject, so that a time the parse hangs
    on it ("said Saturday its fighters had ...") stays out. None for a clause without a subject
    of its own, which the rules read instead."""
    subject = next((child for child in clause.children if child.dep_ in CLAUSE_SUBJECTS), None)
    if subject is None or subject.i > clause.i:
        return None
    mark = next((child for child in clause.children if child.dep_ == "mark"), None)
    if mark is not None and mark.i < subject.left_edge.i:
        return mark.i
    return subject.left_edge.i


def attribution_frames(doc: Doc) -> list[Frame]:
    """The sentence's speech frames in reading order; empty when the first speech verb has no
    subject the parse can name, so the reader's rules read the sentence instead."""
    # Each frame's verb, its speaker's words, and where its part of the sentence starts.
    found: list[tuple[Token, str, int]] = []
    for verb in _speech_verbs(doc):
        subject = _subject(verb)
        if subject is not None:
            found.append((verb, _speaker(verb), _clause_start(subject)))
        elif not found and (borrowed := _borrowed_subject(verb)) is not None:
            found.append((verb, _speaker(borrowed.head), _clause_start(borrowed)))
        elif found and verb.dep_ == "conj" and not has_subject(verb):
            # "confirmed that there had been fighting, but refuted the claims": the same speaker.
            found.append((verb, found[-1][1], _clause_start(verb)))
        elif not found:
            return []
    frames = []
    for index, (verb, speaker, start) in enumerate(found):
        end = found[index + 1][2] if index + 1 < len(found) else len(doc)
        subordinate = is_subordinate_speech(verb)
        if subordinate:
            # "After the army said S, fighting resumed": the clause ends where the sentence's own
            # part begins.
            end = min(end, verb.right_edge.i + 1)
        leading = ""
        if index == 0:
            before = doc[:start]
            if any(token.dep_ in {"ROOT", "conj"} and token.pos_ == "VERB" for token in before):
                leading = before.text.strip(" ,;")
        frame = _frame(verb, speaker, end, leading)
        if subordinate:
            frame = replace(frame, own_words=doc[start:end].text.strip(" ,;"))
        frames.append(frame)
    return frames


def _frame(verb: Token, speaker: str, end: int, leading: str = "") -> Frame:
    """The frame of a speech verb whose part of the sentence ends at `end`."""
    doc = verb.doc
    # As the rules expect it: from the space after the verb.
    rest = " " + doc[verb.i + 1 : end].text.rstrip(" ,;")
    clause, addressee, between = "", "", ""
    said = _clause_said(verb, end)
    opening = _clause_opening(said) if said is not None else None
    if said is not None and opening is not None:
        clause = doc[opening:end].text.rstrip(" ,;")
        if doc[opening].lower_ != "that":
            clause = f"that {clause}"
        addressee = " ".join(
            doc[child.left_edge.i : child.right_edge.i + 1].text
            for child in verb.rights
            if child.dep_ in {"dobj", "dative"} and child.i < opening
        )
        between = doc[verb.i + 1 : opening].text
    return Frame(
        speaker=speaker,
        verb=speech_form(verb) or verb.text,
        rest=rest,
        leading=leading,
        clause=clause,
        addressee=addressee,
        between=between,
        denial=bool(clause) and said.head.lower_ in DENIAL_NOUNS,
    )


def relayed_frames(doc: Doc) -> list[tuple[Frame, str]]:
    """ "X said S, the PTI reported", "X reiterated a denial that S, a news agency reported", "X
    said S, said the Saba news agency": the sentence's main verb is a speech verb whose subject
    relays a complement set before it, itself a speech frame with a subject of its own. Each
    such frame, with the words of the relay's subject."""
    found = []
    for relay in doc:
        if relay.dep_ != "ROOT" or relay.lower_ not in SAY_VERBS:
            continue
        relayer = next((child for child in relay.children if child.dep_ == "nsubj"), None)
        if relayer is None:
            continue
        for verb in relay.lefts:
            if verb.dep_ != "ccomp" or verb.lower_ not in SPEECH_VERBS:
                continue
            if _subject(verb) is None:
                continue
            frame = _frame(verb, _speaker(verb), verb.right_edge.i + 1)
            found.append((frame, _words(list(relayer.subtree))))
    return found


# Verbs that report someone else's words as theirs: "cited a security source as saying S".
_CITING_VERBS = {"cite", "quote", "report"}


@dataclass(frozen=True)
class CitedSpeaker:
    speaker: str
    """Whom the words are given to: the verb's object ("a security source")."""
    relayer: str
    """Who gives them: the verb's subject ("the website"), by its name when it has one."""
    saying: Token
    """The participle "saying", whose clause (if any) is what was said."""
    before: str = ""
    """What was said, when it comes first ("S, Tass quoted X as saying"): the words before the
    relayer; else empty."""


def _relayer_words(relayer: Token) -> str:
    """ "The state news agency NNA" -> "NNA": the relay's name, else its words."""
    return _proper_name(relayer) or _words(list(relayer.subtree))


def cited_speakers(doc: Doc) -> list[CitedSpeaker]:
    """ "The website cited a security source as saying S", "Russian media quoted the minister as
    saying that S", "X was quoted by Tass as saying S", "S, Tass quoted X as saying", '"...," the
    agency reported the source as saying': the one cited said it, the one citing relays it."""
    found = []
    for verb in doc:
        if verb.lemma_ not in _CITING_VERBS or verb.pos_ != "VERB":
            continue
        # "The state news agency NNA quoted": the parse may give the name as a second subject.
        subjects = [child for child in verb.children if child.dep_ == "nsubj"]
        subject = subjects[-1] if subjects else None
        cited = next((child for child in verb.children if child.dep_ == "dobj"), None)
        if subject is None and cited is None:
            # "X was quoted by Tass as saying": the passive's subject is cited, its agent relays.
            cited = next((child for child in verb.children if child.dep_ == "nsubjpass"), None)
            subject = passive_agent(verb)
        saying = next(
            (
                grandchild
                for child in verb.children
                if child.dep_ == "prep" and child.lower_ == "as"
                for grandchild in child.children
                if grandchild.lower_ == "saying"
            ),
            None,
        )
        if subject is None or cited is None or saying is None:
            continue
        before = ""
        said_after = any(child.dep_ == "ccomp" for child in saying.children)
        start = (subjects[0] if subjects else subject).left_edge.i
        if not said_after and start >= 2 and doc[start - 1].text == "," and verb.i > start:
            before = doc[: start - 1].text.strip(' ,"')
        found.append(
            CitedSpeaker(_words(list(cited.subtree)), _relayer_words(subject), saying, before)
        )
    return found


def cited_frames(doc: Doc) -> list[tuple[Frame, str]]:
    """The frames of `cited_speakers` whose clause the parse finds after "saying", with the
    words of the relay."""
    frames = []
    for cited in cited_speakers(doc):
        frame = _frame(cited.saying, cited.speaker, cited.saying.right_edge.i + 1)
        if frame.clause:
            frames.append((frame, cited.relayer))
    return frames


# The prepositions that bring in the medium a statement went out on: "said on its Andalus radio
# station", "in a statement broadcast on / carried by / read over ...".
_MEDIUM_PREPOSITIONS = {"on", "over", "through", "via"}


# Dependencies that leave a noun's own words for a phrase or clause about it ("the SANA news agency
# that Assad remained in Damascus", "agency in Damascus").
_BEYOND_THE_NAME = {"acl", "relcl", "ccomp", "advcl", "prep", "appos", "cc", "conj", "mark"}


def _name_tokens(noun: Token) -> list[Token]:
    tokens = [noun]
    for child in noun.children:
        if child.dep_ not in _BEYOND_THE_NAME and (child.dep_ != "punct" or child.text == "-"):
            tokens += _name_tokens(child)
    return sorted(tokens, key=lambda token: token.i)


def _proper_name(noun: Token) -> str:
    """The longest run of names in the noun's phrase ("its Radio Andalus station" -> "Radio
    Andalus", "the official Saudi Press Agency" -> "Saudi Press Agency", "state broadcaster MRTV"
    -> "MRTV"; an acronym counts whatever its tag, "the official SANA news agency" -> "SANA"),
    hyphens inside a word kept ("al-Zallaqa"); empty when it names none ("state radio")."""
    doc = noun.doc
    best: list[Token] = []
    current: list[Token] = []
    for token in _name_tokens(noun):
        if token.text == "-":
            inside = bool(current) and not doc[token.i - 1].whitespace_ and not token.whitespace_
        elif token.lower_ in MEDIUM_NOUNS and token.text.isupper():
            # "its TV station": the medium's kind, not an acronym naming it ("Saudi Press Agency"
            # keeps its noun).
            inside = False
        else:
            inside = (token.pos_ == "PROPN" and not token.text.islower()) or (
                token.text.isupper() and len(token.text) > 1
            )
            inside = inside or (
                token.lower_ in {"al", "el"}
                and token.i + 1 < len(doc)
                and doc[token.i + 1].text == "-"
            )
        if current and token.i != current[-1].i + 1:
            current = []
        current = [*current, token] if inside else []
        named = current[:-1] if current and current[-1].text == "-" else current
        if len(named) > len(best):
            best = named
    return doc[best[0].i : best[-1].i + 1].text if best else ""


# Verbs whose agent carried someone else's statement ("carried by SANA", "published by the SITE
# Intelligence Group"); whoever "posted" or "issued" it is its author.
_CARRYING_VERBS = {"carry", "publish", "broadcast", "air", "relay", "distribute", "read", "run"}


def _phrase_tokens(noun: Token) -> list[Token]:
    """The noun's phrase without the clauses inside it that have a subject or a "that" of their
    own ("a statement that the rumours being spread by al-Shabab were false")."""
    tokens = [noun]
    for child in noun.children:
        if not any(grandchild.dep_ in CLAUSE_SUBJECTS | {"mark"} for grandchild in child.children):
            tokens += _phrase_tokens(child)
    return tokens


def _names_medium(phrase: Token) -> bool:
    return any(token.lemma_.lower() in MEDIUM_NOUNS for token in phrase.subtree)


def statement_medium(verb: Token) -> str:
    """The medium the parse says carried what the verb's subject said: "said in a statement
    carried by the official SANA news agency", "In a statement broadcast on its Radio Andalus
    station, al-Shabaab said", "said on its Andalus radio station", "speaking on state broadcaster
    RTB, said". Its proper name, or "" when it has none or is no medium ("wrote on Telegram")."""
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    speaking = [
        child
        for owner in ([verb, subject] if subject is not None else [verb])
        for child in owner.children
        if child.dep_ in {"advcl", "acl"} and child.lemma_ == "speak"
    ]
    if verb.lemma_ == "tell":
        # "told state broadcaster NTV that ...": a medium told is a relay, as "told Reuters".
        for told in verb.children:
            if told.dep_ in {"dobj", "dative"} and _names_medium(told):
                if name := _proper_name(told):
                    return name
    for head in [verb, *speaking]:
        for preposition in head.children:
            if preposition.dep_ != "prep":
                continue
            for noun in preposition.children:
                if noun.dep_ != "pobj":
                    continue
                if head is not verb and preposition.lower_ == "to":
                    # "Speaking to the BBC, X said": as "told the BBC"; "to Parliament" is an
                    # audience.
                    name = _proper_name(noun)
                    if name and name.lower() not in AUDIENCE_WORDS:
                        return name
                    continue
                if preposition.lower_ == "in" and any(
                    token.lemma_.lower() in STATEMENT_NOUNS for token in _name_tokens(noun)
                ):
                    # "in a statement carried by X", "in a communique read on X" (which the parse
                    # may hang on "read" as a noun): the medium is what carried it.
                    carriers = [
                        medium
                        for link in _phrase_tokens(noun)
                        if (link.dep_ == "agent" and link.head.lemma_ in _CARRYING_VERBS)
                        or (link.dep_ == "prep" and link.lower_ in _MEDIUM_PREPOSITIONS)
                        for medium in link.children
                        if medium.dep_ == "pobj" and (link.dep_ == "agent" or _names_medium(medium))
                    ]
                elif preposition.lower_ in _MEDIUM_PREPOSITIONS and _names_medium(noun):
                    carriers = [noun]
                else:
                    continue
                for medium in carriers:
                    if name := _proper_name(medium):
                        return name
    return ""


# "..., while the army insisted it had targeted fighters": a second speaker set against the first.
_CONTRAST_MARKERS = {"while", "whereas"}


def contrasted_frames(doc: Doc) -> list[Frame]:
    """Speakers the sentence sets against what it has already reported, in a clause of their own
    ("17 civilians were killed, a rebel alliance said, while the army insisted it had targeted
    fighters"), which neither the sentence's frames nor the rules read as an attribution."""
    return [
        _frame(verb, _speaker(verb), verb.right_edge.i + 1)
        for verb in doc
        if verb.lower_ in SPEECH_VERBS
        and (
            (
                verb.dep_ == "advcl"
                and any(
                    child.dep_ == "mark" and child.lower_ in _CONTRAST_MARKERS
                    for child in verb.children
                )
            )
            or _joined_to_a_trailing_attribution(verb)
        )
        and _subject(verb) is not None
    ]


def _joined_to_a_trailing_attribution(verb: Token) -> bool:
    """ "S, the ministry said on Sunday, but the military said S2": a speech verb conjoined to one
    whose clause stands before it."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and head.lower_ in SPEECH_VERBS
        and any(child.dep_ == "ccomp" and child.i < head.i for child in head.children)
        and any(child.dep_ == "ccomp" and child.i > verb.i for child in verb.children)
    )


def relative_speech_frames(doc: Doc) -> list[Frame]:
    """Speakers named by the noun a relative clause of speech hangs on ("the authorities of the
    next district, who also said there had been no attack", "a statement by a group of rebels
    who said all prisoners had been freed"): the relative pronoun is the verb's subject, so the
    speaker is the noun phrase before it, without the clause."""
    frames = []
    for verb in doc:
        if speech_form(verb) is None or verb.dep_ != "relcl" or verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = next((child for child in verb.lefts if child.dep_ == "nsubj"), None)
        noun = verb.head
        if (
            subject is None
            or subject.lower_ not in {"who", "which", "that"}
            or noun.pos_ not in {"NOUN", "PROPN"}
            # A noun the parse makes the sentence's head has no verb to hang on: a misreading.
            or noun.dep_ == "ROOT"
        ):
            continue
        clause = {token.i for token in verb.subtree}
        speaker = _words([token for token in noun.subtree if token.i not in clause])
        frame = _frame(verb, speaker, verb.right_edge.i + 1)
        if frame.clause:
            start = subject.i
            frames.append(replace(frame, own_words=doc[start : verb.right_edge.i + 1].text))
    return frames


def participle_frames(doc: Doc) -> list[Frame]:
    """Clauses said by a participle that continues a speech verb ("X rejected the accusations,
    calling them fabricated and insisting that S"): the speaker is the subject of the speech
    verb the participle hangs on, through other participles; only the frames whose clause the
    parse finds."""
    frames = []
    for token in doc:
        if token.lower_ not in CONTINUATION_PARTICIPLES or token.tag_ != "VBG":
            continue
        if own := _own_subject_of_participle(token):
            # "..., with residents saying that S": the participle's own subject says S.
            frame = _frame(token, _words(list(own.subtree)), token.right_edge.i + 1)
            if frame.clause:
                frames.append(frame)
            continue
        head = token
        while head.dep_ in {"conj", "advcl"} and head.head.i != head.i:
            head = head.head
            if head.lower_ in SPEECH_VERBS:
                break
        if head.i == token.i or _subject(head) is None:
            continue
        if head.lower_ not in SPEECH_VERBS and not (
            # "The army called for calm, insisting that S": the subject of the verb the
            # participle qualifies says S, whatever that verb is.
            token.dep_ == "advcl" and token.head == head and head.pos_ == "VERB"
        ):
            continue
        frame = _frame(token, _speaker(head), token.right_edge.i + 1)
        if frame.clause:
            frames.append(frame)
    return frames


def _own_subject_of_participle(participle: Token) -> Token | None:
    """The noun a participle says something of in an absolute phrase after "with": its own
    subject ("with residents saying"), or the noun "with" takes that it qualifies."""
    subject = next((c for c in participle.lefts if c.dep_ == "nsubj"), None)
    if subject is not None and participle.dep_ == "pcomp" and participle.head.lower_ == "with":
        return subject if subject.tag_.startswith("NN") else None
    noun = participle.head
    if (
        participle.dep_ == "acl"
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "with"
        and noun.tag_.startswith("NN")
        and noun.i < participle.i
    ):
        return noun
    return None


@dataclass(frozen=True)
class EmbeddedAttribution:
    speaker: str
    statement: str
    """What the speaker said of the noun, as a clause ("the attack targeted a command centre")."""
    span: str
    """The words that carry it in the sentence ("that Israel said targeted a command centre")."""


_RELATIVE_PRONOUNS = {"that", "which", "who"}


def embedded_attributions(doc: Doc) -> list[EmbeddedAttribution]:
    """ "in an attack that Israel said targeted a Hamas command centre": a speech verb in a
    relative clause, with a subject of its own and the clause said; the relative pronoun is the
    subject of what was said, so the speaker says it of the noun."""
    found = []
    for verb in doc:
        if verb.lower_ not in SAY_VERBS or verb.dep_ != "relcl":
            continue
        noun = verb.head
        subject = next((child for child in verb.lefts if child.dep_ == "nsubj"), None)
        said = next((child for child in verb.rights if child.dep_ == "ccomp"), None)
        if (
            subject is None
            or subject.lower_ in _RELATIVE_PRONOUNS
            or said is None
            or noun.pos_ not in {"NOUN", "PROPN"}
        ):
            continue
        pronoun = next(
            (
                token
                for token in doc[noun.i + 1 : subject.left_edge.i]
                if token.lower_ in _RELATIVE_PRONOUNS
            ),
            None,
        )
        if pronoun is None or any(
            child.dep_ in CLAUSE_SUBJECTS and child.i != pronoun.i for child in said.children
        ):
            continue
        name = [
            token
            for token in noun.subtree
            if token.i <= noun.i and token.dep_ in {"compound", "amod", "nmod", "poss", "case"}
        ]
        phrase = "".join(token.text_with_ws for token in [*name, noun]).strip()
        clause = doc[said.i : said.right_edge.i + 1].text
        found.append(
            EmbeddedAttribution(
                speaker=_words(list(subject.subtree)),
                statement=f"the {phrase} {clause}",
                span=doc[pronoun.i : said.right_edge.i + 1].text,
            )
        )
    return found


@dataclass(frozen=True)
class RelativeDenial:
    denier: str
    description: str
    """The words that carry the denial ("a claim the government has dismissed as propaganda"),
    which are not part of what the main clause states."""


# "..., though the military denied the claim": a concession that sets a denial against what the
# sentence reports.
_CONCESSIVE_MARKS = {"though", "although"}
# The nouns a participle or relative clause of denial may hang on: "a claim the government has
# dismissed", "an account dismissed by the government".
_DENIABLE_NOUNS = frozenset({*REPORT_NOUNS, "account", "version"})
# What a concession's denial points back at: "denied the claim", "denied it".
_POINTING_BACK = {"it", "this", "that"}


def relative_denials(doc: Doc) -> list[RelativeDenial]:
    """Denials hung on what the sentence reports: "S, a claim the government has dismissed", "S,
    allegations Asmara rejected", "S, a report denied by the ministry", "X said S, though the
    army denied the claim". Whoever denies it denies S."""
    denials = [denial for verb in doc if (denial := _conceded_denial(verb)) is not None]
    for verb in doc:
        if verb.lower_ not in DENY_VERBS or verb.head.lower_ not in _DENIABLE_NOUNS:
            continue
        if verb.dep_ == "relcl":
            denier = next((child for child in verb.lefts if child.dep_ == "nsubj"), None)
        elif verb.dep_ == "acl":
            agent = _passive_agent(verb)
            denier = (
                next((child for child in agent.children if child.dep_ == "pobj"), None)
                if agent
                else None
            )
        else:
            continue
        if denier is None or denier.lower_ in {"which", "that", "who"}:
            continue
        noun = verb.head
        description = doc[noun.left_edge.i : noun.right_edge.i + 1].text.replace('"', "")
        denials.append(
            RelativeDenial(
                denier=_speaker(verb) if verb.dep_ == "relcl" else _words(list(denier.subtree)),
                description=description,
            )
        )
    return denials


def _passive_agent(verb: Token) -> Token | None:
    """The "by" phrase naming who did what a participle says: its agent, or a "by" the small
    model hangs on the verdict it gave ("an account dismissed as \"ridiculous and unfounded\" by
    the government": "by" on "ridiculous"). An adjective takes no "by" of its own; a noun may
    ("dismissed as a ploy by the rebels"), and is left alone."""
    agent = next((child for child in verb.rights if child.dep_ == "agent"), None)
    if agent is not None:
        return agent
    for verdict in verb.rights:
        if verdict.dep_ != "prep" or verdict.lower_ != "as":
            continue
        for adjective in verdict.subtree:
            if adjective.tag_ != "JJ":
                continue
            by = next(
                (
                    child
                    for child in adjective.rights
                    if child.dep_ == "prep" and child.lower_ == "by"
                ),
                None,
            )
            if by is not None:
                return by
    return None


def _conceded_denial(verb: Token) -> RelativeDenial | None:
    """ "..., though the Israeli military denied the claim": a deny verb with a subject of its own
    in a clause of concession, whose object points back at what the sentence reported (a report
    noun with no clause of its own, or a pronoun)."""
    if verb.lower_ not in DENY_VERBS or verb.dep_ != "advcl":
        return None
    mark = next((child for child in verb.lefts if child.dep_ == "mark"), None)
    denied = next((child for child in verb.rights if child.dep_ == "dobj"), None)
    if mark is None or mark.lower_ not in _CONCESSIVE_MARKS or denied is None:
        return None
    if not (
        denied.lower_ in _POINTING_BACK
        or denied.lower_ in REPORT_NOUNS
        and not any(child.dep_ in {"acl", "relcl", "prep", "ccomp"} for child in denied.rights)
    ):
        return None
    if _subject(verb) is None:
        return None
    start = mark.i
    while start > 0 and verb.doc[start - 1].dep_ == "punct":
        start -= 1
    return RelativeDenial(
        denier=_speaker(verb), description=verb.doc[start : verb.right_edge.i + 1].text
    )


@dataclass(frozen=True)
class Accusation:
    accuser: str
    """Who accuses: the verb's subject, or the subject of the speech verb a participle or a
    second verb shares it with ("the group said ..., accusing the junta of ...")."""
    accused: str
    act: str
    """What the accused is said to have done: a gerund phrase ("breaching the ceasefire") or a
    noun ("the attack")."""


_ACCUSING_VERBS = {"accuse": "of", "blame": "for"}


def _accuser(verb: Token) -> str:
    """The subject of the accusing verb, else of the verb a participle ("..., accusing Y of Z") or
    a second verb ("said S and blamed Y for Z") hangs on. A second verb after ", and" that the
    parse hangs on the clause said ("said a strike killed 14, and blamed the RSF") is the
    speaker's, as the comma sets it apart from that clause."""
    head = verb
    for _ in range(4):
        if any(child.dep_ == "nsubj" for child in head.lefts):
            return _speaker(head)
        if head.dep_ == "advcl":
            head = head.head
            continue
        if head.dep_ != "conj":
            return ""
        first = head
        while first.dep_ == "conj":
            first = first.head
        if (
            first.dep_ == "ccomp"
            and first.head.lower_ in SAY_VERBS
            and head.doc[head.i - 1].lower_ == "and"
            and head.doc[head.i - 2].text == ","
        ):
            head = first.head
        else:
            head = head.head
    return ""


_AFTER_THE_ACT = {"advcl", "punct", "conj"}


def accusations(doc: Doc) -> list[Accusation]:
    """ "X accused Y of shelling the market", "..., accusing the junta of breaching a ceasefire",
    "... and blamed the RSF for the attack": whom the speaker accuses and of what, read off the
    parse (the verb's object and its "of" / "for" phrase, which the parse may hang on either)."""
    found = []
    for verb in doc:
        preposition = _ACCUSING_VERBS.get(verb.lemma_)
        if preposition is None or verb.pos_ != "VERB":
            continue
        accused = next((child for child in verb.rights if child.dep_ == "dobj"), None)
        if accused is None:
            continue
        link = next(
            (
                child
                for child in [*verb.rights, *accused.rights]
                if child.dep_ == "prep" and child.lower_ == preposition
            ),
            None,
        )
        act = (
            next((child for child in link.children if child.dep_ in {"pcomp", "pobj"}), None)
            if link is not None
            else None
        )
        accuser = _accuser(verb)
        if act is None or not accuser:
            continue
        # "breaching the ceasefire ..., raising tensions": what followed is the writer's.
        beyond = {
            token.i
            for child in act.children
            if child.dep_ in _AFTER_THE_ACT
            and child.i > act.i
            and (child.dep_ != "conj" or act.doc[child.left_edge.i - 1].text == ",")
            for token in child.subtree
        }
        found.append(
            Accusation(
                accuser=accuser,
                accused=_words([token for token in accused.subtree if token.i < link.i]),
                act=_event_named(act)
                or _words([token for token in act.subtree if token.i not in beyond]),
            )
        )
    return found


# Nouns that name an attack: "blamed the RSF for the attack" after "a drone strike on the market".
_ATTACK_NOUNS = {
    "attack",
    "strike",
    "airstrike",
    "bombing",
    "shelling",
    "raid",
    "assault",
    "ambush",
}


def _event_named(act: Token) -> str:
    """ "the attack" alone, when the sentence named one attack before it ("a drone strike on the
    market killed 14, and blamed the RSF for the attack"): that attack, as "the drone strike on the
    market"; "" when the act has words of its own or the sentence names none or several."""
    if act.lemma_ not in _ATTACK_NOUNS or [child.lower_ for child in act.children] != ["the"]:
        return ""
    named = [
        token
        for token in act.doc[: act.i]
        if token.lemma_ in _ATTACK_NOUNS and token.pos_ == "NOUN" and token.dep_ != "compound"
    ]
    if len(named) != 1:
        return ""
    words = [token for token in named[0].subtree if token.dep_ not in {"relcl", "acl", "appos"}]
    if any(token.dep_ in CLAUSE_SUBJECTS for token in words if token is not named[0]):
        return ""
    phrase = _words(words)
    return "the " + phrase.split(" ", 1)[1] if words[0].lower_ in {"a", "an"} else phrase
