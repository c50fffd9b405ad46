"""Sources over the REST API: list with filters, detail with grades, aliases, affiliation and track
record, create, and reviewers' ratings. Views parse input and call sources.services."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from claims.selectors import source_track_record
from factcheck.api import FilterBackend, FilterSet, LimitOffsetPagination, UTCDateTimeField
from factcheck.api_policy import IsJournalist, IsReviewer
from sources.models import Grade, Source, SourceAlias, SourceKind, SourceReliability
from sources.reliability import reliability_source_as_of
from sources.selectors import source_current_grade, source_list, source_resolve
from sources.services import source_create, source_rating_create

SOURCE_LIST_FIELDS = (
    "slug",
    "name",
    "kind",
    "country",
    "domains",
    "parent__slug",
    "current_grade",
    "reliability__letter",
    "reliability__mean",
)


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


class SourceListOutputSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    country = serializers.CharField(allow_blank=True)
    domains = serializers.ListField(child=serializers.CharField())
    parent = serializers.SlugField(allow_null=True, help_text="Slug of the affiliated parent.")
    current_grade = serializers.ChoiceField(
        choices=Grade.choices, allow_null=True, help_text="Newest human grade, if rated."
    )
    computed_grade = serializers.ChoiceField(
        choices=Grade.choices,
        allow_null=True,
        help_text="The track record's estimate on the A–F scale (F: too uncertain); null until "
        "first computed.",
    )
    computed_reliability = serializers.FloatField(
        allow_null=True, help_text="Probability that what the source says is right."
    )


def _source_list_row(row: dict) -> dict:
    row["parent"] = row.pop("parent__slug")
    row["computed_grade"] = row.pop("reliability__letter")
    row["computed_reliability"] = row.pop("reliability__mean")
    return row


class RatingOutputSerializer(serializers.Serializer):
    grade = serializers.ChoiceField(choices=Grade.choices)
    rationale = serializers.CharField()
    rated_by = serializers.CharField(source="rated_by.username")
    rated_at = serializers.DateTimeField()


class TrackRecordSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    unverified = serializers.IntegerField()
    corroborated = serializers.IntegerField()
    contradicted = serializers.IntegerField()
    disputed = serializers.IntegerField()
    superseded = serializers.IntegerField()


class SourceTrackRecordSerializer(serializers.Serializer):
    asserted = TrackRecordSerializer(help_text="Claims this source asserted, by their status.")
    denied = TrackRecordSerializer(help_text="Claims this source denied, by their status.")


class ReliabilitySerializer(serializers.Serializer):
    """What the track record shows (reliability engine): a Beta posterior with its 95 % interval."""

    mean = serializers.FloatField(help_text="Probability that what the source says is right.")
    lower = serializers.FloatField(help_text="Lower end of the 95 % credible interval.")
    upper = serializers.FloatField(help_text="Upper end of the 95 % credible interval.")
    letter = serializers.ChoiceField(choices=Grade.choices, help_text="On the A–F scale.")
    human_grade = serializers.CharField(allow_blank=True, help_text="The grade used as prior.")
    disagrees_with_grade = serializers.BooleanField()
    decided_claims = serializers.IntegerField(help_text="Reviewed claims behind the estimate.")
    decided_for = serializers.FloatField()
    decided_against = serializers.FloatField()
    as_of = serializers.DateTimeField(
        help_text="The time the estimate speaks of: `as_of` if asked, else when last computed."
    )


def _reliability_data(source: Source, as_of) -> dict | None:
    fields = [name for name in ReliabilitySerializer().fields if name != "as_of"]
    if as_of is not None:
        estimate = reliability_source_as_of(source=source, as_of=as_of)
        return {**{name: getattr(estimate, name) for name in fields}, "as_of": as_of}
    stored = SourceReliability.objects.filter(source=source).first()
    if stored is None:
        return None
    return {**{name: getattr(stored, name) for name in fields}, "as_of": stored.computed_at}


class SourceDetailOutputSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    country = serializers.CharField(allow_blank=True)
    domains = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField(allow_blank=True)
    aliases = serializers.ListField(child=serializers.CharField())
    parent = SourceRefSerializer(allow_null=True, help_text="The organisation it belongs to.")
    children = SourceRefSerializer(many=True, help_text="Sources affiliated with this one.")
    current_grade = serializers.ChoiceField(choices=Grade.choices, allow_null=True)
    ratings = RatingOutputSerializer(many=True, help_text="Human grades, newest first.")
    track_record = SourceTrackRecordSerializer()
    reliability = ReliabilitySerializer(
        allow_null=True, help_text="Computed from the record; null until first computed."
    )
    created_at = serializers.DateTimeField()


def source_detail_data(source: Source, *, as_of=None) -> dict:
    ratings = list(source.ratings.select_related("rated_by"))
    return {
        "slug": source.slug,
        "name": source.name,
        "kind": source.kind,
        "country": source.country,
        "domains": source.domains,
        "description": source.description,
        "aliases": [alias.name for alias in source.aliases.all()],
        "parent": {"slug": source.parent.slug, "name": source.parent.name}
        if source.parent
        else None,
        "children": list(source.children.order_by("name").values("slug", "name")),
        "current_grade": ratings[0].grade if ratings else None,
        "ratings": RatingOutputSerializer(ratings, many=True).data,
        "track_record": source_track_record(source=source),
        "reliability": _reliability_data(source, as_of),
        "created_at": source.created_at,
    }


class SourceListCreateApi(generics.GenericAPIView):
    pagination_class = LimitOffsetPagination
    filterset_class = SourceFilter
    filter_backends = [FilterBackend]
    permission_classes = [IsJournalist]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "SourceInput"

        name = serializers.CharField(max_length=200)
        kind = serializers.ChoiceField(choices=SourceKind.choices, default=SourceKind.OTHER)
        slug = serializers.SlugField(max_length=100, required=False)
        country = serializers.CharField(max_length=2, required=False, default="", allow_blank=True)
        domains = serializers.ListField(
            child=serializers.CharField(max_length=253), required=False, default=list
        )
        parent = SourceReferenceField(required=False, allow_null=True, default=None)
        aliases = serializers.ListField(
            child=serializers.CharField(max_length=200), required=False, default=list
        )
        description = serializers.CharField(required=False, default="", allow_blank=True)

    def get_queryset(self):
        return source_list().order_by("name", "id")

    @extend_schema(
        operation_id="sources_list", responses={200: SourceListOutputSerializer(many=True)}
    )
    def get(self, request):
        # Queries: the count and the page (auth adds one for the token).
        rows = self.filter_queryset(self.get_queryset()).values(*SOURCE_LIST_FIELDS)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response([_source_list_row(row) for row in page])

    @extend_schema(
        operation_id="sources_create",
        request=InputSerializer,
        responses={201: SourceDetailOutputSerializer},
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        source = source_create(**data.validated_data)
        return Response(source_detail_data(source), status=status.HTTP_201_CREATED)


class SourceDetailApi(generics.GenericAPIView):
    permission_classes = [IsJournalist]

    class QuerySerializer(serializers.Serializer):
        as_of = UTCDateTimeField(
            required=False,
            default=None,
            help_text="Point in time: the reliability the record showed then, from the evidence "
            "available then.",
        )

    @extend_schema(
        operation_id="sources_retrieve",
        parameters=[QuerySerializer],
        responses={200: SourceDetailOutputSerializer},
    )
    def get(self, request, slug):
        source = get_object_or_404(Source.objects.select_related("parent"), slug=slug)
        query = self.QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(source_detail_data(source, as_of=query.validated_data["as_of"]))


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
    path("sources/", SourceListCreateApi.as_view(), name="source-list"),
    path("sources/<slug:slug>/", SourceDetailApi.as_view(), name="source-detail"),
    path("sources/<slug:slug>/ratings/", SourceRatingCreateApi.as_view(), name="source-ratings"),
]
