"""Reviewers publish a reviewed claim's public fact-check page (claims.public) and take it down.
Both answer with the claim's publication state; publishing a claim without a verdict is a 400 on
`status`."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from claims.api.claimreview import claim_review_url
from claims.models import Claim
from claims.services import claim_publish, claim_unpublish
from factcheck.api_policy import IsReviewer


class PublicationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    published_at = serializers.DateTimeField(
        allow_null=True, help_text="When the page was made public; null when it is not."
    )
    url = serializers.URLField(
        help_text="The public fact-check page (the ClaimReview's `url`); 404 while unpublished."
    )


def _publication(request, claim: Claim) -> Response:
    return Response(
        {
            "id": claim.pk,
            "published_at": claim.published_at,
            "url": claim_review_url(request, claim.pk),
        }
    )


class ClaimPublishApi(generics.GenericAPIView):
    permission_classes = [IsReviewer]

    @extend_schema(
        operation_id="claims_publish", request=None, responses={200: PublicationOutputSerializer}
    )
    def post(self, request, claim_id):
        """Publish the claim's fact-check page; it must have a verdict. Publishing again keeps
        the first publication time."""
        claim = get_object_or_404(Claim, pk=claim_id)
        return _publication(request, claim_publish(claim=claim, published_by=request.user))


class ClaimUnpublishApi(generics.GenericAPIView):
    permission_classes = [IsReviewer]

    @extend_schema(
        operation_id="claims_unpublish", request=None, responses={200: PublicationOutputSerializer}
    )
    def post(self, request, claim_id):
        """Take the claim's fact-check page down (404 until published again)."""
        claim = get_object_or_404(Claim, pk=claim_id)
        return _publication(request, claim_unpublish(claim=claim))
