"""Latent classes beyond a crowd's labels, chosen by the likelihood of held-out items."""

import numpy as np

from reliability import latent_classes
from reliability.latent_classes import Crowd, LatentFit, choose_extra_classes, fit_chain
from reliability.truth_discovery import ClaimGraph, binary_graph, binary_labels, discover_truth


def crowd_graph(truth, said_by_worker):
    """A binary crowd graph from each worker's answers (-1 where it did not answer)."""
    values = {}
    claim_source, claim_value, value_item, value_class = [], [], [], []
    for worker, said in enumerate(said_by_worker):
        for item in np.flatnonzero(said >= 0):
            key = (int(item), int(said[item]))
            if key not in values:
                values[key] = len(value_item)
                value_item.append(key[0])
                value_class.append(key[1])
            claim_source.append(worker)
            claim_value.append(values[key])
    graph = ClaimGraph(
        n_items=len(truth),
        n_sources=len(said_by_worker),
        value_item=np.array(value_item),
        claim_source=np.array(claim_source),
        claim_value=np.array(claim_value),
        value_class=np.array(value_class),
    )
    truth_value = np.array([values.get((item, int(t)), -1) for item, t in enumerate(truth)])
    return graph, truth_value


def clique_crowd(seed, n_items=300, n_careful=12):
    """Mostly "0" items. Three regulars answer every item, right 90 % of the time, except on a
    trap: a third of the "0" items, on which all three say "1" together. Twelve careful workers
    each answer half the items, right 80 % of the time whatever the item."""
    rng = np.random.default_rng(seed)
    truth = (rng.random(n_items) < 0.3).astype(int)
    trap = (truth == 0) & (rng.random(n_items) < 0.3)
    said_by_worker = []
    for worker in range(3 + n_careful):
        if worker < 3:
            right = ~trap & (rng.random(n_items) < 0.9)
            answers = np.ones(n_items, dtype=bool)
        else:
            right = rng.random(n_items) < 0.8
            answers = rng.random(n_items) < 0.5
        said = np.where(right, truth, 1 - truth)
        said_by_worker.append(np.where(answers, said, -1))
    return crowd_graph(truth, said_by_worker)


def independent_crowd(seed, n_items=300, n_workers=8):
    """Workers whose mistakes are independent given the truth (each with its own accuracy)."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 2, n_items)
    said_by_worker = []
    for accuracy in np.linspace(0.6, 0.9, n_workers):
        said = np.where(rng.random(n_items) < accuracy, truth, 1 - truth)
        said_by_worker.append(np.where(rng.random(n_items) < 0.7, said, -1))
    return crowd_graph(truth, said_by_worker)


def accuracy_of(fit, crowd, graph, truth_value):
    truth_class = graph.value_class[truth_value[crowd.items]]
    return np.mean(fit.label_posterior(crowd.n_classes).argmax(axis=1) == truth_class)


def test_mistakes_independent_given_the_truth_ask_for_no_latent_class():
    graph, _ = independent_crowd(seed=0)

    estimate = discover_truth(graph)

    assert choose_extra_classes(Crowd.of(graph, 0)) == 0
    assert np.all(estimate.parameters.latent_classes == 0)


def test_a_clique_that_errs_together_gets_a_latent_class_of_its_own():
    # The trap items are told apart from true "1"s by the careful workers' "0"s there; the
    # held-out items ask for the class, and with it fewer trap items are read "1".
    graph, truth_value = clique_crowd(seed=1)
    crowd = Crowd.of(graph, 0)

    extra = choose_extra_classes(crowd)
    chain = fit_chain(crowd, max(extra, 1))

    assert extra >= 1
    assert accuracy_of(chain[1], crowd, graph, truth_value) > accuracy_of(
        chain[0], crowd, graph, truth_value
    )


def test_an_added_class_reads_as_the_label_most_workers_give_not_a_prolific_cliques():
    # Three regulars say "1" on all of the class's 50 items; twenty occasional workers say "0" on
    # eight of their ten. A worker weighs about the log of its answers, not their number, so the
    # class reads "0" (by the answers' count it would read "1": 150 against 160 + 40).
    counts = np.zeros((23, 3, 2))
    counts[:3, 2, 1] = 50.0
    counts[3:, 2] = [8.0, 2.0]
    fit = LatentFit(
        label=np.array([0, 1, 0]),
        posterior=np.zeros((0, 3)),
        log_confusion=np.zeros((23, 3, 2)),
        log_frequency=np.zeros(3),
        reliability=np.full(23, 0.8),
        strength=4.0,
        counts=counts,
        objective=0.0,
    )

    assert latent_classes._label_of(fit, 2, 2) == 0


def test_reviewed_items_keep_their_verdict_where_a_latent_class_is_read():
    graph, truth_value = clique_crowd(seed=1)
    reviewed = (np.arange(graph.n_items) % 5 == 0) & (truth_value >= 0)
    labels = np.where(reviewed, truth_value, -1)

    estimate = discover_truth(graph, labels=labels)

    assert np.all(estimate.value_probability[labels[reviewed]] == 1.0)
    assert np.all(estimate.item_truth[reviewed] == labels[reviewed])


def test_graphs_without_classes_learn_no_latent_classes():
    graph = binary_graph(
        n_statements=2,
        n_sources=3,
        statement=np.array([0, 0, 1, 1]),
        source=np.array([0, 1, 1, 2]),
        asserts=np.array([True, True, False, True]),
    )
    labels = binary_labels(n_statements=2, statement=np.array([0]), is_true=np.array([True]))

    assert len(discover_truth(graph).parameters.latent_classes) == 0
    assert len(discover_truth(graph, labels=labels).parameters.latent_classes) == 0
