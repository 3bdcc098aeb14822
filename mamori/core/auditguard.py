"""Keep the audit log append-only in the database itself, with one sanctioned way to empty it.

The triggers (migration ``core.0004``) refuse UPDATE and DELETE of audit rows on SQLite and PostgreSQL and
TRUNCATE on PostgreSQL. The only code that may empty the tables is the test runner's ``flush`` between
tests, inside :func:`audit_purge`. On PostgreSQL the real guarantee is the role: the application's role
does not own the audit tables (see ``deploy/postgresql-roles.sql``) and the daily seals prove that
nothing was removed (``mamori audit verify-log``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from django.db import connections

SQLITE_FUNCTION = "mamori_audit_purge_allowed"
PG_SETTING = "mamori.audit_purge"
_state = threading.local()


def _purge_allowed() -> int:
    return 1 if getattr(_state, "purging", False) else 0


def install_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give each new SQLite connection the function the DELETE trigger asks (connected in ``ready``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 0, _purge_allowed)


def _set_pg(using: str, value: str) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [PG_SETTING, value])


@contextlib.contextmanager
def audit_purge(using: str = "default") -> Iterator[None]:
    """Let the database empty the audit tables inside the block (for the test runner's flush only)."""
    connection = connections[using]
    _state.purging = True
    if connection.vendor == "postgresql":
        _set_pg(using, "on")
    try:
        yield
    finally:
        _state.purging = False
        if connection.vendor == "postgresql":
            _set_pg(using, "off")
