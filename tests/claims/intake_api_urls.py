"""Only the intake endpoint, at the path the API router is to give it, until the API is merged."""

from django.urls import path

from claims.intake.api import ArticleIntakeApi

urlpatterns = [path("api/v1/intake/", ArticleIntakeApi.as_view(), name="intake")]
