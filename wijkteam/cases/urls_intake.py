"""URLs of the front door: intake, short contacts, signals, search, my actions (views_intake)."""

from django.urls import path

from wijkteam.cases import views_intake as views

urlpatterns = [
    path("aanmelden/", views.intake_start, name="intake_start"),
    path("aanmelden/nieuw-huishouden/", views.intake_household_new, name="intake_household_new"),
    path("aanmelden/buurt/", views.intake_neighbourhood, name="intake_neighbourhood"),
    path("aanmelden/huishouden/<int:household_id>/", views.intake_help_request, name="intake_help_request"),
    path("kort-contact/", views.short_contact_register, name="short_contact_register"),
    path("signalen/", views.signal_list, name="signal_list"),
    path("signalen/nieuw/", views.signal_register, name="signal_register"),
    path("signalen/<int:signal_id>/", views.signal_detail, name="signal_detail"),
    path("zoeken/", views.person_search, name="person_search"),
    path("mijn-acties/", views.my_actions, name="my_actions"),
    path("mijn-acties/<int:action_id>/status/", views.my_action_status_set, name="my_action_status_set"),
    path("mijn-werk/casussen/", views.home_case_list, name="home_case_list"),
]
