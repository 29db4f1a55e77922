"""API for cases and contact moments: thin serializers and viewsets over the selectors and services."""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.response import Response

from nabij.access import policy
from nabij.audit.services import Action, record_event
from nabij.cases import selectors, services
from nabij.cases.models import Case, ContactKind, ContactMoment, CoreTask


class CaseSerializer(serializers.ModelSerializer):
    team = serializers.CharField(source="team.name", read_only=True)
    contact_person = serializers.CharField(source="contact_person.get_full_name", read_only=True, default="")

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "household",
            "primary_resident",
            "phase",
            "team",
            "contact_person",
            "direction",
            "direction_organisation",
            "direction_hand_back_on",
            "first_contact_due",
            "watch_next_checkin",
            "opened_at",
            "closed_at",
            "version",
        ]


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CaseSerializer

    def get_queryset(self):
        return selectors.case_list_for_user(self.request.user).order_by("-opened_at", "-pk")

    def list(self, request, *args, **kwargs):
        record_event(actor=request.user, event_type="case.list", action=Action.READ, object_type="case")
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        case_id = int(pk) if str(pk).isdigit() else 0  # a malformed id answers 404 like a missing one
        case = selectors.case_get_for_user(request.user, case_id=case_id)
        return Response(self.get_serializer(case).data)


class ContactMomentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_full_name", read_only=True)
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    core_task = serializers.ChoiceField(choices=CoreTask.choices)

    class Meta:
        model = ContactMoment
        fields = [
            "id",
            "case",
            "occurred_at",
            "kind",
            "participants",
            "core_task",
            "minutes",
            "text",
            "restricted",
            "author",
            "version",
        ]
        read_only_fields = ["id", "author", "version"]


class ContactMomentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Contact moments of cases in scope; restricted ones only for author, contact person and
    grantees. Filter with ?case=<id>."""

    serializer_class = ContactMomentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return ContactMoment.objects.none()
        user = self.request.user
        qs = (
            ContactMoment.objects.filter(
                policy.case_scope_q(user, prefix="case__", emergency_case_ids=selectors.emergency_case_ids(user))
            )
            .filter(selectors.visible_contact_moments_q(user))
            .select_related("author")
            .order_by("-occurred_at", "-id")
        )
        case_id = self.request.query_params.get("case", "")
        if case_id:
            qs = qs.filter(case_id=int(case_id) if case_id.isdigit() else 0)
        return qs

    @extend_schema(parameters=[OpenApiParameter("case", int, description="Alleen van deze casus")])
    def list(self, request, *args, **kwargs):
        record_event(
            actor=request.user,
            event_type="contact.list",
            action=Action.READ,
            object_type="contact_moment",
            details={"case_id": request.query_params.get("case", "")[:12]},
        )
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        moment = self.get_queryset().filter(pk=int(pk) if str(pk).isdigit() else 0).first()
        case = selectors.case_get_for_user(
            request.user, case_id=moment.case_id if moment else 0, purpose="contact.view"
        )
        del case
        return Response(self.get_serializer(moment).data)

    def perform_create(self, serializer):
        data = serializer.validated_data
        case = selectors.case_get_for_user(self.request.user, case_id=data["case"].pk, purpose="contact.new")
        try:
            moment = services.contact_moment_create(
                actor=self.request.user,
                case=case,
                occurred_at=data["occurred_at"],
                kind=data["kind"],
                core_task=data["core_task"],
                minutes=data["minutes"],
                text=data["text"],
                participants=data.get("participants", ""),
                restricted=data.get("restricted", False),
            )
        except PermissionDenied as denied:
            raise exceptions.PermissionDenied from denied
        except ValidationError as error:
            raise exceptions.ValidationError(error.messages) from error
        serializer.instance = moment


def register(router) -> None:
    router.register("cases", CaseViewSet, basename="case")
    router.register("contact-moments", ContactMomentViewSet, basename="contactmoment")
