"""Every admin form and API write goes through the services: each test submits one, as a browser
or an API client would, and checks what only the service does (a recompute request naming what
changed, the search document, the source's own name registered as an alias, invisible edges
trimmed), and that text showing nothing is a field error, never a row."""

from datetime import UTC, datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.postgres.search import SearchQuery
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import (
    Citation,
    Claim,
    ClaimSearchDocument,
    ClaimStatus,
    RecomputeRequest,
    Verdict,
)
from claims.services import citation_create, claim_create
from factcheck.api import api_token_create
from sources.models import Grade, Source, SourceKind
from sources.selectors import source_resolve
from sources.services import source_create
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u202e\u2060"  # a zero-width space, a bidi override, a word joiner


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def requests_naming(*, claim=None, source=None):
    """Reasons of the recompute requests naming this claim or source."""
    requests = RecomputeRequest.objects.all()
    if claim is not None:
        requests = requests.filter(claim_ids__contains=[claim.pk])
    if source is not None:
        requests = requests.filter(source_ids__contains=[source.pk])
    return set(requests.values_list("reason", flat=True))


def found_by_search(claim, words):
    query = SearchQuery(words, config="english", search_type="websearch")
    return ClaimSearchDocument.objects.filter(claim=claim, document=query).exists()


def submit(client, url, form_id, /, **changes):
    data = form_data(client.get(url), form_id)
    data.update(changes)
    return client.post(url, data)


def assert_saved(response):
    assert response.status_code == 302, response.context and response.context["errors"]


@pytest.fixture
def desk(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def government():
    return source_create(name="Syrian government", kind=SourceKind.GOVERNMENT)


@pytest.fixture
def sana(government):
    return source_create(name="SANA", kind=SourceKind.STATE_MEDIA, parent=government)


@pytest.fixture
def claim(reviewer, sana):
    claim = claim_create(text="Assad remains in Damascus", created_by=reviewer)
    citation_create(claim=claim, source=sana, url="https://sana.sy/assad")
    RecomputeRequest.objects.all().delete()  # what the setup queued is not what the tests check
    return claim


# --- The admin ---------------------------------------------------------------------------------


def test_admin_source_add_registers_its_name_as_an_alias(desk, government):
    response = submit(
        desk,
        admin_url(Source, "add"),
        "source_form",
        name="\u200bSyrian Arab News Agency ",
        kind=SourceKind.STATE_MEDIA,
        parent=str(government.pk),
    )

    assert_saved(response)
    created = source_resolve(name="syrian arab news agency")
    assert (created.name, created.parent) == ("Syrian Arab News Agency", government)


def test_admin_source_change_of_affiliation_queues_a_recompute_of_both_families(
    desk, government, sana
):
    opposition = source_create(name="Syrian opposition")

    url = admin_url(Source, "change", sana.pk)

    assert_saved(submit(desk, url, "source_form", parent=str(opposition.pk)))

    sana.refresh_from_db()
    assert sana.parent == opposition
    request = RecomputeRequest.objects.get()
    assert (request.reason, request.source_ids) == (
        "affiliation",
        sorted([government.pk, sana.pk, opposition.pk]),
    )


def test_admin_source_rename_registers_the_new_name_and_queues_a_recompute(desk, sana):
    url = admin_url(Source, "change", sana.pk)

    assert_saved(submit(desk, url, "source_form", name="Syrian Arab News Agency"))

    assert source_resolve(name="Syrian Arab News Agency") == sana
    assert requests_naming(source=sana) == {"source renamed"}


def test_admin_source_change_that_moves_no_figure_queues_nothing(desk, sana):
    assert_saved(submit(desk, admin_url(Source, "change", sana.pk), "source_form", country="sy"))

    sana.refresh_from_db()
    assert sana.country == "SY"
    assert not RecomputeRequest.objects.exists()


def test_admin_aliases_added_and_renamed_on_the_source_page_are_trimmed_of_invisible_edges(
    desk, sana
):
    url = admin_url(Source, "change", sana.pk)
    # aliases-0 is the source's own name, aliases-1 the empty form for a new alias.
    added = {"aliases-1-name": "\u200bSyrian Arab News Agency\ufeff"}
    assert_saved(submit(desk, url, "source_form", **added))
    data = form_data(desk.get(url), "source_form")
    renamed = next(k for k, name in data.items() if k.startswith("aliases-") and name == "SANA")
    assert_saved(submit(desk, url, "source_form", **{renamed: "S.A.N.A.\u2060"}))

    aliases = sorted(sana.aliases.values_list("name", flat=True))
    assert aliases == ["S.A.N.A.", "Syrian Arab News Agency"]


def test_admin_rating_on_the_source_page_queues_a_recompute(desk, sana):
    url = admin_url(Source, "change", sana.pk)

    rating = {"ratings-0-grade": Grade.D, "ratings-0-rationale": "Echoes the ministry."}

    response = submit(desk, url, "source_form", **rating)

    assert_saved(response)
    assert sana.ratings.get().grade == Grade.D
    assert requests_naming(source=sana) == {"rating"}


def inline_errors(response, index):
    return response.context["inline_admin_formsets"][index].formset.errors


@pytest.mark.parametrize(
    ("field", "form_errors"),
    [
        ("name", lambda response: response.context["adminform"].form.errors),
        ("aliases-1-name", lambda response: inline_errors(response, 0)[1]),
        ("ratings-0-rationale", lambda response: inline_errors(response, 1)[0]),
    ],
)
def test_admin_names_aliases_and_rationales_showing_nothing_are_form_errors(
    desk, sana, field, form_errors
):
    changes = {field: INVISIBLE}
    if field.startswith("ratings"):
        changes["ratings-0-grade"] = Grade.C

    response = submit(desk, admin_url(Source, "change", sana.pk), "source_form", **changes)

    assert response.status_code == 200
    errors = form_errors(response)
    assert errors[field.rsplit("-", 1)[-1]] == ["This field cannot be blank."]
    sana.refresh_from_db()
    assert (sana.name, sana.ratings.count(), sana.aliases.count()) == ("SANA", 0, 1)


def test_admin_source_add_with_a_name_showing_nothing_is_a_form_error(desk):
    response = submit(
        desk, admin_url(Source, "add"), "source_form", name=INVISIBLE, kind=SourceKind.OTHER
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == ["This field cannot be blank."]
    assert not Source.objects.exists()


def test_admin_claim_add_with_a_citation_queues_a_recompute_and_is_searchable(desk, sana):
    response = submit(
        desk,
        admin_url(Claim, "add"),
        "claim_form",
        text="Iran's advisers have begun withdrawing",
        **{"citations-2-0-source": str(sana.pk), "citations-2-0-stance": "asserts"},
    )

    assert_saved(response)
    claim = Claim.objects.get(text="Iran's advisers have begun withdrawing")
    assert found_by_search(claim, "advisers withdrawing")
    assert requests_naming(claim=claim) == {"citation"}


def test_admin_claim_edit_updates_the_search_document_and_keeps_the_status(desk, claim):
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.CONTRADICTED)  # kept by reviews
    url = admin_url(Claim, "change", claim.pk)

    # A reviewed claim's text changes only with the reviewer's confirmation.
    edit = {
        "text": "Assad has left Damascus\u200b",
        "topic": " syria ",
        "confirm_text_change": "on",
    }

    assert_saved(submit(desk, url, "claim_form", **edit))

    claim.refresh_from_db()
    assert (claim.text, claim.topic, claim.status) == (
        "Assad has left Damascus",
        "syria",
        ClaimStatus.CONTRADICTED,
    )
    assert found_by_search(claim, "left") and not found_by_search(claim, "remains")


def test_admin_claim_edit_showing_nothing_is_a_form_error(desk, claim):
    response = submit(desk, admin_url(Claim, "change", claim.pk), "claim_form", text=INVISIBLE)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text"] == ["This field cannot be blank."]


def test_admin_verdict_on_the_claim_page_sets_the_status_and_queues_a_recompute(desk, claim):
    response = submit(
        desk,
        admin_url(Claim, "change", claim.pk),
        "claim_form",
        **{"reviews-0-verdict": Verdict.CONTRADICTED, "reviews-0-evidence_note": "He fled."},
    )

    assert_saved(response)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONTRADICTED
    assert requests_naming(claim=claim) == {"review"}


def test_admin_bulk_verdict_reviews_each_claim_and_queues_their_recomputes(desk, claim, reviewer):
    other = claim_create(text="HTS has captured Hama", created_by=reviewer)
    selection = {"action": "mark_superseded", ACTION_CHECKBOX_NAME: [claim.pk, other.pk]}

    response = desk.post(
        admin_url(Claim, "changelist"),
        {
            **selection,
            "apply": "yes",
            "evidence_note": "True when made; overtaken on 8 December.",
            "effective_at_0": "2024-12-08",
            "effective_at_1": "01:00:00",
        },
    )

    assert response.status_code == 302
    for reviewed in (claim, other):
        reviewed.refresh_from_db()
        assert reviewed.status == ClaimStatus.SUPERSEDED
        assert requests_naming(claim=reviewed) == {"review"}


def test_admin_citation_add_change_and_delete_queue_recomputes(
    desk, claim, sana, government, staff
):
    add = submit(
        desk,
        admin_url(Citation, "add"),
        "citation_form",
        claim=str(claim.pk),
        source=str(government.pk),
        stance="asserts",
        url="https://gov.sy/statement",
    )
    assert_saved(add)
    citation = claim.citations.get(source=government)
    assert requests_naming(claim=claim) == {"citation"}

    RecomputeRequest.objects.all().delete()
    change_url = admin_url(Citation, "change", citation.pk)
    change = submit(desk, change_url, "citation_form", source=str(sana.pk))
    assert_saved(change)
    assert requests_naming(claim=claim, source=government) == {"citation changed"}

    RecomputeRequest.objects.all().delete()
    desk.force_login(staff)  # reviewers may not delete citations
    delete = desk.post(admin_url(Citation, "delete", citation.pk), {"post": "yes"})
    assert delete.status_code == 302
    assert requests_naming(claim=claim, source=sana) == {"citation deleted"}


# --- The API -----------------------------------------------------------------------------------


def api_as(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user).token}")
    return client


def test_api_source_create_registers_its_name_and_aliases(journalist, government):
    response = api_as(journalist).post(
        reverse("source-list"),
        {
            "name": "SANA\u200b",
            "kind": "state_media",
            "parent": "Syrian government",
            "aliases": ["Syrian Arab News Agency"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    sana = source_resolve(name="Syrian Arab News Agency")
    assert source_resolve(name="sana") == sana
    assert (sana.name, sana.parent) == ("SANA", government)


@pytest.mark.parametrize("field", ["name", "aliases"])
def test_api_source_name_or_alias_showing_nothing_is_a_400_field_error(journalist, field):
    body = {"name": "SANA", "aliases": []}
    body[field] = INVISIBLE if field == "name" else ["SANA news", INVISIBLE]

    response = api_as(journalist).post(reverse("source-list"), body, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["fields"] == {field: ["This field cannot be blank."]}
    assert not Source.objects.exists()


def test_api_rating_queues_a_recompute(reviewer, sana):
    response = api_as(reviewer).post(
        reverse("source-ratings", kwargs={"slug": sana.slug}),
        {"grade": "D", "rationale": "Echoes the ministry."},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert requests_naming(source=sana) == {"rating"}


def test_api_rating_rationale_showing_nothing_is_a_400_field_error(reviewer, sana):
    response = api_as(reviewer).post(
        reverse("source-ratings", kwargs={"slug": sana.slug}),
        {"grade": "D", "rationale": INVISIBLE},
        format="json",
    )

    assert response.status_code == 400, response.content
    assert response.json()["fields"] == {"rationale": ["This field cannot be blank."]}
    assert not sana.ratings.exists()


def test_api_claim_create_queues_a_recompute_and_is_searchable(journalist, sana):
    response = api_as(journalist).post(
        reverse("claim-list"),
        {
            "text": "Rebels entered Hama",
            "citation": {"source": "SANA", "quote": "Units redeployed near Idlib."},
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    claim = Claim.objects.get(pk=response.json()["id"])
    assert found_by_search(claim, "Hama") and found_by_search(claim, "Idlib")
    assert requests_naming(claim=claim) == {"citation"}


def test_api_citation_create_queues_a_recompute(journalist, claim, government):
    response = api_as(journalist).post(
        reverse("claim-citations", kwargs={"claim_id": claim.pk}),
        {"source": "Syrian government", "stance": "denies", "published_at": "2024-12-08T06:00:00Z"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert requests_naming(claim=claim) == {"citation"}
    claim.refresh_from_db()
    assert claim.first_reported_at == datetime(2024, 12, 8, 6, tzinfo=UTC)


def test_api_review_sets_the_status_and_queues_a_recompute(reviewer, claim):
    evidence = claim.citations.get()

    response = api_as(reviewer).post(
        reverse("claim-reviews", kwargs={"claim_id": claim.pk}),
        {
            "verdict": "contradicted",
            "evidence_note": "He fled.",
            "evidence_citations": [evidence.pk],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["claim_status"] == ClaimStatus.CONTRADICTED
    assert requests_naming(claim=claim) == {"review"}


def test_api_review_citing_another_claims_citation_is_refused_by_the_service(reviewer, claim, sana):
    other = claim_create(text="HTS has captured Hama", created_by=reviewer)
    elsewhere = citation_create(claim=other, source=sana)
    RecomputeRequest.objects.all().delete()

    response = api_as(reviewer).post(
        reverse("claim-reviews", kwargs={"claim_id": claim.pk}),
        {
            "verdict": "contradicted",
            "evidence_note": "He fled.",
            "evidence_citations": [elsewhere.pk],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "evidence_citations": ["Evidence must be citations of this claim."]
    }
    assert not claim.reviews.exists() and not RecomputeRequest.objects.exists()


def test_api_review_citing_no_citation_at_all_names_the_missing_id(reviewer, claim):
    response = api_as(reviewer).post(
        reverse("claim-reviews", kwargs={"claim_id": claim.pk}),
        {"verdict": "contradicted", "evidence_note": "He fled.", "evidence_citations": [10**9]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"evidence_citations": [f"No citation has id {10**9}."]}
