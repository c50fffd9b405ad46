"""The API's JSON is written by orjson, and reads byte for byte as DRF's own renderer wrote it."""

import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from factcheck.api_policy import JSONRenderer


def test_renderer_writes_the_bytes_drf_writes_for_every_kind_of_value():
    payload = {
        "published_at": datetime(2024, 12, 7, 18, 30, 5, 123456, tzinfo=UTC),
        "at_midnight": datetime(2024, 12, 8, tzinfo=UTC),
        "in_damascus": datetime(2024, 12, 8, 6, 0, tzinfo=timezone(timedelta(hours=3))),
        "day": date(2024, 12, 8),
        "clock": time(6, 15, 30),
        "window": timedelta(hours=36),
        "reliability": Decimal("0.83"),
        "share": 0.4,
        "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "message": gettext_lazy("This field is required."),
        "error": ErrorDetail("Invalid token.", code="authentication_failed"),
        "quote": 'Assad "remains" in Damascus — الأسد في دمشق </script>',
        "citations": ({"stance": "denies", "via": None}, {"stance": "asserts", "via": "afp"}),
        "tags": ["syria", "damascus"],
        "count": 2**40,
        "flagged": False,
    }

    assert JSONRenderer().render(payload) == DRFJSONRenderer().render(payload)


def test_renderer_refuses_a_value_it_cannot_write_rather_than_writing_null():
    with pytest.raises(TypeError):
        JSONRenderer().render({"claim": object()})


def test_claim_list_and_detail_answer_exactly_what_drfs_renderer_would(api, story):
    for url in ("/api/v1/claims/", f"/api/v1/claims/{story['assad_in_damascus'].pk}/"):
        response = api.get(url)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.content == DRFJSONRenderer().render(response.data)
