from django.urls import path

from wijkteam.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.planning_index, name="index"),
    path("teams/<int:pk>/samenstelling/", views.composition_advice, name="composition"),
    path("<str:code>/vraag/", views.observed_demand, name="observed"),
    path("<str:code>/herijken/", views.recalibrate, name="recalibrate"),
    path("<str:code>/gewichten/<int:pk>/activeren/", views.weight_set_activate, name="weight_set_activate"),
    path("<str:code>/gewichten/standaard/", views.weights_shipped, name="weights_shipped"),
]
