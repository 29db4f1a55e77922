"""API for this app: thin serializers and viewsets over its services and selectors."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets

from nabij.access import policy
from nabij.accounts.models import Team
from nabij.audit.services import Action, record_event
from nabij.intake.selectors import registrations as registration_selectors

# --- The triage board (read) ---------------------------------------------------------------


class BoardRowSerializer(serializers.Serializer):
    """One open registration on a team's board. Names and contact details are left out:
    the board API serves overviews; the registration page holds the rest."""

    id = serializers.IntegerField(source="registration.pk")
    reference = serializers.CharField(source="registration.reference")
    channel = serializers.CharField(source="registration.channel", help_text="Kanaal (web, telefoon, …)")
    status = serializers.CharField(source="registration.status", help_text="nieuw, getrieerd of wachtlijst")
    urgency = serializers.CharField(source="registration.urgency", help_text="normaal, hoog of crisis")
    received_at = serializers.DateTimeField(source="registration.received_at")
    first_contact_due = serializers.DateField(source="registration.first_contact_due", allow_null=True)
    first_contact_at = serializers.DateTimeField(source="registration.first_contact_at", allow_null=True)
    working_days_waiting = serializers.IntegerField()
    overdue = serializers.BooleanField(help_text="Eerste contact later dan de norm")
    safety_flag = serializers.BooleanField(source="registration.safety_flag")
    is_minor = serializers.BooleanField(source="registration.is_minor", help_text="Voor het jeugdteam")
    known_resident = serializers.SerializerMethodField()

    def get_known_resident(self, row) -> bool:
        return row.registration.resident_id is not None


class RegistrationBoardViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The aanmeldoverleg board of one team (?team=<id>, default: the first team where the
    user holds triage.view): acute and high first, then the oldest. Same access rules as the
    page; a team outside the user's scope answers 404."""

    serializer_class = BoardRowSerializer

    def get_queryset(self):  # the rows are built by the selector; this is for the schema only
        return Team.objects.none()

    @extend_schema(parameters=[OpenApiParameter("team", int, description="Het team (standaard: uw eerste team)")])
    def list(self, request, *args, **kwargs):
        allowed = policy.team_ids(request.user, perm=policy.Perm.TRIAGE_VIEW)
        if not allowed:
            raise exceptions.PermissionDenied
        wanted = request.query_params.get("team", "")
        if wanted:
            if not wanted.isdigit() or int(wanted) not in allowed:
                raise exceptions.NotFound
            team_id = int(wanted)
        else:
            team_id = min(allowed)
        rows = registration_selectors.board_rows(request.user, team_id=team_id)
        record_event(
            actor=request.user,
            event_type="registration.board",
            action=Action.READ,
            object_type="team",
            object_id=team_id,
            details={
                "registrations": len(rows),
                "registration_ids": [row.registration.pk for row in rows],
                "api": True,
            },
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def register(router) -> None:
    """Add this app's viewsets to the API router (see nabij/api_urls.py)."""
    router.register("intake/board", RegistrationBoardViewSet, basename="registration-board")
