import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from jobs.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.factories import ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(journalist):
    client = APIClient()
    client.force_authenticate(journalist)
    return client


def test_a_journalist_subscribes_to_a_claim_and_gets_the_secret_once(api, journalist):
    claim = ClaimFactory()
    response = api.post(
        reverse("subscription-list"),
        {
            "kind": "claim",
            "claim": claim.pk,
            "target_url": "https://newsroom.example/hooks/factcheck",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert len(response.data["secret"]) >= 32
    subscription = WebhookSubscription.objects.get()
    assert (subscription.owner, subscription.claim, subscription.secret) == (
        journalist,
        claim,
        response.data["secret"],
    )

    listed = api.get(reverse("subscription-list")).data
    assert [s["id"] for s in listed] == [subscription.pk] and "secret" not in listed[0]


def test_subscriptions_to_a_source_topic_and_search_are_accepted(api):
    sohr = SourceFactory(slug="sohr")
    for body in [
        {"kind": "source", "source": "sohr"},
        {"kind": "topic", "topic": "Syria"},
        {"kind": "search", "query": "Assad Damascus"},
    ]:
        response = api.post(
            reverse("subscription-list"),
            {**body, "target_url": "https://n.example/h"},
            format="json",
        )
        assert response.status_code == 201, response.data
    assert WebhookSubscription.objects.filter(source=sohr).exists()


def test_a_source_is_followed_by_its_name_as_anywhere_in_the_api(api):
    sohr = SourceFactory(slug="sohr", name="Syrian Observatory for Human Rights")
    response = api.post(
        reverse("subscription-list"),
        {
            "kind": "source",
            "source": "Syrian Observatory for Human Rights",
            "target_url": "https://n.example/h",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.data["source"] == "sohr"
    assert WebhookSubscription.objects.get().source == sohr


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kind": "claim", "target_url": "https://n.example/h"}, "claim"),
        ({"kind": "topic", "topic": "  ", "target_url": "https://n.example/h"}, "topic"),
        ({"kind": "source", "source": "nobody", "target_url": "https://n.example/h"}, "source"),
        ({"kind": "source", "source": "so\u0000hr", "target_url": "https://n.example/h"}, "source"),
        ({"kind": "claim", "claim": -7777777777, "target_url": "https://n.example/h"}, "claim"),
        ({"kind": "weather", "target_url": "https://n.example/h"}, "kind"),
        ({"kind": "topic", "topic": "syria", "target_url": "not a url"}, "target_url"),
        ({"kind": "topic", "topic": "syria", "target_url": "ftp://n.example/h"}, "target_url"),
        (
            {"kind": "topic", "topic": "syria", "target_url": "http://127.0.0.1:8000/h"},
            "target_url",
        ),
        ({"kind": "topic", "topic": "syria", "target_url": "http://10.1.2.3/h"}, "target_url"),
        ({"kind": "topic", "topic": "syria", "target_url": "http://[::1]/h"}, "target_url"),
        (
            {"kind": "topic", "topic": "syria", "target_url": "http://169.254.169.254/latest"},
            "target_url",
        ),
        ({"kind": "topic", "topic": "syria", "target_url": "http://localhost/h"}, "target_url"),
    ],
)
def test_bad_subscriptions_get_a_field_level_400(api, body, field):
    response = api.post(reverse("subscription-list"), body, format="json")
    assert response.status_code == 400 and field in response.data["fields"]
    assert not WebhookSubscription.objects.exists()


def test_cancelling_stops_pending_deliveries_and_others_cannot_see_or_cancel_it(api, journalist):
    claim = ClaimFactory()
    created = api.post(
        reverse("subscription-list"),
        {"kind": "claim", "claim": claim.pk, "target_url": "https://n.example/h"},
        format="json",
    ).data
    subscription = WebhookSubscription.objects.get(pk=created["id"])
    WebhookDelivery.objects.create(
        subscription=subscription,
        event_id="00000000-0000-0000-0000-000000000001",
        event_type="claim.changed",
        payload={},
    )
    stranger = APIClient()
    stranger.force_authenticate(UserFactory(roles=["journalist"]))
    detail = reverse("subscription-detail", args=[subscription.pk])
    assert stranger.get(detail).status_code == 404
    assert stranger.delete(detail).status_code == 404

    assert api.delete(detail).status_code == 204
    subscription.refresh_from_db()
    assert not subscription.active
    assert subscription.deliveries.get().status == DeliveryStatus.FAILED


def test_anonymous_callers_cannot_subscribe():
    response = APIClient().post(
        reverse("subscription-list"),
        {"kind": "topic", "topic": "syria", "target_url": "https://n.example/h"},
        format="json",
    )
    assert response.status_code in {401, 403}
    assert not WebhookSubscription.objects.exists()


def test_a_private_target_is_accepted_where_the_fetcher_allows_its_network(api, settings):
    settings.FETCH_ALLOWED_NETWORKS = ["10.0.0.0/8"]

    response = api.post(
        reverse("subscription-list"),
        {"kind": "topic", "topic": "syria", "target_url": "http://10.1.2.3/hook"},
        format="json",
    )

    assert response.status_code == 201, response.content
