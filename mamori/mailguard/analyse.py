"""Parse and judge one raw mail in a worker process (Django-free, so the pool starts fast).

The SMTP loop hands the bytes to :func:`analyse` in a worker process (``workers.CheckPool``):
parsing a 1 MB mail costs tens of milliseconds of CPU, which would stall every other session if done
on the event loop. :func:`unchecked_analysis` is the verdict of a mail the worker could not finish.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from typing import Any

from .content import is_external, load_extractor, unchecked_finding
from .headers import decode_header_value, unfold
from .parse import HEADER_BYTES, ParsedMessage, parse_message
from .policy import Envelope, Policy, Verdict, decide, evaluate
from .recipients import check_recipients


@dataclass(frozen=True)
class Analysis:
    """Hold what the service needs from one mail: the verdict and a summary without PII values."""

    verdict: Verdict
    subject: str
    message_id: str
    attachments: tuple[dict[str, Any], ...]


def analyse(raw: bytes, envelope: Envelope, policy: Policy, deadline: float | None = None) -> Analysis:
    """Return the verdict and the summary (subject, Message-ID, attachment names and sizes) of a mail.

    *deadline* (``time.monotonic()``) bounds the reading of attachments; what is left unread by then
    is reported as unchecked.
    """
    message = parse_message(raw)
    attachments = tuple(
        {"name": a.filename or a.location, "type": a.content_type, "size": len(a.data)}
        for a in message.attachments
    )
    verdict = evaluate(envelope, message, policy, deadline)
    return Analysis(verdict, message.subject, message.message_id, attachments)


def analyse_text_only(
    raw: bytes, envelope: Envelope, policy: Policy, deadline: float | None = None
) -> Analysis | None:
    """Return the analysis of a mail made only of text parts, or None when it has anything else.

    The guard runs this in its own process for small mail (``MAILGUARD_INLINE_BYTES``): with no
    attachment there is nothing to extract, so nothing that needs a worker's memory limit or a kill at
    the deadline; the text read is bounded by the mail's size and ``max_scan_chars``. A mail with an
    attachment, an unread part or a structure the parser could not build goes to a worker instead.
    """
    message = parse_message(raw)
    if message.attachments or message.unread or message.malformed:
        return None
    verdict = evaluate(envelope, message, policy, deadline)
    return Analysis(verdict, message.subject, message.message_id, ())


def unchecked_analysis(raw: bytes, envelope: Envelope, policy: Policy, reason: str) -> Analysis:
    """Return the verdict of a mail whose content was not checked (``time``, ``memory``, ``crash``).

    Only what is cheap and bounded is looked at: the envelope's recipients and the first header
    block (subject and Message-ID for the hold page). The content counts as unchecked, so the policy
    holds the mail at least.
    """
    applied = policy.for_sender(envelope.mail_from)
    found, _bcc = check_recipients(envelope, ParsedMessage(), applied)
    found.append(unchecked_finding("メール全体", {"message": reason}, is_external(envelope, applied)))
    head = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw[:HEADER_BYTES])
    subject = decode_header_value(str(head.get("subject") or ""), [], "subject")
    return Analysis(decide(found, applied), subject, unfold(str(head.get("message-id") or "")).strip(), ())


def warm_up() -> bool:
    """Import the checks, the PII engine and the file readers in a fresh worker (the first mail is then
    not slow, and the worker's memory limit is measured from a process that has everything loaded)."""
    analyse(
        b"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\nx\r\n",
        Envelope("a@example.com", ("b@example.com",)),
        Policy(),
    )
    if load_extractor() is not None:
        import docx  # noqa: F401 - loaded here, not in the middle of the first docx mail
        import pptx  # noqa: F401
        import pypdf  # noqa: F401
        import python_calamine  # noqa: F401
    return True
