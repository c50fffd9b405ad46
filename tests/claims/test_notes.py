"""Reviewers' working notes on a claim: who, when, text and an optional link, append-only down to
the database, on the claim's page and in its history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import ProgrammingError, transaction
from django.urls import reverse
from pghistory.models import Events

from claims.models import ClaimNote
from claims.services import claim_note_create
from tests.admin_forms import form_data
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def test_a_note_records_who_wrote_it_when_and_an_optional_link(reviewer):
    claim = ClaimFactory()

    note = claim_note_create(
        claim=claim,
        author=reviewer,
        text="  Called the ministry; no answer yet. ",
        url="https://example.org/call-log",
    )

    assert (note.claim, note.author, note.text, note.url) == (
        claim,
        reviewer,
        "Called the ministry; no answer yet.",
        "https://example.org/call-log",
    )
    assert note.created_at is not None


@pytest.mark.parametrize("text", ["", "\u200b \u00a0", "n" * 10_001])
def test_an_empty_invisible_or_oversized_note_is_refused_on_text(reviewer, text):
    with pytest.raises(ValidationError) as error:
        claim_note_create(claim=ClaimFactory(), author=reviewer, text=text)

    assert "text" in error.value.message_dict
    assert not ClaimNote.objects.exists()


def test_the_database_refuses_to_edit_or_delete_a_note(reviewer):
    note = claim_note_create(claim=ClaimFactory(), author=reviewer, text="First look: two sources.")

    with pytest.raises(ProgrammingError, match="claims_claimnote"), transaction.atomic():
        ClaimNote.objects.filter(pk=note.pk).update(text="Rewritten")
    with pytest.raises(ProgrammingError, match="claims_claimnote"), transaction.atomic():
        ClaimNote.objects.filter(pk=note.pk).delete()

    note.refresh_from_db()
    assert note.text == "First look: two sources."


def test_a_note_is_in_the_claims_history(reviewer):
    claim = ClaimFactory()
    claim_note_create(claim=claim, author=reviewer, text="Checked the satellite images.")

    events = Events.objects.references(claim).filter(pgh_model="claims.ClaimNoteEvent")

    assert [(event.pgh_label, event.pgh_data["text"]) for event in events] == [
        ("noted", "Checked the satellite images.")
    ]


def test_a_reviewer_adds_a_note_on_the_claim_page_and_sees_the_notes_oldest_first(client, reviewer):
    claim = ClaimFactory()
    claim_note_create(
        claim=claim, author=UserFactory(username="earlier-reviewer"), text="Earlier note."
    )
    client.force_login(reviewer)
    data = form_data(client.get(change_url(claim)), "claim_form")
    data.update(
        {"notes-2-0-text": "Asked our stringer in Homs.", "notes-2-0-url": "example.org/stringer"}
    )

    response = client.post(change_url(claim), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(claim.notes.values_list("author__username", "text", "url")) == [
        ("earlier-reviewer", "Earlier note.", ""),
        ("rhea-reviewer", "Asked our stringer in Homs.", "https://example.org/stringer"),
    ]
    page = client.get(change_url(claim)).content.decode()
    assert page.index("Earlier note.") < page.index("Asked our stringer in Homs.")


def test_journalist_staff_see_notes_but_no_note_form(client, reviewer):
    journalist = UserFactory(username="jo-staff", is_staff=True, roles=["journalist"])
    claim = ClaimFactory()
    claim_note_create(claim=claim, author=reviewer, text="Waiting for the AFP photo.")
    client.force_login(journalist)

    response = client.get(change_url(claim))

    assert "Waiting for the AFP photo." in response.content.decode()
    inlines = [type(inline.opts).__name__ for inline in response.context["inline_admin_formsets"]]
    assert "ClaimNoteAddInline" not in inlines and "ClaimNoteInline" in inlines
