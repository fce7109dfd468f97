"""URLs of the case file: the worker's pages (urls_case) and the front door (urls_intake)."""

from django.urls import include, path

app_name = "cases"
urlpatterns = [
    path("", include("wijkteam.cases.urls_case")),
    path("", include("wijkteam.cases.urls_intake")),
    path("", include("wijkteam.cases.urls_retention")),
]
