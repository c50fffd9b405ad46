"""The scales the engine's numbers are read on, and the words that say what a letter means.

A computed letter summarises the *decided* record: the statements reviews bore out or refuted
(time-weighted, a relay's quoting excluded), on a Jeffreys Beta(1/2, 1/2) prior so that no
assumption about the population colours it. It is F while that record's 95 % credible interval
is wider than RELIABILITY_MAX_INTERVAL_WIDTH (0.5): with every decided statement right or every
one wrong, that takes four statements; a mixed record needs more. Otherwise the record's mean
picks the letter: A >= 0.90, B >= 0.775, C >= 0.60, D >= 0.375, E below (half-way between the
nominal reliabilities of neighbouring human grades). Five decided statements all right read A,
all wrong read E.
"""

import numpy as np
from django.conf import settings

from reliability.truth_discovery import beta_interval
from sources.models import Grade

GRADE_RELIABILITY = {Grade.A: 0.95, Grade.B: 0.85, Grade.C: 0.70, Grade.D: 0.50, Grade.E: 0.25}
"""Nominal reliability of each human grade: the prior mean it stands for."""

LETTER_THRESHOLDS = [(0.90, Grade.A), (0.775, Grade.B), (0.60, Grade.C), (0.375, Grade.D)]

RECORD_PRIOR = 0.5
"""Jeffreys prior pseudo-count on each side of a decided record."""


def record_interval(decided_for, decided_against):
    """Mean and 95 % credible interval of the decided record alone, elementwise."""
    alpha = RECORD_PRIOR + np.asarray(decided_for, dtype=float)
    beta = RECORD_PRIOR + np.asarray(decided_against, dtype=float)
    lower, upper = beta_interval(alpha, beta)
    return alpha / (alpha + beta), lower, upper


def record_letters(decided_for, decided_against) -> np.ndarray:
    mean, lower, upper = record_interval(decided_for, decided_against)
    letters = np.full(len(mean), Grade.E, dtype=object)
    for threshold, letter in reversed(LETTER_THRESHOLDS):
        letters[mean >= threshold] = letter
    letters[(upper - lower) > settings.RELIABILITY_MAX_INTERVAL_WIDTH] = Grade.F
    return letters


def letter_words(
    *, letter: str, decided_claims: int, decided_for: float, decided_against: float
) -> str:
    """The letter in words, e.g. "F: too little evidence, 1 decided statement"."""
    statements = f"{decided_claims} decided statement{'' if decided_claims == 1 else 's'}"
    if letter == Grade.F:
        return f"F: too little evidence, {statements}"
    weight = decided_for + decided_against
    share = round(100 * decided_for / weight) if weight else 0
    return f"{letter}: {Grade(letter).label.split(' – ')[1]}, {statements}, {share} % borne out"
