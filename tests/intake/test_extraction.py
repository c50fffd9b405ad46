"""The extraction engine and matcher on their own: no database."""

from datetime import UTC, date, datetime

import pytest
import yaml

from intake.extraction import article_name_aliases, extract_claims
from intake.similarity import NameAliases, decide_match
from tests.conftest import INTAKE_DATA
from tests.intake_data import seed_dir

PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)
KNOWN = list(yaml.safe_load((INTAKE_DATA / "known_claims.yaml").read_text()).items())
SOURCE_GROUPS = [
    [e["name"], *e.get("aliases", [])]
    for e in yaml.safe_load((INTAKE_DATA / "known_sources.yaml").read_text())
]


def extract(text, outlet="Reuters"):
    return extract_claims(text, outlet=outlet, published_at=PUBLISHED)


def only(text, outlet="Reuters"):
    [claim] = extract(text, outlet)
    return claim


def test_seed_article_yields_each_demo_claim_with_source_stance_and_relation():
    text = (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()
    aliases = NameAliases(SOURCE_GROUPS + article_name_aliases(text))
    found = set()
    for claim in extract(text, outlet="Example News"):
        decision = decide_match(
            claim.text,
            denies=claim.stance == "denies",
            candidates=KNOWN,
            context=[claim.source.name, claim.source.parent],
            aliases=aliases,
        )
        found.add(
            (decision.claim_id, claim.source.name, claim.stance, decision.relation, claim.via)
        )

    assert ("demo-1", "Syrian state media", "asserts", "same", "Example News") in found
    assert ("demo-2", "Syrian state media", "denies", "contradicts", "Example News") in found
    assert (
        "demo-3",
        "Syrian Observatory for Human Rights",
        "asserts",
        "same",
        "Example News",
    ) in found
    assert ("demo-3", "Rami Abdel Rahman", "asserts", "same", "Example News") in found
    assert (
        "demo-4",
        "Syrian Observatory for Human Rights",
        "asserts",
        "same",
        "Example News",
    ) in found
    assert ("demo-5", "Example News", "asserts", "same", "") in found
    assert ("demo-6", "Example News", "asserts", "same", "") in found
    assert ("demo-7", "Example News", "asserts", "same", "") in found
    assert ("demo-8", "Abu Mohammed al-Golani", "asserts", "same", "CNN") in found


def test_seed_article_leaves_analysis_and_conditionals_out():
    text = (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()
    statements = " ".join(c.text for c in extract(text, outlet="Example News"))

    assert "If the rebels" not in statements and "could determine" not in statements
    assert "appears increasingly tenuous" not in statements


def test_person_speaking_for_an_organisation_is_the_source_with_the_organisation_as_parent():
    claim = only(
        "Rami Abdel Rahman, head of SOHR, confirmed that regime forces pulled out of towns "
        "near Damascus."
    )

    assert (claim.source.name, claim.source.kind, claim.source.parent) == (
        "Rami Abdel Rahman",
        "person",
        "SOHR",
    )


@pytest.mark.parametrize(
    ("sentence", "source", "stance", "statement"),
    [
        (
            (
                "According to the Syrian Observatory for Human Rights, rebels captured Daraa on "
                "Friday."
            ),
            "Syrian Observatory for Human Rights",
            "asserts",
            "Rebels captured Daraa on Friday",
        ),
        (
            (
                "Rebels captured Daraa on Friday, according to the Syrian Observatory for Human "
                "Rights."
            ),
            "Syrian Observatory for Human Rights",
            "asserts",
            "Rebels captured Daraa on Friday",
        ),
        (
            (
                "Iran has begun evacuating its personnel from Syria, three regional officials "
                "said Friday."
            ),
            "regional officials",
            "asserts",
            "Iran has begun evacuating its personnel from Syria",
        ),
        (
            "The Syrian army denied that its troops had retreated from Hama.",
            "Syrian army",
            "denies",
            "Syrian army's troops had retreated from Hama",
        ),
        (
            "Turkish Foreign Minister Hakan Fidan said Ankara was not involved in the offensive.",
            "Hakan Fidan",
            "denies",
            "Ankara was involved in the offensive",
        ),
        (
            (
                '"Our forces have liberated Rastan and are at the gates of Homs," the rebel '
                "command said."
            ),
            "rebel command",
            "asserts",
            "Rebel command's forces have liberated Rastan and are at the gates of Homs",
        ),
        (
            (
                "It was announced by the Syrian Observatory for Human Rights that rebels had "
                "reached Daraa."
            ),
            "Syrian Observatory for Human Rights",
            "asserts",
            "Rebels had reached Daraa",
        ),
        (
            (
                "A Russian foreign ministry spokeswoman said it was not true that Moscow had "
                "evacuated its embassy."
            ),
            "Russian foreign ministry spokeswoman",
            "denies",
            "Moscow had evacuated its embassy",
        ),
        (
            (
                "The interior ministry said reports of police deserting their posts in Latakia "
                'were "baseless".'
            ),
            "interior ministry",
            "denies",
            "Police deserted their posts in Latakia",
        ),
        (
            "Rebels have reached the gates of Homs, an opposition commander said in a statement on "
            "Thursday, "
            "days after the fall of Hama.",
            "opposition commander",
            "asserts",
            "Rebels have reached the gates of Homs",
        ),
    ],
)
def test_attribution_forms(sentence, source, stance, statement):
    claim = only(sentence)

    assert (claim.source.name, claim.stance, claim.text) == (source, stance, statement)


def test_told_an_outlet_makes_it_the_relay():
    claim = only(
        "The monitor's head, Rami Abdel Rahman, told AFP that Iranian advisers were leaving Syria."
    )

    assert claim.via == "AFP" and claim.source.name == "Rami Abdel Rahman"


def test_quoted_by_an_agency_makes_it_the_relay():
    claim = only("The Kremlin, quoted by the RIA news agency, said Assad had arrived in Moscow.")

    assert claim.via == "RIA news agency" and claim.source.name == "Kremlin"


def test_he_said_after_a_quote_resolves_to_the_last_person_named():
    claims = extract(
        "Iran's Foreign Ministry spokesman Esmail Baghaei insisted that the advisers remained in "
        "Syria. "
        '"Our advisers are still there and will stay," he told reporters in Tehran.'
    )

    assert [c.source.name for c in claims] == ["Esmail Baghaei", "Esmail Baghaei"]


def test_continuation_keeps_the_speaker_and_takes_its_own_stance():
    claims = extract(
        "Syrian state media dismissed rumors that Assad had fled the country, insisting he "
        "remains in Damascus."
    )

    assert [(c.text, c.stance) for c in claims] == [
        ("Assad had fled Syria", "denies"),
        ("Assad remains in Damascus", "asserts"),
    ]


def test_month_day_without_year_takes_the_year_of_publication():
    claim = only("The insurgents launched their offensive on Nov. 27, the group said.")

    assert claim.about == date(2024, 11, 27) and "27 November 2024" in claim.text


def test_weekday_is_the_most_recent_one_before_publication():
    claim = only("Rebels entered the city of Hama on Thursday, the Observatory said.")

    assert claim.about == date(2024, 12, 5)


@pytest.mark.parametrize(
    ("published_at", "sentence"),
    [
        # 29 February after publication would be in the year before, which has none.
        (
            datetime(2024, 2, 28, tzinfo=UTC),
            "Rebels entered Hama on 29 February, the Observatory said.",
        ),
        (datetime(1, 1, 1, tzinfo=UTC), "Rebels entered Hama on 5 March, the Observatory said."),
        (datetime(1, 1, 1, tzinfo=UTC), "Rebels entered Hama on Tuesday, the Observatory said."),
    ],
)
def test_a_day_that_cannot_be_placed_leaves_the_claim_without_a_time(published_at, sentence):
    [claim] = extract_claims(sentence, outlet="Reuters", published_at=published_at)

    assert claim.about is None and claim.text.startswith("Rebels entered Hama")


def test_headlines_questions_and_first_person_intentions_are_not_claims():
    text = (
        "Rebels Seize Key Cities\n"
        "Will Damascus fall next?\n"
        '"We will not allow any hostile force on our border," Netanyahu said.'
    )

    assert extract(text) == []


def test_paraphrase_matches_the_known_claim_and_a_near_miss_does_not():
    assert (
        decide_match(
            "Hezbollah sent 2,000 fighters to Syria to help defend Qusayr",
            denies=False,
            candidates=KNOWN,
        ).claim_id
        == "hezbollah-qusayr"
    )
    assert (
        decide_match(
            "Government troops had pulled out of most of Daraa province",
            denies=False,
            candidates=KNOWN,
        ).relation
        == "new"
    )


def test_entering_a_town_is_not_taking_full_control_of_it():
    decision = decide_match(
        "Russian troops entered Sudzha through a gas pipeline",
        denies=False,
        candidates=[("sudzha-control", "Russian forces took full control of Sudzha")],
    )

    assert decision.relation == "new"


def test_continuing_his_work_from_the_capital_is_remaining_there():
    decision = decide_match(
        "Assad continues his work from the capital, Damascus",
        denies=False,
        candidates=[("assad-damascus", "Assad remains in Damascus")],
    )

    assert (decision.claim_id, decision.relation) == ("assad-damascus", "same")


def test_antonymous_statement_contradicts_the_known_claim():
    decision = decide_match(
        "Tehran's military advisers remained in Syria", denies=False, candidates=KNOWN
    )

    assert (decision.claim_id, decision.relation) == ("demo-4", "contradicts")


def test_told_a_channel_makes_its_name_the_relay_and_shared_subjects_split():
    claims = extract(
        "Interim Prime Minister Omar Khalil told Al Mayadeen television that he had left Latakia "
        "and was negotiating with the rebels."
    )

    assert [(c.text, c.via) for c in claims] == [
        ("Omar Khalil had left Latakia", "Al Mayadeen"),
        ("Omar Khalil was negotiating with the rebels", "Al Mayadeen"),
    ]


def test_unqualified_ministry_belongs_to_the_country_the_article_is_about():
    claims = extract(
        "Rebels shelled the outskirts of Latakia in Syria on Sunday. "
        "The Defence Ministry said the army had repelled the attack on the Syrian port."
    )

    assert claims[-1].source.name == "Syrian Defence Ministry"


def test_descriptive_adjective_and_trailing_appositive_are_not_part_of_name_or_claim():
    claims = extract(
        "The separatist Donetsk People's Militia claimed that its units had captured Avdiivka, "
        "a town north of the city."
    )

    assert [(c.source.name, c.text) for c in claims] == [
        ("Donetsk People's Militia", "Donetsk People's Militia's units had captured Avdiivka"),
    ]


def test_place_that_only_locates_another_does_not_make_the_statement_about_it():
    decision = decide_match(
        "Rebels had captured the village of Khattab north of Hama", denies=False, candidates=KNOWN
    )

    assert decision.relation == "new"


def test_article_country_fills_a_place_the_statement_leaves_implied_not_one_it_names_elsewhere():
    assert (
        decide_match(
            "The tyrant Bashar al-Assad has fled", denies=False, candidates=KNOWN, setting=["Syria"]
        ).claim_id
        == "demo-2"
    )
    assert (
        decide_match(
            "Bashar al-Assad has fled to Moscow", denies=False, candidates=KNOWN, setting=["Syria"]
        ).claim_id
        != "demo-2"
    )


def test_country_of_the_subject_is_not_filled_from_the_article():
    decision = decide_match(
        "The army has retaken Wad Madani",
        denies=False,
        candidates=[("sd-madani", "The Sudanese army has retaken Wad Madani")],
        setting=["Sudan"],
    )
    no_setting = decide_match(
        "The army has retaken Wad Madani",
        denies=False,
        candidates=[("sd-madani", "The Sudanese army has retaken Wad Madani")],
    )

    assert decision.score == no_setting.score


def test_negated_object_and_citing_relay_and_refusal():
    claims = extract(
        "Assad is in Moscow with his family, Russian news agencies reported, citing a source in "
        "the Kremlin. Kremlin spokesman Dmitry Peskov declined to say where Assad was. "
        "He said the group had no intention of attacking Russian forces."
    )

    assert [(c.text, c.source.name, c.stance, c.via) for c in claims] == [
        ("Assad is in Moscow with his family", "Kremlin", "asserts", "Russian news agencies"),
        (
            "The group had an intention of attacking Russian forces",
            "Dmitry Peskov",
            "denies",
            "Reuters",
        ),
    ]


def test_being_in_a_place_meets_arriving_there():
    decision = decide_match(
        "Ousted leader Bashar al-Assad is in Moscow with his family", denies=False, candidates=KNOWN
    )

    assert (decision.claim_id, decision.relation) == ("assad-moscow", "same")


def test_negative_subject_is_a_denial_of_the_statement_with_the_subject_present():
    claim = only("A U.S. defense official said no Navy ship had been struck.")

    assert (claim.text, claim.stance) == ("A Navy ship had been struck", "denies")


def test_accusation_of_an_act_is_an_assertion_that_the_accused_did_it():
    claim = only(
        "Azerbaijan's defence ministry on Thursday accused Armenian troops of shooting at its army "
        "posts "
        "in the Kalbajar district overnight."
    )

    assert claim.stance == "asserts"
    assert claim.text.startswith("Armenian troops shot at its army posts in the Kalbajar district")


def test_dismissing_reports_as_disinformation_denies_what_they_report():
    claim = only(
        'The transitional government dismissed as "pure disinformation" reports that Russian '
        "fighters "
        "had pulled out of the region."
    )

    assert (claim.text, claim.stance) == ("Russian fighters had pulled out of the region", "denies")


def test_dismissing_a_countrys_claims_denies_what_they_claim():
    claim = only(
        "Ukraine's General Staff on Monday dismissed Russian claims that Ukrainian troops had "
        "abandoned Sudzha."
    )

    assert (claim.source.name, claim.text, claim.stance) == (
        "Ukraine's General Staff",
        "Ukrainian troops had abandoned Sudzha",
        "denies",
    )


def test_dateline_with_a_year_is_not_read_as_a_speaker():
    [claim] = extract_claims(
        "YEREVAN, April 10, 2025 (AFP) - Armenia's defence ministry said its forces had not "
        "fired at Azerbaijani positions.",
        outlet=None,
        published_at=PUBLISHED,
    )

    assert (claim.source.name, claim.via, claim.stance) == (
        "Armenia's defence ministry",
        "AFP",
        "denies",
    )


def test_denial_followed_by_a_clause_without_that_denies_the_clause():
    [_, denial] = extract(
        "Fighters said they had taken control of Ulang, a town on the Sobat River. "
        "Army spokesman Lul Ruai Koang denied the town had fallen."
    )

    assert (denial.source.name, denial.text, denial.stance) == (
        "Lul Ruai Koang",
        "Ulang had fallen",
        "denies",
    )


def test_denial_with_it_as_subject_denies_the_speakers_own_involvement():
    claim = only("The ELN denied it was behind the attack on the base.")

    assert (claim.source.name, claim.text, claim.stance) == (
        "ELN",
        "ELN was behind the attack on the base",
        "denies",
    )


def test_opening_prepositional_phrase_is_not_the_speaker_and_the_group_is_the_story_organisation():
    claims = extract(
        "The ELN denied it was behind the attack. In a message posted on social media by its "
        "Northeastern War Front, the group said the base in Tibu had been struck by the 33rd Front."
    )

    assert (claims[-1].source.name, claims[-1].text) == (
        "ELN",
        "The base in Tibu had been struck by the 33rd Front",
    )


def test_speakers_described_by_how_they_were_reached_are_the_head_noun():
    reached = only(
        "Three survivors reached by phone told Al Jazeera that men in uniform arrived on "
        "motorbikes."
    )
    moved = only(
        "Residents who reached the provincial capital, Pemba, told the BBC that houses had "
        "been set alight."
    )

    assert (reached.source.name, reached.via) == ("survivors", "Al Jazeera")
    assert (moved.source.name, moved.via) == ("Residents", "BBC")


def test_outlet_citing_or_quoting_someone_relays_them():
    citing = only(
        "Independent broadcaster Radio Tamazuj, citing local officials, reported that government "
        "aircraft "
        "had bombed villages overnight."
    )
    quoting = only(
        "Portuguese news agency Lusa, quoting a police source, said a curfew had been imposed "
        "in Macomia."
    )

    assert (citing.source.name, citing.via) == ("local officials", "Radio Tamazuj")
    assert (quoting.source.name, quoting.via) == ("police source", "Lusa")


def test_activists_citing_witnesses_remain_the_source():
    claim = only(
        "Local activists, citing witnesses, reported that drone strikes had hit a "
        "displacement camp."
    )

    assert claim.source.name == "Local activists"


def test_statement_carried_by_a_groups_own_outlet_names_the_relay():
    amaq = only(
        "The Islamic State group said via its Amaq news agency that its fighters had seized "
        "the barracks."
    )
    zallaqa = only(
        "JNIM said in a statement carried by its al-Zallaqa outlet that its fighters had killed 12 "
        "VDP "
        "members."
    )

    assert (amaq.via, amaq.text) == (
        "Amaq",
        "Islamic State's fighters had seized the barracks",
    )
    assert (zallaqa.via, zallaqa.text) == (
        "al-Zallaqa",
        "JNIM's fighters had killed 12 VDP members",
    )


def test_at_no_time_and_a_negated_relationship_are_denials():
    overrun = only(
        'Army spokesman Ibrahim Danjuma said the base in Damboa "was at no time overrun."'
    )
    relationship = only('The SPLM-IO said it had "no command relationship" with the White Army.')

    assert (overrun.text, overrun.stance) == ("The base in Damboa was overrun", "denies")
    assert (relationship.text, relationship.stance) == (
        "SPLM-IO had a command relationship with the White Army",
        "denies",
    )


def test_definite_places_are_named_from_earlier_in_the_article():
    claims = extract(
        "ISWAP said its fighters had stormed the base in Damboa. The army said the base was never "
        "overrun. Officials said 1,500 troops would be sent to the Catatumbo region. "
        "The minister said the region had been reinforced by police."
    )

    assert claims[1].text == "The base in Damboa was overrun" and claims[1].stance == "denies"
    assert claims[3].text == "The Catatumbo region had been reinforced by police"


def test_unnamed_army_and_government_spokesman_are_the_articles_country_s():
    claims = extract(
        "BOGOTA, Sept 3 (Reuters) - Seven Colombian soldiers were killed near the Venezuelan "
        "border, "
        "the army said. A government spokesman said talks had not resumed.",
        outlet=None,
    )

    assert [claim.source.name for claim in claims] == [
        "Colombian army",
        "Colombian government spokesman",
    ]


def test_members_of_a_group_speak_for_it_and_a_news_agencys_description_is_not_its_name():
    members = only(
        "Armed Nuer youths of the so-called White Army said they had taken control of Ulang."
    )
    agency = only("Portuguese news agency Lusa said a curfew had been imposed in Macomia district.")

    assert members.source.name == "White Army"
    assert agency.source.name == "Lusa"


def test_adding_to_a_figure_is_not_a_second_statement():
    [claim] = extract(
        "The ombudsman's office said more than 2,000 people had left Tibu, adding to tens of "
        "thousands displaced earlier in the year."
    )

    assert claim.text == "More than 2,000 people had left Tibu"


def test_fall_of_a_place_without_an_agent_denies_a_known_capture_by_a_named_group():
    known = [
        ("elfasher", "The RSF has captured El Fasher"),
        ("kupwara", "Two Indian soldiers were killed in Kupwara"),
    ]

    fallen = decide_match("El Fasher had fallen", denies=True, candidates=known)
    killed = decide_match(
        "Two suspected militants had been killed in Kupwara", denies=False, candidates=known
    )

    assert (fallen.claim_id, fallen.relation) == ("elfasher", "contradicts")
    assert killed.relation == "new"


def test_conflict_reporting_paraphrases_meet():
    known = [
        ("talks", "The Colombian government has resumed peace talks with the ELN"),
        ("curfew", "Authorities have imposed a night curfew in Macomia district"),
    ]

    talks = decide_match(
        "The Colombian government had restarted negotiations with the ELN",
        denies=True,
        candidates=known,
    )
    curfew = decide_match(
        "A dusk-to-dawn curfew had been imposed in Macomia district", denies=False, candidates=known
    )

    assert (talks.claim_id, talks.relation) == ("talks", "contradicts")
    assert (curfew.claim_id, curfew.relation) == ("curfew", "same")


def test_saying_reports_were_false_denies_what_they_reported():
    claim = only(
        "The mission said reports that two of its officers had been killed in Hinche were false."
    )

    assert (claim.text, claim.stance) == ("Two of its officers had been killed in Hinche", "denies")


def test_at_least_opens_a_quantity_not_an_adverbial():
    claim = only(
        "At least six civilians, including a child, were killed in the fighting, according to the "
        "Ambulance and Emergency Service."
    )

    assert claim.text == "At least six civilians, including a child, were killed in the fighting"


def test_speaker_after_a_conjoined_clause_and_commentary_after_a_dash_is_dropped():
    claims = extract(
        "Rival militias fought through the night in Tripoli, and the Government of National Unity "
        "said "
        "Tuesday it had brokered a truce — a claim one of the armed groups swiftly rejected."
    )

    assert [(c.source.name, c.text) for c in claims if not c.source.is_outlet] == [
        ("Government of National Unity", "Government of National Unity had brokered a truce")
    ]


def test_al_prefixed_group_is_a_speaker():
    claim = only(
        "In a statement broadcast on its Radio Andalus station, al-Shabaab said 47 soldiers "
        "had been killed."
    )

    assert (claim.source.name, claim.text) == ("al-Shabaab", "47 soldiers had been killed")


def test_calling_the_other_sides_claim_baseless_is_not_part_of_the_denied_statement():
    claim = only(
        "Pakistan's military denied that a ceasefire violation had taken place and described the "
        "Indian "
        "claim as baseless."
    )

    assert (claim.text, claim.stance) == ("A ceasefire violation had taken place", "denies")


def test_claiming_an_attack_asserts_having_carried_it_out_through_the_groups_outlet():
    claims = extract(
        "The Islamic State group claimed the attack on its Amaq propaganda outlet, saying its "
        "fighters "
        "had killed more than 50 Christians."
    )

    assert [(c.text, c.via) for c in claims] == [
        ("Islamic State carried out the attack", "Amaq"),
        ("Islamic State's fighters had killed more than 50 Christians", "Amaq"),
    ]


def test_declaring_or_announcing_an_act_is_not_an_attribution():
    [claim] = extract("Separatists declared independence for a state they call Ambazonia in 2017.")

    assert claim.source.is_outlet


def test_participle_after_a_venue_gives_the_statement():
    claims = extract(
        "Hezbollah mourned Fakih as one of its fighters but rejected the Israeli account of the "
        "strike, "
        "saying in a statement that the building hit in Yater was a family home."
    )

    assert [(c.source.name, c.text) for c in claims] == [
        ("Hezbollah", "The building hit in Yater was a family home")
    ]


def test_conjoined_rejection_of_accusations_is_a_second_denial():
    claims = extract(
        "COGAT said 600 aid trucks had entered Gaza on Tuesday, and rejected accusations that "
        "Israel was "
        "holding back humanitarian supplies."
    )

    assert [(c.text, c.stance) for c in claims] == [
        ("600 aid trucks had entered Gaza on Tuesday", "asserts"),
        ("Israel was holding back humanitarian supplies", "denies"),
    ]


def test_trailing_attribution_with_manner_or_broadcast_adverbials():
    phone = only(
        "Junta aircraft have bombed four villages in Namhsan township since Sunday, TNLA "
        "spokeswoman Lway "
        "Yay Oo told Reuters by phone."
    )
    television = only(
        "Hundreds of terrorists on motorbikes stormed the post at Bankilare, the ministry said in "
        "a "
        "statement read on public television Tele Sahel."
    )

    assert (phone.source.name, phone.via) == ("Lway Yay Oo", "Reuters")
    assert television.text == "Hundreds of terrorists on motorbikes stormed the post at Bankilare"


def test_time_opener_and_honorific_are_not_part_of_the_speaker():
    claims = extract(
        "Venancio Mondlane said the vote was rigged. Hours later, Mr Mondlane said protests would "
        "continue in Nampula."
    )

    assert [c.source.name for c in claims] == ["Venancio Mondlane", "Venancio Mondlane"]


def test_spelled_numbers_and_a_named_group_as_subject_meet_the_known_claim():
    known = [
        ("ituri", "Thirty-eight civilians were hacked to death by ADF fighters in Mabakese"),
        ("kassara", "Houthi fighters have overrun government positions at Kassara"),
    ]

    ituri = decide_match(
        "ADF rebels killed at least 38 civilians in Mabakese", denies=False, candidates=known
    )
    kassara = decide_match(
        "The Houthis had seized government positions in the Kassara area",
        denies=False,
        candidates=known,
    )

    assert (ituri.claim_id, ituri.relation) == ("ituri", "same")
    assert (kassara.claim_id, kassara.relation) == ("kassara", "same")


def test_a_report_noun_with_modifiers_before_that_is_a_denied_complement():
    spokesman = only("The governor's office denied news reports that the governor had resigned.")
    agency = only(
        "The Afghan Health Ministry has denied a report published in a weekly on Friday that it "
        "had "
        "decided to close its office in Kabul."
    )

    assert (spokesman.text, spokesman.stance) == ("The governor had resigned", "denies")
    assert (agency.text, agency.stance) == (
        "Afghan Health Ministry had decided to close its office in Kabul",
        "denies",
    )


def test_a_claimant_named_by_a_common_noun_keeps_it_and_a_fabrication_verdict_is_the_denial():
    claim = only(
        'The army dismissed the militia\'s claims to have downed a drone as a "fabrication."'
    )

    assert (claim.source.name, claim.text, claim.stance) == (
        "army",
        "The militias had downed a drone",
        "denies",
    )


def test_a_pointing_back_denial_denies_what_someone_else_said_not_the_deniers_own_statement():
    claims = extract(
        "The militia said its fighters had captured Kosti. The governor said there had been "
        "fighting "
        "near the town. The governor later rejected the claims made by the militia. "
        "Officials said the reports were unfounded, the Sudan Tribune reported."
    )

    assert [(c.source.name, c.text, c.stance, c.via) for c in claims][-2:] == [
        ("governor", "The militia's fighters had captured Kosti", "denies", "Reuters"),
        ("Officials", "The militia's fighters had captured Kosti", "denies", "Sudan Tribune"),
    ]


def test_a_spokesman_for_a_named_person_is_not_that_person():
    claim = only(
        "A spokesman for Prime Minister Ana Velasquez denied reports that the coalition had "
        "collapsed."
    )
    assert claim.stance == "denies"
    assert claim.source.name != "Ana Velasquez"
    assert claim.source.role == "spokesman" and claim.source.parent == "Ana Velasquez"


def test_a_speaker_named_by_role_alone_is_the_one_person_named_later_with_that_role():
    claims = extract(
        "Twelve fishermen were rescued off the northern coast, a Maritime Authority spokesman "
        "said on Sunday.\n\n"
        "Maritime Authority spokesman Tomas Arnaud said the search had ended at dawn.\n\n"
        "Union spokesman Paolo Reni said the boats had been overloaded."
    )
    assert {c.source.name for c in claims} == {"Tomas Arnaud", "Paolo Reni"}
    rescued = next(c for c in claims if "fishermen" in c.text)
    assert rescued.source.name == "Tomas Arnaud"


def test_a_role_alone_stays_the_speaker_when_two_people_hold_it():
    claims = extract(
        "Twelve fishermen were rescued off the northern coast, a spokesman said on Sunday.\n\n"
        "Coast guard spokesman Tomas Arnaud said the search had ended at dawn.\n\n"
        "Union spokesman Paolo Reni said the boats had been overloaded."
    )
    rescued = next(c for c in claims if "fishermen" in c.text)
    assert rescued.source.name not in {"Tomas Arnaud", "Paolo Reni"}


def test_the_region_named_with_a_possessive_country_is_the_region_alone():
    claims = extract(
        "Clashes were reported in Chile's Atacama region on Monday.\n\n"
        "The interior ministry denied reports that the miners had left the region."
    )
    denial = next(c for c in claims if c.stance == "denies")
    assert "the Atacama region" in denial.text and "Chile's" not in denial.text


def test_a_dateline_of_two_cities_is_not_part_of_the_statement():
    claim = only(
        "TARIM/OSTRAVA, 3 March 2025 (Reuters) - Border guards of the two countries exchanged fire "
        "at the Vella crossing overnight, officials on both sides said."
    )
    assert claim.text.startswith("Border guards of the two countries exchanged fire")


def test_a_report_whose_attribution_was_not_read_is_not_the_outlets_own_statement():
    claims = extract(
        "A fisherman from the village, who asked that his name be withheld for his safety, told "
        "Reuters that the patrol boats had fired on the harbour."
    )
    assert not [c for c in claims if c.source.name == "Reuters"]


def test_the_reports_a_speaker_calls_false_again_are_the_ones_he_already_denied():
    claims = extract(
        "A spokesman for the mayor denied reports that the mayor had resigned.\n\n"
        "Spokesman Ivo Stanek said the reports were unfounded.\n\n"
        "But the council said the budget vote was postponed.\n\n"
        "Stanek said the reports were just rumours."
    )
    denials = [(c.source.name, c.text) for c in claims if c.stance == "denies"]
    assert denials[-1] == ("Ivo Stanek", "The mayor had resigned")
    assert not [c for c in claims if c.stance == "denies" and "budget" in c.text]


def test_a_speaker_named_by_one_of_a_plural_head_is_a_source():
    claim = only("Rebels shelled the Tarim market on Sunday, a relative of the victims said.")
    assert claim.source.name == "relative of the victims"


def test_the_organisation_described_after_it_was_named_is_that_organisation():
    claims = extract(
        "The Kavela Fund denied a report that it had closed its office in Tarim.\n\n"
        "The Geneva-based organisation said that its auditors had spent three weeks in Tarim."
    )
    assert {c.source.name for c in claims} == {"Kavela Fund"}


def test_a_quote_whose_attribution_quotes_a_phrase_is_still_read():
    claims = extract(
        '"The convoy reached the camp before dawn," aid coordinator Marta Velez told Reuters '
        'Friday, saying the road was "finally open."'
    )
    assert [(c.source.name, c.text, c.via) for c in claims] == [
        ("Marta Velez", "The convoy reached the camp before dawn", "Reuters"),
        ("Marta Velez", "The road was finally open", "Reuters"),
    ]


def test_the_editors_gloss_on_they_holds_for_the_rest_of_the_quote():
    claims = extract(
        '"They (the Kavela rebels) shelled our camp at night. They did not take the bridge," '
        "army spokesman Ivo Stanek said."
    )
    assert ("The Kavela rebels took the bridge", "denies") in [(c.text, c.stance) for c in claims]


def test_a_military_rank_names_a_speaker():
    claim = only("Rebels held the Tarim bridge on Sunday, an army captain in the capital said.")
    assert claim.source.name == "army captain in the capital"


def test_where_a_place_lies_is_left_out_of_the_statement():
    claims = extract(
        "Police said gunmen stormed Vella, about 40 kilometres (25 miles) east of Tarim, on "
        "Sunday.\n\n"
        "The army said rebels attacked its positions in Dorne, some 150km north of Ostrava."
    )
    assert claims[0].text == "Gunmen stormed Vella on Sunday"
    assert claims[1].text.endswith("positions in Dorne")


def test_telling_an_outlet_a_clause_without_that_relays_it_and_keeps_the_clause():
    claims = extract(
        "The Kavela Front rejected the accusation, telling the BBC its fighters had left the "
        "market before the blast."
    )
    told = next(c for c in claims if c.stance == "asserts")
    assert told.text == "Kavela Front's fighters had left the market before the blast"
    assert told.via == "BBC"


def test_members_of_a_group_opening_the_sentence_speak_for_the_group():
    claim = only("Fighters of the Kavela Front say they have taken the Tarim bridge.")
    assert claim.source.name == "Kavela Front"


def test_a_speaker_inside_a_relative_clause_says_the_clause_of_the_noun():
    claims = extract(
        "Six people were killed in a strike that the Ostrava army said targeted a weapons depot."
    )
    assert [(c.source.name, c.text) for c in claims] == [
        ("Reuters", "Six people were killed in a strike"),
        ("Ostrava army", "The strike targeted a weapons depot"),
    ]


def test_according_to_an_owners_statement_is_according_to_the_owner():
    claims = extract(
        "The Ostrava Defence Ministry said its air defences were on alert.\n\n"
        "The Ostrava government said the border would stay open.\n\n"
        "According to the ministry's statement, 12 drones were shot down over Tarim."
    )
    assert claims[-1].source.name == "Ostrava Defence Ministry"


@pytest.mark.parametrize(
    "sentence",
    [
        "The envoy said both sides must respect the Tarim ceasefire.",
        "Analysts said the offensive could change the course of the war in Tarim.",
        "The Kavela Front said it was deeply concerned about the fighting in Tarim.",
        "The mayor of Tarim said she hoped the talks would succeed.",
    ],
)
def test_a_demand_a_guess_or_a_state_of_mind_is_not_proposed(sentence):
    assert extract(sentence) == []


def test_he_said_by_a_speaker_named_by_role_is_that_speaker_not_the_last_subject():
    claims = extract(
        "The Kavela Front said its fighters had reached Tarim.\n\n"
        "The governor said he had ordered the bridge closed."
    )
    assert claims[-1].text == "The governor had ordered the bridge closed"
