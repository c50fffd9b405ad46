"""People: reviewer and journalist accounts. A role is a group (created by claims' migrations);
reviewers are also staff, because they work in the admin, journalists are not."""

import secrets

from axes.backends import AxesStandaloneBackend
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck.api_policy import ROLE_JOURNALIST, ROLE_REVIEWER

ROLES = (ROLE_REVIEWER, ROLE_JOURNALIST)


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins over HTTP (the admin's form, the API's token
    endpoint). A call to authenticate() without a request, such as a script's or Django's test
    client's, is no web login: there is no client address to count, so it is not checked here
    rather than refused."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login, telling a journalist (right password, not staff) that the account has
    no admin access instead of Django's "enter the correct username and password"."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "no_admin_access": "This account has no admin access: the admin is for reviewers. "
        "Journalists work through the API (/api/docs/); ask a lead for the reviewer role.",
    }

    def confirm_login_allowed(self, user):
        if user.is_active and not user.is_staff:
            raise ValidationError(self.error_messages["no_admin_access"], code="no_admin_access")
        super().confirm_login_allowed(user)


def password_generate() -> str:
    return secrets.token_urlsafe(18)


@transaction.atomic
def account_create(*, username: str, role: str, password: str, email: str = ""):
    """A new user with one role. Raises ValidationError naming the field for a taken user name,
    an unknown role or a password the validators refuse."""
    User = get_user_model()
    if role not in ROLES:
        raise ValidationError({"role": [f"Choose one of: {', '.join(ROLES)}."]})
    user = User(username=username, email=email, is_staff=role == ROLE_REVIEWER)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user
