"""Reads of signals: the team's list and one signal, within the access policy (triage.view in
the signal's team). Missing and forbidden both answer 404; both are audited."""

from django.db.models import QuerySet
from django.http import Http404

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, Outcome, record_event
from nabij.intake.models import Signal


def signal_list_for_user(user, *, status: str = "") -> QuerySet[Signal]:
    teams = policy.team_ids(user, perm=Perm.TRIAGE_VIEW)
    qs = Signal.objects.filter(team_id__in=teams).select_related("team", "area", "created_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-received_at", "-id")


def signal_get_for_user(user, *, signal_id: int, purpose: str = "signal.view") -> Signal:
    signal = signal_list_for_user(user).filter(pk=signal_id).first()
    record_event(
        actor=user,
        event_type=purpose,
        action=Action.READ,
        outcome=Outcome.SUCCESS if signal else Outcome.DENIED,
        object_type="signal",
        object_id=signal_id,
    )
    if signal is None:
        raise Http404
    return signal
