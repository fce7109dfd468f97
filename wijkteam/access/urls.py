from django.urls import path

from wijkteam.access import oidc, views, views_privacy

app_name = "access"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/tweede-stap/", views.second_factor, name="second_factor"),
    path("inloggen/authenticator-instellen/", views.two_factor_enroll, name="two_factor_enroll"),
    path("inloggen/gemeente/", oidc.OIDCLoginView.as_view(), name="oidc_login"),
    path("inloggen/gemeente/terug/", oidc.OIDCCallbackView.as_view(), name="oidc_callback"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord/gewijzigd/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("privacy/", views_privacy.privacy_home, name="privacy_home"),
    path("privacy/noodtoegang/<int:grant_id>/beoordelen/", views_privacy.emergency_review, name="emergency_review"),
    path("privacy/inzage/", views_privacy.person_log, name="person_log"),
]
