"""API of the privacy app: the audit log and the emergency-access review list, read-only,
for the privacy officer. Looking at the log through the API is logged like on screen."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, pagination, permissions, serializers, viewsets

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.models import AuditEvent
from nabij.audit.services import Action, record_event
from nabij.cases.models import EmergencyAccess
from nabij.privacy import selectors
from nabij.privacy.forms import AuditSearchForm


class HasAuditView(permissions.BasePermission):
    def has_permission(self, request, view):
        return policy.has_perm(request.user, Perm.AUDIT_VIEW)


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "event_id",
            "event_action",
            "event_type",
            "event_datetime",
            "event_outcome",
            "user_id",
            "user_name",
            "on_behalf_of",
            "user_role",
            "user_organisation",
            "user_team_id",
            "purpose_of_use",
            "network_access_point",
            "participant_object_type",
            "participant_object_id",
            "resident_id",
            "audit_source",
            "hash",
        ]


class AuditLogPagination(pagination.CursorPagination):
    """Cursor pages, newest first, as on screen: the log grows past a hundred million events
    at city scale, and the default limit/offset pages counted every matching event on each
    call (and an offset reads every row before it)."""

    ordering = ("-event_datetime", "-id")
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 500


@extend_schema(
    parameters=[
        OpenApiParameter("resident_id", OpenApiTypes.INT),
        OpenApiParameter("user", OpenApiTypes.STR, description="exact user name"),
        OpenApiParameter("date_from", OpenApiTypes.DATE),
        OpenApiParameter("date_to", OpenApiTypes.DATE),
        OpenApiParameter("action", OpenApiTypes.STR, enum=[c for c, _l in AuditEvent.Action.choices]),
        OpenApiParameter("event_type", OpenApiTypes.STR, description="prefix, e.g. case."),
    ]
)
class AuditEventViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = AuditEventSerializer
    pagination_class = AuditLogPagination
    permission_classes = [permissions.IsAuthenticated, HasAuditView]

    def _filters(self) -> selectors.AuditFilter:
        params = self.request.query_params
        form_data = {
            key: params.get(key, "") for key in ("resident_id", "user", "date_from", "date_to", "action", "event_type")
        }
        form = AuditSearchForm(form_data)  # accepts ISO dates as well as d-m-jjjj
        data = form.cleaned_data if form.is_valid() else {}
        return selectors.AuditFilter(
            resident_id=data.get("resident_id"),
            user=data.get("user") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            action=data.get("action") or "",
            event_type=data.get("event_type") or "",
        )

    def get_queryset(self):
        return selectors.audit_events_for_officer(self.request.user, self._filters())

    def list(self, request, *args, **kwargs):
        filters = self._filters()
        record_event(
            actor=request.user,
            event_type="audit.search",
            action=Action.READ,
            object_type="auditevent",
            resident_id=filters.resident_id,
            details={**filters.as_details(), "via": "api"},
        )
        return super().list(request, *args, **kwargs)


class EmergencyAccessSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", read_only=True)
    case = serializers.CharField(source="case.reference", read_only=True)
    team = serializers.CharField(source="case.team.name", read_only=True)

    class Meta:
        model = EmergencyAccess
        fields = ["id", "user", "case", "team", "reason", "created_at", "expires_at", "reviewed_at", "review_note"]


class EmergencyAccessViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Emergency accesses waiting for review."""

    serializer_class = EmergencyAccessSerializer
    permission_classes = [permissions.IsAuthenticated, HasAuditView]

    def get_queryset(self):
        return selectors.emergency_accesses_for_review(self.request.user)

    def list(self, request, *args, **kwargs):
        record_event(
            actor=request.user, event_type="emergency.review_list", action=Action.READ, object_type="emergencyaccess"
        )
        return super().list(request, *args, **kwargs)


def register(router) -> None:
    router.register("audit-events", AuditEventViewSet, basename="auditevent")
    router.register("emergency-accesses", EmergencyAccessViewSet, basename="emergencyaccess")
