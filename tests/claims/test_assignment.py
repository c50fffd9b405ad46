"""Who is checking a claim: a reviewer takes it or is given it, separately from its status; taking
over from someone else is an explicit reassignment; every change is an audit event."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pghistory.models import Events

from claims.models import ClaimAssignment, ClaimStatus
from claims.services import ClaimTakenByAnother, claim_assign, claim_unassign
from tests.factories import CitationFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


@pytest.fixture
def colleague(db):
    return UserFactory(username="colin-colleague", is_staff=True, roles=["reviewer"])


def test_a_reviewer_takes_a_claim_and_its_status_stays_derived(reviewer):
    claim = ClaimFactory()

    assignment = claim_assign(claim=claim, assignee=reviewer, assigned_by=reviewer)

    claim.refresh_from_db()
    assert (assignment.assignee, assignment.assigned_by) == (reviewer, reviewer)
    assert claim.status == ClaimStatus.UNVERIFIED


def test_taking_a_claim_someone_else_is_checking_is_refused_unless_reassigned(reviewer, colleague):
    claim = ClaimFactory()
    claim_assign(claim=claim, assignee=colleague, assigned_by=colleague)

    with pytest.raises(
        ClaimTakenByAnother, match="colin-colleague has been checking this claim since"
    ):
        claim_assign(claim=claim, assignee=reviewer, assigned_by=reviewer)
    reassigned = claim_assign(claim=claim, assignee=reviewer, assigned_by=colleague, reassign=True)

    assert ClaimAssignment.objects.get(claim=claim) == reassigned
    assert (reassigned.assignee, reassigned.assigned_by) == (reviewer, colleague)


def test_only_reviewers_can_be_given_a_claim(reviewer, journalist):
    with pytest.raises(ValidationError) as error:
        claim_assign(claim=ClaimFactory(), assignee=journalist, assigned_by=reviewer)

    assert "assignee" in error.value.message_dict
    assert not ClaimAssignment.objects.exists()


def test_assign_reassign_and_unassign_are_each_an_audit_event_of_the_claim(reviewer, colleague):
    claim = ClaimFactory()
    claim_assign(claim=claim, assignee=reviewer, assigned_by=reviewer)
    claim_assign(claim=claim, assignee=colleague, assigned_by=reviewer, reassign=True)

    assert claim_unassign(claim=claim) is True
    assert claim_unassign(claim=claim) is False

    labels = list(
        Events.objects.references(claim)
        .filter(pgh_model="claims.ClaimAssignmentEvent")
        .order_by("pgh_created_at", "pgh_id")
        .values_list("pgh_label", flat=True)
    )
    assert labels == ["assigned", "reassigned", "unassigned"]


def test_claim_list_shows_who_is_checking_each_claim_without_a_query_per_row(
    client, reviewer, colleague, django_assert_max_num_queries
):
    for number in range(6):
        claim = ClaimFactory(text=f"Claim {number}")
        CitationFactory(claim=claim)
        claim_assign(
            claim=claim, assignee=colleague if number % 2 else reviewer, assigned_by=reviewer
        )
    client.force_login(reviewer)

    with django_assert_max_num_queries(15):
        response = client.get(CHANGELIST)

    page = response.content.decode()
    assert page.count("colin-colleague since") == 3 and page.count("rhea-reviewer since") == 3


def test_my_claims_view_lists_only_the_claims_i_am_checking(client, reviewer, colleague):
    mine = ClaimFactory(text="Mine")
    claim_assign(claim=mine, assignee=reviewer, assigned_by=reviewer)
    claim_assign(claim=ClaimFactory(text="Theirs"), assignee=colleague, assigned_by=colleague)
    ClaimFactory(text="Nobody's")
    client.force_login(reviewer)

    def texts(filter_value):
        response = client.get(CHANGELIST, {"assigned": filter_value})
        return sorted(claim.text for claim in response.context["cl"].result_list)

    assert texts("mine") == ["Mine"]
    assert texts("none") == ["Nobody's"]
    assert texts("anyone") == ["Mine", "Theirs"]


def test_claim_page_says_who_is_checking_it(client, reviewer, colleague):
    claim = ClaimFactory()
    claim_assign(claim=claim, assignee=colleague, assigned_by=reviewer)
    client.force_login(reviewer)

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert "Being checked by" in page and "colin-colleague since" in page


def test_take_action_takes_free_claims_and_leaves_a_colleagues_alone(client, reviewer, colleague):
    free, held = ClaimFactory(), ClaimFactory()
    claim_assign(claim=held, assignee=colleague, assigned_by=colleague)
    client.force_login(reviewer)

    response = client.post(
        CHANGELIST, {"action": "take_selected", "_selected_action": [free.pk, held.pk]}, follow=True
    )

    page = response.content.decode()
    assert "You are checking 1 claim(s)." in page
    assert "1 claim(s) left alone: already being checked by colin-colleague." in page
    assert ClaimAssignment.objects.get(claim=free).assignee == reviewer
    assert ClaimAssignment.objects.get(claim=held).assignee == colleague

    client.post(CHANGELIST, {"action": "unassign_selected", "_selected_action": [free.pk]})
    assert not ClaimAssignment.objects.filter(claim=free).exists()


def test_a_lead_assigns_claims_to_a_reviewer_replacing_whoever_had_them(
    client, reviewer, colleague
):
    free, held = ClaimFactory(), ClaimFactory()
    claim_assign(claim=held, assignee=reviewer, assigned_by=reviewer)
    client.force_login(reviewer)
    chosen = {"action": "assign_selected", "_selected_action": [free.pk, held.pk]}

    form = client.post(CHANGELIST, chosen)
    assert form.status_code == 200
    assert [user.username for user in form.context["form"].fields["assignee"].queryset] == [
        "colin-colleague",
        "rhea-reviewer",
    ]
    response = client.post(
        CHANGELIST, {**chosen, "apply": "yes", "assignee": colleague.pk}, follow=True
    )

    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["colin-colleague is checking 2 claim(s)."], messages
    assignments = ClaimAssignment.objects.filter(claim__in=[free, held])
    assert {(a.assignee, a.assigned_by) for a in assignments} == {(colleague, reviewer)}
