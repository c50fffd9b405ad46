"""The re-check queue: which claims a reviewer should look at again, and why.

Each rule yields, per claim, the moment it became due. A flag is stored only when that moment is
after the claim's last review, so a review clears a claim and a rule does not flag it again for
the same cause. Rules run as set-based SQL over all claims.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.models import Citation, Claim, RecheckFlag, RecheckReason, Review
from claims.selectors import claims_filter_due, recheck_flags_standing

LAST_REVIEW = "SELECT claim_id, max(created_at) AS at FROM claims_review GROUP BY claim_id"

# Each candidate query returns (claim_id, due_since, detail) and may use the last_review CTE.
RULES = {
    RecheckReason.UNVERIFIED_TOO_LONG: """
        SELECT id, created_at + %(unverified_after)s,
               'Unverified since ' || to_char(created_at, 'YYYY-MM-DD')
        FROM claims_claim WHERE status = 'unverified'
    """,
    RecheckReason.TIME_PASSED: """
        SELECT id, coalesce(about_end, about_start) + %(after_about)s,
               'Speaks of ' || to_char(coalesce(about_end, about_start), 'YYYY-MM-DD HH24:MI')
        FROM claims_claim WHERE coalesce(about_end, about_start) IS NOT NULL
    """,
    RecheckReason.SOURCE_GRADE_CHANGED: """
        SELECT DISTINCT ON (ci.claim_id) ci.claim_id, g.rated_at,
               s.name || ' regraded ' || g.previous || ' → ' || g.grade
        FROM (
            SELECT source_id, grade, rated_at,
                   lag(grade) OVER (PARTITION BY source_id ORDER BY rated_at, id) AS previous
            FROM sources_sourcerating
        ) g
        JOIN claims_citation ci ON ci.source_id = g.source_id
        JOIN sources_source s ON s.id = g.source_id
        WHERE g.previous IS NOT NULL AND g.previous <> g.grade
        ORDER BY ci.claim_id, g.rated_at DESC
    """,
    RecheckReason.CONTRADICTING_CITATION: """
        SELECT ci.claim_id, min(ci.created_at),
               count(*) || ' new citation(s) ' || (array_agg(ci.stance))[1]
               || ' a claim marked ' || min(c.status)
        FROM claims_citation ci
        JOIN claims_claim c ON c.id = ci.claim_id
        LEFT JOIN last_review r ON r.claim_id = ci.claim_id
        WHERE ((c.status = 'corroborated' AND ci.stance = 'denies')
            OR (c.status = 'contradicted' AND ci.stance = 'asserts'))
          AND (r.at IS NULL OR ci.created_at > r.at)
        GROUP BY ci.claim_id
    """,
}


@transaction.atomic
def recheck_flags_update(*, now: datetime | None = None) -> dict[str, int]:
    """Apply every rule; returns how many flags each rule raised or renewed. Idempotent."""
    params = {
        "now": now or timezone.now(),
        "unverified_after": timedelta(days=settings.RECHECK_UNVERIFIED_AFTER_DAYS),
        "after_about": timedelta(hours=settings.RECHECK_AFTER_ABOUT_TIME_HOURS),
    }
    counts = {}
    with connection.cursor() as cursor:
        for reason, candidates in RULES.items():
            cursor.execute(
                f"""
                WITH last_review AS ({LAST_REVIEW}),
                     candidates(claim_id, due_since, detail) AS ({candidates})
                INSERT INTO claims_recheckflag (claim_id, reason, detail, due_since)
                SELECT c.claim_id, %(reason)s, c.detail, c.due_since
                FROM candidates c LEFT JOIN last_review r ON r.claim_id = c.claim_id
                WHERE c.due_since <= %(now)s AND (r.at IS NULL OR r.at < c.due_since)
                ON CONFLICT (claim_id, reason) DO UPDATE
                    SET due_since = EXCLUDED.due_since, detail = EXCLUDED.detail
                    -- only a flag that a review already cleared is replaced; a standing one
                    -- keeps its age
                    WHERE EXISTS (SELECT 1 FROM claims_review v
                                  WHERE v.claim_id = claims_recheckflag.claim_id
                                    AND v.created_at >= claims_recheckflag.due_since)
                """,
                # django-stubs leave timedelta out of the SQL parameter types; psycopg adapts it
                # to an interval.
                {**params, "reason": reason.value},  # type: ignore[dict-item]
            )
            counts[reason.value] = cursor.rowcount
    return counts


def recheck_flags_after_migrate(sender, using, **kwargs) -> None:
    """Run the rules once as soon as the schema is complete (post_migrate), so that a fresh or
    restored database opens with its queue rather than waiting for the hourly job. Skipped while
    migrations are still unapplied (a partial `migrate claims 0007`): the rules need the latest
    schema."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    recheck_flags_update()


def recheck_flags_cleared_delete() -> int:
    """Tidy away flags a later review has cleared (they no longer count either way)."""
    deleted, _ = RecheckFlag.objects.filter(
        Exists(
            Review.objects.filter(claim=OuterRef("claim"), created_at__gte=OuterRef("due_since"))
        )
    ).delete()
    return deleted


def claim_due_for_recheck_list(queryset: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Claims due for re-check, oldest due first, then most cited, with why they are due."""
    queryset = Claim.objects.all() if queryset is None else queryset
    standing = recheck_flags_standing().filter(claim=OuterRef("pk")).order_by("due_since")
    citation_count = (
        Citation.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        claims_filter_due(queryset)
        .annotate(
            due_since=Subquery(standing.values("due_since")[:1]),
            due_reasons=ArraySubquery(standing.values("reason")),
            due_details=ArraySubquery(standing.values("detail")),
            citation_count=Coalesce(Subquery(citation_count), 0),
        )
        .order_by(*QUEUE_ORDER)
    )


QUEUE_ORDER = ("due_since", "-citation_count", "pk")


def claim_due_for_recheck_first(queryset: QuerySet[Claim], *, count: int) -> QuerySet[Claim]:
    """The claims of `queryset` (claim_due_for_recheck_list, filtered as a reviewer asked) that
    can be among its first `count` in the queue's order, with all those tied with the last: read
    from the flags oldest first (index recheck_flag_due) rather than by ordering every due claim.

    A claim is due since its oldest standing flag, so the flags read in that order meet each
    claim first at its own due time; a claim has at most one flag per reason, so `count` times
    the reasons flags hold at least `count` claims. The due time of the `count`-th of them is the
    cut-off: every claim with a standing flag due by then, ties included, is kept."""
    claims = queryset.values("pk")
    walk = (
        recheck_flags_standing()
        .filter(claim__in=claims)
        .order_by("due_since")
        .values("claim_id", "due_since")[: count * len(RecheckReason)]
    )
    with connection.cursor() as cursor:
        sql, params = walk.query.sql_with_params()
        cursor.execute(
            f"""
            SELECT max(first_due) FROM (
                SELECT min(w.due_since) AS first_due FROM ({sql}) w
                GROUP BY w.claim_id ORDER BY first_due LIMIT %s
            ) first_claims
            """,
            [*params, count],
        )
        (cutoff,) = cursor.fetchone()
    if cutoff is None:
        return queryset.none()
    kept = recheck_flags_standing().filter(due_since__lte=cutoff).values("claim_id")
    return queryset.filter(pk__in=kept)


def recheck_flag_claims_of_sources(
    *, sources: dict[int, str], exclude_claim_ids: list[int], now: datetime | None = None
) -> int:
    """Flag the claims these sources made (source id -> why), e.g. after their computed reliability
    moved. Same rule as the others: a flag a review already cleared is renewed, a standing one
    kept."""
    if not sources:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH moved(source_id, detail) AS (
                SELECT * FROM unnest(%(ids)s::bigint[], %(details)s::text[])
            )
            INSERT INTO claims_recheckflag (claim_id, reason, detail, due_since)
            SELECT DISTINCT ON (ci.claim_id) ci.claim_id, %(reason)s, m.detail, %(now)s
            FROM claims_citation ci JOIN moved m ON m.source_id = ci.source_id
            WHERE NOT (ci.claim_id = ANY(%(exclude)s::bigint[]))
            ORDER BY ci.claim_id, m.source_id
            ON CONFLICT (claim_id, reason) DO UPDATE
                SET due_since = EXCLUDED.due_since, detail = EXCLUDED.detail
                WHERE EXISTS (SELECT 1 FROM claims_review v
                              WHERE v.claim_id = claims_recheckflag.claim_id
                                AND v.created_at >= claims_recheckflag.due_since)
            """,
            {
                "ids": list(sources),
                "details": list(sources.values()),
                "reason": RecheckReason.SOURCE_RELIABILITY_CHANGED.value,
                "now": now or timezone.now(),
                "exclude": list(exclude_claim_ids),
            },
        )
        return cursor.rowcount
