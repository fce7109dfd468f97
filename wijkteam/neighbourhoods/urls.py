from django.urls import path

from wijkteam.neighbourhoods import views

app_name = "neighbourhoods"
urlpatterns = [
    path("", views.region_list, name="region_list"),
    path("<str:code>/", views.region_detail, name="region_detail"),
]
