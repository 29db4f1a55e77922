from django.urls import path

from nabij.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.index, name="index"),
    path("privacy/auditlog/", views.audit_log, name="audit_log"),
    path("privacy/auditlog/export/", views.audit_export, name="audit_export"),
    path("privacy/noodtoegang/", views.emergency_reviews, name="emergency_reviews"),
    path("privacy/noodtoegang/<int:pk>/", views.emergency_review, name="emergency_review"),
    path("noodtoegang/casus/<int:case_id>/", views.emergency_access, name="emergency_access"),
    path("privacy/inwoners/", views.resident_lookup, name="resident_lookup"),
    path("privacy/inwoners/<int:resident_id>/inzageoverzicht/", views.access_report, name="access_report"),
    path("privacy/inwoners/<int:resident_id>/gegevens/", views.resident_export, name="resident_export"),
    path(
        "privacy/inwoners/<int:resident_id>/vernietigingsverzoek/",
        views.destruction_create,
        name="destruction_create",
    ),
    path("privacy/vernietigingsverzoeken/", views.destruction_list, name="destruction_list"),
    path("privacy/vernietigingsverzoeken/<int:pk>/", views.destruction_detail, name="destruction_detail"),
    path("privacy/bewaartermijnen/", views.retention_report, name="retention"),
]
