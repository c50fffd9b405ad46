"""Getting and revoking API tokens, over the API and with the management command. Tokens are
django-rest-knox tokens: hashed at rest, new on every login, expiring, revoked by a password
change."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.models import AuthToken

from factcheck.api import api_token_create

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct horse battery staple"


def login(client_for, user, password=PASSWORD):
    return client_for(None).post(
        TOKEN_URL, {"username": user.username, "password": password}, format="json"
    )


def client_with(client_for, token):
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_journalist_gets_a_token_with_username_and_password_and_can_use_it(client_for, journalist):
    response = login(client_for, journalist)

    assert response.status_code == 200
    assert response.json()["username"] == journalist.username
    assert (
        client_with(client_for, response.json()["token"]).get("/api/v1/claims/").status_code == 200
    )


def test_each_login_issues_a_new_token_and_both_work(client_for, journalist):
    first = login(client_for, journalist).json()["token"]
    second = login(client_for, journalist).json()["token"]

    assert first != second
    for token in (first, second):
        assert client_with(client_for, token).get("/api/v1/claims/").status_code == 200


def test_the_database_holds_only_a_hash_of_the_token(client_for, journalist):
    token = login(client_for, journalist).json()["token"]

    stored = AuthToken.objects.get(user=journalist)
    assert token not in {stored.digest, stored.token_key}
    assert len(stored.digest) == 128  # SHA-512, hex
    assert stored.token_key == token[: len(stored.token_key)] and len(stored.token_key) < len(token)


def test_token_expires_after_its_time_to_live(client_for, journalist, settings):
    response = login(client_for, journalist).json()
    expiry = datetime.datetime.fromisoformat(response["expiry"])
    assert abs(expiry - timezone.now() - settings.REST_KNOX["TOKEN_TTL"]) < datetime.timedelta(
        minutes=1
    )
    AuthToken.objects.filter(user=journalist).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert client_with(client_for, response["token"]).get("/api/v1/claims/").status_code == 401
    assert not AuthToken.objects.filter(user=journalist).exists()


def test_changing_the_password_revokes_every_token_of_the_user(client_for, journalist, reviewer):
    tokens = [api_token_create(user=journalist).token for _ in range(2)]
    others = api_token_create(user=reviewer).token

    journalist.set_password("a brand new passphrase")
    journalist.save()

    for token in tokens:
        assert client_with(client_for, token).get("/api/v1/claims/").status_code == 401
    assert client_with(client_for, others).get("/api/v1/claims/").status_code == 200


def test_saving_a_user_without_a_new_password_keeps_the_tokens(client_for, journalist):
    token = api_token_create(user=journalist).token
    journalist.first_name = "Jo"
    journalist.save()

    assert client_with(client_for, token).get("/api/v1/claims/").status_code == 200


def test_wrong_password_gets_no_token(client_for, journalist):
    response = login(client_for, journalist, password="guess")

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "non_field_errors": ["Unable to log in with these credentials."]
    }
    assert not AuthToken.objects.filter(user=journalist).exists()


def test_a_token_that_only_shares_the_key_prefix_is_refused(client_for, journalist):
    token = api_token_create(user=journalist).token
    forged = token[:-4] + ("0000" if not token.endswith("0000") else "1111")

    assert client_with(client_for, forged).get("/api/v1/claims/").status_code == 401


def test_revoked_token_no_longer_authenticates_and_others_survive(client_for, journalist):
    used = client_with(client_for, api_token_create(user=journalist).token)
    other = client_with(client_for, api_token_create(user=journalist).token)

    assert used.delete("/api/v1/auth/token/revoke/").status_code == 204
    assert used.get("/api/v1/claims/").status_code == 401
    assert other.get("/api/v1/claims/").status_code == 200


def test_command_prints_a_working_token_and_revokes_it(client_for, journalist, capsys):
    call_command("api_token", journalist.username)
    key = capsys.readouterr().out.strip()
    client = client_with(client_for, key)
    assert client.get("/api/v1/claims/").status_code == 200

    call_command("api_token", journalist.username, "--revoke")

    assert client.get("/api/v1/claims/").status_code == 401


def test_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("api_token", "nobody")


def test_command_refuses_to_revoke_a_missing_token(journalist):
    with pytest.raises(CommandError, match="has no token"):
        call_command("api_token", journalist.username, "--revoke")


def test_inactive_users_token_is_refused(client_for, journalist):
    client = client_for(journalist)
    journalist.is_active = False
    journalist.save()

    assert client.get("/api/v1/claims/").status_code == 401
