"""Writes for accounts: API tokens (created by an admin, revocable, audited)."""

from django.db import transaction
from django.utils import timezone

from nabij.accounts.models import ApiToken, User
from nabij.audit.services import Action, record_event


def api_token_create(*, actor: User, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the token and the key, which is shown only once."""
    key = ApiToken.generate_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name,
            user=user,
            prefix=key[4 : 4 + ApiToken.PREFIX_LENGTH],
            key_hash=ApiToken.hash_key(key),
            created_by=actor,
        )
        record_event(
            actor=actor,
            event_type="api_token.create",
            action=Action.CREATE,
            object_type="api_token",
            object_id=token.pk,
            details={"for_user_id": user.pk},
        )
    return token, key


def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        record_event(
            actor=actor,
            event_type="api_token.revoke",
            action=Action.UPDATE,
            object_type="api_token",
            object_id=token.pk,
        )
