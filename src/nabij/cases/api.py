"""API for cases: thin serializers and viewsets over the selectors."""

from rest_framework import serializers, viewsets
from rest_framework.response import Response

from nabij.audit.services import Action, record_event
from nabij.cases import selectors
from nabij.cases.models import Case


class CaseSerializer(serializers.ModelSerializer):
    team = serializers.CharField(source="team.name", read_only=True)
    contact_person = serializers.CharField(source="contact_person.get_full_name", read_only=True, default="")

    class Meta:
        model = Case
        fields = ["id", "reference", "phase", "team", "contact_person", "opened_at", "closed_at"]


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CaseSerializer

    def get_queryset(self):
        return selectors.case_list_for_user(self.request.user).order_by("-opened_at")

    def list(self, request, *args, **kwargs):
        record_event(actor=request.user, event_type="case.list", action=Action.READ, object_type="case")
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        case_id = int(pk) if str(pk).isdigit() else 0  # a malformed id answers 404 like a missing one
        case = selectors.case_get_for_user(request.user, case_id=case_id)
        return Response(self.get_serializer(case).data)


def register(router) -> None:
    router.register("cases", CaseViewSet, basename="case")
