"""URLs of the assessments pages: on a case, the instruments and a team's choice of instruments."""

from django.urls import path

from wijkteam.assessments import views

app_name = "assessments"
case = "casussen/<int:case_id>/"
urlpatterns = [
    path(case + "zelfredzaamheid/", views.assessment_record, name="assessment_record"),
    path(case + "doelen/<int:goal_id>/beoordelen/", views.goal_rating_record, name="goal_rating_record"),
    path("instrumenten/", views.instrument_list, name="instrument_list"),
    path("instrumenten/nieuw/", views.instrument_create, name="instrument_create"),
    path("instrumenten/<int:pk>/", views.instrument_update, name="instrument_update"),
    path("instrumenten/teams/<int:team_id>/", views.team_instruments, name="team_instruments"),
]
