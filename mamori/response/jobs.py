"""The periodic jobs of incident response (registered with ``mamori runperiodic``); both idempotent."""

from __future__ import annotations

from mamori.response import services


def escalate_chains() -> str:
    """Escalate emergency-chain steps that nobody acknowledged in time."""
    return f"{services.chain_escalate()} chain steps escalated"


def send_reminders() -> str:
    """Queue the deadline and response-task reminders due today (once per reminder)."""
    return f"{services.reminders_send()} reminder mails queued"
