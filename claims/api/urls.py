"""The claims app's API routes, mounted under /api/v1/ by factcheck/urls.py."""

from django.urls import path

from claims.api.claimreview import ClaimReviewApi, ClaimReviewFeedApi
from claims.api.claims import (
    CitationCreateApi,
    ClaimListCreateApi,
    ReviewCreateApi,
)
from claims.api.publication import ClaimPublishApi, ClaimUnpublishApi
from claims.api.subscriptions import SubscriptionDetailApi, SubscriptionListCreateApi
from claims.intake.api import ArticleIntakeAcceptApi, ArticleIntakeApi, ArticleIntakeDetailApi, ProposalCorrectApi

urlpatterns = [
    path("claims/", ClaimListCreateApi.as_view(), name="claim-list"),
    path("claims/<int:claim_id>/citations/", CitationCreateApi.as_view(), name="claim-citations"),
    path("claims/<int:claim_id>/reviews/", ReviewCreateApi.as_view(), name="claim-reviews"),
    path("claims/<int:claim_id>/claimreview/", ClaimReviewApi.as_view(), name="claim-claimreview"),
    path("claims/<int:claim_id>/publish/", ClaimPublishApi.as_view(), name="claim-publish"),
    path("claims/<int:claim_id>/unpublish/", ClaimUnpublishApi.as_view(), name="claim-unpublish"),
    path("claimreviews/", ClaimReviewFeedApi.as_view(), name="claimreview-feed"),
    path("intake/", ArticleIntakeApi.as_view(), name="intake"),
    path("intake/<int:article_id>/", ArticleIntakeDetailApi.as_view(), name="intake-article"),
    path("intake/<int:article_id>/accept/", ArticleIntakeAcceptApi.as_view(), name="intake-accept"),
    path(
        "intake/<int:article_id>/proposals/<int:position>/",
        ProposalCorrectApi.as_view(),
        name="intake-proposal",
    ),
    path("subscriptions/", SubscriptionListCreateApi.as_view(), name="subscription-list"),
    path(
        "subscriptions/<int:subscription_id>/",
        SubscriptionDetailApi.as_view(),
        name="subscription-detail",
    ),
]
