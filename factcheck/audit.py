"""The audit trail's admin page: pghistory's events, with the name of whoever made each change.

The trail across all audited tables is read one window of days at a time (the last week unless
asked otherwise), newest first, a page at a time by key: each page ends in a link that carries
the last event's time, table and id, and the next page reads on from there. Every audited table
has an index on (pgh_created_at, pgh_id) (factcheck.history), so a page reads its 50 events and
the events before them (for the diffs) through indexes whatever the size of the trail; a count of
the window, which would scan it, is never made. pghistory's own changelist (its aggregate query
sorts and counts every event) answers only for one object's history (`?obj=`), which is small.
"""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from pghistory.admin import EventsAdmin
from pghistory.models import Event

from factcheck.paging import LargeListAdminMixin

AUDIT_PAGE_SIZE = 50
AUDIT_DEFAULT_DAYS = 7
# The longest window one page may read; a longer one is cut to this, ending at its "until".
AUDIT_MAX_DAYS = 366


def audit_event_models() -> list[type[Event]]:
    """The event tables of the audited models, by label (the order ties are broken in)."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, Event) and getattr(model, "pgh_tracked_model", None)
        ),
        key=lambda model: model._meta.label,
    )


@dataclass(frozen=True)
class AuditCursor:
    """Where a page ends: the last event's time, table (label) and id."""

    at: datetime
    model: str
    pgh_id: int

    def __str__(self) -> str:
        return f"{self.at.isoformat()}~{self.model}~{self.pgh_id}"

    @classmethod
    def parse(cls, text: str) -> "AuditCursor | None":
        try:
            at, model, pgh_id = text.split("~")
            return cls(datetime.fromisoformat(at), model, int(pgh_id))
        except ValueError:
            return None


@dataclass
class AuditEvent:
    at: datetime
    model: str  # the event model's label
    pgh_id: int
    label: str
    object_model: str  # the audited model's label
    object_id: str
    diff: dict
    data: dict
    username: str | None
    url: str | None

    @property
    def cursor(self) -> AuditCursor:
        return AuditCursor(self.at, self.model, self.pgh_id)


def _branch(
    model: type[Event], index: int, *, label: str | None, before: AuditCursor | None
) -> str:
    """One table's newest events in the window (and before the cursor), each with the event
    before it of the same object and its request context: read through the (pgh_created_at,
    pgh_id) index, stopping after `size`."""
    table = connection.ops.quote_name(model._meta.db_table)
    name = model._meta.label
    where = ["pgh_created_at >= %(since)s", "pgh_created_at < %(until)s"]
    if label:
        where.append("pgh_label = %(label)s")
    if before is not None:
        # Events sort by (time, table label, id), newest first: an earlier table at the cursor's
        # very moment comes after it, a later one before it.
        if name < before.model:
            where.append("pgh_created_at <= %(before_at)s")
        elif name == before.model:
            where.append("(pgh_created_at, pgh_id) < (%(before_at)s, %(before_id)s)")
        else:
            where.append("pgh_created_at < %(before_at)s")
    has_context = hasattr(model, "pgh_context")
    return f"""
        (SELECT %(model_{index})s AS model, e.pgh_id, e.pgh_created_at, e.pgh_label,
                e.pgh_obj_id::text, row_to_json(e)::jsonb AS data, previous.data AS previous,
                {"e.pgh_context_id" if has_context else "NULL::uuid"} AS context_id
         FROM (SELECT * FROM {table} WHERE {" AND ".join(where)}
               ORDER BY pgh_created_at DESC, pgh_id DESC LIMIT %(size)s) e
         LEFT JOIN LATERAL (
             SELECT row_to_json(p)::jsonb AS data FROM {table} p
             WHERE p.pgh_obj_id = e.pgh_obj_id AND p.pgh_id < e.pgh_id
             ORDER BY p.pgh_id DESC LIMIT 1
         ) previous ON true)
        """


def _diff(data: dict, previous: dict | None) -> dict:
    """Field -> [before, after] for the fields the event changed (pghistory's pgh_diff)."""
    if previous is None:
        return {}
    return {
        key: [previous.get(key), value]
        for key, value in data.items()
        if not key.startswith("pgh_") and key in previous and previous[key] != value
    }


def audit_events(
    *,
    since: datetime,
    until: datetime,
    before: AuditCursor | None = None,
    models: list[type[Event]] | None = None,
    label: str | None = None,
    size: int = AUDIT_PAGE_SIZE,
) -> tuple[list[AuditEvent], AuditCursor | None]:
    """A page of the audit trail in [since, until), newest first, after `before`: the events with
    their diffs and who made them (one query), and the cursor of the next page (None at the end
    of the window)."""
    models = audit_event_models() if models is None else models
    if not models:
        return [], None
    branches = " UNION ALL ".join(
        _branch(model, index, label=label, before=before) for index, model in enumerate(models)
    )
    User = get_user_model()
    users = connection.ops.quote_name(User._meta.db_table)
    params = {
        "since": since,
        "until": until,
        "label": label,
        "before_at": before.at if before else None,
        "before_id": before.pgh_id if before else None,
        # One more than a page: whether there is a next page.
        "size": size + 1,
        **{f"model_{index}": model._meta.label for index, model in enumerate(models)},
    }
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT page.*, c.metadata->>'url', u.{connection.ops.quote_name(User.USERNAME_FIELD)}
            FROM ({branches}) page
            LEFT JOIN pghistory_context c ON c.id = page.context_id
            LEFT JOIN {users} u ON u.id::text = c.metadata->>'user'
            ORDER BY page.pgh_created_at DESC, page.model DESC, page.pgh_id DESC
            LIMIT %(size)s
            """,
            params,
        )
        rows = cursor.fetchall()
    labels = {m._meta.label: m.pgh_tracked_model._meta.label for m in models}
    events = []
    for model, pgh_id, at, event_label, object_id, data, previous, _, url, username in rows:
        # Django hands JSON over as text, for its fields to decode.
        data = json.loads(data)
        events.append(
            AuditEvent(
                at=at,
                model=model,
                pgh_id=pgh_id,
                label=event_label,
                object_model=labels[model],
                object_id=object_id,
                diff=_diff(data, json.loads(previous) if previous else None),
                data={k: v for k, v in data.items() if not k.startswith("pgh_")},
                username=username,
                url=url,
            )
        )
    more = len(events) > size
    return events[:size], (events[size - 1].cursor if more else None)


class AuditFilterForm(forms.Form):
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Inclusive; the window is at most a year.",
    )
    model = forms.ChoiceField(required=False, label="Table")
    label = forms.CharField(required=False, label="Event", max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "all")] + [
            (m._meta.label, m.pgh_tracked_model._meta.verbose_name_plural)
            for m in audit_event_models()
        ]

    def window(self) -> tuple[datetime, datetime]:
        """[since, until) in UTC: the days asked for, the last AUDIT_DEFAULT_DAYS by default, at
        most AUDIT_MAX_DAYS."""
        data = self.cleaned_data if self.is_valid() else {}
        until_day: date = data.get("until") or timezone.now().astimezone(UTC).date()
        since_day: date = data.get("since") or until_day - timedelta(days=AUDIT_DEFAULT_DAYS - 1)
        since_day = max(since_day, until_day - timedelta(days=AUDIT_MAX_DAYS - 1))
        return (
            datetime.combine(since_day, time.min, UTC),
            datetime.combine(until_day + timedelta(days=1), time.min, UTC),
        )


def _object_url(event: AuditEvent) -> str | None:
    app_label, model_name = event.object_model.lower().split(".")
    try:
        return reverse(f"admin:{app_label}_{model_name}_change", args=[event.object_id])
    except NoReverseMatch:
        return None


class AuditEventsAdmin(LargeListAdminMixin, EventsAdmin):
    def changelist_view(self, request, extra_context=None):
        if "obj" in request.GET:
            # One object's history (the "Events" button of its page): pghistory's own list.
            return super().changelist_view(request, extra_context)
        return self.audit_trail_view(request)

    def audit_trail_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = AuditFilterForm(request.GET or None)
        since, until = form.window()
        chosen = form.cleaned_data.get("model") if form.is_valid() else ""
        models = [m for m in audit_event_models() if not chosen or m._meta.label == chosen]
        label = (form.cleaned_data.get("label") or "").strip() if form.is_valid() else ""
        before = AuditCursor.parse(request.GET.get("before", ""))
        events, next_cursor = audit_events(
            since=since, until=until, before=before, models=models, label=label or None
        )
        # The page's own filters; the next page also pins the window it was read in.
        first_query = QueryDict(mutable=True)
        first_query.update({k: v for k, v in request.GET.items() if k != "before"})
        next_query = None
        if next_cursor is not None:
            next_query = first_query.copy()
            next_query["since"] = f"{since:%Y-%m-%d}"
            next_query["until"] = f"{until - timedelta(days=1):%Y-%m-%d}"
            next_query["before"] = str(next_cursor)
        context = {
            **self.admin_site.each_context(request),
            "title": "Audit trail",
            "subtitle": f"{since:%d %b %Y} – {until - timedelta(days=1):%d %b %Y} (UTC)",
            "opts": self.model._meta,
            "form": form,
            "rows": [
                {
                    "event": event,
                    "object_url": _object_url(event),
                    "history_url": f"?obj={event.object_model}:{event.object_id}&method=tracks",
                }
                for event in events
            ],
            "next_url": f"?{next_query.urlencode()}" if next_query else None,
            "first_url": f"?{first_query.urlencode()}" if before else None,
            "page_size": AUDIT_PAGE_SIZE,
        }
        return TemplateResponse(request, "admin/audit_trail.html", context)

    def get_list_display(self, request):
        return [
            "pgh_created_at",
            "pgh_label",
            "pgh_obj_model",
            "pgh_obj_id",
            "pgh_diff",
            "changed_by",
            "url",
        ]

    def get_queryset(self, request):
        # pghistory's context holds the user's id; one subquery names them for the whole page.
        username = get_user_model().objects.filter(pk=OuterRef("user")).values("username")[:1]
        return super().get_queryset(request).annotate(changed_by_username=Subquery(username))

    @admin.display(description="changed by", ordering="changed_by_username")
    def changed_by(self, event):
        return event.changed_by_username or "(no user: a job, command or raw SQL)"
