"""Reading the labelled evaluation articles (tests/data/intake), shared by bench/intake.py and the
tests. The seed article is not copied into the repository: it is read from FACTCHECK_SEED_DIR,
by default the `shared/seeds` folder that sits beside the checkout."""

import os
from pathlib import Path

SEED_DIR_ENV = "FACTCHECK_SEED_DIR"


def seed_dir() -> Path:
    default = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    return Path(os.environ.get(SEED_DIR_ENV, default))


def load_article_text(article: dict, path: Path) -> str:
    if "text" in article:
        return article["text"]
    seed_path = seed_dir() / article["seed"]
    if not seed_path.is_file():
        raise FileNotFoundError(
            f"{path.name} labels the seed article {article['seed']}, not found in {seed_path.parent}; "
            f"set {SEED_DIR_ENV} to the folder holding it"
        )
    return seed_path.read_text(encoding="utf-8")
