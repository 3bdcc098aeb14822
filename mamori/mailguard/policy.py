"""Decide what happens to one outbound mail: the pure policy of the mail guard.

``evaluate(envelope, message, policy) -> Verdict`` uses no socket, database or wall clock: the SMTP
service, the hold queue and ``mamori mail check`` all call it with a parsed message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from . import content, recipients
from .config import FREEMAIL_DOMAINS, AddressBookEntry, Department, Policy, PolicyError, history_hash
from .parse import ParsedMessage
from .values import (
    ACTIONS,
    CODES,
    MESSAGES,
    REASON_LABELS,
    SEVERITIES,
    VARIANTS,
    Envelope,
    Finding,
    Verdict,
    make_finding,
)

# The value types and the configuration are defined below this module; they are named here too, so
# callers keep one import for the whole policy.
__all__ = [
    "ACTIONS",
    "CODES",
    "FREEMAIL_DOMAINS",
    "MESSAGES",
    "REASON_LABELS",
    "SEVERITIES",
    "VARIANTS",
    "AddressBookEntry",
    "Department",
    "Envelope",
    "Finding",
    "Policy",
    "PolicyError",
    "Verdict",
    "decide",
    "dumps_verdict",
    "envelope_from_message",
    "evaluate",
    "history_entries",
    "history_hash",
    "make_finding",
]


def history_entries(envelope: Envelope, policy: Policy) -> tuple[frozenset[str], frozenset[str]]:
    """Return the keyed hashes (recipients, domains) to remember once this mail has gone out.

    Only external recipients are remembered; without a history key nothing is.
    """
    policy = policy.for_sender(envelope.mail_from)
    if not policy.history_key:
        return frozenset(), frozenset()
    external = [a for a in envelope.rcpt_tos if not policy.is_internal_recipient(a)]
    key = policy.history_key
    return (
        frozenset(history_hash(key, a, "address") for a in external),
        frozenset(history_hash(key, a.rpartition("@")[2], "domain") for a in external),
    )


# What the content checks can ask for at most (external mail): an unread part is judged as the worst.
CONTENT_RISKS = (
    ("PII_IN_BODY", "high"),
    ("PII_IN_ATTACHMENT", "high"),
    ("UNENCRYPTED_ATTACHMENT_WITH_PII", "high"),
    ("ENCRYPTED_ARCHIVE", "warning"),
    ("ATTACHMENT_NOT_SCANNABLE", "warning"),
)
# The least that happens to mail whose content was not (fully) checked: it is never passed unchecked.
UNCHECKED_FLOOR = "hold"


def _own_action(code: str, severity: str, policy: Policy) -> str:
    return policy.code_actions.get(code) or policy.severity_actions.get(severity, "deliver")


def _action_for(finding: Finding, policy: Policy) -> str:
    own = _own_action(finding.code, finding.severity, policy)
    if not finding.details.get("unchecked"):
        return own
    # Content that was not read (time, memory, parts, depth, broken structure) is judged as the worst it
    # could have held, so hiding an attachment never earns a weaker verdict than showing it.
    wanted = [own, UNCHECKED_FLOOR]
    if finding.severity == "high":  # external recipients: as strong as any content finding could be
        wanted += [_own_action(code, severity, policy) for code, severity in CONTENT_RISKS]
    return max(wanted, key=ACTIONS.index)


def decide(findings: Iterable[Finding], policy: Policy, bcc: tuple[str, ...] = ()) -> Verdict:
    """Turn findings into a verdict: the strongest action any finding asks for wins."""
    found = tuple(findings)
    action, drivers = "deliver", []
    for finding in found:
        wanted = _action_for(finding, policy)
        if ACTIONS.index(wanted) > ACTIONS.index(action):
            action, drivers = wanted, [finding]
        elif wanted == action and action != "deliver":
            drivers.append(finding)
    if action == "hold" and policy.delay_minutes <= 0:
        # No delay means "hold nothing", but unchecked content still needs a person to look at it.
        unchecked = [f for f in drivers if f.details.get("unchecked")]
        action, drivers = ("approve", unchecked) if unchecked else ("deliver", [])
    delay = policy.delay_minutes if action == "hold" else 0
    reason = "".join(f.message for f in drivers)
    return Verdict(action, found, delay, reason, bcc)


def evaluate(
    envelope: Envelope, message: ParsedMessage, policy: Policy, deadline: float | None = None
) -> Verdict:
    """Run every check on one mail and return the verdict.

    Pure: no socket, file, database or wall clock; only the time budget (*deadline*, a
    ``time.monotonic()`` value, and the extractor's own limit against hostile attachments) reads a timer.
    """
    policy = policy.for_sender(envelope.mail_from)
    found, bcc = recipients.check_recipients(envelope, message, policy)
    found += content.check_content(envelope, message, policy, deadline)
    return decide(found, policy, bcc)


def envelope_from_message(message: ParsedMessage) -> Envelope:
    """Return the envelope a mail's own headers imply (From; To, Cc and Bcc), for offline checks."""
    sender = message.from_[0].address if message.from_ else ""
    rcpts = tuple(dict.fromkeys(a.address for a in message.to + message.cc + message.bcc))
    return Envelope(sender, rcpts)


def dumps_verdict(verdict: Verdict) -> str:
    """Return the verdict as one line of JSON (Japanese kept readable)."""
    return json.dumps(verdict.as_dict(), ensure_ascii=False)
