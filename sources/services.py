from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from sources.models import Grade, Source, SourceAlias, SourceKind, SourceRating
from sources.selectors import source_alias_holder
from sources.signals import source_figures_stale


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "source"
    slug, suffix = base, 2
    while Source.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def source_create(
    *,
    name: str,
    kind: str = SourceKind.OTHER,
    slug: str | None = None,
    country: str = "",
    domains: Iterable[str] = (),
    parent: Source | None = None,
    aliases: Iterable[str] = (),
    description: str = "",
) -> Source:
    """Create a source; its own name is also registered as an alias so that it resolves like one."""
    source = Source(
        name=name.strip(),
        slug=slug or _unique_slug(name),
        kind=kind,
        country=country.strip().upper(),
        domains=[_host_name(domain) for domain in domains if domain.strip()],
        parent=parent,
        description=description,
    )
    source.full_clean()
    source.save()
    # Keyed as the database's unique index keys aliases, so "al-Shabaab" and "Al-Shabaab" are one alias.
    distinct: dict[str, str] = {}
    for alias in [source.name, *aliases]:
        distinct.setdefault(alias.strip().lower(), alias)
    for alias in distinct.values():
        source_alias_add(source=source, name=alias)
    return source


def _host_name(domain: str) -> str:
    """sana.sy as typed; an internationalised name in its ASCII (xn--) form, which is how it is
    validated and published."""
    domain = domain.strip().lower().rstrip(".")
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain  # left for the model's validation to refuse, naming the field


@transaction.atomic
def source_alias_add(*, source: Source, name: str) -> SourceAlias:
    alias = SourceAlias(source=source, name=name.strip())
    holder = source_alias_holder(name=alias.name)
    if holder is not None:
        raise ValidationError({"aliases": [f"“{holder}” already goes by “{alias.name}”."]})
    try:
        alias.full_clean()
    except ValidationError as error:
        raise ValidationError({"aliases": error.messages}) from error
    alias.save()
    return alias


@transaction.atomic
def source_parent_set(*, source: Source, parent: Source | None) -> Source:
    if parent is not None and source.pk in _ancestor_ids(parent) | {parent.pk}:
        raise ValidationError({"parent": f"{parent} is affiliated with {source}; affiliation cannot loop."})
    source.parent = parent
    source.save(update_fields=["parent"])
    return source


def _ancestor_ids(source: Source) -> set[int]:
    ids, current = set(), source.parent
    while current is not None and current.pk not in ids:
        ids.add(current.pk)
        current = current.parent
    return ids


@transaction.atomic
def source_rating_create(
    *,
    source: Source,
    grade: str,
    rationale: str,
    rated_by: AbstractBaseUser,
    rated_at: datetime | None = None,
) -> SourceRating:
    if grade not in Grade.values:
        raise ValidationError({"grade": f"Grade must be one of {', '.join(Grade.values)}."})
    rating = SourceRating(
        source=source,
        grade=grade,
        rationale=rationale.strip(),
        rated_by=rated_by,
        rated_at=rated_at or timezone.now(),
    )
    rating.full_clean()
    rating.save()
    source_figures_stale.send(sender=SourceRating, source_ids=[source.pk], reason="rating")
    return rating
