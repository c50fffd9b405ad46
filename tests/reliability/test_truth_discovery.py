"""The pure truth-discovery model on small hand-made worlds (no database)."""

from dataclasses import replace

import numpy as np
import pytest
from scipy import sparse

from reliability.truth_discovery import (
    ClaimGraph,
    LearnedParameters,
    ModelSettings,
    beta_from_mean,
    beta_interval,
    binary_graph,
    binary_labels,
    copy_probability,
    discover_truth,
    false_value_count,
    fit_confusion_strength,
    fit_population_prior,
    half_life_weights,
    pairs_within_groups,
)

POPULATION = beta_from_mean(0.7, 2.0)


def binary_world(citations, n_statements, n_sources):
    """citations: (statement, source, asserts) triples."""
    statement, source, asserts = (np.array(column) for column in zip(*citations, strict=True))
    return binary_graph(
        n_statements=n_statements,
        n_sources=n_sources,
        statement=statement,
        source=source,
        asserts=asserts,
    )


def probability_true(estimate, statement):
    return estimate.value_probability[2 * statement]


def test_agreeing_sources_outvote_a_lone_dissenter():
    graph = binary_world([(0, 0, True), (0, 1, True), (0, 2, True), (0, 3, False)], 1, 4)

    estimate = discover_truth(graph, prior_alpha=POPULATION[0], prior_beta=POPULATION[1])

    assert probability_true(estimate, 0) > 0.9


def test_one_voice_makes_a_claim_as_probable_as_its_source_is_reliable():
    graph = binary_world([(0, 0, True), (1, 1, False)], 2, 2)
    alpha, beta = beta_from_mean(np.array([0.8, 0.9]), 1e6)

    estimate = discover_truth(graph, prior_alpha=alpha, prior_beta=beta)

    assert probability_true(estimate, 0) == pytest.approx(0.8, abs=1e-4)
    assert probability_true(estimate, 1) == pytest.approx(0.1, abs=1e-4)


def test_reviewed_claim_takes_its_verdict_and_moves_its_sources():
    # Sources 0 and 1 say claim 0 is true, source 2 says it is false; a review says it is false.
    graph = binary_world([(0, 0, True), (0, 1, True), (0, 2, False)], 1, 3)
    labels = binary_labels(n_statements=1, statement=np.array([0]), is_true=np.array([False]))

    unreviewed = discover_truth(graph, prior_alpha=POPULATION[0], prior_beta=POPULATION[1])
    reviewed = discover_truth(
        graph, prior_alpha=POPULATION[0], prior_beta=POPULATION[1], labels=labels
    )

    assert probability_true(reviewed, 0) == 0.0
    assert reviewed.source_reliability[2] > unreviewed.source_reliability[2]
    assert reviewed.source_reliability[0] < unreviewed.source_reliability[0]


def test_reviewed_claims_teach_which_source_to_believe_on_unreviewed_ones():
    # Sources 0 and 1 disagree on every claim; reviews of claims 0-4 side with source 1.
    citations = [(c, 0, True) for c in range(6)] + [(c, 1, False) for c in range(6)]
    graph = binary_world(citations, 6, 2)
    labels = binary_labels(n_statements=6, statement=np.arange(5), is_true=np.zeros(5, dtype=bool))

    estimate = discover_truth(
        graph, prior_alpha=POPULATION[0], prior_beta=POPULATION[1], labels=labels
    )

    assert probability_true(estimate, 5) < 0.2
    assert estimate.source_reliability[1] > estimate.source_reliability[0]


def test_affiliated_sources_count_as_one_voice():
    # Three outlets of one government assert; two independent sources deny.
    citations = [(0, 0, True), (0, 1, True), (0, 2, True), (0, 3, False), (0, 4, False)]
    graph = binary_world(citations, 1, 5)
    government = np.array([0, 1, 2])
    rows, cols = np.meshgrid(government, government)
    same_root = sparse.csr_matrix((np.ones(9), (rows.ravel(), cols.ravel())), shape=(5, 5))
    prior = beta_from_mean(0.7, 1e6)

    counted_separately = discover_truth(graph, prior_alpha=prior[0], prior_beta=prior[1])
    counted_once = discover_truth(
        graph, prior_alpha=prior[0], prior_beta=prior[1], dependence=same_root
    )

    assert probability_true(counted_separately, 0) > 0.5
    assert probability_true(counted_once, 0) < 0.5
    assert counted_once.claim_voice[:3] == pytest.approx([1 / 3] * 3)
    assert counted_once.claim_voice[3:] == pytest.approx([1.0, 1.0])


def test_sources_repeating_each_others_mistakes_are_detected_as_copying():
    rng = np.random.default_rng(7)
    n_items, n_sources = 60, 6
    truth = rng.integers(0, 4, n_items)
    # Four values per item; sources 0-3 are independent and 80 % right; source 5 copies source 4,
    # which is right only half the time.
    said = np.empty((n_sources, n_items), dtype=np.int64)
    for source in range(5):
        right = rng.random(n_items) < (0.8 if source < 4 else 0.5)
        said[source] = np.where(right, truth, (truth + rng.integers(1, 4, n_items)) % 4)
    said[5] = said[4]
    graph = ClaimGraph(
        n_items=n_items,
        n_sources=n_sources,
        value_item=np.repeat(np.arange(n_items), 4),
        claim_source=np.repeat(np.arange(n_sources), n_items),
        claim_value=(np.arange(n_items) * 4 + said).ravel(),
        n_false=3,
    )

    estimate = discover_truth(graph, prior_alpha=POPULATION[0], prior_beta=POPULATION[1])
    copying = copy_probability(graph, estimate).toarray()

    assert copying[4, 5] > 0.99
    assert copying[0, 1] < 0.1


def test_partial_statements_support_the_fuller_value():
    # Item k has values {a} (index 2k) and {a, b} (index 2k+1), among three wrong alternatives.
    # Sources 0-2 give the full author list on every item; sources 3-5 only the first author.
    n_items = 8
    claim_source = np.repeat(np.arange(6), n_items)
    claim_value = np.concatenate([np.arange(n_items) * 2 + 1] * 3 + [np.arange(n_items) * 2] * 3)
    first_author_of_full_list = sparse.csr_matrix(
        (np.ones(n_items), (np.arange(n_items) * 2, np.arange(n_items) * 2 + 1)),
        shape=(2 * n_items, 2 * n_items),
    )
    common = dict(
        n_items=n_items,
        n_sources=6,
        value_item=np.repeat(np.arange(n_items), 2),
        claim_source=claim_source,
        claim_value=claim_value,
        n_false=3,
    )

    without = discover_truth(
        ClaimGraph(**common), prior_alpha=POPULATION[0], prior_beta=POPULATION[1]
    )
    with_partial = discover_truth(
        ClaimGraph(**common, partial=first_author_of_full_list),
        prior_alpha=POPULATION[0],
        prior_beta=POPULATION[1],
    )

    assert without.value_probability[1::2] == pytest.approx([0.5] * n_items)
    assert np.all(with_partial.value_probability[1::2] > 0.99)
    assert np.all(with_partial.source_partial_rate[3:] > 0.8)


def test_learned_wrong_value_count_reflects_how_often_mistakes_coincide():
    # Value 0 of every item is true (reviewed); the five sources' mistakes are spread evenly
    # over four wrong values, so two mistakes name the same value a quarter of the time.
    rng = np.random.default_rng(3)
    n_items, n_sources, n_values = 400, 5, 5
    right = rng.random((n_sources, n_items)) < 0.5
    said = np.where(right, 0, rng.integers(1, n_values, (n_sources, n_items)))
    graph = ClaimGraph(
        n_items=n_items,
        n_sources=n_sources,
        value_item=np.repeat(np.arange(n_items), n_values),
        claim_source=np.repeat(np.arange(n_sources), n_items),
        claim_value=(np.arange(n_items) * n_values + said).ravel(),
    )
    labels = np.arange(n_items) * n_values

    estimate = discover_truth(graph, prior_alpha=1.0, prior_beta=1.0, labels=labels)

    assert false_value_count(graph, estimate) == pytest.approx(np.full(n_items, 4.0), rel=0.15)
    assert estimate.n_false == pytest.approx(np.full(n_items, 4.0), rel=0.15)


def test_wrong_value_count_is_learned_separately_for_each_group_of_items():
    # Items 0-199 have two wrong values, items 200-399 eight (reviewed truth is value 0).
    rng = np.random.default_rng(5)
    n_items, n_sources, n_values = 400, 6, 9
    alternatives = np.where(np.arange(n_items) < 200, 2, 8)
    right = rng.random((n_sources, n_items)) < 0.4
    said = np.where(right, 0, 1 + (rng.random((n_sources, n_items)) * alternatives).astype(int))
    graph = ClaimGraph(
        n_items=n_items,
        n_sources=n_sources,
        value_item=np.repeat(np.arange(n_items), n_values),
        claim_source=np.repeat(np.arange(n_sources), n_items),
        claim_value=(np.arange(n_items) * n_values + said).ravel(),
        item_group=(np.arange(n_items) >= 200).astype(int),
    )

    estimate = discover_truth(
        graph, prior_alpha=1.0, prior_beta=1.0, labels=np.arange(n_items) * n_values
    )

    assert estimate.n_false[:200] == pytest.approx(np.full(200, 2.0), rel=0.2)
    assert estimate.n_false[200:] == pytest.approx(np.full(200, 8.0), rel=0.2)


def test_credible_interval_narrows_as_evidence_accumulates():
    widths = []
    for n_claims in (2, 20, 200):
        citations = [(c, 0, True) for c in range(n_claims)]
        graph = binary_world(citations, n_claims, 1)
        labels = binary_labels(
            n_statements=n_claims,
            statement=np.arange(n_claims),
            is_true=np.arange(n_claims) % 4 != 0,
        )
        estimate = discover_truth(
            graph, prior_alpha=POPULATION[0], prior_beta=POPULATION[1], labels=labels
        )
        low, high = estimate.source_interval()
        widths.append(float(high[0] - low[0]))

    assert widths[0] > widths[1] > widths[2]


def test_source_with_no_statements_keeps_its_prior():
    graph = binary_world([(0, 0, True)], 1, 2)
    alpha, beta = beta_from_mean(np.array([0.7, 0.9]), np.array([2.0, 4.0]))

    estimate = discover_truth(graph, prior_alpha=alpha, prior_beta=beta)

    assert estimate.source_reliability[1] == pytest.approx(0.9)
    assert estimate.source_evidence[1] == 0


def test_half_life_halves_the_weight_of_old_evidence():
    weights = half_life_weights(np.array([0.0, 10.0, 20.0, -5.0]), 10.0)

    assert weights == pytest.approx([1.0, 0.5, 0.25, 1.0])
    assert half_life_weights(np.array([1e9]), None) == pytest.approx([1.0])


def test_old_mistakes_weigh_less_than_recent_successes_with_a_half_life():
    # Ten wrong statements long ago, ten right ones recently.
    n = 20
    graph_args = dict(
        n_statements=n,
        n_sources=1,
        statement=np.arange(n),
        source=np.zeros(n, dtype=int),
        asserts=np.ones(n, dtype=bool),
    )
    labels = binary_labels(n_statements=n, statement=np.arange(n), is_true=np.arange(n) >= 10)
    age = np.where(np.arange(n) < 10, 1000.0, 0.0)

    flat = discover_truth(
        binary_graph(**graph_args), prior_alpha=1.0, prior_beta=1.0, labels=labels
    )
    decayed = discover_truth(
        binary_graph(**graph_args, credit_weight=half_life_weights(age, 100.0)),
        prior_alpha=1.0,
        prior_beta=1.0,
        labels=labels,
    )

    assert flat.source_reliability[0] == pytest.approx(0.5)
    assert decayed.source_reliability[0] > 0.9


def test_estimate_on_a_connected_component_equals_the_whole_graph_with_frozen_parameters():
    # Two disconnected stories: claims 0-2 cited by sources 0-2 (source 2 a member of source 0's
    # family), claims 3-4 by sources 3-4. Source 1 has a human grade; the others learn their prior.
    citations = [
        (0, 0, True),
        (0, 1, True),
        (1, 1, False),
        (1, 2, True),
        (2, 0, True),
        (2, 2, False),
        (3, 3, True),
        (3, 4, False),
        (4, 3, True),
        (4, 4, True),
    ]
    settings = ModelSettings(tolerance=0.0, max_iterations=50)
    prior_alpha = np.array([np.nan, 1.4, np.nan, np.nan, np.nan])
    prior_beta = np.array([np.nan, 0.6, np.nan, np.nan, np.nan])
    parent = np.array([-1, -1, 0, -1, -1])
    learned = discover_truth(
        binary_world(citations, 5, 5), prior_alpha=prior_alpha, prior_beta=prior_beta, parent=parent
    ).parameters

    whole = discover_truth(
        binary_world(citations, 5, 5),
        prior_alpha=prior_alpha,
        prior_beta=prior_beta,
        parent=parent,
        parameters=learned,
        settings=settings,
    )
    part = discover_truth(
        binary_world(citations[:6], 3, 3),
        prior_alpha=prior_alpha[:3],
        prior_beta=prior_beta[:3],
        parent=parent[:3],
        parameters=learned,
        settings=settings,
    )

    assert whole.parameters == learned
    assert np.array_equal(whole.source_alpha[:3], part.source_alpha)
    assert np.array_equal(whole.value_probability[:6], part.value_probability)


def test_label_naming_a_value_of_another_item_is_rejected():
    graph = binary_world([(0, 0, True), (1, 0, True)], 2, 1)

    with pytest.raises(ValueError, match="another item"):
        discover_truth(graph, prior_alpha=1.0, prior_beta=1.0, labels=np.array([2, -1]))


def test_claim_about_an_unknown_source_is_rejected():
    with pytest.raises(ValueError, match="source"):
        binary_world([(0, 3, True)], 1, 2)


def test_beta_interval_contains_the_mean():
    low, high = beta_interval(np.array([2.0, 30.0]), np.array([2.0, 10.0]))

    assert np.all(low < [0.5, 0.75]) and np.all(high > [0.5, 0.75])


def test_pairs_within_groups_lists_every_ordered_pair_once():
    first, second = pairs_within_groups(np.array([5, 7, 5, 5]))

    assert sorted(zip(first.tolist(), second.tolist(), strict=True)) == [
        (0, 2),
        (0, 3),
        (2, 0),
        (2, 3),
        (3, 0),
        (3, 2),
    ]


@pytest.mark.parametrize("n_sources, n_statements", [(0, 0), (0, 2), (2, 0), (2, 3)])
def test_graph_without_statements_leaves_every_source_at_its_prior(n_sources, n_statements):
    # What an uncited claim, or a database with no citations yet, gives the model.
    graph = binary_graph(
        n_statements=n_statements,
        n_sources=n_sources,
        statement=np.zeros(0, dtype=int),
        source=np.zeros(0, dtype=int),
        asserts=np.zeros(0, dtype=bool),
    )
    labels = np.full(n_statements, -1)
    labels[:1] = 0
    alpha, beta = beta_from_mean(np.full(n_sources, 0.7), 2.0)

    estimate = discover_truth(
        graph,
        prior_alpha=alpha,
        prior_beta=beta,
        labels=labels,
        dependence=sparse.csr_matrix((n_sources, n_sources)),
        detect_copying=True,
        settings=ModelSettings(tolerance=0.0, max_iterations=5, refinement_rounds=2),
    )

    assert np.array_equal(estimate.source_alpha, alpha)
    assert np.array_equal(estimate.source_beta, beta)
    assert estimate.claim_voice.shape == (0,)
    # The reviewed item keeps its label; items nobody spoke about have no truth.
    assert list(estimate.item_truth) == [0, -1, -1][:n_statements]


def crowd_world(seed=0, n_items=100, n_regulars=10, n_crowd=200, regular=(8, 2), crowd=(8, 2)):
    """Binary items, regular sources citing every item and a crowd of one-statement sources, with
    reliabilities drawn from the given Beta distributions."""
    rng = np.random.default_rng(seed)
    truth = rng.random(n_items) < 0.5
    reliability = np.concatenate([rng.beta(*regular, n_regulars), rng.beta(*crowd, n_crowd)])
    item = np.concatenate(
        [np.tile(np.arange(n_items), n_regulars), rng.integers(0, n_items, n_crowd)]
    )
    source = np.concatenate(
        [np.repeat(np.arange(n_regulars), n_items), n_regulars + np.arange(n_crowd)]
    )
    right = rng.random(len(item)) < reliability[source]
    graph = binary_graph(
        n_statements=n_items,
        n_sources=n_regulars + n_crowd,
        statement=item,
        source=source,
        asserts=right == truth[item],
    )
    return graph, truth


def test_population_prior_is_the_beta_binomial_maximum_likelihood():
    rng = np.random.default_rng(1)
    reliability = rng.beta(6.0, 2.0, 4000)
    evidence = rng.integers(5, 30, 4000).astype(float)
    correct = rng.binomial(evidence.astype(int), reliability).astype(float)

    a, b = fit_population_prior(correct, evidence)

    assert a / (a + b) == pytest.approx(0.75, abs=0.02)
    assert a + b == pytest.approx(8.0, rel=0.25)


def test_learned_population_prior_shrinks_one_statement_sources():
    graph, _ = crowd_world()
    crowd = np.arange(10, graph.n_sources)

    learned = discover_truth(graph)
    flat = discover_truth(graph, prior_alpha=1.0, prior_beta=1.0)

    prior = learned.parameters
    assert prior.population_strength > 2.0
    spread_learned = np.ptp(learned.source_reliability[crowd])
    spread_flat = np.ptp(flat.source_reliability[crowd])
    assert spread_learned < 0.5 * spread_flat
    # A one-statement source sits near the population, not at the edge of its single statement.
    assert np.all(np.abs(learned.source_reliability[crowd] - prior.population_mean) < 0.2)


def test_graded_sources_keep_their_fixed_prior_while_others_learn_it():
    graph, _ = crowd_world()
    prior_alpha = np.full(graph.n_sources, np.nan)
    prior_beta = np.full(graph.n_sources, np.nan)
    prior_alpha[10], prior_beta[10] = beta_from_mean(0.25, 1e6)

    estimate = discover_truth(graph, prior_alpha=prior_alpha, prior_beta=prior_beta)

    assert estimate.prior_alpha[10] == prior_alpha[10] and estimate.prior_beta[10] == prior_beta[10]
    assert estimate.source_reliability[10] == pytest.approx(0.25, abs=1e-4)
    assert estimate.prior_alpha[11] == estimate.parameters.population_alpha


def family_world(newcomer_right: int):
    """Sources 0-2 (children of source 3, "the government") are wrong on every reviewed claim;
    source 4 is independent and right. Source 5, a new member of the family, made `newcomer_right`
    reviewed right statements and one unreviewed statement."""
    citations, truths = [], []
    for claim in range(12):
        citations += [(claim, member, True) for member in (0, 1, 2)] + [(claim, 4, False)]
        truths.append(False)
    for offset in range(newcomer_right):
        claim = 12 + offset
        citations += [(claim, 5, True), (claim, 4, True)]
        truths.append(True)
    last = 12 + newcomer_right
    citations.append((last, 5, True))
    graph = binary_world(citations, last + 1, 6)
    labels = binary_labels(
        n_statements=last + 1, statement=np.arange(last), is_true=np.array(truths)
    )
    return graph, labels


def test_family_record_pulls_a_newcomer_toward_its_family():
    graph, labels = family_world(newcomer_right=0)
    parent = np.array([3, 3, 3, -1, -1, 3])

    alone = discover_truth(graph, labels=labels)
    in_family = discover_truth(graph, labels=labels, parent=parent)

    assert in_family.source_reliability[5] < alone.source_reliability[5] - 0.2
    assert in_family.prior_alpha[5] / (in_family.prior_alpha[5] + in_family.prior_beta[5]) < 0.3
    # Source 4 has no family: its prior is the population's.
    assert in_family.prior_alpha[4] == in_family.parameters.population_alpha


def test_a_newcomers_own_record_moves_it_away_from_its_family():
    parent = np.array([3, 3, 3, -1, -1, 3])
    graph, labels = family_world(newcomer_right=0)
    untried = discover_truth(graph, labels=labels, parent=parent)
    graph, labels = family_world(newcomer_right=6)
    proven = discover_truth(graph, labels=labels, parent=parent)

    assert proven.source_reliability[5] > untried.source_reliability[5] + 0.2


def test_parent_cycle_is_rejected():
    graph = binary_world([(0, 0, True), (0, 1, True)], 1, 2)

    with pytest.raises(ValueError, match="cycle"):
        discover_truth(graph, parent=np.array([1, 0]))


def numeric_item(positions, sources, resolution=1.0):
    """One item whose candidate values are `positions`; source k states positions[sources[k]]."""
    return dict(
        n_items=1,
        n_sources=len(sources),
        value_item=np.zeros(len(positions), dtype=int),
        claim_source=np.arange(len(sources)),
        claim_value=np.asarray(sources),
        n_false=len(positions) - 1,
        value_resolution=np.full(len(positions), resolution),
    )


def test_near_numbers_support_each_other():
    # 99, 100 and 101 are said once each, 150 twice.
    common = numeric_item([99.0, 100.0, 101.0, 150.0], [0, 1, 2, 3, 3])
    prior = beta_from_mean(0.6, 1e6)
    frozen = LearnedParameters(
        population_alpha=1.0,
        population_beta=1.0,
        temperature=1.0,
        near_rate=np.array([0.9]),
        near_scale=np.array([0.02]),
        false_values=np.array([np.nan]),
    )

    as_labels = discover_truth(
        ClaimGraph(**common), prior_alpha=prior[0], prior_beta=prior[1], parameters=frozen
    )
    as_numbers = discover_truth(
        ClaimGraph(**common, value_position=np.array([99.0, 100.0, 101.0, 150.0])),
        prior_alpha=prior[0],
        prior_beta=prior[1],
        parameters=frozen,
    )

    assert as_labels.item_truth[0] == 3
    assert as_numbers.item_truth[0] == 1
    assert as_numbers.value_probability[3] < 0.2


def test_noise_rate_and_scale_of_numbers_are_learned():
    # Each statement is exact half the time, otherwise the truth with 2 % relative Laplace noise.
    rng = np.random.default_rng(11)
    n_items, n_sources = 300, 6
    truth = np.round(rng.uniform(100, 1000, n_items), 2)
    said = np.where(
        rng.random((n_sources, n_items)) < 0.5,
        truth,
        np.round(truth * (1 + rng.laplace(0, 0.02, (n_sources, n_items))), 2),
    )
    keys = np.column_stack([np.tile(np.arange(n_items), n_sources), said.ravel()])
    values, claim_value = np.unique(keys, axis=0, return_inverse=True)
    graph = ClaimGraph(
        n_items=n_items,
        n_sources=n_sources,
        value_item=values[:, 0].astype(int),
        claim_source=np.repeat(np.arange(n_sources), n_items),
        claim_value=claim_value.ravel(),
        value_position=values[:, 1],
    )

    parameters = discover_truth(graph).parameters

    assert parameters.near_rate[0] > 0.8
    assert parameters.near_scale[0] == pytest.approx(0.02, rel=0.3)


def test_decimal_resolution_reads_the_last_written_place():
    graph = ClaimGraph(
        n_items=1,
        n_sources=1,
        value_item=np.zeros(3, dtype=int),
        claim_source=np.zeros(1, dtype=int),
        claim_value=np.zeros(1, dtype=int),
        value_position=np.array([30.06, 48.0, np.nan]),
    )

    assert graph.value_resolution[:2] == pytest.approx([0.01, 1.0])
    assert np.isnan(graph.value_resolution[2])


def numbers_graph(item, said, n_sources):
    """The graph of statements `said` (one row per source) about `item`, values merged per item."""
    values, claim_value = np.unique(
        np.column_stack([item, said.ravel()]), axis=0, return_inverse=True
    )
    return ClaimGraph(
        n_items=int(item.max()) + 1,
        n_sources=n_sources,
        value_item=values[:, 0].astype(int),
        claim_source=np.repeat(np.arange(n_sources), len(item) // n_sources),
        claim_value=claim_value.ravel(),
        value_position=values[:, 1],
    )


def biased_readings_world(seed, n_items=300):
    """Three sites read the true figure 70 % of the time; eight others read a different quantity
    (a gauge that runs warm), 2 to 9 above the truth. Their numbers cluster together, not around
    the truth, and exact values see that the truth is the one figure several sites repeat."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(300, 1200, n_items).astype(float)
    careful = [
        np.where(
            rng.random(n_items) < 0.7,
            truth,
            truth + rng.choice([-1, 1], n_items) * rng.integers(1, 11, n_items),
        )
        for _ in range(3)
    ]
    warm = [truth + rng.integers(2, 10, n_items) for _ in range(8)]
    said = np.array(careful + warm)
    graph = numbers_graph(np.tile(np.arange(n_items), len(said)), said, len(said))
    return graph, truth


def noisy_readings_world(seed, n_items=300):
    """Six sites each exact 30 % of the time, otherwise the truth with 2 % relative noise."""
    rng = np.random.default_rng(seed)
    truth = np.round(rng.uniform(100, 1000, n_items), 1)
    said = np.where(
        rng.random((6, n_items)) < 0.3,
        truth,
        np.round(truth * (1 + rng.laplace(0, 0.02, (6, n_items))), 1),
    )
    return numbers_graph(np.tile(np.arange(n_items), 6), said, 6), truth


def truth_accuracy(estimate, graph, truth):
    chosen = estimate.item_truth
    return float(np.mean(graph.value_position[chosen] == truth))


@pytest.mark.parametrize("seed", [0, 1])
def test_numbers_that_cluster_away_from_the_truth_are_read_as_exact_values(seed):
    graph, truth = biased_readings_world(seed)

    estimate = discover_truth(graph)

    # The distance model, learned on this world, takes a warm reading on every item.
    assert estimate.parameters.exact_numbers.tolist() == [True]
    assert truth_accuracy(estimate, graph, truth) > 0.8


@pytest.mark.parametrize("seed", [0, 1])
def test_numbers_scattered_around_the_truth_keep_the_distance_model(seed):
    graph, truth = noisy_readings_world(seed)

    estimate = discover_truth(graph)
    as_values = discover_truth(
        graph, parameters=replace(estimate.parameters, exact_numbers=np.array([True]))
    )

    assert estimate.parameters.exact_numbers.tolist() == [False]
    assert truth_accuracy(estimate, graph, truth) > truth_accuracy(as_values, graph, truth)


def test_numbers_no_statement_can_be_predicted_from_keep_the_distance_model():
    # One statement, and a value of its item that nobody states: nothing to compare the readings on.
    graph = ClaimGraph(
        n_items=1,
        n_sources=1,
        value_item=np.array([0, 0]),
        claim_source=np.array([0]),
        claim_value=np.array([0]),
        value_position=np.array([10.0, 11.0]),
    )

    estimate = discover_truth(graph)

    assert estimate.parameters.exact_numbers.tolist() == [False]
    assert estimate.item_truth.tolist() == [0]


def test_frozen_parameters_must_say_for_every_group_whether_its_numbers_are_exact():
    graph, _ = noisy_readings_world(0, n_items=20)
    parameters = discover_truth(graph).parameters

    with pytest.raises(ValueError, match="exact_numbers"):
        discover_truth(
            replace(graph, item_group=np.r_[np.zeros(10, int), np.ones(10, int)]),
            parameters=replace(
                parameters,
                near_rate=np.r_[parameters.near_rate, 0.5],
                near_scale=np.r_[parameters.near_scale, 0.1],
                false_values=np.r_[parameters.false_values, np.nan],
                exact_numbers=np.array([True]),
            ),
        )


def tenths_site_world(seed=0, n_items=400):
    """Four sites write whole degrees and are right 70 % of the time, otherwise a degree off; a
    fifth writes tenths and is almost never right. Where the fifth's reading is a whole number
    ("57.0") it names the same value as the others' "57", and a loader that merges spellings
    gives that value the finest one's resolution. Returns the graph's arguments, each statement's
    own resolution and the true value of each item."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(20, 90, n_items).astype(float)
    reliability = np.array([0.7, 0.7, 0.7, 0.7, 0.02])
    tenths = np.array([False, False, False, False, True])
    item = np.tile(np.arange(n_items), len(reliability))
    source = np.repeat(np.arange(len(reliability)), n_items)
    right = rng.random(len(item)) < reliability[source]
    said = np.where(right, truth[item], truth[item] + rng.choice([-1.0, 1.0], len(item)))
    jitter = rng.choice([0.0, 0.0, 0.0, 0.1, -0.1, 0.2], len(item))
    said = np.where(tenths[source], np.round(said + jitter, 1), said)
    values, claim_value = np.unique(np.column_stack([item, said]), axis=0, return_inverse=True)
    claim_value = claim_value.ravel()
    own = np.where(tenths[source], 0.1, 1.0)
    finest = np.full(len(values), np.inf)
    np.minimum.at(finest, claim_value, own)
    arguments = dict(
        n_items=n_items,
        n_sources=len(reliability),
        value_item=values[:, 0].astype(int),
        claim_source=source,
        claim_value=claim_value,
        value_position=values[:, 1],
        value_resolution=finest,
    )
    gold = np.full(n_items, -1)
    hit = values[:, 1] == truth[values[:, 0].astype(int)]
    gold[values[hit, 0].astype(int)] = np.flatnonzero(hit)
    return arguments, own, gold


def test_a_statement_keeps_its_own_precision_where_another_site_wrote_the_value_finer():
    arguments, own, gold = tenths_site_world()
    # Read through the distance model (noise of about one degree), which is where a cell's width
    # counts; left to choose, this world's statements prefer exact values.
    reading = replace(
        discover_truth(ClaimGraph(**arguments, claim_resolution=own)).parameters,
        exact_numbers=np.array([False]),
        near_rate=np.array([0.9]),
        near_scale=np.array([0.02]),
    )

    merged = discover_truth(ClaimGraph(**arguments), parameters=reading)
    own_cells = discover_truth(ClaimGraph(**arguments, claim_resolution=own), parameters=reading)

    # With the merged value's resolution, "57" said by a whole-degree site counts as if it were
    # "57.0": noise would land on it ten times less often, so every value the poor tenths site
    # also named gets a ten-fold exact-match bonus through the good sites' statements.
    assert (merged.item_truth == gold).mean() < 0.7
    assert (own_cells.item_truth == gold).mean() > 0.83
    assert own_cells.source_reliability[4] < 0.1 < merged.source_reliability[4]


def test_claim_resolution_defaults_to_the_value_resolution_and_rejects_bad_widths():
    common = dict(
        n_items=1,
        n_sources=2,
        value_item=np.zeros(2, dtype=int),
        claim_source=np.array([0, 1]),
        claim_value=np.array([0, 0]),
        value_position=np.array([57.0, 58.0]),
        value_resolution=np.array([0.1, 1.0]),
    )

    assert ClaimGraph(**common).claim_resolution == pytest.approx([0.1, 0.1])
    given = ClaimGraph(**common, claim_resolution=np.array([1.0, np.nan]))
    assert given.claim_resolution == pytest.approx([1.0, 0.1])
    with pytest.raises(ValueError, match="claim_resolution"):
        ClaimGraph(**common, claim_resolution=np.array([1.0]))


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5])
def test_revealed_labels_do_not_lower_accuracy_on_the_rest(fraction):
    graph, truth = crowd_world(
        seed=4, n_items=300, n_regulars=6, n_crowd=900, regular=(9, 1), crowd=(3, 2)
    )
    rng = np.random.default_rng(5)
    revealed = rng.random(len(truth)) < fraction
    labels = binary_labels(
        n_statements=len(truth), statement=np.flatnonzero(revealed), is_true=truth[revealed]
    )

    unsupervised = discover_truth(graph)
    supervised = discover_truth(graph, labels=labels)

    def accuracy(estimate):
        predicted = estimate.value_probability[0::2] > 0.5
        return np.mean(predicted[~revealed] == truth[~revealed])

    assert accuracy(supervised) >= accuracy(unsupervised)


def test_temperature_stays_one_on_a_handful_of_statements():
    graph = binary_world([(0, 0, True), (0, 1, False)], 1, 2)

    assert discover_truth(graph).parameters.temperature == 1.0


def test_items_of_uneven_difficulty_temper_the_posterior():
    # On half the items every source is nearly always right, on the other half a coin flip: a
    # source's one reliability overstates how sure the hard items are, and the other statements
    # on a hard item predict a held-out one worse than the untempered posterior claims.
    n_items = 400
    graph, _ = world_of_item_difficulty(
        np.where(np.arange(n_items) < n_items // 2, 0.97, 0.5), seed=2, n_sources=8
    )

    estimate = discover_truth(graph)

    assert estimate.parameters.temperature < 1.0


def feed_world(seed=7, n_items=300, n_values=6):
    """Three sources repeating one feed that is right 40 % of the time, one independent source
    right 80 %, two right half the time; value 0 of each item is its truth."""
    rng = np.random.default_rng(seed)

    def right_with(rate):
        return np.where(rng.random(n_items) < rate, 0, rng.integers(1, n_values, n_items))

    feed = right_with(0.4)
    said = np.array([feed, feed, feed, right_with(0.8), right_with(0.5), right_with(0.5)])
    n_sources = len(said)
    graph = ClaimGraph(
        n_items=n_items,
        n_sources=n_sources,
        value_item=np.repeat(np.arange(n_items), n_values),
        claim_source=np.repeat(np.arange(n_sources), n_items),
        claim_value=np.tile(np.arange(n_items) * n_values, n_sources) + said.ravel(),
    )
    reviewed = rng.random(n_items) < 0.4
    labels = np.where(reviewed, np.arange(n_items) * n_values, -1)
    return graph, labels, reviewed


def accuracy_on_unreviewed(estimate, graph, reviewed):
    best = estimate.value_probability.reshape(graph.n_items, -1).argmax(axis=1)
    return (best[~reviewed] == 0).mean()


def test_reviews_outweigh_sources_that_repeat_one_feed():
    graph, labels, reviewed = feed_world()

    unsupervised = discover_truth(graph)
    semi_supervised = discover_truth(graph, labels=labels)

    # Unreviewed, the feed's three copies outvote everyone; the reviews show whom to believe.
    assert accuracy_on_unreviewed(unsupervised, graph, reviewed) < 0.5
    assert accuracy_on_unreviewed(semi_supervised, graph, reviewed) > 0.75
    # The reviewed records reject EM's figures for the feed's copies, so those figures are
    # corrected by the reviews before they are weighed.
    assert np.isfinite(semi_supervised.parameters.em_strength)


def test_without_reviews_the_posterior_is_the_tempered_model_and_no_weights_are_fitted():
    graph, _, _ = feed_world()

    estimate = discover_truth(graph)

    assert len(estimate.parameters.combination) == 0
    probability = estimate.value_probability.reshape(graph.n_items, -1)
    assert np.allclose(probability.sum(axis=1), 1.0)


@pytest.mark.parametrize("em_strength", [None, 2.0])
def test_frozen_statement_weights_give_a_component_the_numbers_of_the_whole_graph(em_strength):
    citations = [(0, 0, True), (0, 1, True), (1, 1, False), (2, 2, True), (2, 3, False)]
    labels = binary_labels(n_statements=3, statement=np.array([0]), is_true=np.array([False]))
    settings = ModelSettings(tolerance=0.0, max_iterations=50)
    learned = discover_truth(binary_world(citations, 3, 4), labels=labels).parameters
    assert len(learned.combination) == 6
    if em_strength is not None:
        learned = replace(learned, em_strength=em_strength)

    whole = discover_truth(
        binary_world(citations, 3, 4), labels=labels, parameters=learned, settings=settings
    )
    part = discover_truth(
        binary_world(citations[:3], 2, 2), labels=labels[:2], parameters=learned, settings=settings
    )

    assert np.allclose(whole.value_probability[:4], part.value_probability)
    assert np.allclose(whole.claim_log_odds[:3], part.claim_log_odds)


def test_a_held_sources_stored_decided_record_stands_in_for_its_record_out_of_view():
    citations = [(0, 0, True), (1, 0, True), (1, 1, False)]
    labels = binary_labels(n_statements=2, statement=np.array([0]), is_true=np.array([False]))
    learned = discover_truth(binary_world(citations, 2, 2), labels=labels).parameters
    frozen = replace(learned, combination=np.array([0, 1, 0, 0, 0, 0.0]))

    def claim_one(record):
        estimate = discover_truth(
            binary_world(citations, 2, 2),
            labels=labels,
            parameters=frozen,
            decided_record=np.array([record, [np.nan, np.nan]]),
        )
        return probability_true(estimate, 1)

    # Source 0 asserts claim 1 and source 1 denies it; what counts is source 0's record on
    # reviewed claims, however much of it is in view.
    assert claim_one([20.0, 0.0]) > 0.9
    assert claim_one([0.0, 20.0]) < 0.1


def prolific_writer_world(seed=0, *, n_values=4):
    """A crowd of 1,000 sources (each right 70-99 % of the time) stating three to an item on 2,000
    items, and one prolific writer: alone on 3,000 items, and against one member of the crowd on
    600 more, where it is right only 70 % of the time. A tenth of the crowd's and the disputed
    items are reviewed. Value index 0 of an item's values is what the truth is written as."""
    rng = np.random.default_rng(seed)
    n_crowd, n_lone, n_crowd_items, n_disputed = 1000, 3000, 2000, 600
    reliability = np.r_[rng.uniform(0.7, 0.99, n_crowd), 0.7]
    writer = n_crowd
    values, value_item, claim_source, claim_value = {}, [], [], []

    def say(source, item):
        right = rng.random() < reliability[source] or item < n_lone
        said = 0 if right else int(rng.integers(1, n_values))
        if (item, said) not in values:
            values[item, said] = len(value_item)
            value_item.append(item)
        claim_source.append(source)
        claim_value.append(values[item, said])

    n_items = n_lone + n_crowd_items + n_disputed
    for item in range(n_items):
        if item < n_lone or item >= n_lone + n_crowd_items:
            say(writer, item)
        members = 3 if item < n_lone + n_crowd_items else 1
        for source in rng.choice(n_crowd, members if item >= n_lone else 0, replace=False):
            say(source, item)
    graph = ClaimGraph(
        n_items=n_items,
        n_sources=n_crowd + 1,
        value_item=np.array(value_item),
        claim_source=np.array(claim_source),
        claim_value=np.array(claim_value),
    )
    truth = np.array([values.get((item, 0), -1) for item in range(n_items)])
    reviewed = (np.arange(n_items) >= n_lone) & (rng.random(n_items) < 0.1) & (truth >= 0)
    disputed_unreviewed = (np.arange(n_items) >= n_lone + n_crowd_items) & ~reviewed
    return graph, np.where(reviewed, truth, -1), truth, disputed_unreviewed


def disputed_accuracy(graph, estimate, truth, disputed):
    """On the unreviewed disputed items of `prolific_writer_world`: the share the estimate's most
    probable value gets right, and the share the writer gets right."""
    probability = estimate.value_probability
    top = np.full(graph.n_items, -np.inf)
    np.maximum.at(top, graph.value_item, probability)
    answer = np.full(graph.n_items, -1)
    best = np.flatnonzero(probability == top[graph.value_item])
    answer[graph.value_item[best]] = best
    writes = graph.claim_source == graph.n_sources - 1
    written = np.full(graph.n_items, -1)
    written[graph.claim_item[writes]] = graph.claim_value[writes]
    right = answer[disputed] == truth[disputed]
    return np.mean(right), np.mean(written[disputed] == truth[disputed])


def test_reviews_show_a_prolific_writer_the_model_trusts_to_be_wrong_where_it_is_disputed():
    graph, labels, truth, disputed = prolific_writer_world(seed=3)
    writer = graph.n_sources - 1

    estimate = discover_truth(graph, labels=labels)

    # Its 3,000 items alone count only at what its prior expects, and EM still reads it above
    # what its reviews show (70 %) on the items it is disputed on: that count weighs as a few
    # statements against EM's figure.
    assert estimate.source_reliability[writer] < 0.9
    ours, writer_accuracy = disputed_accuracy(graph, estimate, truth, disputed)
    assert writer_accuracy < 0.75
    # Its disputes go to the crowd member more often than not: the writer no longer decides them.
    assert ours > writer_accuracy + 0.05
    assert np.isfinite(estimate.parameters.em_strength)


def test_a_prolific_source_alone_on_most_items_and_losing_its_disputes_is_not_rated_near_certain():
    graph, _, truth, disputed = prolific_writer_world(seed=0)
    writer = graph.n_sources - 1

    estimate = discover_truth(graph)

    # Without a review: its 3,000 items alone vouch for nothing, so the 600 items a crowd member
    # disputes it on decide its figure, and the crowd member (right 70-99 % of the time against
    # the writer's 70 %) wins most of them. Counted as right, they made it 0.998 and every
    # dispute its own.
    assert estimate.source_reliability[writer] < 0.9
    assert estimate.source_evidence[writer] == pytest.approx(600)
    ours, writer_accuracy = disputed_accuracy(graph, estimate, truth, disputed)
    assert ours > writer_accuracy + 0.1


def test_statements_nobody_else_can_check_leave_a_source_at_its_prior():
    graph, _ = crowd_world()
    loner = graph.n_sources
    n_lone = 200
    graph = ClaimGraph(
        n_items=graph.n_items + n_lone,
        n_sources=graph.n_sources + 1,
        value_item=np.r_[graph.value_item, graph.n_items + np.arange(n_lone)],
        claim_source=np.r_[graph.claim_source, np.full(n_lone, loner)],
        claim_value=np.r_[graph.claim_value, graph.n_values + np.arange(n_lone)],
        n_false=np.r_[graph.n_false, np.ones(n_lone)],
    )

    estimate = discover_truth(graph)

    # 200 figures nobody else gives, each the only candidate of its item: the model would call
    # every one right whatever the source is worth. They earn it no record and hold it at the
    # population's mean with the weight of 200 statements.
    assert estimate.source_evidence[loner] == 0
    assert estimate.source_reliability[loner] == pytest.approx(
        estimate.parameters.population_mean, abs=0.01
    )
    assert estimate.source_alpha[loner] + estimate.source_beta[loner] > n_lone
    # What it says is still the answer where nobody says otherwise.
    assert np.all(estimate.value_probability[graph.n_values - n_lone :] == 1.0)


def test_a_yes_no_claim_one_source_makes_still_counts_in_its_record():
    citations = [(0, 0, True), (1, 0, True), (1, 1, True), (2, 0, False), (2, 1, True)]

    estimate = discover_truth(binary_world(citations, 3, 2))

    # "False" is a candidate of claim 0 although nobody says it: the model can find source 0's
    # lone assertion wrong, so it is part of source 0's record.
    assert estimate.source_evidence[0] == pytest.approx(3)
    assert estimate.source_evidence[1] == pytest.approx(2)


def test_disputes_with_a_writer_the_model_trusts_too_far_are_decided_by_its_corrected_figure():
    graph, labels, truth, disputed = prolific_writer_world(seed=0)

    estimate = discover_truth(graph, labels=labels)

    # Inside EM too the writer counts at its figure corrected by its reviews, so a crowd member
    # who disputes it is not marked down for the disputes it wins; with the correction only in
    # the reported posterior, ours is 0.73 against the writer's 0.69 here.
    ours, writer_accuracy = disputed_accuracy(graph, estimate, truth, disputed)
    assert ours > writer_accuracy + 0.08


def test_where_reviews_agree_with_the_model_its_reliabilities_stand():
    graph, truth = crowd_world(seed=4, n_items=300, n_regulars=6, n_crowd=900, regular=(9, 1))
    labels = binary_labels(
        n_statements=len(truth), statement=np.arange(0, 300, 3), is_true=truth[::3]
    )

    estimate = discover_truth(graph, labels=labels)

    assert estimate.parameters.em_strength == np.inf


def labelling_crowd(seed, *, n_items=300, misleading_share=0.0):
    """Binary labels of n_items items by five workers: three right 70 % of the time either way,
    two who over-report class 1 (always 1 when it is true, and 80 % of the time when it is not).
    On a misleading share of the items the three are right only 20 % of the time, all together:
    mistakes the workers' statements cannot tell from an easy item's."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 2, n_items)
    misleading = rng.random(n_items) < misleading_share
    answers = []
    for worker in range(5):
        if worker < 3:
            chance = np.where(misleading, 0.2, 0.7)
            said = np.where(rng.random(n_items) < chance, truth, 1 - truth)
        else:
            said = np.where(truth == 1, 1, (rng.random(n_items) < 0.8).astype(int))
        answers.append(said)
    said = np.stack(answers, axis=1)
    values = {}
    claim_source, claim_value, value_item, value_class = [], [], [], []
    for item in range(n_items):
        for worker in range(5):
            key = (item, int(said[item, worker]))
            if key not in values:
                values[key] = len(value_item)
                value_item.append(item)
                value_class.append(key[1])
            claim_source.append(worker)
            claim_value.append(values[key])
    graph = dict(
        n_items=n_items,
        n_sources=5,
        value_item=np.array(value_item),
        claim_source=np.array(claim_source),
        claim_value=np.array(claim_value),
    )
    truth_value = np.array([values.get((item, int(truth[item])), -1) for item in range(n_items)])
    return graph, np.array(value_class), truth_value


def test_a_worker_who_over_reports_one_class_is_read_through_its_confusion_matrix():
    # One reliability per worker hears the over-reporters' "1" as often as their "0"; their
    # confusion matrices show that a "0" from them is near certain and a "1" says little.
    graph, value_class, truth_value = labelling_crowd(seed=5)
    decided = truth_value >= 0

    one_reliability = discover_truth(ClaimGraph(**graph))
    confusion = discover_truth(ClaimGraph(**graph, value_class=value_class))

    def accuracy(estimate):
        return np.mean(estimate.item_truth[decided] == truth_value[decided])

    assert accuracy(confusion) > accuracy(one_reliability) + 0.05


def test_em_on_a_classed_crowd_converges_and_a_frozen_parameter_rerun_gives_its_answer():
    # EM on crowd labels read through confusion matrices crept for hundreds of iterations and
    # stopped at the cap; a rerun with the learned parameters frozen, as every update of part of
    # the graph is, then gave other probabilities.
    graph, value_class, _ = labelling_crowd(seed=0, misleading_share=0.3)
    graph = ClaimGraph(**graph, value_class=value_class)

    full = discover_truth(graph)
    frozen = discover_truth(graph, parameters=full.parameters)

    assert full.iterations < ModelSettings().max_iterations
    assert np.allclose(frozen.value_probability, full.value_probability, rtol=0, atol=1e-9)


def test_accelerated_em_settles_where_plain_em_does_on_a_classed_crowd():
    graph, value_class, _ = labelling_crowd(seed=1, misleading_share=0.3)
    graph = ClaimGraph(**graph, value_class=value_class)
    learned = discover_truth(graph).parameters

    accelerated = discover_truth(graph, parameters=learned)
    plain = discover_truth(
        graph, parameters=learned, settings=ModelSettings(tolerance=0.0, max_iterations=3000)
    )

    assert accelerated.iterations < plain.iterations
    assert np.allclose(accelerated.value_probability, plain.value_probability, rtol=0, atol=1e-6)


def test_reviews_decide_how_much_confusion_matrix_statements_count():
    # Workers read through confusion matrices on a crowd with misleading items: how sure the
    # unreviewed items should be is what the reviewed ones show, not what the model assumes.
    graph, value_class, truth_value = labelling_crowd(seed=6, n_items=600, misleading_share=0.3)
    graph = ClaimGraph(**graph, value_class=value_class)
    rng = np.random.default_rng(0)
    reviewed = (rng.random(graph.n_items) < 0.5) & (truth_value >= 0)
    labels = np.where(reviewed, truth_value, -1)
    held_out = ~reviewed & (truth_value >= 0)

    fitted = discover_truth(graph, labels=labels)
    weights = fitted.parameters.combination
    temperature = fitted.parameters.temperature
    untouched = discover_truth(
        graph,
        labels=labels,
        parameters=replace(
            fitted.parameters, combination=np.r_[weights[:4], temperature, weights[5:]]
        ),
    )

    def log_loss(estimate):
        return -np.mean(np.log(estimate.value_probability[truth_value[held_out]]))

    assert not np.isclose(weights[4], temperature)
    assert log_loss(fitted) < log_loss(untouched) - 0.05


def test_value_class_must_cover_every_value_of_a_classed_group():
    with pytest.raises(ValueError, match="every value of a classed group"):
        ClaimGraph(
            n_items=1,
            n_sources=1,
            value_item=np.array([0, 0]),
            claim_source=np.array([0]),
            claim_value=np.array([0]),
            value_class=np.array([0, -1]),
        )


def test_confusion_prior_is_weak_only_where_sources_mistakes_have_patterns():
    # Sources x true class x stated class, 50 statements per source and class. Even: every source
    # right 80 % on both classes. Patterned: half the sources always say class 0, half always
    # class 1 (each right half the time). The prior outweighs a source's 50 only in the first.
    even = np.tile(np.array([[40.0, 10.0], [10.0, 40.0]]), (20, 1, 1))
    patterned = np.concatenate(
        [
            np.tile(np.array([[50.0, 0.0], [50.0, 0.0]]), (10, 1, 1)),
            np.tile(np.array([[0.0, 50.0], [0.0, 50.0]]), (10, 1, 1)),
        ]
    )

    even_strength = fit_confusion_strength(even, np.full(20, 0.8))
    patterned_strength = fit_confusion_strength(patterned, np.full(20, 0.5))

    assert even_strength > 50
    assert patterned_strength < 2


def test_classes_whose_mistakes_have_no_pattern_keep_one_reliability_per_source():
    # Five labels, relabelled at random on every item: which class a mistake names says nothing,
    # so the confusion matrices are left out and the estimate is the one-reliability model's.
    rng = np.random.default_rng(3)
    n_items, n_sources, n_labels = 200, 8, 5
    label = np.argsort(rng.random((n_items, n_labels)), axis=1)
    right = rng.random((n_items, n_sources)) < np.linspace(0.5, 0.9, n_sources)
    choice = np.where(right, 0, rng.integers(1, n_labels, (n_items, n_sources)))
    said = label[np.arange(n_items)[:, None], choice]
    value_item = np.repeat(np.arange(n_items), n_labels)
    graph = dict(
        n_items=n_items,
        n_sources=n_sources,
        value_item=value_item,
        claim_source=np.tile(np.arange(n_sources), n_items),
        claim_value=(np.arange(n_items)[:, None] * n_labels + said).ravel(),
    )

    plain = discover_truth(ClaimGraph(**graph))
    classed = discover_truth(ClaimGraph(**graph, value_class=np.tile(np.arange(n_labels), n_items)))

    assert np.all(np.isnan(classed.parameters.class_strength))
    np.testing.assert_allclose(classed.value_probability, plain.value_probability)


def spamming_crowd(seed=0, n_items=300, n_grades=4):
    """Grades 0-3 of n_items items: 60 occasional workers with six grades each and three regulars
    grading every item, all right 60 % of the time with even mistakes, and three regulars who
    answer grade 1 to every item whatever it is (most of a long-tailed crowd's statements come
    from its few regulars)."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, n_grades, n_items)
    workers = [rng.choice(n_items, 6, replace=False) for _ in range(60)]
    workers += [np.arange(n_items)] * 6
    claim_source, claim_value = [], []
    for worker, items in enumerate(workers):
        if worker >= 63:
            said = np.ones(len(items), dtype=np.int64)
        else:
            wrong = (truth[items] + rng.integers(1, n_grades, len(items))) % n_grades
            said = np.where(rng.random(len(items)) < 0.6, truth[items], wrong)
        claim_source += [worker] * len(items)
        claim_value += list(items * n_grades + said)
    graph = ClaimGraph(
        n_items=n_items,
        n_sources=len(workers),
        value_item=np.repeat(np.arange(n_items), n_grades),
        claim_source=np.array(claim_source),
        claim_value=np.array(claim_value),
        value_class=np.tile(np.arange(n_grades), n_items),
    )
    return graph, np.arange(n_items) * n_grades + truth


def test_regulars_who_give_one_answer_whatever_the_truth_are_heard_through_confusion_matrices():
    # One reliability per worker credits a worker who always answers 1 with how often the truth
    # is 1, and three of them outvote everyone else; its confusion matrix shows that its answer
    # says nothing. The choice counts the statements the matrices would be made of, most of them
    # the regulars', not the median worker, who made six.
    graph, truth_value = spamming_crowd()

    estimate = discover_truth(graph)

    assert np.isfinite(estimate.parameters.class_strength).all()
    assert np.mean(estimate.item_truth == truth_value) > 0.6


def test_classes_whose_statements_earn_no_credit_keep_one_reliability():
    graph = ClaimGraph(
        n_items=2,
        n_sources=2,
        value_item=np.array([0, 0, 1, 1]),
        claim_source=np.array([0, 1, 0, 1]),
        claim_value=np.array([0, 1, 2, 2]),
        value_class=np.array([0, 1, 0, 1]),
        credit_weight=np.zeros(4),
    )

    estimate = discover_truth(graph)

    assert estimate.classes is None
    assert estimate.item_truth[1] == 2


def test_the_temperature_reads_a_classed_statement_by_its_sources_matrix_without_it():
    # A worker with one statement has a matrix made of that statement: held out, it is predicted
    # by the matrix's prior alone (its reliability on the diagonal, the rest evenly).
    graph, value_class, _ = labelling_crowd(seed=5)
    graph = ClaimGraph(
        **{
            **graph,
            "n_sources": 6,
            "claim_source": np.r_[graph["claim_source"], 5],
            "claim_value": np.r_[graph["claim_value"], graph["claim_value"][0]],
        },
        value_class=value_class,
    )

    estimate = discover_truth(graph)

    assert np.isfinite(estimate.parameters.class_strength).all()
    reliability = estimate.source_reliability[5]
    # Every value here is a class, and the lone statement, the last, is paired last with each
    # candidate of its item in turn.
    candidates = np.flatnonzero(graph.value_item == graph.claim_item[-1])
    stated = graph.value_class[graph.claim_value[-1]]
    expected = np.where(
        graph.value_class[candidates] == stated, np.log(reliability), np.log1p(-reliability)
    )
    held_out = estimate.classes.pair_log_held_out[-len(candidates) :]
    np.testing.assert_allclose(held_out, expected)


def shared_mistakes_world(seed=0, *, hard_rate=0.35, n_items=400, n_sources=8):
    """Yes/no items: on the easy ones (the last 60 %) every source is right 95 % of the time; on
    the hard ones (the first 40 %) only hard_rate of the time, so there most of them make the same
    mistake. Each source's one reliability is its average, so the statements agree more than
    independent mistakes at those reliabilities would. Returns the graph and the truth."""
    chance = np.where(np.arange(n_items) < 0.4 * n_items, hard_rate, 0.95)
    return world_of_item_difficulty(chance, seed=seed, n_sources=n_sources)


def world_of_item_difficulty(chance, *, seed, n_sources):
    """Yes/no items, every source on every one, right on item i with probability chance[i].
    Returns the graph and the truth."""
    rng = np.random.default_rng(seed)
    n_items = len(chance)
    truth = rng.random(n_items) < 0.5
    right = rng.random((n_sources, n_items)) < chance
    graph = binary_graph(
        n_statements=n_items,
        n_sources=n_sources,
        statement=np.tile(np.arange(n_items), n_sources),
        source=np.repeat(np.arange(n_sources), n_items),
        asserts=(right == truth).ravel(),
    )
    return graph, truth


def truth_log_loss(estimate, truth):
    right = np.where(truth, estimate.value_probability[0::2], estimate.value_probability[1::2])
    return float(-np.log(np.clip(right, 1e-3, 1.0)).mean())


def test_mistakes_sources_share_make_the_posterior_less_sure_without_changing_the_answer():
    graph, truth = shared_mistakes_world()

    estimate = discover_truth(graph)
    # The same model with its other parameters, reading the statements as independent mistakes.
    independent = discover_truth(
        graph, parameters=replace(estimate.parameters, excess_agreement=0.0)
    )

    assert estimate.parameters.excess_agreement > 0
    says_true = estimate.value_probability[0::2] > 0.5
    assert np.array_equal(says_true, independent.value_probability[0::2] > 0.5)
    # Where the shared mistake wins, the sources that make it together no longer make it near
    # certain; every answer is less sure, and the truth more probable on average.
    wrong = says_true != truth
    assert wrong.any()
    sure = np.maximum(estimate.value_probability[0::2], estimate.value_probability[1::2])
    sure_independent = np.maximum(
        independent.value_probability[0::2], independent.value_probability[1::2]
    )
    assert np.all(sure <= sure_independent + 1e-12)
    assert np.median(sure[wrong]) < np.median(sure_independent[wrong]) - 0.05
    assert truth_log_loss(estimate, truth) < truth_log_loss(independent, truth) - 0.05


def test_independent_mistakes_learn_no_excess_agreement():
    graph, _ = shared_mistakes_world(hard_rate=0.95)

    assert discover_truth(graph).parameters.excess_agreement == 0.0


def test_reviews_calibrate_the_posterior_instead_of_the_excess_agreement():
    graph, truth = shared_mistakes_world()
    reviewed = np.arange(0, graph.n_items, 5)
    labels = binary_labels(n_statements=graph.n_items, statement=reviewed, is_true=truth[reviewed])

    assert discover_truth(graph, labels=labels).parameters.excess_agreement == 0.0


def test_frozen_excess_agreement_gives_the_numbers_of_the_run_that_learned_it():
    graph, _ = shared_mistakes_world()

    estimate = discover_truth(graph)
    frozen = discover_truth(graph, parameters=estimate.parameters)

    assert np.allclose(frozen.value_probability, estimate.value_probability)
    assert np.allclose(frozen.claim_log_odds, estimate.claim_log_odds)
