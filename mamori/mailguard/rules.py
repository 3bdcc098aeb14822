"""Pure rules of the hold queue: retry back-off, SMTP reply texts and masking (no ORM, no clock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

# Retry delays after an upstream failure: 1, 2, 5, 10, 30 minutes, then every hour.
BACKOFF_MINUTES = (1, 2, 5, 10, 30, 60)
GIVE_UP_AFTER = dt.timedelta(days=2)


def retry_delay(attempts: int) -> dt.timedelta:
    """Return how long to wait before the next delivery attempt after ``attempts`` failures."""
    index = min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1
    return dt.timedelta(minutes=BACKOFF_MINUTES[index])


def should_give_up(received_at: dt.datetime, now: dt.datetime) -> bool:
    """Return whether a message that still cannot be delivered is too old to keep trying."""
    return now - received_at >= GIVE_UP_AFTER


def ascii_reply(code: int, enhanced: str, text: str) -> str:
    """Return an SMTP reply line, keeping only printable ASCII (SMTP replies must be ASCII)."""
    clean = "".join(c if 32 <= ord(c) < 127 else "?" for c in text)[:400]
    return f"{code} {enhanced} {clean}"


def reject_reply(codes: Iterable[str]) -> str:
    """Return the 5xx reply of a mail the policy rejects, naming the finding codes (ASCII only)."""
    names = ", ".join(dict.fromkeys(codes)) or "POLICY"
    return ascii_reply(
        550, "5.7.1", f"Rejected by the mamori mail guard ({names}); the sender was sent the details"
    )


def mask_address(address: str) -> str:
    """Return an address with most of the local part hidden: ``yamada@example.com`` -> ``y***@example.com``."""
    local, at, domain = address.partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


def finding_summary(findings: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Return code and severity of each finding (no message, no details): safe for incidents and logs."""
    return [{"code": str(f.get("code", "")), "severity": str(f.get("severity", ""))} for f in findings]


def findings_for_display(findings: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the findings as shown in the review UI: code, severity, message, and counts only.

    The checks' messages carry recipients and file names (which the sender may see) and counts of
    PII kinds, never the PII values; details are reduced to their numbers for the same reason.
    """
    shown = []
    for f in findings:
        details = f.get("details") or {}
        counts = {k: v for k, v in details.items() if isinstance(v, int) and not isinstance(v, bool)}
        shown.append(
            {
                "code": f.get("code", ""),
                "severity": f.get("severity", ""),
                "message": f.get("message", ""),
                "counts": counts,
            }
        )
    return shown
