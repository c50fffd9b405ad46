"""Learn the matcher's free parameters from the development labels.

    .venv/bin/python bench/matching_fit.py [--sets synthetic real-dev real-2 ...] [--misses]

Every labelled statement of the development sets (the synthetic rounds but the held-out round 10,
real-dev and real-2 to real-6; never the held-out real, real-7 and real-8) is compared once with
every known claim
(`intake.similarity.compare`), which yields each pair's evidence: how much of each text the other
covers, how many of the known claim's names the statement lacks, whether it lacks the known claim's
subject or action. How that evidence is weighed (the recall weight beta, the three penalty factors)
and the threshold for a link are then chosen on a grid: the setting with the best matching F1 (as
bench/intake.py scores the matcher alone) averaged over a cross-validation by article (five folds,
articles of every set dealt round-robin, so that no article's statements sit on both sides). The
cross-validated F1 of picking the setting on four folds and scoring it on the fifth is printed too:
that, not the in-sample F1, says whether learning the parameters helps on articles not seen. With
--misses, the statements the current matcher gets wrong are listed with the evidence for the claim
they should have matched.
"""

import argparse
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.intake import DATA, Counts, expected_match  # noqa: E402
from bench.intake import SETS as INTAKE_SETS  # noqa: E402
from intake.extraction import article_name_aliases, article_setting  # noqa: E402
from intake.similarity import (  # noqa: E402
    SAME_CLAIM_THRESHOLD,
    WEIGHTS,
    Comparison,
    Evidence,
    NameAliases,
    Statement,
    Weights,
    choose_match,
    compare,
)
from tests.intake_data import load_article_text  # noqa: E402

SETS = {
    name: INTAKE_SETS[name]
    for name in ("synthetic", "real-dev", "real-2", "real-3", "real-4", "real-5", "real-6")
}
FOLDS = 5
GRID = {
    "recall_beta": [0.5, 0.75, 1.0, 1.5, 2.0, 3.0],
    "missing_name": [0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
    "missing_subject": [0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
    "missing_predicate": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
}
THRESHOLDS = [round(0.30 + 0.025 * i, 3) for i in range(17)]


@dataclass
class Labelled:
    article: str
    text: str
    denies: bool
    gold: tuple[str | None, str]
    comparisons: list[tuple[str, Comparison]]
    claims: dict[str, str]


def development_articles(set_names: list[str]):
    """(name, path, article) of each article the fit may learn from: a held-out article (round 10
    of the synthetic set) is never read."""
    for set_name in set_names:
        for path in sorted(SETS[set_name].glob("*.yaml")):
            article = yaml.safe_load(path.read_text())
            if article.get("split", "dev") == "dev":
                yield f"{set_name}/{path.stem}", path, article


def labelled_statements(set_names: list[str]) -> list[Labelled]:
    known = yaml.safe_load((DATA / "known_claims.yaml").read_text())
    sources = yaml.safe_load((DATA / "known_sources.yaml").read_text())
    source_groups = [[entry["name"], *entry.get("aliases", [])] for entry in sources]
    found = []
    for name, path, article in development_articles(set_names):
        text = load_article_text(article, path)
        candidates = article.get("known", known)
        aliases = NameAliases(source_groups + article_name_aliases(text))
        setting = article_setting(text)
        for label in article["claims"]:
            source = article["outlet"] if label["source"] == "@outlet" else label["source"]
            statement = Statement.of(
                label["text"], context=[source], aliases=aliases, setting=setting
            )
            found.append(
                Labelled(
                    name,
                    label["text"],
                    label["stance"] == "denies",
                    expected_match(label["match"]),
                    [
                        (key, compare(statement, claim, aliases))
                        for key, claim in candidates.items()
                    ],
                    candidates,
                )
            )
    return found


class Table:
    """The comparisons of every labelled statement in arrays, so that a setting is scored on all of
    them at once (the same decision as `choose_match`, vectorised). Pairs that no setting of the
    grid can lift to the lowest threshold are left out."""

    def __init__(self, items: list[Labelled]):
        rows = []
        for n, item in enumerate(items):
            for key, comparison in item.comparisons:
                evidence = comparison.evidence
                if (
                    evidence is None
                    or Evidence.score(evidence, Weights(max(GRID["recall_beta"]), 1.0, 1.0, 1.0))
                    < min(THRESHOLDS)
                    and Evidence.score(evidence, Weights(min(GRID["recall_beta"]), 1.0, 1.0, 1.0))
                    < min(THRESHOLDS)
                ):
                    continue
                rows.append(
                    (
                        n,
                        evidence.precision,
                        evidence.recall,
                        evidence.missing_names,
                        evidence.missing_subject,
                        evidence.missing_predicate,
                        comparison.antonym,
                        (key, "contradicts" if comparison.opposite ^ item.denies else "same")
                        == item.gold,
                    )
                )
        columns = list(zip(*rows, strict=True))
        self.item = np.array(columns[0])
        self.precision, self.recall, self.names = (np.array(c, float) for c in columns[1:4])
        self.subject, self.predicate, self.antonym, self.right = (
            np.array(c, bool) for c in columns[4:]
        )
        self.items = len(items)
        self.positives = np.array([item.gold[0] is not None for item in items])

    def scores(self, weights: Weights) -> np.ndarray:
        beta2 = weights.recall_beta**2
        p, r = self.precision, self.recall
        with np.errstate(invalid="ignore", divide="ignore"):
            score = np.where(p + r > 0, (1 + beta2) * p * r / (beta2 * p + r), 0.0)
        score = score * weights.missing_name**self.names
        score = score * np.where(self.subject, weights.missing_subject, 1.0)
        score = score * np.where(self.predicate, weights.missing_predicate, 1.0)
        return np.round(score, 4)

    def counts(self, scores: np.ndarray, threshold: float, items: np.ndarray) -> Counts:
        """tp, fp, fn over the statements in `items` (a mask), as bench/intake.py counts them."""
        rank = np.where(scores >= threshold, scores + 2.0 * ~self.antonym, -1.0)
        order = np.lexsort((-rank, self.item))
        first = np.ones(len(order), bool)
        first[1:] = self.item[order][1:] != self.item[order][:-1]
        chosen = order[first & (rank[order] >= 0)]
        linked = np.zeros(self.items, bool)
        right = np.zeros(self.items, bool)
        linked[self.item[chosen]] = True
        right[self.item[chosen]] = self.right[chosen]
        tp = int((right & items).sum())
        fp = int((linked & ~right & items).sum())
        fn = int((self.positives & ~right & items).sum())
        return Counts(tp, fp, fn)


def f1(table: Table, weights: Weights, threshold: float, items: np.ndarray) -> float:
    return table.counts(table.scores(weights), threshold, items).prf()[2]


def settings() -> list[tuple[Weights, float]]:
    return [
        (Weights(**dict(zip(GRID, values, strict=True))), threshold)
        for values in itertools.product(*GRID.values())
        for threshold in THRESHOLDS
    ]


def folds(items: list[Labelled]) -> list[np.ndarray]:
    articles = sorted({item.article for item in items})
    fold_of = {article: n % FOLDS for n, article in enumerate(articles)}
    return [np.array([fold_of[item.article] == k for item in items]) for k in range(FOLDS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    items = labelled_statements(args.sets)
    current = (WEIGHTS, SAME_CLAIM_THRESHOLD)
    if args.misses:
        for item in items:
            decision = choose_match(item.comparisons, denies=item.denies)
            if (decision.claim_id, decision.relation) == item.gold:
                continue
            want = dict(item.comparisons).get(item.gold[0])
            got = dict(item.comparisons).get(decision.claim_id)
            print(f"{item.article}: {item.text!r} got {decision.claim_id, decision.relation}")
            if want:
                print(f"   want {item.claims[item.gold[0]]!r} {want.score} {want.evidence}")
            if got:
                print(f"   got {item.claims[decision.claim_id]!r} {got.score} {got.evidence}")
        return

    table = Table(items)
    parts = folds(items)
    everything = np.ones(len(items), bool)
    candidates, f1_by_fold = [], []
    for values in itertools.product(*GRID.values()):
        weights = Weights(**dict(zip(GRID, values, strict=True)))
        scores = table.scores(weights)
        for threshold in THRESHOLDS:
            candidates.append((weights, threshold))
            f1_by_fold.append([table.counts(scores, threshold, part).prf()[2] for part in parts])
    by_fold = np.array(f1_by_fold)
    current_f1 = [f1(table, *current, part) for part in parts]
    print(f"{len(items)} labelled statements, {len({i.article for i in items})} articles")
    print(f"current setting {current}: F1 by fold {[round(x, 3) for x in current_f1]}")
    held_out = []
    for k in range(FOLDS):
        others = by_fold.sum(axis=1) - by_fold[:, k]
        best = int(np.argmax(others))
        held_out.append(by_fold[best, k])
        print(f"fold {k}: chosen on the others {candidates[best]} -> F1 {by_fold[best, k]:.3f}")
    print(f"cross-validated F1: learned {np.mean(held_out):.3f}, current {np.mean(current_f1):.3f}")
    best = int(np.argmax(by_fold.sum(axis=1)))
    print(f"chosen on all folds: {candidates[best]}; mean F1 {by_fold[best].mean():.3f}")
    sets = sorted({item.article.split("/")[0] for item in items})
    for name, value in [("learned", candidates[best]), ("current", current)]:
        print(f"pooled, {name}: {table.counts(table.scores(value[0]), value[1], everything)}")
        for set_name in sets:
            in_set = np.array([item.article.startswith(set_name + "/") for item in items])
            print(f"  {set_name:10s} {table.counts(table.scores(value[0]), value[1], in_set)}")


if __name__ == "__main__":
    main()
