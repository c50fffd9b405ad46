"""Getting and revoking API tokens, over the API and with the management command."""

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct horse battery staple"


def test_journalist_gets_a_token_with_username_and_password_and_can_use_it(client_for, journalist):
    response = client_for(None).post(
        TOKEN_URL, {"username": journalist.username, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 200
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/claims/").status_code == 200


def test_asking_twice_returns_the_same_token(client_for, journalist):
    login = {"username": journalist.username, "password": PASSWORD}
    first = client_for(None).post(TOKEN_URL, login, format="json").json()["token"]
    second = client_for(None).post(TOKEN_URL, login, format="json").json()["token"]

    assert first == second


def test_wrong_password_gets_no_token(client_for, journalist):
    response = client_for(None).post(
        TOKEN_URL, {"username": journalist.username, "password": "guess"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "non_field_errors": ["Unable to log in with these credentials."]
    }
    assert not Token.objects.filter(user=journalist).exists()


def test_revoked_token_no_longer_authenticates(client_for, journalist):
    client = client_for(journalist)

    assert client.delete("/api/v1/auth/token/revoke/").status_code == 204
    assert client.get("/api/v1/claims/").status_code == 401


def test_command_prints_a_working_token_and_revokes_it(client_for, journalist, capsys):
    call_command("api_token", journalist.username)
    key = capsys.readouterr().out.strip()
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
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
