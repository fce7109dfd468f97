"""URL wiring: each app owns its URLs; the API lives under /api/v1/."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from wijkteam.core.views import healthz

urlpatterns = [
    path("", include("wijkteam.core.urls")),
    path("", include("wijkteam.access.urls")),
    path("regio/", include("wijkteam.neighbourhoods.urls")),
    path("", include("wijkteam.teams.urls")),
    path("", include("wijkteam.cases.urls")),
    path("", include("wijkteam.assessments.urls")),
    path("", include("wijkteam.provisions.urls")),
    path("planning/", include("wijkteam.planning.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("beheer/", admin.site.urls),
]
