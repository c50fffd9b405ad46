"""The queue as the front page: the admin index opens on counts of waiting work that link to
their lists, the re-check queue is filled from the first `migrate`/`load_demo` and sorts oldest
due first then most cited, re-sorts by column, says why each claim is due, and takes verdicts."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimStatus, RecheckFlag, RecheckReason, RecomputeRequest, Verdict
from claims.services import claim_assign
from factcheck import desk
from tests.factories import CitationFactory, ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
QUEUE = reverse("admin:jobs_claimdueforrecheck_changelist")


def flag(claim, *, days_ago, reason=RecheckReason.TIME_PASSED, detail="Speaks of 2024-12-07 00:00"):
    return RecheckFlag.objects.create(
        claim=claim,
        reason=reason,
        detail=detail,
        due_since=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def queue():
    """Four due claims: two due equally long (the more cited first), one due longer, one newer."""
    claims = {
        name: ClaimFactory(text=f"Claim {name}")
        for name in ["newest", "oldest", "cited", "lesscited"]
    }
    flag(claims["oldest"], days_ago=9)
    flag(claims["cited"], days_ago=5)
    flag(claims["lesscited"], days_ago=5)
    flag(claims["newest"], days_ago=1)
    # Equal due times, so that only the citation count orders these two.
    RecheckFlag.objects.filter(claim__in=[claims["cited"], claims["lesscited"]]).update(
        due_since=timezone.now() - timedelta(days=5)
    )
    for _ in range(3):
        CitationFactory(claim=claims["cited"])
    CitationFactory(claim=claims["lesscited"])
    return claims


def texts(response):
    return [claim.text for claim in response.context["cl"].result_list]


def test_queue_sorts_oldest_due_first_then_most_cited(
    client, reviewer, queue, django_assert_max_num_queries
):
    client.force_login(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(QUEUE)

    assert texts(response) == ["Claim oldest", "Claim cited", "Claim lesscited", "Claim newest"]


def test_queue_can_be_resorted_by_citations(client, reviewer, queue):
    client.force_login(reviewer)
    columns = client.get(QUEUE).context["cl"].list_display
    by_citations = columns.index("citation_count")

    response = client.get(QUEUE, {"o": f"-{by_citations}"})

    assert texts(response)[0] == "Claim cited"


def test_queue_shows_each_stored_reason_with_its_detail(client, reviewer, queue):
    flag(
        queue["oldest"],
        days_ago=3,
        reason=RecheckReason.SOURCE_GRADE_CHANGED,
        detail="SANA regraded B → E",
    )
    client.force_login(reviewer)

    page = client.get(QUEUE).content.decode()

    assert "The time it speaks of has passed: Speaks of 2024-12-07 00:00" in page
    assert "A citing source&#x27;s grade changed: SANA regraded B → E" in page


def test_bulk_verdict_from_the_queue_records_reviews_and_clears_the_claims(client, reviewer, queue):
    client.force_login(reviewer)
    chosen = [queue["oldest"].pk, queue["newest"].pk]

    form = client.post(QUEUE, {"action": "mark_corroborated", "_selected_action": chosen})
    assert form.status_code == 200 and b"Record verdict" in form.content
    response = client.post(
        QUEUE,
        {
            "action": "mark_corroborated",
            "_selected_action": chosen,
            "apply": "yes",
            "evidence_note": "Seen on the ground.",
        },
        follow=True,
    )

    assert "Recorded “Corroborated” on 2 claim(s)." in response.content.decode()
    assert texts(response) == ["Claim cited", "Claim lesscited"]
    assert set(
        Claim.objects.filter(status=ClaimStatus.CORROBORATED).values_list("pk", flat=True)
    ) == set(chosen)


def test_index_opens_on_counts_that_link_to_their_lists(
    client, reviewer, queue, django_assert_max_num_queries
):
    ReviewFactory(claim=ClaimFactory(), verdict=Verdict.CONTRADICTED)
    disputed = ClaimFactory()
    ReviewFactory(claim=disputed, verdict=Verdict.CORROBORATED)
    ReviewFactory(claim=disputed, verdict=Verdict.CONTRADICTED)
    Claim.objects.filter(pk=disputed.pk).update(status=ClaimStatus.DISPUTED)
    RecomputeRequest.objects.create(reason="test", claim_ids=[disputed.pk])
    claim_assign(claim=queue["newest"], assignee=reviewer, assigned_by=reviewer)
    client.force_login(reviewer)

    with django_assert_max_num_queries(10):
        response = client.get(INDEX)

    page = response.content.decode()
    counts = {tile.label: (tile.shown, tile.url) for tile in desk.desk_counts(user=reviewer)}
    assert counts["Due for re-check"] == ("4", QUEUE)
    assert counts["Unverified, nobody checking"][0] == "4"
    assert counts["My claims"] == ("1", reverse("admin:claims_claim_changelist") + "?assigned=mine")
    assert counts["Disputed"] == (
        "1",
        reverse("admin:claims_claim_changelist") + "?status__exact=disputed",
    )
    assert counts["Recompute pending"][0] != "0"
    for label, (_shown, url) in counts.items():
        assert label in page
        if url:
            assert f'href="{url.replace("&", "&amp;")}"' in page
    assert client.get(counts["Disputed"][1]).context["cl"].result_count == 1


def test_counts_stop_at_the_limit_and_say_there_are_more(monkeypatch, reviewer):
    monkeypatch.setattr(desk, "DESK_COUNT_LIMIT", 2)
    ClaimFactory.create_batch(3)

    unverified = next(
        tile for tile in desk.desk_counts(user=reviewer) if tile.label.startswith("Unverified")
    )

    assert (unverified.count, unverified.more, unverified.shown) == (2, True, "2+")


def test_the_index_shows_no_counts_to_a_user_who_cannot_see_claims(client, django_user_model):
    user = django_user_model.objects.create_user("staff-without-roles", password="x", is_staff=True)
    client.force_login(user)

    assert b"desk-counts" not in client.get(INDEX).content


def test_rules_run_right_after_migrate_so_the_queue_is_not_empty(settings):
    settings.RECHECK_UNVERIFIED_AFTER_DAYS = 7
    old = ClaimFactory(created_at=timezone.now() - timedelta(days=30))

    call_command("migrate", verbosity=0)

    assert RecheckFlag.objects.filter(claim=old, reason=RecheckReason.UNVERIFIED_TOO_LONG).exists()


def test_load_demo_fills_the_queue():
    call_command("load_demo", stdout=open("/dev/null", "w"))

    assert RecheckFlag.objects.filter(reason=RecheckReason.TIME_PASSED).exists()
