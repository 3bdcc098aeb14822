"""Share small helpers for the PII engine tests."""

from __future__ import annotations

from mamori.pii import detect


def found(text: str) -> list[tuple[str, str]]:
    """Return (label, substring) of every span detected in ``text``."""
    return [(s.label, s.text) for s in detect(text)]
