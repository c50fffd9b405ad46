"""Sources over the REST API: the pieces every endpoint naming a source shares (a source given by
name or alias, the list's filters) and reviewers' ratings. The list and detail, which show the
computed reliability and the track record, are served by reliability.api, above this app."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from factcheck.api import FilterSet
from factcheck.api_policy import IsReviewer
from sources.models import Grade, Source, SourceAlias, SourceKind
from sources.selectors import source_current_grade, source_resolve
from sources.services import source_rating_create


class SourceRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class SourceReferenceField(serializers.CharField):
    """A source given by slug, name or any alias ("OSDH" finds SOHR)."""

    default_error_messages = {"unknown": "No source is known by “{value}”."}

    def run_validation(self, data=serializers.empty):
        # After CharField's own checks (blank, length, NUL characters), before the lookup.
        value = super().run_validation(data)
        if value is None:
            return None
        source = source_resolve(name=value)
        if source is None:
            self.fail("unknown", value=value)
        return source


class SourceFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices)
    country = django_filters.CharFilter(
        method="filter_country", help_text="ISO 3166-1 alpha-2 code, e.g. SY."
    )
    grade = django_filters.ChoiceFilter(
        field_name="current_grade", choices=Grade.choices, help_text="Current human grade."
    )
    q = django_filters.CharFilter(
        method="filter_text", help_text="Text in the source's name or any of its aliases."
    )
    alias = django_filters.CharFilter(
        method="filter_alias",
        help_text="Exact name, alias or slug, any case: `?alias=OSDH` finds SOHR.",
    )

    class Meta:
        model = Source
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.strip().upper())

    def filter_text(self, queryset, name, value):
        alias_matches = SourceAlias.objects.filter(source=OuterRef("pk"), name__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Exists(alias_matches))

    def filter_alias(self, queryset, name, value):
        source = source_resolve(name=value)
        return queryset.filter(pk=source.pk) if source else queryset.none()


class SourceRatingCreateApi(generics.GenericAPIView):
    permission_classes = [IsReviewer]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "SourceRatingInput"

        grade = serializers.ChoiceField(choices=Grade.choices)
        rationale = serializers.CharField()
        rated_at = serializers.DateTimeField(
            required=False, default=None, help_text="When the grade was decided; now if omitted."
        )

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "SourceRatingCreated"

        source = serializers.SlugField(source="source.slug")
        grade = serializers.ChoiceField(choices=Grade.choices)
        current_grade = serializers.ChoiceField(choices=Grade.choices)
        rationale = serializers.CharField()
        rated_by = serializers.CharField(source="rated_by.username")
        rated_at = serializers.DateTimeField()

    @extend_schema(
        operation_id="sources_ratings_create",
        request=InputSerializer,
        responses={201: OutputSerializer},
    )
    def post(self, request, slug):
        source = get_object_or_404(Source, slug=slug)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = source_rating_create(source=source, rated_by=request.user, **data.validated_data)
        rating.current_grade = source_current_grade(source=source)
        return Response(self.OutputSerializer(rating).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("sources/<slug:slug>/ratings/", SourceRatingCreateApi.as_view(), name="source-ratings"),
]
