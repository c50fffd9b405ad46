"""Synthetic truth-discovery data sets in the benchmark's two-file form (claims.csv, gold.tsv).

Three regimes a user of the model meets, each with a known truth for every item:

* dense: a dozen sources, each covering most items, reliabilities spread from poor to good; a
  wrong value is drawn from a skewed list of alternatives, so mistakes coincide as they do when
  sources share a misconception.
* longtail: thousands of sources, popularity heavy-tailed so the median source makes one
  statement; a few prolific sources are good, the crowd mediocre.
* numeric: numbers with noise, eight sources covering 60 % of the items each, most of them wrong
  more often than right. A source gives the exact value with its reliability, otherwise
  (70 %) the value with relative Laplace noise of its own scale rounded to the property's
  precision, otherwise a random value of the property.

The parameters below describe the worlds, not the model: the model sees only the two files.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

REGIMES = ("dense", "longtail", "numeric")


def write_regime(kind: str, folder: Path, *, n_items: int, seed: int = 0) -> Path:
    """Write the regime's claims.csv and gold.tsv into folder/kind and return that folder."""
    rng = np.random.default_rng(seed)
    rows, gold = {"dense": _dense, "longtail": _longtail, "numeric": _numeric}[kind](rng, n_items)
    target = folder / kind
    target.mkdir(parents=True, exist_ok=True)
    with (target / "claims.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["object_id", "property", "value", "source", "timestamp"])
        writer.writerows((item, prop, value, source, "") for item, prop, value, source in rows)
    with (target / "gold.tsv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["object_id", "property", "value"])
        writer.writerows(gold)
    return target


def _categorical(rng, item, source, reliability, n_alternatives, skew):
    """Statements about categorical items: the truth is alternative 0 of each item, relabelled at
    random; wrong statements pick another alternative with Zipf-like weights."""
    n_items = int(item.max(initial=-1)) + 1
    label = np.argsort(rng.random((n_items, n_alternatives)), axis=1)
    weights = 1.0 / np.arange(1, n_alternatives) ** skew
    wrong_choice = 1 + rng.choice(n_alternatives - 1, size=len(item), p=weights / weights.sum())
    right = rng.random(len(item)) < reliability[source]
    choice = np.where(right, 0, wrong_choice)
    said = label[item, choice]
    rows = [
        (f"o{i}", "Label", f"value {v}", f"s{s}")
        for i, v, s in zip(item, said, source, strict=True)
    ]
    gold = [(f"o{i}", "Label", f"value {label[i, 0]}") for i in range(n_items)]
    return rows, gold


def _dense(rng, n_items):
    n_sources = 12
    reliability = rng.beta(4, 2.5, n_sources)
    covers = rng.random((n_sources, n_items)) < 0.6
    source, item = np.nonzero(covers)
    return _categorical(rng, item, source, reliability, n_alternatives=6, skew=1.5)


def _longtail(rng, n_items):
    n_sources = 2 * n_items
    popularity = rng.pareto(1.2, n_sources) + 1.0
    head = popularity >= np.quantile(popularity, 0.98)
    reliability = np.where(head, rng.beta(8, 2, n_sources), rng.beta(3, 2, n_sources))
    per_item = 1 + rng.poisson(2.0, n_items)
    item = np.repeat(np.arange(n_items), per_item)
    source = rng.choice(n_sources, size=len(item), p=popularity / popularity.sum())
    keep = np.unique(item * n_sources + source, return_index=True)[1]
    return _categorical(rng, item[keep], source[keep], reliability, n_alternatives=5, skew=1.0)


def _numeric(rng, n_items):
    n_sources = 8
    reliability = rng.beta(2, 2.5, n_sources)
    noise_scale = rng.uniform(0.01, 0.05, n_sources)
    properties = {
        # name: (draw truth, decimals kept)
        "Temperature": (lambda n: rng.normal(60, 20, n), 0),
        "Count": (lambda n: rng.lognormal(10, 1.5, n), -2),
    }
    rows, gold = [], []
    for prop, (draw, decimals) in properties.items():
        truth = np.round(draw(n_items), decimals)
        covers = rng.random((n_sources, n_items)) < 0.6
        source, item = np.nonzero(covers)
        exact = rng.random(len(item)) < reliability[source]
        noisy = rng.random(len(item)) < 0.7
        noise = rng.laplace(0.0, noise_scale[source]) * np.abs(truth[item])
        random = draw(len(item))
        value = np.where(exact, truth[item], np.where(noisy, truth[item] + noise, random))
        value = np.round(value, decimals)
        rows += [
            (f"o{i}", prop, _spell(v, decimals), f"s{s}")
            for i, v, s in zip(item, value, source, strict=True)
        ]
        gold += [(f"o{i}", prop, _spell(v, decimals)) for i, v in enumerate(truth)]
    return rows, gold


def _spell(value: float, decimals: int) -> str:
    return f"{value:.{max(decimals, 0)}f}"
