"""Whether a change to the extractor leaves every proposal as it was, on every labelled article.

    .venv/bin/python bench/intake_proposals.py dump OUT.json [--sets SET ...]   (in the checkout)
    .venv/bin/python bench/intake_proposals.py compare BEFORE.json AFTER.json

`dump` writes every proposal `extract_claims` makes (all its fields) on each article of the sets
(all of SETS unless named), read in turn in one process as the bench reads them; the set `seeds`
is the seed article read three ways: as it is, eight times over and as one paragraph (many
batches of sentences; one long run). `compare`
prints, for each set, its articles, proposals and the articles whose proposals differ, and
names a differing article only outside the held-out sets (and the synthetic set's held-out round):
a check that a change left the output alone, for changes meant to (speed, refactoring), never a way
to read held-out items.
"""

import argparse
import dataclasses
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.extraction import extract_claims  # noqa: E402
from tests.intake_data import load_article_text, seed_dir  # noqa: E402

DATA = ROOT / "tests" / "data" / "intake"
# Named, not globbed: a set added later is compared once someone adds it here.
SETS = (
    "articles",
    "real",
    "real-2",
    "real-3",
    "real-4",
    "real-5",
    "real-6",
    "real-dev",
    "second_annotator",
    "seeds",
)
HELD_OUT = {"real", "real-6"}
SEED = "article-syria-offensive-2024-12.txt"


def _articles(name: str) -> Iterator[tuple[str, str, dict]]:
    """Each article of the set: its name, its text and what else extract_claims is told."""
    if name == "seeds":
        seed = (seed_dir() / SEED).read_text(encoding="utf-8")
        for variant, text in (
            ("", seed),
            (" x8", "\n\n".join([seed] * 8)),
            (" one paragraph", seed.replace("\n", " ")),
        ):
            yield f"{SEED}{variant}", text, {"outlet": "Example News"}
        return
    for path in sorted((DATA / name).glob("*.yaml")):
        article = yaml.safe_load(path.read_text(encoding="utf-8"))
        context = {"outlet": article.get("outlet"), "published_at": article.get("published_at")}
        yield path.name, load_article_text(article, path), context


def dump(out: Path, sets: list[str]) -> None:
    proposals = {
        f"{name}/{article}": [
            json.dumps(dataclasses.asdict(claim), default=str, sort_keys=True)
            for claim in extract_claims(text, **context)
        ]
        for name in sets
        for article, text, context in _articles(name)
    }
    out.write_text(json.dumps(proposals, indent=0))
    print(f"{len(proposals)} articles, {sum(map(len, proposals.values()))} proposals")


def _held_out_article(key: str) -> bool:
    """Whether the article is one of the synthetic set's held-out round (`split: heldout`), which
    is counted but not named, as the held-out sets are."""
    name, _, article = key.partition("/")
    path = DATA / name / article
    return (
        name == "articles"
        and path.is_file()
        and yaml.safe_load(path.read_text(encoding="utf-8")).get("split") == "heldout"
    )


def compare(before: Path, after: Path) -> bool:
    old, new = (json.loads(path.read_text()) for path in (before, after))
    if old.keys() != new.keys():
        print("the two dumps hold different articles")
        return False
    articles, counts, differing = Counter(), Counter(), Counter()
    for key, proposals in old.items():
        name = key.split("/")[0]
        articles[name] += 1
        counts[name] += len(proposals)
        if proposals != new[key]:
            differing[name] += 1
            if name not in HELD_OUT and not _held_out_article(key):
                print(f"differs: {key}")
    for name in articles:
        print(
            f"{name:18s} {articles[name]:3d} articles {counts[name]:4d} proposals, "
            f"{differing[name]} articles differ"
        )
    same = old == new
    print("same proposals" if same else "DIFFERENT proposals")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    dumping.add_argument("out", type=Path)
    comparison = commands.add_parser("compare")
    comparison.add_argument("before", type=Path)
    comparison.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.sets)
    elif not compare(args.before, args.after):
        sys.exit(1)


if __name__ == "__main__":
    main()
