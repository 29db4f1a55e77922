from django.urls import path

from nabij.intake import views_meeting

app_name = "intake"

# The aanmeldoverleg (board, registration, triage, outcome, case opening, letters).
meeting_urlpatterns = [
    path("aanmeldingen/", views_meeting.board, name="board"),
    path("aanmeldingen/wachtlijst/", views_meeting.waiting_list, name="waiting_list"),
    path("aanmeldingen/<int:pk>/", views_meeting.registration_detail, name="registration"),
    path("aanmeldingen/<int:pk>/triage/", views_meeting.triage_edit, name="triage"),
    path("aanmeldingen/<int:pk>/uitkomst/", views_meeting.outcome_edit, name="outcome"),
    path("aanmeldingen/<int:pk>/casus-openen/", views_meeting.case_open, name="case_open"),
    path("aanmeldingen/<int:pk>/eerste-contact/", views_meeting.first_contact, name="first_contact"),
    path("aanmeldingen/<int:pk>/tussentijds-contact/", views_meeting.interim_contact, name="interim_contact"),
    path("aanmeldingen/<int:pk>/bericht/", views_meeting.letter, name="letter"),
    path("aanmeldingen/<int:pk>/bericht/<int:letter_id>/afdrukken/", views_meeting.letter_print, name="letter_print"),
]

urlpatterns: list = [*meeting_urlpatterns]
