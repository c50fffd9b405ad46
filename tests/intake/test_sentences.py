from pathlib import Path

import pysbd
import pytest
import yaml

from intake.extraction.sentences import _Segmenter
from tests.intake_data import load_article_text

DATA = Path(__file__).resolve().parent.parent / "data" / "intake"
ARTICLES = sorted(DATA.glob("**/*.yaml"))


def _paragraphs(path: Path) -> list[str]:
    article = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(article, dict) or not {"text", "sentences", "seed"} & article.keys():
        return []
    return [p for p in load_article_text(article, path).split("\n\n") if p.strip()]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: str(path.relative_to(DATA)))
def test_segmenter_finds_the_same_sentences_as_pysbd_on_every_labelled_article(path):
    ours, pysbds = _Segmenter(language="en", clean=False), pysbd.Segmenter("en", clean=False)

    for paragraph in _paragraphs(path):
        assert ours.segment(paragraph) == pysbds.segment(paragraph)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Rebels said so. Rebels said so. The army denied it.",
        "He said it.  \n  She said it.\tThey said so.",
        'The ministry said: "Nothing happened. Nothing at all." Witnesses disagreed.',
        "Gen. Ahmed said the U.S. Army left at 5 p.m. on Monday. It did not.",
        "No sentence end here",
    ],
)
def test_segmenter_keeps_pysbds_pieces_for_repeated_sentences_and_white_space(text):
    ours, pysbds = _Segmenter(language="en", clean=False), pysbd.Segmenter("en", clean=False)

    assert ours.segment(text) == pysbds.segment(text)
