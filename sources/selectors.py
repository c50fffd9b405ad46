from collections.abc import Iterable

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Lower, Trim

from factcheck.text import strip_invisible
from sources.models import Source, SourceAlias, SourceRating


def source_current_grade_subquery() -> Subquery:
    """The newest human grade of the outer source, for annotating lists without a query per row."""
    newest = SourceRating.objects.filter(source=OuterRef("pk")).order_by("-rated_at", "-id")
    return Subquery(newest.values("grade")[:1])


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("parent").annotate(
        current_grade=source_current_grade_subquery()
    )


def source_current_grade(*, source: Source) -> str | None:
    rating = source.ratings.order_by("-rated_at", "-id").first()
    return rating.grade if rating else None


def source_resolve(*, name: str) -> Source | None:
    """Find the source that a name, alias or slug refers to, ignoring case and outer spaces
    (invisible characters included)."""
    cleaned = strip_invisible(name)
    if not cleaned:
        return None
    alias = (
        SourceAlias.objects.annotate(normalised=Lower(Trim("name")))
        .filter(normalised=cleaned.lower())
        .select_related("source")
        .first()
    )
    if alias:
        return alias.source
    return Source.objects.filter(slug=cleaned.lower()).first()


def source_alias_holder(*, name: str, exclude_alias_id: int | None = None) -> Source | None:
    """The source that already has this alias, compared as the unique index compares them."""
    aliases = SourceAlias.objects.annotate(normalised=Lower(Trim("name"))).filter(
        normalised=name.strip().lower()
    )
    if exclude_alias_id is not None:
        aliases = aliases.exclude(pk=exclude_alias_id)
    alias = aliases.select_related("source").first()
    return alias.source if alias else None


def source_root_ids(*, source_ids: Iterable[int]) -> dict[int, int]:
    """Map each source to the root of its affiliation tree: sources sharing a root are one voice."""
    ids = list(set(source_ids))
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE chain(start_id, id, parent_id) AS (
                SELECT id, id, parent_id FROM sources_source WHERE id = ANY(%s)
                UNION ALL
                SELECT chain.start_id, s.id, s.parent_id
                FROM chain JOIN sources_source s ON s.id = chain.parent_id
            )
            SELECT start_id, id FROM chain WHERE parent_id IS NULL
            """,
            [ids],
        )
        return dict(cursor.fetchall())


def source_families(*, source_ids: Iterable[int]) -> dict[int, int | None]:
    """Every source in the affiliation trees these sources belong to, mapped to its parent (None
    for a root): the family whose records pool into a member's prior."""
    roots = set(source_root_ids(source_ids=source_ids).values())
    if not roots:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE tree(id, parent_id) AS (
                SELECT id, parent_id FROM sources_source WHERE id = ANY(%s)
                UNION ALL
                SELECT s.id, s.parent_id FROM sources_source s JOIN tree ON s.parent_id = tree.id
            )
            SELECT id, parent_id FROM tree
            """,
            [sorted(roots)],
        )
        return dict(cursor.fetchall())
