"""Admin lists that cost the same at a million rows as at a hundred: counts that stop early, and
filter choices read through an index one distinct value at a time.

Django's changelist counts the filtered list exactly (and, by default, the whole table again for
"N total"): at a million claims each count is a scan of the table or, behind a join filter, of a
larger one. Here a list is counted exactly up to COUNT_EXACT_UP_TO rows (a count that stops
there); beyond, the count is PostgreSQL's estimate: the table's row count from its statistics
(pg_class.reltuples) when nothing filters it, otherwise the planner's estimate of the filtered
query, never less than what was counted. The page then says "about N". The bound is the desk's
(factcheck.desk): a count that reads at most a thousand matching rows costs a few milliseconds
behind any filter, where ten thousand behind a filter matching one claim in sixty cost 50 to 100
ms at a million claims.
"""

import json
from functools import cached_property
from typing import Any, ClassVar

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Exists, F, Max, Min, Model, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

COUNT_EXACT_UP_TO = 1_000
# A filter lists at most this many values of a column.
FILTER_VALUES_LIMIT = 200


def estimated_row_count(queryset: QuerySet) -> int:
    """PostgreSQL's estimate of the rows `queryset` returns, without running it: the table's
    statistics when nothing filters it, the planner's estimate of the query otherwise."""
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        if not queryset.query.where:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
        else:
            sql, params = queryset.order_by().values("pk").query.sql_with_params()
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        row = cursor.fetchone()
    if row is None:
        return 0
    if isinstance(row[0], int):
        return max(row[0], 0)
    plan = row[0] if isinstance(row[0], list) else json.loads(row[0])
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """Counts exactly up to COUNT_EXACT_UP_TO, estimates beyond (`estimated` says which)."""

    @cached_property
    def _count(self) -> tuple[int, bool]:
        if not isinstance(self.object_list, QuerySet):
            return super().count, False
        counted = self.object_list.order_by()[: COUNT_EXACT_UP_TO + 1].count()
        if counted <= COUNT_EXACT_UP_TO:
            return counted, False
        return max(counted, estimated_row_count(self.object_list)), True

    @property
    def count(self) -> int:
        return self._count[0]

    @property
    def estimated(self) -> bool:
        return self._count[1]


class IndexedDatesQuerySet(QuerySet):
    """A list's queryset whose distinct dates (what the admin's date hierarchy asks for: the
    years, the months of a year, the days of a month) are found by a loose index scan: the first
    date, then the first from the next year, month or day on, one ordered probe each, rather than
    by truncating and de-duplicating every row's date."""

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind not in ("year", "month", "day") or tzinfo is not None:
            return super().datetimes(field_name, kind, order, tzinfo)
        return self._indexed_dates(field_name, kind, order, cast="")

    def dates(self, field_name, kind, order="ASC"):
        if kind not in ("year", "month", "day"):
            return super().dates(field_name, kind, order)
        return self._indexed_dates(field_name, kind, order, cast="::date")

    def aggregate(self, *args, **kwargs):
        """The hierarchy's first and last date (Min and Max of one column) as two ordered probes
        of the column's index, one query: PostgreSQL's own min/max rewrite gives up on some
        filters and aggregates every matching row instead."""
        columns = {
            name: aggregate.source_expressions[0].name
            for name, aggregate in kwargs.items()
            if isinstance(aggregate, Min | Max)
            and len(aggregate.source_expressions) == 1
            and isinstance(aggregate.source_expressions[0], F)
            and aggregate.filter is None
        }
        if args or not kwargs or len(columns) != len(kwargs):
            return super().aggregate(*args, **kwargs)
        probes, params = [], []
        for name, aggregate in kwargs.items():
            column = self._column_sql(columns[name])
            if column is None:
                # As Django's own aggregate answers a list that can hold nothing.
                return dict.fromkeys(kwargs)
            sql, field_params = column
            direction = "DESC" if isinstance(aggregate, Max) else "ASC"
            probes.append(
                f"(SELECT v FROM ({sql}) s(v) WHERE v IS NOT NULL ORDER BY v {direction} LIMIT 1)"
            )
            params += field_params
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(probes)}", params)
            return dict(zip(kwargs, cursor.fetchone(), strict=True))

    def _column_sql(self, field_name):
        """The SQL and parameters of this list's values of one column, or None where Django knows
        the filters match nothing (an id beyond the column's range) and compiles no SQL."""
        values = QuerySet(self.model, self.query.chain(), using=self.db).order_by()
        try:
            return values.values_list(field_name).query.get_compiler(self.db).as_sql()
        except EmptyResultSet:
            return None

    def _indexed_dates(self, field_name, kind, order, *, cast):
        column = self._column_sql(field_name)
        if column is None:
            return []
        sql, params = column
        zone = timezone.get_current_timezone_name()
        # A timestamp is truncated in the current time zone, as Django's datetimes() does.
        truncated = f"date_trunc('{kind}', v){cast}" if cast else f"date_trunc('{kind}', v, %s)"
        step = f"interval '1 {kind}'"
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"""
                WITH RECURSIVE steps(at, n) AS (
                    (SELECT {truncated}, 1 FROM ({sql}) s(v) WHERE v IS NOT NULL
                     ORDER BY v LIMIT 1)
                    UNION ALL
                    SELECT (SELECT {truncated} FROM ({sql}) s(v) WHERE v >= steps.at + {step}
                            ORDER BY v LIMIT 1), n + 1
                    FROM steps WHERE steps.at IS NOT NULL AND n < %s
                )
                SELECT at FROM steps WHERE at IS NOT NULL
                ORDER BY at {"DESC" if order == "DESC" else "ASC"}
                """,
                [
                    *([] if cast else [zone]),
                    *params,
                    *([] if cast else [zone]),
                    *params,
                    FILTER_VALUES_LIMIT,
                ],
            )
            found = [at for (at,) in cursor.fetchall()]
        return found if cast else [timezone.localtime(at) for at in found]


class LargeChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # Only the date hierarchy reads the list's queryset from here on.
        if self.date_hierarchy and type(self.queryset) is QuerySet:
            self.queryset = IndexedDatesQuerySet(
                self.model, self.queryset.query.chain(), using=self.queryset.db
            )


class LargeListAdminMixin:
    """For a model admin whose list can hold millions of rows: no second count of the whole
    table, the first one bounded (EstimatedCountPaginator), and the date hierarchy's dates found
    through the date's index (IndexedDatesQuerySet); an action's selection checked to be ids.
    Pages of 50 rows, not Django's 100: at a million claims, rendering a row costs more than
    reading it (bench/admin.py: ~1.5 ms of CPU a claim row against 0.4 ms of SQL)."""

    list_per_page: ClassVar[int] = 50
    show_full_result_count: ClassVar[bool] = False
    paginator: ClassVar[type] = EstimatedCountPaginator

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        return LargeChangeList if changelist is ChangeList else changelist

    def response_action(
        self, request: HttpRequest, queryset: QuerySet[Any], *args: Any, **kwargs: Any
    ) -> HttpResponse | None:
        """An action's selection must be row ids: Django filters the list by whatever is posted
        and fails on anything else ("abc", a NUL character) with a 500."""
        try:
            for selected in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                self.model._meta.pk.to_python(selected)
        except ValidationError:
            self.message_user(
                request, "The selection holds something that is not a row's id.", messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, *args, **kwargs)


def indexed_distinct_values(model: type[Model], column: str) -> list:
    """The distinct non-null values of `column`, in order, at most FILTER_VALUES_LIMIT: a loose
    index scan (one probe of the column's index per value) where DISTINCT would read every row."""
    table = connections["default"].ops.quote_name(model._meta.db_table)
    column = connections["default"].ops.quote_name(column)
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE found(value, n) AS (
                (SELECT {column}, 1 FROM {table} WHERE {column} IS NOT NULL
                 ORDER BY {column} LIMIT 1)
                UNION ALL
                SELECT (SELECT {column} FROM {table} WHERE {column} > found.value
                        ORDER BY {column} LIMIT 1), n + 1
                FROM found WHERE found.value IS NOT NULL AND n < %s
            )
            SELECT value FROM found WHERE value IS NOT NULL
            """,
            [FILTER_VALUES_LIMIT],
        )
        return [value for (value,) in cursor.fetchall()]


class IndexedValuesFieldListFilter(admin.AllValuesFieldListFilter):
    """A column's values to filter by (as Django's all-values filter), read through the column's
    index one value at a time (indexed_distinct_values), from the whole table rather than from
    the admin's list."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = indexed_distinct_values(field.model, field.column)


class RelatedInUseFieldListFilter(admin.RelatedFieldListFilter):
    """The related rows some row points to (as Django's related-only filter), found by probing,
    for each candidate, the foreign key's index for one row that points to it, rather than by
    collecting the distinct keys of every row of the list."""

    def field_choices(self, field, request, model_admin):
        referring = field.model._default_manager.filter(**{field.name: OuterRef("pk")})
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(Exists(referring)),
            ordering=self.field_admin_ordering(field, request, model_admin),
        )
