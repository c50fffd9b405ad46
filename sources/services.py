from collections.abc import Iterable, Mapping
from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from factcheck.text import strip_invisible
from sources.models import Grade, Source, SourceAlias, SourceKind, SourceRating
from sources.selectors import source_alias_holder, source_families, source_resolve
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
        name=strip_invisible(name),
        slug=slug or _unique_slug(name),
        kind=kind,
        country=country.strip().upper(),
        domains=_host_names(domains),
        parent=parent,
        description=description,
    )
    source.full_clean()
    source.save()
    # Keyed as the database's unique index keys aliases, so "al-Shabaab" and "Al-Shabaab" are one
    # alias.
    distinct: dict[str, str] = {}
    for alias in [source.name, *aliases]:
        distinct.setdefault(strip_invisible(alias).lower(), alias)
    for alias in distinct.values():
        source_alias_add(source=source, name=alias)
    return source


def _host_names(domains: Iterable[str]) -> list[str]:
    return [_host_name(domain) for domain in domains if domain.strip()]


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
    alias = SourceAlias(source=source)
    return _alias_save(alias, name)


@transaction.atomic
def source_alias_update(*, alias: SourceAlias, name: str) -> SourceAlias | None:
    """Rename an alias. Renamed to a name its own source already answers to (as when a reviewer
    renames the source and the alias to the same new name in one form), the alias is folded into
    that one and None returned."""
    holder = source_alias_holder(name=strip_invisible(name), exclude_alias_id=alias.pk)
    if holder is not None and holder.pk == alias.source_id:
        alias.delete()
        return None
    return _alias_save(alias, name)


@transaction.atomic
def source_alias_delete(*, alias: SourceAlias) -> None:
    alias.delete()


def _alias_save(alias: SourceAlias, name: str) -> SourceAlias:
    alias.name = strip_invisible(name)
    holder = source_alias_holder(name=alias.name, exclude_alias_id=alias.pk)
    if holder is not None:
        raise ValidationError({"aliases": [f"“{holder}” already goes by “{alias.name}”."]})
    try:
        alias.full_clean()
    except ValidationError as error:
        raise ValidationError({"aliases": error.messages}) from error
    alias.save()
    return alias


# What a source's own row says: the arguments of `source_create` that `source_update` may change.
SOURCE_FIELDS = ("name", "slug", "kind", "country", "domains", "parent", "description")
# Changes that move computed figures: the affiliation decides who counts as one voice and whose
# records pool into a prior, and stored credibility explanations name the sources.
SOURCE_FIGURE_FIELDS = {"parent": "affiliation", "name": "source renamed"}


@transaction.atomic
def source_update(*, source: Source, data: Mapping) -> Source:
    """Correct a source. A new affiliation or name queues a recompute of every source in its
    family before and after the change, so no figure keeps counting the old one."""
    unknown = set(data) - set(SOURCE_FIELDS)
    if unknown:
        raise ValidationError({field: "This field cannot be changed." for field in sorted(unknown)})
    cleaned = {**data}
    if "name" in cleaned:
        cleaned["name"] = strip_invisible(cleaned["name"])
    if "country" in cleaned:
        cleaned["country"] = cleaned["country"].strip().upper()
    if "domains" in cleaned:
        cleaned["domains"] = _host_names(cleaned["domains"])
    if "parent" in cleaned:
        source_parent_check(source=source, parent=cleaned["parent"])
    changed = [field for field, value in cleaned.items() if getattr(source, field) != value]
    if not changed:
        return source
    family_before = set(source_families(source_ids=[source.pk]))
    for field in changed:
        setattr(source, field, cleaned[field])
    source.full_clean()
    source.save(update_fields=changed)
    if "name" in changed:
        _own_name_register(source)
    reasons = [SOURCE_FIGURE_FIELDS[field] for field in changed if field in SOURCE_FIGURE_FIELDS]
    if reasons:
        source_figures_stale.send(
            sender=Source,
            source_ids=sorted(family_before | set(source_families(source_ids=[source.pk]))),
            reason=", ".join(reasons),
        )
    return source


def _own_name_register(source: Source) -> None:
    """A renamed source answers to its new name, as a new one does; its old name stays an alias."""
    if source_resolve(name=source.name) == source:
        return
    try:
        source_alias_add(source=source, name=source.name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error


def source_parent_check(*, source: Source, parent: Source | None) -> None:
    """Refuse an affiliation that would loop (the database's trigger refuses it too, without a
    field to name)."""
    if parent is not None and source.pk in _ancestor_ids(parent) | {parent.pk}:
        raise ValidationError(
            {"parent": f"{parent} is affiliated with {source}; affiliation cannot loop."}
        )


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
    rated_by: User,
    rated_at: datetime | None = None,
) -> SourceRating:
    if grade not in Grade.values:
        raise ValidationError({"grade": f"Grade must be one of {', '.join(Grade.values)}."})
    rating = SourceRating(
        source=source,
        grade=grade,
        rationale=strip_invisible(rationale),
        rated_by=rated_by,
        rated_at=rated_at or timezone.now(),
    )
    rating.full_clean()
    rating.save()
    source_figures_stale.send(sender=SourceRating, source_ids=[source.pk], reason="rating")
    return rating
