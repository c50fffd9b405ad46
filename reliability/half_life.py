"""How fast a source's record goes stale, learned from the decided record itself.

Outlets change hands and desks change editors, so older evidence about a source may say less
about it than newer evidence; or nothing may have changed, and discounting old evidence only
throws a record away. Which of the two holds is a property of the archive, so the half-life is
chosen by leave-one-out prediction inside it (kernel bandwidth selection): each decided statement
(one whose claim a reviewer decided, so whether it was right is known) is predicted from the same
source's other decided statements, each weighing 2^(-|time apart| / half-life), on a weak prior
at the archive's overall rate of right statements; the half-life whose predictions have the
highest likelihood wins. A source whose behaviour changed is predicted best from its statements
near in time (a short half-life), a steady one from all of them (no decay), and an archive with
too few decided statements to tell keeps everything at full weight.
"""

from __future__ import annotations

import numpy as np

from reliability.truth_discovery import half_life_weights

DAY_SECONDS = 86_400.0

HALF_LIVES_DAYS = (30.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, np.inf)
"""The candidates, a month to five years doubling, and no decay: the likelihood is flat
between neighbours a factor of two apart, so a finer grid would only follow noise. Ties go to
the longest that predicts about as well as the best (learn_half_life)."""

PRIOR_STATEMENTS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, np.inf)
"""How many statements the prior each prediction starts from weighs (its mean is the archive's
overall rate of right statements), learned with the half-life: where sources differ little, a
strong prior predicts best (inf: they do not differ, and every statement is predicted at the
archive's rate), and were it fixed weak, a short half-life would win only because forgetting a
source's record also pulls its prediction to the archive's rate."""

MAX_TARGETS = 20_000
MAX_NEIGHBOURS = 256
"""A bound on the work: at most MAX_TARGETS statements are predicted (a random sample, the same
one on every run over the same data), each from at most MAX_NEIGHBOURS of its source's other
statements (a random sample with replacement, its sums scaled to the whole), so that a source
with tens of thousands of decided statements costs no more than one with a few hundred."""


def learn_half_life(*, source: np.ndarray, at: np.ndarray, right: np.ndarray) -> float:
    """The half-life, in days (inf: no decay), under which the decided statements (`source`,
    time `at` in seconds, whether each was `right`) best predict one another."""
    source = np.asarray(source)
    at = np.asarray(at, dtype=float)
    right = np.asarray(right, dtype=float)
    order = np.lexsort((at, source))
    source, at, right = source[order], at[order], right[order]
    starts = np.flatnonzero(np.r_[True, source[1:] != source[:-1]])
    counts = np.diff(np.r_[starts, len(source)])
    own_start = np.repeat(starts, counts)
    own_count = np.repeat(counts, counts)
    predictable = np.flatnonzero(own_count > 1)
    if len(predictable) == 0:
        return np.inf
    rng = np.random.default_rng(0)
    if len(predictable) > MAX_TARGETS:
        predictable = np.sort(rng.choice(predictable, size=MAX_TARGETS, replace=False))
    target, neighbour, scale = _neighbours(predictable, own_start, own_count, rng)
    apart = np.abs(at[neighbour] - at[target]) / DAY_SECONDS
    rate = float(right.mean())
    outcome = right[predictable]
    target_row = np.searchsorted(predictable, target)

    strength = np.array(PRIOR_STATEMENTS)[:, None]

    def log_likelihoods(half_life: float) -> np.ndarray:
        """Each target's log-likelihood under this half-life, at the prior strength best for all."""
        weight = scale * half_life_weights(apart, half_life)
        said_right = np.bincount(
            target_row, weights=weight * right[neighbour], minlength=len(outcome)
        )
        said = np.bincount(target_row, weights=weight, minlength=len(outcome))
        with np.errstate(invalid="ignore"):
            p = (strength * rate + said_right) / (strength + said)
        p = np.clip(np.where(np.isinf(strength), rate, p), 1e-9, 1 - 1e-9)
        each = outcome * np.log(p) + (1 - outcome) * np.log1p(-p)
        return each[np.argmax(each.sum(axis=1))]

    scores = [log_likelihoods(h) for h in HALF_LIVES_DAYS]
    best = scores[int(np.argmax([score.sum() for score in scores]))]
    # The longest half-life within one standard error of the best (Breiman's one-standard-error
    # rule): a shorter one must predict clearly better before evidence is thrown away.
    return next(
        half_life
        for half_life, score in reversed(list(zip(HALF_LIVES_DAYS, scores, strict=True)))
        if (best - score).sum() <= np.sqrt(len(score)) * (best - score).std()
    )


def _neighbours(targets, own_start, own_count, rng):
    """(target, neighbour, scale) for each pair the prediction of a target sums over: every other
    statement of its source, or MAX_NEIGHBOURS of them drawn with replacement and scaled to the
    rest of the source's statements."""
    others = own_count[targets] - 1
    every = others <= MAX_NEIGHBOURS
    # Every other statement: positions 0..count-1 of the source but the target's own.
    exact = targets[every]
    exact_others = others[every]
    exact_target = np.repeat(exact, exact_others)
    offset = np.arange(len(exact_target)) - np.repeat(
        np.cumsum(exact_others) - exact_others, exact_others
    )
    own_offset = np.repeat(exact - own_start[exact], exact_others)
    offset = offset + (offset >= own_offset)
    exact_neighbour = np.repeat(own_start[exact], exact_others) + offset
    # A sample of them, for sources with more.
    sampled = targets[~every]
    sampled_target = np.repeat(sampled, MAX_NEIGHBOURS)
    draw = rng.integers(0, np.repeat(others[~every], MAX_NEIGHBOURS))
    own_draw = np.repeat(sampled - own_start[sampled], MAX_NEIGHBOURS)
    draw = draw + (draw >= own_draw)
    sampled_neighbour = np.repeat(own_start[sampled], MAX_NEIGHBOURS) + draw
    sampled_scale = np.repeat(others[~every] / MAX_NEIGHBOURS, MAX_NEIGHBOURS)
    return (
        np.r_[exact_target, sampled_target],
        np.r_[exact_neighbour, sampled_neighbour],
        np.r_[np.ones(len(exact_target)), sampled_scale],
    )
