from django.urls import path

from . import views_public, views_staff

app_name = "intake"

urlpatterns = [
    # The front door (intake-channels): public form, staff entry, signals.
    path("aanmelden/", views_public.public_form, name="public_form"),
    path("aanmelden/ontvangen/", views_public.public_done, name="public_done"),
    path("aanmeldingen/nieuw/", views_staff.staff_new, name="staff_new"),
    path("aanmeldingen/bekend/", views_staff.known_lookup, name="known_lookup"),
    path("signalen/", views_staff.signal_list, name="signals"),
    path("signalen/nieuw/", views_staff.signal_new, name="signal_new"),
    path("signalen/<int:pk>/", views_staff.signal_detail, name="signal"),
    path("signalen/<int:pk>/afsluiten/", views_staff.signal_close, name="signal_close"),
    path("signalen/<int:pk>/aanmelding/", views_staff.signal_register, name="signal_register"),
]
