"""Check the content of one mail for personal data: body, attachments, what could not be read.

Text comes from ``mamori.pii.extract`` (archives, Office, PDF, attached mails) and detection from
``mamori.pii.detect``; findings carry counts per kind and locations, never the values. Without a
detector or an extractor the checks say so instead of passing the mail as clean.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mamori.pii import detect
from mamori.pii.extract import Limits, extract

from .config import Policy
from .parse import Attachment, ParsedMessage
from .values import Envelope, Finding, make_finding

Detector = Callable[[str], list[Any]]
MAX_SCAN_CHARS = 20_000_000  # per location; beyond it the rest is reported as not read
# Japanese reasons for the extractor's problem codes (unknown future codes are shown as they are).
_REASONS = {
    "too_large": "大きすぎる",
    "ratio_exceeded": "圧縮率が異常（アーカイブ爆弾の疑い）",
    "depth_exceeded": "入れ子が深すぎる",
    "timeout": "時間切れ",
    "malformed": "破損または形式不正",
    "unreadable": "読み取れない",
    "no_text": "テキストがない（画像のみ？）",
    "too_many_members": "ファイル数が多すぎる",
    "unsupported": "未対応の形式",
    "skipped": "文書を含まない形式（プログラム等）",
    "binary": "テキストでないバイナリデータ",
    "engine_missing": "個人情報検出エンジンが未導入",
}
# Why content went unchecked as a whole (the mail's budget, MIME limits, the check process).
UNCHECKED_REASONS = {
    "time": "検査の制限時間を超えた",
    "memory": "検査のメモリ上限を超えた",
    "crash": "検査プロセスが異常終了した",
    "parts": "MIMEパートが多すぎる",
    "depth": "MIMEの入れ子が深すぎる",
    "recursion": "MIMEの入れ子が深すぎる",
    "structure": "MIME構造の不正",
}


def load_detector() -> Detector | None:
    """Return ``mamori.pii.detect`` (text -> spans); the checks say so when there is none."""
    return detect


def load_extractor() -> Callable[..., Any] | None:
    """Return ``mamori.pii.extract.extract``; the checks say so when there is none."""
    return extract


def _mail_limits(max_scan_chars: int = 0, time_budget: float = 60.0) -> Any:
    """Return extraction limits sized for one mail attachment (Postfix waits for the verdict).

    *max_scan_chars* is the content budget per part (``Policy.max_scan_chars``; 0: read everything);
    *time_budget* what is left of the mail's own time budget.
    """
    return Limits(
        max_total_size=512 * 1024 * 1024, time_budget=time_budget, max_part_chars=max_scan_chars or None
    )


def unchecked_finding(name: str, locations: dict[str, str], external: bool) -> Finding:
    """Return the finding for content left unread by a limit (*locations*: where -> reason code).

    It is marked ``unchecked``: the policy judges it as the worst the content could have held.
    """
    reasons = "、".join(sorted({UNCHECKED_REASONS.get(r, _REASONS.get(r, r)) for r in locations.values()}))
    details = {"name": name, "locations": locations, "unchecked": True}
    return make_finding(
        "ATTACHMENT_NOT_SCANNABLE",
        "high" if external else "warning",
        details,
        name=name,
        reasons=reasons,
        message_key="ATTACHMENT_NOT_SCANNABLE/unchecked",
    )


def malformed_finding(reason: str, external: bool) -> Finding:
    """Return MALFORMED_MESSAGE: the MIME structure could not be parsed, so nothing inside was read."""
    details = {"reason": reason, "unchecked": True}
    label = UNCHECKED_REASONS.get(reason, reason)
    return make_finding("MALFORMED_MESSAGE", "high" if external else "warning", details, reason=label)


@dataclass
class _Scan:
    """Accumulate what one attachment holds: counts per kind, where, encryption, unread parts."""

    counts: Counter[str] = field(default_factory=Counter)
    where: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    encrypted: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    not_read: dict[str, str] = field(default_factory=dict)
    unchecked: dict[str, str] = field(default_factory=dict)  # cut short by time or memory
    distinct: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    truncated: list[str] = field(default_factory=list)  # parts cut by the content budget

    def longest_list(self) -> int:
        """Return the largest number of different values found for one kind."""
        return max((len(values) for values in self.distinct.values()), default=0)


def _count(detect: Detector, text: str, location: str, scan: _Scan) -> None:
    if len(text) > MAX_SCAN_CHARS:
        scan.not_read[location] = "too_large"
        text = text[:MAX_SCAN_CHARS]
    # One call for the whole text: a table's header row then applies to all of its rows (the engine
    # is linear in the text length, so the 8 KB pieces this used to be cut into bought nothing).
    spans = detect(text)
    if not spans:
        return
    found = Counter(span.label for span in spans)
    scan.counts.update(found)
    scan.where[location].update(found)
    for span in spans:
        # Values are held only in memory, to tell a list from repetitions; never reported.
        scan.distinct[span.label].add(" ".join(span.text.split()))


def _severity(scan: _Scan, policy: Policy, external: bool) -> str:
    """Return "high" for identifiers that are always sensitive or for a list, else "info".

    A list is many *different* values of one kind: a reply chain repeating five signatures (name,
    mail, phone, address) is not a customer list, ten different names are.
    """
    if not external:
        return "info"  # personal data within the organisation is not what the guard stops
    if set(scan.counts) & policy.pii_high_labels or scan.longest_list() >= policy.pii_list_threshold:
        return "high"
    return "info"


def _counts_text(counts: Counter[str], at_least: bool = False) -> str:
    suffix = "以上" if at_least else ""
    return "、".join(f"{label} {n}件{suffix}" for label, n in counts.most_common())


def _where(scan: _Scan) -> dict[str, dict[str, int]]:
    return {loc: dict(c) for loc, c in scan.where.items()}


def check_body(message: ParsedMessage, detect: Detector, policy: Policy, external: bool) -> list[Finding]:
    """Return PII_IN_BODY with counts per kind and per location (subject, body, attached mails)."""
    scan = _Scan()
    _count(detect, message.subject, "subject", scan)
    for part in message.bodies:
        _count(detect, part.text, part.location, scan)
    if not scan.counts:
        return []
    details = {"counts": dict(scan.counts), "locations": _where(scan)}
    return [
        make_finding(
            "PII_IN_BODY", _severity(scan, policy, external), details, counts=_counts_text(scan.counts)
        )
    ]


def scan_attachment(
    att: Attachment,
    extract: Callable[..., Any],
    detect: Detector,
    max_scan_chars: int = 0,
    time_budget: float = 60.0,
) -> _Scan:
    """Extract the text of one attachment and count personal data by kind and location.

    With a content budget (*max_scan_chars* > 0) only the first characters of each part are read;
    the parts that were cut are listed in ``truncated`` and their counts are lower bounds. Parts
    cut short by *time_budget* or by the memory limit are listed in ``unchecked``.
    """
    scan = _Scan()
    for part in extract(att.data, att.location, _mail_limits(max_scan_chars, time_budget)):
        if getattr(part, "truncated", False):
            scan.truncated.append(part.location)
        if part.text:
            if part.location.endswith("!/"):
                scan.names += part.text.splitlines()
            _count(detect, part.text, part.location, scan)
        for problem in part.problems:
            if problem.code == "encrypted":
                scan.encrypted.append(problem.location)
            elif problem.code == "timeout":
                scan.unchecked[problem.location] = "time"
            elif problem.params.get("error") == "MemoryError":
                scan.unchecked[problem.location] = "memory"
            else:  # every other problem code of the extractor means "not (fully) read"
                scan.not_read[problem.location] = problem.code
    return scan


def _attachment_findings(att: Attachment, scan: _Scan, policy: Policy, external: bool) -> list[Finding]:
    found = []
    name = att.location
    if scan.counts:
        severity = _severity(scan, policy, external)
        truncated = bool(scan.truncated)
        details: dict[str, Any] = {"name": name, "counts": dict(scan.counts), "locations": _where(scan)}
        if truncated:  # counts are lower bounds: only the first part of these locations was read
            details.update(truncated=True, truncated_locations=list(scan.truncated))
        found.append(
            make_finding(
                "PII_IN_ATTACHMENT",
                severity,
                details,
                name=name,
                counts=_counts_text(scan.counts, at_least=truncated),
                message_key="PII_IN_ATTACHMENT/truncated" if truncated else "PII_IN_ATTACHMENT",
            )
        )
        if severity == "high":
            high_details: dict[str, Any] = {"name": name, "counts": dict(scan.counts)}
            if truncated:
                high_details["truncated"] = True
            found.append(make_finding("UNENCRYPTED_ATTACHMENT_WITH_PII", "high", high_details, name=name))
    elif scan.truncated:  # nothing found in what was read: say that the rest went unread
        details = {"name": name, "truncated": True, "truncated_locations": list(scan.truncated)}
        found.append(
            make_finding(
                "ATTACHMENT_NOT_SCANNABLE",
                "info",
                details,
                name=name,
                message_key="ATTACHMENT_NOT_SCANNABLE/partial",
            )
        )
    if scan.unchecked:
        found.append(unchecked_finding(name, dict(scan.unchecked), external))
    if scan.encrypted or att.encrypted_container:
        details = {"name": name, "encrypted": scan.encrypted or [name], "member_names": scan.names}
        found.append(make_finding("ENCRYPTED_ARCHIVE", "warning" if external else "info", details, name=name))
    unread = {
        loc: code
        for loc, code in scan.not_read.items()
        if not (code == "unsupported" and att.content_type.startswith("image/"))
    }
    if unread:
        # Unknown binary formats are common (CAD, media) and say little; an undecoded TNEF hides mail.
        harmless = set(unread.values()) <= {"unsupported", "skipped"} and "tnef" not in att.content_type
        severity = "info" if not external or harmless else "warning"
        reasons = "、".join(sorted({_REASONS.get(c, c) for c in unread.values()}))
        found.append(
            make_finding(
                "ATTACHMENT_NOT_SCANNABLE",
                severity,
                {"name": name, "locations": unread},
                name=name,
                reasons=reasons,
            )
        )
    return found


def _engine_missing(attachments: Iterable[Attachment], external: bool) -> list[Finding]:
    found = []
    for att in attachments:
        details = {"name": att.location, "locations": {att.location: "engine_missing"}}
        found.append(
            make_finding(
                "ATTACHMENT_NOT_SCANNABLE",
                "warning" if external else "info",
                details,
                name=att.location,
                reasons=_REASONS["engine_missing"],
            )
        )
    return found


def is_external(envelope: Envelope, policy: Policy) -> bool:
    """Return whether any envelope recipient is outside the (sender's) organisation."""
    return any(not policy.is_internal_recipient(a) for a in envelope.rcpt_tos)


def structure_findings(message: ParsedMessage, external: bool) -> list[Finding]:
    """Return what the parser could not read: a broken structure, parts past the MIME limits."""
    found = []
    if message.malformed:
        found.append(malformed_finding(message.malformed, external))
    if message.unread:
        found.append(unchecked_finding("MIME", dict(message.unread), external))
    return found


def check_content(
    envelope: Envelope, message: ParsedMessage, policy: Policy, deadline: float | None = None
) -> list[Finding]:
    """Return the body and attachment findings of one mail.

    *deadline* (``time.monotonic()`` value) bounds the attachments' extraction: what is not read by
    then is reported unchecked, never passed as clean.
    """
    external = is_external(envelope, policy)
    detect, extract = load_detector(), load_extractor()
    found: list[Finding] = structure_findings(message, external)
    if detect is not None:
        found += check_body(message, detect, policy, external)
    if detect is None or extract is None:
        return found + _engine_missing(message.attachments, external)
    late: dict[str, str] = {}
    for att in message.attachments:
        if att.encrypted_container:
            found += _attachment_findings(att, _Scan(), policy, external)
            continue
        left = 60.0 if deadline is None else deadline - time.monotonic()
        if left <= 0:
            late[att.location] = "time"
            continue
        scan = scan_attachment(att, extract, detect, policy.max_scan_chars, left)
        found += _attachment_findings(att, scan, policy, external)
    if late:
        found.append(unchecked_finding("、".join(late), late, external))
    return found
