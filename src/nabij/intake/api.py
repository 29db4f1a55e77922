"""API for this app: thin serializers and viewsets over its services and selectors."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.accounts.models import Team
from nabij.audit.services import Action, record_event
from nabij.intake.selectors import registrations as registration_selectors

from .models import Agreement, Channel, ReferrerOrganisation, ReporterKind, Urgency
from .services import registrations as registration_services

# --- Create a registration (the front door for a municipal website or a partner) -----------


class RegistrationCreateSerializer(serializers.Serializer):
    """The same fields and rules as the public web form (`registration_validate`)."""

    reporter_kind = serializers.ChoiceField(choices=ReporterKind.choices)
    reporter_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    reporter_relation = serializers.CharField(required=False, allow_blank=True, max_length=100)
    reporter_organisation = serializers.ChoiceField(
        choices=ReferrerOrganisation.choices, required=False, allow_blank=True
    )
    reporter_organisation_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    reporter_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    reporter_email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    given_names = serializers.CharField(required=False, allow_blank=True, max_length=200)
    surname_prefix = serializers.CharField(required=False, allow_blank=True, max_length=20)
    surname = serializers.CharField(required=False, allow_blank=True, max_length=200)
    birth_date = serializers.DateField(required=False, allow_null=True)
    bsn = serializers.CharField(required=False, allow_blank=True, max_length=11, write_only=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    reachable_when = serializers.CharField(required=False, allow_blank=True, max_length=200)
    postcode = serializers.CharField(max_length=10)
    house_number = serializers.IntegerField(min_value=1, max_value=99999)
    house_number_addition = serializers.CharField(required=False, allow_blank=True, max_length=10)
    question = serializers.CharField(max_length=registration_services.QUESTION_MAX_LENGTH)
    life_domains = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=30, help_text="Codes of LifeDomain."
    )
    interpreter_needed = serializers.BooleanField(required=False, default=False)
    language = serializers.CharField(required=False, allow_blank=True, max_length=50)
    agreement = serializers.ChoiceField(choices=Agreement.choices, required=False)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    safety_flag = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        try:
            registration_services.registration_validate(channel=Channel.API, **attrs)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs


class RegistrationCreatedSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="Kenmerk, e.g. A-2026-00042: give it to the resident.")
    team = serializers.CharField(allow_null=True, help_text="Name of the team the registration was routed to.")
    received_at = serializers.DateTimeField()
    first_contact_due = serializers.DateField(allow_null=True, help_text="Last working day for first contact.")


class CanCreateRegistration(permissions.BasePermission):
    """registration.create in at least one team (the token's user)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and policy.has_perm(
            request.user, Perm.REGISTRATION_CREATE
        )


class RegistrationCreateViewSet(viewsets.GenericViewSet):
    """POST a registration (aanmelding) from a municipal website or a partner organisation.

    Authenticated with a personal API token (`Authorization: Bearer nbj_…`) of a user with
    registration rights; rate limited per user. The registration is routed to a team by
    postcode; a confirmation e-mail goes to the given address.
    """

    serializer_class = RegistrationCreateSerializer
    permission_classes = [permissions.IsAuthenticated, CanCreateRegistration]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "intake_registration_create"

    @extend_schema(
        request=RegistrationCreateSerializer,
        responses={
            201: RegistrationCreatedSerializer,
            400: OpenApiResponse(description="Validation errors per field, in Dutch."),
            429: OpenApiResponse(description="Too many registrations from this token; try later."),
        },
    )
    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            registration = registration_services.registration_create(
                channel=Channel.API, actor=request.user, **serializer.validated_data
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied from error
        body = RegistrationCreatedSerializer(
            {
                "reference": registration.reference,
                "team": registration.team.name if registration.team else None,
                "received_at": registration.received_at,
                "first_contact_due": registration.first_contact_due,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED)


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
    router.register("intake/registrations", RegistrationCreateViewSet, basename="intake-registration-create")
    router.register("intake/board", RegistrationBoardViewSet, basename="registration-board")
