"""Reading the labelled evaluation articles (tests/data/intake), shared by the intake tests,
bench/intake.py and bench/load.py. The seed article, the story the demo is built from, is kept
verbatim in tests/data/intake/seeds so that a clean clone can run the evaluation on its own."""

from pathlib import Path


def seed_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "intake" / "seeds"


def load_article_text(article: dict, path: Path) -> str:
    """The article's text: written out, the kept sentences of a real article (its paragraphs), or
    the seed article it names."""
    if "text" in article:
        return article["text"]
    if "sentences" in article:
        return "\n\n".join(article["sentences"])
    seed_path = seed_dir() / article["seed"]
    if not seed_path.is_file():
        raise FileNotFoundError(
            f"{path.name} labels the seed article {article['seed']}, not found in "
            f"{seed_path.parent}"
        )
    return seed_path.read_text(encoding="utf-8")
