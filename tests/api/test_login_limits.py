"""Password guessing is limited: the token endpoint is throttled per client address and per user
name (a token sent along changes nothing), the client address is the connection's peer unless
that peer is a configured proxy, and django-axes locks out a user name or address after repeated
failures, in the admin and the API alike."""

import pytest
from django.test import Client

from factcheck.api import api_token_create

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct horse battery staple"
WRONG = {"username": "jo-journalist", "password": "guess"}


@pytest.fixture
def login_rates(settings):
    def set_rates(address="100/day", username="100/day"):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                "login_address": address,
                "login_username": username,
            },
        }

    # Throttles are what these tests look at; the lockout has its own tests below.
    settings.AXES_FAILURE_LIMIT = 1000
    return set_rates


def attempt(client, body=WRONG, **extra):
    return client.post(TOKEN_URL, body, format="json", **extra).status_code


def test_token_requests_are_throttled_per_address(client_for, login_rates):
    login_rates(address="2/day")

    statuses = [
        attempt(client_for(None), {"username": f"user{n}", "password": "guess"}) for n in range(3)
    ]

    assert statuses == [400, 400, 429]


def test_sending_a_valid_token_does_not_lift_the_login_throttle(
    client_for, journalist, login_rates
):
    login_rates(address="2/day")
    with_token = client_for(journalist)

    statuses = [attempt(with_token) for _ in range(3)]

    assert statuses == [400, 400, 429]


def test_a_rotating_x_forwarded_for_does_not_buy_more_attempts(client_for, journalist, login_rates):
    login_rates(address="2/day")
    client = client_for(None)

    statuses = [attempt(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}") for n in range(3)]

    assert statuses == [400, 400, 429]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget(
    client_for, journalist, login_rates, settings
):
    login_rates(address="1/day")
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]
    client = client_for(None)

    assert attempt(client, HTTP_X_FORWARDED_FOR="203.0.113.7") == 400
    assert attempt(client, HTTP_X_FORWARDED_FOR="203.0.113.8") == 400
    # The client wrote the left-hand entry itself; the proxy appended the real one.
    assert attempt(client, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7") == 429


def test_one_user_name_is_throttled_across_addresses(client_for, journalist, login_rates):
    login_rates(username="2/day")
    client = client_for(None)

    statuses = [attempt(client, REMOTE_ADDR=f"203.0.113.{n}") for n in range(3)]

    assert statuses == [400, 400, 429]
    assert (
        attempt(
            client, {"username": "someone-else", "password": "guess"}, REMOTE_ADDR="203.0.113.9"
        )
        == 400
    )


def test_api_login_is_locked_out_after_the_failure_limit_even_with_the_right_password(
    client_for, journalist, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    client = client_for(None)
    for _ in range(3):
        attempt(client)

    response = client.post(
        TOKEN_URL, {"username": journalist.username, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert int(response["Retry-After"]) > 0


def test_admin_login_is_locked_out_after_the_failure_limit(reviewer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    browser = Client()
    statuses = [
        browser.post(
            "/admin/login/", {"username": reviewer.username, "password": "guess"}
        ).status_code
        for _ in range(3)
    ]
    # The failure that reaches the limit is the first one refused.
    assert statuses == [200, 200, 429]

    response = browser.post("/admin/login/", {"username": reviewer.username, "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in browser.session


def test_admin_login_from_another_address_is_locked_out_for_that_user_name(reviewer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(
            "/admin/login/", {"username": reviewer.username, "password": "guess"}
        )

    response = Client(REMOTE_ADDR="198.51.100.1").post(
        "/admin/login/", {"username": reviewer.username, "password": PASSWORD}
    )

    assert response.status_code == 429


def test_a_successful_admin_login_below_the_limit_works_and_resets_the_count(reviewer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    browser = Client()
    for _ in range(2):
        browser.post("/admin/login/", {"username": reviewer.username, "password": "guess"})

    response = browser.post("/admin/login/", {"username": reviewer.username, "password": PASSWORD})

    assert response.status_code == 302
    assert browser.session["_auth_user_id"] == str(reviewer.pk)


def test_tokens_keep_working_for_users_of_a_locked_out_address(client_for, journalist, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = client_for(None)
    for _ in range(2):
        attempt(client, {"username": "mallory", "password": "guess"})

    assert client_for(journalist).get("/api/v1/claims/").status_code == 200
    assert api_token_create(user=journalist).token


def test_authenticating_without_a_request_is_not_a_web_login_and_still_works(journalist):
    from django.contrib.auth import authenticate

    assert authenticate(username=journalist.username, password=PASSWORD) == journalist
