"""The REST endpoints that show what the reliability engine computed: sources (list with their
computed reliability, detail with track record and `?as_of=`) and a claim's detail with its
point-in-time credibility. They sit in this app because they read both the claims and the engine,
and the apps below may import neither. Views parse input and call services and selectors."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from claims.api.claims import ClaimDetailOutputSerializer, claim_detail_data
from claims.models import Claim, Credibility
from claims.selectors import claim_detail
from factcheck.api import FilterBackend, LimitOffsetPagination
from factcheck.api_policy import IsJournalist
from reliability.engine import parse_as_of, reliability_claim_as_of, reliability_source_as_of
from reliability.scales import letter_words
from reliability.selectors import (
    claims_with_recompute_pending,
    source_track_record,
    sources_with_recompute_pending,
)
from sources.api import SourceFilter, SourceReferenceField, SourceRefSerializer
from sources.models import Grade, Source, SourceKind
from sources.selectors import source_list
from sources.services import source_create

RELIABILITY_FIELDS = (
    "mean",
    "lower",
    "upper",
    "letter",
    "human_grade",
    "decided_claims",
    "decided_for",
    "decided_against",
    "disagrees_with_grade",
    "newest_evidence_at",
    "computed_at",
)
SOURCE_LIST_FIELDS = (
    "slug",
    "name",
    "kind",
    "country",
    "domains",
    "parent__slug",
    "current_grade",
    "recompute_pending",
    *(f"reliability__{name}" for name in RELIABILITY_FIELDS),
)


class AsOfField(serializers.CharField):
    """A point in time: `YYYY-MM-DD` (the end of that day, UTC) or `YYYY-MM-DDTHH:MM` (UTC unless
    an offset is given)."""

    def to_internal_value(self, data):
        try:
            return parse_as_of(super().to_internal_value(data))
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None


class AsOfQuerySerializer(serializers.Serializer):
    class Meta:
        ref_name = "AsOfQuery"

    as_of = AsOfField(
        required=False,
        help_text="Answer as of this time, from the evidence available then (citations published, "
        "reviews and ratings made by then): `YYYY-MM-DD` (the end of that day, UTC) or "
        "`YYYY-MM-DDTHH:MM` (UTC unless an offset is given).",
    )


def as_of_from_query(request) -> datetime | None:
    """The `as_of` query parameter, or None; a bad one is a 400 naming the field."""
    query = AsOfQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("as_of")


class ReliabilitySerializer(serializers.Serializer):
    """What the track record says about a source (see README “Reliability”)."""

    mean = serializers.FloatField(
        help_text="Probability that what the source says is right (Beta posterior mean)."
    )
    lower = serializers.FloatField(help_text="Lower end of the 95 % credible interval.")
    upper = serializers.FloatField(help_text="Upper end of the 95 % credible interval.")
    letter = serializers.ChoiceField(
        choices=Grade.choices,
        help_text="What the decided record shows on the human A–F scale; F while it is too thin "
        "to judge (README “Reliability” states the rule).",
    )
    letter_words = serializers.CharField(
        help_text="The letter in words, e.g. “F: too little evidence, 1 decided statement”."
    )
    human_grade = serializers.ChoiceField(
        choices=Grade.choices,
        allow_null=True,
        help_text="The human grade the estimate started from (its prior); null if none.",
    )
    decided_claims = serializers.IntegerField(
        help_text="Reviewed claims the source made a statement about."
    )
    disagrees_with_grade = serializers.BooleanField(
        help_text="The human grade lies outside what the record alone supports."
    )
    newest_evidence_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When the newest statement in the record was made: how old the evidence is. "
        "Older evidence weighs less only against newer evidence about the same source.",
    )
    as_of = serializers.DateTimeField(
        help_text="Evidence up to this time: when it was last computed, or the `as_of` asked for."
    )


def reliability_data(record, *, as_of: datetime | None = None) -> dict | None:
    """A stored SourceReliability, or a SourceEstimate as of `as_of`, as ReliabilitySerializer
    data."""
    if record is None:
        return None
    return {
        "mean": record.mean,
        "lower": record.lower,
        "upper": record.upper,
        "letter": record.letter,
        "human_grade": record.human_grade or None,
        "decided_claims": record.decided_claims,
        "letter_words": record.letter_words,
        "disagrees_with_grade": record.disagrees_with_grade,
        "newest_evidence_at": record.newest_evidence_at,
        "as_of": record.computed_at if as_of is None else as_of,
    }


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
    reliability = ReliabilitySerializer(
        allow_null=True, help_text="Computed from the track record; null until first computed."
    )
    recompute_pending = serializers.BooleanField(
        help_text="A recompute request that concerns it is not done yet: its figures are about "
        "to change."
    )


def _source_list_row(row: dict) -> dict:
    row["parent"] = row.pop("parent__slug")
    computed = {name: row.pop(f"reliability__{name}") for name in RELIABILITY_FIELDS}
    computed["as_of"] = computed.pop("computed_at")
    computed["human_grade"] = computed["human_grade"] or None
    if computed["mean"] is not None:
        computed["letter_words"] = letter_words(
            letter=computed["letter"],
            decided_claims=computed["decided_claims"],
            decided_for=computed.pop("decided_for"),
            decided_against=computed.pop("decided_against"),
        )
    row["reliability"] = None if computed["mean"] is None else computed
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
    unresolved = serializers.IntegerField()


class SourceTrackRecordSerializer(serializers.Serializer):
    asserted = TrackRecordSerializer(help_text="Claims this source asserted, by their status.")
    denied = TrackRecordSerializer(help_text="Claims this source denied, by their status.")


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
        allow_null=True,
        help_text="Computed from the track record (as of `as_of` when given); null until first "
        "computed.",
    )
    recompute_pending = serializers.BooleanField(
        help_text="A recompute request that concerns it is not done yet: its figures are about "
        "to change."
    )
    created_at = serializers.DateTimeField()


def _sources_for_detail():
    return sources_with_recompute_pending(Source.objects.select_related("parent", "reliability"))


def source_detail_data(source: Source, *, as_of: datetime | None = None) -> dict:
    """The detail as plain data, with the stored reliability or, given `as_of`, the reliability
    the evidence available then supported."""
    if as_of is None:
        reliability = reliability_data(getattr(source, "reliability", None))
    else:
        then = reliability_source_as_of(source=source, as_of=as_of)
        reliability = reliability_data(then, as_of=as_of)
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
        "track_record": source_track_record(source=source, as_of=as_of),
        "reliability": reliability,
        "recompute_pending": source.recompute_pending,
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
        return sources_with_recompute_pending(source_list()).order_by("name", "id")

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
        created = _sources_for_detail().get(pk=source.pk)
        return Response(source_detail_data(created), status=status.HTTP_201_CREATED)


class SourceDetailApi(generics.GenericAPIView):
    permission_classes = [IsJournalist]

    @extend_schema(
        operation_id="sources_retrieve",
        parameters=[AsOfQuerySerializer],
        responses={200: SourceDetailOutputSerializer},
    )
    def get(self, request, slug):
        as_of = as_of_from_query(request)
        sources = _sources_for_detail()
        source = get_object_or_404(sources, slug=slug)
        return Response(source_detail_data(source, as_of=as_of))


class CredibilityAsOfSerializer(serializers.Serializer):
    as_of = serializers.DateTimeField()
    probability = serializers.FloatField()
    credibility = serializers.ChoiceField(choices=Credibility.choices)
    basis = serializers.ChoiceField(
        choices=[("review", "review"), ("sources", "sources"), ("none", "none")]
    )


class ClaimDetailWithCredibilityOutputSerializer(ClaimDetailOutputSerializer):
    class Meta:
        ref_name = "ClaimDetail"

    credibility_as_of = CredibilityAsOfSerializer(
        allow_null=True,
        help_text="With `as_of`: the credibility the evidence available then supported; else null.",
    )
    recompute_pending = serializers.BooleanField(
        help_text="A recompute request that concerns it is not done yet: its figures are about "
        "to change."
    )


def claim_credibility_as_of_data(claim: Claim, *, as_of: datetime | None) -> dict | None:
    if as_of is None:
        return None
    estimate = reliability_claim_as_of(claim=claim, as_of=as_of)
    return {
        "as_of": as_of,
        "probability": estimate.probability,
        "credibility": estimate.credibility,
        "basis": estimate.basis,
    }


class ClaimDetailApi(generics.GenericAPIView):
    permission_classes = [IsJournalist]

    @extend_schema(
        operation_id="claims_retrieve",
        parameters=[AsOfQuerySerializer],
        responses={
            200: ClaimDetailWithCredibilityOutputSerializer,
            301: inline_serializer(
                "ClaimMergedPointer",
                {
                    "merged_into": serializers.IntegerField(
                        help_text="The claim kept; see Location."
                    )
                },
            ),
        },
    )
    def get(self, request, claim_id):
        as_of = as_of_from_query(request)
        try:
            claim = claim_detail(claim_id=claim_id, annotate=claims_with_recompute_pending)
        except Claim.DoesNotExist:
            raise exceptions.NotFound("No claim with this id.") from None
        if claim.merged_into_id is not None:
            # Moved for good: clients and caches follow to the claim kept, asking the same
            # question of it (`as_of` and any other parameter go along).
            url = reverse("claim-detail", kwargs={"claim_id": claim.merged_into_id})
            if request.META.get("QUERY_STRING"):
                url = f"{url}?{request.META['QUERY_STRING']}"
            response = Response({"merged_into": claim.merged_into_id}, status=301)
            response["Location"] = request.build_absolute_uri(url)
            return response
        data = claim_detail_data(claim)
        data["credibility_as_of"] = claim_credibility_as_of_data(claim, as_of=as_of)
        data["recompute_pending"] = claim.recompute_pending
        return Response(data)


urlpatterns = [
    path("sources/", SourceListCreateApi.as_view(), name="source-list"),
    path("sources/<slug:slug>/", SourceDetailApi.as_view(), name="source-detail"),
    path("claims/<int:claim_id>/", ClaimDetailApi.as_view(), name="claim-detail"),
]
