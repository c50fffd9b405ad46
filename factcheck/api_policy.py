"""Who may call the API and how much: token authentication that knows the user's roles, role
permissions, per-user throttles and bounded JSON bodies.

Kept apart from factcheck.api because DRF imports these classes (named in settings) while it is
itself being imported; this module must therefore not import DRF's views or drf-spectacular."""

import io

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.parsers import JSONParser
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


# --- Request bodies -------------------------------------------------------------------------


class BoundedJSONParser(JSONParser):
    """JSON bodies up to DATA_UPLOAD_MAX_MEMORY_SIZE. DRF streams the body past Django's own size
    check, so the limit is enforced here, before anything is read into memory."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        too_large = exceptions.ParseError(f"Request body is larger than {limit} bytes.")
        try:
            if declared and int(declared) > limit:
                raise too_large
        except ValueError:
            raise exceptions.ParseError("Invalid Content-Length header.") from None
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise too_large
        return super().parse(io.BytesIO(body), media_type, parser_context)
