"""A denial that points back by naming whose statement it rejects ("denied Russian accusations",
"rejected the Arakan Army's claims", "denied all claims made by the Indian Army", "rejected that
version of events"): the named claimant's statement is denied, also when it lies further back than
the two sentences a bare "the claims" reaches; when it is not clear which statement is meant, or
the claimant said nothing, nothing is proposed. The sentences are written for these tests."""

from tests.intake.proposals import by_speaker


def test_accusations_named_by_the_claimants_country_deny_that_claimants_statement():
    claims = by_speaker(
        "Russia's FSB security service said a shell fired from Ukrainian territory had destroyed "
        "a border guard post. Kyiv's foreign ministry said the talks would resume in May. "
        "However, Ukraine has denied Russian accusations."
    )

    assert (
        "Ukraine",
        "A shell fired from Ukrainian territory had destroyed a border guard post",
        "denies",
    ) in claims
    # Only the Russian statement: the ministry's is not an accusation of Russia's.
    assert [text for source, text, stance in claims if source == "Ukraine"] == [
        "A shell fired from Ukrainian territory had destroyed a border guard post"
    ]


def test_claims_named_by_their_claimant_deny_its_statement_and_not_another_speakers():
    claims = by_speaker(
        "The Arakan Army said its fighters had captured the town of Ann. "
        "The Israeli military said its jets struck a depot in Tyre. "
        "The Myanmar military rejected the Arakan Army's claims."
    )

    assert (
        "Myanmar military",
        "Arakan Army's fighters had captured the town of Ann",
        "denies",
    ) in claims
    assert not any(
        source == "Myanmar military" and "Tyre" in text for source, text, stance in claims
    )


def test_claims_made_by_a_named_claimant_four_sentences_back_are_denied():
    claims = by_speaker(
        "The Indian Army said it had carried out fire assaults on posts along the LoC. "
        "Narula said damage was caused. "
        "The minister said the town was calm. "
        "Villagers said shops were shut. "
        "However, Pakistan's military denied all claims made by the Indian Army."
    )

    assert (
        "Pakistan's military",
        "Indian Army had carried out fire assaults on posts along the LoC",
        "denies",
    ) in claims
    assert [text for source, text, stance in claims if stance == "denies"] == [
        "Indian Army had carried out fire assaults on posts along the LoC"
    ]


def test_that_version_of_events_denies_the_one_statement_before_it():
    claims = by_speaker(
        "Syrian rebels said on Thursday they had recaptured Saraqeb. "
        "The Russian military source rejected that version of events however and said "
        "government forces had repelled a rebel attack."
    )

    assert ("Russian military source", "Syrian rebels had recaptured Saraqeb", "denies") in claims
    assert (
        "Russian military source",
        "Government forces had repelled a rebel attack",
        "asserts",
    ) in claims


def test_a_singular_claim_of_a_claimant_who_said_two_things_is_left_unread():
    claims = by_speaker(
        "The Indian Army said it had carried out fire assaults on posts along the LoC and "
        "destroyed a bunker. Pakistan's military denied the Indian claim."
    )

    assert not any(source == "Pakistan's military" for source, text, stance in claims)


def test_a_named_claimant_who_said_nothing_leaves_the_denial_unread():
    claims = by_speaker(
        "The Arakan Army said its fighters had captured the town of Ann. "
        "The Myanmar military rejected the Chinese claims."
    )

    assert not any(source == "Myanmar military" for source, text, stance in claims)


def test_rejecting_a_claimants_version_that_was_itself_a_denial_is_not_read_as_a_denial():
    claims = by_speaker(
        "The Arakan Army denied that its fighters had shelled the market in Ann. "
        "The Myanmar military rejected the Arakan Army's version."
    )

    assert not any(source == "Myanmar military" for source, text, stance in claims)


def test_a_clause_of_another_subject_after_the_denial_is_read_on_its_own():
    claims = by_speaker(
        "Russia's FSB security service said a shell fired from Ukrainian territory had destroyed "
        "a border guard post. However, Ukraine has denied Russian accusations and the country's "
        "foreign minister, Dmytro Kuleba, tweeted at Russia on Monday. "
        "He added that Ukraine did not attack Donetsk."
    )

    assert (
        "Ukraine",
        "A shell fired from Ukrainian territory had destroyed a border guard post",
        "denies",
    ) in claims
    assert not any("tweeted" in text for source, text, stance in claims)
    # The minister, read in his own clause, is whom the next sentence's "He" means.
    assert ("Dmytro Kuleba", "Ukraine attacked Donetsk", "denies") in claims


def test_a_denial_pointing_back_followed_by_another_speaker_who_confirmed_reads_both():
    claims = by_speaker(
        "Rebels seized Sam-Ouandja on Saturday, rebel spokesman Abakar Saboune told The "
        "Associated Press. Government spokesman Cyriaque Gonda denied the claim, but an army "
        "major in the capital confirmed rebels were in control of Sam-Ouandja."
    )

    assert ("Cyriaque Gonda", "Rebels seized Sam-Ouandja on Saturday", "denies") in claims


def test_a_named_claimant_is_preferred_to_what_the_denier_denied_before():
    claims = by_speaker(
        "Ukraine on Monday dismissed Russian accusations that it attacked two separatist "
        "enclaves. Russia's FSB security service said a shell fired from Ukrainian territory had "
        "destroyed a border guard post. However, Ukraine has denied Russian accusations."
    )

    assert (
        "Ukraine",
        "A shell fired from Ukrainian territory had destroyed a border guard post",
        "denies",
    ) in claims


def test_rejecting_the_claims_of_a_claimant_who_had_denied_is_not_read_as_a_denial():
    for between in ["", "The minister said the town was calm. The governor said shops were shut. "]:
        claims = by_speaker(
            "The Arakan Army denied that its fighters had shelled the market in Ann. "
            f"{between}The Myanmar military rejected the Arakan Army's claims."
        )

        assert not any(source == "Myanmar military" for source, text, stance in claims)
