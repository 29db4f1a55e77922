"""Field encryption for identifiers such as the BSN.

The value is encrypted with Fernet (AES-128-CBC + HMAC) under a key derived from
NABIJ_FIELD_KEY, and found through a keyed hash (HMAC-SHA256) so equality lookups need no
decryption. In development the key falls back to one derived from SECRET_KEY.
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings


@lru_cache(maxsize=1)
def _root_key() -> bytes:
    secret = os.environ.get("NABIJ_FIELD_KEY") or ""
    if not secret:
        if settings.PRODUCTION:
            raise RuntimeError("NABIJ_FIELD_KEY must be set in production")
        secret = "field:" + settings.SECRET_KEY
    return hashlib.sha256(secret.encode()).digest()


def _subkey(purpose: str) -> bytes:
    return hmac.new(_root_key(), purpose.encode(), hashlib.sha256).digest()


def encrypt(value: str) -> str:
    return Fernet(base64.urlsafe_b64encode(_subkey("encrypt"))).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return Fernet(base64.urlsafe_b64encode(_subkey("encrypt"))).decrypt(token.encode()).decode()


def lookup_hash(value: str) -> str:
    return hmac.new(_subkey("lookup"), value.encode(), hashlib.sha256).hexdigest()
