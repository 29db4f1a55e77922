from django.urls import path

from nabij.documents.views import document_download
from nabij.plans import cycle_views, views

app_name = "plans"

# Tab pages under the case; the case id is checked by case_get_for_user in every view.
urlpatterns = [
    path("casussen/<int:case_id>/plan/", views.case_plan, name="case_plan"),
    path("casussen/<int:case_id>/plan/starten/", views.plan_start, name="plan_start"),
    path("casussen/<int:case_id>/plan/doelen/nieuw/", views.goal_edit, name="goal_create"),
    path("casussen/<int:case_id>/plan/doelen/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path("casussen/<int:case_id>/plan/doelen/<int:goal_id>/acties/nieuw/", views.action_edit, name="action_create"),
    path(
        "casussen/<int:case_id>/plan/doelen/<int:goal_id>/acties/<int:action_id>/",
        views.action_edit,
        name="action_edit",
    ),
    path("casussen/<int:case_id>/plan/acties/<int:action_id>/status/", views.action_status, name="action_status"),
    path("casussen/<int:case_id>/plan/wijzigen/", views.plan_revise, name="plan_revise"),
    path("casussen/<int:case_id>/plan/akkoord/", views.plan_agree, name="plan_agree"),
    path("casussen/<int:case_id>/plan/versies/", views.plan_versions, name="plan_versions"),
    path("casussen/<int:case_id>/plan/pdf/", views.plan_pdf, name="plan_pdf"),
    path("casussen/<int:case_id>/zrm/", cycle_views.assessments, name="assessments"),
    path("casussen/<int:case_id>/zrm/nieuw/", cycle_views.assessment_create, name="assessment_create"),
    path("casussen/<int:case_id>/evaluaties/", cycle_views.evaluations, name="evaluations"),
    path("casussen/<int:case_id>/evaluaties/nieuw/", cycle_views.evaluation_create, name="evaluation_create"),
    path(
        "casussen/<int:case_id>/evaluaties/<int:evaluation_id>/",
        cycle_views.evaluation_detail,
        name="evaluation_detail",
    ),
    path("casussen/<int:case_id>/afsluiting/", cycle_views.closure, name="closure"),
    path(
        "casussen/<int:case_id>/afsluiting/<int:closure_id>/brief/",
        cycle_views.closure_letter,
        name="closure_letter",
    ),
    path("casussen/<int:case_id>/afsluiten/", cycle_views.closure_create, name="closure_create"),
    path("casussen/<int:case_id>/waakvlam/<int:checkin_id>/", cycle_views.checkin, name="checkin"),
    path("casussen/<int:case_id>/heropenen/", cycle_views.reopen, name="reopen"),
    path("casussen/<int:case_id>/documenten/<int:document_id>/", document_download, name="document_download"),
]
