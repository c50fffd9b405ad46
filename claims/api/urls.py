"""The claims app's API routes, mounted under /api/v1/ by factcheck/urls.py."""

from django.urls import path

from claims.api.claimreview import ClaimReviewApi, ClaimReviewFeedApi
from claims.api.claims import (
    CitationCreateApi,
    ClaimAssignmentApi,
    ClaimListCreateApi,
    ClaimMergeApi,
    ClaimNoteCreateApi,
    ReviewCreateApi,
)
from claims.api.publication import ClaimPublishApi, ClaimUnpublishApi

urlpatterns = [
    path("claims/", ClaimListCreateApi.as_view(), name="claim-list"),
    path("claims/<int:claim_id>/citations/", CitationCreateApi.as_view(), name="claim-citations"),
    path("claims/<int:claim_id>/reviews/", ReviewCreateApi.as_view(), name="claim-reviews"),
    path("claims/<int:claim_id>/notes/", ClaimNoteCreateApi.as_view(), name="claim-notes"),
    path(
        "claims/<int:claim_id>/assignment/", ClaimAssignmentApi.as_view(), name="claim-assignment"
    ),
    path("claims/<int:claim_id>/claimreview/", ClaimReviewApi.as_view(), name="claim-claimreview"),
    path("claims/<int:claim_id>/publish/", ClaimPublishApi.as_view(), name="claim-publish"),
    path("claims/<int:claim_id>/unpublish/", ClaimUnpublishApi.as_view(), name="claim-unpublish"),
    path("claims/<int:claim_id>/merge/", ClaimMergeApi.as_view(), name="claim-merge"),
    path("claimreviews/", ClaimReviewFeedApi.as_view(), name="claimreview-feed"),
]
