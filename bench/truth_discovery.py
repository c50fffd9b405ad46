"""Benchmark factcheck's truth-discovery model against published methods, and on a synthetic world.

    python bench/truth_discovery.py --data ../shared/data/truth-discovery/book --synthetic 0
    python bench/truth_discovery.py --regime all --synthetic 0
    python bench/truth_discovery.py --synthetic 1000000
    python bench/truth_discovery.py --smoke          # every part in seconds, for CI

--regime dense|longtail|numeric|all generates synthetic data sets in the same two-file form
(`bench/td_synthetic.py`) in a temporary folder and runs them like --data.

--data reads a folder in the two-file format (`claims.csv`:
object_id,property,value,source,timestamp; `gold.tsv`: object_id, property, value; UTF-8, or Latin-1
where a file is not UTF-8) and runs, on the same parsed data, majority vote, TruthFinder (Yin, Han &
Yu 2007), Investment and PooledInvestment (Pasternack & Roth 2010), CRH (Li et al. 2014) and ours
(`reliability.truth_discovery`, hyperparameters learned from the data set, unsupervised; then
semi-supervised with 10/30/50 % of the gold revealed as reviews and scored on the rest, over several
seeds, beside each source's smoothed own record on the revealed items). It prints accuracy with a
95 % Wilson interval, log loss and Brier score of the probability each method gives the gold value,
expected calibration error of its top answer, and a paired comparison of ours against the best
baseline (exact McNemar test, bootstrap interval of the accuracy difference). The lines
`name: accuracy` and `name_logloss: value` (one per unsupervised method, ours named `ours`), and
`ours_semi_P`, `ours_semi_P_logloss`, `own_record_semi_P` are for machines.

Value normalisation (frozen; the same for every method and for the gold)
-----------------------------------------------------------------------
Each property is normalised by one rule, chosen from its name and values:
* author lists (property name contains "author"): a value becomes the *set of surnames* it
  names, so order, first names, initials, capitals, accents, punctuation, roles ("(Author)",
  "Editor", "By"), titles ("Dr", "PhD", "Jr") and "et al." do not matter, and "Knuth, Donald E.",
  "Donald E. Knuth" and "KNUTH, DONALD" are one value. Rules, in order: undo HTML entities and
  mis-decoded UTF-8, fold to ASCII; drop placeholder values ("Not Available", "None", "Unknown",
  "0"); remove "et al."/"etc." and digits; parenthesised text and the separators ; / | & : "and"
  "with" "by" split authors, as does a lower-to-upper case change after three lower-case letters
  ("ToddSchmidt"). Within one author chunk split on commas: a single-word first part means
  "Surname, Given" (pairs "A, B, C, D" alternate surname/given names when every other part is
  one word, otherwise a run of "Surname, Given Surname2, Given2" lost its separators); when
  every part has two or more words each part is "Given Surname"; a chunk with no comma is
  "Given Surname" (its last word), or pairs of words when it has four, six, ... words. Particles
  (van, de, der, le, ...) are dropped and surnames lower-cased with only letters kept
  ("O'Leary" = "OLEARY"). A set of surnames that is a strict subset of another value's set
  (only the first author) is a *partial* version of it.
* numbers (at least 80 % of the property's values parse as a number or a clock time): thousands
  separators, signs, per cent, multipliers (k, thousand, million, bn, ...) and clock times
  ("9:10 AM", "9:10aDec 4" -> minutes after midnight, to the minute) are parsed; values within a
  relative tolerance (--tolerance, default 0.1 %) of each other are one value; a number written with
  fewer significant digits that the other rounds to (1.23 million vs 1,234,567) is a partial
  version of it. A whole number's trailing zeros count as rounding only as far as its source
  rounds on that property (`written_precision`: most of its whole numbers there end in that many
  zeros); "70" from a source that also writes "72" is exact to the unit. A numeric answer is
  right when within the tolerance of the gold.
* anything else is text: casefolded, accents folded, runs of non-alphanumerics collapsed; the
  set of words is the value. Text has no partial versions: fewer words ("A26X" against
  "Main Term - A26X") need not mean less specific. A placeholder ("Not Available", "N/A",
  "None", "Unknown", "0") is a source saying nothing and is dropped, except in a property of
  *labels* (`recurring_labels`: a few values recurring across items, as a crowd's answers, by
  the test that makes values classes below), where "None" or "0" is an answer like the others.
* whatever its kind, a property's values are also *classes* (`shared_classes`) when its K distinct
  values recur across items and the median source made at least K^2 statements on it, enough for a
  K x K confusion matrix to be seen (a crowd's labels, "0"/"1"; not temperatures or flight times,
  with hundreds of distinct values); ours then decides from the data whether to read them
  through each source's confusion matrix (`reliability.truth_discovery`).
A source that gives one item several values splits one vote between them; repeated identical
statements count once. Timestamps are read but not used: each item is scored against one truth.
Ours learns how many wrong values an item has separately for each property.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import math
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse, stats

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from td_synthetic import REGIMES, write_regime  # noqa: E402

from reliability.truth_discovery import (  # noqa: E402
    ClaimGraph,
    binary_graph,
    binary_labels,
    discover_truth,
    half_life_weights,
    pairs_within_groups,
    sparse_lookup,
)

# ---------------------------------------------------------------------------------------------
# Value normalisation
# ---------------------------------------------------------------------------------------------

_PARENTHESES = re.compile(r"\([^)]*\)?")
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?|\betc\b\.?", re.IGNORECASE)
_CAMEL_JOIN = re.compile(r"([a-z]{3})([A-Z][a-z])")
_AUTHOR_SEPARATORS = re.compile(r"[;/|&:\n]|\band\b|\bwith\b|\bby\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"^\W*(not available|none|unknown|n/?a|null|various|0)?\W*$", re.IGNORECASE
)
_ROLE_WORDS = frozenset(
    "author authors joint editor editors edited edt ed eds con trn ill illustrator translator "
    "foreword jr sr ii iii iv phd md dr prof mr mrs ms cism cissp unknown various staff".split()
)
_PARTICLES = frozenset("van von de der den del della di da du le la st".split())


def fold_to_ascii(text: str) -> str:
    text = html.unescape(html.unescape(text)).replace("andapos;", "'")
    try:
        text = text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _name_words(part: str) -> list[str]:
    words = (re.sub(r"[^a-z]", "", token.lower()) for token in re.split(r"[\s.]+", part))
    return [w for w in words if len(w) >= 2 and w not in _ROLE_WORDS and w not in _PARTICLES]


def _chunk_surnames(chunk: str) -> list[str]:
    parts = [_name_words(part) for part in chunk.split(",")]
    if len(parts) > 1:
        parts = [part for part in parts if part]
    if not parts or not parts[0]:
        return []
    if len(parts) == 1:
        words = parts[0]
        if len(words) >= 4 and len(words) % 2 == 0:
            return words[1::2]
        return [words[-1]]
    if len(parts[0]) == 1:
        if len(parts) == 2:
            return parts[0]
        if all(len(part) == 1 for part in parts[0::2]):
            return [part[0] for part in parts[0::2]]
        return parts[0] + [part[-1] for part in parts[1:-1]]
    if all(len(part) >= 2 for part in parts):
        return [part[-1] for part in parts]
    return ["".join(parts[0])]


def author_surnames(value: str) -> frozenset[str]:
    """The set of surnames an author-list value names (empty for placeholders)."""
    text = fold_to_ascii(value)
    if _PLACEHOLDER.match(text):
        return frozenset()
    text = _ET_AL.sub(" ", text)
    text = _PARENTHESES.sub(";", text)
    text = _CAMEL_JOIN.sub(r"\1;\2", text)
    text = re.sub(r"\d+", " ", text)
    surnames: set[str] = set()
    for chunk in _AUTHOR_SEPARATORS.split(text):
        surnames.update(_chunk_surnames(chunk))
    return frozenset(surnames)


def text_words(value: str, *, placeholders_say_nothing: bool = True) -> frozenset[str]:
    text = fold_to_ascii(value).casefold()
    if placeholders_say_nothing and _PLACEHOLDER.match(text):
        return frozenset()
    return frozenset(re.findall(r"[a-z0-9]+", text))


def recurring_labels(values: list[str], sources: list[str]) -> bool:
    """Whether a text property's values are a few labels recurring across items (a crowd's
    answers): K distinct values, placeholders included, and the median source made at least K^2
    statements, the test `shared_classes` applies to make them classes. Among such labels
    "None", "Unknown" or "0" is an answer like the others; elsewhere it is a page that says
    nothing ("N/A", "Not Available")."""
    vocabulary = {text_words(value, placeholders_say_nothing=False) for value in values} - {
        frozenset()
    }
    per_source = np.fromiter(Counter(sources).values(), dtype=float)
    return len(vocabulary) >= 2 and len(vocabulary) ** 2 <= np.median(per_source)


_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}
_NUMBER = re.compile(
    r"^\s*(?P<open>\()?\s*(?P<sign>[-+\u2212])?\s*[$\u20ac\u00a3]?\s*"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e(?P<exp>[-+]?\d+))?"
    r"\s*(?P<word>[a-z]+)?\s*(?P<percent>%)?\s*\)?\s*$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?\.?m?\b", re.IGNORECASE)


def parse_number(value: str) -> tuple[float, int] | None:
    """(number, significant digits written) for a numeric value or clock time, else None."""
    text = fold_to_ascii(value).strip()
    match = _NUMBER.match(text)
    if match:
        digits = match["digits"].replace(",", "")
        # Written as one literal, an exponent past a float's range gives inf, not an error.
        number = float(f"{digits}e{match['exp'] or 0}")
        word = (match["word"] or "").lower()
        if word:
            if word not in _MULTIPLIERS and len(word) > 3:
                return None
            number *= _MULTIPLIERS.get(word, 1.0)
        if not math.isfinite(number):
            return None  # "1e999" names no number a source could have measured
        if match["sign"] in ("-", "\u2212") or match["open"]:
            number = -number
        significant = len(digits.replace(".", "").lstrip("0")) or 1
        if "." not in digits:
            significant = len(digits.lstrip("0").rstrip("0")) or 1
        return number, significant
    clock = _CLOCK.search(text)
    if clock:
        hours, minutes, half = int(clock[1]), int(clock[2]), (clock[3] or "").lower()
        if hours > 23 or minutes > 59:
            return None
        if half == "p" and hours < 12:
            hours += 12
        if half == "a" and hours == 12:
            hours = 0
        total = hours * 60 + minutes
        return float(total), len(str(total))
    return None


# ---------------------------------------------------------------------------------------------
# Data set -> claim graph
# ---------------------------------------------------------------------------------------------


@dataclass
class Dataset:
    name: str
    graph: ClaimGraph
    value_label: list[str]
    item_label: list[tuple[str, str]]
    source_label: list[str]
    gold_item: np.ndarray
    """Items with a gold answer."""
    gold_value: np.ndarray
    """Index of the gold answer among candidate values, -1 when no source gave it."""
    similarity: sparse.csr_matrix
    """Similarity in [0, 1] of two candidate values of the same item (for TruthFinder)."""
    kinds: dict[str, str]
    gold_disagreeing: int = 0
    """Items left unscored because their gold rows name different values."""


def _property_kind(prop: str, values: list[str]) -> str:
    if "author" in prop.lower():
        return "authors"
    sample = values[:: max(1, len(values) // 2000)]
    parsed = sum(parse_number(v) is not None for v in sample)
    return "number" if sample and parsed >= 0.8 * len(sample) else "text"


def whole_number_zeros(value: str) -> int | None:
    """Trailing zeros of a value written as a plain whole number ("70" -> 1, "1,200" -> 2, "75"
    -> 0), None for anything else (decimals, multipliers, exponents, clock times, zero)."""
    match = _NUMBER.match(fold_to_ascii(value).strip())
    if not match or match["exp"] or match["word"] or "." in match["digits"]:
        return None
    digits = match["digits"].replace(",", "").lstrip("0")
    return len(digits) - len(digits.rstrip("0")) if digits else None


def written_precision(rows, kinds) -> dict[tuple[str, str], int]:
    """How many trailing zeros of a whole number each source's numbers on a property are rounding:
    the largest k such that more than half of the whole numbers it wrote there are multiples of
    10^k. A "70" from a source that also writes "72" and "75" is exact to the unit; the same "70"
    from a source whose every number ends in 0 is rounded to the ten. (Without this, every whole
    number ending in 0 reads as rounded: a partial version of its neighbours, and a cell ten
    times wider, which lets the model take a near value over the one most sources wrote.)"""
    zeros: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        if kinds[row["property"]] != "number":
            continue
        count = whole_number_zeros(row["value"])
        if count is not None:
            zeros.setdefault((row["source"], row["property"]), []).append(count)
    precision = {}
    for key, counts in zeros.items():
        ordered = sorted(counts, reverse=True)
        # The largest k at least the (half + 1)-th largest count reaches.
        precision[key] = ordered[len(ordered) // 2]
    return precision


def _key(kind: str, value: str, rounded_zeros: int | None = None):
    """Hashable normalised key, or None when the value says nothing."""
    if kind == "authors":
        names = author_surnames(value)
        return ("authors", names) if names else None
    if kind == "number":
        parsed = parse_number(value)
        if parsed is not None:
            zeros = whole_number_zeros(value) if rounded_zeros is not None else None
            if zeros is not None:
                # Trailing zeros beyond the source's rounding are significant.
                number, significant = parsed
                parsed = (number, significant + max(zeros - rounded_zeros, 0))
            return ("number", parsed)
    words = text_words(value, placeholders_say_nothing=kind != "labels")
    return ("words", words) if words else None


_COLUMNS = ("object_id", "property", "value", "source")


def _read_table(path: Path, *, delimiter: str) -> list[dict]:
    """The rows of a CSV or TSV file, read as UTF-8 (a byte-order mark skipped), or, when it is not
    UTF-8, as Latin-1 (which every byte decodes), saying so: published data sets come in both."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        print(f"{path}: not UTF-8 ({error.reason} at byte {error.start}); read as Latin-1")
        text = raw.decode("latin-1")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def load_dataset(folder: Path, *, tolerance: float) -> Dataset:
    claims_path, gold_path = folder / "claims.csv", folder / "gold.tsv"
    rows = _read_table(claims_path, delimiter=",")
    if not rows or not set(_COLUMNS) <= set(rows[0]):
        raise SystemExit(
            f"{claims_path}: expected header object_id,property,value,source,timestamp"
        )
    rows = [row for row in rows if all(row.get(column) is not None for column in _COLUMNS)]
    gold_rows = _read_table(gold_path, delimiter="\t") if gold_path.exists() else []

    values_by_property: dict[str, list[str]] = {}
    sources_by_property: dict[str, list[str]] = {}
    for row in rows:
        values_by_property.setdefault(row["property"], []).append(row["value"])
        sources_by_property.setdefault(row["property"], []).append(row["source"])
    kinds = {prop: _property_kind(prop, values) for prop, values in values_by_property.items()}
    for prop, values in values_by_property.items():
        if kinds[prop] == "text" and recurring_labels(values, sources_by_property[prop]):
            kinds[prop] = "labels"
    precision = written_precision(rows, kinds)

    item_index: dict[tuple[str, str], int] = {}
    source_index: dict[str, int] = {}
    raw_keys: dict[tuple[int, object], int] = {}
    key_of_raw: list[object] = []
    raw_item: list[int] = []
    claim_pairs: set[tuple[int, int]] = set()
    for row in rows:
        rounded = precision.get((row["source"], row["property"]))
        key = _key(kinds[row["property"]], row["value"], rounded)
        if key is None:
            continue
        item = item_index.setdefault((row["object_id"], row["property"]), len(item_index))
        source = source_index.setdefault(row["source"], len(source_index))
        raw = raw_keys.get((item, key))
        if raw is None:
            raw = raw_keys[(item, key)] = len(key_of_raw)
            key_of_raw.append(key)
            raw_item.append(item)
        claim_pairs.add((source, raw))

    raw_item_arr = np.asarray(raw_item, dtype=np.int64)
    merged, representative = _merge_near_numbers(key_of_raw, raw_item_arr, tolerance)
    value_item = raw_item_arr[representative]
    value_key = [key_of_raw[r] for r in representative]
    pairs = np.array(sorted(claim_pairs), dtype=np.int64).reshape(-1, 2)
    claims, claim_of_pair = np.unique(
        np.column_stack([pairs[:, 0], merged[pairs[:, 1]]]), axis=0, return_inverse=True
    )
    claim_source, claim_value = claims[:, 0], claims[:, 1]
    # Each statement keeps the precision its source wrote it with ("57" beside another site's
    # "57.0"); a source that spelled one value several ways is read at its coarsest spelling.
    raw_resolution = np.array(
        [_resolution(*key[1]) if key[0] == "number" else np.nan for key in key_of_raw]
    )
    claim_resolution = np.full(len(claims), -np.inf)
    np.fmax.at(claim_resolution, claim_of_pair.ravel(), raw_resolution[pairs[:, 1]])
    claim_resolution[~np.isfinite(claim_resolution)] = np.nan
    claim_item = value_item[claim_value]
    per_source_item = np.unique(claim_source * len(item_index) + claim_item, return_inverse=True)[1]
    share = 1.0 / np.bincount(per_source_item)[per_source_item]

    partial, similarity = _relations(value_key, value_item, tolerance)
    properties = {prop: k for k, prop in enumerate(kinds)}
    item_group = np.array([properties[prop] for _, prop in item_index], dtype=np.int64)
    value_class = shared_classes(value_key, item_group[value_item], claim_source, claim_value)
    graph = ClaimGraph(
        n_items=len(item_index),
        n_sources=len(source_index),
        value_item=value_item,
        claim_source=claim_source,
        claim_value=claim_value,
        vote_weight=share,
        credit_weight=share,
        partial=partial,
        item_group=item_group,
        value_position=np.array([key[1][0] if key[0] == "number" else np.nan for key in value_key]),
        value_resolution=raw_resolution[representative],
        claim_resolution=claim_resolution,
        value_class=value_class,
    )

    value_lookup: dict[int, dict[object, int]] = {}
    for v, (item, key) in enumerate(zip(value_item, value_key, strict=True)):
        value_lookup.setdefault(int(item), {})[key] = v
    # One gold answer per item: a gold file may list an item more than once (Weather's lists 7,600
    # of its items twice). Rows that name one value count once; an item whose rows name different
    # values has no single truth to score a method against, and is left out. Scoring each row
    # would count the item twice, and the semi-supervised runs could reveal it through one row
    # while scoring it through the other.
    gold_answers: dict[int, set] = {}
    for row in gold_rows:
        prop = row.get("property", "")
        item = item_index.get((row["object_id"], prop))
        if item is None:
            continue
        key = _key(kinds.get(prop, "text"), row["value"])
        found = _find_value(key, value_lookup.get(item, {}), tolerance)
        # A value no source gave is told apart by its normalised form.
        gold_answers.setdefault(item, set()).add(found if found >= 0 else ("unstated", key))
    gold = {
        item: next(iter(answers)) for item, answers in gold_answers.items() if len(answers) == 1
    }
    return Dataset(
        name=folder.name,
        graph=graph,
        value_label=[_describe(key) for key in value_key],
        item_label=list(item_index),
        source_label=list(source_index),
        gold_item=np.asarray(list(gold), dtype=np.int64),
        gold_value=np.asarray(
            [value if isinstance(value, int) else -1 for value in gold.values()], dtype=np.int64
        ),
        similarity=similarity,
        kinds=kinds,
        gold_disagreeing=len(gold_answers) - len(gold),
    )


def shared_classes(value_key, value_group, claim_source, claim_value) -> np.ndarray:
    """Each value's class in its property's vocabulary, -1 where the property's values are not
    classes. A property's values are classes when it has so few distinct values in all (a crowd's
    labels, recurring on every item) that a source's K x K confusion matrix can be seen: the
    median source made at least K^2 statements on it, one per cell on average. Measurements
    (temperatures, flight times) and item-specific values (author lists) have hundreds of distinct
    values or more. Whether the classes are then read through confusion matrices, the model
    decides from the data."""
    value_class = np.full(len(value_key), -1, dtype=np.int64)
    n_groups = int(value_group.max(initial=-1)) + 1
    n_sources = int(claim_source.max(initial=0)) + 1
    # Statements per (group, source), in group order: each group's slice gives its median source.
    pair, per_pair = np.unique(
        value_group[claim_value] * n_sources + claim_source, return_counts=True
    )
    pair_bounds = np.searchsorted(pair // n_sources, np.arange(n_groups + 1))
    value_order = np.argsort(value_group, kind="stable")
    value_bounds = np.searchsorted(value_group[value_order], np.arange(n_groups + 1))
    for group in range(n_groups):
        values = value_order[value_bounds[group] : value_bounds[group + 1]]
        statements = per_pair[pair_bounds[group] : pair_bounds[group + 1]]
        vocabulary = sorted({value_key[v] for v in values}, key=_describe)
        if (
            len(vocabulary) < 2
            or not len(statements)
            or len(vocabulary) ** 2 > np.median(statements)
        ):
            continue
        index = {key: k for k, key in enumerate(vocabulary)}
        value_class[values] = [index[value_key[v]] for v in values]
    return value_class


def _resolution(number: float, significant: int) -> float:
    """Width of the interval a number written with this many significant digits stands for."""
    magnitude = math.floor(math.log10(abs(number))) if number else 0
    return 10.0 ** (magnitude - significant + 1)


def _describe(key) -> str:
    kind, payload = key
    if kind == "number":
        return f"{payload[0]:g}"
    return ";".join(sorted(payload))


def _find_value(key, candidates: dict, tolerance: float) -> int:
    if key is None:
        return -1
    if key in candidates:
        return candidates[key]
    if key[0] == "number":
        gold = key[1][0]
        for candidate, v in candidates.items():
            if candidate[0] == "number" and _near(candidate[1][0], gold, tolerance):
                return v
    return -1


def _near(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-12)


def _merge_near_numbers(keys, item, tolerance):
    """Merge numeric values of one item that lie within the relative tolerance of each other
    (single linkage over the sorted numbers). Returns, for every raw value, its merged index,
    and for every merged value the raw value representing it (the one with most significant
    digits, i.e. the most precise spelling)."""
    n = len(keys)
    is_number = np.array([key[0] == "number" for key in keys], dtype=bool)
    number = np.array([key[1][0] if key[0] == "number" else 0.0 for key in keys])
    digits = np.array([key[1][1] if key[0] == "number" else 0 for key in keys])
    order = np.lexsort((number, ~is_number, item))
    starts_group = np.ones(n, dtype=bool)
    if n > 1:
        same_item = item[order][1:] == item[order][:-1]
        both_numbers = is_number[order][1:] & is_number[order][:-1]
        a, b = number[order][1:], number[order][:-1]
        close = np.abs(a - b) <= tolerance * np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-12)
        starts_group[1:] = ~(same_item & both_numbers & close)
    group_sorted = np.cumsum(starts_group) - 1
    merged = np.empty(n, dtype=np.int64)
    merged[order] = group_sorted
    n_groups = int(group_sorted[-1]) + 1 if n else 0
    best = np.lexsort((np.arange(n), -digits, merged))
    first = np.ones(n, dtype=bool)
    first[1:] = merged[best][1:] != merged[best][:-1]
    representative = np.empty(n_groups, dtype=np.int64)
    representative[merged[best][first]] = best[first]
    return merged, representative


def _relations(value_key, value_item, tolerance):
    """Partial-version and similarity relations between candidate values of the same item."""
    n = len(value_key)
    first, second = pairs_within_groups(value_item)
    is_number = np.array([key[0] == "number" for key in value_key], dtype=bool)
    number = np.array([key[1][0] if key[0] == "number" else 0.0 for key in value_key])
    digits = np.array([key[1][1] if key[0] == "number" else 0 for key in value_key])

    # Name and word sets: overlaps of all value pairs from one sparse product over (item, word)
    # columns. Only author lists have partial versions: a shorter list names fewer authors, but
    # fewer words of free text ("A12" against "Main Term - A12") need not be less specific.
    is_authors = np.array([key[0] == "authors" for key in value_key], dtype=bool)
    columns: dict[tuple[int, str], int] = {}
    rows, cols = [], []
    for v, (kind, payload) in enumerate(value_key):
        if kind != "number":
            for word in payload:
                rows.append(v)
                cols.append(columns.setdefault((int(value_item[v]), word), len(columns)))
    words = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(len(columns), 1)))
    size = np.asarray(words.sum(axis=1)).ravel()
    overlap = sparse_lookup(words @ words.T, first, second)
    both_sets = (~is_number[first]) & (~is_number[second])
    union = np.maximum(size[first] + size[second] - overlap, 1.0)
    set_similarity = np.where(both_sets, overlap / union, 0.0)
    set_partial = (
        is_authors[first]
        & is_authors[second]
        & (overlap == size[first])
        & (size[first] < size[second])
    )

    both_numbers = is_number[first] & is_number[second]
    a, b = number[first], number[second]
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-12)
    number_similarity = np.where(both_numbers, np.clip(1.0 - np.abs(a - b) / scale, 0.0, 1.0), 0.0)
    rounded = _round_significant(b, digits[first])
    number_partial = (
        both_numbers
        & (digits[first] < digits[second])
        & (np.abs(rounded - a) <= 1e-9 * np.maximum(np.abs(a), 1e-12))
    )
    is_partial = set_partial | number_partial
    partial = sparse.csr_matrix(
        (np.ones(int(is_partial.sum())), (first[is_partial], second[is_partial])), shape=(n, n)
    )
    similar = sparse.csr_matrix((set_similarity + number_similarity, (first, second)), shape=(n, n))
    return partial, similar


def _round_significant(number, digits):
    """Numbers rounded to the given count of significant digits, elementwise."""
    number = np.asarray(number, dtype=float)
    magnitude = np.floor(np.log10(np.where(number == 0, 1.0, np.abs(number))))
    scale = 10.0 ** (np.asarray(digits) - 1 - magnitude)
    return np.round(number * scale) / scale


# ---------------------------------------------------------------------------------------------
# Methods. Each returns the probability of every candidate value (summing to 1 per item).
# ---------------------------------------------------------------------------------------------


def _normalise_per_item(score, graph):
    score = np.maximum(score, 0.0)
    total = np.bincount(graph.value_item, weights=score, minlength=graph.n_items)[graph.value_item]
    count = np.bincount(graph.value_item, minlength=graph.n_items)[graph.value_item]
    return np.where(total > 0, score / np.where(total > 0, total, 1.0), 1.0 / count)


def majority_vote(data: Dataset) -> np.ndarray:
    graph = data.graph
    votes = np.bincount(graph.claim_value, weights=graph.vote_weight, minlength=graph.n_values)
    return _normalise_per_item(votes, graph)


def truthfinder(
    data: Dataset,
    *,
    gamma=0.3,
    rho=0.5,
    base_similarity=0.5,
    initial_trust=0.9,
    max_iterations=20,
    tolerance=1e-5,
) -> np.ndarray:
    """TruthFinder (Yin, Han & Yu, KDD 2007) with the paper's parameters; the implication between
    two values of an item is their similarity minus the base similarity."""
    graph = data.graph
    source, value, weight = graph.claim_source, graph.claim_value, graph.vote_weight
    statements = np.bincount(source, weights=weight, minlength=graph.n_sources)
    similarity_t = data.similarity.T.tocsr()
    trust = np.full(graph.n_sources, initial_trust)
    confidence = np.zeros(graph.n_values)
    for _ in range(max_iterations):
        tau = -np.log(np.maximum(1.0 - trust, 1e-12))
        sigma = np.bincount(value, weights=weight * tau[source], minlength=graph.n_values)
        item_total = np.bincount(graph.value_item, weights=sigma, minlength=graph.n_items)
        others = item_total[graph.value_item] - sigma
        adjusted = sigma + rho * (similarity_t @ sigma - base_similarity * others)
        confidence = 1.0 / (1.0 + np.exp(-gamma * adjusted))
        new_trust = np.bincount(
            source, weights=weight * confidence[value], minlength=graph.n_sources
        )
        new_trust = new_trust / np.maximum(statements, 1e-12)
        cosine = new_trust @ trust / (np.linalg.norm(new_trust) * np.linalg.norm(trust))
        trust = new_trust
        if 1.0 - cosine < tolerance:
            break
    return _normalise_per_item(confidence, graph)


def investment(data: Dataset, *, pooled: bool, iterations=20) -> np.ndarray:
    """Investment (g = 1.2) and PooledInvestment (g = 1.4), Pasternack & Roth, COLING 2010: sources
    invest their trust evenly in their claims and earn it back in proportion to belief."""
    graph = data.graph
    g = 1.4 if pooled else 1.2
    source, value, weight = graph.claim_source, graph.claim_value, graph.vote_weight
    claims_per_source = np.bincount(source, weights=weight, minlength=graph.n_sources)
    trust = np.ones(graph.n_sources)
    candidates = np.bincount(graph.value_item, minlength=graph.n_items)[graph.value_item]
    belief = 1.0 / candidates
    for _ in range(iterations):
        stake = weight * trust[source] / claims_per_source[source]
        invested = np.bincount(value, weights=stake, minlength=graph.n_values)
        returned = np.divide(
            stake * belief[value],
            invested[value],
            out=np.zeros_like(stake),
            where=invested[value] > 0,
        )
        trust = np.bincount(source, weights=returned, minlength=graph.n_sources)
        trust = trust / trust.mean()
        pooled_trust = np.bincount(
            value,
            weights=weight * trust[source] / claims_per_source[source],
            minlength=graph.n_values,
        )
        if pooled:
            grown = pooled_trust**g
            total = np.bincount(graph.value_item, weights=grown, minlength=graph.n_items)
            belief = pooled_trust * grown / total[graph.value_item]
        else:
            belief = pooled_trust**g
        belief = belief / belief.max()
    return _normalise_per_item(belief, graph)


def crh(data: Dataset, *, iterations=20) -> np.ndarray:
    """CRH (Li, Li, Gao, Zhao, Fan & Han, SIGMOD 2014): source weights -log(share of the total
    loss), truths by weighted vote (categorical) or weighted median (numbers, absolute deviation
    scaled by the spread of the item's claims). CRH gives no probabilities; a numeric item puts
    half its mass on the candidate nearest the weighted median and half by weighted vote."""
    graph = data.graph
    source, value, vote = graph.claim_source, graph.claim_value, graph.vote_weight
    item = graph.claim_item
    position = graph.value_position[value]
    numeric_claim = np.isfinite(position)
    numeric_item = np.bincount(item, weights=numeric_claim, minlength=graph.n_items) > 0
    numeric_claim &= numeric_item[item]
    counts = np.maximum(np.bincount(item, weights=vote, minlength=graph.n_items), 1e-12)
    mean = (
        np.bincount(item, weights=vote * np.nan_to_num(position), minlength=graph.n_items) / counts
    )
    spread = np.sqrt(
        np.bincount(
            item,
            weights=vote * (np.nan_to_num(position) - mean[item]) ** 2,
            minlength=graph.n_items,
        )
        / counts
    )
    spread = np.where(spread > 0, spread, 1.0)
    weight = np.ones(graph.n_sources)
    for _ in range(iterations):
        votes = np.bincount(value, weights=vote * weight[source], minlength=graph.n_values)
        truth = _best_value(_normalise_per_item(votes, graph), graph)
        median = _weighted_median(
            item, np.nan_to_num(position), vote * weight[source] * numeric_claim, graph.n_items
        )
        loss = np.where(
            numeric_claim,
            np.abs(np.nan_to_num(position) - median[item]) / spread[item],
            (value != truth[item]).astype(float),
        )
        total = np.bincount(source, weights=vote * loss, minlength=graph.n_sources)
        share = np.maximum(total, 1e-12) / max(total.sum(), 1e-12)
        weight = -np.log(share)
    votes = np.bincount(value, weights=vote * weight[source], minlength=graph.n_values)
    probability = _normalise_per_item(votes, graph)
    if numeric_item.any():
        candidate = graph.value_position
        distance = np.abs(np.nan_to_num(candidate, nan=np.inf) - median[graph.value_item])
        nearest = _best_value(-distance, graph)
        nearest_mass = np.zeros(graph.n_values)
        nearest_mass[nearest[nearest >= 0]] = 1.0
        on_numeric = numeric_item[graph.value_item]
        probability = np.where(on_numeric, 0.5 * probability + 0.5 * nearest_mass, probability)
    return probability


def _weighted_median(segment, values, weights, n_segments):
    """Weighted median of values within each segment (NaN where a segment has no weight)."""
    order = np.lexsort((values, segment))
    seg, val, w = segment[order], values[order], weights[order]
    cumulative = np.cumsum(w)
    total = np.bincount(seg, weights=w, minlength=n_segments)
    before = np.concatenate([[0.0], np.cumsum(total)])[seg]
    reached = (cumulative - before) >= 0.5 * total[seg]
    median = np.full(n_segments, np.nan)
    first = np.flatnonzero(reached & (w > 0))
    keep = np.ones(len(first), dtype=bool)
    keep[1:] = seg[first][1:] != seg[first][:-1]
    median[seg[first[keep]]] = val[first[keep]]
    return median


def own_record(data: Dataset, labels: np.ndarray) -> np.ndarray:
    """Each source's Laplace-smoothed accuracy on the revealed items, then a vote weighted by it."""
    graph = data.graph
    label = labels[graph.claim_item]
    decided = label >= 0
    right = decided & (graph.claim_value == label)
    weight = graph.vote_weight
    hits = np.bincount(graph.claim_source, weights=weight * right, minlength=graph.n_sources)
    seen = np.bincount(graph.claim_source, weights=weight * decided, minlength=graph.n_sources)
    accuracy = (hits + 1.0) / (seen + 2.0)
    votes = np.bincount(
        graph.claim_value, weights=weight * accuracy[graph.claim_source], minlength=graph.n_values
    )
    return _normalise_per_item(votes, graph)


def ours(data: Dataset, *, labels=None, detect_copying=True) -> np.ndarray:
    return ours_estimate(data, labels=labels, detect_copying=detect_copying).value_probability


def ours_estimate(data: Dataset, *, labels=None, detect_copying=True):
    return discover_truth(data.graph, labels=labels, detect_copying=detect_copying)


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

PROBABILITY_FLOOR = 1e-3
"""Probability assumed for a gold answer no method could name (no source gave it)."""


@dataclass
class Score:
    correct: np.ndarray
    gold_probability: np.ndarray
    brier: np.ndarray
    confidence: np.ndarray

    @property
    def accuracy(self) -> float:
        return float(self.correct.mean()) if len(self.correct) else float("nan")


def score(data: Dataset, probability: np.ndarray, items: np.ndarray) -> Score:
    graph = data.graph
    lookup = dict(zip(data.gold_item.tolist(), data.gold_value.tolist(), strict=True))
    gold = np.array([lookup[i] for i in items.tolist()], dtype=np.int64)
    best = _best_value(probability, graph)[items]
    correct = (gold >= 0) & (best == gold)
    gold_probability = np.where(gold >= 0, probability[np.maximum(gold, 0)], 0.0)
    squared = np.bincount(graph.value_item, weights=probability**2, minlength=graph.n_items)[items]
    brier = squared - 2.0 * gold_probability + 1.0
    return Score(
        correct=correct,
        gold_probability=np.clip(gold_probability, PROBABILITY_FLOOR, 1.0),
        brier=brier,
        confidence=probability[best],
    )


def _best_value(probability, graph):
    order = np.lexsort((np.arange(graph.n_values), -probability, graph.value_item))
    first = np.ones(len(order), dtype=bool)
    first[1:] = graph.value_item[order][1:] != graph.value_item[order][:-1]
    best = np.full(graph.n_items, -1, dtype=np.int64)
    best[graph.value_item[order][first]] = order[first]
    return best


def wilson_interval(successes: int, n: int, level=0.95) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    z = stats.norm.ppf(0.5 + level / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def expected_calibration_error(confidence, correct, bins=10) -> float:
    """Mean gap between confidence and accuracy over ten equal-width confidence bins, weighted
    by how many answers fall in each."""
    edges = np.minimum((confidence * bins).astype(int), bins - 1)
    confident = np.bincount(edges, weights=confidence, minlength=bins)
    right = np.bincount(edges, weights=correct.astype(float), minlength=bins)
    return float(np.abs(confident - right).sum() / max(len(confidence), 1))


def paired_comparison(ours_correct, other_correct, *, seed=0, resamples=10000):
    """Exact McNemar p-value and a bootstrap 95 % interval of the accuracy difference."""
    ours_only = int(np.sum(ours_correct & ~other_correct))
    other_only = int(np.sum(~ours_correct & other_correct))
    discordant = ours_only + other_only
    p_value = stats.binomtest(ours_only, discordant, 0.5).pvalue if discordant else 1.0
    # Resampling items only matters through how many of each kind a resample draws (ours alone
    # right, the other alone right, neither or both): draw those counts, in memory independent of
    # the number of items (a 10,000 x n matrix of picks took gigabytes on Weather).
    rng = np.random.default_rng(seed)
    n = max(len(ours_correct), 1)
    counts = rng.multinomial(n, [ours_only / n, other_only / n, 1 - discordant / n], resamples)
    difference = (counts[:, 0] - counts[:, 1]) / n
    low, high = np.percentile(difference, [2.5, 97.5])
    return ours_only, other_only, p_value, float(low), float(high)


# ---------------------------------------------------------------------------------------------
# Benchmark on a data set
# ---------------------------------------------------------------------------------------------

BASELINES = {
    "majority": majority_vote,
    "truthfinder": truthfinder,
    "investment": lambda data: investment(data, pooled=False),
    "pooled_investment": lambda data: investment(data, pooled=True),
    "crh": crh,
}
REVEALED_FRACTIONS = (0.1, 0.3, 0.5)


def _row(name, result: Score, seconds=None):
    n = len(result.correct)
    low, high = wilson_interval(int(result.correct.sum()), n)
    timing = f"{seconds:8.2f}" if seconds is not None else " " * 8
    return (
        f"  {name:<22} {result.accuracy:6.3f}  [{low:.3f}, {high:.3f}]  {n:5d}"
        f"  {-np.log(result.gold_probability).mean():8.3f}  {result.brier.mean():6.3f}"
        f"  {expected_calibration_error(result.confidence, result.correct):6.3f}  {timing}"
    )


def run_data_benchmark(data: Dataset, *, seeds: int) -> None:
    graph = data.graph
    scored = data.gold_item
    print(
        f"data set {data.name}: {graph.n_claims} statements by {graph.n_sources} sources about "
        f"{graph.n_items} items ({graph.n_values} distinct values after normalisation; kinds "
        f"{dict(Counter(data.kinds.values()))}); gold for {len(scored)} items, "
        f"{int((data.gold_value >= 0).sum())} of them given by some source"
        + (
            f"; {data.gold_disagreeing} more left out, their gold rows naming different values"
            if data.gold_disagreeing
            else ""
        )
    )
    header = (
        "  method                 accuracy  95% interval    n  log loss   Brier     ECE  seconds"
    )
    print("\nunsupervised, all gold items")
    print(header)
    results: dict[str, Score] = {}
    probabilities: dict[str, np.ndarray] = {}
    methods = dict(BASELINES, ours=ours)
    for name, method in methods.items():
        started = time.perf_counter()
        probabilities[name] = method(data)
        elapsed = time.perf_counter() - started
        results[name] = score(data, probabilities[name], scored)
        print(_row(name, results[name], elapsed))

    best = max(BASELINES, key=lambda name: results[name].accuracy)
    ours_only, best_only, p_value, low, high = paired_comparison(
        results["ours"].correct, results[best].correct
    )
    difference = results["ours"].accuracy - results[best].accuracy
    print(
        f"\npaired, ours vs best baseline ({best}): difference {difference:+.3f} "
        f"(bootstrap 95 % [{low:+.3f}, {high:+.3f}]); ours alone right on {ours_only} items, "
        f"{best} alone on {best_only}; exact McNemar p = {p_value:.3g}"
    )

    print(
        "\nsemi-supervised: part of the gold revealed as reviews, scored on the rest, "
        f"{seeds} seeds"
    )
    print(
        "  revealed  ours semi  (sd)  unsupervised ours  own record  best baseline"
        "  log loss  majority log loss   Brier    ECE"
    )
    semi_lines = []
    labellable = data.gold_value >= 0
    for fraction in REVEALED_FRACTIONS:
        rows = {
            key: []
            for key in ("semi", "plain", "own", "baseline", "loss", "majority_loss", "brier", "ece")
        }
        for seed in range(seeds):
            rng = np.random.default_rng(seed)
            revealed = rng.random(len(scored)) < fraction
            labels = np.full(graph.n_items, -1, dtype=np.int64)
            reveal = revealed & labellable
            labels[scored[reveal]] = data.gold_value[reveal]
            held_out = scored[~revealed]
            result = score(data, ours(data, labels=labels), held_out)
            rows["semi"].append(result.accuracy)
            rows["loss"].append(-np.log(result.gold_probability).mean())
            rows["brier"].append(result.brier.mean())
            rows["ece"].append(expected_calibration_error(result.confidence, result.correct))
            rows["plain"].append(score(data, probabilities["ours"], held_out).accuracy)
            rows["own"].append(score(data, own_record(data, labels), held_out).accuracy)
            rows["baseline"].append(score(data, probabilities[best], held_out).accuracy)
            majority_held_out = score(data, probabilities["majority"], held_out)
            rows["majority_loss"].append(-np.log(majority_held_out.gold_probability).mean())
        mean = {key: float(np.mean(values)) for key, values in rows.items()}
        percent = round(fraction * 100)
        print(
            f"  {percent:7d} %  {mean['semi']:9.3f}  ({np.std(rows['semi']):.3f})"
            f"  {mean['plain']:17.3f}  {mean['own']:10.3f}  {mean['baseline']:13.3f}"
            f"  {mean['loss']:8.3f}  {mean['majority_loss']:17.3f}"
            f"  {mean['brier']:6.3f}  {mean['ece']:5.3f}"
        )
        semi_lines += [
            f"ours_semi_{percent}: {mean['semi']:.4f}",
            f"ours_semi_{percent}_logloss: {mean['loss']:.4f}",
            f"own_record_semi_{percent}: {mean['own']:.4f}",
        ]

    print()
    for name in methods:
        print(f"{name}: {results[name].accuracy:.4f}")
    for name in methods:
        print(f"{name}_logloss: {-np.log(results[name].gold_probability).mean():.4f}")
    for line in semi_lines:
        print(line)


# ---------------------------------------------------------------------------------------------
# Synthetic world
# ---------------------------------------------------------------------------------------------

DAY = 86400.0


@dataclass
class SyntheticWorld:
    n_sources: int
    n_claims: int
    claim_truth: np.ndarray
    citation_claim: np.ndarray
    citation_source: np.ndarray
    citation_asserts: np.ndarray
    citation_time: np.ndarray
    reliability_before: np.ndarray
    reliability_after: np.ndarray
    change_time: np.ndarray
    """When each source changed hands (inf for sources that never did)."""
    group: np.ndarray
    """Copying group of each source (its own index when it copies nobody)."""
    horizon: float


def make_world(n_citations: int, *, seed: int = 0) -> SyntheticWorld:
    """Binary claims over three years, cited (asserted or denied) by sources of known reliability.

    Reliabilities are a mix of good (Beta(8, 2)) and poor (Beta(2, 3)) sources; 5 % of sources
    change hands at a random time and get a new reliability (the SANA case). 15 % of sources are
    copiers in groups of two to five that repeat their leader's statement, mistakes included.
    Popularity is heavy-tailed, so a few sources are cited often and many rarely.
    """
    rng = np.random.default_rng(seed)
    n_sources = max(50, n_citations // 500)
    n_claims = max(20, n_citations // 10)
    horizon = 3 * 365 * DAY
    good = rng.random(n_sources) < 0.7
    reliability_before = np.where(good, rng.beta(8, 2, n_sources), rng.beta(2, 3, n_sources))
    changes = rng.random(n_sources) < 0.05
    change_time = np.where(changes, rng.uniform(0.3, 0.7, n_sources) * horizon, np.inf)
    reliability_after = np.where(changes, rng.beta(2, 2, n_sources), reliability_before)

    group = np.arange(n_sources)
    copiers = rng.choice(n_sources, size=int(0.15 * n_sources), replace=False)
    leaders = rng.choice(
        np.setdiff1d(np.arange(n_sources), copiers), size=max(1, len(copiers) // 3)
    )
    group[copiers] = rng.choice(leaders, size=len(copiers))
    is_copier = group != np.arange(n_sources)
    # A copier is as reliable as what it copies.
    reliability_before = reliability_before[group]
    reliability_after = reliability_after[group]
    change_time = change_time[group]

    claim_truth = rng.random(n_claims) < 0.5
    claim_time = rng.uniform(0, horizon, n_claims)
    popularity = rng.pareto(1.5, n_sources) + 1.0
    popularity[is_copier] = 0.0
    popularity /= popularity.sum()

    members = np.lexsort((is_copier, group))  # each group's leader first, then its copiers
    member_start = np.searchsorted(group[members], np.arange(n_sources))
    member_count = np.bincount(group, minlength=n_sources)
    # Independent statements first; copiers then repeat some of their leader's statements.
    expected_copies = 0.8 * (member_count[~is_copier] - 1) @ popularity[~is_copier]
    # Oversample a little: repeated (claim, source) pairs are dropped, then the world is cut to
    # size.
    n_independent = int(1.15 * n_citations / (1.0 + expected_copies))
    statement_claim = rng.integers(0, n_claims, n_independent)
    statement_source = rng.choice(n_sources, size=n_independent, p=popularity)
    copies_per = member_count[statement_source] - 1
    copied_from = np.repeat(np.arange(n_independent), copies_per)
    rank = np.arange(len(copied_from)) - np.repeat(np.cumsum(copies_per) - copies_per, copies_per)
    copier = members[member_start[statement_source[copied_from]] + 1 + rank]
    keep = rng.random(len(copied_from)) < 0.8
    copied_from, copier = copied_from[keep], copier[keep]

    statement_time = claim_time[statement_claim] + rng.exponential(2 * DAY, n_independent)
    reliability_then = np.where(
        statement_time < change_time[statement_source],
        reliability_before[statement_source],
        reliability_after[statement_source],
    )
    says_truth = rng.random(n_independent) < reliability_then
    statement_asserts = says_truth == claim_truth[statement_claim]

    citation_claim = np.concatenate([statement_claim, statement_claim[copied_from]])
    citation_source = np.concatenate([statement_source, copier])
    citation_asserts = np.concatenate([statement_asserts, statement_asserts[copied_from]])
    citation_time = np.concatenate(
        [statement_time, statement_time[copied_from] + rng.exponential(DAY, len(copied_from))]
    )
    unique = np.unique(citation_claim * n_sources + citation_source, return_index=True)[1]
    unique = np.sort(rng.permutation(unique)[:n_citations])
    return SyntheticWorld(
        n_sources=n_sources,
        n_claims=n_claims,
        claim_truth=claim_truth,
        citation_claim=citation_claim[unique],
        citation_source=citation_source[unique],
        citation_asserts=citation_asserts[unique],
        citation_time=citation_time[unique],
        reliability_before=reliability_before,
        reliability_after=reliability_after,
        change_time=change_time,
        group=group,
        horizon=horizon,
    )


def run_synthetic_benchmark(
    n_citations: int, *, seed: int = 0, reviewed_fraction: float = 0.05
) -> None:
    run_started = time.perf_counter()
    world = make_world(n_citations, seed=seed)
    generated = time.perf_counter() - run_started
    n = len(world.citation_claim)
    print(
        f"\nsynthetic world: {n} citations of {world.n_claims} claims by {world.n_sources} sources "
        f"(generated in {generated:.1f} s); "
        f"{int((world.group != np.arange(world.n_sources)).sum())} copiers, "
        f"{int(np.isfinite(world.change_time).sum())} sources change hands; "
        f"{reviewed_fraction:.0%} of claims reviewed"
    )
    rng = np.random.default_rng(seed + 1)
    reviewed = np.flatnonzero(rng.random(world.n_claims) < reviewed_fraction)
    labels = binary_labels(
        n_statements=world.n_claims, statement=reviewed, is_true=world.claim_truth[reviewed]
    )
    now = world.horizon
    true_now = np.where(
        np.isfinite(world.change_time), world.reliability_after, world.reliability_before
    )
    counts = np.bincount(world.citation_source, minlength=world.n_sources)
    judged = counts >= 20
    unreviewed = np.ones(world.n_claims, dtype=bool)
    unreviewed[reviewed] = False
    group_matrix = sparse.csr_matrix(
        (np.ones(world.n_sources), (np.arange(world.n_sources), world.group)),
        shape=(world.n_sources, world.n_sources),
    )
    affiliation = (group_matrix @ group_matrix.T).tocsr()

    print(
        "  variant                        seconds  iters  spearman    MAE  in 95%  interval"
        "  claim acc   ECE"
    )
    variants = [
        ("majority agreement", None),
        ("ours, no dependence", dict(dependence=None, detect_copying=False, half_life=None)),
        (
            "ours, affiliation known",
            dict(dependence=affiliation, detect_copying=False, half_life=None),
        ),
        ("ours, copying detected", dict(dependence=None, detect_copying=True, half_life=None)),
        (
            "ours, detected + half-life",
            dict(dependence=None, detect_copying=True, half_life=180 * DAY),
        ),
    ]
    for name, options in variants:
        started = time.perf_counter()
        if options is None:
            probability = _synthetic_majority(world)
            agree = np.where(
                world.citation_asserts,
                probability[world.citation_claim],
                1 - probability[world.citation_claim],
            )
            estimate_mean = np.bincount(
                world.citation_source, weights=agree, minlength=world.n_sources
            ) / np.maximum(counts, 1)
            interval = None
            iterations = 1
        else:
            graph = binary_graph(
                n_statements=world.n_claims,
                n_sources=world.n_sources,
                statement=world.citation_claim,
                source=world.citation_source,
                asserts=world.citation_asserts,
                credit_weight=half_life_weights(now - world.citation_time, options["half_life"]),
            )
            estimate = discover_truth(
                graph,
                labels=labels,
                dependence=options["dependence"],
                detect_copying=options["detect_copying"],
            )
            probability = estimate.value_probability[0::2]
            estimate_mean = estimate.source_reliability
            interval = estimate.source_interval()
            iterations = estimate.iterations
        elapsed = time.perf_counter() - started
        rho = stats.spearmanr(estimate_mean[judged], true_now[judged]).statistic
        mae = np.abs(estimate_mean - true_now)[judged].mean()
        if interval is not None:
            inside = (interval[0] <= true_now) & (true_now <= interval[1])
            coverage = f"{inside[judged].mean():6.3f}"
            width = f"{(interval[1] - interval[0])[judged].mean():8.3f}"
        else:
            coverage, width = "     -", "       -"
        truth = world.claim_truth[unreviewed]
        predicted = probability[unreviewed]
        correct = (predicted >= 0.5) == truth
        confidence = np.maximum(predicted, 1 - predicted)
        print(
            f"  {name:<28} {elapsed:8.1f}  {iterations:5d}  {rho:8.3f}  {mae:5.3f}"
            f"  {coverage}  {width}"
            f"  {correct.mean():9.3f}  {expected_calibration_error(confidence, correct):5.3f}"
        )
    print(
        f"  ({int(judged.sum())} sources with at least 20 citations scored against their current "
        f"true reliability: rank correlation, mean absolute error, share inside the 95 % credible "
        f"interval and its mean width; claims scored on the unreviewed ones; whole synthetic run "
        f"{time.perf_counter() - run_started:.1f} s)"
    )


def _synthetic_majority(world: SyntheticWorld) -> np.ndarray:
    asserts = np.bincount(
        world.citation_claim, weights=world.citation_asserts, minlength=world.n_claims
    )
    total = np.bincount(world.citation_claim, minlength=world.n_claims)
    return np.where(total > 0, asserts / np.maximum(total, 1), 0.5)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="folder with claims.csv and gold.tsv")
    parser.add_argument("--seeds", type=int, default=10, help="seeds for the semi-supervised runs")
    parser.add_argument(
        "--tolerance", type=float, default=1e-3, help="relative tolerance for equal numbers"
    )
    parser.add_argument(
        "--synthetic",
        type=int,
        default=None,
        metavar="CITATIONS",
        help="size of the synthetic world (default 100000 with --data, 1000000 without; 0 skips)",
    )
    parser.add_argument(
        "--regime",
        action="append",
        choices=(*REGIMES, "all"),
        help="also generate and run a synthetic data set of this regime (repeatable)",
    )
    parser.add_argument(
        "--regime-items", type=int, default=None, help="items per property of a regime"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="every part at a tiny size in seconds "
        "(all regimes of 100 items, one seed, a 5,000-citation world)",
    )
    args = parser.parse_args(argv)
    if args.data is not None:
        for name in ("claims.csv", "gold.tsv"):
            if not (args.data / name).is_file():
                parser.error(f"{args.data} has no {name}")
        data = load_dataset(args.data, tolerance=args.tolerance)
        if data.gold_disagreeing and len(data.gold_item) == 0:
            parser.error(f"{args.data}: every item of gold.tsv has rows naming different values")
        if len(data.gold_item) == 0:
            parser.error(f"{args.data}: no row of gold.tsv names an item of claims.csv")
        run_data_benchmark(data, seeds=1 if args.smoke else args.seeds)
    regimes = [
        name for choice in args.regime or [] for name in (REGIMES if choice == "all" else [choice])
    ]
    if args.smoke:
        regimes = regimes or list(REGIMES)
    if regimes:
        n_items = args.regime_items or (100 if args.smoke else 3000)
        with tempfile.TemporaryDirectory() as folder:
            for name in regimes:
                print(f"\n=== synthetic regime {name} ({n_items} items per property) ===")
                path = write_regime(name, Path(folder), n_items=n_items)
                run_data_benchmark(
                    load_dataset(path, tolerance=args.tolerance),
                    seeds=1 if args.smoke else args.seeds,
                )
    default_size = 5_000 if args.smoke else (100_000 if args.data or regimes else 1_000_000)
    synthetic = args.synthetic if args.synthetic is not None else default_size
    if synthetic:
        run_synthetic_benchmark(synthetic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
