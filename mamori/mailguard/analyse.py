"""Parse and judge one raw mail in a worker process (Django-free, so the pool starts fast).

The SMTP loop hands the bytes to :func:`analyse` in a process pool: parsing a 1 MB mail costs tens of
milliseconds of CPU, which would stall every other session if done on the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .parse import parse_message
from .policy import Envelope, Policy, Verdict, evaluate


@dataclass(frozen=True)
class Analysis:
    """Hold what the service needs from one mail: the verdict and a summary without PII values."""

    verdict: Verdict
    subject: str
    message_id: str
    attachments: tuple[dict[str, Any], ...]


def analyse(raw: bytes, envelope: Envelope, policy: Policy) -> Analysis:
    """Return the verdict and the summary (subject, Message-ID, attachment names and sizes) of a mail."""
    message = parse_message(raw)
    attachments = tuple(
        {"name": a.filename or a.location, "type": a.content_type, "size": len(a.data)}
        for a in message.attachments
    )
    return Analysis(evaluate(envelope, message, policy), message.subject, message.message_id, attachments)


def warm_up() -> bool:
    """Import the checks and the PII engine in a fresh worker (the first mail is then not slow)."""
    analyse(
        b"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\nx\r\n",
        Envelope("a@example.com", ("b@example.com",)),
        Policy(),
    )
    return True
