"""Background jobs of the core: e-mail delivery with retries."""

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nabij.core.mail import email_send_now
from nabij.core.models import OutgoingEmail


class EmailNotSent(Exception):
    pass


@db_task(retries=4, retry_delay=60)
def send_email_task(email_id: int) -> None:
    if not email_send_now(email_id):
        email = OutgoingEmail.objects.filter(pk=email_id).only("status").first()
        if email and email.status == OutgoingEmail.Status.PENDING:
            raise EmailNotSent(email_id)  # huey retries


@db_periodic_task(crontab(minute="*/10"))
def resend_pending_email() -> None:
    """Safety net: anything still pending after ten minutes (e.g. the worker was down)."""
    cutoff = timezone.now() - timedelta(minutes=10)
    for email_id in OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, updated_at__lt=cutoff
    ).values_list("pk", flat=True)[:200]:
        email_send_now(email_id)
