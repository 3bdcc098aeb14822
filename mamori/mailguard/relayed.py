"""Exactly once for mail relayed at once: remember each relayed message by a digest of envelope and bytes.

The guard looks the digest up before relaying and records it on the upstream's 250 to DATA, before
its own reply, so a client that lost our 250 and sends the same message again gets 250 without a
second copy. Both statements run for every relayed mail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from mamori.mailguard.models import RelayedMessage


def relay_key(mail_from: str, recipients: list[str], raw: bytes) -> str:
    """Return the digest that recognises a retry of one relayed message (same envelope, same bytes)."""
    digest = hashlib.sha256()
    digest.update(mail_from.lower().encode("utf-8", "surrogateescape") + b"\0")
    digest.update("\0".join(sorted(r.lower() for r in recipients)).encode("utf-8", "surrogateescape") + b"\0")
    digest.update(raw)
    return digest.hexdigest()


_RELAYED = RelayedMessage._meta.db_table
_RELAYED_BEFORE = f'SELECT 1 FROM "{_RELAYED}" WHERE key = %s AND created_at >= %s'  # noqa: S608
_RELAYED_INSERT = f'INSERT INTO "{_RELAYED}" (key, message_id, created_at) VALUES (%s, %s, %s)'  # noqa: S608


def _sqlite_autocommit(conn: Any) -> Any:
    """Return the SQLite DB-API connection behind *conn* when each statement commits on its own.

    The two statements of every mail relayed at once go to it directly: Django's cursor wrappers
    (query rewriting, error wrapping, a new cursor each time) cost ten times the query, and ``sqlite3``
    keeps the statements prepared. None on other databases and inside a transaction.
    """
    if conn.vendor != "sqlite" or conn.in_atomic_block:
        return None
    conn.ensure_connection()
    return conn.connection


def relayed_before(key: str) -> bool:
    """Return whether a message with this relay key was relayed within ``MAILGUARD_RELAYED_DAYS``.

    Plain SQL: this runs for every mail relayed at once, and the ORM would cost more than the query.
    """
    conn = connections[DEFAULT_DB_ALIAS]
    since = timezone.now() - dt.timedelta(days=settings.MAILGUARD_RELAYED_DAYS)
    params = (key, conn.ops.adapt_datetimefield_value(since))
    raw = _sqlite_autocommit(conn)
    if raw is not None:
        return raw.execute(_RELAYED_BEFORE.replace("%s", "?"), params).fetchone() is not None
    with conn.cursor() as cursor:
        cursor.execute(_RELAYED_BEFORE, params)
        return cursor.fetchone() is not None


def relayed_record(key: str, message_id: str) -> None:
    """Remember a relayed message; called on the upstream's 250, before the guard's own reply.

    Committed without waiting for the disk (SQLite ``synchronous=NORMAL``, PostgreSQL
    ``synchronous_commit=off``): the row survives a crash of the guard, which is what a client's retry
    follows; only a crash of the machine in the same instant could cost it (and then send one copy
    twice, never lose one).
    """
    conn = connections[DEFAULT_DB_ALIAS]
    params = (key, message_id[:500], conn.ops.adapt_datetimefield_value(timezone.now()))
    raw = _sqlite_autocommit(conn)
    if raw is not None:
        raw.execute("PRAGMA synchronous=NORMAL")
        try:
            raw.execute(_RELAYED_INSERT.replace("%s", "?"), params)
        finally:
            raw.execute("PRAGMA synchronous=FULL")
        return
    with transaction.atomic(), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(_RELAYED_INSERT, params)


def relayed_prune() -> int:
    """Forget relayed messages older than the retry window; return how many."""
    before = timezone.now() - dt.timedelta(days=settings.MAILGUARD_RELAYED_DAYS)
    deleted, _ = RelayedMessage.objects.filter(created_at__lt=before).delete()
    return deleted
