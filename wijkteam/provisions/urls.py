"""URLs of stepped care: case pages (care level, decisions, frontline payments), the catalogue, the
lawfulness checks and the expenditure."""

from django.urls import path

from wijkteam.provisions import views

app_name = "provisions"
case = "casussen/<int:case_id>/"
urlpatterns = [
    path(case + "treden/", views.step_change_record, name="step_change_record"),
    path(case + "beschikkingen/", views.decision_record, name="decision_record"),
    path(case + "beschikkingen/<int:decision_id>/status/", views.decision_status_set, name="decision_status_set"),
    path(case + "doorbraakbudget/", views.frontline_payment_record, name="frontline_payment_record"),
    path("voorzieningen/", views.catalogue_list, name="catalogue_list"),
    path("voorzieningen/nieuw/", views.catalogue_create, name="catalogue_create"),
    path("voorzieningen/<int:pk>/", views.catalogue_update, name="catalogue_update"),
    path("rechtmatigheid/", views.lawfulness, name="lawfulness"),
    path("uitgaven/", views.expenditure, name="expenditure"),
]
