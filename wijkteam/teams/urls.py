from django.urls import include, path

from wijkteam.teams import views

app_name = "teams"

# The social map has its own namespace (teams:social_map:…) so the menu marks it, not "Teams", as current.
social_map_patterns = [
    path("", views.initiative_list, name="initiative_list"),
    path("nieuw/", views.initiative_create, name="initiative_create"),
    path("<int:pk>/wijzigen/", views.initiative_update, name="initiative_update"),
]

urlpatterns = [
    path("teams/", views.team_list, name="team_list"),
    path("teams/nieuw/", views.team_create, name="team_create"),
    path("teams/disciplines/", views.discipline_list, name="discipline_list"),
    path("teams/disciplines/nieuw/", views.discipline_create, name="discipline_create"),
    path("teams/disciplines/<int:pk>/wijzigen/", views.discipline_update, name="discipline_update"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("teams/<int:pk>/wijzigen/", views.team_update, name="team_update"),
    path("teams/<int:pk>/regiesuggestie/", views.team_suggestions, name="team_suggestions"),
    path("teams/<int:pk>/opdracht/", views.team_mandate, name="team_mandate"),
    path("teams/<int:pk>/opdracht/onderdelen/", views.mandate_item_add, name="mandate_item_add"),
    path(
        "teams/<int:pk>/opdracht/onderdelen/<int:item_pk>/wijzigen/",
        views.mandate_item_update,
        name="mandate_item_update",
    ),
    path(
        "teams/<int:pk>/opdracht/onderdelen/<int:item_pk>/verwijderen/",
        views.mandate_item_remove,
        name="mandate_item_remove",
    ),
    path("teams/<int:pk>/opdracht/streefwaarden/", views.target_add, name="target_add"),
    path(
        "teams/<int:pk>/opdracht/streefwaarden/<int:target_pk>/verwijderen/",
        views.target_remove,
        name="target_remove",
    ),
    path("teams/<int:pk>/leden/", views.team_members, name="team_members"),
    path("teams/<int:pk>/leden/<int:membership_pk>/wijzigen/", views.membership_change, name="membership_change"),
    path("teams/<int:pk>/leden/<int:membership_pk>/beeindigen/", views.membership_end, name="membership_end"),
    path("organisaties/", views.organisation_list, name="organisation_list"),
    path("organisaties/nieuw/", views.organisation_create, name="organisation_create"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisaties/<int:pk>/wijzigen/", views.organisation_update, name="organisation_update"),
    path(
        "organisaties/<int:pk>/verbonden/<int:affiliation_pk>/beeindigen/",
        views.affiliation_end,
        name="affiliation_end",
    ),
    path("sociale-kaart/", include((social_map_patterns, "social_map"))),
]
