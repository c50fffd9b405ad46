"""Intake off the request, with a real Celery worker process on the real Redis (the test broker,
tests/broker.py): the API answers 202 with a URL to poll, the worker reads the article, and a 2 MB
article is read or refused by the worker's deadline instead of holding a request."""

import pytest
from rest_framework.test import APIClient

from intake.models import ArticleImport, ExtractionStatus
from tests.broker import wait_until
from tests.intake_data import seed_dir

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_database_after_module"),
]

URL = "/api/v1/intake/"


@pytest.fixture
def api(journalist):
    client = APIClient()
    client.force_authenticate(journalist)
    return client


def polled_until_read(api, body, timeout):
    def read():
        body.update(api.get(body["poll"]).json())
        return body["article"]["status"] in {"done", "failed"}

    wait_until(read, timeout=timeout, what="the worker to read the article")
    return body


def test_the_worker_reads_an_imported_article_and_the_client_polls_for_the_proposals(
    api, start_worker
):
    start_worker()
    text = (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()

    posted = api.post(
        URL,
        {"text": text, "outlet": "Example News", "published_at": "2024-12-07T09:00:00Z"},
        format="json",
    )

    # Ready within a second: the proposals at once; otherwise 202 and a URL to poll.
    assert posted.status_code in {201, 202}
    body = polled_until_read(api, posted.json(), timeout=60)
    assert body["article"]["status"] == "done"
    stances = {(p["source"]["name"], p["text"], p["stance"]) for p in body["proposals"]}
    assert ("Syrian state media", "Assad had fled Syria", "denies") in stances
    assert ("Syrian state media", "Assad had fled Syria", "asserts") not in stances


def test_a_two_megabyte_article_past_the_deadline_is_refused_by_the_worker(api, start_worker):
    # A short reading deadline: the refusal is what is tested, not how long reading takes (the load
    # bench reads a 2 MB article with the default).
    start_worker(INTAKE_READING_SECONDS="3")
    # Unattributed colour with no statements in it: nothing stops the reading early.
    paragraph = (
        "The market was quiet in the morning and the streets were wet after the rain, and people "
        "waited in line for bread while the radio played old songs near the square. "
    )
    text = "\n\n".join(paragraph * 4 for _ in range(2_000_000 // (len(paragraph) * 4 + 2)))
    assert len(text) > 1_990_000

    posted = api.post(URL, {"text": text, "outlet": "Example News"}, format="json")

    assert posted.status_code == 202, posted.json()
    body = polled_until_read(api, posted.json(), timeout=90)
    article = ArticleImport.objects.get(pk=body["article"]["id"])
    assert article.extraction_status == ExtractionStatus.FAILED
    assert "took too long" in body["notice"] and body["proposals"] == []
