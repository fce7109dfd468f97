"""URLs of the retention pages (views_retention): destruction lists and legal holds."""

from django.urls import path

from wijkteam.cases import views_retention as views

urlpatterns = [
    path("bewaren/", views.retention_home, name="retention_home"),
    path("bewaren/lijsten/<int:list_id>/", views.destruction_list_detail, name="destruction_list_detail"),
    path("bewaren/lijsten/<int:list_id>/goedkeuren/", views.destruction_list_approve, name="destruction_list_approve"),
    path("bewaren/lijsten/<int:list_id>/afwijzen/", views.destruction_list_reject, name="destruction_list_reject"),
    path("bewaren/bewaarplichten/", views.legal_hold_place, name="legal_hold_place"),
    path("bewaren/bewaarplichten/<int:hold_id>/opheffen/", views.legal_hold_lift, name="legal_hold_lift"),
]
