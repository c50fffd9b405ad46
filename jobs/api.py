"""Webhook subscriptions over the REST API: a journalist subscribes a URL to a claim, a source's
claims, a topic or a full-text search, and gets the signing secret once, in the create response.
Each user sees and cancels only their own subscriptions."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Claim
from jobs.models import SubscriptionKind, WebhookSubscription
from jobs.webhooks import webhook_subscription_create, webhook_subscription_deactivate
from sources.api import SourceReferenceField


class SubscriptionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=SubscriptionKind.choices)
    target_url = serializers.URLField()
    claim = serializers.IntegerField(source="claim_id", allow_null=True)
    # The stubs read a declared field named `source` as Field.source (the attribute path); DRF's
    # metaclass collects it as a field.
    source = serializers.SlugField(  # type: ignore[assignment]
        source="source.slug", allow_null=True, default=None
    )
    topic = serializers.CharField()
    query = serializers.CharField()
    active = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class SubscriptionCreatedSerializer(SubscriptionOutputSerializer):
    secret = serializers.CharField(
        help_text="Shown only now. Each delivery carries `X-Factcheck-Signature: sha256=<hex>`, "
        "the HMAC-SHA256 of the raw body with this secret, and `X-Factcheck-Timestamp`, which "
        "equals the body's `timestamp`: reject bodies whose signature differs or whose timestamp "
        "is old."
    )


def _subscriptions_of(user):
    return WebhookSubscription.objects.filter(owner=user).select_related("source")


class SubscriptionListCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "SubscriptionInput"

        kind = serializers.ChoiceField(choices=SubscriptionKind.choices)
        target_url = serializers.URLField(max_length=2000)
        claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all(), required=False)
        source = SourceReferenceField(  # type: ignore[assignment]  # see `source` above
            required=False, help_text="The source whose claims to follow: slug, name or alias."
        )
        topic = serializers.CharField(max_length=100, required=False, allow_blank=True)
        query = serializers.CharField(max_length=200, required=False, allow_blank=True)

    @extend_schema(
        operation_id="subscriptions_list", responses=SubscriptionOutputSerializer(many=True)
    )
    def get(self, request):
        subscriptions = _subscriptions_of(request.user).order_by("-created_at", "-id")
        return Response(SubscriptionOutputSerializer(subscriptions, many=True).data)

    @extend_schema(
        operation_id="subscriptions_create",
        request=InputSerializer,
        responses={201: SubscriptionCreatedSerializer},
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            subscription = webhook_subscription_create(
                owner=request.user, **serializer.validated_data
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return Response(
            SubscriptionCreatedSerializer(subscription).data, status=status.HTTP_201_CREATED
        )


class SubscriptionDetailApi(APIView):
    @extend_schema(operation_id="subscriptions_retrieve", responses=SubscriptionOutputSerializer)
    def get(self, request, subscription_id: int):
        subscription = get_object_or_404(_subscriptions_of(request.user), pk=subscription_id)
        return Response(SubscriptionOutputSerializer(subscription).data)

    @extend_schema(operation_id="subscriptions_destroy", responses={204: None})
    def delete(self, request, subscription_id: int):
        """Cancel: no further deliveries; pending ones are dropped."""
        subscription = get_object_or_404(
            _subscriptions_of(request.user), pk=subscription_id, active=True
        )
        webhook_subscription_deactivate(subscription=subscription)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("subscriptions/", SubscriptionListCreateApi.as_view(), name="subscription-list"),
    path(
        "subscriptions/<int:subscription_id>/",
        SubscriptionDetailApi.as_view(),
        name="subscription-detail",
    ),
]
