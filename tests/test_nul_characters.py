"""A NUL character, which PostgreSQL text cannot hold, in any request parameter is a 400, on
every page and endpoint: the admin's list filters took it to the database as it came."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/admin/claims/claim/?status=%00",
        "/admin/claims/claim/?topic=x%00y",
        "/admin/sources/source/?kind=%00",
        "/admin/claims/review/?verdict=%00",
        "/admin/claims/claim/?q=%00",
    ],
)
def test_an_admin_list_filter_holding_a_nul_character_is_a_bad_request(client, reviewer, url):
    client.force_login(reviewer)

    assert client.get(url).status_code == 400


def test_an_api_parameter_holding_a_nul_character_is_a_400_in_the_apis_shape(client, journalist):
    client.force_login(journalist)

    response = client.get("/api/v1/claims/?topic=%00")

    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "code": "bad_request",
        "detail": "A request parameter holds a NUL character.",
    }


def test_the_public_pages_refuse_a_nul_character_in_their_parameters(client, db):
    assert client.get("/fact-checks/?page=1%00").status_code == 400
    assert client.get("/fact-checks/?page=1").status_code == 200


def test_a_nul_character_is_refused_without_an_error_log_or_a_traceback_page(
    client, journalist, settings, caplog
):
    settings.DEBUG = True
    client.force_login(journalist)

    with caplog.at_level("WARNING", logger="django.request"):
        api = client.get("/api/v1/claims/?topic=%00")
        page = client.get("/fact-checks/?page=1%00")

    assert api.status_code == 400
    assert api.json()["code"] == "bad_request"
    assert page.status_code == 400
    assert b"Traceback" not in page.content
    assert not [record for record in caplog.records if record.levelname == "ERROR"]
