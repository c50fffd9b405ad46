"""Who may call the API and how much: token authentication that knows the user's roles, role
permissions and per-user throttles.

Kept apart from factcheck.api because DRF imports these classes (named in settings) while it is
itself being imported; this module must therefore not import DRF's views or drf-spectacular."""

import functools
import logging
import time

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)

ROLE_JOURNALIST = "journalist"
ROLE_REVIEWER = "reviewer"


# --- Authentication and roles ---------------------------------------------------------------


class RoleTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`. One hand-written query loads the user and the names of their
    groups, so that the role check costs nothing more; it runs on every request, and the ORM's
    version of it cost more to compile than to execute."""

    def authenticate_credentials(self, key):
        user = _token_user_with_roles(key)
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        return user, key


@functools.cache
def _token_user_query() -> tuple[str, list[str]]:
    User = get_user_model()
    fields = [field for field in User._meta.concrete_fields]
    columns = ", ".join(f'u."{field.column}"' for field in fields)
    groups = User.groups.through._meta.db_table
    return (
        f"""
        SELECT {columns}, array_remove(array_agg(g.name), NULL)
        FROM {Token._meta.db_table} t
        JOIN {User._meta.db_table} u ON u.id = t.user_id
        LEFT JOIN {groups} ug ON ug.user_id = u.id
        LEFT JOIN {Group._meta.db_table} g ON g.id = ug.group_id
        WHERE t.key = %s
        GROUP BY u.id
        """,
        [field.attname for field in fields],
    )


def _token_user_with_roles(key: str):
    sql, attnames = _token_user_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        row = cursor.fetchone()
    if row is None:
        return None
    user = get_user_model().from_db(connection.alias, attnames, row[:-1])
    user.role_names = frozenset(row[-1])
    return user


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


@functools.cache
def _counter_store() -> redis.Redis:
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


class FixedWindowRateThrottle(throttling.BaseThrottle):
    """At most N requests per window (second/minute/hour/day) per caller, counted in Redis with
    one round trip (INCR and EXPIRE: the key names its window, so pushing its expiry on is
    harmless, and EXPIRE without NX works on the Redis 6 that dev.py can embed). DRF's own
    throttles keep every request's timestamp and rewrite that whole list on each request; a counter costs the
    same at any rate. The rate is read from settings per request, so tests and deployments can
    change it. If Redis is unreachable the request is let through: throttling protects the
    service, it must not take it down."""

    scope: str

    def get_cache_key(self, request, view) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view):
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        ident = self.get_cache_key(request, view)
        if rate is None or ident is None:
            return True
        limit, period = rate.split("/")
        self.window = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
        window_start = int(time.time()) // self.window * self.window
        self.window_ends = window_start + self.window
        prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
        key = f"{prefix}:throttle:{self.scope}:{ident}:{window_start}"
        try:
            pipeline = _counter_store().pipeline(transaction=False)
            pipeline.incr(key)
            pipeline.expire(key, self.window + 1)
            count, _ = pipeline.execute()
        except redis.RedisError:
            logger.warning("Throttle counters unavailable; not throttling", exc_info=True)
            return True
        return count <= int(limit)

    def wait(self):
        return max(1, int(self.window_ends - time.time()) + 1)


class UserRateThrottle(FixedWindowRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        return str(request.user.pk) if request.user and request.user.is_authenticated else None


class AnonRateThrottle(FixedWindowRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.get_ident(request)
