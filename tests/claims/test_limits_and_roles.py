"""A claim is a statement, not an article: its text has a cap in the model, the database, the
admin's forms and the API, and lists show long texts cut short. The admin shows each role only
the forms it can use, and tells an account without admin access why it cannot log in. A claim
that already exists but for case and white space is refused, naming the existing one."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Value
from django.urls import reverse

from claims.models import Claim, SameText
from claims.services import claim_create
from factcheck.text import CLAIM_TEXT_MAX_LENGTH
from tests.admin_forms import form_data
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")
ADD = reverse("admin:claims_claim_add")
LOGIN = reverse("admin:login")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def test_claim_text_is_capped_at_a_statements_length():
    assert CLAIM_TEXT_MAX_LENGTH == 1000
    at_cap = claim_create(text="x" * CLAIM_TEXT_MAX_LENGTH, created_by=None)
    with pytest.raises(ValidationError) as error:
        claim_create(text="y" * (CLAIM_TEXT_MAX_LENGTH + 1), created_by=None)

    assert len(at_cap.text) == CLAIM_TEXT_MAX_LENGTH
    assert "text" in error.value.message_dict
    assert not Claim.objects.filter(text__startswith="y").exists()


def test_database_refuses_a_longer_claim_text_written_around_the_model():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError, match="claim_text_length"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(text="z" * (CLAIM_TEXT_MAX_LENGTH + 1))


def test_admin_add_form_refuses_a_longer_claim_text_with_a_field_error(client, reviewer):
    client.force_login(reviewer)
    data = form_data(client.get(ADD), "claim_form")
    data["text"] = "v" * (CLAIM_TEXT_MAX_LENGTH + 1)

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert "text" in response.context["adminform"].form.errors
    assert not Claim.objects.exists()


def test_claim_list_shows_a_long_text_cut_short(client, reviewer):
    long_text = "The offensive reached the outskirts of the city " + "and went on " * 80
    ClaimFactory(text=long_text[:CLAIM_TEXT_MAX_LENGTH])
    client.force_login(reviewer)

    page = client.get(CHANGELIST).content.decode()

    assert "The offensive reached the outskirts of the city" in page
    assert long_text[:CLAIM_TEXT_MAX_LENGTH] not in page
    assert "…" in page


def test_migration_stops_naming_the_claims_longer_than_the_new_cap_and_changes_nothing():
    migration = importlib.import_module("claims.migrations.0017_claim_text_statement_sized")
    with connection.cursor() as cursor:
        # As a database migrated before the cap was lowered could hold.
        cursor.execute("ALTER TABLE claims_claim DROP CONSTRAINT claim_text_length")
    claim = ClaimFactory()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_claim SET text = repeat('a', 1500) WHERE id = %s", [claim.pk])

    with pytest.raises(
        RuntimeError,
        match=rf"1 claim\(s\) have text longer than 1000 characters \(ids {claim.pk}\)",
    ):
        migration.refuse_longer_texts(apps, None)

    claim.refresh_from_db()
    assert len(claim.text) == 1500


def test_journalist_staff_see_a_read_only_claim_page_without_empty_forms(client):
    journalist = UserFactory(username="jo-staff", is_staff=True, roles=["journalist"])
    claim = ClaimFactory()
    client.force_login(journalist)

    response = client.get(change_url(claim))

    assert response.status_code == 200
    page = response.content.decode()
    assert claim.text in page
    inlines = [type(inline.opts).__name__ for inline in response.context["inline_admin_formsets"]]
    assert inlines == ["CitationInline", "ReviewHistoryInline", "ClaimNoteInline"]
    assert "Add citations" not in page
    assert 'name="_save"' not in page


def test_reviewer_still_gets_the_citation_and_verdict_forms(client, reviewer):
    client.force_login(reviewer)

    page = client.get(change_url(ClaimFactory())).content.decode()

    assert "Add citations" in page and 'id="reviews-heading"' in page and 'name="_save"' in page


def test_a_non_staff_login_to_the_admin_is_told_the_account_has_no_admin_access(client, journalist):
    response = client.post(
        LOGIN, {"username": journalist.username, "password": "correct horse battery staple"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "This account has no admin access" in page
    assert "correct username and password" not in page
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_at_the_admin_login_is_still_a_wrong_password(client, journalist):
    response = client.post(LOGIN, {"username": journalist.username, "password": "wrong"})

    page = response.content.decode()
    assert "correct username and password" in page
    assert "no admin access" not in page


def test_a_claim_that_exists_but_for_case_and_spaces_is_refused_naming_the_existing_one(reviewer):
    existing = claim_create(text="HTS has captured Hama", created_by=reviewer)

    with pytest.raises(ValidationError) as error:
        claim_create(text="hts  has captured HAMA\u200b", created_by=reviewer)

    assert error.value.message_dict["text"][0].startswith(f"Claim {existing.pk} already says this")
    assert Claim.objects.count() == 1
    assert claim_create(text="HTS has captured Homs", created_by=reviewer).pk != existing.pk


def test_admin_add_form_names_the_claim_that_already_says_this(client, reviewer):
    existing = claim_create(text="Assad has fled Syria", created_by=reviewer)
    client.force_login(reviewer)
    data = form_data(client.get(ADD), "claim_form")
    data["text"] = "ASSAD has fled   Syria"

    response = client.post(ADD, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["text"]
    assert errors[0].startswith(f"Claim {existing.pk} already says this")
    assert change_url(existing) in response.content.decode()
    assert Claim.objects.count() == 1


def test_editing_a_claim_keeps_its_own_text_without_a_duplicate_error(client, reviewer):
    claim = claim_create(text="Regime forces withdrew", created_by=reviewer)
    client.force_login(reviewer)
    data = form_data(client.get(change_url(claim)), "claim_form")
    data["topic"] = "syria-front"

    response = client.post(change_url(claim), data)

    assert response.status_code == 302


def test_the_same_text_lookup_is_one_index_probe():
    ClaimFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would otherwise be scanned
    lookup = Claim.objects.alias(same_text=SameText("text")).filter(
        same_text=SameText(Value(" X  y "))
    )

    assert "claim_same_text" in lookup.explain()
