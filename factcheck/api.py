"""What every endpoint of the REST API shares: one error shape, pagination, the schema wiring that
documents errors, and the token endpoints. Access rules (authentication, roles,
throttles) are in factcheck.api_policy."""

import copy
import datetime
import logging
from dataclasses import dataclass

import django_filters
import psycopg
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.http import Http404, QueryDict
from django.views.decorators.csrf import csrf_exempt
from django.views.defaults import bad_request as html_bad_request
from django.views.defaults import server_error as html_server_error
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.models import AuthToken
from rest_framework import exceptions, pagination, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView, set_rollback
from rest_framework.views import exception_handler as drf_exception_handler

from factcheck.api_policy import (
    JSONRenderer,
    LoginAddressThrottle,
    LoginUsernameThrottle,
    error_body,
    error_json,
    token_cache_forget,
)

logger = logging.getLogger(__name__)

# --- Errors ---------------------------------------------------------------------------------

ERROR_DESCRIPTIONS = {
    400: "Bad input: `fields` maps each offending field to its messages.",
    401: "No token, or an invalid one.",
    403: "The token's user lacks the role for this.",
    404: "No such object, or no such endpoint.",
    405: "Method not allowed here; the `Allow` header lists the allowed ones.",
    406: "The `Accept` header asks for a format this endpoint does not produce.",
    409: "The write conflicts with data stored meanwhile.",
    415: "The body is not `application/json`.",
    429: "Too many requests; retry after `Retry-After` seconds.",
    500: "Unexpected server error.",
}


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error from /api/."""

    status = serializers.ChoiceField(choices=sorted(ERROR_DESCRIPTIONS))
    code = serializers.CharField(help_text="Machine-readable reason, e.g. `invalid`, `not_found`.")
    detail = serializers.CharField(help_text="Human-readable summary.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Only for 400: messages per field; nested fields as `citation.source`, "
        "errors about the whole body under `non_field_errors`.",
    )

    class Meta:
        ref_name = "Error"


def _flatten_field_errors(detail, prefix="") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            name = api_settings.NON_FIELD_ERRORS_KEY if key == "__all__" else str(key)
            flat.update(_flatten_field_errors(value, f"{prefix}{name}."))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            flat.update(_flatten_field_errors(item, f"{prefix}{index}."))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix.rstrip(".") or api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in messages]}


def _django_validation_detail(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


def _lost_a_race(exc) -> bool:
    """A transaction PostgreSQL aborted to break a deadlock or a serialization conflict."""
    return isinstance(exc, OperationalError) and isinstance(
        exc.__cause__, (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)
    )


def api_exception_handler(exc, context):
    """Every error as `Error`: services' Django ValidationErrors become 400 with field messages,
    an oversized body 400, integrity races 409, anything unexpected a JSON 500 (logged), never
    an HTML page."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_validation_detail(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, IntegrityError) or _lost_a_race(exc):
        # Services validate first, so this is a race with another writer (or a missed rule); a
        # deadlock between two writers is one too, and the client may simply retry.
        logger.warning("Write race answered as 409", exc_info=exc)
        exc = Conflict()
    elif isinstance(exc, RequestDataTooBig):
        exc = exceptions.ParseError(
            f"Request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
        )

    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in %s", context.get("view"), exc_info=exc)
        set_rollback()
        return Response(
            error_body(status_code=500, code="server_error", detail="Unexpected server error."),
            status=500,
        )

    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(
            status_code=400,
            code="invalid",
            detail="The request has invalid fields.",
            fields=_flatten_field_errors(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        response.data = error_body(
            status_code=response.status_code,
            code=getattr(detail, "code", None) or exc.default_code,
            detail=str(detail),
        )
    return response


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This conflicts with data stored meanwhile; reload and retry."
    default_code = "conflict"


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Unknown URLs under /api/ answer in the API's shape, not with Django's HTML page."""
    return error_json(
        status_code=404,
        code="not_found",
        detail="No such endpoint. API URLs end with a slash, e.g. /api/v1/claims/.",
    )


def bad_request(request, exception, *args, **kwargs):
    """The site's 400 handler for requests refused before any view (a NUL character in a
    parameter): JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return error_json(status_code=400, code="bad_request", detail=str(exception))
    return html_bad_request(request, exception, *args, **kwargs)


def server_error(request, *args, **kwargs):
    """The site's 500 handler: JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return error_json(status_code=500, code="server_error", detail="Unexpected server error.")
    return html_server_error(request, *args, **kwargs)


class ErrorsAsJsonMixin:
    """Errors keep the API's JSON error shape on views whose success is another format
    (JSON-LD, the OpenAPI document, the docs pages)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


# --- Schema ---------------------------------------------------------------------------------


class RoleTokenScheme(KnoxTokenScheme):
    """`Authorization: Token <token>` in the schema (drf-spectacular knows knox's own class
    only)."""

    target_class = "factcheck.api_policy.RoleTokenAuthentication"
    name = "tokenAuth"


class ErrorDocumentingAutoSchema(AutoSchema):
    """Adds the `Error` responses each operation can give, so clients and schemathesis know them."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    str(code),
                    media_types=["application/json"],
                    direction=direction,
                ),
            )
        return responses

    def _error_codes(self) -> list[int]:
        codes = [406, 429]
        has_body = self.method in ("POST", "PUT", "PATCH")
        if (
            has_body
            or self._get_filter_parameters()
            or self._get_pagination_parameters()
            or self.get_override_parameters()
        ):
            codes.append(400)
        if self.get_auth() and not self._allows_anonymous():
            codes += [401, 403]
        if self.path_regex and "<" in self.path_regex or "{" in self.path:
            codes.append(404)
        if has_body:
            codes += [409, 415]
        return sorted(set(codes))

    def _allows_anonymous(self) -> bool:
        return all(
            isinstance(permission, permissions.AllowAny)
            for permission in self.view.get_permissions()
        )

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        if str(status_code) == "429":
            headers["Retry-After"] = {
                "schema": {"type": "integer"},
                "description": "Seconds to wait before the next request.",
            }
        return headers


# --- Tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expiry: datetime.datetime | None


@transaction.atomic
def api_token_create(
    *, user: AbstractBaseUser, ttl: datetime.timedelta | None = None
) -> IssuedToken:
    """A new API token for the user, valid for `ttl` (default settings.REST_KNOX["TOKEN_TTL"]).
    The token itself is returned once and only its hash is stored; the user's other tokens stay
    valid until they expire or are revoked."""
    ttl = settings.REST_KNOX["TOKEN_TTL"] if ttl is None else ttl
    instance, token = AuthToken.objects.create(user=user, expiry=ttl)
    return IssuedToken(token=token, expiry=instance.expiry)


@transaction.atomic
def api_token_revoke(*, user: AbstractBaseUser, digest: str | None = None) -> int:
    """Delete one of the user's tokens (by its digest), or all of them; returns how many."""
    tokens = AuthToken.objects.filter(user=user)
    if digest is not None:
        tokens = tokens.filter(digest=digest)
    deleted, _ = tokens.delete()
    return deleted


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _revoke_tokens_on_password_change(sender, instance, created, **kwargs):
    # set_password() leaves the new password in _password until save() has run the signals; the
    # admin's password forms, changepassword and password resets all go through it.
    if not created and getattr(instance, "_password", None) is not None:
        api_token_revoke(user=instance)


# Cached token lookups (factcheck.api_policy.token_cache_get) hold the token's expiry, its user's
# columns and the user's group names (the roles): any change to one of them takes the token's
# entry out of use. A user's deletion deletes their tokens, which is a token change.


@receiver(post_save, sender=AuthToken)
@receiver(post_delete, sender=AuthToken)
def _forget_changed_token(sender, instance, created=False, **kwargs):
    if not created:
        token_cache_forget([instance.digest])


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _forget_tokens_of_changed_user(sender, instance, created, **kwargs):
    if not created:
        _forget_tokens_of_users([instance.pk])


@receiver(m2m_changed, sender=get_user_model().groups.through)
def _forget_tokens_on_group_membership(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:  # user.groups.add(...) and the like
        _forget_tokens_of_users([instance.pk])
    elif action == "pre_clear":  # group.user_set.clear(): its members, before they go
        _forget_tokens_of_users(instance.user_set.values_list("pk", flat=True))
    else:
        _forget_tokens_of_users(pk_set)


@receiver(post_save, sender=Group)
@receiver(pre_delete, sender=Group)
def _forget_tokens_of_group_members(sender, instance, created=False, **kwargs):
    # A role is a group's name: renaming or deleting the group changes its members' roles.
    if not created:
        token_cache_forget(
            AuthToken.objects.filter(user__groups=instance).values_list("digest", flat=True)
        )


def _forget_tokens_of_users(user_ids) -> None:
    token_cache_forget(AuthToken.objects.filter(user__in=user_ids).values_list("digest", flat=True))


# --- Authentication endpoints ---------------------------------------------------------------


class TokenObtainApi(APIView):
    """Exchange a username and password for a new API token. Failed attempts count towards the
    login lockout shared with the admin (django-axes); attempts are throttled per client address
    and per user name whether or not the caller sends a token."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [LoginAddressThrottle, LoginUsernameThrottle]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "TokenObtainInput"

        username = serializers.CharField(max_length=150)
        password = serializers.CharField(
            style={"input_type": "password"}, trim_whitespace=False, max_length=4096
        )

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Token"

        token = serializers.CharField()
        username = serializers.CharField()
        expiry = serializers.DateTimeField(
            allow_null=True, help_text="When the token stops working."
        )

    @extend_schema(
        operation_id="auth_token_create",
        request=InputSerializer,
        responses={200: OutputSerializer},
        auth=[],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request=request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None:
            raise exceptions.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: ["Unable to log in with these credentials."]}
            )
        issued = api_token_create(user=user)
        return Response(
            self.OutputSerializer(
                {"token": issued.token, "username": user.get_username(), "expiry": issued.expiry}
            ).data
        )


class TokenRevokeApi(APIView):
    """Revoke the token used for this request; scripts holding it get 401 from now on."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(operation_id="auth_token_destroy", request=None, responses={204: None})
    def delete(self, request):
        api_token_revoke(user=request.user, digest=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Query parameters -----------------------------------------------------------------------


class UTCDateTimeFormField(IsoDateTimeField):
    """ISO 8601 date or date-time, converted to UTC: Python accepts UTC offsets up to ±23:59,
    PostgreSQL only up to ±15:59."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:
            raise DjangoValidationError("Date-time out of range.", code="invalid") from None


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeFormField


class FilterSet(django_filters.FilterSet):
    """A FilterSet that copies, validates and applies only the filters a request uses, and copies
    them cheaply.

    django-filter deep-copies every declared filter for each request, builds a form class over
    all of them (a metaclass run) and a form that deep-copies every field again, then calls each
    filter: for a list with twenty filters of which a request names two, that cost more than the
    list's query. A filter whose parameter is absent is a no-op (an empty value leaves the
    queryset as it is, and none of ours is required), so only the filters whose name starts one
    of the query's keys (which covers widgets that read `name_min`, `name[]` and the like) and
    the required ones are used, and the form class for each such set is built once. Even those
    few deep copies (of choices, widgets and validators) cost more than filtering itself, while
    a request changes nothing in a filter but its parent, nor anything in a field: each request's
    filters are shallow copies of one prepared copy per filter (model set, form field built), and
    its form shares its class's fields (_SharedFields). The filters of this project take
    everything from the query; one whose field depended on the request would not fit here."""

    # Form classes kept per class, one per set of filters used; a client naming ever new
    # combinations gets its forms built afresh beyond this many rather than filling memory.
    FORM_CLASSES_KEPT = 256

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if data is None:  # unbound (schema, docs): every filter, as django-filter has it
            super().__init__(data, queryset, request=request, prefix=prefix)
            self._used_filters = tuple(self.filters)
            return
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        # What django-filter's __init__ does, for this request's filters, copied as above.
        self.is_bound = True
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self._used_filters = self._filters_used(data, prefix)
        self.filters = {
            name: self._request_filter(name, queryset.model) for name in self._used_filters
        }

    @classmethod
    def _filters_used(cls, data, prefix) -> tuple[str, ...]:
        """The names of the filters a query uses, in the order they are declared: those whose
        name starts a key of the query, and the required ones."""
        if "_name_lengths" not in cls.__dict__:
            cls._name_lengths = sorted({len(name) for name in cls.base_filters})
            cls._required_filters = {
                name for name, filter_ in cls.base_filters.items() if filter_.extra["required"]
            }
        used = set(cls._required_filters)
        for key in data:
            if prefix:
                key = key.removeprefix(f"{prefix}-")
            used.update(key[:length] for length in cls._name_lengths if length <= len(key))
        return tuple(name for name in cls.base_filters if name in used)

    def _request_filter(self, name: str, model):
        if "_prepared_filters" not in type(self).__dict__:
            type(self)._prepared_filters = {}
        prepared = type(self)._prepared_filters.get((model, name))
        if prepared is None:
            prepared = copy.deepcopy(self.base_filters[name])
            prepared.model = model
            prepared.field  # noqa: B018  (built once, for every copy and form class to share)
            type(self)._prepared_filters[(model, name)] = prepared
        filter_ = copy.copy(prepared)
        filter_.parent = self
        if filter_.method is not None:
            # A FilterMethod of its own, which looks the method up on this parent.
            filter_.method = filter_.method
        return filter_

    def get_form_class(self):
        cls = type(self)
        if "_form_classes" not in cls.__dict__:
            cls._form_classes = {}
        form_class = cls._form_classes.get(self._used_filters)
        if form_class is None:
            form_class = super().get_form_class()
            form_class.base_fields = _SharedFields(form_class.base_fields)
            if len(cls._form_classes) < self.FORM_CLASSES_KEPT:
                cls._form_classes[self._used_filters] = form_class
        return form_class


class _SharedFields(dict):
    """A filter form class's fields, which its forms share: Form.__init__ deep-copies its class's
    fields so that a form may change its own, and these forms, which validate query parameters,
    change none."""

    def __deepcopy__(self, memo):
        return dict(self)


class FilterBackend(DjangoFilterBackend):
    """django-filter, minus its cost (a copy of every filter and a form) on requests that use
    none of the filters, such as a plain list."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or request.query_params.keys().isdisjoint(
            filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


# --- Pagination -----------------------------------------------------------------------------


class CursorPagination(pagination.CursorPagination):
    """Stable pages over growing tables: a cursor, not a page number, so new claims arriving
    while a script pages through do not shift or repeat rows. The view may choose the ordering
    per request (`pagination_ordering`)."""

    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE
    ordering = ("-created_at", "-id")

    def get_ordering(self, request, queryset, view):
        if hasattr(view, "pagination_ordering"):
            return view.pagination_ordering(request)
        return self.ordering

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise self._invalid_cursor() from None

    def paginate_queryset(self, queryset, request, view=None):
        # A cursor's position is compared with the ordering column, so a forged one ("x" for a
        # relevance rank, a non-date for created_at) fails only once the query is built or run.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, DjangoValidationError) as error:
            if getattr(self, "cursor", None) is None or self.cursor.position is None:
                raise
            raise self._invalid_cursor() from error

    def _invalid_cursor(self) -> exceptions.ValidationError:
        return exceptions.ValidationError({self.cursor_query_param: ["Invalid cursor."]})


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    default_limit = settings.API_PAGE_SIZE
    max_limit = settings.API_MAX_PAGE_SIZE
