from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from factcheck.accounts import AdminLoginForm
from factcheck.api import ErrorsAsJsonMixin, TokenObtainApi, TokenRevokeApi, api_not_found

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck"
admin.site.index_title = "Claims, sources and reviews"
admin.site.login_form = AdminLoginForm
admin.site.index_template = "admin/desk_index.html"  # opens on the reviewers' work counts


class SchemaApi(ErrorsAsJsonMixin, SpectacularAPIView):
    pass


class SwaggerDocsView(ErrorsAsJsonMixin, SpectacularSwaggerView):
    pass


class RedocDocsView(ErrorsAsJsonMixin, SpectacularRedocView):
    template_name = "api/redoc.html"


# Each app mounts its own API module here; a new one is one more line.
api_v1 = [
    path("auth/token/", TokenObtainApi.as_view(), name="auth-token"),
    path("auth/token/revoke/", TokenRevokeApi.as_view(), name="auth-token-revoke"),
    path("", include("sources.api")),
    path("", include("reliability.api")),
    path("", include("claims.api.urls")),
    path("", include("jobs.api")),
    path("", include("intake.api")),
]

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("fact-checks/", include("claims.public")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SchemaApi.as_view(), name="api-schema"),
    path("api/docs/", SwaggerDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", RedocDocsView.as_view(url_name="api-schema"), name="api-redoc"),
    re_path(r"^api/", api_not_found),
]

handler400 = "factcheck.api.bad_request"
handler500 = "factcheck.api.server_error"
