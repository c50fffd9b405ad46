"""The matcher's weighing of evidence, learned from the development labels
(bench/matching_fit.py)."""

from intake.similarity import (
    NameAliases,
    Statement,
    Weights,
    choose_match,
    compare,
    decide_match,
)


def test_a_statement_leaving_out_details_of_the_known_claim_still_matches_it():
    decision = decide_match(
        "The militia killed 12 police officers in the clashes",
        denies=False,
        candidates=[("tarim-12", "Kavela militia fighters killed 12 police officers in Tarim")],
    )

    assert (decision.claim_id, decision.relation) == ("tarim-12", "same")


def test_another_place_where_the_known_claim_names_one_is_not_the_same_claim():
    decision = decide_match(
        "The Kavela Front captured Dorne",
        denies=False,
        candidates=[("tarim", "The Kavela Front has captured Tarim")],
    )

    assert decision.relation == "new"


def test_another_number_where_the_known_claim_gives_one_is_not_the_same_claim():
    decision = decide_match(
        "40 civilians were killed in the shelling of Tarim",
        denies=False,
        candidates=[("tarim-25", "25 civilians were killed in the shelling of Tarim")],
    )

    assert decision.relation == "new"


def test_the_same_number_counting_other_things_is_not_the_same_claim():
    decision = decide_match(
        "Three militants were killed in Tarim on Sunday",
        denies=False,
        candidates=[("tarim-3", "Three police officers were killed in Tarim")],
    )

    assert decision.relation == "new"


def test_a_conflict_is_ruled_out_whatever_the_weights():
    comparison = compare(Statement.of("The Kavela Front captured Dorne"), "Kavela Front took Tarim")
    lenient = Weights(recall_beta=1.0, missing_name=1.0, missing_subject=1.0, missing_predicate=1.0)

    assert comparison.evidence.conflict
    assert comparison.evidence.score(lenient) == 0.0


def test_the_threshold_and_weights_are_parameters_of_the_decision():
    statement = Statement.of("The militia killed 12 police officers")
    comparisons = [("tarim-12", compare(statement, "Kavela militia killed 12 police officers"))]

    assert choose_match(comparisons, denies=False).relation == "same"
    assert choose_match(comparisons, denies=True).relation == "contradicts"
    assert choose_match(comparisons, denies=False, threshold=1.01).relation == "new"


def test_an_armed_force_named_by_its_acronym_says_the_country_its_name_holds():
    aliases = NameAliases([["Chadian army", "Chad Defence Force", "CDF"]])
    decision = decide_match(
        "The CDF carried out a strike on the Tarim market",
        denies=False,
        candidates=[
            ("sudanese-strike", "A Sudanese strike hit the Tarim market"),
            ("chadian-strike", "A Chadian strike hit the Tarim market"),
        ],
        aliases=aliases,
    )

    assert (decision.claim_id, decision.relation) == ("chadian-strike", "same")
