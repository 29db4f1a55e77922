"""API of consent: the consents on the cases the user may see (read-only)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets

from nabij.access import policy
from nabij.audit.services import Action, record_event
from nabij.cases.selectors import emergency_case_ids
from nabij.consent.models import Consent


class ConsentSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "id",
            "case",
            "resident",
            "purpose",
            "party",
            "form",
            "given_at",
            "valid_until",
            "withdrawn_at",
            "status",
        ]

    def get_status(self, obj) -> str:
        return obj.status()


@extend_schema(parameters=[OpenApiParameter("case", OpenApiTypes.INT, description="only this case")])
class ConsentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ConsentSerializer

    def get_queryset(self):
        user = self.request.user
        qs = Consent.objects.filter(
            policy.case_scope_q(user, prefix="case__", emergency_case_ids=emergency_case_ids(user))
        ).order_by("-given_at", "-id")
        case = self.request.query_params.get("case", "")
        if case.isdigit():
            qs = qs.filter(case_id=int(case))
        return qs

    def list(self, request, *args, **kwargs):
        case = request.query_params.get("case", "")
        record_event(
            actor=request.user,
            event_type="consent.list",
            action=Action.READ,
            object_type="consent",
            details={"case": int(case)} if case.isdigit() else {},
        )
        return super().list(request, *args, **kwargs)


def register(router) -> None:
    router.register("consents", ConsentViewSet, basename="consent")
