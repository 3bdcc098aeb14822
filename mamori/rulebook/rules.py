"""Which version of a rules document is in force: pure functions, no ORM."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def version_in_force(versions: Iterable[tuple[int, dt.date]], today: dt.date) -> int | None:
    """Return the id of the version in force today: the latest ``in_force_from`` not after today."""
    current = [(start, vid) for vid, start in versions if start <= today]
    return max(current)[1] if current else None
