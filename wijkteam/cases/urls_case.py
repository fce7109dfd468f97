"""URLs of case pages: list, detail, plan, contact moments, conferences, closure (views_case)."""

from django.urls import path

from wijkteam.cases import views_audit, views_pseudonymised, views_rights, views_sharing
from wijkteam.cases import views_case as views

case = "casussen/<int:case_id>/"
urlpatterns = [
    path("casussen/", views.case_list, name="case_list"),
    path(case, views.case_detail, name="case_detail"),
    path(case + "openen/", views.case_open_with_reason, name="case_open_with_reason"),
    path(case + "tijdlijn/", views.case_timeline, name="case_timeline"),
    path(case + "wijzigingen/", views_audit.case_changes, name="case_changes"),
    path(case + "status/", views.case_status_set, name="case_status_set"),
    path(case + "volgende-stap/", views.case_next_step_set, name="case_next_step_set"),
    path(case + "contact/", views.contact_moment_record, name="contact_moment_record"),
    path(case + "plan/", views.plan_edit, name="plan_edit"),
    path(case + "plan/afspreken/", views.plan_agree, name="plan_agree"),
    path(case + "plan/afdrukken/", views.plan_print, name="plan_print"),
    path(case + "plan/versies/<int:version>/", views.plan_version_detail, name="plan_version_detail"),
    path(case + "plan/doelen/", views.goal_add, name="goal_add"),
    path(case + "plan/doelen/<int:goal_id>/", views.goal_update, name="goal_update"),
    path(case + "plan/acties/", views.action_add, name="action_add"),
    path(case + "plan/acties/<int:action_id>/", views.action_update, name="action_update"),
    path(case + "plan/acties/<int:action_id>/status/", views.action_set_status, name="action_set_status"),
    path(case + "overleg/", views.conference_record, name="conference_record"),
    path(case + "afsluiten/", views.case_close, name="case_close"),
    path(case + "waakvlam/", views.case_follow_up_done, name="case_follow_up_done"),
    path(case + "regisseur/", views.case_coordinator_change, name="case_coordinator_change"),
    path(case + "betrokkenen/", views.involvement_list, name="involvement_list"),
    path(case + "betrokkenen/<int:involvement_id>/beeindigen/", views.involvement_end, name="involvement_end"),
    path(case + "delen/", views_sharing.sharing_list, name="sharing_list"),
    path(
        case + "delen/<int:agreement_id>/intrekken/",
        views_sharing.sharing_agreement_withdraw,
        name="sharing_agreement_withdraw",
    ),
    path(case + "veiligheid/", views.safety_section, name="safety_section"),
    path(case + "veiligheid/maatregelen/", views.child_protection_measure_add, name="child_protection_measure_add"),
    path(
        case + "veiligheid/maatregelen/<int:measure_id>/beeindigen/",
        views.child_protection_measure_end,
        name="child_protection_measure_end",
    ),
    path("inwonersrechten/", views_rights.resident_rights, name="resident_rights"),
    path("personen/<int:person_id>/rechten/", views_rights.person_rights, name="person_rights"),
    path(
        "personen/<int:person_id>/rechten/<int:request_id>/afsluiten/",
        views_rights.subject_request_close,
        name="subject_request_close",
    ),
    path("personen/<int:person_id>/inzage/", views_rights.subject_access_export, name="subject_access_export"),
    path("personen/<int:person_id>/wissen/", views_rights.person_erase, name="person_erase"),
    path("analyse/gepseudonimiseerd/", views_pseudonymised.pseudonymised_records, name="pseudonymised_records"),
]
