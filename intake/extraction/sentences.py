"""Sentences out of paragraphs: typography normalised, quotations spanning sentences kept whole,
and run-on text cut into pieces small enough for the segmenter to stay linear."""

import re

import pysbd
from pysbd.utils import TextSpan


class _Segmenter(pysbd.Segmenter):
    """pysbd's segmenter, finding each sentence in the text with `str.find`. pysbd builds a regular
    expression of every sentence it finds and scans the text with it, compiling one pattern per
    sentence (about a third of segmentation time, 3 % of reading); the same search by plain string
    finding returns the same pieces (tests/intake/test_sentences.py holds the two to each other)."""

    def sentences_with_char_spans(self, sentences):
        # As pysbd: each sentence with the white space after it, at its first occurrence that
        # ends past the previous sentence's end, occurrences taken left to right without overlap.
        text = self.original_text
        spans, previous_end = [], 0
        for sentence in sentences:
            position = 0
            while (start := text.find(sentence, position)) >= 0:
                end = start + len(sentence)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > previous_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    previous_end = end
                    break
                position = end if end > start else start + 1
        return spans


_segmenter = _Segmenter(language="en", clean=False)

# pysbd's time grows faster than its input; a run-on "paragraph" (a pasted page without line breaks)
# is cut at likely sentence ends into pieces of about this size first, which keeps reading linear.
SEGMENT_CHUNK_CHARS = 3000
_LIKELY_SENTENCE_END = re.compile(r'(?<=[a-z0-9][.!?])["\']?\s+(?=["\']?[A-Z])')


def _chunks(paragraph: str) -> list[str]:
    if len(paragraph) <= SEGMENT_CHUNK_CHARS:
        return [paragraph]
    chunks, start = [], 0
    for end in _LIKELY_SENTENCE_END.finditer(paragraph):
        if end.start() - start >= SEGMENT_CHUNK_CHARS:
            chunks.append(paragraph[start : end.start() + 1])
            start = end.end()
    chunks.append(paragraph[start:])
    # A chunk with no sentence end at all is not prose; it is cut blindly, never read as one piece.
    return [
        piece[i : i + 4 * SEGMENT_CHUNK_CHARS]
        for piece in chunks
        for i in range(0, len(piece), 4 * SEGMENT_CHUNK_CHARS)
    ]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, keeping a quotation that spans several sentences in one piece."""
    pieces = [
        p.strip() for chunk in _chunks(paragraph) for p in _segmenter.segment(chunk) if p.strip()
    ]
    merged: list[str] = []
    for piece in pieces:
        if merged and merged[-1].count('"') % 2 == 1:
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def normalise_typography(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u201e", '"')
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text)


# ----- helpers -------------------------------------------------------------------------------
def _is_headline(paragraph: str) -> bool:
    return not re.search(r'[.!?"]\s*$', paragraph) and len(paragraph.split()) < 16
