"""Authentication events into the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from nabij.audit.services import Action, Outcome, record_event


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    record_event(actor=user, event_type="auth.login", action=Action.EXECUTE, object_type="user", object_id=user.pk)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(actor=user, event_type="auth.logout", action=Action.EXECUTE, object_type="user", object_id=user.pk)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The attempted user name is an identifier of staff, not of a resident; it is kept
    # (truncated) so the privacy officer can see attacks on one account.
    name = str(credentials.get("username", ""))[:150]
    record_event(
        actor=None,
        event_type="auth.login_failed",
        action=Action.EXECUTE,
        outcome=Outcome.FAILURE,
        object_type="user",
        user_name=name,
    )
