"""API for plans: thin serializers and viewsets over the same selectors and services.

Access rules are the screens' rules: lists are filtered to the user's case scope (and the
read is audited); one object is loaded through `case_get_for_user` of its case, so missing
and forbidden both answer 404 and both are audited.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from nabij.access import policy
from nabij.audit.services import Action as AuditAction
from nabij.audit.services import record_event
from nabij.cases.selectors import case_get_for_user, emergency_case_ids
from nabij.plans import services
from nabij.plans.models import (
    Action,
    Assessment,
    AssessmentScore,
    Goal,
    LifeDomain,
    PlanVersion,
    SupportLayer,
    SupportPlan,
)


class ActionSerializer(serializers.ModelSerializer):
    layer_label = serializers.CharField(source="get_layer_display", read_only=True)

    class Meta:
        model = Action
        fields = ["id", "goal", "description", "layer", "layer_label", "performer", "due_on", "status"]


class GoalSerializer(serializers.ModelSerializer):
    domain = serializers.SlugRelatedField(slug_field="code", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    plan = serializers.IntegerField(source="version.plan_id", read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "plan", "version", "domain", "wording", "at_stake", "actions"]


class PlanVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = ["number", "status", "reason", "agreed_on", "agreement_method", "agreed_by", "created_at"]


class PlanSerializer(serializers.ModelSerializer):
    versions = PlanVersionSerializer(many=True, read_only=True)
    current_goals = serializers.SerializerMethodField()

    class Meta:
        model = SupportPlan
        fields = ["id", "case", "evaluation_interval_weeks", "next_evaluation_on", "versions", "current_goals"]

    @extend_schema(responses=GoalSerializer(many=True))
    def get_current_goals(self, plan) -> list:
        versions = list(plan.versions.all())
        if not versions:
            return []
        return GoalSerializer(versions[-1].goals.all(), many=True).data


class ScoreSerializer(serializers.ModelSerializer):
    domain = serializers.SlugRelatedField(slug_field="code", queryset=LifeDomain.objects.all())

    class Meta:
        model = AssessmentScore
        fields = ["domain", "score", "note"]


class AssessmentSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="case_id")
    instrument = serializers.StringRelatedField()
    scores = ScoreSerializer(many=True)

    class Meta:
        model = Assessment
        fields = ["id", "case", "instrument", "moment", "assessed_on", "scores"]
        read_only_fields = ["id", "instrument"]


class GoalWriteSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    domain = serializers.SlugRelatedField(
        slug_field="code", queryset=LifeDomain.objects.filter(instrument__is_default=True, is_active=True)
    )
    wording = serializers.CharField()
    at_stake = serializers.CharField(required=False, allow_blank=True, default="")


class ActionWriteSerializer(serializers.Serializer):
    goal = serializers.IntegerField()
    description = serializers.CharField()
    layer = serializers.ChoiceField(choices=SupportLayer.choices)
    performer = serializers.CharField(max_length=200)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(choices=Action.Status.choices, default=Action.Status.PLANNED)


class ActionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Action.Status.choices)


def _call(service, **kwargs):
    """Run a service; its Django ValidationError answers 400 with the same Dutch messages."""
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc


def _scope(user, prefix):
    return policy.case_scope_q(user, prefix=prefix, emergency_case_ids=emergency_case_ids(user))


def _validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class _ScopedViewSet(viewsets.GenericViewSet):
    """List: scoped and audited. Detail: through the owning case's chokepoint."""

    scope_prefix = ""
    case_path = ""  # lookup from this model to the case id
    object_type = ""

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.base_queryset().filter(_scope(self.request.user, self.scope_prefix))

    def list(self, request, *args, **kwargs):
        record_event(actor=request.user, event_type=f"{self.object_type}.list", action=AuditAction.READ)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        obj_id = int(pk) if str(pk).isdigit() else 0
        case_id = self.base_queryset().filter(pk=obj_id).values_list(self.case_path, flat=True).first()
        case_get_for_user(request.user, case_id=case_id or 0, purpose=f"{self.object_type}.view")
        return Response(self.get_serializer(self.base_queryset().get(pk=obj_id)).data)


@extend_schema(parameters=[OpenApiParameter("case", int, description="Alleen het plan van deze casus")])
class PlanViewSet(_ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = PlanSerializer
    scope_prefix = "case__"
    case_path = "case_id"
    object_type = "plan"

    def base_queryset(self):
        return SupportPlan.objects.prefetch_related(
            Prefetch("versions", queryset=PlanVersion.objects.order_by("number")),
            Prefetch("versions__goals", queryset=Goal.objects.select_related("domain", "version")),
            Prefetch("versions__goals__actions", queryset=Action.objects.order_by("layer", "id")),
        ).order_by("pk")

    def filter_queryset(self, queryset):
        case = self.request.query_params.get("case")
        return queryset.filter(case_id=case) if case and case.isdigit() else queryset


@extend_schema(parameters=[OpenApiParameter("plan", int, description="Alleen doelen van dit plan (alle versies)")])
class GoalViewSet(_ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    serializer_class = GoalSerializer
    scope_prefix = "version__plan__case__"
    case_path = "version__plan__case_id"
    object_type = "plan.goal"

    def base_queryset(self):
        return (
            Goal.objects.select_related("domain", "version")
            .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("layer", "id")))
            .order_by("pk")
        )

    def filter_queryset(self, queryset):
        plan = self.request.query_params.get("plan")
        return queryset.filter(version__plan_id=plan) if plan and plan.isdigit() else queryset

    @extend_schema(request=GoalWriteSerializer, responses={201: GoalSerializer})
    def create(self, request):
        """Add a goal to the plan's draft version (an agreed plan first needs a revision)."""
        data = _validated(GoalWriteSerializer, request)
        case_id = SupportPlan.objects.filter(pk=data["plan"]).values_list("case_id", flat=True).first()
        case = case_get_for_user(request.user, case_id=case_id or 0, purpose="plan.edit")
        goal = _call(
            services.goal_save,
            actor=request.user,
            plan=case.plan,
            domain=data["domain"],
            wording=data["wording"],
            at_stake=data["at_stake"],
        )
        return Response(GoalSerializer(self.base_queryset().get(pk=goal.pk)).data, status=201)


@extend_schema(parameters=[OpenApiParameter("layer", int, description="Alleen acties in deze laag (1–5)")])
class ActionViewSet(_ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    serializer_class = ActionSerializer
    scope_prefix = "goal__version__plan__case__"
    case_path = "goal__version__plan__case_id"
    object_type = "plan.action"

    def base_queryset(self):
        return Action.objects.order_by("pk")

    def filter_queryset(self, queryset):
        layer = self.request.query_params.get("layer")
        return queryset.filter(layer=layer) if layer and layer.isdigit() else queryset

    def _goal(self, request, goal_id: int) -> Goal:
        case_id = Goal.objects.filter(pk=goal_id).values_list("version__plan__case_id", flat=True).first()
        case_get_for_user(request.user, case_id=case_id or 0, purpose="plan.edit")
        return Goal.objects.select_related("version__plan__case").get(pk=goal_id)

    @extend_schema(request=ActionWriteSerializer, responses={201: ActionSerializer})
    def create(self, request):
        """Add an action to a goal of the draft version."""
        data = _validated(ActionWriteSerializer, request)
        goal = self._goal(request, data.pop("goal"))
        action = _call(services.action_save, actor=request.user, goal=goal, **data)
        return Response(ActionSerializer(action).data, status=201)

    @extend_schema(request=ActionStatusSerializer, responses={200: ActionSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Progress on an action (not a plan change: no new version)."""
        data = _validated(ActionStatusSerializer, request)
        action_id = int(pk) if str(pk).isdigit() else 0
        goal_id = Action.objects.filter(pk=action_id).values_list("goal_id", flat=True).first()
        goal = self._goal(request, goal_id or 0)
        item = goal.actions.get(pk=action_id)
        item = _call(services.action_status_set, actor=request.user, action=item, status=data["status"])
        return Response(ActionSerializer(item).data)


class AssessmentViewSet(_ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    serializer_class = AssessmentSerializer
    scope_prefix = "case__"
    case_path = "case_id"
    object_type = "assessment"

    def base_queryset(self):
        return (
            Assessment.objects.select_related("instrument")
            .prefetch_related(Prefetch("scores", queryset=AssessmentScore.objects.select_related("domain")))
            .order_by("pk")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = case_get_for_user(request.user, case_id=data["case_id"], purpose="assessment.edit")
        assessment = _call(
            services.assessment_record,
            actor=request.user,
            case=case,
            moment=data["moment"],
            assessed_on=data["assessed_on"],
            scores={s["domain"].pk: (s["score"], s.get("note", "")) for s in data["scores"]},
        )
        return Response(self.get_serializer(self.base_queryset().get(pk=assessment.pk)).data, status=201)


def register(router) -> None:
    router.register("plans", PlanViewSet, basename="plan")
    router.register("plan-goals", GoalViewSet, basename="plan-goal")
    router.register("plan-actions", ActionViewSet, basename="plan-action")
    router.register("assessments", AssessmentViewSet, basename="assessment")
