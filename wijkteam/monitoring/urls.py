from django.urls import path

from wijkteam.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("monitoring/", views.dashboard, name="dashboard"),
    path("monitoring/tabel/<slug:key>.<str:fmt>", views.table_export, name="table_export"),
    path("monitoring/rapport/", views.report, name="report"),
    path("monitoring/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("monitoring/cbs.csv", views.cbs_export, name="cbs_export"),
    path("monitoring/evaluaties/", views.review_list, name="review_list"),
    path("monitoring/evaluaties/nieuw/<int:team_pk>/", views.review_create, name="review_create"),
    path("monitoring/evaluaties/<int:pk>/", views.review_detail, name="review_detail"),
    path("monitoring/evaluaties/<int:pk>/reflecties/", views.review_reflections, name="review_reflections"),
    path("monitoring/evaluaties/<int:pk>/casus/", views.case_reflection_add, name="case_reflection_add"),
    path("monitoring/evaluaties/<int:pk>/verbetering/", views.improvement_add, name="improvement_add"),
    path(
        "monitoring/evaluaties/<int:pk>/opvolging/<int:improvement_pk>/",
        views.improvement_follow_up,
        name="improvement_follow_up",
    ),
]
