"""Creating reviewer and journalist accounts with `manage.py create_account`."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from factcheck.api_policy import user_has_role


def create(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("create_account", *args, stdout=out)
    return out.getvalue()


def test_a_reviewer_gets_the_role_admin_access_and_a_generated_password_that_works(db):
    output = create("rhea", "--role", "reviewer")

    password = output.split("Password (shown once): ", 1)[1].strip()
    user = get_user_model().objects.get(username="rhea")
    assert user.is_staff and not user.is_superuser
    assert user_has_role(user, "reviewer")
    assert user.check_password(password) and len(password) >= 20


def test_a_journalist_gets_the_role_without_admin_access_and_can_log_in_to_the_api(db, monkeypatch):
    output = create(
        "jo",
        "--role",
        "journalist",
        "--password-stdin",
        stdin="a long enough passphrase 42\n",
        monkeypatch=monkeypatch,
    )

    assert output == "Created journalist jo (logs in to the API).\n"
    user = get_user_model().objects.get(username="jo")
    assert (
        not user.is_staff
        and user_has_role(user, "journalist")
        and not user_has_role(user, "reviewer")
    )
    response = APIClient().post(
        "/api/v1/auth/token/",
        {"username": "jo", "password": "a long enough passphrase 42"},
        format="json",
    )
    assert response.status_code == 200


def test_an_existing_user_name_is_refused_in_one_line_and_nothing_changes(db):
    create("rhea", "--role", "reviewer")

    with pytest.raises(CommandError, match="^username: A user with that username already exists.$"):
        create("rhea", "--role", "journalist")
    assert get_user_model().objects.filter(username="rhea").count() == 1


def test_a_weak_password_is_refused_and_no_user_is_left_behind(db, monkeypatch):
    with pytest.raises(CommandError, match="^password: "):
        create(
            "jo", "--role", "journalist", "--password-stdin", stdin="123\n", monkeypatch=monkeypatch
        )
    assert not get_user_model().objects.filter(username="jo").exists()


def test_an_unknown_role_is_refused(db):
    with pytest.raises(CommandError):
        create("x", "--role", "editor")
