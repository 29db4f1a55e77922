from django.urls import path, re_path

from nabij.cases import views

app_name = "cases"

urlpatterns = [
    path("werkvoorraad/", views.worklist, name="worklist"),
    path("casus/<int:case_id>/", views.case_detail, name="detail"),
    path("casus/<int:case_id>/contactmoment/nieuw/", views.contact_new, name="contact_new"),
    path("casus/<int:case_id>/contactmoment/concept/", views.contact_draft, name="contact_draft"),
    path("casus/<int:case_id>/contactmoment/concept/weg/", views.contact_draft_discard, name="contact_draft_discard"),
    path("casus/<int:case_id>/contactmoment/<int:moment_id>/", views.contact_edit, name="contact_edit"),
    path("casus/<int:case_id>/contactmoment/<int:moment_id>/concept/", views.contact_draft, name="contact_edit_draft"),
    path("casus/<int:case_id>/contactmoment/<int:moment_id>/toegang/", views.contact_grant, name="contact_grant"),
    path("casus/<int:case_id>/fase/", views.phase_change, name="phase_change"),
    path("casus/<int:case_id>/resultaat/", views.result_toggle, name="result_toggle"),
    path("casus/<int:case_id>/regie/", views.direction_edit, name="direction_edit"),
    path("casus/<int:case_id>/contactpersoon/", views.assign, name="assign"),
    path("casus/<int:case_id>/betrokkene/nieuw/", views.involvement_new, name="involvement_new"),
    path("casus/<int:case_id>/betrokkene/<int:involvement_id>/einde/", views.involvement_end, name="involvement_end"),
    path("casus/<int:case_id>/netwerk/nieuw/", views.network_edit, name="network_new"),
    path("casus/<int:case_id>/netwerk/<int:member_id>/", views.network_edit, name="network_edit"),
    path("casus/<int:case_id>/inwoner/nieuw/", views.resident_edit, name="resident_new"),
    path("casus/<int:case_id>/inwoner/<int:resident_id>/", views.resident_edit, name="resident_edit"),
    path("casus/<int:case_id>/inwoner/<int:resident_id>/bsn/", views.bsn_reveal, name="bsn_reveal"),
    path("casus/<int:case_id>/huishouden/", views.household_edit, name="household_edit"),
    path("casus/<int:case_id>/documenten/nieuw/", views.attachment_upload, name="attachment_upload"),
    path("document/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
    # Only this app's tabs: other apps' tabs (plan, toestemming) have their own URLs.
    re_path(r"^casus/(?P<case_id>[0-9]+)/(?P<tab>overzicht|tijdlijn|netwerk|documenten)/$", views.case_tab, name="tab"),
]
