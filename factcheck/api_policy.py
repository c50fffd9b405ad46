"""Who may call the API and how much: token authentication that knows the user's roles, role
permissions and per-user throttles.

Kept apart from factcheck.api because DRF imports these classes (named in settings) while it is
itself being imported; this module must therefore not import DRF's views or drf-spectacular."""

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings

ROLE_JOURNALIST = "journalist"
ROLE_REVIEWER = "reviewer"


# --- Authentication and roles ---------------------------------------------------------------


class RoleTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`; loads the user's group names in the same query, so that the
    role check costs no query of its own."""

    def authenticate_credentials(self, key):
        token = (
            Token.objects.filter(key=key)
            .select_related("user")
            .annotate(
                role_names=ArrayAgg(
                    "user__groups__name", filter=Q(user__groups__isnull=False), default=[]
                )
            )
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        token.user.role_names = frozenset(token.role_names)
        return token.user, token


def user_has_role(user, *roles: str) -> bool:
    """Staff may do everything; everyone else needs one of the named groups."""
    if not user or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    names = getattr(user, "role_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user.role_names = names
    return bool(names.intersection(roles))


class IsJournalist(permissions.BasePermission):
    """Reads everything and submits claims, citations and sources: journalists, reviewers, staff."""

    message = "This needs the journalist or reviewer role."

    def has_permission(self, request, view):
        return user_has_role(request.user, ROLE_JOURNALIST, ROLE_REVIEWER)


class IsReviewer(permissions.BasePermission):
    """Decides: reviews and source ratings. Reviewers and staff."""

    message = "Only reviewers may do this."

    def has_permission(self, request, view):
        return user_has_role(request.user, ROLE_REVIEWER)


# --- Throttles ------------------------------------------------------------------------------


class _RatesFromSettings:
    # DRF reads the rates once at import; reading them per request lets tests and deployments
    # change them through settings.
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    pass


class AnonRateThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    pass
