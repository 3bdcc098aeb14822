"""Which version of a rules document is in force (pure)."""

from __future__ import annotations

import datetime as dt

from mamori.rulebook import rules


def test_the_latest_version_already_in_force_wins():
    versions = [(1, dt.date(2024, 4, 1)), (2, dt.date(2026, 4, 1)), (3, dt.date(2027, 4, 1))]
    assert rules.version_in_force(versions, dt.date(2026, 11, 27)) == 2
    assert rules.version_in_force(versions, dt.date(2023, 1, 1)) is None
