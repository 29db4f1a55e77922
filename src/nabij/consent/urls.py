from django.urls import path

from nabij.consent import views

app_name = "consent"

urlpatterns = [
    path("casussen/<int:case_id>/toestemming/", views.case_tab, name="case_tab"),
    path("casussen/<int:case_id>/toestemming/nieuw/", views.consent_create, name="consent_create"),
    path("casussen/<int:case_id>/uitwisseling/nieuw/", views.exchange_create, name="exchange_create"),
    path("toestemming/<int:consent_id>/intrekken/", views.consent_withdraw, name="consent_withdraw"),
    path("anoniem-consult/", views.anonymous_consultation, name="anonymous_consultation"),
]
