"""API for residents and households: read-only, within the same access policy as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from nabij.audit.services import Action, Outcome, record_event
from nabij.residents import selectors
from nabij.residents.models import Household, NetworkMember, Resident


class ResidentSerializer(serializers.ModelSerializer):
    bsn_masked = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Resident
        fields = [
            "id",
            "full_name",
            "given_names",
            "surname_prefix",
            "surname",
            "birth_date",
            "phone",
            "email",
            "household",
            "household_role",
            "language",
            "interpreter_needed",
            "safety_warning",
            "bsn_masked",
            "version",
        ]


class NetworkMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = NetworkMember
        fields = ["id", "kind", "name", "role", "resident", "phone", "email", "how_to_reach", "ended_at"]


class HouseholdSerializer(serializers.ModelSerializer):
    members = ResidentSerializer(many=True, read_only=True)
    network = NetworkMemberSerializer(many=True, read_only=True)
    area = serializers.CharField(source="area.name", read_only=True, default="")

    class Meta:
        model = Household
        fields = [
            "id",
            "street",
            "house_number",
            "house_number_addition",
            "postcode",
            "city",
            "area",
            "safety_warning",
            "members",
            "network",
            "version",
        ]


def _pk(value) -> int:
    return int(value) if str(value).isdigit() else 0  # a malformed id answers 404 like a missing one


class ResidentViewSet(viewsets.ReadOnlyModelViewSet):
    """Residents whose household has a case in the caller's scope."""

    serializer_class = ResidentSerializer

    def get_queryset(self):
        return selectors.resident_list_for_user(self.request.user).order_by("surname", "given_names", "pk")

    def list(self, request, *args, **kwargs):
        record_event(actor=request.user, event_type="resident.list", action=Action.READ, object_type="resident")
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        resident = selectors.resident_get_for_user(request.user, resident_id=_pk(pk))
        return Response(self.get_serializer(resident).data)


class HouseholdViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = HouseholdSerializer

    def get_queryset(self):
        return (
            selectors.household_list_for_user(self.request.user)
            .prefetch_related("members", "network")
            .order_by("postcode", "house_number", "pk")
        )

    def list(self, request, *args, **kwargs):
        record_event(actor=request.user, event_type="household.list", action=Action.READ, object_type="household")
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=HouseholdSerializer)
    def retrieve(self, request, pk=None):
        household = self.get_queryset().filter(pk=_pk(pk)).first()
        record_event(
            actor=request.user,
            event_type="household.view",
            action=Action.READ,
            outcome=Outcome.SUCCESS if household else Outcome.DENIED,
            object_type="household",
            object_id=_pk(pk),
        )
        if household is None:
            from django.http import Http404

            raise Http404
        return Response(self.get_serializer(household).data)


def register(router) -> None:
    router.register("residents", ResidentViewSet, basename="resident")
    router.register("households", HouseholdViewSet, basename="household")
