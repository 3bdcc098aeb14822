"""API tokens: created (shown once), found by the digest of the key, revoked; every write audited.

A key reads ``mamori_<prefix>_<secret>``. Only the SHA-256 digest of the whole key is stored, as for the
scan upload tokens: the secret carries 256 random bits, so a plain (unsalted, fast) hash is enough and a
lookup by digest needs no scan. The prefix is random too and only names the token in lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from mamori.accounts.models import ApiToken, User
from mamori.core.services import log_action

KEY_START = "mamori_"
# The last use is written at most this often, so that a busy client does not write on every request.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def digest(key: str) -> str:
    """Return the stored form of a key: its SHA-256 digest in hex."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str = "", actor: Any = None) -> tuple[ApiToken, str]:
    """Create a token for ``user`` and return it with its key; the key is not kept and cannot be shown again."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=prefix, digest=digest(key))
    log_action(user, "accounts.api_token.created", actor=actor, data={"prefix": prefix, "name": name})
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: Any = None) -> None:
    """Revoke (delete) one token."""
    log_action(token.user, "accounts.api_token.revoked", actor=actor, data={"prefix": token.prefix})
    token.delete()


def api_token_user(key: str) -> User | None:
    """Return the active user of a valid key (and note its use), or None."""
    token = ApiToken.objects.select_related("user").filter(digest=digest(key.strip())).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
