"""schema.org ClaimReview JSON-LD for reviewed claims: one claim's, and a feed of those reviewed
since a time, for publishing to search engines and fact-check aggregators."""

import copy
import datetime

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response

from claims.models import Citation, Claim, ClaimStatus, Stance, Verdict
from claims.selectors import claims_reviewed
from factcheck.api import (
    CursorPagination,
    ErrorsAsJsonMixin,
    FilterBackend,
    FilterSet,
    UTCDateTimeFilter,
)
from factcheck.api_policy import IsJournalist, JSONRenderer
from sources.models import Source, SourceKind

SCHEMA_ORG_CONTEXT = "https://schema.org"

# The status in words and on a 1 (false) .. 5 (true) scale, the usual ClaimReview convention.
RATINGS = {
    ClaimStatus.CONTRADICTED: (1, "Contradicted"),
    ClaimStatus.DISPUTED: (3, "Disputed"),
    ClaimStatus.UNRESOLVED: (3, "Unresolved: only interested parties dispute it"),
    ClaimStatus.SUPERSEDED: (4, Verdict.SUPERSEDED.label),
    ClaimStatus.CORROBORATED: (5, "Corroborated"),
}
WORST_RATING, BEST_RATING = 1, 5


# What Django's json_script escapes: a ClaimReview is meant to be pasted into a page's
# <script type="application/ld+json">, where a "</script>" in a claim, quote or name would end the
# script and let the rest run as HTML. JSON parsers read the escapes back as the same characters.
_EMBEDDING_ESCAPES = ((b"&", b"\\u0026"), (b"<", b"\\u003c"), (b">", b"\\u003e"))


class EmbeddableJSONRenderer(JSONRenderer):
    """JSON safe to embed in an HTML <script> element. The characters escaped occur only inside
    JSON strings, so replacing them in the rendered bytes keeps the document's meaning."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rendered = super().render(data, accepted_media_type, renderer_context)
        for character, escape in _EMBEDDING_ESCAPES:
            rendered = rendered.replace(character, escape)
        return rendered


class JSONLDRenderer(EmbeddableJSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def _agent(source: Source) -> dict:
    agent = {
        "@type": "Person" if source.kind == SourceKind.PERSON else "Organization",
        "name": source.name,
    }
    if source.domains:
        agent["url"] = f"https://{source.domains[0]}/"
    return agent


def _appearance(citation: Citation) -> dict:
    work = {"@type": "CreativeWork", "author": _agent(citation.source)}
    if citation.url:
        work["url"] = citation.url
    if citation.published_at:
        work["datePublished"] = citation.published_at.isoformat()
    if citation.quote:
        work["text"] = citation.quote
    if citation.via:
        work["publisher"] = _agent(citation.via)
    return work


def claim_review_jsonld(*, claim: Claim, reviewed_at: datetime.datetime, url: str) -> dict:
    """The ClaimReview of a reviewed claim; its citations must be loaded in publication order."""
    rating_value, rating_words = RATINGS[claim.status]
    citations = list(claim.citations.all())
    asserting = [c for c in citations if c.stance == Stance.ASSERTS] or citations
    item = {"@type": "Claim", "inLanguage": claim.language}
    if asserting:
        item["author"] = _agent(asserting[0].source)
        item["firstAppearance"] = _appearance(asserting[0])
        item["appearance"] = [_appearance(citation) for citation in citations]
    if claim.first_reported_at:
        item["datePublished"] = claim.first_reported_at.isoformat()
    return {
        "@context": SCHEMA_ORG_CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "datePublished": reviewed_at.isoformat(),
        "author": {
            "@type": "Organization",
            "name": settings.CLAIMREVIEW_PUBLISHER_NAME,
            "url": settings.CLAIMREVIEW_PUBLISHER_URL,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": rating_words,
        },
        "itemReviewed": item,
    }


# --- Schema documentation (JSON-LD keys start with "@", which serializer fields cannot) ----


class _KeyedSerializer(serializers.Serializer):
    keyed_fields: dict = {}

    def get_fields(self):
        return copy.deepcopy(self.keyed_fields)


class AgentSchema(_KeyedSerializer):
    keyed_fields = {
        "@type": serializers.ChoiceField(choices=["Organization", "Person"]),
        "name": serializers.CharField(),
        "url": serializers.URLField(required=False),
    }


class AppearanceSchema(_KeyedSerializer):
    keyed_fields = {
        "@type": serializers.ChoiceField(choices=["CreativeWork"]),
        "author": AgentSchema(),
        "url": serializers.URLField(required=False),
        "datePublished": serializers.DateTimeField(required=False),
        "text": serializers.CharField(required=False, help_text="The quote."),
        "publisher": AgentSchema(required=False, help_text="The outlet that relayed it."),
    }


class ClaimSchema(_KeyedSerializer):
    keyed_fields = {
        "@type": serializers.ChoiceField(choices=["Claim"]),
        "inLanguage": serializers.CharField(),
        "author": AgentSchema(required=False, help_text="The source that first asserted it."),
        "datePublished": serializers.DateTimeField(required=False),
        "firstAppearance": AppearanceSchema(required=False),
        "appearance": AppearanceSchema(many=True, required=False),
    }


class RatingSchema(_KeyedSerializer):
    keyed_fields = {
        "@type": serializers.ChoiceField(choices=["Rating"]),
        "ratingValue": serializers.IntegerField(min_value=WORST_RATING, max_value=BEST_RATING),
        "bestRating": serializers.IntegerField(),
        "worstRating": serializers.IntegerField(),
        "alternateName": serializers.CharField(help_text="The verdict in words."),
    }


class PublisherSchema(_KeyedSerializer):
    keyed_fields = {
        "@type": serializers.ChoiceField(choices=["Organization"]),
        "name": serializers.CharField(),
        "url": serializers.CharField(),
    }


class ClaimReviewSchema(_KeyedSerializer):
    keyed_fields = {
        "@context": serializers.CharField(required=False, help_text="Only at the top level."),
        "@type": serializers.ChoiceField(choices=["ClaimReview"]),
        "url": serializers.URLField(),
        "claimReviewed": serializers.CharField(),
        "datePublished": serializers.DateTimeField(help_text="When the standing verdict was made."),
        "author": PublisherSchema(help_text="The publishing organisation."),
        "reviewRating": RatingSchema(),
        "itemReviewed": ClaimSchema(),
    }


class ClaimReviewFeedSchema(_KeyedSerializer):
    keyed_fields = {
        "@context": serializers.CharField(),
        "@graph": ClaimReviewSchema(many=True),
    }


# --- Views ----------------------------------------------------------------------------------


def claim_review_url(request, claim_id: int) -> str:
    """The claim's public fact-check page (claims.public), where the ClaimReview is published;
    the page answers 404 until a reviewer publishes the claim, and its address never changes."""
    return request.build_absolute_uri(reverse("fact-check", args=[claim_id]))


class ClaimReviewApi(ErrorsAsJsonMixin, generics.GenericAPIView):
    renderer_classes = [JSONLDRenderer, EmbeddableJSONRenderer]
    permission_classes = [IsJournalist]

    @extend_schema(
        operation_id="claims_claimreview_retrieve",
        responses={
            (200, "application/ld+json"): ClaimReviewSchema,
            (200, "application/json"): ClaimReviewSchema,
        },
    )
    def get(self, request, claim_id):
        claim = claims_reviewed().filter(pk=claim_id).first()
        if claim is None:
            raise exceptions.NotFound("No reviewed claim with this id.")
        return Response(
            claim_review_jsonld(
                claim=claim, reviewed_at=claim.reviewed_at, url=claim_review_url(request, claim.pk)
            )
        )


class ClaimReviewFeedFilter(FilterSet):
    since = UTCDateTimeFilter(
        field_name="reviewed_at",
        lookup_expr="gte",
        help_text="Only claims whose standing verdict was recorded at or after this time.",
    )

    class Meta:
        model = Claim
        fields = []


class FeedPagination(CursorPagination):
    ordering = ("reviewed_at", "id")

    def get_paginated_response(self, data):
        links = [
            f'<{link}>; rel="{rel}"'
            for rel, link in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if link
        ]
        headers = {"Link": ", ".join(links)} if links else None
        return Response({"@context": SCHEMA_ORG_CONTEXT, "@graph": data}, headers=headers)


class ClaimReviewFeedApi(ErrorsAsJsonMixin, generics.GenericAPIView):
    renderer_classes = [JSONLDRenderer, EmbeddableJSONRenderer]
    """Every reviewed claim as a ClaimReview, oldest verdict first; follow the `Link: rel="next"`
    header for more."""

    permission_classes = [IsJournalist]
    pagination_class = FeedPagination
    filterset_class = ClaimReviewFeedFilter
    filter_backends = [FilterBackend]

    def get_queryset(self):
        return claims_reviewed()

    @extend_schema(
        operation_id="claimreviews_list",
        responses={
            (200, "application/ld+json"): ClaimReviewFeedSchema,
            (200, "application/json"): ClaimReviewFeedSchema,
        },
    )
    def get(self, request):
        # Queries: the page of claims and their citations (auth adds one for the token).
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        graph = []
        for claim in page:
            review = claim_review_jsonld(
                claim=claim, reviewed_at=claim.reviewed_at, url=claim_review_url(request, claim.pk)
            )
            del review["@context"]
            graph.append(review)
        return self.get_paginated_response(graph)
