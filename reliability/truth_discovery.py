"""Truth discovery: how reliable each source is, and how likely each claimed value is true.

Pure numpy/scipy, no Django: the reliability engine (`sources/reliability.py`) feeds it the
citations from the database, and `bench/truth_discovery.py` feeds it public benchmark data.

The model
---------
Each *item* (a claim in factcheck, a book's author list in the Book benchmark) has one true value
among the candidate values sources gave for it. Factcheck claims are binary items: value "true"
(cited as asserting) or "false" (cited as denying). Each source s has a reliability r_s, the
probability that what it says is exactly right, with a Beta prior (from a human grade when there
is one, else the population). A wrong statement is either a *partial* version of the truth (a
less specific value: the first author only, a rounded number; probability rho_s, learned per
source) or some other wrong value (one of n_i alternatives). The likelihood of one statement x
given the truth t is

    r_s                              if x == t
    (1 - r_s) * rho_s / m_t          if x is a partial version of t (m_t such versions observed)
    (1 - r_s) * (1 - rho_s*[m_t>0]) / n_i   otherwise

Expectation-maximisation alternates the posterior over each item's truth (E step) with the
posterior means of r_s and rho_s from expected counts (M step). Reviewed items are observed labels
(semi-supervised: their truth is fixed, the rest is inferred). Sources that are not independent
(same affiliation root, or detected copying) share one voice: each vote for a value is divided by
one plus the summed dependence on the other sources voting for that value, so k perfect copies
weigh as much as one source. Dependence affects only how votes add up, never a source's own
record: credit and blame stay with whoever made the statement.

Everything is vectorised over claims, values, items and sources; no Python loop runs per claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from scipy import sparse
from scipy.special import expit
from scipy.stats import beta as beta_distribution

RELIABILITY_FLOOR = 1e-4
"""Reliabilities are kept inside [floor, 1 - floor] so log-odds stay finite."""


def beta_from_mean(mean, strength):
    """Beta(alpha, beta) with the given mean and alpha + beta = strength (pseudo-observations)."""
    mean = np.asarray(mean, dtype=float)
    strength = np.asarray(strength, dtype=float)
    return mean * strength, (1.0 - mean) * strength


def beta_interval(alpha, beta, level: float = 0.95):
    """Equal-tailed credible interval of Beta(alpha, beta), elementwise."""
    tail = (1.0 - level) / 2.0
    return beta_distribution.ppf(tail, alpha, beta), beta_distribution.ppf(1.0 - tail, alpha, beta)


def half_life_weights(age, half_life):
    """Weight of evidence that is `age` old when evidence loses half its weight every `half_life`.

    A half-life of None (or inf) keeps every piece of evidence at full weight; future evidence
    (negative age) is not discounted upward.
    """
    age = np.maximum(np.asarray(age, dtype=float), 0.0)
    if half_life is None or not np.isfinite(half_life):
        return np.ones_like(age)
    return np.exp2(-age / float(half_life))


@dataclass(frozen=True)
class ClaimGraph:
    """Who said which value about which item.

    value_item: item index of each candidate value (values of one item need not be contiguous).
    claim_source, claim_value: one row per statement.
    vote_weight: how much a statement counts as a vote on the item's truth (1/k when one source
        gave k different values for one item; 0 for credit-only rows such as a relaying outlet).
    credit_weight: how much a statement counts in its source's record (time decay, relay weight).
    partial: V x V sparse 0/1 matrix, [x, t] = 1 when value x is a less specific version of value
        t of the same item (a subset of its authors, a rounding of its number). May be None.
    n_false: number of equally likely wrong values per item (scalar or one per item). Binary
        items have exactly 1. Left out, it is learned (`false_value_count`), starting from the
        number of other candidates of each item.
    """

    n_items: int
    n_sources: int
    value_item: np.ndarray
    claim_source: np.ndarray
    claim_value: np.ndarray
    vote_weight: np.ndarray = None
    credit_weight: np.ndarray = None
    partial: sparse.csr_matrix | None = None
    n_false: np.ndarray = None
    learn_n_false: bool | None = None
    """Learn n_false from the data (`false_value_count`); defaults to True when n_false is not given."""
    item_group: np.ndarray = None
    """Items whose wrong values are alike (one group per property); n_false is learned per group."""

    def __post_init__(self):
        value_item = np.asarray(self.value_item, dtype=np.int64)
        claim_source = np.asarray(self.claim_source, dtype=np.int64)
        claim_value = np.asarray(self.claim_value, dtype=np.int64)
        n_claims = len(claim_value)
        if len(claim_source) != n_claims:
            raise ValueError("claim_source and claim_value must have the same length")
        if n_claims and (claim_value.min() < 0 or claim_value.max() >= len(value_item)):
            raise ValueError("claim_value refers to a value that does not exist")
        if n_claims and (claim_source.min() < 0 or claim_source.max() >= self.n_sources):
            raise ValueError("claim_source refers to a source that does not exist")
        if len(value_item) and (value_item.min() < 0 or value_item.max() >= self.n_items):
            raise ValueError("value_item refers to an item that does not exist")
        vote_weight = _weights_or_ones(self.vote_weight, n_claims)
        credit_weight = _weights_or_ones(self.credit_weight, n_claims)
        n_false = self.n_false
        if self.learn_n_false is None:
            object.__setattr__(self, "learn_n_false", n_false is None)
        if n_false is None:
            candidates = np.bincount(value_item, minlength=self.n_items)
            n_false = np.maximum(candidates - 1, 1)
        n_false = np.broadcast_to(np.asarray(n_false, dtype=float), (self.n_items,)).copy()
        if np.any(n_false < 1):
            raise ValueError("n_false must be at least 1")
        item_group = np.zeros(self.n_items, dtype=np.int64) if self.item_group is None else self.item_group
        item_group = np.asarray(item_group, dtype=np.int64)
        if item_group.shape != (self.n_items,) or np.any(item_group < 0):
            raise ValueError("item_group must give a non-negative group to every item")
        object.__setattr__(self, "item_group", item_group)
        partial = self.partial
        if partial is not None:
            partial = sparse.csr_matrix(partial, dtype=float)
            partial.data[:] = 1.0
            rows, cols = partial.nonzero()
            if np.any(value_item[rows] != value_item[cols]) or np.any(rows == cols):
                raise ValueError("partial may only relate two different values of the same item")
        object.__setattr__(self, "value_item", value_item)
        object.__setattr__(self, "claim_source", claim_source)
        object.__setattr__(self, "claim_value", claim_value)
        object.__setattr__(self, "vote_weight", vote_weight)
        object.__setattr__(self, "credit_weight", credit_weight)
        object.__setattr__(self, "n_false", n_false)
        object.__setattr__(self, "partial", partial)

    @property
    def n_values(self) -> int:
        return len(self.value_item)

    @property
    def n_claims(self) -> int:
        return len(self.claim_value)

    @property
    def claim_item(self) -> np.ndarray:
        return self.value_item[self.claim_value]


def _weights_or_ones(weights, n):
    if weights is None:
        return np.ones(n)
    weights = np.asarray(weights, dtype=float)
    if weights.shape != (n,) or np.any(weights < 0) or not np.all(np.isfinite(weights)):
        raise ValueError("weights must be finite, non-negative, one per claim")
    return weights


def binary_graph(
    *,
    n_statements: int,
    n_sources: int,
    statement: np.ndarray,
    source: np.ndarray,
    asserts: np.ndarray,
    vote_weight=None,
    credit_weight=None,
) -> ClaimGraph:
    """Claims that are true or false: statement i becomes item i with value 2i ("true", asserted)
    and value 2i+1 ("false", denied)."""
    statement = np.asarray(statement, dtype=np.int64)
    asserts = np.asarray(asserts, dtype=bool)
    return ClaimGraph(
        n_items=n_statements,
        n_sources=n_sources,
        value_item=np.repeat(np.arange(n_statements), 2),
        claim_source=source,
        claim_value=2 * statement + (~asserts),
        vote_weight=vote_weight,
        credit_weight=credit_weight,
        n_false=np.ones(n_statements),
    )


def binary_labels(*, n_statements: int, statement: np.ndarray, is_true: np.ndarray) -> np.ndarray:
    """Observed truth per item for `binary_graph` (value index, -1 where unknown)."""
    labels = np.full(n_statements, -1, dtype=np.int64)
    statement = np.asarray(statement, dtype=np.int64)
    labels[statement] = 2 * statement + (~np.asarray(is_true, dtype=bool))
    return labels


@dataclass(frozen=True)
class ModelSettings:
    """Knobs of the model. Defaults are the ones the Book benchmark and factcheck use."""

    partial_prior_mean: float = 0.3
    partial_prior_strength: float = 2.0
    max_iterations: int = 100
    tolerance: float = 1e-8
    """Stop when no reliability moves by more than this; 0 always runs max_iterations, which makes
    results on a connected component bit-identical to results on the whole graph."""
    copy_prior: float = 0.02
    """Prior probability that two sources sharing items copy one another."""
    copy_rate: float = 0.8
    """Probability that a copier copies a given item from the source it depends on."""
    refinement_rounds: int = 8
    """At most this many rounds of (detect copying and/or learn the number of wrong values,
    re-estimate) after the first estimate, when either is on. With a positive tolerance they stop
    once the learned quantities settle (n_false within 1 %, copying within 0.01)."""


@dataclass(frozen=True)
class TruthEstimate:
    value_probability: np.ndarray
    """Posterior probability that each candidate value is the item's truth."""
    item_truth: np.ndarray
    """Most probable value of each item (-1 for items nobody made a statement about)."""
    source_alpha: np.ndarray
    source_beta: np.ndarray
    """Beta posterior of each source's reliability."""
    source_partial_rate: np.ndarray
    source_correct: np.ndarray
    """Expected number (credit-weighted) of exactly right statements of each source."""
    source_evidence: np.ndarray
    """Credit-weighted number of statements behind each source's estimate."""
    claim_voice: np.ndarray
    """Share of an independent voice each statement carries (1 = independent)."""
    claim_log_odds: np.ndarray
    """What each statement adds to its value's score: log-likelihood ratio times its weight."""
    dependence: sparse.csr_matrix
    iterations: int
    n_false: np.ndarray
    """Number of wrong values per item the estimate assumed (learned when not given)."""
    copying: sparse.csr_matrix = field(default=None)
    """Detected copying probabilities between sources (None when detection is off)."""

    @property
    def source_reliability(self) -> np.ndarray:
        return self.source_alpha / (self.source_alpha + self.source_beta)

    def source_interval(self, level: float = 0.95):
        return beta_interval(self.source_alpha, self.source_beta, level)


def discover_truth(
    graph: ClaimGraph,
    *,
    prior_alpha,
    prior_beta,
    labels: np.ndarray | None = None,
    dependence: sparse.spmatrix | None = None,
    detect_copying: bool = False,
    settings: ModelSettings = ModelSettings(),
) -> TruthEstimate:
    """Estimate source reliabilities and value probabilities by EM.

    prior_alpha, prior_beta: Beta prior of each source's reliability (scalars broadcast).
    labels: observed true value per item (-1 where unknown): reviewed claims.
    dependence: S x S sparse matrix in [0, 1], how far two sources are one voice (1 for the same
        affiliation root). Symmetric; the diagonal is ignored.
    detect_copying: also detect copying from shared false values (Dong et al. 2009) and treat the
        posterior copying probability as dependence.
    """
    prior_alpha = np.broadcast_to(np.asarray(prior_alpha, dtype=float), (graph.n_sources,))
    prior_beta = np.broadcast_to(np.asarray(prior_beta, dtype=float), (graph.n_sources,))
    if np.any(prior_alpha <= 0) or np.any(prior_beta <= 0):
        raise ValueError("Beta prior parameters must be positive")
    if labels is None:
        labels = np.full(graph.n_items, -1, dtype=np.int64)
    labels = np.asarray(labels, dtype=np.int64)
    labelled = labels >= 0
    if np.any(graph.value_item[labels[labelled]] != np.flatnonzero(labelled)):
        raise ValueError("a label names a value of another item")
    base_dependence = _symmetric_dependence(dependence, graph.n_sources)

    estimate = _expectation_maximisation(
        graph, prior_alpha, prior_beta, labels, base_dependence, settings
    )
    if not (detect_copying or graph.learn_n_false):
        return estimate
    dependence, copying = base_dependence, None
    for _ in range(settings.refinement_rounds):
        previous_n_false, previous_copying = graph.n_false, copying
        if detect_copying:
            copying = copy_probability(graph, estimate, settings=settings)
            dependence = base_dependence.maximum(copying).tocsr()
        if graph.learn_n_false:
            graph = replace(graph, n_false=false_value_count(graph, estimate))
        settled = np.allclose(graph.n_false, previous_n_false, rtol=0.01) and (
            copying is None
            or (
                previous_copying is not None
                and np.max(np.abs((copying - previous_copying).data), initial=0.0) < 0.01
            )
        )
        if settings.tolerance > 0 and settled:
            break
        estimate = _expectation_maximisation(
            graph, prior_alpha, prior_beta, labels, dependence, settings, start=estimate
        )
    return replace(estimate, copying=copying)


def _symmetric_dependence(dependence, n_sources) -> sparse.csr_matrix:
    if dependence is None:
        return sparse.csr_matrix((n_sources, n_sources))
    dependence = sparse.csr_matrix(dependence, dtype=float)
    if dependence.shape != (n_sources, n_sources):
        raise ValueError("dependence must be n_sources x n_sources")
    dependence = dependence.maximum(dependence.T).tocsr()
    dependence.setdiag(0)
    dependence.eliminate_zeros()
    dependence.data = np.clip(dependence.data, 0.0, 1.0)
    return dependence


def claim_voice(graph: ClaimGraph, dependence: sparse.csr_matrix) -> np.ndarray:
    """Share of an independent voice each statement carries: 1 / (1 + summed dependence on the other
    sources that voted for the same value)."""
    if dependence.nnz == 0:
        return np.ones(graph.n_claims)
    voting = np.flatnonzero(graph.vote_weight > 0)
    first, second = pairs_within_groups(graph.claim_value[voting])
    first, second = voting[first], voting[second]
    shared = sparse_lookup(dependence, graph.claim_source[first], graph.claim_source[second])
    overlap = np.bincount(first, weights=shared, minlength=graph.n_claims)
    return 1.0 / (1.0 + overlap)


def pairs_within_groups(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All ordered pairs (i, j), i != j, of positions whose group labels are equal."""
    group = np.asarray(group)
    n = len(group)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    order = np.argsort(group, kind="stable")
    starts = np.concatenate([[0], np.flatnonzero(np.diff(group[order])) + 1]).astype(np.int64)
    sizes = np.diff(np.concatenate([starts, [n]]))
    pair_count = sizes * sizes
    owner = np.repeat(np.arange(len(starts)), pair_count)
    offset = np.arange(pair_count.sum()) - np.repeat(np.cumsum(pair_count) - pair_count, pair_count)
    first = order[starts[owner] + offset // sizes[owner]]
    second = order[starts[owner] + offset % sizes[owner]]
    keep = first != second
    return first[keep], second[keep]


def sparse_lookup(matrix: sparse.spmatrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """matrix[rows[k], cols[k]] for every k (0 where not stored), by binary search over the stored
    entries; much faster than scipy's fancy indexing for millions of lookups."""
    matrix = sparse.csr_matrix(matrix)
    matrix.sum_duplicates()
    n_cols = matrix.shape[1]
    keys = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr)) * n_cols
    keys += matrix.indices
    wanted = np.asarray(rows, dtype=np.int64) * n_cols + np.asarray(cols, dtype=np.int64)
    position = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    if len(keys) == 0:
        return np.zeros(len(wanted))
    return np.where(keys[position] == wanted, matrix.data[position], 0.0)


def _segment_softmax(score, segment, n_segments):
    top = np.full(n_segments, -np.inf)
    np.maximum.at(top, segment, score)
    exp = np.exp(score - top[segment])
    total = np.bincount(segment, weights=exp, minlength=n_segments)
    return exp / total[segment]


def _expectation_maximisation(graph, prior_alpha, prior_beta, labels, dependence, settings, start=None):
    source, value = graph.claim_source, graph.claim_value
    item_of_value = graph.value_item
    item_of_claim = item_of_value[value]
    n_sources, n_values, n_items = graph.n_sources, graph.n_values, graph.n_items
    labelled_items = labels >= 0
    labelled_values = labelled_items[item_of_value]
    observed = np.zeros(n_values)
    observed[labels[labelled_items]] = 1.0

    partial = graph.partial
    has_partial = partial is not None and partial.nnz > 0
    if has_partial:
        partial_t = partial.T.tocsr()
        partial_count = np.asarray(partial.sum(axis=0)).ravel()
    else:
        partial_count = np.zeros(n_values)
    has_children = partial_count > 0
    log_partial_count = np.log(np.maximum(partial_count, 1.0))
    log_n_false = np.log(graph.n_false)[item_of_claim]

    voice = claim_voice(graph, dependence)
    vote = graph.vote_weight * voice
    credit = graph.credit_weight
    evidence = np.bincount(source, weights=credit, minlength=n_sources)
    partial_alpha, partial_beta = beta_from_mean(
        settings.partial_prior_mean, settings.partial_prior_strength
    )

    if start is None:
        reliability = prior_alpha / (prior_alpha + prior_beta)
        partial_rate = np.full(n_sources, settings.partial_prior_mean)
    else:
        reliability = start.source_reliability
        partial_rate = start.source_partial_rate

    iterations = 0
    for iterations in range(1, settings.max_iterations + 1):
        r = np.clip(reliability, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
        rho = np.clip(partial_rate, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
        # E step: score of each value = log-likelihood of all statements on its item if it were
        # true, minus a part common to every candidate of the item.
        exact_llr = np.log(r[source]) - np.log1p(-r[source]) + log_n_false
        claim_log_odds = vote * exact_llr
        score = np.bincount(value, weights=claim_log_odds, minlength=n_values)
        if has_partial:
            partial_llr = vote * (np.log(rho[source]) + log_n_false)
            from_partials = partial_t @ np.bincount(value, weights=partial_llr, minlength=n_values)
            partial_votes = partial_t @ np.bincount(value, weights=vote, minlength=n_values)
            other_penalty = np.bincount(value, weights=vote * np.log1p(-rho[source]), minlength=n_values)
            others = (
                np.bincount(item_of_value, weights=other_penalty, minlength=n_items)[item_of_value]
                - other_penalty
                - partial_t @ other_penalty
            )
            score += from_partials - log_partial_count * partial_votes + has_children * others
        probability = _segment_softmax(score, item_of_value, n_items)
        probability = np.where(labelled_values, observed, probability)

        # M step: posterior means from expected counts of exact, partial and other statements.
        exact = probability[value]
        correct = np.bincount(source, weights=credit * exact, minlength=n_sources)
        new_reliability = (prior_alpha + correct) / (prior_alpha + prior_beta + evidence)
        if has_partial:
            truncated = (partial @ probability)[value]
            truth_has_partials = np.bincount(
                item_of_value, weights=probability * has_children, minlength=n_items
            )[item_of_claim] - exact * has_children[value]
            partial_hits = np.bincount(source, weights=credit * truncated, minlength=n_sources)
            partial_chances = np.bincount(
                source, weights=credit * np.clip(truth_has_partials, 0.0, None), minlength=n_sources
            )
            partial_rate = (partial_alpha + partial_hits) / (
                partial_alpha + partial_beta + partial_chances
            )
        change = np.max(np.abs(new_reliability - reliability), initial=0.0)
        reliability = new_reliability
        if settings.tolerance > 0 and change < settings.tolerance:
            break

    stated = np.bincount(item_of_value, weights=np.bincount(value, minlength=n_values) > 0,
                         minlength=n_items) > 0
    item_truth = _segment_argmax(probability, item_of_value, n_items)
    item_truth[~stated & ~labelled_items] = -1
    alpha = prior_alpha + correct
    return TruthEstimate(
        value_probability=probability,
        item_truth=item_truth,
        source_alpha=alpha,
        source_beta=prior_alpha + prior_beta + evidence - alpha,
        source_partial_rate=partial_rate,
        source_correct=correct,
        source_evidence=evidence,
        claim_voice=voice,
        claim_log_odds=claim_log_odds,
        dependence=dependence,
        iterations=iterations,
        n_false=graph.n_false,
    )


def false_value_count(graph: ClaimGraph, estimate: TruthEstimate) -> np.ndarray:
    """How many equally likely wrong values each item has, from how often wrong statements
    coincide; learned once per group of items (`ClaimGraph.item_group`, e.g. one per property).

    If wrong values were spread evenly over n alternatives, two independent wrong statements about
    one item would name the same value with probability 1/n. This moment estimate divides the
    expected number of ordered pairs of wrong statements on one item by the expected number of
    those pairs that agree, counting each statement by its share of an independent voice so that
    copied mistakes do not look like coincidences. Statements that are partial versions of the
    truth are not wrong in this sense. Groups with no agreeing mistakes keep their current value.
    """
    p = estimate.value_probability
    partial_of_truth = graph.partial @ p if graph.partial is not None else 0.0
    wrong = np.clip(1.0 - p - partial_of_truth, 0.0, 1.0)
    voices = np.bincount(
        graph.claim_value, weights=graph.vote_weight * estimate.claim_voice, minlength=graph.n_values
    )
    group_of_value = graph.item_group[graph.value_item]
    n_groups = int(graph.item_group.max(initial=-1)) + 1
    agreeing = np.bincount(
        group_of_value, weights=wrong * voices * np.maximum(voices - 1.0, 0.0), minlength=n_groups
    )
    wrong_per_item = np.bincount(graph.value_item, weights=wrong * voices, minlength=graph.n_items)
    pairs = np.bincount(
        graph.item_group,
        weights=wrong_per_item * np.maximum(wrong_per_item - 1.0, 0.0),
        minlength=n_groups,
    )
    learned = np.maximum(pairs / np.where(agreeing > 0, agreeing, 1.0), 1.0)
    return np.where(agreeing[graph.item_group] > 0, learned[graph.item_group], graph.n_false)


def _segment_argmax(score, segment, n_segments):
    """Index of the largest score in each segment (-1 for empty segments); ties go to the lower index."""
    order = np.lexsort((np.arange(len(score)), -score, segment))
    first = np.ones(len(order), dtype=bool)
    first[1:] = segment[order][1:] != segment[order][:-1]
    best = np.full(n_segments, -1, dtype=np.int64)
    best[segment[order][first]] = order[first]
    return best


def copy_probability(
    graph: ClaimGraph, estimate: TruthEstimate, *, settings: ModelSettings = ModelSettings()
) -> sparse.csr_matrix:
    """Posterior probability that two sources copy one another, from the items both cover.

    Independent sources agree on a false value rarely ((1-r1)(1-r2)/n); a copier agrees on whatever
    it copied, true or false (Dong, Berti-Equille & Srivastava 2009, simplified to symmetric copying
    and one copy rate). Agreement on true values is weak evidence, on false values strong, and
    disagreement is evidence against copying. Computed for all source pairs at once with sparse
    products over the source x value and source x item incidence matrices.
    """
    voting = graph.vote_weight > 0
    source = graph.claim_source[voting]
    value = graph.claim_value[voting]
    n_sources = graph.n_sources
    states = sparse.csr_matrix(
        (np.ones(len(source)), (source, value)), shape=(n_sources, graph.n_values)
    )
    states.data[:] = 1.0
    covers = sparse.csr_matrix(
        (np.ones(len(source)), (source, graph.value_item[value])), shape=(n_sources, graph.n_items)
    )
    covers.data[:] = 1.0
    p = estimate.value_probability
    # Pairs that agree on at least one value; the diagonal scaling by 1 + p keeps the sparsity
    # pattern of the plain count, so the two products line up entry by entry.
    same = (states @ states.T).tocsr()
    same_weighted = (states @ sparse.diags(1.0 + p) @ states.T).tocsr()
    same.sort_indices()
    same_weighted.sort_indices()
    rows = np.repeat(np.arange(n_sources), np.diff(same.indptr))
    cols = same.indices
    agree_true = same_weighted.data - same.data
    agree_false = same.data - agree_true
    keep = rows != cols
    rows, cols, agree_true, agree_false = rows[keep], cols[keep], agree_true[keep], agree_false[keep]
    shared = sparse_lookup(covers @ covers.T, rows, cols)
    differ = np.maximum(shared - agree_true - agree_false, 0.0)

    r = np.clip(estimate.source_reliability, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
    n = float(np.median(graph.n_false)) if graph.n_items else 1.0
    r1, r2 = r[rows], r[cols]
    original = (r1 + r2) / 2.0
    c = settings.copy_rate
    independent_true = r1 * r2
    independent_false = (1.0 - r1) * (1.0 - r2) / n
    copied_true = c * original + (1.0 - c) * independent_true
    copied_false = c * (1.0 - original) + (1.0 - c) * independent_false
    log_ratio = (
        np.log(settings.copy_prior) - np.log1p(-settings.copy_prior)
        + agree_true * (np.log(copied_true) - np.log(independent_true))
        + agree_false * (np.log(copied_false) - np.log(independent_false))
        + differ * np.log1p(-c)
    )
    return sparse.csr_matrix((expit(log_ratio), (rows, cols)), shape=(n_sources, n_sources))
