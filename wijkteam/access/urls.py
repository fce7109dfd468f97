from django.urls import path

from wijkteam.access import views

app_name = "access"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/tweede-stap/", views.second_factor, name="second_factor"),
    path("inloggen/authenticator-instellen/", views.two_factor_enroll, name="two_factor_enroll"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord/gewijzigd/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
