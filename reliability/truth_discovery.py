"""Truth discovery: how reliable each source is, and how likely each claimed value is true.

Pure numpy/scipy, no Django: the reliability engine (`sources/reliability.py`) feeds it the
citations from the database, and `bench/truth_discovery.py` feeds it public benchmark data.

The model
---------
Each *item* (a claim in factcheck, a book's author list in the Book benchmark) has one true value
among the candidate values sources gave for it. Factcheck claims are binary items: value "true"
(cited as asserting) or "false" (cited as denying). Each source s has a reliability r_s, the
probability that what it says is exactly right. A wrong statement is either a *partial* version of
the truth (a less specific value: the first author only, a rounded number; probability rho_s,
learned per source) or some other wrong value: for values that are not numbers, one of n_i equally
likely alternatives (L = 1 / n_i); for numbers, with probability q_g a noisy version of the truth
and otherwise a random wrong number. The written value x names a cell of relative width w_x (from
the precision its statement wrote it with, `ClaimGraph.claim_resolution`); in the relative distance
d = |x - t| / max(|x|, |t|) noise is Laplace with scale b_g, so it hits x with probability
N(x, t) = min(1, w_x * exp(-d / b_g) / (2 b_g)), and a random wrong number is uniform over relative
offsets in [-1, 1], hitting x with probability U(x) = min(1, w_x / 2); L = q_g N + (1 - q_g) U.
The likelihood of x given t is

    r_s                                  if x == t
    (1 - r_s) * rho_s / m_t              if x is a partial version of t (m_t of them)
    (1 - r_s) * (1 - rho_s*[m_t>0]) * L  otherwise.

Near numbers support each other, far ones do not, and how near is near is learned per group of
items (one per property). That holds where wrong numbers scatter around the truth; where they
cluster away from it (sources measuring something slightly different: a gate time for a runway
time, a reading from another hour), near support pulls the answer to the middle of the crowd. So
each group's numbers are also read as plain values (exact matches only), and the group keeps that
reading where it predicts the statements clearly better (`_choose_number_model`).

Where a group's values are classes of one shared vocabulary (`ClaimGraph.value_class`: a crowd's
labels, "duck" / "no duck", the same K classes on every item), a source's mistakes may depend on the
true class (a worker who over-reports one class): its statements are then read through its K x K
confusion matrix (Dawid and Skene, 1979), P(it names class j | the truth is class k), and each
candidate also weighs its class's frequency in the group. Each row of a confusion matrix has a
Dirichlet prior centred on the source's one reliability (r_s for the right class, the rest evenly),
so a source with few statements reads as the one-reliability model does. EM starts with one
reliability everywhere; a group is read through confusion matrices only when the prior's learned
strength weighs less than the statements on one true class of the source a typical statement comes
from, i.e. when the sources' mistakes have patterns of their own (`_class_strength`); otherwise one
reliability, with its learned number of wrong values, reads it.

Expectation-maximisation alternates the posterior over each item's truth (E step) with posterior
means of r_s and rho_s and maximum-likelihood q_g and b_g from expected counts (M step).
Reviewed items are observed labels (semi-supervised). Sources that are not independent (same
affiliation root, or detected copying) share one voice: each vote for a value is divided by one plus
the summed dependence on the other sources voting for that value. Dependence affects only how votes
add up, never a source's own record.

A statement nothing but itself can check (the only source on an unreviewed item, naming every
candidate the item has) earns its source no record: the model takes the truth to be a candidate,
so EM would count it right whatever the source is worth, and a source that writes where nobody
else does would vouch for itself. It counts at the rate the source's prior (its grade, family or
the population) expects: a source's reliability is what its checked statements show, diluted by
the share of its output nobody checks, so volume alone is not accuracy (`unchecked_statements`).
This is the Bayesian counterpart of Investment's trust per claim (Pasternack & Roth 2010), where a
claim nobody else makes returns next to nothing on what was invested in it.

What is learned from the data it runs on (empirical Bayes), never from a benchmark's gold
-------------------------------------------------------------------------------------
* The population prior Beta(a, b) of reliability, by maximising the beta-binomial marginal
  likelihood of every source's expected (correct, total) counts at each M step. A source with no
  fixed prior (NaN in prior_alpha/prior_beta) starts from it, so a thousand one-statement sources
  shrink toward the population instead of swinging items. Sources with a human grade keep their
  fixed prior.
* Family priors: a source with a parent (`parent`, -1 for roots) and no fixed prior starts from its
  family's pooled record instead: the posterior mean of the population prior updated with the
  record of its parent's whole subtree (itself and its own subtree left out), at the population's
  strength a + b. Its own record then moves it.
* A calibration temperature lambda in (0, 1]: the reported posterior over an item's values is
  softmax(lambda * score). Statements are treated as independent, which overcounts evidence that
  is really correlated; lambda is chosen by the leave-one-statement-out likelihood: how well the
  other statements on an item predict which of the values they name each held-out statement names
  (classed statements read by their sources' confusion matrices without themselves, since a matrix
  made of a handful of statements predicts those better than new ones; only tempering is allowed,
  and only when a likelihood-ratio test at the 5 % level rejects lambda = 1; otherwise it stays 1).
  EM itself runs untempered: lambda changes how sure an answer is, never which answer or whose
  record.
* An excess agreement rho >= 0 (`_Model.fit_excess_agreement`): held-out statements cannot show
  mistakes that sources make together (several workers misreading one hard item), since a
  held-out statement shares them with the statements that predict it. Pairs of statements on an
  item can: rho is how much more often they name the same value than independent mistakes at the
  sources' reliabilities predict, as a correlation, and each item's score is further divided by
  the design effect 1 + rho (m - 1), m its effective number of voices. 0 unless the excess is
  positive at the one-sided 5 % level (items as the units), and 0 where reviews calibrate the
  posterior instead (`Combination`). The temperature is fitted before it and not again after: the
  held-out statements would learn the shared mistakes back as evidence.
* q_g, b_g per group (numbers) and n_i per group (`false_value_count`) when not given.
* Per group of numbers, whether they are read through the distance model or as exact values:
  the model is fitted both ways, and exact values are kept only where the leave-one-statement-out
  likelihood of the statements (each predicted from the others on its item, under each fitted
  model) is higher at the conventional one-sided 5 % level, items as the units
  (`_clearly_better`); otherwise the distance model stays.
* Per classed group, the strength of the confusion matrices' prior, by maximising the
  Dirichlet-multinomial marginal likelihood of the expected counts at each M step
  (`fit_confusion_strength`), and the class frequencies (posterior means under one pseudo-count per
  class).
* When items were reviewed, how statements add up in the reported posterior (`Combination`): a
  conditional-logit model whose weights (EM's reliability, the source's record on reviewed items
  alone, the number of wrong values, a distance term, a confusion-matrix term, an offset per
  group) maximise the leave-one-out likelihood of the reviewed items' truth, near the tempered
  model. EM's own record judges unreviewed statements by the model itself, which, where sources
  depend on each other unseen, can outvote what the reviews show; the fitted weights let the
  reviews decide.
* When items were reviewed, how far EM's reliability of a source is taken as its reliability on
  reviewed items (`fit_em_strength`): the reviewed records' beta-binomial marginal likelihood
  picks the most statements' worth it may count as, where a likelihood-ratio test at 5 % rejects
  taking it at its full worth. A source EM rates near certain from thousands of statements
  nobody checks, but whose reviewed statements are often wrong, then enters the posterior with
  the rate its reviews show, and EM runs again with the corrected figures, so they also decide
  its disputes on unreviewed items.
All of these are returned as `LearnedParameters` and can be passed back frozen, which makes a run on
a connected component (with families joined) give the numbers of the whole graph. EM stops when
no value's probability, reliability or learned parameter moves by more than the tolerance
(`_em_change`), accelerated by SQUAREM (`_Squarem`). EM on crowd labels has more than one fixed
point, so where hyperparameters that change EM's course (confusion matrices, the number of wrong
values, the noise of numbers) are learned along the way, the answer is the one EM gives with them
frozen from its start: the one a rerun with the returned parameters gives.

What stays fixed, and why
-------------------------
* The Beta(1, 1) prior on q_g and the `partial_prior_*` of rho_s: weak priors that only keep rates
  off 0 and 1 for groups or sources with almost no evidence.
* The EB search box a, b in [1e-2, 1e4] (a numerical guard, not a modelling choice) and the family
  prior strength = the population's a + b (a family is assumed no more spread out than the
  population, as nothing in the data separates the two with a handful of families).
* The 5 % level of the temperature's and the EM strength's likelihood-ratio tests, of the
  excess agreement's test and of the choice of exact numbers (the conventional one).
* `COMBINATION_PRIOR_SD` (0.25): how far a few reviews may move the statement weights from the
  model's own; with hundreds of reviewed items the data decide whatever its value.
* Unchecked statements count at the prior's mean, not at the source's own rate: a modelling
  choice with no parameter. Under the model's independent errors the beta-binomial likelihood of
  the checked records would rather take them at the source's own rate (which leaves its checked
  record alone to decide it); the data where it matters say otherwise (bench/README-reliability.md,
  session 20).
* `RELIABILITY_FLOOR`, and the initialisation: majority vote, then the first M step; the noise
  scale starts at the median observed distance. These only set where EM starts.

Everything is vectorised over claims, (claim, candidate) pairs, values, items and sources; no
Python loop runs per claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import cast

import numpy as np

# scipy loads a submodule when it is first used (scipy.sparse, .optimize, .special): a process
# that imports this module without fitting a model (a web process serving a list) does not pay
# the second its submodules take to import.
import scipy

RELIABILITY_FLOOR = 1e-4
"""Reliabilities are kept inside [floor, 1 - floor] so log-odds stay finite."""

PRIOR_BOUNDS = (1e-2, 1e4)
"""Search box of the empirical-Bayes population prior's alpha and beta (a numerical guard)."""


def beta_from_mean(mean, strength):
    """Beta(alpha, beta) with the given mean and alpha + beta = strength (pseudo-observations)."""
    mean = np.asarray(mean, dtype=float)
    strength = np.asarray(strength, dtype=float)
    return mean * strength, (1.0 - mean) * strength


def beta_interval(alpha, beta, level: float = 0.95):
    """Equal-tailed credible interval of Beta(alpha, beta), elementwise."""
    tail = (1.0 - level) / 2.0
    return (
        scipy.special.betaincinv(alpha, beta, tail),
        scipy.special.betaincinv(alpha, beta, 1.0 - tail),
    )


def half_life_weights(age, half_life):
    """Weight of evidence that is `age` old when evidence loses half its weight every `half_life`.

    A half-life of None (or inf) keeps every piece of evidence at full weight; future evidence
    (negative age) is not discounted upward.
    """
    age = np.maximum(np.asarray(age, dtype=float), 0.0)
    if half_life is None or not np.isfinite(half_life):
        return np.ones_like(age)
    return np.exp2(-age / float(half_life))


# The default of the ClaimGraph arrays that its __post_init__ fills in when they are left out: every
# ClaimGraph holds an array there.
_FILLED_IN = cast(np.ndarray, None)


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
    vote_weight: np.ndarray = _FILLED_IN
    credit_weight: np.ndarray = _FILLED_IN
    partial: scipy.sparse.csr_matrix | None = None
    n_false: np.ndarray = _FILLED_IN
    learn_n_false: bool | None = None
    """Learn n_false from the data (`false_value_count`); defaults to True when n_false is not
    given."""
    item_group: np.ndarray = _FILLED_IN
    """Items whose wrong values are alike (one group per property); n_false, and the spread of
    numbers around their truth, are learned per group."""
    value_position: np.ndarray = _FILLED_IN
    """Number each candidate value stands for (NaN for values that are not numbers). Two numeric
    values of one item support each other through a likelihood of their relative distance."""
    value_resolution: np.ndarray = _FILLED_IN
    """Width of the interval a written number stands for (0.01 for "30.06", 100000 for "1.2
    million"); left out (or NaN), it is read from the shortest decimal spelling of the position."""
    value_class: np.ndarray = _FILLED_IN
    """Class of each candidate value within its group's shared vocabulary (0 .. K_g - 1), -1 where
    the group's values are not classes. In a group whose items all choose among the same few
    classes (a crowd's labels: "duck" / "no duck"), a source's mistakes are not spread evenly: a
    worker who over-reports one class is recognisable, and its statements are read through its
    confusion matrix (Dawid and Skene, 1979) rather than one reliability."""
    claim_resolution: np.ndarray = _FILLED_IN
    """Width of the interval each statement's own written number stands for. Values merged from
    several spellings keep one resolution, but precision belongs to the statement: "57" is one
    wide even where another source wrote "57.0", and how likely noise is to land on exactly what a
    source wrote is its own cell's width. Left out (or NaN), the value's resolution."""

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
        item_group = (
            np.zeros(self.n_items, dtype=np.int64) if self.item_group is None else self.item_group
        )
        item_group = np.asarray(item_group, dtype=np.int64)
        if item_group.shape != (self.n_items,) or np.any(item_group < 0):
            raise ValueError("item_group must give a non-negative group to every item")
        object.__setattr__(self, "item_group", item_group)
        position = (
            np.full(len(value_item), np.nan) if self.value_position is None else self.value_position
        )
        position = np.asarray(position, dtype=float)
        if position.shape != (len(value_item),) or np.any(np.isinf(position)):
            raise ValueError("value_position must give a finite number or NaN to every value")
        object.__setattr__(self, "value_position", position)
        resolution = (
            np.full(len(value_item), np.nan)
            if self.value_resolution is None
            else self.value_resolution
        )
        resolution = np.asarray(resolution, dtype=float)
        if resolution.shape != (len(value_item),) or np.any(resolution <= 0):
            raise ValueError("value_resolution must give a positive width or NaN to every value")
        missing = np.isnan(resolution) & np.isfinite(position)
        resolution[missing] = [decimal_resolution(x) for x in position[missing]]
        object.__setattr__(self, "value_resolution", resolution)
        value_class = (
            np.full(len(value_item), -1, dtype=np.int64)
            if self.value_class is None
            else np.asarray(self.value_class, dtype=np.int64)
        )
        if value_class.shape != (len(value_item),) or np.any(value_class < -1):
            raise ValueError("value_class must give a class (or -1) to every value")
        classed_groups = item_group[value_item[value_class >= 0]]
        unclassed_groups = item_group[value_item[value_class < 0]]
        if np.intersect1d(classed_groups, unclassed_groups).size:
            raise ValueError("value_class must give a class to every value of a classed group")
        object.__setattr__(self, "value_class", value_class)
        stated_resolution = resolution[claim_value]
        if self.claim_resolution is not None:
            given = np.asarray(self.claim_resolution, dtype=float)
            if given.shape != (n_claims,) or np.any(given <= 0):
                raise ValueError(
                    "claim_resolution must give a positive width or NaN to every statement"
                )
            stated_resolution = np.where(np.isnan(given), stated_resolution, given)
        object.__setattr__(self, "claim_resolution", stated_resolution)
        partial = self.partial
        if partial is not None:
            partial = scipy.sparse.csr_matrix(partial, dtype=float)
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

    @property
    def n_groups(self) -> int:
        return int(self.item_group.max(initial=-1)) + 1

    @property
    def n_classes(self) -> int:
        """Size of the largest shared vocabulary (0 when no group's values are classes)."""
        return int(self.value_class.max(initial=-1)) + 1


def decimal_resolution(number: float) -> float:
    """Width of the last decimal place of the shortest spelling of a float (1 for 48.0 and 48,
    0.01 for 30.06)."""
    mantissa, _, exponent = repr(float(number)).partition("e")
    decimals = len(mantissa.partition(".")[2].rstrip("0"))
    return 10.0 ** (int(exponent or 0) - decimals)


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
    """How much work the model does, and the weak priors that keep rates off 0 and 1."""

    partial_prior_mean: float = 0.3
    partial_prior_strength: float = 2.0
    max_iterations: int = 500
    """A guard: EM stops when it has converged (`tolerance`), which SQUAREM (`_Squarem`) brings
    within a hundred iterations on every data set measured."""
    tolerance: float = 1e-8
    """Stop when no value's probability, source's reliability or partial rate, or learned
    parameter moves by more than this in an iteration (`_em_change`), accelerated by SQUAREM;
    0 always runs max_iterations of plain EM, which makes results on a connected component
    bit-identical to results on the whole graph (given the same frozen `LearnedParameters`)."""
    copy_prior: float = 0.02
    """Prior probability that two sources sharing items copy one another."""
    copy_rate: float = 0.8
    """Probability that a copier copies a given item from the source it depends on."""
    refinement_rounds: int = 8
    """At most this many rounds of (detect copying and/or learn the number of wrong values,
    re-estimate) after the first estimate, when either is on. With a positive tolerance they stop
    once the learned quantities settle (n_false within 1 %, copying within 0.01)."""


@dataclass(frozen=True)
class LearnedParameters:
    """Hyperparameters learned from the data (see the module docstring). Store them after a full
    run and pass them back as `discover_truth(parameters=...)` to update part of the graph with
    exactly the numbers a full run would give."""

    population_alpha: float
    population_beta: float
    """Empirical-Bayes Beta prior of the reliability of a source with no fixed prior."""
    temperature: float
    """Calibration: the posterior over an item's values is softmax(temperature * score)."""
    near_rate: np.ndarray
    """Per item group: probability that a wrong number is a noisy version of the truth."""
    near_scale: np.ndarray
    """Per item group: mean relative distance of a noisy number from the truth."""
    false_values: np.ndarray
    """Per item group: learned number of wrong values (NaN where not learned)."""
    class_strength: np.ndarray = field(default_factory=lambda: np.zeros(0))
    """Per item group: strength of the prior of the sources' confusion matrices where the group's
    classes are read through them (`fit_confusion_strength`), NaN where one reliability per source
    reads them (or the values are not classes); empty when no group has classes."""
    exact_numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    """Per item group: True where its numbers are read as exact values, without the distance
    model (`_choose_number_model`); empty when no group has numbers."""
    combination: np.ndarray = field(default_factory=lambda: np.zeros(0))
    """How the reported posterior weighs each statement, fitted on the reviewed items
    (`Combination`); empty when there were none, and the posterior is then the tempered model's."""
    em_strength: float = np.inf
    """The most statements' worth a source's EM reliability counts as against its record on
    reviewed items, in EM and in the reported posterior (`fit_em_strength`); inf where the reviewed
    records do not reject EM's figures, which then stand as they are."""
    excess_agreement: float = 0.0
    """The correlation between sources' mistakes that their agreement shows beyond what their
    reliabilities predict (`_Model.fit_excess_agreement`); the reported posterior of an item
    divides its score by the design effect 1 + excess_agreement * (effective voices - 1).
    0 where the statements do not show it, and where reviews calibrate the posterior."""

    @property
    def population_mean(self) -> float:
        return self.population_alpha / (self.population_alpha + self.population_beta)

    @property
    def population_strength(self) -> float:
        return self.population_alpha + self.population_beta


@dataclass(frozen=True)
class TruthEstimate:
    value_probability: np.ndarray
    """Posterior probability that each candidate value is the item's truth (calibrated)."""
    value_score: np.ndarray
    """Log-likelihood score of each value as its item's truth, up to a per-item constant, before
    calibration: softmax(temperature * score) over an item's values is its posterior."""
    item_truth: np.ndarray
    """Most probable value of each item (-1 for items nobody made a statement about)."""
    source_alpha: np.ndarray
    source_beta: np.ndarray
    """Beta posterior of each source's reliability."""
    source_partial_rate: np.ndarray
    source_correct: np.ndarray
    """Expected number (credit-weighted) of exactly right statements of each source."""
    source_evidence: np.ndarray
    """Credit-weighted number of statements behind each source's record: its checked ones (the
    unchecked ones are in its prior, `unchecked_statements`)."""
    claim_voice: np.ndarray
    """Share of an independent voice each statement carries (1 = independent)."""
    claim_log_odds: np.ndarray
    """What each statement adds to its value's log-odds: its exact-match log-likelihood ratio
    times its vote weight and the calibration temperature."""
    dependence: scipy.sparse.csr_matrix
    iterations: int
    n_false: np.ndarray
    """Number of wrong values per item the estimate assumed (learned when not given)."""
    parameters: LearnedParameters
    """The hyperparameters this estimate used (learned, or the frozen ones passed in)."""
    prior_alpha: np.ndarray
    prior_beta: np.ndarray
    """The prior each source started from: its fixed grade prior, its family's pooled record, or
    the learned population prior, with its unchecked statements added at that prior's mean."""
    copying: scipy.sparse.csr_matrix = field(default=None)
    """Detected copying probabilities between sources (None when detection is off)."""
    classes: _Classes | None = None
    """Confusion matrices and class frequencies, where some group's values are classes."""

    @property
    def source_reliability(self) -> np.ndarray:
        return self.source_alpha / (self.source_alpha + self.source_beta)

    def source_interval(self, level: float = 0.95):
        return beta_interval(self.source_alpha, self.source_beta, level)


def statement_votes(graph: ClaimGraph, estimate: TruthEstimate) -> np.ndarray:
    """What each statement counts for in its item's vote: its own weight times the share of an
    independent voice its source carries there."""
    return graph.vote_weight * estimate.claim_voice


def discover_truth(
    graph: ClaimGraph,
    *,
    prior_alpha=np.nan,
    prior_beta=np.nan,
    labels: np.ndarray | None = None,
    dependence: scipy.sparse.spmatrix | None = None,
    detect_copying: bool = False,
    parent: np.ndarray | None = None,
    parameters: LearnedParameters | None = None,
    decided_record: np.ndarray | None = None,
    settings: ModelSettings = ModelSettings(),
) -> TruthEstimate:
    """Estimate source reliabilities and value probabilities by EM.

    prior_alpha, prior_beta: fixed Beta prior of each source's reliability (scalars broadcast),
        e.g. from a human grade; NaN (the default) where the source has none: it then gets the
        learned family or population prior.
    labels: observed true value per item (-1 where unknown): reviewed claims.
    dependence: S x S sparse matrix in [0, 1], how far two sources are one voice (1 for the same
        affiliation root). Symmetric; the diagonal is ignored.
    detect_copying: also detect copying from shared false values (Dong et al. 2009) and treat the
        posterior copying probability as dependence.
    parent: index of each source's parent source (-1 for roots): the family tree along which
        sources without a fixed prior pool their records. A part of the graph must contain whole
        families for its numbers to equal the whole graph's.
    parameters: frozen hyperparameters (from `TruthEstimate.parameters` of an earlier run); None
        learns them from this graph.
    decided_record: S x 2 credit-weighted (right, wrong) counts of each source's statements on
        reviewed items, NaN rows where they are to be counted from this graph (a source whose
        record is only partly in view passes its whole one).
    """
    n_sources = graph.n_sources
    prior_alpha = np.broadcast_to(np.asarray(prior_alpha, dtype=float), (n_sources,)).copy()
    prior_beta = np.broadcast_to(np.asarray(prior_beta, dtype=float), (n_sources,)).copy()
    learned_prior = np.isnan(prior_alpha) | np.isnan(prior_beta)
    if np.any(prior_alpha[~learned_prior] <= 0) or np.any(prior_beta[~learned_prior] <= 0):
        raise ValueError("Beta prior parameters must be positive")
    if labels is None:
        labels = np.full(graph.n_items, -1, dtype=np.int64)
    labels = np.asarray(labels, dtype=np.int64)
    labelled = labels >= 0
    if np.any(graph.value_item[labels[labelled]] != np.flatnonzero(labelled)):
        raise ValueError("a label names a value of another item")
    family = _Family.of(parent, n_sources)
    base_dependence = _symmetric_dependence(dependence, n_sources)
    learn = parameters is None

    def fit(graph, parameters):
        return _fit(
            graph,
            parameters,
            lambda graph, pairs: _Model(
                graph,
                pairs,
                prior_alpha,
                prior_beta,
                learned_prior,
                family,
                labels,
                settings,
                parameters is None,
                decided_record,
            ),
            base_dependence,
            detect_copying,
        )

    def fit_frozen(parameters):
        parameters = _checked(parameters, graph)
        frozen_graph = graph
        if graph.learn_n_false:
            frozen = parameters.false_values[graph.item_group]
            frozen_graph = replace(
                graph, n_false=np.where(np.isfinite(frozen), frozen, graph.n_false)
            )
        return fit(_exact_numbers(frozen_graph, parameters.exact_numbers), parameters)

    if parameters is None:
        model, estimate, copying = _choose_number_model(graph, fit)
    else:
        model, estimate, copying = fit_frozen(parameters)
    if learn and model.labelled_items.any():
        # How far the reviewed records say EM's figures are off is learned from EM as it ran;
        # EM then runs again with the corrected figures, so its disputes on unreviewed items are
        # decided by them. (Learned again from that run, the strength would see figures the
        # reviews already corrected, find nothing to correct and undo itself.)
        strength = fit_em_strength(model, estimate, decided_record)
        parameters = replace(estimate.parameters, em_strength=strength)
        if np.isfinite(strength):
            estimate = model.run(parameters, estimate.dependence, start=estimate)
        else:
            estimate = replace(estimate, parameters=parameters)
    if learn and _learned_along_the_way(graph):
        # Where hyperparameters that change EM's course (confusion matrices, the number of wrong
        # values, the noise model) were learned while it ran, EM reached its answer along a path
        # of its own, and EM on crowd labels has more than one fixed point: a run with the
        # learned parameters frozen, as every update of part of the graph is, could settle on
        # another. The answer is the one that run gives, so the two agree by construction.
        model, estimate, copying = fit_frozen(estimate.parameters)
    if learn:
        # Reviews calibrate the posterior where there are some (`Combination`); without them, the
        # statements' excess agreement and then the held-out statements temper it.
        excess = 0.0 if model.labelled_items.any() else model.fit_excess_agreement(estimate)
        parameters = replace(estimate.parameters, excess_agreement=excess)
        vote = statement_votes(model.graph, estimate)
        design = model.design_effect(estimate.source_reliability, vote, parameters)
        temperature = model.fit_temperature(estimate)
        tempering = temperature / design
        estimate = replace(
            estimate,
            value_probability=model.posterior(
                estimate.value_score, tempering[model.graph.value_item]
            ),
            claim_log_odds=tempering[model.graph.claim_item] * estimate.claim_log_odds,
            parameters=replace(parameters, temperature=temperature),
        )
    if (learn and model.labelled_items.any()) or len(estimate.parameters.combination):
        combination = Combination.of(model, estimate, decided_record)
        if learn:
            weights = combination.fit()
            estimate = replace(
                estimate, parameters=replace(estimate.parameters, combination=weights)
            )
        estimate = combination.applied(estimate)
    return replace(estimate, copying=copying)


def _learned_along_the_way(graph: ClaimGraph) -> bool:
    """Whether EM learns, as it runs, hyperparameters beyond the population prior: the confusion
    matrices' strength (classes), the number of wrong values, or the noise model of numbers."""
    return bool(graph.n_classes or graph.learn_n_false or np.isfinite(graph.value_position).any())


def _fit(graph, parameters, build, base_dependence, detect_copying):
    """EM on one graph (parameters None: learned), with confusion matrices where classes have a
    pattern, then rounds of copy detection and of the number of wrong values."""
    # EM starts from one reliability per source; classes are read through confusion matrices
    # once that first estimate shows where their mistakes have a pattern (`_class_strength`).
    learn = parameters is None
    classed_graph = graph
    if graph.n_classes:
        graph = replace(graph, value_class=np.full(graph.n_values, -1))
    pairs = _Pairs.of(graph)
    if learn:
        parameters = _initial_parameters(graph, pairs)
    model = build(graph, pairs)
    estimate = model.run(parameters, base_dependence)
    if learn and classed_graph.n_classes:
        parameters = replace(
            estimate.parameters, class_strength=_class_strength(classed_graph, estimate)
        )
    if len(parameters.class_strength):
        keep = np.isfinite(parameters.class_strength)[classed_graph.item_group]
        value_class = np.where(keep[classed_graph.value_item], classed_graph.value_class, -1)
        if np.any(value_class >= 0):
            model.graph = replace(graph, value_class=value_class)
            model.pairs = _Pairs.of(model.graph)
            estimate = model.run(parameters, base_dependence)
    learn_n_false = learn and graph.learn_n_false
    copying = None
    if detect_copying or learn_n_false:
        estimate, copying = _refine(model, estimate, base_dependence, detect_copying, learn_n_false)
    return model, estimate, copying


def _exact_numbers(graph: ClaimGraph, exact_numbers: np.ndarray) -> ClaimGraph:
    """The graph with the numbers of the given groups read as plain values."""
    if not np.any(exact_numbers):
        return graph
    exact = np.asarray(exact_numbers, dtype=bool)[graph.item_group[graph.value_item]]
    return replace(graph, value_position=np.where(exact, np.nan, graph.value_position))


def _choose_number_model(graph, fit):
    """Per group of numbers, the distance model or exact values, whichever predicts each
    statement from the others on its item better (`_Model.held_out_statements`).

    Near numbers support each other only where wrong numbers scatter around the truth (noise,
    rounding, a figure from another year). Where sources report systematically different
    measurements of one thing (a gate time against a runway time, readings taken at different
    hours), the wrong numbers cluster around each other, not the truth, and the distance model
    pulls the answer to the middle of the crowd; exact values do not. Which holds is a property
    of the data, so it is chosen by the held-out likelihood of the statements under each fitted
    model, scored on the same events (the value a statement names among those the others name,
    or a value none of them names)."""
    model, estimate, copying = fit(graph, None)
    numeric_groups = np.zeros(graph.n_groups, dtype=bool)
    numeric_groups[model.pairs.numeric_group] = True
    if not numeric_groups.any():
        return model, estimate, copying
    as_values = fit(_exact_numbers(graph, numeric_groups), None)
    gain = as_values[0].held_out_statements(as_values[1]) - model.held_out_statements(estimate)
    exact = numeric_groups & _clearly_better(gain, graph)
    if not exact.any():
        chosen = model, estimate, copying
    elif np.array_equal(exact, numeric_groups):
        chosen = as_values
    else:
        chosen = fit(_exact_numbers(graph, exact), None)
    model, estimate, copying = chosen
    return (
        model,
        replace(estimate, parameters=replace(estimate.parameters, exact_numbers=exact)),
        copying,
    )


def _clearly_better(gain: np.ndarray, graph: ClaimGraph) -> np.ndarray:
    """Per group, whether the per-statement log-likelihood gains (NaN where a statement was not
    scored) are positive at the conventional 5 % level (one-sided), with items as the units: the
    statements on one item share its truth, so they are summed per item first. Where the two
    readings predict about equally well, the distance model stays."""
    scored = np.isfinite(gain)
    item = graph.claim_item[scored]
    per_item = np.bincount(item, weights=gain[scored], minlength=graph.n_items)
    has = np.bincount(item, minlength=graph.n_items) > 0
    group = graph.item_group[has]
    per_item = per_item[has]
    count = np.bincount(group, minlength=graph.n_groups)
    mean = np.bincount(group, weights=per_item, minlength=graph.n_groups) / np.maximum(count, 1)
    spread = np.bincount(
        group, weights=(per_item - mean[group]) ** 2, minlength=graph.n_groups
    ) / np.maximum(count - 1, 1)
    standard_error = np.sqrt(spread / np.maximum(count, 1))
    return (count > 1) & (mean > scipy.special.ndtri(0.95) * standard_error) & (mean > 0)


def _class_strength(classed_graph, estimate) -> np.ndarray:
    """Per group, the learned strength of the confusion matrices' prior where the group's values are
    classes whose mistakes have a pattern, else NaN. Under one reliability per source the classes
    are relabelled freely; a confusion matrix is worth its K(K - 1) numbers only where the sources'
    mistakes depend on the true class: where the prior centred on each source's one reliability,
    fitted to the counts, weighs less than a typical statement's source's statements per class
    (`_statement_weighted_median`: in a long-tailed crowd the few regulars make most of the
    statements, and a regular who gives one answer whatever the truth is credited, by one
    reliability, with how often the truth is that answer). Where it weighs more, the data say the
    mistakes are as even as one reliability makes them, and the group keeps one reliability per
    source (and its learned number of wrong values, which sees mistakes that coincide on an item
    rather than on a class)."""
    counts = _Classes.counts(
        classed_graph,
        _Pairs.of(classed_graph),
        estimate.value_probability,
        classed_graph.credit_weight,
    )
    strength, typical = _Classes.strengths(classed_graph, counts, estimate.source_reliability)
    return np.where(strength < typical, strength, np.nan)


def _refine(model, estimate, base_dependence, detect_copying, learn_n_false):
    """Rounds of (detect copying, learn the number of wrong values, re-estimate)."""
    settings = model.settings
    dependence, copying = base_dependence, None
    for _ in range(settings.refinement_rounds):
        previous_n_false, previous_copying = model.graph.n_false, copying
        parameters = estimate.parameters
        # EM's own posterior, not the calibrated one: a run with frozen parameters carries the
        # temperature the learning run had yet to fit.
        untempered = model.untempered(estimate)
        if detect_copying:
            copying = copy_probability(model.graph, untempered, settings=settings)
            dependence = base_dependence.maximum(copying).tocsr()
        if learn_n_false:
            model.graph = replace(model.graph, n_false=false_value_count(model.graph, untempered))
            parameters = replace(
                parameters, false_values=_per_group(model.graph, model.graph.n_false)
            )
        settled = np.allclose(model.graph.n_false, previous_n_false, rtol=0.01) and (
            copying is None
            or (
                previous_copying is not None
                and np.max(np.abs((copying - previous_copying).data), initial=0.0) < 0.01
            )
        )
        if settings.tolerance > 0 and settled:
            break
        estimate = model.run(parameters, dependence, start=estimate)
    return estimate, copying


def _per_group(graph: ClaimGraph, per_item: np.ndarray) -> np.ndarray:
    values = np.full(graph.n_groups, np.nan)
    values[graph.item_group] = per_item
    return values


def _checked(parameters: LearnedParameters, graph: ClaimGraph) -> LearnedParameters:
    def per_group(name: str) -> np.ndarray:
        array = np.asarray(getattr(parameters, name), dtype=float)
        if len(array) < graph.n_groups:
            raise ValueError(f"frozen {name} has no entry for item group {len(array)}")
        return array

    class_strength = np.asarray(parameters.class_strength, dtype=float)
    if len(class_strength) and len(class_strength) < graph.n_groups:
        raise ValueError(f"frozen class_strength has no entry for item group {len(class_strength)}")
    exact_numbers = np.asarray(parameters.exact_numbers, dtype=bool)
    if len(exact_numbers) and len(exact_numbers) < graph.n_groups:
        raise ValueError(f"frozen exact_numbers has no entry for item group {len(exact_numbers)}")
    combination = np.asarray(parameters.combination, dtype=float)
    shared = COMBINATION_SHARED_WEIGHTS
    if len(combination) and len(combination) < shared + graph.n_groups:
        raise ValueError(
            f"frozen combination has no weight for item group {len(combination) - shared}"
        )
    return replace(
        parameters,
        near_rate=per_group("near_rate"),
        near_scale=per_group("near_scale"),
        false_values=per_group("false_values"),
        class_strength=class_strength,
        exact_numbers=exact_numbers,
        combination=combination,
    )


@dataclass
class _Family:
    """The family tree of sources: parent per source and the non-root sources by depth, deepest
    first, so subtree sums are one pass of bincounts."""

    parent: np.ndarray
    levels: list

    @classmethod
    def of(cls, parent, n_sources) -> _Family | None:
        if parent is None:
            return None
        parent = np.asarray(parent, dtype=np.int64)
        if parent.shape != (n_sources,) or np.any(parent < -1) or np.any(parent >= n_sources):
            raise ValueError("parent must give a source index or -1 to every source")
        depth = np.zeros(n_sources, dtype=np.int64)
        ancestor = parent.copy()
        for _ in range(n_sources + 1):
            climbing = ancestor >= 0
            if not climbing.any():
                break
            depth += climbing
            ancestor[climbing] = parent[ancestor[climbing]]
        else:
            raise ValueError("parent must not form a cycle")
        levels = [np.flatnonzero(depth == d) for d in range(int(depth.max(initial=0)), 0, -1)]
        return cls(parent=parent, levels=levels)

    def subtree_sum(self, values: np.ndarray) -> np.ndarray:
        total = values.astype(float).copy()
        for nodes in self.levels:
            total += np.bincount(self.parent[nodes], weights=total[nodes], minlength=len(total))
        return total


@dataclass
class _Pairs:
    """Every (statement, candidate truth of its item) pair, grouped by statement, with what kind of
    wrong statement the statement would be if that candidate were true."""

    claim: np.ndarray
    value: np.ndarray
    exact: np.ndarray
    partial: np.ndarray
    """Indices of pairs whose statement is a partial version of the candidate."""
    other: np.ndarray
    """Indices of the remaining (wrong, not partial) pairs."""
    numeric: np.ndarray
    """Indices, among all pairs, of wrong non-partial pairs of two numbers."""
    distance: np.ndarray
    """Relative distance of each numeric pair."""
    cell: np.ndarray
    """Relative width of the stated number's cell, on the scale of the distance."""
    numeric_group: np.ndarray
    classed: np.ndarray
    """Indices of pairs whose statement and candidate are classes of a shared vocabulary."""
    classed_cell: np.ndarray
    """Per classed pair: (source, classed group, candidate's class, stated class) as one flat
    index (classed groups numbered in the order of `_classed_groups`)."""
    starts: np.ndarray
    """First pair of each statement (statements with pairs only)."""
    partial_count: np.ndarray
    has_children: np.ndarray

    @classmethod
    def of(cls, graph: ClaimGraph) -> _Pairs:
        n_items = graph.n_items
        order = np.argsort(graph.value_item, kind="stable")
        count = np.bincount(graph.value_item, minlength=n_items)
        start = np.cumsum(count) - count
        claim_item = graph.claim_item
        per_claim = count[claim_item]
        claim = np.repeat(np.arange(graph.n_claims), per_claim)
        offset = np.arange(len(claim)) - np.repeat(np.cumsum(per_claim) - per_claim, per_claim)
        value = order[start[claim_item][claim] + offset]
        stated = graph.claim_value[claim]
        exact = value == stated
        if graph.partial is not None and graph.partial.nnz:
            is_partial = sparse_lookup(graph.partial, stated, value) > 0
            partial_count = np.asarray(graph.partial.sum(axis=0)).ravel()
        else:
            is_partial = np.zeros(len(claim), dtype=bool)
            partial_count = np.zeros(graph.n_values)
        position = graph.value_position
        x, t = position[stated], position[value]
        stated_class, candidate_class = graph.value_class[stated], graph.value_class[value]
        is_classed = stated_class >= 0
        numeric = np.flatnonzero(
            ~exact & ~is_partial & ~is_classed & np.isfinite(x) & np.isfinite(t)
        )
        x, t = x[numeric], t[numeric]
        classed = np.flatnonzero(is_classed)
        n_classes = graph.n_classes
        classed_groups, _ = _classed_groups(graph)
        slot = np.searchsorted(classed_groups, graph.item_group[graph.value_item[value[classed]]])
        source = graph.claim_source[claim[classed]]
        classed_cell = (
            (source * len(classed_groups) + slot) * n_classes + candidate_class[classed]
        ) * n_classes + stated_class[classed]
        scale = np.maximum(np.maximum(np.abs(x), np.abs(t)), np.finfo(float).tiny)
        starts = _run_starts(claim)
        return cls(
            claim=claim,
            value=value,
            exact=np.flatnonzero(exact),
            partial=np.flatnonzero(is_partial),
            other=np.flatnonzero(~exact & ~is_partial),
            numeric=numeric,
            distance=np.abs(x - t) / scale,
            cell=graph.claim_resolution[claim[numeric]] / scale,
            numeric_group=graph.item_group[graph.value_item[value[numeric]]],
            classed=classed,
            classed_cell=classed_cell,
            starts=starts,
            partial_count=partial_count,
            has_children=partial_count > 0,
        )


def _initial_parameters(graph: ClaimGraph, pairs: _Pairs) -> LearnedParameters:
    """Where EM starts: a flat population prior, no tempering, and the noise scale at the median
    distance between the numbers of each group's items."""
    n_groups = graph.n_groups
    near_scale = np.ones(n_groups)
    for group in np.unique(pairs.numeric_group):
        distance = np.median(pairs.distance[pairs.numeric_group == group])
        near_scale[group] = max(distance, np.finfo(float).eps)
    return LearnedParameters(
        population_alpha=1.0,
        population_beta=1.0,
        temperature=1.0,
        near_rate=np.full(n_groups, 0.5),
        near_scale=near_scale,
        false_values=np.full(n_groups, np.nan),
    )


STRENGTH_HYPERPRIOR = (np.log(2.0), 1.5)
"""Log-normal hyperprior (mean and standard deviation of log(a + b)) on how many statements the
population prior weighs: about two, as a uniform prior does, unless the data show sources spread
more or less than that. It matters only where the data cannot say: a few sources with a statement
or two each look less spread out than chance, and the plain maximum-likelihood strength then runs
off to the search box's edge, pinning every newcomer at one value. With hundreds of sources the
likelihood outweighs it by orders of magnitude."""


MEAN_HYPERPRIOR = (3.8, 2.2)
"""Beta hyperprior on the population's mean reliability: most likely 0.7, weighing six sources. A
newsroom with three sources and a claim or two learns next to nothing about its population, and
should then start newcomers where a desk would (most sources are mostly right); with hundreds of
sources their records decide."""


def fit_confusion_strength(counts, reliability) -> float:
    """The strength S of the Dirichlet prior of every row of the sources' K x K confusion matrices
    in one group (counts: sources x true class x stated class), each row centred on its source's
    own reliability r (the right class r, each wrong class (1 - r) / (K - 1)): the maximum of the
    Dirichlet-multinomial marginal likelihood times the population prior's weak hyperprior on a
    strength (centred here on K, a uniform Dirichlet's, as the population's is on two). A large S
    says the sources' mistakes are as even as one reliability each makes them; a small one, that
    they have patterns of their own."""
    n_sources, n_classes, _ = counts.shape
    diagonal = np.arange(n_classes)
    off_diagonal = ~np.eye(n_classes, dtype=bool)
    right = counts[:, diagonal, diagonal].ravel()
    total = counts.sum(axis=2).ravel()
    wrong = counts[:, off_diagonal].reshape(-1, n_classes - 1)
    mean = np.repeat(np.clip(reliability, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR), n_classes)
    keep = total > 0
    right, total, wrong, mean = right[keep], total[keep], wrong[keep], mean[keep]
    centre, spread = STRENGTH_HYPERPRIOR
    centre += np.log(n_classes / 2.0)
    gammaln = scipy.special.gammaln

    def negative_log_posterior(log_strength):
        strength = np.exp(log_strength)
        right_alpha = strength * mean
        wrong_alpha = (strength * (1.0 - mean) / (n_classes - 1))[:, None]
        value = np.sum(
            gammaln(strength)
            - gammaln(strength + total)
            + gammaln(right_alpha + right)
            - gammaln(right_alpha)
        )
        value += np.sum(gammaln(wrong_alpha + wrong) - gammaln(wrong_alpha))
        value -= (log_strength - centre) ** 2 / (2 * spread**2)
        return -value

    result = scipy.optimize.minimize_scalar(
        negative_log_posterior, bounds=tuple(np.log(PRIOR_BOUNDS)), method="bounded"
    )
    return float(np.exp(result.x))


def fit_population_prior(correct, evidence, start=(1.0, 1.0)) -> tuple[float, float]:
    """Beta(a, b) maximising the beta-binomial marginal likelihood of (correct, evidence) counts,
    fractional counts allowed, times the weak hyperpriors on a + b and on the mean (a posterior
    mode), with a mean of at least one half; sources without evidence say nothing about it."""
    keep = np.asarray(evidence) > 0
    correct = np.clip(np.asarray(correct, dtype=float)[keep], 0.0, None)
    evidence = np.asarray(evidence, dtype=float)[keep]
    wrong = np.clip(evidence - correct, 0.0, None)
    centre, spread = STRENGTH_HYPERPRIOR
    right_pseudo, wrong_pseudo = MEAN_HYPERPRIOR

    def negative_log_posterior(log_ab):
        a, b = np.exp(log_ab)
        strength = a + b
        value = np.sum(scipy.special.betaln(a + correct, b + wrong) - scipy.special.betaln(a, b))
        value -= (np.log(strength) - centre) ** 2 / (2 * spread**2)
        pull = -(np.log(strength) - centre) / spread**2 / strength
        mean = a / strength
        value += (right_pseudo - 1) * np.log(mean) + (wrong_pseudo - 1) * np.log1p(-mean)
        # d/d(log a) of the mean hyperprior; d/d(log b) is its negative.
        lean = (right_pseudo - 1) * (1 - mean) - (wrong_pseudo - 1) * mean
        common = scipy.special.digamma(a + b) - scipy.special.digamma(a + b + evidence)
        grad_a = (
            np.sum(scipy.special.digamma(a + correct) - scipy.special.digamma(a) + common) + pull
        ) * a + lean
        grad_b = (
            np.sum(scipy.special.digamma(b + wrong) - scipy.special.digamma(b) + common) + pull
        ) * b - lean
        return -value, -np.array([grad_a, grad_b])

    # In (log b, log(a / b)) with log(a / b) >= 0: the population is taken to be right more
    # often than wrong. Without reviews a population of mostly-wrong sources explains the
    # statements exactly as well as a mostly-right one with every truth flipped; this picks the
    # second, as every truth-discovery method does by starting from the majority.
    def in_ratio_form(log_b_ratio):
        log_b, log_ratio = log_b_ratio
        value, (grad_a, grad_b) = negative_log_posterior(np.array([log_b + log_ratio, log_b]))
        return value, np.array([grad_a + grad_b, grad_a])

    low, high = np.log(PRIOR_BOUNDS)
    start = np.log(np.asarray(start, dtype=float))
    start = np.array([np.clip(start[1], low, high), np.clip(start[0] - start[1], 0.0, high - low)])
    bounds = [(low, high), (0.0, high - low)]
    result = scipy.optimize.minimize(
        in_ratio_form, start, jac=True, method="L-BFGS-B", bounds=bounds
    )
    log_b, log_ratio = result.x
    return float(np.exp(min(log_b + log_ratio, high))), float(np.exp(log_b))


def _segment_exp(score, segment, n_segments):
    """The halves of a stable softmax over segments: each segment's largest score, exp(score
    minus it) and that exp's sum per segment (log-sum-exp = largest + log(sum))."""
    top = np.full(n_segments, -np.inf)
    np.maximum.at(top, segment, score)
    exp = np.exp(score - top[segment])
    return top, exp, np.bincount(segment, weights=exp, minlength=n_segments)


def _segment_softmax(score, segment, n_segments):
    _, exp, total = _segment_exp(score, segment, n_segments)
    return exp / total[segment]


def _logit(p):
    """log(p / (1 - p)), with p kept inside [floor, 1 - floor]."""
    p = np.clip(p, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
    return np.log(p) - np.log1p(-p)


def _run_starts(sorted_ids: np.ndarray) -> np.ndarray:
    """Where each run of equal ids begins (none for no ids)."""
    if len(sorted_ids) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])


def _segment_logsumexp(values, starts):
    """log(sum(exp)) over contiguous segments beginning at `starts`."""
    if len(starts) == 0:
        return np.zeros(0)
    top = np.maximum.reduceat(values, starts)
    lengths = np.diff(np.r_[starts, len(values)])
    return top + np.log(np.add.reduceat(np.exp(values - np.repeat(top, lengths)), starts))


@dataclass(frozen=True)
class _Classes:
    """Where values are classes of a shared vocabulary: each source's confusion matrix per group
    (the probability that it names class j when the truth is class k) and each group's class
    frequencies, as log-probabilities of every classed pair and every classed value."""

    pair_log: np.ndarray
    """log P(stated class | candidate's class) of each classed pair (`_Pairs.classed`)."""
    value_log_prior: np.ndarray
    """Per value: log frequency of its class in its group (0 for values that are not classes)."""
    pair_log_held_out: np.ndarray
    """log P(stated class | candidate's class) of each classed pair with the statement's own
    expected count taken out of its source's matrix: how well the rest of the source's record
    predicts it (what the temperature's held-out likelihood reads)."""

    @staticmethod
    def counts(graph, pairs, probability, credit) -> np.ndarray:
        """Expected (credit-weighted) counts: sources x classed groups x true class x stated
        class."""
        n_classes = graph.n_classes
        n_classed = len(_classed_groups(graph)[0])
        shape = (graph.n_sources, n_classed, n_classes, n_classes)
        weight = credit[pairs.claim[pairs.classed]] * probability[pairs.value[pairs.classed]]
        counts = np.bincount(pairs.classed_cell, weights=weight, minlength=int(np.prod(shape)))
        return counts.reshape(shape)

    @staticmethod
    def strengths(graph, counts, reliability):
        """Per group, from the expected `counts`, the learned strength of the confusion matrices'
        prior (`fit_confusion_strength`) and the number of statements on one true class of the
        source a typical statement comes from; NaN for groups without classes."""
        strength = np.full(graph.n_groups, np.nan)
        typical = np.full(graph.n_groups, np.nan)
        for slot, (group, size) in enumerate(zip(*_classed_groups(graph), strict=True)):
            if size < 2:
                continue
            group_counts = counts[:, slot, :size, :size]
            strength[group] = fit_confusion_strength(group_counts, reliability)
            per_class = group_counts.sum(axis=2)
            typical[group] = _statement_weighted_median(per_class[per_class > 0])
        return strength, typical

    @classmethod
    def fit(cls, graph, pairs, counts, probability, credit, reliability, strength) -> _Classes:
        """Posterior means from expected counts. Every row of a source's confusion matrix starts
        from a Dirichlet prior centred on its own reliability (the right class with it, each
        wrong class an even share of the rest) at its group's learned strength: a source with few
        statements reads like its one reliability, one with many shows its own pattern of
        mistakes. Class frequencies start from one per class (Laplace), a weak prior that only
        keeps a class nobody chose from probability zero."""
        groups, size = _classed_groups(graph)
        n_classes = graph.n_classes
        diagonal = np.arange(n_classes)
        within = diagonal[None, :] < size[:, None]
        cells = within[:, :, None] & within[:, None, :]
        strength = np.asarray(strength, dtype=float)[groups]
        # Sources x classed groups x (true class) x (stated class), as the counts.
        right = strength[None, :] * reliability[:, None]
        wrong = strength[None, :] * (1.0 - reliability[:, None]) / np.maximum(size - 1, 1)
        prior = np.broadcast_to(
            wrong[:, :, None, None], (graph.n_sources, len(groups), n_classes, n_classes)
        ).copy()
        prior[:, :, diagonal, diagonal] = right[:, :, None]
        confusion = prior * cells + counts
        tiny = np.finfo(float).tiny
        row_total = confusion.sum(axis=3, keepdims=True)
        log_confusion = np.log(np.maximum(confusion, tiny)) - np.log(np.maximum(row_total, tiny))
        # A source with a handful of statements has a matrix made of them: read in-sample, it
        # predicts each of them better than its record as a whole would predict a new one.
        own = credit[pairs.claim[pairs.classed]] * probability[pairs.value[pairs.classed]]
        cell = pairs.classed_cell
        row = cell // n_classes
        pair_log_held_out = np.log(np.maximum(confusion.ravel()[cell] - own, tiny)) - np.log(
            np.maximum(row_total.ravel()[row] - own, tiny)
        )

        classed_value = np.flatnonzero(graph.value_class >= 0)
        slot = np.searchsorted(groups, graph.item_group[graph.value_item[classed_value]])
        value_class = graph.value_class[classed_value]
        frequency = within.astype(float)
        np.add.at(frequency, (slot, value_class), probability[classed_value])
        log_frequency = np.log(np.maximum(frequency, tiny)) - np.log(
            np.maximum(frequency.sum(axis=1, keepdims=True), tiny)
        )
        value_log_prior = np.zeros(graph.n_values)
        value_log_prior[classed_value] = log_frequency[slot, value_class]
        return cls(
            pair_log=log_confusion.ravel()[pairs.classed_cell],
            value_log_prior=value_log_prior,
            pair_log_held_out=pair_log_held_out,
        )


def _statement_weighted_median(counts: np.ndarray) -> float:
    """The count of the (source, class) row a typical statement comes from: the median of the
    counts with each weighted by itself. Where a few prolific sources make most of the statements
    (a crowd's long tail), the plain median over sources describes the many who say little, while
    what the posterior is made of is mostly the prolific ones' statements. NaN without counts
    (no statement earns credit), where one reliability stays."""
    if not len(counts):
        return np.nan
    order = np.sort(counts)
    cumulative = np.cumsum(order)
    return float(order[np.searchsorted(cumulative, cumulative[-1] / 2.0)])


def _classed_groups(graph) -> tuple[np.ndarray, np.ndarray]:
    """The groups whose values are classes (ascending) and the size of each one's vocabulary."""
    classed = graph.value_class >= 0
    group = graph.item_group[graph.value_item[classed]]
    size = np.zeros(graph.n_groups, dtype=np.int64)
    np.maximum.at(size, group, graph.value_class[classed] + 1)
    groups = np.flatnonzero(size > 0)
    return groups, size[groups]


@dataclass(frozen=True)
class _EmStep:
    """Where one EM iteration left the estimate: the E step's probabilities and scores, and the
    M step's figures they came from (None before the first)."""

    probability: np.ndarray
    reliability: np.ndarray | None
    partial_rate: np.ndarray
    parameters: LearnedParameters
    score: np.ndarray
    correct: np.ndarray
    prior_alpha: np.ndarray
    prior_beta: np.ndarray
    exact_llr: np.ndarray
    noise: np.ndarray | None = None
    classes: _Classes | None = None


def _em_change(before: _EmStep, after: _EmStep, *, watch_probability: bool) -> float:
    """How far one EM iteration moved what it estimates: the largest change of a source's
    reliability or partial rate, a learned parameter (the population prior, the noise model and
    the confusion matrices' strength in log terms, the near rate as a rate) and, where
    `watch_probability`, a value's probability. Reliability alone can settle while the confusion
    matrices and the hyperparameters still move the answers; where nothing but reliabilities and
    the population prior is estimated (the service's yes/no claims), the probabilities are a
    smooth function of them and settle with them, and watching them too only costs iterations
    (inf on the first iteration, which has no reliability before it)."""
    if before.reliability is None:
        return np.inf
    old, new = before.parameters, after.parameters
    changes = [
        np.abs(after.probability - before.probability) if watch_probability else np.zeros(0),
        np.abs(after.reliability - before.reliability),
        np.abs(after.partial_rate - before.partial_rate),
        np.abs(new.near_rate - old.near_rate),
        np.abs(np.log(new.near_scale / old.near_scale)),
        np.abs(
            np.log(
                [
                    new.population_alpha / old.population_alpha,
                    new.population_beta / old.population_beta,
                ]
            )
        ),
    ]
    if len(old.class_strength) == len(new.class_strength):
        both = np.isfinite(old.class_strength) & np.isfinite(new.class_strength)
        changes.append(np.abs(np.log(new.class_strength[both] / old.class_strength[both])))
    return float(max(np.max(change, initial=0.0) for change in changes))


class _Squarem:
    """SQUAREM (Varadhan and Roland, 2008), scheme S3: EM's iterates x0, x1, x2 (each item's log
    posterior) extrapolated along the squared steps r = x1 - x0, v = x2 - 2 x1 + x0 to
    x0 - 2 a r + a^2 v with a = -|r| / |v|, the point where EM's near-linear tail would take it,
    and one EM iteration from there before the next cycle. Where EM crawls (crowd labels read
    through confusion matrices creep for hundreds of iterations) it reaches the same fixed point
    in a fraction of the iterations. The step starts plain (a = -1) and may grow fourfold each
    cycle that uses it in full; a cycle whose iteration after the jump moves more than the plain
    step before it did sends it back to plain."""

    GROWTH = 4.0

    def __init__(self, model: _Model):
        self.model = model
        self.limit = 1.0
        self.cycle: list[np.ndarray] = []
        self.jumped = False
        self.plain_change = np.inf

    def log_posterior(self, score):
        graph = self.model.graph
        top, _, total = _segment_exp(score, graph.value_item, graph.n_items)
        return score - (top + np.log(total))[graph.value_item]

    def next(self, step: _EmStep, change: float) -> _EmStep:
        """The step EM goes on from, after the iteration that produced `step` moved `change`."""
        if self.jumped and change > self.plain_change:
            self.limit = 1.0
        self.jumped = False
        self.plain_change = change
        self.cycle.append(self.log_posterior(step.score))
        if len(self.cycle) < 3:
            return step
        x0, x1, x2 = self.cycle
        self.cycle = [x2]
        r, v = x1 - x0, x2 - 2.0 * x1 + x0
        curvature = float(np.dot(v, v))
        if not np.isfinite(curvature) or curvature == 0.0:
            return step
        a = -min(max(np.sqrt(float(np.dot(r, r)) / curvature), 1.0), self.limit)
        if a == -self.limit:
            self.limit *= self.GROWTH
        if a == -1.0:
            return step
        self.jumped = True
        x = x0 - 2.0 * a * r + a * a * v
        self.cycle = []
        return replace(step, probability=self.model.posterior(x), score=x)


class _Model:
    """One graph with its fixed inputs; `run` is one EM to convergence under given parameters."""

    def __init__(
        self,
        graph,
        pairs,
        prior_alpha,
        prior_beta,
        learned_prior,
        family,
        labels,
        settings,
        learn,
        decided_record=None,
    ):
        self.learn = learn
        """Fit the population prior and the distance model at each M step (else they are frozen)."""
        self.graph = graph
        self.pairs = pairs
        self.fixed_alpha = prior_alpha
        self.fixed_beta = prior_beta
        self.learned_prior = learned_prior
        self.family = family
        self.labels = labels
        self.settings = settings
        self.labelled_items = labels >= 0
        self.labelled_values = self.labelled_items[graph.value_item]
        self.observed = np.zeros(graph.n_values)
        self.observed[labels[self.labelled_items]] = 1.0
        self.decided_record = decided_record

    def priors(self, correct, evidence, parameters, unchecked=None):
        """Each source's starting prior: fixed, family pooled record, or the population; with
        `unchecked` (per source), that many of its statements counted at the prior's own mean
        (`unchecked_statements`)."""
        a, b = parameters.population_alpha, parameters.population_beta
        alpha = np.full(self.graph.n_sources, a)
        beta = np.full(self.graph.n_sources, b)
        if self.family is not None:
            parent = self.family.parent
            child = np.flatnonzero(parent >= 0)
            pooled_correct = self.family.subtree_sum(correct)
            pooled_evidence = self.family.subtree_sum(evidence)
            family_correct = pooled_correct[parent[child]] - pooled_correct[child]
            family_evidence = pooled_evidence[parent[child]] - pooled_evidence[child]
            mean = (a + family_correct) / (a + b + family_evidence)
            alpha[child], beta[child] = beta_from_mean(mean, a + b)
        alpha = np.where(self.learned_prior, alpha, self.fixed_alpha)
        beta = np.where(self.learned_prior, beta, self.fixed_beta)
        if unchecked is not None:
            mean = alpha / (alpha + beta)
            alpha, beta = alpha + mean * unchecked, beta + (1.0 - mean) * unchecked
        return alpha, beta

    def contributions(self, reliability, partial_rate, parameters, classes=None):
        """log P(statement | candidate is true) minus a part common to all candidates, per pair;
        a classed statement's is its confusion matrix's entry."""
        graph, pairs = self.graph, self.pairs
        source = graph.claim_source
        rho = np.clip(partial_rate, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
        log_n_false = np.log(graph.n_false)[graph.claim_item]
        exact_llr = _logit(reliability)[source] + log_n_false
        contribution = np.zeros(len(pairs.claim))
        contribution[pairs.exact] = exact_llr[pairs.claim[pairs.exact]]
        if len(pairs.partial):
            claim = pairs.claim[pairs.partial]
            contribution[pairs.partial] = (
                np.log(rho[source[claim]])
                + log_n_false[claim]
                - np.log(pairs.partial_count[pairs.value[pairs.partial]])
            )
            claim = pairs.claim[pairs.other]
            contribution[pairs.other] = pairs.has_children[pairs.value[pairs.other]] * np.log1p(
                -rho[source[claim]]
            )
        near_log, noise = self.near_terms(parameters)
        contribution[pairs.numeric] += near_log
        if classes is not None:
            contribution[pairs.classed] = classes.pair_log
        return contribution, exact_llr, noise

    def value_score(self, contribution, vote, classes):
        """Each value's score: its pairs' contributions, weighed by vote, and its class's
        frequency."""
        pairs = self.pairs
        score = np.bincount(
            pairs.value, weights=vote[pairs.claim] * contribution, minlength=self.graph.n_values
        )
        return score if classes is None else score + classes.value_log_prior

    def near_terms(self, parameters):
        """log(n_i L) of each numeric pair (its likelihood against the base (1 - r)/n_i), and the
        posterior share of noise (against a random wrong number)."""
        pairs = self.pairs
        group = pairs.numeric_group
        q = np.clip(parameters.near_rate[group], RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
        scale = parameters.near_scale[group]
        log_noise = np.log(q) + np.minimum(
            0.0, np.log(pairs.cell) - pairs.distance / scale - np.log(2.0 * scale)
        )
        log_random = np.log1p(-q) + np.minimum(0.0, np.log(pairs.cell / 2.0))
        log_l = np.logaddexp(log_noise, log_random)
        n_false = self.graph.n_false[self.graph.value_item[pairs.value[pairs.numeric]]]
        return np.log(n_false) + log_l, np.exp(log_noise - log_l)

    def fit_near(self, probability, noise, credit, parameters):
        """M step of q_g and b_g: expected share of noise among wrong numbers, and the mean
        distance of noisy numbers from the truth (Laplace maximum likelihood)."""
        pairs = self.pairs
        if len(pairs.numeric) == 0:
            return parameters
        weight = credit[pairs.claim[pairs.numeric]] * probability[pairs.value[pairs.numeric]]
        group, n_groups = pairs.numeric_group, self.graph.n_groups
        tiny = np.finfo(float).eps

        wrong = np.bincount(group, weights=weight, minlength=n_groups)
        noisy = np.bincount(group, weights=weight * noise, minlength=n_groups)
        distance = np.bincount(group, weights=weight * noise * pairs.distance, minlength=n_groups)
        scale = np.where(noisy > tiny, distance / np.maximum(noisy, tiny), parameters.near_scale)
        return replace(
            parameters,
            near_rate=(1.0 + noisy) / (2.0 + wrong),
            near_scale=np.maximum(scale, tiny),
        )

    def posterior(self, score, temperature=1.0):
        probability = _segment_softmax(
            temperature * score, self.graph.value_item, self.graph.n_items
        )
        return np.where(self.labelled_values, self.observed, probability)

    def untempered(self, estimate: TruthEstimate) -> TruthEstimate:
        return replace(estimate, value_probability=self.posterior(estimate.value_score))

    def majority(self, vote):
        graph = self.graph
        votes = np.bincount(graph.claim_value, weights=vote, minlength=graph.n_values)
        total = np.bincount(graph.value_item, weights=votes, minlength=graph.n_items)[
            graph.value_item
        ]
        count = np.bincount(graph.value_item, minlength=graph.n_items)[graph.value_item]
        share = np.where(
            total > 0, votes / np.where(total > 0, total, 1.0), 1.0 / np.maximum(count, 1)
        )
        return np.where(self.labelled_values, self.observed, share)

    def run(self, parameters, dependence, *, start=None) -> TruthEstimate:
        graph, pairs, settings = self.graph, self.pairs, self.settings
        source, value = graph.claim_source, graph.claim_value
        n_sources, n_values, n_items = graph.n_sources, graph.n_values, graph.n_items
        item_of_value = graph.value_item
        voice = claim_voice(graph, dependence)
        vote = graph.vote_weight * voice
        # A statement nothing but itself can check earns its source no record; it counts at what
        # the source's prior expects (`unchecked_statements`).
        unchecked_statement = unchecked_statements(graph, self.labelled_items)
        credit = np.where(unchecked_statement, 0.0, graph.credit_weight)
        unchecked = np.bincount(
            source, weights=graph.credit_weight * unchecked_statement, minlength=n_sources
        )
        evidence = np.bincount(source, weights=credit, minlength=n_sources)
        partial_alpha, partial_beta = beta_from_mean(
            settings.partial_prior_mean, settings.partial_prior_strength
        )
        # Where the reviewed records reject EM's figures, each source's reliability is its EM
        # figure on the unreviewed statements, worth at most em_strength statements, updated by
        # its reviewed record (`fit_em_strength`), inside EM too: disputes on unreviewed items
        # are decided by the corrected figures, so a source that disputes one EM trusts too far
        # is not marked down for the disputes it wins.
        corrected = np.isfinite(parameters.em_strength)
        if corrected:
            _, _, source_right, source_decided = _reviewed_records(self, self.decided_record)
        if start is None:
            probability = self.majority(vote)
            reliability = None
            partial_rate = np.full(n_sources, settings.partial_prior_mean)
        else:
            probability = self.posterior(start.value_score)
            reliability = start.source_reliability
            partial_rate = start.source_partial_rate

        def em_step(last: _EmStep) -> _EmStep:
            """One iteration from `last`'s probabilities: the M step (posterior means from
            expected counts of exact, partial and other statements, and the hyperparameters when
            they are learned), then the E step."""
            probability, parameters, noise = last.probability, last.parameters, last.noise
            partial_rate, classes = last.partial_rate, None
            exact = probability[value]
            correct = np.bincount(source, weights=credit * exact, minlength=n_sources)
            if self.learn:
                a, b = fit_population_prior(
                    correct, evidence, (parameters.population_alpha, parameters.population_beta)
                )
                parameters = replace(parameters, population_alpha=a, population_beta=b)
                if noise is None:
                    noise = self.near_terms(parameters)[1]
                parameters = self.fit_near(probability, noise, credit, parameters)
            prior_alpha, prior_beta = self.priors(correct, evidence, parameters, unchecked)
            reliability = (prior_alpha + correct) / (prior_alpha + prior_beta + evidence)
            if corrected:
                alpha, beta = _em_with_reviews(
                    prior_alpha + correct,
                    prior_beta + evidence - correct,
                    source_right,
                    source_decided,
                    parameters.em_strength,
                )
                reliability = alpha / (alpha + beta)
            if len(pairs.classed):
                counts = _Classes.counts(graph, pairs, probability, credit)
                if self.learn:
                    strength, _ = _Classes.strengths(graph, counts, reliability)
                    parameters = replace(parameters, class_strength=strength)
                classes = _Classes.fit(
                    graph,
                    pairs,
                    counts,
                    probability,
                    credit,
                    reliability,
                    parameters.class_strength,
                )
            if len(pairs.partial):
                pair_probability = probability[pairs.value]
                hits = np.bincount(
                    pairs.claim[pairs.partial],
                    weights=pair_probability[pairs.partial],
                    minlength=graph.n_claims,
                )
                wrong = np.r_[pairs.partial, pairs.other]
                chances = np.bincount(
                    pairs.claim[wrong],
                    weights=pair_probability[wrong] * pairs.has_children[pairs.value[wrong]],
                    minlength=graph.n_claims,
                )
                partial_rate = (
                    partial_alpha + np.bincount(source, weights=credit * hits, minlength=n_sources)
                ) / (
                    partial_alpha
                    + partial_beta
                    + np.bincount(source, weights=credit * chances, minlength=n_sources)
                )
            # E step: score of each value = log-likelihood of all statements on its item if it
            # were true, minus a part common to every candidate of the item.
            contribution, exact_llr, noise = self.contributions(
                reliability, partial_rate, parameters, classes
            )
            score = self.value_score(contribution, vote, classes)
            return _EmStep(
                probability=self.posterior(score),
                reliability=reliability,
                partial_rate=partial_rate,
                parameters=parameters,
                score=score,
                noise=noise,
                classes=classes,
                correct=correct,
                prior_alpha=prior_alpha,
                prior_beta=prior_beta,
                exact_llr=exact_llr,
            )

        # Where no iteration runs (max_iterations 0), no statement is counted right.
        correct = np.zeros(n_sources)
        prior_alpha, prior_beta = self.priors(correct, evidence, parameters, unchecked)
        step = _EmStep(
            probability=probability,
            reliability=reliability,
            partial_rate=partial_rate,
            parameters=parameters,
            score=np.zeros(n_values),
            correct=correct,
            prior_alpha=prior_alpha,
            prior_beta=prior_beta,
            exact_llr=np.zeros(graph.n_claims),
        )
        accelerate = _Squarem(self) if settings.tolerance > 0 else None
        watch_probability = _learned_along_the_way(graph)
        iterations = 0
        while iterations < settings.max_iterations:
            new = em_step(step)
            iterations += 1
            change = _em_change(step, new, watch_probability=watch_probability)
            step = new
            if settings.tolerance > 0 and change < settings.tolerance:
                break
            if accelerate is not None and iterations < settings.max_iterations:
                step = accelerate.next(step, change)
        score, reliability, partial_rate = step.score, step.reliability, step.partial_rate
        parameters, classes, correct = step.parameters, step.classes, step.correct
        prior_alpha, prior_beta, exact_llr = step.prior_alpha, step.prior_beta, step.exact_llr

        stated = (
            np.bincount(
                item_of_value, weights=np.bincount(value, minlength=n_values) > 0, minlength=n_items
            )
            > 0
        )
        # Calibration tempers only the reported posterior: EM itself runs on the plain model, so
        # the temperature changes how sure an answer is, never which answer or whose record.
        tempering = parameters.temperature / self.design_effect(reliability, vote, parameters)
        probability = self.posterior(score, tempering[item_of_value])
        item_truth = _segment_argmax(probability, item_of_value, n_items)
        item_truth[~stated & ~self.labelled_items] = -1
        alpha, beta = prior_alpha + correct, prior_beta + evidence - correct
        if corrected:
            alpha, beta = _em_with_reviews(
                alpha, beta, source_right, source_decided, parameters.em_strength
            )
        return TruthEstimate(
            value_probability=probability,
            value_score=score,
            item_truth=item_truth,
            source_alpha=alpha,
            source_beta=beta,
            source_partial_rate=partial_rate,
            source_correct=correct,
            source_evidence=evidence,
            claim_voice=voice,
            claim_log_odds=tempering[graph.claim_item] * vote * exact_llr,
            dependence=dependence,
            iterations=iterations,
            n_false=graph.n_false,
            parameters=parameters,
            prior_alpha=prior_alpha,
            prior_beta=prior_beta,
            classes=classes,
        )

    def statement_terms(self, estimate: TruthEstimate):
        """What a held-out likelihood reads off an estimate: each pair's contribution, each
        statement's vote, each value's score and the votes naming it."""
        graph = self.graph
        contribution, _, _ = self.contributions(
            estimate.source_reliability,
            estimate.source_partial_rate,
            estimate.parameters,
            estimate.classes,
        )
        vote = statement_votes(graph, estimate)
        score = self.value_score(contribution, vote, estimate.classes)
        named = np.bincount(graph.claim_value, weights=vote, minlength=graph.n_values)
        return contribution, vote, score, named

    def held_out_statements(self, estimate: TruthEstimate) -> np.ndarray:
        """Per statement, the log-likelihood of what it says given the others on its item: the
        probability, under the other statements' posterior over the values they name, that it
        names the value it names (if another statement names it too) or a value none of them
        names; NaN for statements on reviewed items, statements alone and non-votes. A
        statement's likelihood under candidate t is its pair's contribution times the base
        (1 - r) / n_i; a value x that the others name is hit by a wrong statement with
        probability L(x | t), read off any pair of a statement naming x."""
        graph, pairs = self.graph, self.pairs
        contribution, vote, score, named = self.statement_terms(estimate)
        stated = graph.claim_value[pairs.claim]
        own = pairs.value == stated
        log_n = np.log(graph.n_false[graph.value_item[pairs.value]])
        r = np.clip(estimate.source_reliability, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
        log_wrong = np.log1p(-r)[graph.claim_source[pairs.claim]]
        # L(x | t) per (named value x, candidate t), x != t; S(t): their sum over named x.
        hit = np.where(own, 0.0, np.exp(contribution - log_n))
        named_pair = ~own & (named[stated] > 0)
        key = stated * graph.n_values + pairs.value
        unique_key, first = np.unique(key[named_pair], return_index=True)
        hit_of_key = hit[named_pair][first]
        named_mass = np.bincount(
            unique_key % graph.n_values, weights=hit_of_key, minlength=graph.n_values
        )
        others_name_candidate = (named[pairs.value] - own * vote[pairs.claim]) > 0
        others_name_own = (named[graph.claim_value] - vote) > 0
        votes_on_item = np.bincount(graph.claim_item, weights=vote, minlength=graph.n_items)
        company = (votes_on_item[graph.claim_item] - vote) > 0
        useful = (vote > 0) & company & ~self.labelled_items[graph.claim_item]
        keep = useful[pairs.claim] & others_name_candidate
        claim = pairs.claim[keep]
        held = (score[pairs.value] - vote[pairs.claim] * contribution)[keep]
        named_case = contribution[keep] + log_wrong[keep] - log_n[keep]
        others_mass = named_mass[pairs.value[keep]] - np.where(
            others_name_own[claim], 0.0, hit[keep]
        )
        unnamed_case = log_wrong[keep] + np.log(np.maximum(1.0 - others_mass, RELIABILITY_FLOOR))
        event = np.where(others_name_own[claim], named_case, unnamed_case)
        starts = _run_starts(claim)
        predictive = _segment_logsumexp(held + event, starts) - _segment_logsumexp(held, starts)
        per_claim = np.full(graph.n_claims, np.nan)
        per_claim[claim[starts]] = predictive
        return per_claim

    def _agreement_terms(self, reliability, vote):
        """Per statement that can agree with another (a vote on an item nobody reviewed): its
        weight; per statement its reliability and the item's number of wrong values."""
        graph = self.graph
        weight = np.where(self.labelled_items[graph.claim_item], 0.0, vote)
        r = np.clip(reliability, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)[graph.claim_source]
        return weight, r, graph.n_false[graph.claim_item]

    def design_effect(self, reliability, vote, parameters) -> np.ndarray:
        """Per item, how many times its statements overstate the evidence when their mistakes
        are correlated: 1 + rho (m - 1), m the item's effective number of voices (Kish's
        (sum u)^2 / sum u^2, each statement weighing u = vote * its log-likelihood ratio * the
        standard deviation of its being right), rho the learned excess agreement."""
        n_items = self.graph.n_items
        rho = parameters.excess_agreement
        if reliability is None or not rho > 0:
            return np.ones(n_items)
        weight, r, n_false = self._agreement_terms(reliability, vote)
        u = weight * np.abs(np.log(r / (1.0 - r)) + np.log(n_false)) * np.sqrt(r * (1.0 - r))
        item = self.graph.claim_item
        total = np.bincount(item, weights=u, minlength=n_items)
        squares = np.bincount(item, weights=u * u, minlength=n_items)
        others = np.where(squares > 0, (total**2 - squares) / np.where(squares > 0, squares, 1), 0)
        return 1.0 + rho * others

    def fit_excess_agreement(self, estimate: TruthEstimate) -> float:
        """The correlation between sources' mistakes that the statements show: over every pair of
        statements on an item nobody reviewed (weighted by the product of their votes), how much
        more often they name the same value than independent mistakes at their sources'
        reliabilities predict (r r' + (1 - r)(1 - r') / n), per unit of the covariance two right-
        or-wrong indicators can have (2 sqrt(r (1 - r) r' (1 - r'))). The reliabilities are fitted
        to agreement, so agreement they cannot account for is shared mistakes: several workers
        misreading the same hard item, sites repeating one feed. 0 unless positive at the
        conventional one-sided 5 % level, items as the units (a pair on one item is not
        independent of the other pairs there); agreement below the prediction is not read as
        sources that avoid each other's mistakes."""
        graph = self.graph
        vote = statement_votes(graph, estimate)
        weight, r, _ = self._agreement_terms(estimate.source_reliability, vote)
        item, n_items = graph.claim_item, graph.n_items

        def pair_sum(x, segment=item, n=n_items):
            total = np.bincount(segment, weights=x, minlength=n)
            return (total**2 - np.bincount(segment, weights=x * x, minlength=n)) / 2.0

        same = np.bincount(
            graph.value_item,
            weights=pair_sum(weight, graph.claim_value, graph.n_values),
            minlength=n_items,
        )
        expected = pair_sum(weight * r) + pair_sum(weight * (1.0 - r)) / graph.n_false
        excess = same - expected
        unit = 2.0 * pair_sum(weight * np.sqrt(r * (1.0 - r)))
        spread = float(np.sqrt(excess @ excess))
        if unit.sum() <= 0 or spread <= 0:
            return 0.0
        if excess.sum() / spread <= scipy.special.ndtri(0.95):
            return 0.0
        return float(excess.sum() / unit.sum())

    def fit_temperature(self, estimate: TruthEstimate) -> float:
        """The tempering in (0, 1] under which the other statements on an item best predict which of
        the values they name each held-out statement names (leave-one-statement-out log-likelihood,
        statements weighted by vote): r_s for the value taken as true, the rest spread evenly over
        the other named values; a classed statement by its source's confusion matrix, every classed
        statement on the item read without itself (`_Classes.pair_log_held_out`). Only values some
        other statement names take part: a value that exists only because the held-out statement
        said it would reward a flat posterior for predicting what it created. Predicting the value
        rather than the exact wrong number keeps the rarity of one particular wrong number out of
        the calibration, which is about how sure the truth is. Stays 1 when no statement can be
        predicted from others."""
        graph, pairs = self.graph, self.pairs
        contribution, vote, score, named = self.statement_terms(estimate)
        if estimate.classes is not None:
            # Every classed statement on the item, the held-out one and the others predicting it,
            # is read by its source's matrix without that statement: a matrix fitted to a
            # handful of statements vouches for them, in-sample, more than it would for new ones.
            contribution = contribution.copy()
            contribution[pairs.classed] = estimate.classes.pair_log_held_out
            score = self.value_score(contribution, vote, estimate.classes)
        weighted = vote[pairs.claim] * contribution
        exact = pairs.value == graph.claim_value[pairs.claim]
        named_by_others = (named[pairs.value] - exact * vote[pairs.claim]) > 0
        claim_items = graph.claim_item
        seconded = (named[graph.claim_value] - vote) > 0
        useful = (vote > 0) & ~self.labelled_items[claim_items] & seconded
        keep = useful[pairs.claim] & named_by_others
        if not keep.any():
            return 1.0
        claim = pairs.claim[keep]
        held_out_score = (score[pairs.value] - weighted)[keep]
        r = np.clip(estimate.source_reliability, RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
        r = r[graph.claim_source[claim]]
        starts = _run_starts(claim)
        candidates = np.diff(np.r_[starts, len(claim)])
        candidates = np.repeat(candidates, candidates)
        exact = exact[keep]
        own = np.where(exact, np.log(r), np.log1p(-r) - np.log(np.maximum(candidates - 1, 1)))
        if estimate.classes is not None:
            # A classed statement is predicted by its source's confusion matrix.
            classed = np.zeros(len(pairs.claim), dtype=bool)
            classed[pairs.classed] = True
            own = np.where(classed[keep], contribution[keep], own)
        weight = vote[claim[starts]]

        def log_likelihood(temperature):
            tempered = temperature * held_out_score
            predictive = _segment_logsumexp(tempered + own, starts) - _segment_logsumexp(
                tempered, starts
            )
            return float(weight @ predictive)

        best = scipy.optimize.minimize_scalar(
            lambda t: -log_likelihood(t),
            bounds=(RELIABILITY_FLOOR, 1.0),
            method="bounded",
            options={"xatol": 1e-4},
        )
        # Temper only when the held-out statements reject the untempered model (likelihood-ratio
        # test at the conventional 5 % level), so a handful of statements cannot flatten it.
        if best.success and 2.0 * (-best.fun - log_likelihood(1.0)) > scipy.special.chdtri(1, 0.05):
            return float(best.x)
        return 1.0


COMBINATION_SHARED_WEIGHTS = 5
"""The statement weights every group shares (w_em, w_record, w_n, w_near, w_class), stored before
the one offset per group (`Combination`)."""

COMBINATION_PRIOR_SD = 0.25
"""Standard deviation of the Gaussian prior holding the fitted statement weights near the tempered
model's own (`Combination`): a handful of reviews cannot overturn the model, hundreds decide."""


@dataclass
class Combination:
    """The reported posterior as a conditional-logit model of the statements, its weights fitted on
    the reviewed items.

    EM judges each source by all its statements, the unreviewed ones as the model itself judges
    them. Where sources depend on each other in ways the model does not see (several sites
    repeating one feed), the unreviewed statements outvote what the reviews show, and revealing
    reviews can even lower accuracy. The reviewed items themselves then say how statements should
    add up. Each statement adds to the score of the value it names

        w_em * logit(r_s) + w_record * logit(r_s^record) + w_n * log n_i + w_g,

    with r_s EM's reliability updated by the source's record on reviewed items from a prior that
    counts EM's figure as at most `em_strength` statements (`fit_em_strength`), r_s^record the
    record on reviewed items alone (on the source's prior), n_i the item's number of wrong values
    and w_g one offset per item group; a number's distance term counts w_near times, a classed
    statement's confusion-matrix entry (and its class frequency) w_class times, and the
    partial-value terms as in the model, tempered. The
    weights maximise the likelihood of the reviewed items' truth with every source's record
    leaving out the item being predicted (so a source with one reviewed statement cannot predict
    it from itself), under a Gaussian prior (`COMBINATION_PRIOR_SD`) centred on the tempered model
    (w_em = w_n = w_near = w_class = temperature, w_record = w_g = 0), which is what the posterior
    is when nothing was reviewed. Reliability, distance and confusion weights stay non-negative: a
    source that is more often right never counts against what it says. w_class lets the reviews
    say how sure confusion matrices make an item, which the statements alone cannot: a crowd
    that errs together on hard items looks on them as it does on easy ones.

    Stored as `LearnedParameters.combination`: [w_em, w_record, w_n, w_near, w_class, w_g for each
    group].
    """

    model: _Model
    estimate: TruthEstimate
    columns: list
    """Per value, each weight's summed feature over the statements naming it (vote-weighted)."""
    left_out: list
    """The same with each statement's own item left out of its source's records."""
    fixed: np.ndarray
    """Per value, the tempered partial-value terms (not fitted)."""
    statement: tuple
    """Per statement: logit of its source's reliability and record, log n_i, its item's group."""

    @classmethod
    def of(cls, model: _Model, estimate: TruthEstimate, decided_record=None) -> Combination:
        graph, pairs = model.graph, model.pairs
        n_values = graph.n_values
        source = graph.claim_source
        right, decided, source_right, source_decided = _reviewed_records(model, decided_record)
        # Per statement: its source's EM reliability updated by its reviewed record from a prior
        # that counts EM's figure (without the reviewed statements) as at most em_strength
        # statements; with no limit, that is EM's reliability itself.
        alpha, beta = _em_with_reviews(
            *_em_counts(estimate), source_right, source_decided, estimate.parameters.em_strength
        )
        alpha, beta = alpha[source], beta[source]
        prior_alpha, prior_beta = estimate.prior_alpha[source], estimate.prior_beta[source]
        # Per statement: its source's Beta posterior on the reviewed record alone.
        record_alpha = prior_alpha + source_right[source]
        record_total = prior_alpha + prior_beta + source_decided[source]
        vote = statement_votes(graph, estimate)
        # A classed statement counts through its source's confusion matrix, which the reviewed
        # items already inform as observed truths; its reliability columns would count it twice,
        # and a group offset per vote would pull its items back toward majority vote.
        reliability_vote = vote * (graph.value_class[graph.claim_value] < 0)
        log_n_false = np.log(graph.n_false)[graph.claim_item]
        group = graph.item_group[graph.claim_item]

        def per_value(weights, values=graph.claim_value):
            return np.bincount(values, weights=weights, minlength=n_values)

        def statement_columns(em, record):
            return [
                per_value(reliability_vote * em),
                per_value(reliability_vote * record),
                per_value(reliability_vote * log_n_false),
            ]

        contribution, _, _ = model.contributions(
            estimate.source_reliability,
            estimate.source_partial_rate,
            estimate.parameters,
            estimate.classes,
        )
        near_log, _ = model.near_terms(estimate.parameters)
        contribution[np.setdiff1d(pairs.exact, pairs.classed)] = 0.0
        contribution[pairs.numeric] -= near_log
        near = per_value(vote[pairs.claim[pairs.numeric]] * near_log, pairs.value[pairs.numeric])
        classed = np.zeros(len(pairs.claim))
        classed[pairs.classed] = contribution[pairs.classed]
        contribution[pairs.classed] = 0.0
        confusion = model.value_score(classed, vote, estimate.classes)
        offsets = [per_value(reliability_vote * (group == k)) for k in range(graph.n_groups)]
        em = _logit(alpha / (alpha + beta))
        record = _logit(record_alpha / record_total)
        return cls(
            model=model,
            estimate=estimate,
            columns=[*statement_columns(em, record), near, confusion, *offsets],
            left_out=[
                *statement_columns(
                    _logit((alpha - right) / (alpha + beta - decided)),
                    _logit((record_alpha - right) / (record_total - decided)),
                ),
                near,
                confusion,
                *offsets,
            ],
            fixed=estimate.parameters.temperature * model.value_score(contribution, vote, None),
            statement=(em, record, log_n_false, group),
        )

    def centre(self) -> np.ndarray:
        temperature = self.estimate.parameters.temperature
        return np.r_[
            temperature,
            0.0,
            temperature,
            temperature,
            temperature,
            np.zeros(len(self.columns) - COMBINATION_SHARED_WEIGHTS),
        ]

    def fit(self) -> np.ndarray:
        """The weights, or an empty array when no item was reviewed."""
        model, graph = self.model, self.model.graph
        values = np.flatnonzero(model.labelled_values)
        if len(values) == 0:
            return np.zeros(0)
        features = np.stack([column[values] for column in self.left_out], axis=1)
        fixed = self.fixed[values]
        _, item = np.unique(graph.value_item[values], return_inverse=True)
        n_items = int(item.max()) + 1
        observed = model.observed[values]
        centre = self.centre()

        def objective(weights):
            score = features @ weights + fixed
            top, exp, total = _segment_exp(score, item, n_items)
            probability = exp / total[item]
            away = weights - centre
            value = np.sum(top + np.log(total)) - observed @ score
            value += away @ away / (2.0 * COMBINATION_PRIOR_SD**2)
            gradient = features.T @ (probability - observed) + away / COMBINATION_PRIOR_SD**2
            return value, gradient

        bounds = [(0.0, None), (0.0, None), (None, None), (0.0, None), (0.0, None)]
        bounds += [(None, None)] * (len(centre) - COMBINATION_SHARED_WEIGHTS)
        result = scipy.optimize.minimize(
            objective, centre, jac=True, method="L-BFGS-B", bounds=bounds
        )
        # A line search that stops short still leaves a better point than the start.
        return result.x if result.fun <= objective(centre)[0] else centre

    def applied(self, estimate: TruthEstimate) -> TruthEstimate:
        """The estimate with its posterior, and each statement's log-odds, from the weights in its
        parameters."""
        graph = self.model.graph
        weights = estimate.parameters.combination[: COMBINATION_SHARED_WEIGHTS + graph.n_groups]
        columns = zip(weights, self.columns, strict=True)
        score = self.fixed + sum(weight * column for weight, column in columns)
        em, record, log_n_false, group = self.statement
        log_odds = weights[0] * em + weights[1] * record + weights[2] * log_n_false
        log_odds += weights[COMBINATION_SHARED_WEIGHTS + group]
        vote = statement_votes(graph, estimate)
        return replace(
            estimate,
            value_probability=self.model.posterior(score),
            claim_log_odds=vote * log_odds,
        )


def _reviewed_records(model: _Model, decided_record=None):
    """Per statement its credit on reviewed items, right and in all; per source the sums, or the
    whole record passed for a source whose record is only partly in view."""
    graph = model.graph
    source, credit, n_sources = graph.claim_source, graph.credit_weight, graph.n_sources
    label = model.labels[graph.claim_item]
    reviewed = label >= 0
    right = credit * (reviewed & (graph.claim_value == label))
    decided = credit * reviewed
    source_right = np.bincount(source, weights=right, minlength=n_sources)
    source_decided = np.bincount(source, weights=decided, minlength=n_sources)
    if decided_record is not None:
        given = np.asarray(decided_record, dtype=float).reshape(n_sources, 2)
        known = ~np.isnan(given).any(axis=1)
        source_right[known] = given[known, 0]
        source_decided[known] = given[known].sum(axis=1)
    return right, decided, source_right, source_decided


def _em_counts(estimate: TruthEstimate) -> tuple[np.ndarray, np.ndarray]:
    """Each source's Beta posterior from its prior and all its statements as EM judged them,
    before any correction by the reviewed records."""
    return (
        estimate.prior_alpha + estimate.source_correct,
        estimate.prior_beta + estimate.source_evidence - estimate.source_correct,
    )


def _em_without_reviews(alpha, beta, source_right, source_decided):
    """Each source's EM reliability (Beta(alpha, beta)) with its reviewed record taken out (its
    prior and the statements the model judges), as a mean and the statements it weighs."""
    alpha = np.maximum(alpha - source_right, RELIABILITY_FLOOR)
    beta = np.maximum(beta - (source_decided - source_right), RELIABILITY_FLOOR)
    return alpha / (alpha + beta), alpha + beta


def _em_with_reviews(alpha, beta, source_right, source_decided, em_strength):
    """Each source's Beta posterior on its reviewed record from a prior that counts its EM
    figure without that record as at most em_strength statements (`fit_em_strength`)."""
    mean, evidence = _em_without_reviews(alpha, beta, source_right, source_decided)
    strength = 1.0 / (1.0 / evidence + 1.0 / em_strength)
    return (
        strength * mean + source_right,
        strength * (1.0 - mean) + source_decided - source_right,
    )


def fit_em_strength(model: _Model, estimate: TruthEstimate, decided_record=None) -> float:
    """The most statements' worth a source's EM reliability counts as, as the prior of its
    reliability on reviewed items.

    EM rates a source by all its statements, most of them judged by the model itself; a source
    that writes thousands of values nobody disputes reads near certain there, whatever its
    reviewed statements show. Each source's reliability on reviewed items is taken as
    Beta(k m, k (1 - m)), with m its EM reliability without the reviewed statements, weighing n
    statements, and 1 / k = 1 / n + 1 / kappa: EM's estimate has its own uncertainty (n) and may
    miss the reviewed items' rate by a spread every source shares (kappa). kappa maximises the
    beta-binomial marginal likelihood of the sources' reviewed records, and stays infinite (EM's
    figures kept as they are) unless a likelihood-ratio test at 5 % rejects that."""
    _, _, right, decided = _reviewed_records(model, decided_record)
    keep = decided > 0
    if not keep.any():
        return np.inf
    mean, evidence = _em_without_reviews(*_em_counts(estimate), right, decided)
    mean = np.clip(mean[keep], RELIABILITY_FLOOR, 1.0 - RELIABILITY_FLOOR)
    evidence, right, decided = evidence[keep], right[keep], decided[keep]
    wrong = np.clip(decided - right, 0.0, None)

    def negative_log_likelihood(log_kappa):
        strength = 1.0 / (1.0 / evidence + np.exp(-log_kappa))
        a, b = strength * mean, strength * (1.0 - mean)
        return -np.sum(scipy.special.betaln(a + right, b + wrong) - scipy.special.betaln(a, b))

    best = scipy.optimize.minimize_scalar(
        negative_log_likelihood, bounds=tuple(np.log(PRIOR_BOUNDS)), method="bounded"
    )
    test = 2.0 * (negative_log_likelihood(np.inf) - best.fun)
    if best.success and test > scipy.special.chdtri(1, 0.05):
        return float(np.exp(best.x))
    return np.inf


def unchecked_statements(graph: ClaimGraph, labelled_items: np.ndarray) -> np.ndarray:
    """Per statement, True where nothing but the statement itself can say whether it is right: it
    is the only source on an unreviewed item and names every candidate value the item has (a
    figure nobody else gives). The model takes an item's truth to be one of its candidates, so EM
    would count such a statement right whatever its source's reliability: a source that writes
    where nobody else does would vouch for itself, and with thousands of such statements read
    near certain and decide every item it is disputed on. (A yes/no claim asserted by one source
    is checkable: "false" is a candidate too, and the model can find the assertion wrong.)"""
    # Per-item extremes and counts rather than np.unique: EM runs this on every fit, and sorting a
    # million statements each time cost a second of the full recompute.
    item, source = graph.claim_item, graph.claim_source
    lowest = np.full(graph.n_items, graph.n_sources)
    np.minimum.at(lowest, item, source)
    highest = np.full(graph.n_items, -1)
    np.maximum.at(highest, item, source)
    one_speaker = lowest == highest
    unnamed = np.bincount(graph.claim_value, minlength=graph.n_values) == 0
    every_candidate_named = np.bincount(graph.value_item[unnamed], minlength=graph.n_items) == 0
    return (one_speaker & every_candidate_named & ~labelled_items)[item]


def _symmetric_dependence(dependence, n_sources) -> scipy.sparse.csr_matrix:
    if dependence is None:
        return scipy.sparse.csr_matrix((n_sources, n_sources))
    dependence = scipy.sparse.csr_matrix(dependence, dtype=float)
    if dependence.shape != (n_sources, n_sources):
        raise ValueError("dependence must be n_sources x n_sources")
    dependence = dependence.maximum(dependence.T).tocsr()
    dependence.setdiag(0)
    dependence.eliminate_zeros()
    dependence.data = np.clip(dependence.data, 0.0, 1.0)
    return dependence


def claim_voice(graph: ClaimGraph, dependence: scipy.sparse.csr_matrix) -> np.ndarray:
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


def sparse_lookup(matrix: scipy.sparse.spmatrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """matrix[rows[k], cols[k]] for every k (0 where not stored), by binary search over the stored
    entries; much faster than scipy's fancy indexing for millions of lookups."""
    matrix = scipy.sparse.csr_matrix(matrix)
    matrix.sum_duplicates()
    n_cols = matrix.shape[1]
    keys = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr)) * n_cols
    keys += matrix.indices
    wanted = np.asarray(rows, dtype=np.int64) * n_cols + np.asarray(cols, dtype=np.int64)
    position = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    if len(keys) == 0:
        return np.zeros(len(wanted))
    return np.where(keys[position] == wanted, matrix.data[position], 0.0)


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
        graph.claim_value,
        weights=statement_votes(graph, estimate),
        minlength=graph.n_values,
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
    """Index of the largest score in each segment (-1 for empty segments); ties go to the lower
    index."""
    order = np.lexsort((np.arange(len(score)), -score, segment))
    first = np.ones(len(order), dtype=bool)
    first[1:] = segment[order][1:] != segment[order][:-1]
    best = np.full(n_segments, -1, dtype=np.int64)
    best[segment[order][first]] = order[first]
    return best


def copy_probability(
    graph: ClaimGraph, estimate: TruthEstimate, *, settings: ModelSettings = ModelSettings()
) -> scipy.sparse.csr_matrix:
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
    states = scipy.sparse.csr_matrix(
        (np.ones(len(source)), (source, value)), shape=(n_sources, graph.n_values)
    )
    states.data[:] = 1.0
    covers = scipy.sparse.csr_matrix(
        (np.ones(len(source)), (source, graph.value_item[value])), shape=(n_sources, graph.n_items)
    )
    covers.data[:] = 1.0
    p = estimate.value_probability
    # Pairs that agree on at least one value; the diagonal scaling by 1 + p keeps the sparsity
    # pattern of the plain count, so the two products line up entry by entry.
    same = (states @ states.T).tocsr()
    same_weighted = (states @ scipy.sparse.diags(1.0 + p) @ states.T).tocsr()
    same.sort_indices()
    same_weighted.sort_indices()
    rows = np.repeat(np.arange(n_sources), np.diff(same.indptr))
    cols = same.indices
    agree_true = same_weighted.data - same.data
    agree_false = same.data - agree_true
    keep = rows != cols
    rows, cols, agree_true, agree_false = (
        rows[keep],
        cols[keep],
        agree_true[keep],
        agree_false[keep],
    )
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
        np.log(settings.copy_prior)
        - np.log1p(-settings.copy_prior)
        + agree_true * (np.log(copied_true) - np.log(independent_true))
        + agree_false * (np.log(copied_false) - np.log(independent_false))
        + differ * np.log1p(-c)
    )
    return scipy.sparse.csr_matrix(
        (scipy.special.expit(log_ratio), (rows, cols)), shape=(n_sources, n_sources)
    )
