"""More latent classes than labels, where a crowd's statements ask for them.

Read through confusion matrices (Dawid and Skene, 1979), a crowd's mistakes are independent given
the true label. Where some workers err *together* on a share of the items (zencrowd: three regulars
who say "1" together on a fifth of the items whose truth is "0"), the statements are better
explained with that clique's reading as the truth, and the model follows it. A latent-class model
with more classes than labels can hold such items apart: a class of items on which the clique says
one thing and the others mostly another. Whether a group needs one, and how many, is a property of
the data, so it is chosen by the likelihood of held-out items: the items are split into folds, and
each fold's statements are predicted, item by item (all its statements jointly), by the model
fitted on the other folds, with L and with L + 1 latent classes; a class is added only where the
gain is positive at the conventional one-sided 5 % level with items as the units, as the engine
chooses its number model (`truth_discovery._choose_number_model`).

Which label a latent class stands for comes from the model's own prior: every row of a worker's
confusion matrix has a Dirichlet prior centred on the worker's one reliability for the row's label
(the engine's prior), so a latent class reads as the label under which the workers' answers on its
items are most probable a priori (the Dirichlet-multinomial marginal likelihood of each worker's
answers there, summed over workers). A worker's say grows about as the logarithm of its answers,
not their number, so a clique of a few regulars does not name the class's label by the count of
its statements alone.

What stays fixed: the number of folds (5, with a fixed seed), the random splits that start each
added class (`LATENT_CLASS_STARTS`, fixed seeds; the best by the fitted likelihood is kept), the
most classes added to a group (`LATENT_CLASS_MAX_EXTRA`, a bound on the work), the 5 % level.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy

LATENT_CLASS_FOLDS = 5
"""Folds of items for the held-out likelihood that decides whether a class is added."""

LATENT_CLASS_STARTS = 3
"""Random splits of an existing class tried as the start of an added one (seeds 0, 1, ...)."""

LATENT_CLASS_TOLERANCE = 1e-6
"""EM stops when no item's posterior moves by more than this."""

LATENT_CLASS_MAX_EXTRA = 2
"""At most this many latent classes beyond a group's labels (a bound on the work done)."""

_RELIABILITY_BOUNDS = (1e-3, 1.0 - 1e-3)


@dataclass(frozen=True)
class Crowd:
    """One classed group's statements: each statement's item (numbered within the group), source,
    answered class and vote weight."""

    items: np.ndarray
    """The graph's item of each item of the group."""
    item: np.ndarray
    source: np.ndarray
    answer: np.ndarray
    weight: np.ndarray
    n_classes: int
    n_sources: int

    @classmethod
    def of(cls, graph, group: int) -> Crowd:
        value_class = graph.value_class[graph.claim_value]
        claim_item = graph.claim_item
        keep = (value_class >= 0) & (graph.item_group[claim_item] == group)
        items, item = np.unique(claim_item[keep], return_inverse=True)
        classed = (graph.value_class >= 0) & (graph.item_group[graph.value_item] == group)
        return cls(
            items=items,
            item=item,
            source=graph.claim_source[keep],
            answer=value_class[keep],
            weight=graph.vote_weight[keep],
            n_classes=int(graph.value_class[classed].max()) + 1,
            n_sources=graph.n_sources,
        )

    @property
    def n_items(self) -> int:
        return len(self.items)

    @cached_property
    def _item_matrix(self):
        statements = np.arange(len(self.item))
        return scipy.sparse.csr_matrix(
            (self.weight, (self.item, statements)), shape=(self.n_items, len(self.item))
        )

    @cached_property
    def _cell_matrix(self):
        statements = np.arange(len(self.item))
        return scipy.sparse.csr_matrix(
            (np.ones(len(self.item)), (self.source * self.n_classes + self.answer, statements)),
            shape=(self.n_sources * self.n_classes, len(self.item)),
        )

    def item_sums(self, per_statement) -> np.ndarray:
        """Items x columns: the weighted sums of statements x columns over each item's
        statements."""
        return self._item_matrix @ per_statement

    def cell_sums(self, per_statement, fitted) -> np.ndarray:
        """(source, answered class) x columns: the weighted sums over the fitted statements."""
        return self._cell_matrix @ (per_statement * (self.weight * fitted)[:, None])


@dataclass(frozen=True)
class LatentFit:
    label: np.ndarray
    """The label each latent class stands for."""
    posterior: np.ndarray
    """Items x latent classes."""
    log_confusion: np.ndarray
    """Sources x latent classes x answered class."""
    log_frequency: np.ndarray
    reliability: np.ndarray
    strength: float
    counts: np.ndarray
    objective: float
    """Log-likelihood of the fitted items' statements."""

    def label_posterior(self, n_classes: int) -> np.ndarray:
        probability = np.zeros((len(self.posterior), n_classes))
        for latent, label in enumerate(self.label):
            probability[:, label] += self.posterior[:, latent]
        return probability


def _prior(reliability, strength, label, n_classes):
    """Dirichlet parameters of every source's row for each latent class: centred on the source's
    reliability for the class's label, the rest spread evenly."""
    wrong = strength * (1.0 - reliability) / (n_classes - 1)
    prior = np.repeat(wrong[:, None, None], len(label), axis=1).repeat(n_classes, axis=2)
    prior[:, np.arange(len(label)), label] = (strength * reliability)[:, None]
    return prior


def _item_log_likelihood(crowd: Crowd, log_confusion, log_frequency) -> np.ndarray:
    """Items x latent classes: log P(the item's statements, its class)."""
    return crowd.item_sums(log_confusion[crowd.source, :, crowd.answer]) + log_frequency[None, :]


def _counts(crowd: Crowd, posterior, fitted) -> np.ndarray:
    """Sources x latent classes x answered class: expected weighted answers."""
    sums = crowd.cell_sums(posterior[crowd.item], fitted)
    return sums.reshape(crowd.n_sources, crowd.n_classes, -1).swapaxes(1, 2)


def _log_sum_exp(values: np.ndarray) -> np.ndarray:
    """log(sum(exp)) over each row."""
    top = np.max(values, axis=1, keepdims=True)
    return top[:, 0] + np.log(np.sum(np.exp(values - top), axis=1))


def fit_latent_classes(
    crowd: Crowd, label, start, *, allowed=None, fitted_items=None, settings=None
) -> LatentFit:
    """EM for latent classes with the given labels, from the items x classes posterior `start`.
    allowed: items x latent classes, False where a review rules the class out; fitted_items: the
    items whose statements fit the parameters (the others are only predicted). Each M step refits
    every source's one reliability (its expected share of answers naming its items' labels, on a
    uniform prior) and the prior's strength by marginal likelihood, as the engine does."""
    from reliability.truth_discovery import fit_confusion_strength

    settings = settings or _default_settings()
    label = np.asarray(label, dtype=np.int64)
    n_latent, n_classes = len(label), crowd.n_classes
    if fitted_items is None:
        fitted_items = np.ones(crowd.n_items, dtype=bool)
    log_allowed = (
        np.zeros((crowd.n_items, n_latent)) if allowed is None else np.where(allowed, 0.0, -np.inf)
    )
    fitted = fitted_items[crowd.item].astype(float)
    posterior = np.exp(np.log(np.maximum(start, 1e-300)) + log_allowed)
    posterior /= posterior.sum(axis=1, keepdims=True)
    as_labels = np.zeros((n_latent, n_classes))
    as_labels[np.arange(n_latent), label] = 1.0
    for _ in range(settings.max_iterations):
        counts = _counts(crowd, posterior, fitted)
        by_label = np.einsum("slj,lk->skj", counts, as_labels)
        total = counts.sum(axis=(1, 2))
        right = by_label[:, np.arange(n_classes), np.arange(n_classes)].sum(axis=1)
        reliability = np.clip((1.0 + right) / (2.0 + total), *_RELIABILITY_BOUNDS)
        strength = fit_confusion_strength(by_label, reliability)
        confusion = _prior(reliability, strength, label, n_classes) + counts
        log_confusion = np.log(confusion) - np.log(confusion.sum(axis=2, keepdims=True))
        frequency = 1.0 + posterior[fitted_items].sum(axis=0)
        log_frequency = np.log(frequency / frequency.sum())
        joint = _item_log_likelihood(crowd, log_confusion, log_frequency) + log_allowed
        updated = np.exp(joint - _log_sum_exp(joint)[:, None])
        change = np.max(np.abs(updated - posterior), initial=0.0)
        posterior = updated
        if settings.tolerance > 0 and change < max(settings.tolerance, LATENT_CLASS_TOLERANCE):
            break
    return LatentFit(
        label=label,
        posterior=posterior,
        log_confusion=log_confusion,
        log_frequency=log_frequency,
        reliability=reliability,
        strength=strength,
        counts=counts,
        objective=float(_log_sum_exp(joint[fitted_items]).sum()),
    )


def _default_settings():
    from reliability.truth_discovery import ModelSettings

    return ModelSettings()


def _answer_shares(crowd: Crowd) -> np.ndarray:
    """Each item's share of answers per class (majority vote), where EM starts."""
    shares = np.full((crowd.n_items, crowd.n_classes), 1e-3)
    np.add.at(shares, (crowd.item, crowd.answer), crowd.weight)
    return shares / shares.sum(axis=1, keepdims=True)


def _label_of(fit: LatentFit, latent: int, n_classes: int) -> int:
    """The label under which the sources' answers on a latent class's items are most probable
    a priori: Dirichlet-multinomial marginal likelihood of each source's row, summed."""
    gammaln = scipy.special.gammaln
    answers = fit.counts[:, latent, :]
    score = []
    for label in range(n_classes):
        prior = _prior(fit.reliability, fit.strength, np.array([label]), n_classes)[:, 0, :]
        score.append(
            np.sum(
                gammaln(prior.sum(axis=1))
                - gammaln(prior.sum(axis=1) + answers.sum(axis=1))
                + (gammaln(prior + answers) - gammaln(prior)).sum(axis=1)
            )
        )
    return int(np.argmax(score))


def _allowed(label, reviewed_class) -> np.ndarray | None:
    if reviewed_class is None or not np.any(reviewed_class >= 0):
        return None
    return (reviewed_class[:, None] < 0) | (label[None, :] == reviewed_class[:, None])


def fit_chain(
    crowd: Crowd, extra: int, *, reviewed_class=None, fitted_items=None, settings=None
) -> list[LatentFit]:
    """The fits with the group's labels plus 0, 1, ..., `extra` latent classes, each grown from
    the one before. An added class starts as a random share of one class's items; of
    `LATENT_CLASS_STARTS` such starts, each run to convergence, the most likely is kept; the
    class then takes the label its sources' answers point to (`_label_of`) and EM runs to
    convergence under it."""
    settings = settings or _default_settings()
    n_classes = crowd.n_classes
    label = np.arange(n_classes)
    fit = fit_latent_classes(
        crowd,
        label,
        _answer_shares(crowd),
        allowed=_allowed(label, reviewed_class),
        fitted_items=fitted_items,
        settings=settings,
    )
    chain = [fit]
    for _ in range(extra):
        best = None
        for seed in range(LATENT_CLASS_STARTS):
            rng = np.random.default_rng(seed)
            split = int(rng.integers(len(fit.label)))
            share = rng.random(crowd.n_items) * 0.5
            start = np.column_stack([fit.posterior, fit.posterior[:, split] * share])
            start[:, split] *= 1.0 - share
            trial_label = np.r_[fit.label, fit.label[split]]
            trial = fit_latent_classes(
                crowd,
                trial_label,
                start,
                allowed=_allowed(trial_label, reviewed_class),
                fitted_items=fitted_items,
                settings=settings,
            )
            if best is None or trial.objective > best.objective:
                best = trial
        label = np.r_[fit.label, _label_of(best, len(fit.label), n_classes)]
        fit = fit_latent_classes(
            crowd,
            label,
            best.posterior,
            allowed=_allowed(label, reviewed_class),
            fitted_items=fitted_items,
            settings=settings,
        )
        chain.append(fit)
    return chain


def held_out_items(crowd: Crowd, extra: int, *, reviewed_class=None, settings=None) -> np.ndarray:
    """Items x (0 .. `extra` added classes): the log-likelihood of each item's statements under
    the model fitted on the other folds (the item's own review, if any, left out)."""
    fold = np.random.default_rng(0).integers(LATENT_CLASS_FOLDS, size=crowd.n_items)
    result = np.zeros((crowd.n_items, extra + 1))
    for held in range(LATENT_CLASS_FOLDS):
        out = fold == held
        if not out.any():
            continue
        chain = fit_chain(
            crowd,
            extra,
            reviewed_class=None if reviewed_class is None else np.where(out, -1, reviewed_class),
            fitted_items=~out,
            settings=settings,
        )
        for added, fit in enumerate(chain):
            joint = _item_log_likelihood(crowd, fit.log_confusion, fit.log_frequency)
            result[out, added] = _log_sum_exp(joint[out])
    return result


def _clearly_better(gain: np.ndarray) -> bool:
    """Positive at the one-sided 5 % level, items as the units."""
    if len(gain) < 2:
        return False
    standard_error = np.std(gain, ddof=1) / np.sqrt(len(gain))
    return bool(gain.mean() > 0 and gain.mean() > scipy.special.ndtri(0.95) * standard_error)


def choose_extra_classes(crowd: Crowd, *, reviewed_class=None, settings=None) -> int:
    """How many latent classes beyond the labels the held-out items ask for: one more at a time,
    while it predicts them clearly better than one fewer."""
    held_out = held_out_items(
        crowd, LATENT_CLASS_MAX_EXTRA, reviewed_class=reviewed_class, settings=settings
    )
    extra = 0
    while extra < LATENT_CLASS_MAX_EXTRA and _clearly_better(
        held_out[:, extra + 1] - held_out[:, extra]
    ):
        extra += 1
    return extra


def latent_class_probability(
    graph, extra_per_group: np.ndarray, value_probability: np.ndarray, labels, settings=None
) -> np.ndarray:
    """The value probabilities with every group given added classes read by its latent-class
    model: each value the probability of its class's label, renormalised over the item's values
    (a label nobody answered has no value); reviewed items keep their verdict."""
    probability = value_probability.copy()
    for group in np.flatnonzero(extra_per_group > 0):
        crowd = Crowd.of(graph, int(group))
        fit = fit_chain(
            crowd,
            int(extra_per_group[group]),
            reviewed_class=reviewed_class(graph, crowd, labels),
            settings=settings,
        )[-1]
        reviewed = labels[crowd.items] >= 0
        temperature = fit_temperature(crowd, fit, ~reviewed)
        joint = temperature * _item_log_likelihood(crowd, fit.log_confusion, fit.log_frequency)
        tempered = np.exp(joint - _log_sum_exp(joint)[:, None])
        by_label = np.zeros((crowd.n_items, crowd.n_classes))
        for latent, label in enumerate(fit.label):
            by_label[:, label] += tempered[:, latent]
        local = np.full(graph.n_items, -1)
        local[crowd.items] = np.arange(crowd.n_items)
        values = np.flatnonzero(
            (graph.value_class >= 0)
            & (local[graph.value_item] >= 0)
            & (labels[graph.value_item] < 0)
        )
        item = graph.value_item[values]
        share = by_label[local[item], graph.value_class[values]]
        total = np.bincount(item, weights=share, minlength=graph.n_items)[item]
        probability[values] = share / np.maximum(total, np.finfo(float).tiny)
    return probability


def fit_temperature(crowd: Crowd, fit: LatentFit, scored_items: np.ndarray) -> float:
    """The tempering in (0, 1] of the latent-class posterior, chosen as the engine chooses its own
    (`truth_discovery._Model.fit_temperature`): under it, the other statements on an item best
    predict each held-out statement's answer, every statement read by its source's matrix without
    that statement (a matrix made of a handful of answers vouches for them in-sample); it stays 1
    unless a likelihood-ratio test at the 5 % level rejects 1. Only unreviewed items with more
    than one statement are scored."""
    confusion = _prior(fit.reliability, fit.strength, fit.label, crowd.n_classes) + fit.counts
    total = confusion.sum(axis=2)
    own = crowd.weight[:, None] * fit.posterior[crowd.item]
    tiny = np.finfo(float).tiny
    held = np.log(np.maximum(confusion[crowd.source, :, crowd.answer] - own, tiny)) - np.log(
        np.maximum(total[crowd.source] - own, tiny)
    )
    others = (crowd.item_sums(held) + fit.log_frequency[None, :])[crowd.item]
    others -= crowd.weight[:, None] * held
    company = np.bincount(crowd.item, minlength=crowd.n_items)[crowd.item] > 1
    keep = company & scored_items[crowd.item]
    if not keep.any():
        return 1.0
    others, held, weight = others[keep], held[keep], crowd.weight[keep]

    def log_likelihood(temperature):
        tempered = temperature * others
        return float(weight @ (_log_sum_exp(tempered + held) - _log_sum_exp(tempered)))

    best = scipy.optimize.minimize_scalar(
        lambda temperature: -log_likelihood(temperature),
        bounds=(1e-4, 1.0),
        method="bounded",
        options={"xatol": 1e-4},
    )
    if best.success and 2.0 * (-best.fun - log_likelihood(1.0)) > scipy.special.chdtri(1, 0.05):
        return float(best.x)
    return 1.0


def reviewed_class(graph, crowd: Crowd, labels) -> np.ndarray | None:
    if labels is None:
        return None
    reviewed = labels[crowd.items]
    return np.where(reviewed >= 0, graph.value_class[np.maximum(reviewed, 0)], -1)
