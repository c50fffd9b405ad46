"""Who may call the API and how much: token authentication that knows the user's roles (its
lookups cached in Redis, with their invalidation, in the round trip that also counts the user's
requests), role permissions, per-user and per-address throttles, the client address behind
trusted proxies, the answer to a locked-out login, the JSON parser's bounds and the JSON renderer.

Kept apart from factcheck.api because DRF imports these classes (named in settings) while it is
itself being imported; this module must therefore not import DRF's views or drf-spectacular."""

import functools
import hashlib
import ipaddress
import logging
import pickle
import time
from hmac import compare_digest

import orjson
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from drf_orjson_renderer.renderers import ORJSONRenderer
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS
from redis.commands.core import Script
from rest_framework import exceptions, parsers, permissions, throttling
from rest_framework.settings import api_settings
from rest_framework.utils.encoders import JSONEncoder

logger = logging.getLogger(__name__)

ROLE_JOURNALIST = "journalist"
ROLE_REVIEWER = "reviewer"


# --- Authentication and roles ---------------------------------------------------------------


class RoleTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>`, a django-rest-knox token: the database holds only its hash
    and expiry. One hand-written query finds the token's candidates by their key prefix and loads
    each one's user and the names of their groups, so that the role check costs nothing more; the
    ORM's version of it cost more to compile than to execute. What it finds is kept in Redis for
    a while (token_cache_get), where every process finds it in one round trip instead of a query;
    that round trip also counts the request against the user's throttle when the view throttles
    per user (UserRateThrottle). `request.auth` is the token's digest, which identifies it for
    revocation."""

    def authenticate(self, request):
        self.request = request  # for authenticate_credentials, to which knox gives the token only
        return super().authenticate(request)

    def authenticate_credentials(self, token: bytes):
        token = token.decode("utf-8", errors="replace")
        digest = hash_token(token)
        request = getattr(self, "request", None)
        counter = UserRateThrottle.counter_around_user(request) if request is not None else None
        if (user := token_cache_get(digest, user_counter=counter)) is not None:
            return user, digest
        looked_up_at = time.monotonic()
        for candidate_digest, expiry, user in _token_candidates(
            token[: CONSTANTS.TOKEN_KEY_LENGTH]
        ):
            if not compare_digest(candidate_digest, digest):
                continue
            if expiry is not None and expiry <= timezone.now():
                AuthToken.objects.filter(digest=candidate_digest).delete()
                break
            if not user.is_active:
                raise exceptions.AuthenticationFailed("User inactive or deleted.")
            _token_cache_add(digest, expiry, user, looked_up_at)
            return user, candidate_digest
        raise exceptions.AuthenticationFailed("Invalid token.")


@functools.cache
def _token_user_query() -> tuple[str, list[str]]:
    User = get_user_model()
    fields = [field for field in User._meta.concrete_fields]
    columns = ", ".join(f'u."{field.column}"' for field in fields)
    groups = User.groups.through._meta.db_table
    # The group names as an array subquery rather than joined and aggregated: PostgreSQL plans
    # this form in half the time, and planning is most of this query's cost.
    return (
        f"""
        SELECT t.digest, t.expiry, {columns},
               ARRAY(SELECT g.name FROM {groups} ug
                     JOIN {Group._meta.db_table} g ON g.id = ug.group_id
                     WHERE ug.user_id = u.id)
        FROM {AuthToken._meta.db_table} t
        JOIN {User._meta.db_table} u ON u.id = t.user_id
        WHERE t.token_key = %s
        """,
        [field.attname for field in fields],
    )


def _token_candidates(token_key: str):
    sql, attnames = _token_user_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [token_key])
        rows = cursor.fetchall()
    for row in rows:
        user = get_user_model().from_db(connection.alias, attnames, row[2:-1])
        user.role_names = frozenset(row[-1])
        yield row[0], row[1], user


# What a token resolves to, in Redis (where the throttle counts): its user's primary key and a
# colon, then, pickled, its expiry, its user's columns but the password hash, and the user's group
# names. An entry is written only with SET NX, which never replaces a key, and a change to a
# token, its user or the user's groups replaces the key with this marker (token_cache_forget),
# which sends lookups to the database until it expires.
_CONSULT_DATABASE = b"database"

# The token's entry (KEYS[1]) and, when it names a user and a counter is given (ARGV[1] not
# empty), that user's count in the throttle window after counting this request: the counter is
# named ARGV[1] .. pk .. ARGV[2], kept ARGV[3] seconds. Its name is known only once the entry is
# read, which is why this is a script and not a pipeline (and why it would need the two keys in
# one slot on a Redis Cluster). Run by its SHA; redis-py loads it if the server lacks it.
_TOKEN_LOOKUP = Script(
    None,
    b"""
local entry = redis.call('GET', KEYS[1])
if not entry then return {} end
local pk = string.match(entry, '^(%d+):')
if not pk or ARGV[1] == '' then return {entry} end
local counter = ARGV[1] .. pk .. ARGV[2]
local count = redis.call('INCR', counter)
redis.call('EXPIRE', counter, ARGV[3])
return {entry, count}
""",
)


def _redis_key(*parts) -> str:
    """A key of this deployment's (the cache's KEY_PREFIX first: several may share a Redis)."""
    return ":".join((settings.CACHES["default"].get("KEY_PREFIX", ""), *map(str, parts)))


def _token_cache_key(digest: str) -> str:
    return _redis_key("api-token", digest)


def token_cache_get(digest: str, *, user_counter=None):
    """The active user a token belongs to, as the database query would load it, if the cache
    holds an unexpired entry for it; None sends the lookup to the database: no entry, a marker,
    an expired token, or Redis unreachable (which must neither fail the request nor let it in).
    With `user_counter` (UserRateThrottle.counter_around_user), the same round trip counts the
    request against the user found, and the user carries the count (`throttle_counted`)."""
    if not settings.API_TOKEN_CACHE_SECONDS:
        return None
    before, after, seconds = user_counter or ("", "", 0)
    try:
        found = _TOKEN_LOOKUP(
            keys=[_token_cache_key(digest)], args=[before, after, seconds], client=_redis_store()
        )
    except redis.RedisError:
        logger.warning("Token cache unavailable; looking the token up in the database")
        return None
    if not found:
        return None
    pk, _, pickled = found[0].partition(b":")
    if not pk.isdigit():
        return None  # the marker
    expiry, fields, role_names = pickle.loads(pickled)
    if expiry is not None and expiry <= timezone.now():
        return None  # the database lookup deletes it and refuses it
    user = get_user_model().from_db(connection.alias, list(fields), list(fields.values()))
    user.role_names = role_names
    if len(found) == 2:
        user.throttle_counted = (f"{before}{pk.decode()}{after}", found[1])
    return user


def _token_cache_add(digest: str, expiry, user, looked_up_at: float) -> None:
    """Caches a lookup that started at `looked_up_at` (time.monotonic()). A marker lives for the
    full cache time from the commit of the change that wrote it, so a lookup that read the
    database before that commit and gets here within half that time finds the marker in place
    and cannot cache the state before the change; a slower one does not cache at all."""
    seconds = settings.API_TOKEN_CACHE_SECONDS
    if not seconds or time.monotonic() - looked_up_at > seconds / 2:
        return
    if expiry is not None:
        seconds = min(seconds, int((expiry - timezone.now()).total_seconds()))
        if seconds < 1:
            return
    # The password hash is never read through a token; it stays out of Redis (a deferred field,
    # loaded from the database if anything asks).
    fields = {
        field.attname: getattr(user, field.attname)
        for field in user._meta.concrete_fields
        if field.attname != "password"
    }
    entry = f"{user.pk}:".encode() + pickle.dumps((expiry, fields, user.role_names))
    try:
        _redis_store().set(_token_cache_key(digest), entry, ex=seconds, nx=True)
    except redis.RedisError:
        logger.warning("Token cache unavailable; token lookup not cached")


def token_cache_forget(digests) -> None:
    """Takes these tokens' entries out of use in every process: at once (so that the changing
    transaction's own later lookups, which see the change in the database, see it here too), and
    again when that transaction commits, from when the marker lives its full time (see
    _token_cache_add).
    If Redis cannot be reached an entry may outlive the change by up to API_TOKEN_CACHE_SECONDS,
    which is why that time is short."""
    seconds = settings.API_TOKEN_CACHE_SECONDS
    if not seconds:
        return
    keys = [_token_cache_key(digest) for digest in digests]
    if not keys:
        return

    def mark():
        pipeline = _redis_store().pipeline(transaction=False)
        for key in keys:
            pipeline.set(key, _CONSULT_DATABASE, ex=seconds)
        try:
            pipeline.execute()
        except redis.RedisError:
            logger.error(
                "Token cache unavailable; %d changed token(s) may stay cached up to %d s",
                len(keys),
                seconds,
            )

    mark()
    if connection.in_atomic_block:
        transaction.on_commit(mark)


def user_has_role(user, *roles: str) -> bool:
    """Roles are groups. Staff status only opens the admin and grants nothing here; a superuser
    holds every permission, so every role too."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
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
def _redis_store() -> redis.Redis:
    """The Redis of the cache settings: token lookups and throttle counters."""
    cache_settings = settings.CACHES["default"]
    return redis.Redis.from_url(cache_settings["LOCATION"], **cache_settings.get("OPTIONS", {}))


def client_address(request) -> str:
    """The address the request came from: the connection's peer, unless the peer is one of
    settings.TRUSTED_PROXIES; then X-Forwarded-For is read from the right (each proxy appends the
    address it saw) and the first entry that is not a trusted proxy is the client. Anything to
    its left was written by the client and is ignored."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not settings.TRUSTED_PROXIES or not _is_trusted_proxy(peer):
        return peer
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    for entry in reversed(forwarded):
        if not _is_trusted_proxy(entry):
            return entry if _is_address(entry) else peer
    return peer


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _is_trusted_proxy(value: str) -> bool:
    if not _is_address(value):
        return False
    address = ipaddress.ip_address(value)
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXIES
    )


def error_body(*, status_code: int, code: str, detail: str, fields=None) -> dict:
    body = {"status": status_code, "code": code, "detail": detail}
    if fields is not None:
        body["fields"] = fields
    return body


def error_json(*, status_code: int, code: str, detail: str) -> JsonResponse:
    """An error in the API's shape from outside DRF (Django's error handlers, unknown URLs)."""
    return JsonResponse(
        error_body(status_code=status_code, code=code, detail=detail), status=status_code
    )


def login_locked_out_response(request, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer once a user name or an address has too many failed logins: the API's
    error shape under /api/, a short page in the admin. Both 429 with Retry-After."""
    retry_after = str(int(settings.AXES_COOLOFF_TIME * 3600))
    detail = "Too many failed logins; try again later."
    if request.path.startswith("/api/"):
        response = error_json(status_code=429, code="locked_out", detail=detail)
    else:
        response = HttpResponse(detail, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = retry_after
    return response


class FixedWindowRateThrottle(throttling.BaseThrottle):
    """At most N requests per window (second/minute/hour/day) per caller, counted in Redis with
    one round trip (INCR and EXPIRE: the key names its window, so pushing its expiry on is
    harmless, and EXPIRE without NX works on the Redis 6 that dev.py can embed). DRF's own
    throttles keep every request's timestamp and rewrite that whole list on each request; a
    counter costs the same at any rate. The rate is read from settings per request, so tests and
    deployments can change it. If Redis is unreachable the request is let through: throttling
    protects the service, it must not take it down."""

    scope: str

    def get_cache_key(self, request, view) -> str | None:
        raise NotImplementedError

    def current_window(self) -> tuple[int, int, int] | None:
        """The scope's limit, its window's length in seconds and the current window's start;
        None when the scope has no rate."""
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if rate is None:
            return None
        limit, period = rate.split("/")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
        return int(limit), seconds, int(time.time()) // seconds * seconds

    def counter_key(self, ident: str, window_start: int) -> str:
        before, after = self.counter_key_around(window_start)
        return f"{before}{ident}{after}"

    def counter_key_around(self, window_start: int) -> tuple[str, str]:
        """The name of a window's counter, before and after the caller's identity."""
        return _redis_key("throttle", self.scope, ""), f":{window_start}"

    def counted_already(self, request, key: str) -> int | None:
        """The count after this request, if something counted it already under this key."""
        return None

    def allow_request(self, request, view):
        window = self.current_window()
        ident = self.get_cache_key(request, view)
        if window is None or ident is None:
            return True
        limit, self.window, window_start = window
        self.window_ends = window_start + self.window
        key = self.counter_key(ident, window_start)
        count = self.counted_already(request, key)
        if count is None:
            try:
                pipeline = _redis_store().pipeline(transaction=False)
                pipeline.incr(key)
                pipeline.expire(key, self.window + 1)
                count, _ = pipeline.execute()
            except redis.RedisError:
                logger.warning("Throttle counters unavailable; not throttling", exc_info=True)
                return True
        return count <= limit

    def wait(self):
        return max(1, int(self.window_ends - time.time()) + 1)

    def get_ident(self, request):
        return client_address(request)


class UserRateThrottle(FixedWindowRateThrottle):
    """Per user. A request whose token the cache knows was counted by the token lookup, in the
    same round trip (counter_around_user, token_cache_get): before the permission check rather
    than after it as DRF orders throttles, which only means that a request the user's roles
    refuse counts too. Any other request (the token looked up in the database, the window
    turned over in between) is counted here."""

    scope = "user"

    def get_cache_key(self, request, view):
        return str(request.user.pk) if request.user and request.user.is_authenticated else None

    @classmethod
    def counter_around_user(cls, request) -> tuple[str, str, int] | None:
        """Where the view's per-user throttle counts this request, for the token lookup to count
        it there: the counter's name before and after the user's primary key, and how long the
        counter is kept. None if the view has no such throttle or its scope no rate."""
        view = (request.parser_context or {}).get("view")
        if view is None:
            return None
        for throttle in view.get_throttles():
            if isinstance(throttle, cls) and (window := throttle.current_window()) is not None:
                _, seconds, window_start = window
                return *throttle.counter_key_around(window_start), seconds + 1
        return None

    def counted_already(self, request, key):
        counted = getattr(request.user, "throttle_counted", None)
        return counted[1] if counted is not None and counted[0] == key else None


class AnonRateThrottle(FixedWindowRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.get_ident(request)


class LoginAddressThrottle(FixedWindowRateThrottle):
    """Token requests per client address, with or without a token: a token must not lift it."""

    scope = "login_address"

    def get_cache_key(self, request, view):
        return self.get_ident(request)


class LoginUsernameThrottle(FixedWindowRateThrottle):
    """Token requests per user name, from any address: guessing one account's password from
    many addresses is limited too."""

    scope = "login_username"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if isinstance(request.data, dict) else None
        if not isinstance(username, str) or not username:
            return None
        return hashlib.sha256(username.casefold().encode()).hexdigest()


# --- Parsing and rendering ------------------------------------------------------------------


class JSONRenderer(ORJSONRenderer):
    """The JSON DRF's own renderer writes (compact, UTF-8, "Z" for UTC), written by orjson: a
    page of 50 claims takes 0.05 ms instead of 1.1 ms, as long as the whole database query behind
    it. What orjson does not know (lazy strings, Decimal, timedelta, ...) goes to DRF's encoder,
    which turns it into what DRF would write or refuses it as DRF would, never into a silent
    null."""

    options = orjson.OPT_UTC_Z
    default = staticmethod(JSONEncoder().default)


MAX_JSON_DEPTH = 32


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing bodies nested deeper than MAX_JSON_DEPTH: no request of this
    API needs more than a few levels, and a deep one would exhaust the interpreter's stack in
    the parser or in any code that walks the data."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            if not _json_depth_exceeds(data, MAX_JSON_DEPTH):
                return data
        except RecursionError:
            pass
        raise exceptions.ParseError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels.")


def _json_depth_exceeds(data, limit: int) -> bool:
    """Measured without recursion, so any depth the parser produced can be checked."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False
