from django.urls import reverse

from claims.models import Citation
from intake.models import ArticleImport, IntakeProposal, ProposalStatus
from intake.tasks import intake_article_extract
from tests.intake_data import seed_dir

IMPORT_URL = "admin:intake_articleimport_add"


def test_import_page_loads_for_a_reviewer(client, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse(IMPORT_URL))

    assert response.status_code == 200
    assert b"Import article" in response.content


def test_pasting_the_seed_article_lists_the_demo_claims_for_review(client, reviewer, intake_world):
    client.force_login(reviewer)
    seed = (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()

    imported = client.post(
        reverse(IMPORT_URL),
        {"text": seed, "outlet": "Example News", "published_at": "2024-12-07 09:00"},
        follow=True,
    )
    # The worker's part, run here (tests/intake/test_worker.py runs a real worker).
    intake_article_extract.apply(args=[ArticleImport.objects.get().pk])
    response = client.get(imported.redirect_chain[-1][0])

    assert b"being read" in imported.content
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Syrian state media" in page
        and "contradicts #" in page
        and "Abu Mohammed al-Golani" in page
    )
    # The reviewer sees the quote, the relay and the matched claim's status before accepting.
    assert (
        "insisting he remains in Damascus" in page
        and "Example News" in page
        and "Unverified" in page
    )
    assert ArticleImport.objects.count() == 1


def test_accepting_proposals_in_the_admin_cites_the_demo_claims(
    client, reviewer, intake_world, django_assert_max_num_queries
):
    client.force_login(reviewer)
    seed = (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()
    client.post(reverse(IMPORT_URL), {"text": seed, "outlet": "Example News"})
    intake_article_extract.apply(args=[ArticleImport.objects.get().pk])
    pending = list(
        IntakeProposal.objects.filter(status=ProposalStatus.PENDING).values_list("pk", flat=True)
    )
    changelist = reverse("admin:intake_intakeproposal_changelist")

    # session, user, permissions, count, filtered count, the page of proposals with their claims and
    # articles in one join; a fixed number however many proposals
    with django_assert_max_num_queries(12):
        assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "accept_selected", "_selected_action": pending})

    demo_4 = intake_world["claims"]["demo-4"]
    assert Citation.objects.filter(
        claim=demo_4, source__name="Syrian Observatory for Human Rights"
    ).exists()
    assert not IntakeProposal.objects.filter(status=ProposalStatus.PENDING).exists()


def test_import_page_answers_bad_input_on_the_form(client, reviewer):
    client.force_login(reviewer)

    empty = client.post(reverse(IMPORT_URL), {"text": "", "outlet": "Reuters"})
    binary = client.post(reverse(IMPORT_URL), {"text": "\x01\x02\x03\x04" * 100})

    assert empty.status_code == 200 and b"Give the article" in empty.content
    assert binary.status_code == 200 and b"binary" in binary.content
    assert not ArticleImport.objects.exists()


def test_journalist_without_admin_access_cannot_open_the_import_page(client, journalist):
    client.force_login(journalist)

    response = client.get(reverse(IMPORT_URL))

    assert response.status_code == 302


def _rastan_proposal(reviewer):
    from intake.services import article_import_create

    article = article_import_create(
        text="Rebel commander Hassan Abdul Ghani said on Friday that fighters had reached the "
        "outskirts of the "
        "town of Rastan.",
        outlet_name="Reuters",
        created_by=reviewer,
    ).article
    return article.proposals.get()


def test_reviewer_corrects_a_pending_proposal_on_its_page(
    client, reviewer, intake_world, django_assert_max_num_queries
):
    client.force_login(reviewer)
    proposal = _rastan_proposal(reviewer)
    page = reverse("admin:intake_intakeproposal_change", args=[proposal.pk])
    observatory = intake_world["sources"]["Syrian Observatory for Human Rights"]

    # session, user, permissions, the proposal with its article and the chosen source, relay and
    # claim
    with django_assert_max_num_queries(12):
        assert client.get(page).status_code == 200
    response = client.post(
        page,
        {
            "text": "Rebels reached the outskirts of Rastan",
            "stance": "asserts",
            "source": observatory.pk,
            "source_name": "Hassan Abdul Ghani",
            "source_kind": "",
            "via": "",
            "via_name": "Reuters",
            "about": "",
            "relation": "new",
            "matched_claim": "",
        },
    )

    proposal.refresh_from_db()
    assert response.status_code == 302
    assert (proposal.text, proposal.source, proposal.source_name) == (
        "Rebels reached the outskirts of Rastan",
        observatory,
        "Syrian Observatory for Human Rights",
    )


def test_incoherent_correction_is_shown_on_the_form(client, reviewer, intake_world):
    client.force_login(reviewer)
    proposal = _rastan_proposal(reviewer)
    page = reverse("admin:intake_intakeproposal_change", args=[proposal.pk])

    response = client.post(
        page,
        {
            "text": "Rebels reached Rastan",
            "stance": "asserts",
            "source": "",
            "source_name": "Hassan Abdul Ghani",
            "source_kind": "person",
            "via": "",
            "via_name": "",
            "about": "",
            "relation": "same",
            "matched_claim": "",
        },
    )

    assert response.status_code == 200
    assert b"Choose the known claim" in response.content
    proposal.refresh_from_db()
    assert proposal.text != "Rebels reached Rastan"


def test_decided_proposal_is_shown_read_only(client, reviewer, intake_world):
    from intake.services import intake_proposals_reject

    client.force_login(reviewer)
    proposal = _rastan_proposal(reviewer)
    intake_proposals_reject(proposals=[proposal], user=reviewer)
    page = reverse("admin:intake_intakeproposal_change", args=[proposal.pk])

    shown = client.get(page)
    client.post(
        page,
        {
            "text": "Rebels reached Rastan",
            "stance": "asserts",
            "source_name": "X",
            "relation": "new",
        },
    )

    assert shown.status_code == 200 and b'name="_save"' not in shown.content
    proposal.refresh_from_db()
    assert proposal.text != "Rebels reached Rastan"
