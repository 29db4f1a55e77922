"""Helpers to build plans in tests through the real services (so the rules hold)."""

from datetime import timedelta

from django.utils import timezone

from nabij.cases.tests.factories import CaseFactory
from nabij.documents.models import LetterTemplate
from nabij.plans import services
from nabij.plans.models import ClosureReason, LifeDomain, SupportLayer


def zrm_domains():
    return list(LifeDomain.objects.filter(instrument__is_default=True).order_by("order"))


def open_case(team, worker, **kwargs):
    kwargs.setdefault("opened_at", timezone.now() - timedelta(days=120))
    return CaseFactory(team=team, contact_person=worker, **kwargs)


def draft_plan(worker, case, *, goals=1, actions=1):
    plan = services.plan_create(actor=worker, case=case)
    domains = zrm_domains()
    for g in range(goals):
        goal = services.goal_save(
            actor=worker, plan=plan, domain=domains[g % len(domains)], wording=f"Ik wil doel {g}", at_stake="Rust"
        )
        for a in range(actions):
            services.action_save(
                actor=worker,
                goal=goal,
                description=f"Actie {a}",
                layer=SupportLayer.RESIDENT if a % 2 == 0 else SupportLayer.NETWORK,
                performer="Inwoner zelf" if a % 2 == 0 else "Buurthuis De Schakel",
                due_on=timezone.localdate() + timedelta(days=30),
            )
    return plan


def agreed_plan(worker, case, **kwargs):
    plan = draft_plan(worker, case, **kwargs)
    services.plan_agree(
        actor=worker,
        plan=plan,
        agreed_on=timezone.localdate() - timedelta(days=60),
        method="signed_paper",
        agreed_by="Inwoner",
    )
    plan.refresh_from_db()
    return plan


def letter_templates():
    for key, audience in (("closure.resident", "resident"), ("closure.referrer", "referrer")):
        LetterTemplate.objects.get_or_create(
            key=key,
            defaults={
                "name": key,
                "audience": audience,
                "subject": "Afsluiting {{ kenmerk }}",
                "body": "Beste {{ naam_inwoner }},\n\nWe sluiten af: {{ reden }}.",
            },
        )


def reason(code="doelen-bereikt"):
    return ClosureReason.objects.get(code=code)
