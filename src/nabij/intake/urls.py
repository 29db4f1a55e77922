from django.urls import path

from . import views_link, views_meeting, views_public, views_staff

app_name = "intake"

# The front door: public form, staff entry, signals.
front_door_urlpatterns = [
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

# The aanmeldoverleg (board, registration, triage, outcome, case opening, letters).
meeting_urlpatterns = [
    path("aanmeldingen/", views_meeting.board, name="board"),
    path("aanmeldingen/wachtlijst/", views_meeting.waiting_list, name="waiting_list"),
    path("aanmeldingen/<int:pk>/", views_meeting.registration_detail, name="registration"),
    path("aanmeldingen/<int:pk>/koppelen/", views_link.registration_link, name="registration_link"),
    path("aanmeldingen/<int:pk>/ontkoppelen/", views_link.registration_unlink, name="registration_unlink"),
    path("aanmeldingen/<int:pk>/triage/", views_meeting.triage_edit, name="triage"),
    path("aanmeldingen/<int:pk>/uitkomst/", views_meeting.outcome_edit, name="outcome"),
    path("aanmeldingen/<int:pk>/casus-openen/", views_meeting.case_open, name="case_open"),
    path("aanmeldingen/<int:pk>/eerste-contact/", views_meeting.first_contact, name="first_contact"),
    path("aanmeldingen/<int:pk>/tussentijds-contact/", views_meeting.interim_contact, name="interim_contact"),
    path("aanmeldingen/<int:pk>/bericht/", views_meeting.letter, name="letter"),
    path("aanmeldingen/<int:pk>/bericht/<int:letter_id>/afdrukken/", views_meeting.letter_print, name="letter_print"),
]

urlpatterns: list = [*front_door_urlpatterns, *meeting_urlpatterns]
