"""A failed e-mail never loses the record that triggered it; it is retried."""

import pytest
from django.core import mail
from django.db import transaction

from nabij.core.mail import email_queue, email_send_now
from nabij.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db(transaction=True)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_mail_is_sent_after_commit(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with transaction.atomic():
        email = email_queue(to="inwoner@demo.nabij.example", subject="Bevestiging", body="Uw aanmelding is ontvangen.")
        assert len(mail.outbox) == 0  # not before commit
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT


def test_rolled_back_transaction_sends_nothing(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(RuntimeError), transaction.atomic():
        email_queue(to="inwoner@demo.nabij.example", subject="x", body="y")
        raise RuntimeError
    assert len(mail.outbox) == 0
    assert not OutgoingEmail.objects.exists()


def test_failed_send_keeps_the_row_and_retries_until_sent(settings):
    settings.EMAIL_BACKEND = "nabij.core.tests.test_mail.BrokenBackend"
    settings.EMAIL_MAX_ATTEMPTS = 3
    email = email_queue(to="inwoner@demo.nabij.example", subject="Bevestiging", body="tekst")
    email.refresh_from_db()
    # First attempt failed: the row stays, pending, with the error; huey has scheduled a retry.
    assert email.status == OutgoingEmail.Status.PENDING
    assert email.attempts == 1
    assert email.last_error == "ConnectionRefusedError"

    assert not email_send_now(email.pk)
    assert not email_send_now(email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED  # gave up after EMAIL_MAX_ATTEMPTS, still on file
    assert email.attempts == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.PENDING)
    assert email_send_now(email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1
