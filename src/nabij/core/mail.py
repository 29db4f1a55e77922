"""Queue and send e-mail through the outbox (core.models.OutgoingEmail)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from nabij.core.models import OutgoingEmail

logger = logging.getLogger(__name__)


def email_queue(*, to: str, subject: str, body: str, related_type: str = "", related_id: str = "") -> OutgoingEmail:
    """Store the e-mail; it is sent by the job queue once the surrounding transaction commits."""
    email = OutgoingEmail.objects.create(
        to=to, subject=subject, body=body, related_type=related_type, related_id=str(related_id)
    )
    from nabij.core.tasks import send_email_task

    transaction.on_commit(lambda: send_email_task(email.pk))
    return email


def email_send_now(email_id: int) -> bool:
    """Try to send one queued e-mail. Returns True when sent (or already sent)."""
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.status == OutgoingEmail.Status.SENT:
        return True
    email.attempts += 1
    try:
        EmailMessage(
            subject=email.subject, body=email.body, to=[email.to], from_email=settings.DEFAULT_FROM_EMAIL
        ).send()
    except Exception as exc:  # any backend failure: keep the row, record the error, retry later
        email.last_error = f"{type(exc).__name__}"[:300]
        if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
        email.save(update_fields=["attempts", "last_error", "status", "updated_at"])
        # Log the id only: addresses and contents are personal data.
        logger.warning("e-mail %s failed (attempt %s): %s", email.pk, email.attempts, type(exc).__name__)
        return False
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["attempts", "last_error", "status", "sent_at", "updated_at"])
    return True
