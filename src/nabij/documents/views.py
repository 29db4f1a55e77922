"""Generated documents are served only here: the case access check, then an audit event."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from nabij.audit.services import Action, record_event
from nabij.cases.selectors import case_get_for_user
from nabij.documents.models import GeneratedDocument


@login_required
def document_download(request, case_id: int, document_id: int):
    case = case_get_for_user(request.user, case_id=case_id, purpose="document.view")
    document = GeneratedDocument.objects.filter(pk=document_id, case=case).first()
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    record_event(
        actor=request.user,
        event_type="document.download",
        action=Action.READ,
        object_type="generateddocument",
        object_id=document.pk,
        resident_id=case.primary_resident_id,
    )
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=False, filename=f"{document.title}.pdf"
    )
    response["Cache-Control"] = "no-store"
    return response
