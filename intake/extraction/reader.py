"""The reader: walks an article sentence by sentence; `extract_claims` is its entry point.

Each sentence with a speech verb is parsed first (`frames`: the speaker is the verb's subject).
What the parse does not settle is read by rules for the attribution forms of wire copy:

- "According to X, S." / "S, according to X."
- "X said / confirmed / reported / told CNN (that) S." and "S, X said." / "S, said X."
- "X denied / dismissed rumours that S." (stance *denies*), and "X said S was not ..." (a negated
  statement is stored in positive form with stance *denies*)
- quotes with a speaker before or after them, "he said" resolved to the last person named
- continuations of the same speaker: "..., insisting (that) S2", "... and that S2", "but said S2"
- relays: "told CNN", "in a CNN interview", "quoted by RIA", "carried by SANA": the relaying
  outlet becomes *via*; otherwise the article's outlet relays what it reports others saying
- speakers described by role: "HTS leader Abu Mohammed al-Golani", "Rami Abdel Rahman, head of
  SOHR" (the person is the source, the organisation its parent)
- unattributed sentences reporting an event in the past ("HTS captured Aleppo") are the outlet's
  own assertions; analysis, conditionals and colour are left out.
"""

from __future__ import annotations

import copy
import re
import time
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from intake.extraction.clauses import (
    _clause_from_gerund_phrase,
    _gerund_statement,
    _has_verb,
    _indefinite_article,
    _is_adverbial_tail,
    _is_reported_event,
    _medium_name,
    _nominal_denial,
    _past_form,
    _positive_form,
    _split_leading_phrase,
    _split_shared_subject,
    _statement_clause,
    _strip_adverbials,
    _strip_opening,
    cleft_clause,
    conjoined_negatives,
    contrasted_negation,
    expletive_it,
    falsity_verdict,
    independent_clauses,
    neither_nor,
    vouched_negation,
    without_any,
    without_background,
    without_medial_clauses,
)
from intake.extraction.compression import compressed_statement
from intake.extraction.confidence import confident_claims
from intake.extraction.dates import _time_about
from intake.extraction.frames import (
    CLAUSE_SUBJECTS,
    SPEECH_VERBS,
    Frame,
    RelativeDenial,
    accusations,
    attribution_frames,
    cited_frames,
    cited_speakers,
    contrasted_frames,
    embedded_attributions,
    participle_frames,
    passive_agent,
    relative_denials,
    relative_speech_frames,
    relayed_frames,
    speaker_words,
    statement_medium,
)
from intake.extraction.names import SourceResolver, guess_kind, name_words
from intake.extraction.patterns import (
    _ADDRESSEE,
    _NAME_TOKEN,
    _OUTLET_NOUNS,
    _PARTICIPLE_OF,
    _RELAY_IN_SOURCE,
)
from intake.extraction.places import PlaceNotes, _main_country
from intake.extraction.results import (
    ASSERTS,
    DENIES,
    MAX_CHAINED_CLAUSES,
    MAX_SENTENCE_CHARS,
    MAX_STATEMENTS,
    MIN_STATEMENT_WORDS,
    ExtractedClaim,
    ReadingTooLong,
    SourceMention,
    _display,
    opposite_stance,
)
from intake.extraction.sentences import _is_headline, normalise_typography, split_sentences
from intake.lexicon import (
    CONTINUATION_PARTICIPLES,
    COUNTRY_CAPITALS,
    DEMONYMS,
    DENY_VERBS,
    NATIONALITIES,
    REPORT_NOUNS,
    ROLE_NOUNS,
    SAY_VERBS,
)
from intake.nlp import PARSE_BATCH_SIZE, parse, parse_ahead, parses_wanted, root_of, words_of
from intake.polarity import claims_guarded

if TYPE_CHECKING:
    from spacy.tokens import Doc


class _ArticleReader(PlaceNotes, SourceResolver):
    def __init__(
        self, outlet: str | None, published_at: datetime | None, deadline: float | None = None
    ):
        self.deadline = deadline
        self.outlet = (
            SourceMention(name=outlet, kind=guess_kind(outlet), is_outlet=True) if outlet else None
        )
        self.published = published_at.date() if published_at else None
        self.sources: list[SourceMention] = []
        self.claims: list[ExtractedClaim] = []
        self.last_subject_name = ""
        self.topic = ""
        self.country = ""
        self.capital = ""
        self.last_subject = ""
        # Every place named so far, by kind: a reference ("the city") is replaced only when one
        # fits.
        self.cities: dict[str, None] = {}
        self.places: dict[str, dict[str, None]] = {}
        self.countries: dict[str, None] = {}
        self.capitals: dict[str, None] = {}
        self.notes: list[str] = []
        # Every head of state or government named with the title, by office: "the Pakistani
        # leader" is replaced only when one fits.
        self.leaders: dict[str, dict[str, None]] = {}
        # The last three sentences read, each with the index of its first claim: what a denial
        # ("rejected the accusation") may point back at.
        self.recent_sentences: list[tuple[str, int]] = []
        # The speaker (and relay) of a quote the last sentence read: a quote standing alone next
        # is theirs.
        self.quoted: tuple[SourceMention, str] | None = None
        # The speaker of the last sentence read when it spoke but gave no statement ("The military
        # denied the claim", the claim not found): who "it said" means next.
        self.silent_speaker: SourceMention | None = None
        # "As for the photos, X denied that they were from Y": what the sentence's "they" (or
        # "it") stands for, set by its opening.
        self.sentence_topic = ""

    # ----- article level -------------------------------------------------------------------
    def read(self, text: str) -> list[ExtractedClaim]:
        text = normalise_typography(text)
        self.text = text
        self.country, self.capital = _main_country(text)
        paragraphs = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
        pending: list[str] = []
        for index, paragraph in enumerate(paragraphs):
            if index == 0:
                paragraph = self._strip_dateline(paragraph)
            paragraph = _PARAGRAPH_DATELINE.sub("", paragraph)
            if _is_headline(paragraph):
                continue
            if len(self.claims) >= MAX_STATEMENTS:
                break
            self._check_deadline()
            pending += split_sentences(paragraph)
            if len(pending) >= PARSE_BATCH_SIZE:
                self._read_sentences(pending)
                pending = []
        self._read_sentences(pending)
        self._merge_unnamed_sources()
        self._name_role_only_speakers()
        self._full_names_for_surnames()
        self._institutional_names()
        return [
            replace(claim, text=compressed_statement(claim.text))
            for claim in confident_claims(claims_guarded(self.claims[:MAX_STATEMENTS]))
        ]

    def _check_deadline(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ReadingTooLong

    def _read_sentences(self, sentences: list[str]) -> None:
        """Read these sentences in order, a batch at a time (one long paragraph can hold
        thousands), with the parses the reading asks for made in batches where it can: spaCy
        parses a batch in about half the time of one text at a time. The sentences with a speech
        verb are parsed first. Reading a sentence then parses clauses cut from it, one at a time,
        so the batch is first read on a copy of the reader (a rehearsal, `parses_wanted`) that
        notes each clause not parsed yet and reads it as words with no parse; those clauses are
        parsed together, and the batch is read again. A rehearsal that found every parse ready
        has read the batch as the reading would (same state, same parses) and is kept instead."""
        for start in range(0, len(sentences), PARSE_BATCH_SIZE):
            if len(self.claims) >= MAX_STATEMENTS:
                return
            batch = sentences[start : start + PARSE_BATCH_SIZE]
            self._check_deadline()
            parse_ahead(
                _parsed_form(sentence)
                for sentence in batch
                if _wants_parse(sentence) and len(sentence) <= MAX_SENTENCE_CHARS
            )
            # The copy is of what the reader remembers (at most MAX_STATEMENTS claims, and the
            # sources and places named): about 2.5 ms at 300 claims, once a batch. One rehearsal:
            # what it misses, clauses cut from a clause it read without a parse, is about one
            # clause in ten (bench/README-intake.md).
            rehearsal = copy.deepcopy(self)
            with parses_wanted() as wanted:
                rehearsal._read_in_order(batch)
            if wanted:
                parse_ahead(wanted)
                self._read_in_order(batch)
            else:
                vars(self).update(vars(rehearsal))

    def _read_in_order(self, sentences: list[str]) -> None:
        for sentence in sentences:
            if len(self.claims) >= MAX_STATEMENTS:
                return
            self._check_deadline()
            self._read_sentence(sentence)

    def _strip_dateline(self, paragraph: str) -> str:
        match = _DATELINE.match(paragraph)
        if not match:
            return paragraph
        if self.outlet is None and match.group("agency"):
            agency = match.group("agency").strip()
            self.outlet = SourceMention(name=agency, kind=guess_kind(agency), is_outlet=True)
        return paragraph[match.end() :]

    # ----- sentence level ------------------------------------------------------------------
    def _read_sentence(self, sentence: str) -> None:
        sentence = _EDITORIAL_BRACKETS.sub("", sentence).strip()
        if len(sentence) > MAX_SENTENCE_CHARS:
            return
        relay = _INTERPOSED_RELAY.search(sentence)
        if relay:
            # "The group denied, quoted by Reuters, that S": the relay set between the verb and
            # its clause cuts the clause from the verb in the parse, and no frame is found. Read
            # without it; it relays what the sentence attributes, and the quote stays as written.
            first_new = len(self.claims)
            self._read_sentence(sentence[: relay.start()] + " " + sentence[relay.end() :])
            relayer = self._relay_named(relay.group("relay"))
            default = self.outlet.name if self.outlet else ""
            for claim in self.claims[first_new:]:
                claim.quote = sentence
                if relayer and claim.via in {"", default} and not claim.source.is_outlet:
                    claim.via = relayer
            return
        topic = _AS_FOR.match(sentence)
        self.sentence_topic = topic.group("topic") if topic else ""
        self._note_places(sentence)
        self._note_leaders(sentence)
        if len(sentence.split()) < MIN_STATEMENT_WORDS or sentence.endswith("?"):
            return
        first_new = len(self.claims)
        self.recent_sentences = [*self.recent_sentences[-2:], (sentence, first_new)]
        # Only a sentence with a speech verb is parsed (read_sentences parsed it ahead).
        doc = parse(_parsed_form(sentence)) if _wants_parse(sentence) else None
        attributed = (
            self._read_quote(sentence)
            or self._read_according_to(sentence)
            or self._read_passive_attribution(sentence)
            or (doc is not None and self._read_parsed_frames(doc, sentence))
            or self._read_say_verb(sentence)
            or self._read_participial_attribution(sentence)
        )
        if not attributed:
            self._read_unattributed(sentence)
        if doc is not None and all(
            claim.source is self.outlet for claim in self.claims[first_new:]
        ):
            self._read_participle_frames(doc, sentence, first_new)
        if doc is not None:
            self._read_embedded_attributions(doc, sentence, first_new)
            self._read_contrasted_speakers(doc, sentence, first_new)
            self._read_relative_speakers(doc, first_new)
            self._read_relative_denials(doc, first_new)
            self._read_media(doc, first_new)
        self._note_silent_speaker(doc, first_new)
        self._note_topic(sentence)

    def _note_silent_speaker(self, doc: Doc | None, first_new: int) -> None:
        """Who spoke in this sentence without a statement being read from it (a denial whose
        antecedent is not found): the speaker a pronoun means next, before the last one read."""
        if len(self.claims) > first_new:
            self.silent_speaker = None
            return
        frames = _speaker_frames(doc) if doc is not None else []
        speaker = self._resolve_source(frames[0].speaker) if len(frames) == 1 else None
        if speaker is not None and not speaker.is_outlet:
            self.silent_speaker = speaker

    def _read_media(self, doc: Doc, first_new: int) -> None:
        """ "..., the presidency said in a statement carried by the official SANA news agency",
        "al-Shabaab said on its Andalus radio station that ...": the medium relays what the speech
        verb's subject said, in place of the article's outlet. A relay read otherwise stays."""
        new = self.claims[first_new:]
        for verb in doc:
            if verb.lower_ not in SPEECH_VERBS or not (medium := statement_medium(verb)):
                continue
            words = speaker_words(verb)
            speaker = self._resolve_source(words) if words else None
            if speaker is None and len({claim.source.name for claim in new}) != 1:
                continue
            for claim in new:
                if (
                    (speaker is None or claim.source.name == speaker.name)
                    and not claim.source.is_outlet
                    and claim.source.name != medium
                    and claim.via in {"", self._default_via(claim.source)}
                ):
                    claim.via = medium

    def _read_relative_denials(self, doc: Doc, first_new: int) -> None:
        """ "Fano fighters say they seized Debre Tabor, a claim the government has dismissed as
        propaganda": the government denies what this sentence had the fighters assert."""
        for denial in relative_denials(doc) or _relative_denials_in_words(doc.text):
            denier = self._resolve_source(denial.denier)
            if denier is None:
                continue
            for claim in self.claims[first_new:]:
                claim.text = claim.text.replace(denial.description, "").strip(" ,;")
                if claim.stance == ASSERTS and claim.source.name != denier.name:
                    self.claims.append(
                        replace(
                            claim,
                            source=denier,
                            stance=DENIES,
                            via=self._default_via(denier),
                            notes=list(claim.notes),
                        )
                    )

    def _read_quote(self, sentence: str) -> bool:
        quoted_before, self.quoted = self.quoted, None
        # The attribution may quote a word or two itself: '..., saying the government was in
        # "full control."'
        after = _SPLIT_QUOTE.match(sentence) or re.match(
            r'^"(?P<quote>[^"]{12,})"\s*,?\s*(?P<attr>[^"]+(?:"[^"]{1,40}"[^"]*)*)$', sentence
        )
        alone = _QUOTE_ALONE.match(sentence)
        if alone and quoted_before is not None:
            # '"S1," he said. "S2."': a quote with no speaker of its own goes on with the quote
            # just before it.
            speaker, quote = quoted_before, alone.group("quote")
            # A full stop after the quote mark is no attribution.
            after = None
        elif after:
            attribution = _QUOTED_AS_SAYING.sub(" said", after.group("attr").rstrip(". "))
            speaker = self._cited_after_quote(attribution) or self._speaker_after_quote(attribution)
            quote = after.group("quote")
            if speaker is not None and "more" in after.groupdict():
                # '"S1," X said, "and S2."': the second part goes on with the first, or is a
                # sentence of its own.
                more = after.group("more").strip()
                quote = f"{quote.rstrip(', ')}{' ' if more[:1].islower() else '. '}{more}"
        else:
            before = re.match(
                r'^(?P<attr>[^"]+?)\s*[,:]?\s*"(?P<quote>[^"]{12,})"\s*\.?$', sentence
            )
            if not before:
                return False
            speaker = self._speaker_before_quote(before.group("attr"))
            quote = before.group("quote")
        if speaker is None:
            return False
        self.quoted = speaker
        source, via = speaker
        gloss = ""
        for part in split_sentences(quote.strip().rstrip(",")):
            # '"They (SPLM-IO forces) attacked ... They did not capture any ground," Chol said':
            # the editor's gloss on the first "they" holds for the rest of the quote.
            glossed = _PRONOUN_GLOSS.match(part)
            if glossed:
                gloss = glossed.group("gloss")
            elif gloss:
                part = _BARE_THEY.sub(f"They ({gloss}) ", part)
            self._add_statement(part, source, ASSERTS, via, quote=sentence, from_quote=True)
        continuation = _CONTINUATION.search(attribution) if after else None
        if continuation:
            self._add_with_continuations(
                attribution[continuation.start() :].lstrip(", "), source, ASSERTS, via, sentence
            )
        return True

    def _cited_after_quote(self, attribution: str) -> tuple[SourceMention, str] | None:
        """'"...," the agency reported the source as saying': the source said it, the agency
        relays it."""
        if not _AS_SAYING.search(attribution):
            return None
        cited = cited_speakers(parse(attribution))
        if len(cited) != 1:
            return None
        source = self._resolve_source(cited[0].speaker)
        if source is None:
            return None
        return source, self._citing_relay(cited[0].relayer, source)

    def _speaker_after_quote(self, attribution: str) -> tuple[SourceMention, str] | None:
        inverted = re.match(
            rf"^(?P<verb>{_SAY_ALTERNATION})\s+(?P<src>[^,]+?)(?P<rest>,.*|\s+(?:in|on|to)\s.*)?$",
            attribution,
        )
        if inverted:
            source = self._resolve_source(inverted.group("src"))
            if source:
                return source, self._via_from(inverted.group("rest") or "") or self._default_via(
                    source
                )
        direct = re.match(
            rf"^(?P<src>.+?)\s+(?P<verb>{_SAY_ALTERNATION})\b(?P<rest>.*)$", attribution
        )
        if direct:
            source = self._resolve_source(direct.group("src"))
            if source:
                rest = direct.group("rest")
                via = self._addressee_via(rest) if direct.group("verb") in {"told", "tells"} else ""
                return source, via or self._via_from(rest) or self._default_via(source)
        return None

    def _speaker_before_quote(self, attribution: str) -> tuple[SourceMention, str] | None:
        match = re.match(
            rf"^(?P<src>.+?)\s+(?P<verb>{_SAY_ALTERNATION})\b(?P<rest>[^\"]*)$", attribution.strip()
        )
        if not match:
            return None
        source = self._resolve_source(match.group("src"))
        if not source:
            return None
        rest = match.group("rest")
        if match.group("verb") in {"told", "tells"}:
            via = self._addressee_via(rest)
            rest = _ADDRESSEE.sub("", rest)
        else:
            via = ""
        remaining, relay = _strip_adverbials(rest)
        if remaining.strip(" ,:"):
            return None
        return source, via or relay or self._default_via(source)

    def _read_according_to(self, sentence: str) -> bool:
        body = sentence.rstrip(". ")
        front = re.match(r"^[Aa]ccording to\s+(?P<rest>.+)$", _strip_opening(body))
        if front:
            source_text, statement = _split_leading_phrase(front.group("rest"))
            # "According to X, as cited by the Y news outlet, S": Y relays what X said.
            cited = _AS_CITED_BY.match(statement)
            if cited:
                statement = statement[cited.end() :]
            if statement:
                source, via = self._source_with_relay(source_text)
                if source and cited:
                    via = _medium_name(cited.group("via"))
                if source:
                    if not self._read_relayed_frames(statement, source, sentence):
                        self._add_statement(statement, source, ASSERTS, via, quote=sentence)
                    return True
        back = re.match(r"^(?P<stmt>.+?),?\s+according to\s+(?P<src>.+)$", body)
        if back:
            # "S, according to the blog's authors, who say that S2": the source says S2 too.
            said_too = _WHO_SAY.search(back.group("src"))
            source_words = back.group("src")[: said_too.start()] if said_too else back.group("src")
            source, via = self._source_with_relay(source_words)
            if source:
                if not self._read_relayed_frames(back.group("stmt"), source, sentence):
                    self._add_statement(back.group("stmt"), source, ASSERTS, via, quote=sentence)
                if said_too:
                    self._attributed_complement(
                        source, said_too.group("verb"), f" {said_too.group('rest')}", sentence, via
                    )
                return True
        return False

    def _read_relayed_frames(self, statement: str, relay: SourceMention, sentence: str) -> bool:
        """ "Ukraine has dismissed Russian accusations that S, according to The Washington Post":
        what the relay reports is itself an attribution; its speaker's frame is read, with the
        relay as *via*. False, with nothing read, when the statement has no speaker the parse
        and the resolver agree on."""
        if not _SAY_VERB.search(statement) or len(statement) > MAX_SENTENCE_CHARS:
            return False
        frames = _speaker_frames(parse(statement))
        speakers = [self._resolve_source(frame.speaker) for frame in frames]
        if not frames or any(speaker is None for speaker in speakers):
            return False
        read = False
        for frame, speaker in zip(frames, speakers, strict=True):
            read = self._read_frame(frame, speaker, sentence, relay=relay.name) or read
        return read

    def _read_parsed_frames(self, doc: Doc, sentence: str) -> bool:
        """ "X said S", "X denied reports of S", "C, but X said S": the speaker is the subject of
        the speech verb in the parse."""
        frames = _speaker_frames(doc)
        if not frames:
            return self._read_relayed_speakers(doc, sentence)
        read = False
        for frame in frames:
            source = self._resolve_source(frame.speaker)
            if source is None:
                if not read:
                    return False
                continue
            read = self._read_frame(frame, source, frame.own_words or sentence) or read
        if read and frames[0].leading:
            self._read_unattributed(frames[0].leading)
        return read

    def _read_relayed_speakers(self, doc: Doc, sentence: str) -> bool:
        """ "X said S, the PTI reported", "X reiterated a denial that S, a news agency controlled
        by the group reported": X's frame, with the reporter as relay (by name; a description
        names no relay, and the article's outlet is left as relay)."""
        read = False
        for frame, relayer in relayed_frames(doc) + cited_frames(doc):
            source = self._resolve_source(frame.speaker)
            if source is None:
                continue
            # 'Hezbollah "confirms that S," it said': a pronoun is the speaker again, whoever was
            # named last.
            relay = "" if relayer.lower() in _RELAYING_PRONOUNS else self._relay_named(relayer)
            teller = self._resolve_source(relay) if relay else None
            if teller is not None and teller.name == source.name:
                # "RDF has denied that S, RDF said in a statement": the speaker again, no relay.
                relay = ""
            read = self._read_frame(frame, source, sentence, relay=relay) or read
        for cited in cited_speakers(doc):
            # "S, Tass quoted General X as saying": S is the general's, relayed by Tass.
            source = self._resolve_source(cited.speaker) if cited.before else None
            if source is None:
                continue
            self._add_with_continuations(
                cited.before, source, ASSERTS, self._citing_relay(cited.relayer, source), sentence
            )
            read = True
        return read

    def _citing_relay(self, relayer: str, source: SourceMention) -> str:
        """The relay of words the one citing (`relayer`) gives to `source`: its name, unless it
        names none or the source itself; then the source's usual relay."""
        relay = self._relay_named(relayer)
        return relay if relay and relay != source.name else self._default_via(source)

    def _relay_named(self, relayer: str) -> str:
        """The relay a subject names: an outlet's name ("the PTI"), or the source the resolver
        makes of a description ("the agency"); "" for none."""
        if name := _medium_name(relayer):
            return name
        relay = self._resolve_source(relayer)
        return relay.name if relay is not None else ""

    def _read_frame(
        self, frame: Frame, source: SourceMention, sentence: str, relay: str = ""
    ) -> bool:
        """One speaker's frame; `relay` names who reports it, when the sentence says so outside
        the frame ("..., according to The Washington Post")."""
        relayed_by = _RELAY_IN_SOURCE.search(frame.speaker)
        relay_via = relay or (_medium_name(relayed_by.group("via")) if relayed_by else "")
        if not frame.clause or (
            # "denied a claim by X that S", "denied the rebels' claims that they ...": read with
            # its claimant, who asserts S and whom its "they" means.
            frame.verb in DENY_VERBS
            and (_CLAIM_BY.match(frame.rest.strip()) or _CLAIMANT_CLAUSE.match(frame.rest.strip()))
        ):
            return self._attributed_complement(source, frame.verb, frame.rest, sentence, relay_via)
        # The parse found the clause said: what stood between it and the verb was whom it was
        # told to ("told Xinhua", "told a reception rally"), where or when.
        if not relay_via and frame.verb in {"told", "tells"}:
            relay_via = self._addressee_via(f" {frame.addressee}")
        relay_via = (
            relay_via or _strip_adverbials(f" {frame.between}")[1] or self._via_from(frame.between)
        )
        return self._attributed_complement(
            source,
            frame.verb,
            f" {frame.clause}",
            sentence,
            relay_via,
            clause_found=True,
            denial=frame.denial,
        )

    def _read_embedded_attributions(self, doc: Doc, sentence: str, first_new: int) -> None:
        """ "Nine people were killed in an attack that Israel said targeted a command centre": the
        outlet reports the deaths; Israel says the attack targeted a command centre."""
        for embedded in embedded_attributions(doc):
            source = self._resolve_source(embedded.speaker)
            if source is None:
                continue
            for claim in self.claims[first_new:]:
                claim.text = re.sub(r"\s{2,}", " ", claim.text.replace(embedded.span, "")).strip()
            self._add_statement(
                embedded.statement, source, ASSERTS, self._default_via(source), quote=sentence
            )

    def _read_participle_frames(self, doc: Doc, sentence: str, first_new: int) -> None:
        """ "X rejected the accusations, calling them fabricated and insisting that S", when
        nothing else in the sentence was read, or only the outlet's own words: S is X's, with the
        participle's stance. The outlet's reading of words that hold the participle is dropped
        ("Shelling went on, with residents saying S" is not the outlet's)."""
        outlet_read = len(self.claims)
        frames = participle_frames(doc)
        for frame in frames:
            source = self._resolve_source(frame.speaker)
            if source is None:
                continue
            self._add_with_continuations(
                re.sub(r"^that\s+", "", frame.clause),
                source,
                CONTINUATION_PARTICIPLES[frame.verb.lower()],
                self._default_via(source),
                sentence,
            )

        if len(self.claims) > outlet_read:
            participles = {frame.verb for frame in frames}
            self.claims[first_new:outlet_read] = [
                claim
                for claim in self.claims[first_new:outlet_read]
                if not words_of(claim.text) & participles
            ]

    def _read_contrasted_speakers(self, doc: Doc, sentence: str, first_new: int) -> None:
        """ "S, the rebels said, while the army insisted S2": the second speaker's statement, when
        the sentence's reading gave it none."""
        for frame in contrasted_frames(doc):
            source = self._resolve_source(frame.speaker)
            if source is None or any(
                claim.source.name == source.name for claim in self.claims[first_new:]
            ):
                continue
            self._read_frame(frame, source, sentence)

    def _read_relative_speakers(self, doc: Doc, first_new: int) -> None:
        """ "The paper contacted the authorities of the next district, who also said S": the
        authorities' statement, read from the relative clause alone (its own words are what is
        quoted for it), when the sentence's reading gave them none."""
        for frame in relative_speech_frames(doc):
            source = self._resolve_source(frame.speaker)
            if source is None or any(
                claim.source.name == source.name for claim in self.claims[first_new:]
            ):
                continue
            self._read_frame(frame, source, frame.own_words)

    def _read_say_verb(self, sentence: str, depth: int = 0) -> bool:
        if depth > MAX_CHAINED_CLAUSES:
            return False
        body = sentence.rstrip(". ")
        for verb_match in _SAY_VERB.finditer(body):
            prefix, verb = body[: verb_match.start()].strip(), verb_match.group(1)
            # "The presidency has firmly denied": the manner adverb is not part of the speaker.
            prefix = _MANNER_BEFORE_VERB.sub("", prefix)
            rest = body[verb_match.end() :]
            if not prefix:
                continue
            if _OPEN_RELATIVE_CLAUSE.search(prefix) and _CLOSING_CLAUSE_THEN_SAY.match(rest):
                # "Rwanda, which Congo accuses of backing M23, denied ...": the verb of the
                # relative clause is not the sentence's attribution.
                continue
            if _RELATIVE_SUBJECT_BEFORE.search(prefix):
                # "contacted the authorities of the next district, who also said S": the relative
                # clause's speaker is its noun, which the parse names (_read_relative_speakers).
                continue
            refusal = _REFUSAL.search(prefix)
            if refusal:
                # "X declined to say where ...": no statement, but X is who "he" means next.
                self._resolve_source(prefix[: refusal.start()])
                return True
            trailing = re.match(r"^(?P<stmt>.+),\s+(?P<src>[^,]+)$", prefix)
            if (
                trailing
                and verb not in DENY_VERBS
                and _has_verb(trailing.group("stmt"))
                and self._read_trailing_attribution(trailing, verb, rest, sentence)
            ):
                return True
            conjoined = _CLAUSE_THEN_SPEAKER.match(prefix)
            if conjoined and _has_verb(conjoined.group("clause")):
                source = self._resolve_source(conjoined.group("speaker"))
                if source and self._attributed_complement(source, verb, rest, sentence, "", depth):
                    self._read_unattributed(conjoined.group("clause"))
                    return True
            cited_by_outlet = _CITING_IN_SUBJECT.search(prefix)
            if cited_by_outlet and _OUTLET_WORDS.search(prefix[: cited_by_outlet.start()]):
                # "Radio Tamazuj, citing local officials, reported": the officials said it, the
                # radio relayed it. Activists citing witnesses stay the source: they vouch for what
                # they report.
                reporter = self._resolve_source(prefix[: cited_by_outlet.start()])
                cited = self._resolve_source(cited_by_outlet.group("cited")) if reporter else None
                if cited and self._attributed_complement(
                    cited, verb, rest, sentence, reporter.name, depth
                ):
                    return True
            inverted = re.match(r"^(?P<stmt>.+),$", prefix)
            source = (
                None
                if inverted and _speaker_follows(sentence, verb_match.start())
                else self._resolve_source(prefix)
            )
            if source:
                relay = _RELAY_IN_SOURCE.search(prefix)
                relay_via = _medium_name(relay.group("via")) if relay else ""
                if self._attributed_complement(source, verb, rest, sentence, relay_via, depth):
                    return True
                continue
            if inverted and verb in SAY_VERBS:
                src_match = re.match(r"^\s+(?P<src>[^,]+?)(?P<rest>,.*)?$", rest)
                source = self._resolve_source(src_match.group("src")) if src_match else None
                if source:
                    via = self._via_from(src_match.group("rest") or "")
                    self._add_statement(
                        inverted.group("stmt"), source, ASSERTS, via, quote=sentence
                    )
                    return True
        return False

    def _read_trailing_attribution(
        self, trailing: re.Match, verb: str, rest: str, sentence: str
    ) -> bool:
        """ "S, rescue workers said on Monday, as ...", "S, officials told The Associated Press";
        "S, the ministry claimed, though Ukraine denied it": the contrasted speaker denies S."""
        contrast = _CONTRAST_TAIL.search(rest)
        if contrast:
            rest = rest[: contrast.start()]
        tail = _ADDRESSEE.sub("", rest, count=1) if verb in {"told", "tells"} else rest
        if not _is_adverbial_tail(tail):
            return False
        source = self._resolve_source(trailing.group("src"))
        if not source:
            return False
        denier = None
        if contrast and contrast.group("verb") in DENY_VERBS:
            denier = self._resolve_source(contrast.group("denier"))
        via = self._addressee_via(rest) if verb in {"told", "tells"} else self._via_from(rest)
        citing = _CITING.search(rest)
        cited = self._resolve_source(citing.group("cited")) if citing else None
        if cited:
            # "S, news agencies reported, citing a source in the Kremlin": the Kremlin said it, they
            # relayed it; "the source" later in the article is the same one.
            cited.descriptors.append(citing.group("unnamed") or "source")
            source, via = cited, source.name
        self._add_statement(trailing.group("stmt"), source, ASSERTS, via, quote=sentence)
        if denier is not None and denier.name != source.name:
            self._add_statement(
                trailing.group("stmt"), denier, DENIES, self._default_via(denier), quote=sentence
            )
        return True

    def _read_passive_attribution(self, sentence: str) -> bool:
        """ "It was reported by X that S": the speaker follows "by", not the dummy "it"."""
        match = _PASSIVE_ATTRIBUTION.match(_strip_opening(sentence.rstrip(". ")))
        if not match:
            return False
        source = self._resolve_source(match.group("src"))
        if source is None:
            return False
        stance = DENIES if match.group("verb") in DENY_VERBS else ASSERTS
        self._add_with_continuations(
            match.group("stmt"), source, stance, self._default_via(source), sentence
        )
        return True

    def _read_participial_attribution(self, sentence: str) -> bool:
        match = _PARTICIPIAL_ATTRIBUTION.match(sentence.rstrip(". "))
        if not match:
            return False
        source = self._resolve_source(match.group("src"))
        if source is None:
            return False
        statement, relay = _strip_adverbials(match.group("stmt"))
        if match.group("participle") == "telling":
            statement, told_via = _told_clause(statement)
            relay = told_via or relay
        statement = re.sub(r"^that\s+", "", statement)
        obj = re.sub(r"^\s*(?:the|a|an)\s+", "the ", match.group("object").strip())
        if obj and _VERDICT_ON_IT.match(statement):
            # "rejected the account, saying it was false": "it" is what was rejected; in
            # "rejected the account, saying it had no positions there" it is the speaker, whom
            # the pronoun resolution names.
            statement = re.sub(r"^(?:it|this)\b", obj, statement)
        stance = CONTINUATION_PARTICIPLES[match.group("participle")]
        self._add_statement(
            statement, source, stance, relay or self._default_via(source), quote=sentence
        )
        return True

    def _attributed_complement(
        self,
        source: SourceMention,
        verb: str,
        rest: str,
        sentence: str,
        relay_via: str = "",
        depth: int = 0,
        *,
        clause_found: bool = False,
        denial: bool = False,
    ) -> bool:
        """Handle what follows "X said": adverbials, relays, the that-clause and its
        continuations. With `clause_found`, `rest` is the clause the parse found after the verb,
        its addressee already read; with `denial`, a denial noun the verb took ("reiterated a
        denial that S") denies the clause."""
        stance = DENIES if verb in DENY_VERBS or denial else ASSERTS
        via = relay_via
        # The other statements a plural "denied the claims" points back at.
        denied_too: list[str] = []
        # A clause of another subject after a denial pointing back, read on its own.
        other_clause = ""
        if verb in {"told", "tells"} and not clause_found:
            addressee = _ADDRESSEE.match(rest)
            if addressee:
                via = _medium_name(addressee.group("who"))
                rest = rest[addressee.end() :]
        complement, relay = _strip_adverbials(rest)
        relayed = _TRAILING_RELAY.search(complement)
        if relayed:
            # "X said S, the Pakistan Tribune reported Thursday": the paper relays X; it is not part
            # of S. "RDF has denied that S, RDF said in a statement": the speaker again, no relay.
            complement = complement[: relayed.start()]
            teller = self._resolve_source(relayed.group("relay"))
            if teller is None or teller.name != source.name:
                relay = relay or relayed.group("relay")
        via = via or relay
        if stance == DENIES:
            complement = _AS_FALSE_TAIL.sub("", complement)
        nominal = (
            _nominal_denial(complement, source, event_denied=verb in _EVENT_DENYING_VERBS)
            if stance == DENIES
            else ""
        )
        claimant = _CLAIMANT_CLAUSE.match(complement) if stance == DENIES else None
        event = _REPORTED_EVENT.match(complement) if stance == DENIES else None
        if claimant:
            name = claimant.group("claimant")
            if name[0].islower() and not name.startswith(("al-", "el-")):
                # "the rebel's claims": a common noun keeps its article, and the copy's singular is
                # the group.
                name = f"the {name if name.endswith('s') else name + 's'}"
            if claimant.group("gerund"):
                done = f"{_past_form(claimant.group('gerund'))}{claimant.group('done')}"
                complement = f"that {name} {done}"
            else:
                complement = (
                    f"that {name}{claimant.group('rest')}"
                    if claimant.group("rest") is not None
                    else f"that {name} had {claimant.group('participle')}{claimant.group('object')}"
                )
        elif event:
            complement = (
                (
                    "that there was "
                    f"{_indefinite_article(event.group('event').split()[0])}"
                    f"{event.group('event')}"
                )
                if not event.group("event").endswith("s")
                else f"that there were {event.group('event')}"
            )
        elif nominal:
            complement = nominal
        elif stance == DENIES and (
            anaphor := _ANAPHORIC_REPORT.match(complement)
            # "dismissed this as fake news": "this" is no time phrase to strip.
            or _ANAPHORIC_REPORT.match(rest.strip())
        ):
            tail = anaphor.group("tail") or ""
            if _ANOTHER_SUBJECT.match(tail) and not _SECOND_ATTRIBUTION.match(tail):
                # "Ukraine denied Russian accusations and the country's foreign minister tweeted
                # ...": no continuation of the denial, but a clause of its own, read as a sentence
                # after it (its speaker is whom the next "He" means).
                other_clause, tail = tail, ""
            antecedents = self._denied_antecedents(
                source,
                noun=anaphor.group("noun") or anaphor.group("pronoun") or anaphor.group("part"),
                claimant=anaphor.group("claimant") or anaphor.group("owner") or "",
            )
            if not antecedents:
                return False
            complement, denied_too = antecedents[0] + tail, antecedents[1:]
        elif stance == DENIES and (claimed := _CLAIM_BY.match(complement)):
            # "denied a claim by Yemen's Houthi movement that they had carried out a drone strike":
            # the claimant asserts the clause, the speaker denies it. A claim's "they" is its
            # claimant; an accusation's "it" is the accused, the speaker.
            claimant = self._resolve_source(claimed.group("claimant"))
            if claimant is None or claimant.name == source.name:
                return False
            meant = claimant if claimed.group("noun").startswith(("claim", "assertion")) else source
            statement = _OPENING_PRONOUN.sub(_display(meant), claimed.group("stmt"), count=1)
            complement = f"that {statement}"
            # The claimant's words are quoted from the report noun on: the denial before them is
            # the speaker's, and the polarity guard reads this quote.
            claim_start = sentence.find(f"{claimed.group('noun')} ")
            if claim_start >= 0:
                self._add_statement(
                    statement,
                    claimant,
                    ASSERTS,
                    via or self._default_via(claimant),
                    quote=sentence[claim_start:],
                )
        elif stance == DENIES:
            complement = _DISMISSED_AS.sub("", complement)
            complement = _DENIED_REPORT.sub("", complement)
            if not complement.startswith("that ") and not _BARE_CLAUSE.match(complement):
                gerund = (
                    _gerund_statement(complement, source)
                    or _denied_event(complement)
                    or _denied_existence(complement)
                )
                if not gerund:
                    return False
                complement = gerund
        else:
            if not _REPORTS_FALSE.match(complement.replace('"', "")):
                complement = re.sub(rf"^(?:{'|'.join(REPORT_NOUNS)})\s+(?=that\b)", "", complement)
            accusation = _ACCUSED_OF.match(complement) if verb in {"accused", "accuses"} else None
            if accusation:
                # "accused Armenian troops of shooting at its posts": the accused did the act.
                complement = (
                    _clause_from_gerund_phrase(
                        f"{accusation.group('accused')} {accusation.group('act')}"
                    )
                    or complement
                )
            responsibility = (
                _CLAIMED_ATTACK.match(complement)
                if verb in {"claimed", "claims"} and not clause_found
                else None
            )
            if responsibility:
                # "claimed the attack on its Amaq outlet, saying ...": the group says it carried it
                # out.
                via = via or _medium_name(
                    re.sub(r"^\s*(?:on|through|via|in)\s+", "", responsibility.group("relay") or "")
                )
                complement = (
                    f"{_display(source)} carried out {responsibility.group('act')}"
                    f"{responsibility.group('tail') or ''}"
                )
            elif not (
                accusation
                or complement.startswith("that ")
                or _BARE_CLAUSE.match(complement)
                or verb in _CLAUSE_ONLY_VERBS
            ):
                # "Separatists declared independence", "announced a curfew": an act, not an
                # attribution.
                return False
        complement = re.sub(r"^that\s+", "", complement)
        falsity = (
            _NOT_TRUE_THAT.match(complement)
            or _REPORTS_FALSE.match(complement.replace('"', ""))
            or _NO_TRUTH.match(complement)
        )
        if falsity:
            stance = opposite_stance(stance)
            statement = falsity.group("stmt")
            if "link" in falsity.groupdict() and falsity.group("link") != "that":
                # "reports of a massacre in the village were false": that there was one.
                statement = (
                    _clause_from_gerund_phrase(statement)
                    or _denied_event(f"reports of {statement}").removeprefix("that ")
                    or statement
                )
            complement = statement
        elif stance == ASSERTS and _ANAPHORIC_FALSE.match(complement.replace('"', "")):
            antecedents = self._denied_antecedents(source)
            if not antecedents:
                return False
            stance, complement, denied_too = DENIES, antecedents[0], antecedents[1:]
        second = _SECOND_ATTRIBUTION.search(complement)
        tail = ""
        if second:
            complement, tail = complement[: second.start()], complement[second.end() :]
        if len(complement.split()) < MIN_STATEMENT_WORDS:
            return False
        via = via or self._default_via(source)
        self._add_with_continuations(complement, source, stance, via, sentence)
        self._add_each(denied_too, source, DENIES, via, quote=sentence)
        if other_clause:
            self._read_sentence(_ANOTHER_SUBJECT_LINK.sub("", other_clause))
        if tail and not self._read_say_verb(tail, depth + 1):
            self._read_according_to(tail)
        return True

    def _denied_antecedents(
        self, denier: SourceMention, *, noun: str = "claims", claimant: str = ""
    ) -> list[str]:
        """What "denied the claim", "rejected the accusation", "denied any involvement" or "said
        the reports were unfounded" points back at: what the denier already denied ("Qureshi said
        the reports were unfounded. ... Qureshi said the reports were just rumours"), else the
        statements of another speaker in the nearest of this sentence and the two before it that
        holds one that fits: for an accusation, what someone accused someone of there ("X accused
        Y of shelling the market. Y rejected the accusation": Y shelled the market), else for any
        noun what someone else asserted (or denied, where it denied reports: their content is what
        the reports say; a plain denial is its speaker's own claim, and nothing is denied); for
        "any involvement", only what the denier was accused of. Two speakers there, or two
        statements for a singular noun, are two candidates: nothing is denied rather than the wrong
        one. The denier's own statements never are ("confirmed there had been fighting, but
        refuted the claims"), nor the outlet's own reporting, which no one "claimed"."""
        for claim in reversed(self.claims[-6:]):
            # A claimant named ("denied Russian accusations") says which statements are meant:
            # not necessarily those the denier denied before.
            if claim.stance == DENIES and claim.source is denier and not claimant:
                return [claim.text]
        # "that version of events" is a version.
        noun = noun.lower().split()[0]
        if noun in {"involvement", "responsibility"}:
            kinds = ["own part"]
        elif noun.startswith(("accusation", "allegation", "charge")):
            kinds = ["accusation", "statement"]
        else:
            kinds = ["statement"]
        for kind in kinds:
            for index in range(len(self.recent_sentences) - 1, -1, -1):
                sentence, first = self.recent_sentences[index]
                last = (
                    self.recent_sentences[index + 1][1]
                    if index + 1 < len(self.recent_sentences)
                    else len(self.claims)
                )
                found = self._antecedents_in(
                    sentence, self.claims[first:last], denier, kind, noun, claimant
                )
                if found is None:
                    return []
                if claimant and kind != "statement":
                    found = {
                        name: texts
                        for name, texts in found.items()
                        if self._made_by(claimant, name)
                    }
                if found:
                    return _one_candidate(found, noun)
        if claimant:
            return self._claimant_statements(denier, claimant, noun)
        return []

    def _claimant_statements(self, denier: SourceMention, claimant: str, noun: str) -> list[str]:
        """What a named claimant said before the last three sentences ("denied all claims made by
        the Indian Army", its claim four sentences back): the claimant names the statements, so
        they may lie further back, among the statements read last. The nearest sentence holding
        one of them is the one meant."""
        by_sentence: dict[str, dict[str, list[str]]] = {}
        for claim in self.claims[-_CLAIMANT_REACH:]:
            if (
                claim.source.name == denier.name
                or claim.source.is_outlet
                or not self._made_by(claimant, claim.source.name)
            ):
                continue
            if claim.stance == DENIES and noun in _WHOLE_STATEMENT_NOUNS:
                return []
            if claim.stance == DENIES:
                # The claimant's own denial is none of its claims: rejected, it would be asserted.
                continue
            by_sentence.setdefault(claim.quote, {}).setdefault(claim.source.name, []).append(
                claim.text
            )
        if not by_sentence:
            return []
        return _one_candidate(list(by_sentence.values())[-1], noun)

    def _made_by(self, claimant: str, name: str) -> bool:
        """Whether the claimant a denial names ("claims made by the Indian Army", "the BLA's
        claims", "Russian accusations") is this speaker: resolved to the same name, or every word
        of it (a country's adjective read as the country) in the speaker's name ("Russian" is
        "Russia's FSB security service")."""
        named = self._resolve_source(claimant)
        if named is not None and named.name == name:
            return True
        wanted = _name_words(claimant)
        return bool(wanted) and wanted <= _name_words(name)

    def _antecedents_in(
        self,
        sentence: str,
        claims: list[ExtractedClaim],
        denier: SourceMention,
        kind: str,
        noun: str,
        claimant: str,
    ) -> dict[str, list[str]] | None:
        """The statements of one sentence a denial may point back at, by their speaker's name:
        what the parse reads as accusations ("accusing the junta of breaching a ceasefire",
        "blamed the RSF for the attack": the accused did it), or, for `kind` "statement", the
        claims read from it; a `claimant` named ("the claims made by X") keeps only its own and
        what others denied of them. None where the nearest statement meant is a denial that cannot
        be denied in turn: nothing further back is meant either."""
        found: dict[str, list[str]] = {}
        if kind == "statement":
            for claim in claims:
                if claim.source.name == denier.name or claim.source.is_outlet:
                    continue
                if (
                    claimant
                    and claim.stance == DENIES
                    and noun not in _WHOLE_STATEMENT_NOUNS
                    and self._made_by(claimant, claim.source.name)
                ):
                    # "The rebels denied S. The army rejected the rebels' claims": the claimant's
                    # own denial is none of its claims (rejected, S would be asserted).
                    continue
                if (
                    claimant
                    and claim.stance == ASSERTS
                    and not self._made_by(claimant, claim.source.name)
                ):
                    # "refuted the claims made by the militia": the militia's, or what another
                    # speaker denied of them.
                    continue
                if claim.stance == DENIES and (
                    noun in _WHOLE_STATEMENT_NOUNS or not _REPORT_DENIED.search(claim.quote)
                ):
                    # "The rebels said they had not attacked the convoy. The army dismissed the
                    # claims": the claims are the rebels' denial, and dismissing it asserts the
                    # attack. Only a denial of reports ("denied reports that ...") leaves claims
                    # whose content another speaker may deny too.
                    return None
                found.setdefault(claim.source.name, []).append(claim.text)
            return found
        if not _ACCUSING_WORD.search(sentence):
            return found
        for accusation in accusations(parse(_parsed_form(sentence))):
            accuser = self._resolve_source(accusation.accuser)
            if accuser is None or accuser.name == denier.name:
                continue
            if kind == "own part" and not _names_the_same(accusation.accused, denier):
                continue
            act = accusation.act
            statement = (
                _clause_from_gerund_phrase(f"{accusation.accused} {act}")
                if act.split()[0].endswith("ing")
                else f"{accusation.accused} carried out {act}"
            )
            if statement:
                found.setdefault(accuser.name, []).append(statement)
        return found

    def _add_with_continuations(
        self, text: str, source: SourceMention, stance: str, via: str, quote: str, depth: int = 0
    ) -> None:
        continuation = _CONTINUATION.search(text)
        follow: tuple[str, str, str] | None = None
        follow_source = source
        if continuation:
            follow_stance = CONTINUATION_PARTICIPLES[continuation.group("word")]
            follow_text = continuation.group("rest")
            follow_via = via
            if continuation.group("word") == "telling":
                follow_text, told_via = _told_clause(follow_text)
                follow_via = told_via or via
            if follow_stance == DENIES:
                # "..., dismissing reports that S": S is what is denied, as after "dismissed".
                follow_text = _DENIED_REPORT.sub("", follow_text)
            follow = (re.sub(r"^that\s+", "", follow_text), follow_stance, follow_via)
            cut = continuation.start()
            own_speaker = _participle_speaker(text, continuation.start("word"))
            if own_speaker is not None:
                # "..., despite witnesses saying that S", "..., with MRTV saying S": S is the
                # participle's own subject's, not the speaker's.
                phrase, cut = own_speaker
                follow_source = self._resolve_source(phrase) or source
                if follow_source is source:
                    follow = None
                else:
                    follow = (follow[0], follow_stance, self._default_via(follow_source))
            text = text[:cut]
        parts = _CONJOINED_SAY.split(text)
        first, extra = parts[0], []
        if len(parts) > 1:
            # re.split with a group yields [text, verb, text, verb, ...]
            for index in range(2, len(parts), 2):
                verb = parts[index - 1]
                # "denied that S1 and that S2": a second "that" goes on with the same verb.
                part_stance = stance if verb is None else DENIES if verb in DENY_VERBS else ASSERTS
                extra.append((parts[index], part_stance))
        alternatives = [
            (alternative, part_stance)
            for part, part_stance in [(first, stance), *extra]
            # "denied that S1 or that S2" denies each; "said that S1 or that S2" asserts neither
            # alone, and stays whole.
            for alternative in (_OR_THAT.split(part) if part_stance == DENIES else [part])
        ]
        for part, part_stance in alternatives:
            # Trailing clauses go first: "and described the claim as baseless" is the speaker's
            # comment, not a second predicate of the statement.
            # A clause set off in the middle goes before them: it is not the statement's end.
            trimmed = _TRAILING_CLAUSE.sub("", without_medial_clauses(part.strip()))
            for conjunct in _split_shared_subject(trimmed):
                self._add_statement(conjunct, source, part_stance, via, quote=quote)
        if follow and depth < MAX_CHAINED_CLAUSES:
            self._add_with_continuations(
                follow[0], follow_source, follow[1], follow[2], quote, depth + 1
            )

    def _read_unattributed(self, sentence: str) -> None:
        if self.outlet is None or not _is_reported_event(sentence):
            return
        statement = _strip_opening(sentence.rstrip(". "))
        self._add_statement(statement, self.outlet, ASSERTS, "", quote=sentence, outlet_claim=True)

    # ----- statements ----------------------------------------------------------------------
    def _add_each(self, texts: list[str], source: SourceMention, stance: str, via: str, **where):
        """`_add_statement` for each of the statements one span was split into."""
        for text in texts:
            self._add_statement(text, source, stance, via, **where)

    def _add_statement(
        self,
        text: str,
        source: SourceMention,
        stance: str,
        via: str,
        *,
        quote: str,
        from_quote: bool = False,
        outlet_claim: bool = False,
    ) -> None:
        text = text.replace('"', "").strip().rstrip(",.;: ")
        text = without_background(_TRAILING_CLAUSE.sub("", without_medial_clauses(text)))
        text = _TRAILING_PARTICIPLE.sub("", text)
        text = _DISTANCE_APPOSITIVE.sub("", text)
        text = _TRAILING_APPOSITIVE.sub(r"\g<name>", text)
        text = _INNER_APPOSITIVE.sub(r"\g<name>,", text)
        text = _strip_opening(text)
        text = re.sub(
            r"^(?:when we talk about [^,]+|frankly|in fact|of course|indeed),\s*",
            "",
            text,
            flags=re.I,
        )
        text = _statement_clause(text)
        text = _EXPANDED_ACRONYM.sub(_acronym_unless_expanded, text)
        # "The IDF clarifies that there is no incident ...": the negated clause vouched for.
        text = vouched_negation(text) or text
        if cleft := cleft_clause(text):
            # "It was not our soldiers that were attacked": the clause it focuses, its negation
            # moved into the stance.
            text, negated = cleft
            if negated:
                stance = opposite_stance(stance)
        where = {"quote": quote, "from_quote": from_quote, "outlet_claim": outlet_claim}
        if contrast := contrasted_negation(text):
            # "targeted a Houthi base, not the prison": the one asserted, the other denied.
            asserted, denied = contrast
            self._add_statement(asserted, source, stance, via, **where)
            self._add_statement(denied, source, opposite_stance(stance), via, **where)
            return
        # Each clause is read on its own: for its negation, and for a verdict on a report ("the
        # reports of explosions were false and the evacuation was contrived"). So is each
        # predicate of a negated one, on every reading path: "did not fight back and only
        # protected themselves" denies the first and asserts the second.
        if parts := neither_nor(text):
            # "is neither involved in nor supports S": each predicate is denied. Under a denial
            # already ("denied that it had neither ...") the double negation is not proposed.
            if stance == ASSERTS:
                self._add_each(parts, source, DENIES, via, **where)
            return
        # "there was no damage and no craters": each noun phrase is denied on its own; else each
        # independent clause is a statement of its own.
        parts = conjoined_negatives(text)
        if not parts:
            parts = independent_clauses(text)
            if len(parts) == 1 and _positive_form(text)[1]:
                parts = _split_shared_subject(text)
        if len(parts) > 1:
            self._add_each(parts, source, stance, via, **where)
            return
        if stance == ASSERTS and not outlet_claim and (verdict := falsity_verdict(text)):
            # "Information from foreign media about the downing of a jet isn't true", "the rumors
            # being spread by al-Shabab were false": the speaker denies what the report said, read
            # off the parse of the verdict; a report named without its content denies what was
            # reported before.
            if len(acts := _denied_acts(verdict.event) if verdict.event else []) > 1:
                self._add_each(acts, source, DENIES, via, **where)
                return
            denied = verdict.statement or (
                verdict.event and _denied_event(f"reports of {verdict.event}").removeprefix("that ")
            )
            if not denied and not verdict.event:
                denied = next(iter(self._denied_antecedents(source)), "")
            claimant = self._resolve_source(verdict.claimant) if verdict.claimant else None
            if claimant is not None and claimant.name != source.name:
                # "an assertion by Syrian rebels that they had retaken the town was false": the
                # report's "they" is its claimant, not the speaker judging it.
                denied = _OPENING_PRONOUN.sub(_display(claimant), denied, count=1)
            if not denied:
                return
            text, stance = denied, DENIES
        if (
            len(text.split()) < MIN_STATEMENT_WORDS
            or not _has_verb(text)
            or _OPINION.match(text)
            or _INTENTION.match(text)
            or _ASSESSMENT.match(text)
        ):
            return
        text = self._resolve_pronouns(
            text, source, from_quote=from_quote, outlet_claim=outlet_claim
        )
        self.notes = []
        text = self._reference_replaced(text, _THE_COUNTRY, self.countries, "country")
        text = self._reference_replaced(text, _THE_CAPITAL, self.capitals, "capital")
        text = self._place_definite_descriptions(text)
        text = _THE_LEADER.sub(self._leader_named, text)
        city = (
            self._only(self.cities, "city")
            if _THE_CITY.search(text) or _THE_CITYS.search(text)
            else ""
        )
        if city:
            text = _THE_CITYS.sub(rf"the \1\2 of {city}", text)
            text = _THE_CITY.sub(city, text)
        if via and (
            via == source.name or (self.outlet and via == self.outlet.name and source.is_outlet)
        ):
            via = ""
        self._add_polar_statement(text, source, stance, via, quote)
        text = text[0].upper() + text[1:]
        plural_subject = re.match(r"^(?P<np>.+?)\s+(?P<verb>had|have|were|are|would|will)\b", text)
        if (
            plural_subject
            and len(plural_subject.group("np").split()) <= 6
            # "The report had not been corroborated. They were taken to Benghazi": "had" does
            # not make "the report" the "they" that follows.
            and (
                plural_subject.group("verb") in {"have", "were", "are"}
                or plural_subject.group("np").endswith("s")
            )
        ):
            self.last_subject = plural_subject.group("np")
        subject = re.match(rf"^(?:President\s+|Prime Minister\s+)?((?:{_NAME_TOKEN}\s*)+)", text)
        if subject and subject.group(1).strip().lower() not in _NOT_A_NAMED_SUBJECT:
            self.last_subject_name = subject.group(1).strip()

    def _add_polar_statement(
        self, text: str, source: SourceMention, stance: str, via: str, quote: str
    ) -> None:
        """One clause, its main-clause negation moved into the stance; a denied clause of
        alternatives ("attacked Donetsk or sent saboteurs") is one denial for each."""
        text, negated = _positive_form(text)
        if negated and _RESIDUAL_NEGATION.search(text):
            # "never held and do not hold": one negation moved into the stance, another left in the
            # text; the matcher would read the rest as a second denial. Not proposed rather than
            # inverted.
            return
        if negated:
            stance = opposite_stance(stance)
        if stance == DENIES:
            # "denied that any civilians had been harmed": what is denied is that some were;
            # "there is no record of any attack": that there is a record of an attack.
            text = without_any(_ANY_OPENING.sub(_some_for_any, text))
        for alternative in (
            _split_shared_subject(text, alternatives=True) if stance == DENIES else [text]
        ):
            about, alternative = _time_about(alternative, self.published)
            self.claims.append(
                ExtractedClaim(
                    text=alternative[0].upper() + alternative[1:],
                    stance=stance,
                    source=source,
                    via=via,
                    quote=quote,
                    about=about,
                    notes=list(self.notes),
                )
            )

    def _note_leaders(self, sentence: str) -> None:
        for match in _TITLED_LEADER.finditer(sentence):
            office = _OFFICES[match.group("office").lower()]
            self.leaders.setdefault(office, {})[match.group("name")] = None

    def _leader_named(self, match: re.Match) -> str:
        """ "the Pakistani leader planned to resign" -> "Pervez Musharraf planned to resign", when
        the article has named exactly one head of state or government with that office ("leader":
        any) so far; otherwise the reference is left as written, with a note for the reviewer."""
        office = _OFFICES[match.group("office").lower()]
        if office == "leader":
            candidates = {name: None for names in self.leaders.values() for name in names}
        else:
            candidates = self.leaders.get(office, {})
        return self._only(candidates, match.group("office").lower()) or match.group(0)

    def _resolve_pronouns(
        self, text: str, source: SourceMention, *, from_quote: bool, outlet_claim: bool
    ) -> str:
        first, _, rest = text.partition(" ")
        word = first.lower()
        if word == "it" and expletive_it(text):
            # "it had been decided that S": the "it" stands for the clause, not for a source.
            return text
        speaker_org = source.parent or (source.name if not source.is_person else "")
        replacement = ""
        if self.sentence_topic and not from_quote and word == _pronoun_for(self.sentence_topic):
            replacement = self.sentence_topic
        elif outlet_claim:
            if word in {"it", "they"} or text.lower().startswith(("the group ", "the movement ")):
                if self.topic:
                    if word not in {"it", "they"}:
                        rest = text.split(" ", 2)[2]
                    replacement = self.topic
        elif word in {"he", "she"}:
            replacement = (
                source.name if source.is_person and not from_quote else self.last_subject_name
            )
            if (
                not source.is_person
                and not from_quote
                and source.name.split()[-1].lower() in ROLE_NOUNS
            ):
                # "The president said he hoped ...": the speaker named by a role, not whoever
                # was last the subject of a statement.
                replacement = f"the {source.name}" if source.name[0].islower() else source.name
        elif word in {"it", "they"} and not source.is_person and not from_quote:
            # "The rebels said they had ...": the speaker; inside a quote the speaker says "we".
            replacement = _display(source)
        elif word == "they" and self.last_subject and not from_quote:
            replacement = self.last_subject
        elif word in {"we", "i"} and from_quote:
            replacement = speaker_org if word == "we" else source.name
        elif word in {"its", "their", "our"} and (speaker_org or not source.is_person):
            replacement = (
                f"{speaker_org if word != 'its' or source.is_person else _display(source)}'s"
            )
        elif word in {"his", "her"} and source.is_person and not from_quote:
            replacement = f"{source.name}'s"
        if not replacement:
            return text
        return f"{replacement} {rest}".strip()


# Capitalised openings that name nobody "he" could mean later: "There was fighting", "It had".
_NOT_A_NAMED_SUBJECT = {"the", "a", "an", "there", "it", "this", "that", "they", "he", "she", "we"}
_PRONOUN_GLOSS = re.compile(r"^They\s+\((?P<gloss>[^()]{2,60})\)\s")
_BARE_THEY = re.compile(r"^They\s+(?!\()")
# "..., the ministry claimed on Sunday, though Ukraine denied it": a second speaker's verdict on the
# statement just attributed.
_CONTRAST_TAIL = re.compile(
    r",?\s+(?:though|although|but|while|whereas)\s+(?P<denier>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?)"
    r"\s+(?:has\s+|have\s+|had\s+|quickly\s+|swiftly\s+|later\s+)?(?P<verb>[a-z]+)\s+"
    r"(?:it|this|that|the\s+(?:claim|report|account|assertion))\W*$"
)
_SAY_ALTERNATION = "|".join(sorted(SAY_VERBS | DENY_VERBS, key=len, reverse=True))
_SAY_VERB = re.compile(rf"\b({_SAY_ALTERNATION})\b")
# "The ministry is denying accusations that S": a progressive speech verb, which the parse reads.
_PROGRESSIVE_SPEECH = re.compile(
    rf"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:{'|'.join(CONTINUATION_PARTICIPLES)})\b"
)
# "Shelling went on, with residents saying that S", "The army called for calm, insisting that S":
# a speech participle after a verb that is none.
_PARTICIPLE_SPEECH = re.compile(
    rf",\s+(?:with\s+[^,]{{1,60}}?\s+)?(?:{'|'.join(CONTINUATION_PARTICIPLES)})\b"
)
# ", who say that S" after the source of "according to".
_WHO_SAY = re.compile(
    rf",\s+(?:who|which)\s+(?:also\s+|further\s+)?(?P<verb>{_SAY_ALTERNATION})\b(?P<rest>.+)$"
)
# "cited a security source as saying": no speech verb of the list, but a speaker the parse names.
_AS_SAYING = re.compile(r"\bas\s+saying\b")
# '"S1," X said, "and S2."': a quote broken by its attribution.
_SPLIT_QUOTE = re.compile(
    r'^"(?P<quote>[^"]{12,})"\s*,?\s*(?P<attr>[^"]+?),\s*"(?P<more>[^"]{12,}?)[.,]?"\s*\.?$'
)
# A sentence that is a quote and nothing else (the full stop may be set after the quote mark).
_QUOTE_ALONE = re.compile(r'^"(?P<quote>[^"]{12,})"\.?\s*$')


# "accuse", "claim": the plural present of a listed speech verb, which the parse tells from a noun
# (`frames.speech_form`).
_PLURAL_PRESENT_SPEECH = re.compile(
    r"\b(?:"
    + "|".join(
        sorted({verb[:-1] for verb in SAY_VERBS | DENY_VERBS if verb.endswith("s")}, reverse=True)
    )
    + r")\b"
)


def _wants_parse(sentence: str) -> bool:
    """Whether the sentence may attribute a statement, and so is parsed."""
    return bool(
        _SAY_VERB.search(sentence)
        or _PLURAL_PRESENT_SPEECH.search(sentence)
        or _AS_SAYING.search(sentence)
        or _PROGRESSIVE_SPEECH.search(sentence)
        or _PARTICIPLE_SPEECH.search(sentence)
    )


# "GOMA, Congo (AP) —", "GAZA/JERUSALEM, May 2 (Reuters) -", "ISLAMABAD, Pakistan, May 29 (UPI)
# --", "BUNIA, DR Congo, 22 September 2025 (AFP) -", and the date-first "Nov 12, 2006 (BANGUI) —".
_DATELINE = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z .,'’/-]{1,40}?"
    # "Bogota (AFP) -": the city may be written in lower case, with the agency after it.
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\s*(?=\())"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|,\s*\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?"
    r"|,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})*\s*"
    r"\((?P<agency>[A-Za-z .-]{2,30})\)"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*\d{4}\s*\([A-Z][A-Z .'-]{2,30}\))\s*[-–—]+\s*"
    # "Maputo — The authorities": a city and a long dash.
    r"|^\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+[—–]\s+(?=[A-Z])"
    # "MOSCOW (UrduPoint News / Sputnik - 01st September, 2019) The coalition": the outlets and
    # the date in brackets, no dash.
    r"|^\s*[A-Z]{3,}(?:\s+[A-Z]{3,})*\s*\([^()]{3,80}?\b\d{4}\)\s+(?=[A-Z])"
)

_CONTINUATION = re.compile(
    rf",?\s+(?P<word>{'|'.join(CONTINUATION_PARTICIPLES)})\b(?!\s+to\s)\s*(?P<rest>.*)$", re.DOTALL
)
# "denied media reports published by X that S": the report a denial names before the clause it
# denies.
_DENIED_REPORT = re.compile(
    rf"^(?:the\s+|an?\s+|all\s+|any\s+|widespread\s+|media\s+|news\s+|press\s+|online\s+|recent\s+"
    rf"|unconfirmed\s+|[A-Z][\w’'-]+\s+)*(?:{'|'.join(REPORT_NOUNS)})"
    r"(?:\s+(?:published|carried|aired|circulated|circulating))?"
    r"(?:\s+(?:by|from|in|on)\s+[^,]+?)?(?:\s+(?:suggesting|saying|claiming|alleging|stating))?\s+(?=that\b)"
)
# "As for the photos that had appeared, ...": the sentence's topic, before the comma.
_AS_FOR = re.compile(r"^As\s+for\s+(?P<topic>(?:the|these|those|this|that)\s+[^,]{2,80}),\s")


def _pronoun_for(topic: str) -> str:
    """ "they" for a plural topic, "it" for a singular one, by its noun before any clause."""
    noun = re.split(r"\s+(?:that|which|who|of|in|on|from)\s+", topic)[0].split()[-1]
    return "they" if noun.lower().endswith("s") and not noun.lower().endswith("ss") else "it"


_CONJOINED_SAY = re.compile(
    r"(?:,?\s+and\s+that\s+|,?\s+(?:but|and)\s+(?:also\s+)?(?P<verb>said|added|insisted|warned|noted|denied|stressed"
    r"|rejected|dismissed)\s+(?:(?:the\s+)?(?:accusations?|claims?|reports?|allegations?|suggestions?)\s+)?(?:that\s+)?)"
)
_OR_THAT = re.compile(r",?\s+or\s+that\s+")
# "... they had entered Hama, and the army said it had redeployed ...": a second speaker.
_SECOND_ATTRIBUTION = re.compile(
    rf",?\s+(?:and|but|while|whereas)\s+(?=(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){{0,5}}\s+(?:{_SAY_ALTERNATION})\b)"
)

# A head of state or government named with the title ("President Pervez Musharraf"), not a former
# one or a deputy ("former Prime Minister Nawaz Sharif", "First Vice President Riek Machar").
_OFFICES = {
    "president": "president",
    "prime minister": "prime minister",
    "premier": "prime minister",
    "king": "king",
    "leader": "leader",
}
_TITLED_LEADER = re.compile(
    r"(?<![Ff]ormer )(?<![Vv]ice )(?<![Dd]eputy )(?<![Ll]ate )(?<![Ee]x-)"
    r"\b(?P<office>President|Prime Minister|Premier|King)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:al-|bin\s+)?[A-Z][\w'’-]+){0,3})"
)
# "the Pakistani leader", "the president": the one named earlier, when there is only one.
_DEMONYM_ALTERNATION = "|".join(re.escape(d) for d in sorted(DEMONYMS, key=len, reverse=True))
_THE_LEADER = re.compile(
    rf"\b[Tt]he\s+(?:(?i:{_DEMONYM_ALTERNATION})\s+)?"
    r"(?P<office>[Ll]eader|[Pp]resident|[Pp]rime [Mm]inister|[Pp]remier|[Kk]ing)\b"
    r"(?!\s+(?:of|[A-Z]))(?!')"
)
_THE_COUNTRY = re.compile(r"\bthe country\b(?!'s)")
_THE_CAPITAL = re.compile(r"\b[Tt]he capital\b(?!,)(?!\s+[A-Z])")
_THE_CITY = re.compile(r"\b[Tt]he city\b(?!\s+of\b)(?!')")
_THE_CITYS = re.compile(
    r"\b[Tt]he city's\s+([\w-]+\s+)?(countryside|outskirts|centre|center|suburbs)\b"
)

_PARTICIPIAL_ATTRIBUTION = re.compile(
    rf"^(?P<src>[^,]{{2,80}}?)\s+(?P<verb>[a-z]+ed)\s+(?P<object>[^,]{{0,100}}),\s+"
    rf"(?P<participle>{'|'.join(CONTINUATION_PARTICIPLES)})\s+(?:that\s+)?(?P<stmt>.+)$"
)
_PASSIVE_ATTRIBUTION = re.compile(
    r"^(?:it|this)\s+(?:is|was|has been|had "
    rf"been)\s+(?P<verb>{_SAY_ALTERNATION})\s+by\s+(?P<src>[^,]+?),?\s+"
    r"that\s+(?P<stmt>.+)$",
    re.IGNORECASE,
)
# "said it was not true that S", "said reports of S were false": the speaker denies S.
_NOT_TRUE_THAT = re.compile(
    r"^(?:it|this)\s+(?:is|was)\s+(?:not\s+true|untrue|false|a\s+lie|baseless|not\s+correct)\s+that\s+(?P<stmt>.+)$",
    re.IGNORECASE,
)
# What a speaker calls a report it denies; the forms below add their own words to these.
_FALSE_WORDS = "false|untrue|baseless|unfounded|fabricated|lies|incorrect|inaccurate|groundless"
_REPORTS_FALSE = re.compile(
    rf"^(?:the\s+|all\s+|any\s+|media\s+)*(?:{'|'.join(REPORT_NOUNS)})\s+(?P<link>that|of|about)\s+(?P<stmt>.+?)\s+"
    r"(?:is|are|was|were)\s+(?:(?:completely|totally|entirely|utterly|simply)\s+)?"
    rf"(?:{_FALSE_WORDS})\W*$",
    re.IGNORECASE,
)
_AS_CITED_BY = re.compile(r"^as\s+(?:cited|quoted|reported)\s+by\s+(?P<via>[^,]{2,60}),\s*")
# "it was false", "this is fabricated": a verdict on what was just named.
_VERDICT_ON_IT = re.compile(
    r"^(?:it|this)\s+(?:is|was|were|are|had\s+been|has\s+been)\s+(?:\w+\s+){0,2}?"
    rf"(?:{_FALSE_WORDS}|fabrication|lie|propaganda|nonsense|misinformation|disinformation"
    r"|true|correct|accurate)\b",
    re.IGNORECASE,
)
_RESIDUAL_NEGATION = re.compile(r"\b(?:not|never|no longer|n't)\b|n't\b")

# "(LONDON) —", "BEIRUT --", "LIBREVILLE: ": a colon only after a long word, since "SOHR: ..." may
# be a speaker.
_PARAGRAPH_DATELINE = re.compile(
    r"^(?:\(?[A-Z]{3,}[A-Z .,'/-]{0,40}\)?\s*(?:[—–]|--)|[A-Z]{7,}(?:\s+[A-Z]{2,})*:"
    # "NEW DELHI/ISLAMABAD:": two cities joined by a slash are a dateline, whatever their length.
    r"|[A-Z]{3,}(?:\s+[A-Z]{2,})*(?:/[A-Z]{3,}(?:\s+[A-Z]{2,})*)+:"
    # "ERBIL, Kurdistan Region - ", "MOGADISHU, Somalia — ": a city in capitals, its region or
    # country, a dash.
    r"|[A-Z]{3,}(?:\s+[A-Z]{2,})*(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?\s+(?:-|[—–]|--))"
    r"\s*(?=[A-Z\"])"
)

# "rejected Moscow's claim that it had captured ...", "denied Russia's claim to have captured ...":
# the claim is the claimant's, and "it" is the claimant.
_CLAIMANT_CLAUSE = re.compile(
    rf"^(?:(?P<the>the)\s+)?(?P<claimant>(?(the)[A-Za-z]|(?:(?:al|el)-)?[A-Z])[\w'-]*(?:\s+[A-Z][\w'-]*)*)['’]s?\s+(?:{'|'.join(REPORT_NOUNS)})\s+"
    r"(?:that\s+(?:it|they)\b(?P<rest>.+)|to\s+have\s+(?P<participle>[a-z]+)\b(?P<object>.+)"
    # "disputed al-Shabab's claim of killing at least 51 soldiers": the claimant killed them.
    r"|of\s+(?:having\s+)?(?P<gerund>[a-z]+)ing\b(?P<done>.+))$"
)
# "reports about an alleged assassination attempt on Putin": an event named by a noun.
_REPORTED_EVENT = re.compile(
    rf"^(?:(?:the|all|any|these|those|such|recent|media|widespread)\s+)*(?:{'|'.join(REPORT_NOUNS)})\s+(?:of|about|on)\s+"
    r"(?:an?\s+|the\s+)?(?:(?:alleged|reported|purported|supposed)\s+)?(?P<event>(?:[\w-]+\s+){0,2}?"
    r"(?:attempt|attack|conversation|meeting|call|talks|strike|explosion|coup|deal|agreement|ceasefire|visit)\b.*)$"
)
_NO_TRUTH = re.compile(
    rf"^there\s+(?:is|was|were|had\s+been)\s+no\s+(?:truth|basis|substance)\s+(?:to|in|for|behind)\s+(?:the\s+|these\s+|those\s+|any\s+|such\s+)*"
    rf"(?:{'|'.join(REPORT_NOUNS)})\s+(?P<link>that|of|about)\s+(?P<stmt>.+)$",
    re.IGNORECASE,
)
# "dismissed these claims as baseless": the verdict after "as" is the denial, not what is denied.
_AS_FALSE_TAIL = re.compile(
    r"\s+as\s+(?:\w+\s+){0,2}?\"?(?:false|baseless|unfounded|untrue|groundless|fabricat(?:ed|ion|ions)|lies|nonsense|fake|propaganda"
    r"|misinformation|disinformation|rumou?rs?)\b\"?\W*$",
    re.IGNORECASE,
)
_MANNER_BEFORE_VERB = re.compile(
    r"(?:\s+(?:[a-z]+ly|also|again|swiftly|quickly|later|earlier|since))+$"
)

_TRAILING_CLAUSE = re.compile(
    r",\s+(?:as|while|when|amid|whereas|although|though|now|which|who|whose|where)\b.*$|\s+[—–]\s+.*$"
    r"|,?\s+and\s+(?:described|called|branded|termed)\s+(?:the|it|this|that|such)\b.*$"
    r"|,?\s+and\s+(?:dismissed|rejected)\s+(?:the|it|this|that|such|his|her|their)\b[^,]*?\s+as\s+.*$",
    re.DOTALL,
)
_TRAILING_PARTICIPLE = re.compile(
    r",\s+(?!killing|wounding|injuring|including|leaving|bringing|displacing|forcing)\w+ing\b.*$",
    re.DOTALL,
)
# "... seized El Fasher, the last army stronghold in Darfur": a description of the name, not a
# claim.
_TRAILING_APPOSITIVE = re.compile(
    r"(?P<name>\b[A-Z][\w'-]*),\s+(?:the|a|an)\s+(?![^,]*\b(?:is|are|was|were|has|have|had|will|would|said)\b)"
    r"[^,\d]{3,80}$"
)
# "... attacked their troops in Yei, some 150km southwest of Juba": where the place lies, the
# writer's description, not part of the claim.
_DISTANCE_APPOSITIVE = re.compile(
    r",\s+(?:(?:some|about|around|roughly|nearly|approximately|just|less\s+than|more\s+than)\s+)?"
    r"\d[\d,.]*\s*-?\s*(?:km|kilometres?|kilometers?|miles?)\b[^,]{0,40}?\b(?:of|from)\s+"
    r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,|$)"
)
# "... control of Goma, the largest city in eastern Congo, after days of fighting": the same,
# mid-sentence.
_INNER_APPOSITIVE = re.compile(
    r"(?P<name>\b[A-Z][\w'-]*),\s+(?:the|a|an)\s+(?![^,]*\b(?:is|are|was|were|has|have|had|will|would|said|and)\b)"
    r"[^,\d]{3,80},"
)

_EDITORIAL_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
# ", quoted by Reuters, that": a relay between a speech verb and the clause it governs.
_INTERPOSED_RELAY = re.compile(
    r",\s+(?:(?:quoted|cited)\s+by|according\s+to)\s+(?P<relay>(?:the\s+)?[A-Z][^,]{1,60}?),\s+(?=that\s)"
)


# "..., allegations Asmara dismissed as a pretext for war": the same as `relative_denials`, for
# the sentences whose parse hangs the words elsewhere.
_TRAILING_RELATIVE_DENIAL = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:claims?|allegations?|accusations?|charges?|reports?)\s+"
    r"(?:that\s+|which\s+)?(?P<denier>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?:denied|dismissed|rejected|refuted)\b[^,]*$"
)


# "no IDF (Israel Defense Forces) strike": the copy's acronym with the editor's expansion of it.
_EXPANDED_ACRONYM = re.compile(
    r"\b(?P<acronym>[A-Z]{2,6})\s+\((?P<expansion>[A-Z][\w'-]*(?:\s+[\w'-]+){1,6})\)"
)


def _acronym_unless_expanded(match: re.Match) -> str:
    """The acronym alone when the words in brackets spell it out, else both as written."""
    initials = "".join(word[0] for word in match.group("expansion").split() if word[0].isupper())
    return match.group("acronym") if initials == match.group("acronym") else match.group(0)


_RELAYING_PRONOUNS = {"it", "he", "she", "they"}
# Denial verbs that deny an event named by a noun alone ("denied the fall of the district");
# "rejected" and "dismissed" take such a noun as a thing condemned or brushed aside.
_EVENT_DENYING_VERBS = {"denied", "denies", "deny", "refuted", "refutes"}


def _speaker_frames(doc: Doc) -> list[Frame]:
    """The parse's attribution frames, one for each speaker (_each_speaker)."""
    return [part for frame in attribution_frames(doc) for part in _each_speaker(frame)]


def _speaks_apart(name: str) -> bool:
    """A name that stands for a speaker of its own beside another: of a kind the reader knows, a
    country ("Peru and the United Nations accuse ..."), or a name with its article ("the United
    Nations"); "Herzegovina" alone is none of these."""
    return (
        guess_kind(name) != "other"
        or name in COUNTRY_CAPITALS
        or re.match(r"^the\s+[A-Z]", name) is not None
    )


def _each_speaker(frame: Frame) -> list[Frame]:
    """ "Al Jazeera TV and Al Aqsa radio said ...", "local media and residents said ...": one frame
    for each speaker, when both are of a kind the reader knows (an outlet, a ministry, an army) or
    both are descriptions in lower case, so "Forces for Freedom and Change" or "Bosnia and
    Herzegovina" stay one name."""
    parts = frame.speaker.split(" and ")
    if (
        len(parts) != 2
        or (
            not all(_speaks_apart(part.strip()) for part in parts)
            # The sentence's first word may be capitalised.
            and frame.speaker[1:] != frame.speaker[1:].lower()
        )
    ):
        return [frame]
    return [replace(frame, speaker=part.strip()) for part in parts]


def _speaker_follows(sentence: str, position: int) -> bool:
    """Whether the parse gives the speech verb at `position` its subject after it ("S, said Jon
    Doe, the head of X"): the words before the verb are then what was said, whatever name they
    hold. False when the sentence was not parsed or the verb is not found in its parse."""
    doc = parse(_parsed_form(sentence))
    verb = next((token for token in doc if token.idx == position), None)
    return verb is not None and any(
        child.dep_ == "nsubj" and child.i > verb.i for child in verb.children
    )


def _one_candidate(found: dict[str, list[str]], noun: str) -> list[str]:
    """The statements a denial points back at, of the speakers found in one sentence: none when
    two speakers said different things, or one said two things and the noun is singular."""
    if len({tuple(texts) for texts in found.values()}) > 1:
        # Two speakers who said different things: two candidates. Two who said the same ("Peru
        # and the UN accuse Bolivia of S") gave one.
        return []
    texts = next(iter(found.values()))
    singular = noun in {"it", "this"} or not noun.endswith("s")
    return texts if len(texts) == 1 or not singular else []


def _name_words(name: str) -> set[str]:
    """A name's words (`names.name_words`), a country's adjective read as the country."""
    return {NATIONALITIES.get(word, word) for word in name_words(name)}


def _names_the_same(words: str, source: SourceMention) -> bool:
    """Whether the words name the source: its name in them, or they in its name ("the Kavela
    Front" for "Kavela Front"; "the Kavela Front's fighters" for "Kavela Front")."""
    words = re.sub(r"^(?:the|neighbou?ring)\s+", "", words.lower())
    name = source.name.lower()
    return bool(words) and (name in words or words in name)


def _relative_denials_in_words(sentence: str) -> list[RelativeDenial]:
    match = _TRAILING_RELATIVE_DENIAL.search(sentence.replace('"', ""))
    if not match:
        return []
    return [RelativeDenial(denier=match.group("denier"), description=match.group(0).lstrip(", "))]


_ANY_OPENING = re.compile(r"^(?P<any>any(?:one|body)|any\s+of|any)\b\s*", re.IGNORECASE)


def _some_for_any(match: re.Match) -> str:
    word = match.group("any").lower()
    if word in {"anyone", "anybody"}:
        return "someone "
    return "some of " if word.startswith("any ") else ""


def _told_clause(text: str) -> tuple[str, str]:
    """What follows "telling": the clause said and the outlet it was told to, if one ("the BBC
    the party had won" -> "the party had won", "BBC"; "reporters that S" -> "S", "")."""
    told = re.sub(r"^[^,]*?\bthat\s+", "", text, count=1)
    if told != text:
        return told, ""
    addressee = _ADDRESSEE.match(f" {text}")
    rest = text[addressee.end() - 1 :].lstrip() if addressee else ""
    if rest and _BARE_CLAUSE.match(rest):
        return rest, _medium_name(addressee.group("who"))
    return text, ""


def _parsed_form(sentence: str) -> str:
    """The words of a sentence the parser is given: editorial brackets and the full stop left
    out."""
    return _EDITORIAL_BRACKETS.sub("", sentence).strip().rstrip(". ")


_INTENTION = re.compile(
    r"^(?:we|i)\s+(?:will|shall|would|must|want|intend|are going to|am going to|have to|won't)\b",
    re.I,
)
_OPINION = re.compile(
    r"^(?:it|this)\s+(?:is|was|would be|will be)\s+(?:\w+\s+){0,2}?\w+\s+(?:to|that|for)\b", re.I
)

# "The situation is extremely volatile": an assessment of the mood, with nothing to check.
_ASSESSMENT = re.compile(
    r"^the\s+(?:situation|atmosphere|mood)\s+(?:is|was|remains|remained)\s+(?:\w+ly\s+)?\w+$", re.I
)
_OPEN_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whom|whose)\b[^,]*$")
_RELATIVE_SUBJECT_BEFORE = re.compile(r",\s+(?:who|which)(?:\s+(?:also|later|then|\w+ly))?$")
_CLOSING_CLAUSE_THEN_SAY = re.compile(rf"^[^,]*,\s+(?:{_SAY_ALTERNATION})\b")
_CITING = re.compile(
    r",?\s+citing\s+(?:(?P<unnamed>(?:an?\s+|the\s+|unnamed\s+|two\s+|three\s+|several\s+)*(?:senior\s+)?"
    r"(?:sources?|officials?|people)\s+(?:in|at|from|close\s+to|within|familiar\s+with)\s+))?(?P<cited>[^,]+)"
)
_CLAUSE_THEN_SPEAKER = re.compile(
    r"^(?P<clause>.+?),\s+(?:and|but|while|whereas)\s+(?P<speaker>[^,]+)$"
)

_OUTLET_WORDS = re.compile(rf"\b(?:{_OUTLET_NOUNS}|agency|media)\b", re.I)
_CITING_IN_SUBJECT = re.compile(r",\s+(?:citing|quoting)\s+(?P<cited>[^,]+),?$")
# Verbs whose object is always what was said, with or without "that".
_CLAUSE_ONLY_VERBS = {
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "insisted",
    "insists",
    "wrote",
    "writes",
}
_CLAIMED_ATTACK = re.compile(
    r"^(?:responsibility\s+for\s+)?(?P<act>(?:the|an?|this|that|[A-Z]\w+'s)\s+(?:[\w-]+\s+){0,3}?(?:attack|bombing|strike|assault"
    r"|ambush|raid|killings?|abduction|kidnapping|massacre|explosion|blast|hijacking)\b(?:(?!\s+(?:on|through|via|in)\s+"
    r"(?:its|their)\b)[^,])*)(?P<relay>\s+(?:on|through|via|in)\s+(?:its|their)\s+[^,]+)?(?P<tail>,.*)?$"
)
_DISMISSED_AS = re.compile(
    rf'^as\s+"?[^",]{{1,40}}"?,?\s+(?=(?:the\s+)?(?:{"|".join(REPORT_NOUNS)})\b)'
)
_ACCUSED_OF = re.compile(r"^(?P<accused>.+?)\s+of\s+(?P<act>(?:having\s+)?[a-z]+ing\b.*)$")

_TRAILING_RELAY = re.compile(
    r",\s+(?:the\s+)?(?:[a-z]+\s+){0,3}(?P<relay>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}"
    # "..., media reported, citing the coalition's spokesman": unnamed media relay too.
    r"|(?:[A-Z][\w'’-]*\s+)?(?:[a-z]+\s+)?media)\s+"
    r"(?P<verb>reported|reports|said|says|added|adds|wrote)(?:\s+in\s+a\s+statement)?"
    r"(?:\s+on)?(?:\s+(?:[A-Z][a-z]+day|today|yesterday|earlier|late[a-z]*))?"
    r"(?:,?\s+(?:with\s+reference\s+to|citing)\s+(?:[A-Z]|the\s)[^,]*)?\W*$"
)
# "accusations by the paramilitary Rapid Support Forces (RSF) that it carried out ...": a report
# with its claimant and its clause.
_CLAIM_BY = re.compile(
    rf"^(?:(?:the|an?|all|any|these|those|recent)\s+)*(?P<noun>{'|'.join(REPORT_NOUNS)})\s+"
    r"(?:(?:made|issued|published|circulated)\s+)?by\s+(?P<claimant>[^,]{2,80}?)\s+that\s+(?P<stmt>.+)$"
)
_OPENING_PRONOUN = re.compile(r"^(?:they|it)\b")
_REFUSAL = re.compile(r"\s+(?:declined|refused|declining|refusing|would not|did not want)\s+to$")
_QUOTED_AS_SAYING = re.compile(r"\s+(?:was|were)\s+(?:quoted|cited)\s+as\s+saying\b")
# The words of a sentence that may accuse someone ("accused", "accusing", "blamed"); only such a
# sentence is parsed for what a rejected accusation points back at.
_ACCUSING_WORD = re.compile(r"\b(?:accus|blam)\w*", re.IGNORECASE)
# Nouns that name a speaker's statement as a whole, not the content a report carries: rejecting
# "the statement" of a denial would assert what it denied.
_WHOLE_STATEMENT_NOUNS = {"it", "this", "account", "accounts", "statement", "statements"} | {
    # Rejecting a denial's "version" or its "figures" is no denial of its content either.
    "version",
    "versions",
    "figure",
    "figures",
}
# Words showing that a denial was of reports, whose content "the claims" may then name. Narrower
# than `REPORT_NOUNS`: "statements" or "news" in a plain denial's sentence ("said in statements
# that it had not ...") do not make it a denial of reports.
_REPORT_DENIED = re.compile(r"\b(?:claims?|reports?|rumou?rs?|allegations?|accusations?)\b", re.I)
# How many of the last statements read a denial naming their claimant may point back at.
_CLAIMANT_REACH = 12
# The nouns a denial points back with: "the claims", "that version of events", "the figures".
_POINTING_NOUNS = (
    r"claims?|reports?|accounts?|versions?(?:\s+of\s+events)?|allegations?|accusations?"
    r"|assertions?|statements?|charges?|figures?"
)
# "Congo's government rejected the claim.": the denial points back at the statement just reported;
# "denied it", "dismissed this as fake news", "denied any involvement": the same, by a pronoun
# or by the denier's own part in what it was accused of.
_ANAPHORIC_REPORT = re.compile(
    r"^(?:(?:(?:all\s+)?(?:the|this|that|these|those|such)\s+|all\s+|(?=[A-Z]))"
    # Its claimant may stand before the noun: "the Israeli account", "the BLA's claims", "Russian
    # accusations" (a name, so no article is needed).
    r"(?:(?P<owner>(?:(?:al|el)-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})(?:['’]s)?\s+)?"
    rf"(?P<noun>{_POINTING_NOUNS})"
    r"|(?P<pronoun>it|this)|(?:any\s+)?(?P<part>involvement|responsibility))"
    r"(?:\s+(?:made|issued|published|put\s+out)\s+by\s+(?P<claimant>[^,]{1,60}?))?"
    r"(?:,?\s+however,?)?"
    # "rejected the allegation on Tuesday evening as absurd": when, then the verdict.
    r"(?:\s+on\s+[A-Z][a-z]+day(?:\s+(?:morning|afternoon|evening|night))?)?"
    # A verdict in quotes is read whole: 'as "absurd and baseless."' has no "and" to go on with.
    r'(?:\s+as\s+(?:"[^"]{1,40}"|[^,]{1,40}?))?'
    # "..., saying S": what the speaker went on to say, read as a continuation.
    rf"(?P<tail>,?\s+(?:and|but|while|whereas)\s+.*|,\"?\s+(?:{'|'.join(CONTINUATION_PARTICIPLES)})\b.*)?$"
)
# A clause with a subject of its own after "and" / "but" ("and the country's foreign minister
# tweeted ...").
_ANOTHER_SUBJECT_LINK = re.compile(r"^,?\s+(?:and|but|while|whereas)\s+")
_ANOTHER_SUBJECT = re.compile(
    _ANOTHER_SUBJECT_LINK.pattern + r"(?:(?:the|a|an|its|his|her|their|they|he|she|we)\b|[A-Z])"
)
# "said the reports were unfounded", "said the claims were just rumours": the speaker denies what
# was just reported.
_ANAPHORIC_FALSE = re.compile(
    rf"^(?:the|these|those|such)\s+(?:{'|'.join(REPORT_NOUNS)})\s+(?:is|are|was|were)\s+"
    r"(?:(?:just|only|mere|merely|simply|completely|totally|entirely|utterly|absolutely)\s+)?"
    rf"(?:{_FALSE_WORDS}|rumou?rs|fabrications?)\W*$",
    re.IGNORECASE,
)
# "denied the town had fallen", "denied it was behind the attack": a clause without "that".
_BARE_CLAUSE = re.compile(
    r"^(?:(?:it|they|he|she|we|(?:the|its|their|his|her|a|an|any)\s+[^,]{1,60}?)|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
    r"\s+(?:(?:had|has|have|was|were|is|are|would|will|could)\b|(?:\w+ed)\s+(?:the|a|an|its|their|to|from|in)\b)"
)


# "allegations of torture at the prison", "reports of heavy casualties", "news circulated by
# local media over blowing up a bridge": a report of an event named by a noun phrase, whose content
# is that the event took place.
_REPORT_OF_EVENT = re.compile(
    rf"^(?:(?:the|all|any|these|those|such|recent|media|widespread|unconfirmed)\s+)*"
    # Who made the reports or where: "Palestinian reports", "local media reports".
    r"(?:(?!(?:and|or|but|that|which|of)\b)[\w’'-]+\s+){0,2}?"
    rf"(?:{'|'.join(REPORT_NOUNS)})"
    r"(?:\s+(?:published|carried|aired|circulated|circulating|spread)(?:\s+(?:by|on|in)\s+[^,]+?)?)?"
    r"\s+(?:of|about|over)\s+(?P<np>(?!(?:its|their|his|her|our)\b).+)$"
)


# Prepositions that give a participle a subject of its own: "despite witnesses saying", "with
# MRTV saying".
_PARTICIPLE_SUBJECT_PREPOSITIONS = {"despite", "with", "amid"}


def _participle_speaker(text: str, position: int) -> tuple[str, int] | None:
    """The participle at `position` with a subject of its own in the parse ("despite witnesses
    saying that S": the witnesses; "with MRTV saying S": MRTV): that subject's words, and where
    the phrase that brings them in begins; None when the participle is the speaker's."""
    if not words_of(text) & _PARTICIPLE_SUBJECT_PREPOSITIONS:
        # Without one of these words the answer is None, whatever the parse.
        return None
    doc = parse(text)
    participle = next((token for token in doc if token.idx == position), None)
    if participle is None:
        return None
    owner = next((child for child in participle.children if child.dep_ == "nsubj"), None)
    if owner is None and participle.dep_ == "acl" and participle.head.pos_ in {"NOUN", "PROPN"}:
        owner = participle.head
    if owner is None:
        return None
    preposition = owner.head if owner.dep_ == "pobj" else participle.head
    if preposition.lower_ not in _PARTICIPLE_SUBJECT_PREPOSITIONS:
        return None
    participle_words = set() if owner.head == participle else set(participle.subtree)
    words = [token for token in owner.subtree if token not in participle_words]
    phrase = "".join(token.text_with_ws for token in words).strip()
    start = preposition.idx
    while start > 0 and text[start - 1] in " ,":
        start -= 1
    return (phrase, start) if phrase else None


def _denied_acts(event: str) -> list[str]:
    """ "destroying a post near X and firing by the army on civilians" (reported, then called
    false): each gerund conjoined at the top of the phrase is an act denied on its own, read by
    `_denied_event`; one act alone is the one statement, or none."""
    doc = parse(event)
    act = root_of(doc)
    if act is None or act.tag_ != "VBG":
        return []
    acts = [act, *(child for child in act.children if child.dep_ == "conj" and child.tag_ == "VBG")]
    if len(acts) == 1:
        return []
    spans = []
    for index, head in enumerate(acts):
        start = head.left_edge.i if index else 0
        end = acts[index + 1].left_edge.i if index + 1 < len(acts) else len(doc)
        tokens = list(doc[start:end])
        while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
            tokens.pop()
        spans.append("".join(token.text_with_ws for token in tokens).strip())
    denied = [_denied_event(f"reports of {span}").removeprefix("that ") for span in spans]
    return denied if all(denied) else []


def _denied_existence(complement: str) -> str:
    """ "denied any mass killing in X": that there was one, the event the noun phrase names (as
    `_denied_event` reads it); "" for anything but "any" and an event."""
    existence = re.match(r"^any\s+(?P<np>.+)$", complement.strip())
    if not existence:
        return ""
    # "any wrongdoing", "any role": conduct with nothing that places it, no event to check; "any
    # shelling of the village", "any clash with Tarvian troops" name what, where or whom.
    head = root_of(parse(existence.group("np")))
    if head is None or not any(child.dep_ == "prep" for child in head.children):
        return ""
    return _denied_event(f"reports of {existence.group('np')}")


def _denied_event(complement: str) -> str:
    """ "allegations of torture at the prison" -> "that there was torture at the prison", read
    off the parse of the noun phrase: its head is a noun (plural: "there were") and it has no
    verb of its own; "" otherwise."""
    report = _REPORT_OF_EVENT.match(complement.strip())
    if not report:
        return ""
    phrase = report.group("np")
    doc = parse(phrase)
    roots = [token for token in doc if token.dep_ == "ROOT"]
    # A gerund heads an event too ("reports of fighting near the airport").
    if len(roots) != 1 or (roots[0].pos_ not in {"NOUN", "PROPN"} and roots[0].tag_ != "VBG"):
        return ""
    # "a mutiny following an attack that killed 100 soldiers": the relative clause describes
    # what the report is set against, not the event it reports.
    described = {token.i for clause in doc if clause.dep_ == "relcl" for token in clause.subtree}
    kept = [token for token in doc if token.i not in described]
    if any(token.dep_ in CLAUSE_SUBJECTS for token in kept) or any(
        # "al Qaeda-linked": a participle used as an adjective is no verb of the phrase.
        token.pos_ in {"VERB", "AUX"} and token.tag_ != "VBG" and token.dep_ != "amod"
        for token in kept
    ):
        return ""
    act = roots[0]
    if act.tag_ == "VBG" and any(child.dep_ == "conj" for child in act.children):
        # "destroying a post and firing on civilians": two acts, read one by one
        # (`_denied_acts`), never as one.
        return ""
    done_to = next((child for child in act.children if child.dep_ == "dobj"), None)
    doer = passive_agent(act)
    if act.tag_ == "VBG" and doer is not None and done_to is None:
        # "firing by the army on civilians": the army fired on civilians.
        by = {token.i for token in doer.head.subtree}
        rest = "".join(
            token.text_with_ws for token in kept if token.i > act.i and token.i not in by
        )
        named = doc[doer.left_edge.i : doer.right_edge.i + 1].text
        return f"that {named} {_past_form(act.lower_[:-3])} {rest.strip(' ,')}".rstrip()
    if act.tag_ == "VBG" and done_to is not None:
        # "news about blowing up a bridge near X": that the bridge was blown up, by no one named.
        particles = [child for child in act.children if child.dep_ == "prt"]
        own = {token.i for token in done_to.subtree} | {token.i for token in particles}
        particle = " ".join(token.text for token in particles)
        rest = "".join(
            token.text_with_ws for token in kept if token.i > act.i and token.i not in own
        )
        participle = _PARTICIPLE_OF.get(act.lemma_.lower()) or _past_form(act.lower_[:-3])
        # "a shrine, southeast of X": the comma would leave the place out of the statement.
        done = re.sub(
            r"\s*,\s*", " ", doc[done_to.left_edge.i : done_to.right_edge.i + 1].text
        ).strip()
        was = "were" if done_to.tag_ in {"NNS", "NNPS"} else "was"
        return " ".join(
            part for part in ("that", done, was, participle, particle, rest.strip(" ,")) if part
        )
    phrase = "".join(token.text_with_ws for token in kept).strip(" ,")
    return f"that there {'were' if roots[0].tag_ in {'NNS', 'NNPS'} else 'was'} {phrase}"


def extract_claims(
    text: str,
    *,
    outlet: str | None = None,
    published_at: datetime | None = None,
    deadline: float | None = None,
) -> list[ExtractedClaim]:
    """The attributed and the outlet's own statements of an English news article, in reading order.
    Past `deadline` (a time.monotonic() value) it stops with ReadingTooLong."""
    return _ArticleReader(outlet, published_at, deadline).read(text)
