"""The subscription routes as the API mounts them, for tests run before the API's urls include them."""

from django.urls import path

from claims.api.subscriptions import SubscriptionDetailApi, SubscriptionListCreateApi

urlpatterns = [
    path("api/v1/subscriptions/", SubscriptionListCreateApi.as_view(), name="subscription-list"),
    path(
        "api/v1/subscriptions/<int:subscription_id>/", SubscriptionDetailApi.as_view(), name="subscription-detail"
    ),
]
