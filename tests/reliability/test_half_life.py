"""The half-life of evidence, learned from the decided record by leave-one-out prediction."""

import numpy as np
import pytest

from reliability import half_life
from reliability.half_life import DAY_SECONDS, learn_half_life


def record(*, sources: int, statements: int, turned: bool, seed: int = 0):
    """Decided statements spread over two years: each source right with a probability of its
    own, or, if `turned`, wrong in the first year and right in the second."""
    rng = np.random.default_rng(seed)
    source = np.repeat(np.arange(sources), statements)
    at = rng.uniform(0, 730, len(source)) * DAY_SECONDS
    if turned:
        right = at > 365 * DAY_SECONDS
    else:
        right = rng.random(len(source)) < rng.uniform(0.3, 0.95, sources)[source]
    return {"source": source, "at": at, "right": right}


def test_a_steady_record_keeps_every_statement_at_full_weight():
    assert learn_half_life(**record(sources=40, statements=12, turned=False)) == np.inf


def test_sources_whose_behaviour_turned_are_followed_with_a_short_half_life():
    assert learn_half_life(**record(sources=40, statements=12, turned=True)) <= 120


def test_too_few_decided_statements_to_tell_keep_full_weight():
    one_each = {"source": np.arange(5), "at": np.zeros(5), "right": np.ones(5, dtype=bool)}
    assert learn_half_life(**one_each) == np.inf
    assert (
        learn_half_life(source=np.array([], dtype=int), at=np.array([]), right=np.array([]))
        == np.inf
    )


def test_sources_too_large_to_pair_every_statement_are_sampled_to_the_same_answer(monkeypatch):
    turned = record(sources=6, statements=60, turned=True)
    steady = record(sources=6, statements=60, turned=False)
    exact = learn_half_life(**turned), learn_half_life(**steady)
    monkeypatch.setattr(half_life, "MAX_NEIGHBOURS", 8)
    monkeypatch.setattr(half_life, "MAX_TARGETS", 100)

    sampled = learn_half_life(**turned), learn_half_life(**steady)

    assert sampled[0] <= 120 and exact[0] <= 120
    assert sampled[1] == exact[1] == np.inf
    assert learn_half_life(**turned) == sampled[0]  # the same sample every run


@pytest.mark.parametrize("turned", [False, True])
def test_the_answer_does_not_depend_on_the_order_of_the_statements(turned):
    data = record(sources=20, statements=10, turned=turned)
    shuffled = np.random.default_rng(1).permutation(len(data["source"]))

    assert learn_half_life(**data) == learn_half_life(
        **{name: values[shuffled] for name, values in data.items()}
    )
