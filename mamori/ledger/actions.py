"""Let upper apps offer actions on a ledger row (the ledger links to nothing above it).

An app registers a function ``(user, entry) -> (label, url) | None`` in its ``AppConfig.ready``; the row
page shows the actions that return a link. The incident register uses it for "start an incident from
this row".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mamori.ledger.models import LedgerEntry

EntryAction = Callable[[Any, LedgerEntry], "tuple[str, str] | None"]
ENTRY_ACTIONS: list[EntryAction] = []


def register_entry_action(action: EntryAction) -> None:
    """Add an action offered on every ledger row page (idempotent)."""
    if action not in ENTRY_ACTIONS:
        ENTRY_ACTIONS.append(action)


def entry_actions(user: Any, entry: LedgerEntry) -> list[tuple[str, str]]:
    """Return the (label, url) of the actions ``user`` may take on ``entry``."""
    return [link for action in ENTRY_ACTIONS if (link := action(user, entry)) is not None]
