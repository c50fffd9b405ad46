"""Relays and denials read off the parse: the medium that carried a statement relays it ("said in
a statement carried by X", "said on its X radio station"); a speech verb that reports another
speaker's frame set before it relays that frame ("X said S, the PTI reported"); the one "cited" /
"quoted" / "reported ... as saying" is the speaker and the one citing the relay (in the passive,
and with what was said first), as is a broadcaster told or spoken to; a denial
noun the verb takes denies its clause ("reiterated a denial that S"); "neither A nor B" denies A
and B, "had nothing to do with" denies having something to do with; the "they" of a denied claim
is its claimant's; a dateline is no part of a speaker's name, nor is an adjective after a country's
possessive, and "the official" is someone. The sentences are written for these tests."""

from intake.extraction import extract_claims
from intake.extraction.clauses import neither_nor
from intake.extraction.frames import statement_medium
from intake.extraction.names import SourceResolver
from intake.nlp import parse
from tests.intake.proposals import PUBLISHED


def relayed(text, outlet="Reuters"):
    return [
        (claim.text, claim.source.name, claim.stance, claim.via)
        for claim in extract_claims(text, outlet=outlet, published_at=PUBLISHED)
    ]


def test_a_statement_carried_by_a_named_agency_is_relayed_by_it():
    claims = relayed(
        '"The president is working from the capital Norgrad," the presidency said in a '
        "statement carried by the official NNT news agency."
    )
    assert claims == [
        ("The president is working from the capital Norgrad", "presidency", "asserts", "NNT")
    ]


def test_a_statement_broadcast_on_a_station_set_before_the_speaker_is_relayed_by_it():
    claims = relayed(
        "In a statement broadcast on its Radio Tarvo station, the Tarvo Front said 30 soldiers "
        "had been killed in the fighting."
    )
    assert claims == [
        ("30 soldiers had been killed in the fighting", "Tarvo Front", "asserts", "Radio Tarvo")
    ]


def test_saying_it_on_a_named_radio_station_makes_the_station_the_relay():
    claims = relayed(
        "The Tarvo Front said on its Tarvo radio station that its fighters had seized the town "
        "of Kessel."
    )
    assert [via for *_, via in claims] == ["Tarvo"]


def test_a_platform_a_day_an_author_or_a_name_inside_the_clause_is_no_medium():
    for text in (
        "General Alu Tarvo wrote on Telegram that his troops had retaken Kessel",
        "The ministry said in a statement on Sunday that it had repelled the attack",
        "In a message posted by its Northern Command, the Tarvo Front said it had seized Kessel",
        "The spokesman said in a statement that the rumours spread by the Tarvo Front were false",
        "The Tarvo Front said on its TV station that it had seized Kessel",
    ):
        verb = next(token for token in parse(text) if token.lower_ in {"wrote", "said"})
        assert statement_medium(verb) == ""


def test_a_speakers_frame_reported_by_an_outlet_is_relayed_by_the_outlet():
    claims = relayed(
        "The Norland army said its troops had withdrawn from the border town of Kessel, the NNT "
        "reported."
    )
    assert claims == [
        (
            "Norland army's troops had withdrawn from the border town of Kessel",
            "Norland army",
            "asserts",
            "NNT",
        )
    ]


def test_a_reiterated_denial_denies_its_clause_and_is_never_an_assertion():
    claims = relayed(
        "The Tarvo Front reiterated a denial on Thursday that it carried out a missile attack "
        "on a Norland navy ship, the NNT reported."
    )
    assert claims == [
        (
            "Tarvo Front carried out a missile attack on a Norland navy ship",
            "Tarvo Front",
            "denies",
            "NNT",
        )
    ]


def test_the_source_cited_as_saying_is_the_speaker_and_the_citer_the_relay():
    claims = relayed(
        "The Norland Times cited a security source as saying the strikes hit a depot near Kessel."
    )
    assert claims == [
        ("The strikes hit a depot near Kessel", "security source", "asserts", "Norland Times")
    ]


def test_a_quote_reported_as_said_by_a_source_is_the_sources():
    claims = relayed(
        '"Our fighters have taken the airport of Kessel," the NNT reported a military source '
        "as saying."
    )
    assert [(source, via) for _, source, _, via in claims] == [("military source", "NNT")]


def test_a_dateline_without_a_dash_is_no_part_of_the_speakers_name():
    resolver = SourceResolver()
    resolver.sources = []
    source = resolver._resolve_source("NORGRAD Oct 13 Norland's Tarvo Front")
    assert source is not None and source.name == "Norland's Tarvo Front"


def test_an_adjective_after_a_countrys_possessive_describes_the_name():
    claims = relayed(
        "Norland's dominant Tarvo movement said its fighters had entered the town of Kessel."
    )
    assert [source for _, source, _, _ in claims] == ["Tarvo movement"]


def test_neither_nor_denies_each_predicate_and_a_left_open_preposition_takes_the_object():
    claims = relayed(
        "The Norland army said it was neither involved in nor supported any activities of the "
        "Tarvo Front."
    )
    assert [(text, stance) for text, _, stance, _ in claims] == [
        ("Norland army was involved in activities of the Tarvo Front", "denies"),
        ("Norland army supported activities of the Tarvo Front", "denies"),
    ]
    assert neither_nor(
        "The force is neither involved in nor supports any activities of the group"
    ) == [
        "The force is involved in activities of the group",
        "The force supports activities of the group",
    ]


def test_neither_nor_under_a_denial_is_not_proposed_as_an_assertion():
    claims = relayed(
        "The Norland army denied that its troops had neither withdrawn from Kessel nor lost men."
    )
    assert all(stance != "asserts" for _, _, stance, _ in claims)


def test_neither_confirming_nor_denying_states_nothing():
    assert neither_nor("The army neither confirmed nor denied the reports") == []


def test_the_official_named_before_speaks_again_as_the_official():
    claims = relayed(
        "A Norland official, speaking on condition of anonymity, said the Tarvo Front had fired "
        "at the ship. The official added that Norland forces were not in the area at the time."
    )
    assert claims[-1][:3] == (
        "Norland forces were in the area at the time",
        "Norland official",
        "denies",
    )


def test_a_description_by_who_backs_a_group_points_back_at_the_group_named_before():
    claims = relayed(
        "Norland's Tarvo movement said it had fired at the ship. The Kessia-allied movement said "
        "the attacks did not come from areas under its control."
    )
    assert claims[0][1] == "Norland's Tarvo movement"
    assert claims[-1][1:3] == ("Norland's Tarvo movement", "denies")


def test_a_description_by_who_backs_a_group_stays_as_written_when_nothing_fits():
    claims = relayed("The Kessia-led coalition said it had shot down six drones over Norgrad.")
    assert claims[0][1] == "Kessia-led coalition"


def test_the_pronoun_in_a_denied_claim_is_the_claimants_not_the_deniers():
    claims = relayed("The Norland army denied the rebels' claims that they had captured Kessel.")
    assert [claim[:3] for claim in claims] == [
        ("The rebels had captured Kessel", "Norland army", "denies")
    ]


def test_nothing_to_do_with_an_attack_denies_having_something_to_do_with_it():
    claims = relayed("The Norland army said it had nothing to do with the attack on Kessel market.")
    assert [claim[:3] for claim in claims] == [
        (
            "Norland army had something to do with the attack on Kessel market",
            "Norland army",
            "denies",
        )
    ]


def test_the_one_quoted_by_an_agency_in_the_passive_is_the_speaker_and_the_agency_the_relay():
    claims = relayed(
        "General Alu Tarvo was quoted by NNT as saying that his troops had retaken Kessel."
    )
    assert claims == [("Alu Tarvo's troops had retaken Kessel", "Alu Tarvo", "asserts", "NNT")]


def test_a_statement_before_the_agency_that_quoted_its_speaker_is_the_speakers():
    claims = relayed("The rebels had retaken Kessel, NNT quoted a military source as saying.")
    assert claims == [("The rebels had retaken Kessel", "military source", "asserts", "NNT")]


def test_the_name_of_a_quoting_agency_is_the_relay_not_its_description():
    claims = relayed(
        "The state news agency NNT quoted a military source as saying the rebels had retaken "
        "Kessel."
    )
    assert [via for *_, via in claims] == ["NNT"]


def test_a_broadcaster_told_or_spoken_to_is_the_relay_and_an_audience_is_not():
    told = relayed(
        "General Alu Tarvo told state broadcaster NTV that his troops had retaken Kessel."
    )
    spoken = relayed("Speaking to the BBC, General Alu Tarvo said his troops had retaken Kessel.")
    audience = relayed("Speaking to Parliament, the minister said the troops had retaken Kessel.")
    assert [claim[3] for claim in told + spoken + audience] == ["NTV", "BBC", "Reuters"]


def test_a_relay_set_between_a_denial_verb_and_its_clause_relays_the_denial():
    claims = relayed(
        "The Tarvian militia denied on Sunday, quoted by the Norgrad Herald, that it had "
        "mined the road to Kesso.",
        outlet="Valdan Wire",
    )
    assert claims == [
        (
            "Tarvian militia had mined the road to Kesso",
            "Tarvian militia",
            "denies",
            "Norgrad Herald",
        )
    ]
