from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from claims.models import Citation, Claim
from intake.models import ArticleImport, IntakeProposal, ProposalStatus
from intake.services import (
    article_import_create,
    intake_proposal_correct,
    intake_proposals_accept,
    intake_proposals_reject,
)
from intake.text import ArticleInputError
from sources.models import Source
from tests.intake_data import seed_dir

SEED_PUBLISHED = datetime(2024, 12, 7, 9, tzinfo=UTC)
OUTLET = "Example News"
# (demo claim, source, relation to the claim's wording) that the seed article must yield.
SEED_DEMO_CLAIMS = [
    ("demo-1", "Syrian state media", "same"),
    ("demo-2", "Syrian state media", "contradicts"),
    ("demo-3", "Syrian Observatory for Human Rights", "same"),
    ("demo-3", "Rami Abdel Rahman", "same"),
    ("demo-4", "Syrian Observatory for Human Rights", "same"),
    ("demo-5", OUTLET, "same"),
    ("demo-6", OUTLET, "same"),
    ("demo-7", OUTLET, "same"),
    ("demo-8", "Abu Mohammed al-Golani", "same"),
]


def seed_text():
    return (seed_dir() / "article-syria-offensive-2024-12.txt").read_text(encoding="utf-8")


def import_seed(user, **overrides):
    arguments = {
        "text": seed_text(),
        "outlet_name": OUTLET,
        "published_at": SEED_PUBLISHED,
        "created_by": user,
    }
    return article_import_create(**(arguments | overrides))


def test_seed_article_yields_every_demo_claim_with_its_source_and_stance(intake_world, reviewer):
    article = import_seed(reviewer).article

    found = {(p.matched_claim_id, p.source_name, p.relation) for p in article.proposals.all()}
    claims = intake_world["claims"]
    for key, source, relation in SEED_DEMO_CLAIMS:
        assert (claims[key].pk, source, relation) in found, (
            f"{key} by {source} ({relation}) not proposed"
        )


def test_seed_article_resolves_named_sources_to_stored_ones_and_relays(intake_world, reviewer):
    article = import_seed(reviewer).article
    sources = intake_world["sources"]

    golani = article.proposals.get(matched_claim=intake_world["claims"]["demo-8"])
    assert golani.source == sources["Abu Mohammed al-Golani"]
    assert golani.via == sources["CNN"]
    rami = article.proposals.get(source=sources["Rami Abdel Rahman"])
    assert rami.matched_claim == intake_world["claims"]["demo-3"]
    offensive = article.proposals.get(matched_claim=intake_world["claims"]["demo-7"])
    assert offensive.about.isoformat() == "2024-11-27"


def test_accepting_seed_proposals_cites_the_demo_claims_instead_of_duplicating_them(
    intake_world, reviewer
):
    article = import_seed(reviewer).article
    claims_before = Claim.objects.count()
    pending = list(article.proposals.filter(status=ProposalStatus.PENDING))
    new_statements = sum(1 for p in pending if p.relation == "new")

    intake_proposals_accept(proposals=pending, user=reviewer)

    assert Claim.objects.count() == claims_before + new_statements
    demo = intake_world["claims"]
    state_media = intake_world["sources"]["Syrian state media"]
    assert Citation.objects.filter(
        claim=demo["demo-2"], source=state_media, stance="denies"
    ).exists()
    assert (
        Citation.objects.filter(claim=demo["demo-1"], source=state_media, stance="asserts").count()
        == 2
    )
    outlet = Source.objects.get(name=OUTLET)
    assert Citation.objects.filter(claim=demo["demo-6"], source=outlet, stance="asserts").exists()
    assert Citation.objects.get(claim=demo["demo-8"]).via.name == "CNN"
    assert all(
        p.status == ProposalStatus.ACCEPTED and p.citation_id
        for p in article.proposals.filter(pk__in=[p.pk for p in pending])
    )


def test_accepting_a_new_statement_creates_its_claim_and_its_unknown_source(intake_world, reviewer):
    text = (
        "Rebel commander Hassan Abdul Ghani said on Friday that fighters had reached the "
        "outskirts of the town of Rastan."
    )
    article = article_import_create(
        text=text, outlet_name="Reuters", published_at=SEED_PUBLISHED, created_by=reviewer
    ).article
    proposal = article.proposals.get()
    assert proposal.relation == "new" and proposal.source is None

    [citation] = intake_proposals_accept(proposals=[proposal], user=reviewer)

    assert citation.claim.text.startswith("Fighters had reached the outskirts")
    assert citation.source.name == "Hassan Abdul Ghani" and citation.source.kind == "person"
    assert citation.via == intake_world["sources"]["Reuters"]


def test_reimporting_the_same_article_proposes_nothing_new(intake_world, reviewer):
    first = import_seed(reviewer)
    proposals = IntakeProposal.objects.count()

    again = import_seed(reviewer)

    assert again.created is False and again.article == first.article
    assert IntakeProposal.objects.count() == proposals
    assert ArticleImport.objects.count() == 1


def test_statements_accepted_from_one_copy_are_marked_known_in_another(intake_world, reviewer):
    first = import_seed(reviewer).article
    intake_proposals_accept(
        proposals=first.proposals.filter(status=ProposalStatus.PENDING), user=reviewer
    )

    second = import_seed(reviewer, text=seed_text() + "\nThe coming week will tell.").article

    assert not second.proposals.filter(status=ProposalStatus.PENDING).exists()
    assert second.proposals.filter(status=ProposalStatus.KNOWN).count() == first.proposals.count()


def test_rejected_proposals_are_remembered_and_not_offered_again(intake_world, reviewer):
    first = import_seed(reviewer).article
    rejected = first.proposals.get(matched_claim=intake_world["claims"]["demo-5"])
    intake_proposals_reject(proposals=[rejected], user=reviewer)

    second = import_seed(reviewer, text=seed_text() + "\nMore soon.").article

    again = second.proposals.get(matched_claim=intake_world["claims"]["demo-5"])
    assert again.status == ProposalStatus.REJECTED
    assert intake_proposals_accept(proposals=[again], user=reviewer) == []


RASTAN_REPORT = (
    "Rebel commander Hassan Abdul Ghani said on Friday that fighters had reached the outskirts of "
    "the town of Rastan."
)


def import_rastan(user, text=RASTAN_REPORT):
    return article_import_create(
        text=text, outlet_name="Reuters", published_at=SEED_PUBLISHED, created_by=user
    ).article


def test_a_corrected_proposal_is_accepted_as_the_reviewer_corrected_it(intake_world, reviewer):
    proposal = import_rastan(reviewer).proposals.get()
    fingerprint = proposal.fingerprint
    observatory = intake_world["sources"]["Syrian Observatory for Human Rights"]
    reached = intake_world["claims"]["hama-entered"]

    intake_proposal_correct(
        proposal=proposal,
        text="Rebels reached the outskirts of Rastan",
        stance="asserts",
        source=observatory,
        matched_claim=reached,
        relation="contradicts",
    )
    [citation] = intake_proposals_accept(proposals=[proposal], user=reviewer)

    proposal.refresh_from_db()
    assert (citation.claim, citation.source, citation.stance) == (reached, observatory, "denies")
    assert (proposal.text, proposal.source_name, proposal.fingerprint) == (
        "Rebels reached the outskirts of Rastan",
        "Syrian Observatory for Human Rights",
        fingerprint,
    )


def test_a_statement_corrected_then_accepted_is_known_in_another_copy(intake_world, reviewer):
    proposal = import_rastan(reviewer).proposals.get()
    intake_proposal_correct(
        proposal=proposal,
        text="Rebels reached the outskirts of Rastan",
        stance="asserts",
        source=None,
        source_name="Hassan Abdul Ghani",
        source_kind="person",
    )
    intake_proposals_accept(proposals=[proposal], user=reviewer)

    again = import_rastan(reviewer, text=RASTAN_REPORT + "\nMore soon.").proposals.get()

    assert again.status == ProposalStatus.KNOWN


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"relation": "same"}, "matched_claim"),
        ({"relation": "new", "matched_claim": "demo-5"}, "relation"),
        ({"source_name": "  "}, "source_name"),
        ({"text": " "}, "text"),
        ({"stance": "maybe"}, "stance"),
    ],
)
def test_an_incoherent_correction_is_refused_by_field_and_changes_nothing(
    intake_world, reviewer, changes, field
):
    proposal = import_rastan(reviewer).proposals.get()
    arguments = {
        "text": "Rebels reached Rastan",
        "stance": "asserts",
        "source": None,
        "source_name": "Hassan Abdul Ghani",
        "relation": "new",
        "matched_claim": None,
    } | changes
    if isinstance(arguments["matched_claim"], str):
        arguments["matched_claim"] = intake_world["claims"][arguments["matched_claim"]]

    with pytest.raises(ValidationError) as refused:
        intake_proposal_correct(proposal=proposal, **arguments)

    assert field in refused.value.message_dict
    assert IntakeProposal.objects.get(pk=proposal.pk).text == proposal.text


def test_a_decided_proposal_cannot_be_corrected(intake_world, reviewer):
    proposal = import_rastan(reviewer).proposals.get()
    intake_proposals_reject(proposals=[proposal], user=reviewer)

    with pytest.raises(ValidationError, match="already rejected"):
        intake_proposal_correct(
            proposal=proposal,
            text="Rebels reached Rastan",
            stance="asserts",
            source=None,
            source_name="Hassan Abdul Ghani",
        )


@pytest.mark.parametrize(
    "text", ["", "   \n\t  ", "<html><body><script>var x = 1;</script></body></html>"]
)
def test_empty_article_is_refused_with_a_reason(db, reviewer, text):
    with pytest.raises(ArticleInputError, match="(?i)empty|give the article"):
        article_import_create(text=text, created_by=reviewer)
    assert not ArticleImport.objects.exists()


def test_binary_upload_is_refused(db, reviewer):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    with pytest.raises(ArticleInputError, match="binary"):
        article_import_create(content=png, created_by=reviewer)


def test_twenty_megabyte_article_is_refused(db, reviewer):
    with pytest.raises(ArticleInputError, match="limit|longer"):
        article_import_create(content=b"a" * 20_000_000, created_by=reviewer)
    with pytest.raises(ArticleInputError, match="longer"):
        article_import_create(text="word " * 4_000_000, created_by=reviewer)


def test_html_boilerplate_is_stripped_before_extraction(intake_world, reviewer):
    html = (
        "<html><head><title>Syria live</title></head><body><nav><a href='/'>Home</a> "
        "<a>World</a></nav><article><h1>Rebels advance</h1><p>Syrian state media dismissed rumors "
        "that Assad had fled the country, insisting he remains in Damascus. The announcement came "
        "as rebels approached the capital from the south and the government rushed troops "
        "north.</p></article><footer>Subscribe to our newsletter. Cookie settings. Contact "
        "us.</footer></body></html>"
    )
    article = article_import_create(html=html, outlet_name=OUTLET, created_by=reviewer).article

    assert "Subscribe" not in article.text and "Home" not in article.text
    found = {(p.matched_claim_id, p.relation) for p in article.proposals.all()}
    assert (intake_world["claims"]["demo-2"].pk, "contradicts") in found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "ar",
            (
                "قالت وسائل الإعلام الرسمية السورية إن الأسد لا يزال في دمشق، ونفت الشائعات عن "
                "فراره من البلاد."
            ),
        ),
        (
            "pt",
            "A imprensa estatal síria negou os rumores de que Assad tinha fugido do país e "
            "insistiu que ele "
            "continua em Damasco.",
        ),
        (
            "fr",
            "Les médias d'État syriens ont démenti les rumeurs selon lesquelles Assad aurait fui "
            "le pays, "
            "affirmant qu'il se trouve toujours à Damas.",
        ),
    ],
)
def test_article_in_another_language_is_stored_with_its_language_and_a_notice(
    intake_world, reviewer, language, text
):
    result = article_import_create(text=text, outlet_name=OUTLET, created_by=reviewer)

    assert result.article.language == language
    assert "only read in English" in result.notice


def test_foreign_sentence_close_to_a_known_claim_is_matched_by_trigram(intake_world, reviewer):
    from claims.services import claim_create

    known = claim_create(
        text="Les rebelles ont pris le contrôle de la ville de Homs",
        language="fr",
        created_by=reviewer,
    )
    text = (
        "Les rebelles ont pris le contrôle de la ville de Homs samedi. La situation reste tendue "
        "dans "
        "la région selon les habitants."
    )

    article = article_import_create(text=text, outlet_name=OUTLET, created_by=reviewer).article

    assert list(article.proposals.values_list("matched_claim", flat=True)) == [known.pk]


def test_a_foreign_sentence_that_may_be_a_denial_is_not_proposed_as_an_assertion(
    intake_world, reviewer
):
    from claims.services import claim_create

    claim_create(text="Assad a fui le pays", language="fr", created_by=reviewer)
    text = (
        "La présidence a démenti les rumeurs selon lesquelles Assad a fui le pays. "
        "Assad a fui le pays."
    )

    article = article_import_create(text=text, outlet_name=OUTLET, created_by=reviewer).article

    assert list(article.proposals.values_list("quote", "stance")) == [
        ("Assad a fui le pays.", "asserts")
    ]


NEAR_MISSES_PER_CLAIM = 20


def _expected_matches_of_tuned_articles() -> list[tuple[str, str, str]]:
    """(article, labelled statement, known-claim key) for the `dev` articles: held-out rounds are
    measured by bench/intake.py, not asserted."""
    import yaml

    from tests.conftest import INTAKE_DATA

    expected = []
    for path in sorted((INTAKE_DATA / "articles").glob("*.yaml")):
        article = yaml.safe_load(path.read_text())
        if article["split"] != "dev":
            continue
        for label in article["claims"]:
            key = (
                label["match"]["contradicts"]
                if isinstance(label["match"], dict)
                else label["match"]
            )
            if key != "new":
                expected.append((path.stem, label["text"], key))
    return expected


def _expected_matches_missed_by_candidates(claims) -> list[tuple[str, str]]:
    from intake.selectors import claim_candidates, source_name_aliases

    aliases = source_name_aliases()
    missed = []
    for article, text, key in _expected_matches_of_tuned_articles():
        candidates = {claim_id for claim_id, _ in claim_candidates(text=text, aliases=aliases)}
        if claims[key].pk not in candidates:
            missed.append((article, text))
    return missed


def test_database_candidates_include_every_expected_match_of_the_labelled_set(intake_world):
    """Full-text search and trigram similarity only narrow the known claims; they must not drop
    the one a labelled statement should be matched to."""
    assert _expected_matches_missed_by_candidates(intake_world["claims"]) == []


def test_candidates_keep_the_expected_match_among_hundreds_sharing_its_words(intake_world):
    """The search returns a fixed number of candidates, so among many claims with the same words
    (each known claim's start joined to the ends of others) the ranking must keep the right one."""
    keys = sorted({key for _, _, key in _expected_matches_of_tuned_articles()})
    texts = [intake_world["claims"][key].text.split() for key in keys]
    near_misses = [
        " ".join(start[: len(start) // 2 + 1] + end[len(end) // 2 :])
        for index, start in enumerate(texts)
        for end in (texts + texts)[index + 1 : index + 1 + NEAR_MISSES_PER_CLAIM]
    ]
    # One INSERT: the search documents come from the database's own trigger either way.
    Claim.objects.bulk_create(Claim(text=text, topic="syria") for text in near_misses)
    expected = _expected_matches_of_tuned_articles()

    missed = _expected_matches_missed_by_candidates(intake_world["claims"])

    assert len(near_misses) > 1500
    # Paraphrases sharing one or two words with their known claim ("A U.S. Navy ship had been
    # struck" / "Houthi missiles struck the aircraft carrier USS Harry S. Truman") can be outranked
    # by near misses that share more; bench/README-intake.md lists them. Nine in ten must stay among
    # the candidates.
    assert len(missed) <= len(expected) // 10, missed
