from django.urls import path

from nabij.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.otp_verify_view, name="otp_verify"),
    path("inloggen/tweestapsverificatie/", views.otp_setup_view, name="otp_setup"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("team-wisselen/", views.switch_team_view, name="switch_team"),
]
