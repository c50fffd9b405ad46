"""A participle of denial hung on what the sentence reports ("..., an account dismissed on Tuesday
as \"ridiculous and unfounded\" by the government"): whoever it names with "by" denies each
statement of the sentence, also where the small model hangs the "by" on the verdict's adjective.
A "by" on a noun of the verdict ("a ploy by the army") names no denier. The sentences are written
for these tests."""

from intake.extraction.frames import relative_denials
from intake.nlp import parse
from tests.intake.proposals import by_speaker


def test_an_account_dismissed_by_the_government_is_its_denial_of_each_statement():
    claims = by_speaker(
        "Kavela rebels said they had taken control of a town on the Ostravan border and killed "
        '14 soldiers in the fighting, an account dismissed on Tuesday as "ridiculous and '
        'unfounded" by the government.'
    )

    denied = {text for source, text, stance in claims if stance == "denies"}
    assert denied == {
        "Kavela rebels had taken control of a town on the Ostravan border",
        "Kavela rebels killed 14 soldiers in the fighting",
    }
    assert all(source != "Kavela rebels" for source, text, stance in claims if stance == "denies")


def test_a_by_phrase_on_a_noun_of_the_verdict_names_no_denier():
    assert (
        relative_denials(
            parse(
                "The rebels said they had taken the town, a claim dismissed as a ploy by the army."
            )
        )
        == []
    )
