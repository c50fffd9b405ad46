"""A head of state or government referred to by office ("the Pakistani leader", "the president")
is the one person the article has named with that title, and is left as written, with a note, when
there is none or more than one. The sentences are written for these tests."""

from datetime import UTC, datetime

from intake.extraction import extract_claims


def extract(text):
    return extract_claims(text, outlet="Reuters", published_at=datetime(2024, 12, 7, 9, tzinfo=UTC))


def test_the_leader_is_the_one_head_of_state_named_before():
    claims = extract(
        "A spokesman for President Amos Kerr denied reports that the Malian leader had fled Mali."
    )
    assert [(claim.text, claim.stance) for claim in claims] == [
        ("Amos Kerr had fled Mali", "denies")
    ]
    assert claims[0].notes == []


def test_the_president_is_left_as_written_when_two_presidents_are_named():
    claims = extract(
        "President Amos Kerr met President Lena Dorr in Kessa on Monday. The army said the "
        "president had ordered the withdrawal from Tarvo."
    )
    assert claims[-1].text == "The president had ordered the withdrawal from Tarvo"
    assert '"the president" left as written' in claims[-1].notes[0]


def test_a_former_or_deputy_office_holder_is_not_the_leader():
    claims = extract(
        "Former President Amos Kerr and Vice President Lena Dorr visited Kessa. The army said the "
        "president had ordered the withdrawal from Tarvo."
    )
    assert claims[-1].text == "The president had ordered the withdrawal from Tarvo"


def test_the_prime_minister_is_not_taken_for_the_president():
    claims = extract(
        "Prime Minister Amos Kerr arrived in Kessa. The army said the president had ordered the "
        "withdrawal from Tarvo."
    )
    assert claims[-1].text == "The president had ordered the withdrawal from Tarvo"
