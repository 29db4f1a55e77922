"""Scheduled privacy jobs: retention at night, consent expiry in the early morning."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from nabij.consent.services import consents_expire_due
from nabij.privacy.retention import retention_run

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="2", minute="30"))
def retention_nightly() -> None:
    result = retention_run()
    logger.info(
        "retention: %s cases removed, %s blocked, %s destructions, %s audit events",
        result.cases_removed,
        len(result.cases_blocked),
        result.destructions_carried_out,
        result.audit_events_removed,
    )


@db_periodic_task(crontab(hour="5", minute="0"))
def consent_expiry_daily() -> None:
    logger.info("consent expiry: %s recorded", consents_expire_due())
