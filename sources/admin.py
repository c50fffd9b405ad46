"""The reviewers' admin for sources: who a source is, what it is also called, whom it speaks for,
and how reliable reviewers judge it to be.

Ratings are append-only, so a source's page shows its rating history read-only and offers a
separate form for a new rating, which is recorded through `source_rating_create`.
"""

from django import forms
from django.contrib import admin
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db.models import OuterRef
from django.db.models.functions import Lower, Trim
from django.forms.models import BaseInlineFormSet

from factcheck.paging import LargeListAdminMixin
from sources.models import Source, SourceAlias, SourceRating
from sources.selectors import source_alias_holder, source_list, source_resolve
from sources.services import (
    SOURCE_FIELDS,
    source_alias_add,
    source_alias_delete,
    source_alias_update,
    source_create,
    source_parent_check,
    source_rating_create,
    source_update,
)


def adopt_saved_row(obj, saved):
    """Make the admin's unsaved instance the row a service just saved.

    The admin already bound the inline formsets to the instance its form built, so that instance,
    not the service's, has to carry the new primary key.
    """
    obj.__dict__.update(saved.__dict__)


class HistoryInlineMixin:
    """Rows as recorded: shown on the parent's page, never added, changed or deleted there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdminMixin:
    """A model admin of records the system or a page elsewhere writes (ratings, the verdict
    history, the job log, the engine's learned parameters): listed and shown, never added, changed
    or deleted from its own pages."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AddOnlyInlineMixin:
    """Empty forms for new rows only; a history inline beside it shows the recorded ones."""

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SourceAdminForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = ["name", "slug", "kind", "country", "domains", "parent", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Leave empty to make one from the name."

    def clean_country(self):
        return self.cleaned_data["country"].strip().upper()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        # A source's name becomes one of its aliases, which must not belong to another source.
        owner = source_resolve(name=name)
        if owner is not None and owner.pk != self.instance.pk:
            raise forms.ValidationError(f"“{owner}” already goes by this name.")
        return name

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if self.instance._state.adding:
            return parent
        try:
            source_parent_check(source=self.instance, parent=parent)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["parent"]) from error
        return parent


class SourceAliasFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            name = form.cleaned_data.get("name") if hasattr(form, "cleaned_data") else None
            if not name or self._should_delete_form(form):
                continue
            key = name.strip().lower()
            if key in seen:
                raise forms.ValidationError(f"“{name}” is listed twice.")
            seen.add(key)


class SourceAliasForm(forms.ModelForm):
    def clean_name(self):
        name = self.cleaned_data["name"]
        holder = source_alias_holder(name=name, exclude_alias_id=self.instance.pk)
        if holder is not None:
            raise forms.ValidationError(f"“{holder}” already goes by “{name.strip()}”.")
        return name


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    form = SourceAliasForm
    formset = SourceAliasFormSet
    fields = ["name"]
    extra = 1
    verbose_name = "alias"
    verbose_name_plural = "Aliases (other names that resolve to this source, case-insensitive)"


class SourceRatingHistoryInline(HistoryInlineMixin, admin.TabularInline):
    """Every rating ever given, newest first; none can be changed or removed."""

    model = SourceRating
    fields = ["grade", "rationale", "rated_by", "rated_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "rating"
    verbose_name_plural = "Rating history (newest first; the newest is the current grade)"

    def get_queryset(self, request):
        ratings = super().get_queryset(request).select_related("source", "rated_by")
        return ratings.order_by("-rated_at", "-id")


class SourceRatingAddFormSet(BaseInlineFormSet):
    """Marks the formset whose new rows are recorded through `source_rating_create`."""


class SourceRatingAddInline(AddOnlyInlineMixin, admin.StackedInline):
    model = SourceRating
    formset = SourceRatingAddFormSet
    fields = ["grade", "rationale"]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = "rating"
    verbose_name_plural = "Add a rating (recorded with your name and the current time)"


@admin.register(Source)
class SourceAdmin(LargeListAdminMixin, admin.ModelAdmin):
    form = SourceAdminForm
    list_display = [
        "name",
        "kind",
        "country",
        "parent",
        "current_grade",
        "alias_names",
    ]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "aliases__name"]
    autocomplete_fields = ["parent"]
    inlines = [SourceAliasInline, SourceRatingAddInline, SourceRatingHistoryInline]

    def get_queryset(self, request):
        other_names = SourceAlias.objects.filter(source=OuterRef("pk")).exclude(
            name=OuterRef("name")
        )
        return source_list().annotate(other_names=ArraySubquery(other_names.values("name")))

    @admin.display(description="Current grade", ordering="current_grade")
    def current_grade(self, source):
        return source.current_grade or "–"

    @admin.display(description="Also known as")
    def alias_names(self, source):
        return ", ".join(source.other_names) or "–"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            # The form has already written its values onto obj; the service compares against the
            # row as stored, so that it can tell whether the affiliation moved.
            updated = source_update(
                source=Source.objects.get(pk=obj.pk),
                data={field: data[field] for field in form.changed_data},
            )
        else:
            updated = source_create(
                **{**{field: data[field] for field in SOURCE_FIELDS}, "slug": data["slug"] or None}
            )
        adopt_saved_row(obj, updated)

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, SourceRatingAddFormSet):
            formset.new_objects = [
                source_rating_create(
                    source=form.instance,
                    grade=rating.grade,
                    rationale=rating.rationale,
                    rated_by=request.user,
                )
                for rating in formset.save(commit=False)
            ]
        elif isinstance(formset, SourceAliasFormSet):
            self._save_aliases(form.instance, formset)
        else:
            super().save_formset(request, form, formset, change)

    def _save_aliases(self, source, formset):
        for alias in formset.save(commit=False):
            if alias.pk is not None:
                source_alias_update(alias=alias, name=alias.name)
        for alias in formset.deleted_objects:
            source_alias_delete(alias=alias)
        # The source already answers to its own name (source_create and source_update register it).
        known = set(
            SourceAlias.objects.filter(source=source)
            .annotate(normalised=Lower(Trim("name")))
            .values_list("normalised", flat=True)
        )
        formset.new_objects = [
            source_alias_add(source=source, name=alias.name)
            for alias in formset.new_objects
            if alias.name.strip().lower() not in known
        ]


@admin.register(SourceRating)
class SourceRatingAdmin(ReadOnlyAdminMixin, LargeListAdminMixin, admin.ModelAdmin):
    """All ratings across sources, newest first. New ratings are added on a source's page."""

    list_display = ["source", "grade", "rated_by", "rated_at", "rationale"]
    list_filter = ["grade"]
    search_fields = ["source__name", "rationale"]
    date_hierarchy = "rated_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "rated_by")
