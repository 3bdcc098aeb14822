"""Decide what happens to one outbound mail: the pure policy of the mail guard.

``evaluate(envelope, message, policy) -> Verdict`` uses no socket, database or wall clock: the SMTP
service, the hold queue and ``mamori mail check`` all call it with a parsed message.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .config import PolicyError
from .domains import normalize_address, normalize_domain
from .parse import ParsedMessage

__all__ = ["Envelope", "Finding", "Policy", "PolicyError", "Verdict", "evaluate"]

SEVERITIES = ("info", "warning", "high")
ACTIONS = ("deliver", "hold", "approve", "reject")
FREEMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.co.jp",
        "ymail.ne.jp",
        "icloud.com",
        "me.com",
        "outlook.com",
        "outlook.jp",
        "hotmail.com",
        "hotmail.co.jp",
        "live.jp",
        "docomo.ne.jp",
        "ezweb.ne.jp",
        "au.com",
        "softbank.ne.jp",
        "i.softbank.jp",
        "ymobile.ne.jp",
        "nifty.com",
        "biglobe.ne.jp",
        "ocn.ne.jp",
    }
)

# Japanese messages by finding code: this is a machine interface, the web UI translates by code.
MESSAGES: Mapping[str, str] = {
    "EXTERNAL_RECIPIENTS": "社外の宛先が{count}件あります（{domains}）。",
    "MULTIPLE_EXTERNAL_DOMAINS": "複数の社外組織（{count}ドメイン: {domains}）が同じメールの宛先に含まれています。",
    "EXPOSED_RECIPIENTS": "社外の宛先{count}件がTo/Ccで互いに見えています。Bccにすべきではありませんか。",
    "LOOKALIKE_DOMAIN": "宛先ドメイン {domain} は既知のドメイン {known} とよく似ています（{reason}）。誤りではありませんか。",
    "FIRST_TIME_DOMAIN": "初めて送信するドメインです（{domains}）。",
    "FIRST_TIME_RECIPIENT": "初めて送信する宛先です（{addresses}）。",
    "NAME_DOMAIN_MISMATCH": "表示名「{display_name}」の会社（{organisation}）と宛先アドレスのドメイン（{domain}）が一致しません。",
    "PII_IN_BODY": "本文に個人情報と思われる記載があります（{counts}）。",
    "PII_IN_ATTACHMENT": "添付ファイル {name} に個人情報と思われる記載があります（{counts}）。",
    "UNENCRYPTED_ATTACHMENT_WITH_PII": (
        "個人情報を含む添付ファイル {name} が保護されないまま送信されます。"
        "ダウンロードリンクなど安全な受け渡し方法を検討してください。"
    ),
    "ENCRYPTED_ARCHIVE": "添付ファイル {name} は暗号化されているため中身を検査できません（ファイル名のみ確認）。",
    "ATTACHMENT_NOT_SCANNABLE": "添付ファイル {name} の一部または全部を検査できませんでした（{reasons}）。",
    "MANY_RECIPIENTS": "宛先が{count}件あり、上限の{limit}件を超えています。",
    "MALFORMED_MESSAGE": "メールの構造が壊れているため内容を検査できませんでした（{reason}）。検査できない内容は個人情報を含むものとして扱います。",
}
# Other wordings of some codes, chosen by the check (the details say which case it was).
VARIANTS: Mapping[str, str] = {
    "PII_IN_ATTACHMENT/truncated": (
        "添付ファイル {name} に個人情報と思われる記載があります（{counts}）。"
        "先頭の一部のみ確認しました（件数は下限値）。"
    ),
    "ATTACHMENT_NOT_SCANNABLE/partial": (
        "添付ファイル {name} は大きいため先頭の一部のみ確認しました（その範囲に個人情報は見つかりませんでした）。"
    ),
    "ATTACHMENT_NOT_SCANNABLE/unchecked": (
        "{name} を検査できませんでした（{reasons}）。検査できない内容は個人情報を含むものとして扱います。"
    ),
    "EXPOSED_RECIPIENTS/converted": "社外の宛先{count}件がTo/Ccで互いに見えていたため、Bccに変更します。",
    "NAME_DOMAIN_MISMATCH/address_in_name": "表示名には {shown} とありますが、実際の宛先は {address} です。",
    "NAME_DOMAIN_MISMATCH/salutation": "本文の宛名の会社（{organisation}）の宛先がありません。宛先を間違えていませんか。",
    "NAME_DOMAIN_MISMATCH/same_surname": (
        "宛先の{surname}様は{organisation}の方ですが、本文は{meant}の{surname}様宛てのようです。"
        "同姓の別人ではありませんか。"
    ),
    "NAME_DOMAIN_MISMATCH/same_surname_note": (
        "{surname}様という連絡先は{organisation}のほかに{others}にもいます。宛先が正しいか確認してください。"
    ),
}
CODES = tuple(MESSAGES)
REASON_LABELS = {
    "different_tld": "トップレベルドメイン違い",
    "homoglyph": "紛らわしい文字",
    "edit_distance": "1～2文字違い",
    "embedded": "既知ドメインを含む別ドメイン",
}


@dataclass(frozen=True)
class Envelope:
    """Hold the SMTP envelope: the sender and the real recipients (Bcc included)."""

    mail_from: str
    rcpt_tos: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """Describe one check result: a stable code, a severity, a Japanese message and details."""

    code: str
    severity: str
    message: str
    details: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-ready mapping of this finding."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "details": dict(self.details),
        }


@dataclass(frozen=True)
class Verdict:
    """Hold the decision: action, findings, hold delay, Japanese reason and addresses to move to Bcc."""

    action: str
    findings: tuple[Finding, ...]
    delay_minutes: int = 0
    reason: str = ""
    bcc_conversion: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape printed by ``mamori mail check``."""
        return {
            "verdict": self.action,
            "findings": [f.as_dict() for f in self.findings],
            "delay_minutes": self.delay_minutes,
            "reason": self.reason,
            "bcc_conversion": list(self.bcc_conversion),
        }


@dataclass(frozen=True)
class AddressBookEntry:
    """Hold one known contact, used to catch a right name on a wrong address."""

    display_name: str
    surname: str
    organisation: str
    address: str

    @property
    def domain(self) -> str:
        """Return the contact's normalised mail domain."""
        return normalize_domain(self.address.rpartition("@")[2])


@dataclass(frozen=True)
class Department:
    """Hold a department's own policy and the senders (addresses or ``@domain``) it applies to."""

    name: str
    senders: frozenset[str]
    policy: Policy


@dataclass(frozen=True)
class Policy:
    """Configure the checks and the actions for one organisation (and its departments)."""

    internal_domains: frozenset[str] = frozenset()
    partner_domains: frozenset[str] = frozenset()
    freemail_domains: frozenset[str] = FREEMAIL_DOMAINS
    delay_minutes: int = 5
    many_recipients: int = 20
    exposed_min_parties: int = 2
    convert_exposed_to_bcc: bool = False
    severity_actions: Mapping[str, str] = field(
        default_factory=lambda: {"info": "deliver", "warning": "hold", "high": "approve"}
    )
    code_actions: Mapping[str, str] = field(default_factory=lambda: {"EXTERNAL_RECIPIENTS": "hold"})
    address_book: tuple[AddressBookEntry, ...] = ()
    history_key: bytes = field(default=b"", repr=False)  # a secret: keep it out of logs
    known_recipients: frozenset[str] = field(default=frozenset(), repr=False)
    known_domains: frozenset[str] = field(default=frozenset(), repr=False)
    lookalike_max_distance: int = 2
    pii_high_labels: frozenset[str] = frozenset(
        # Not BANK_ACCOUNT: invoices carry the company's own account; a list of accounts is still a list.
        {"MY_NUMBER", "CREDIT_CARD", "PASSPORT", "DRIVERS_LICENSE", "HEALTH_INSURANCE"}
    )
    pii_list_threshold: int = 10
    # Characters read per attachment part (sheet, page, member); 0 reads everything. A cut part's
    # counts are lower bounds: a list is already a list in its first rows.
    max_scan_chars: int = 100_000
    departments: tuple[Department, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """Build a policy from plain data (parsed JSON/YAML), raising :class:`PolicyError` on bad input."""
        from .config import policy_from_dict

        return policy_from_dict(cls, data)

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        """Read a policy from a JSON or YAML file."""
        from .config import load_policy

        return load_policy(cls, Path(path))

    def for_sender(self, mail_from: str) -> Policy:
        """Return the department policy that applies to this sender, or this policy."""
        sender = normalize_address(mail_from)
        domain = "@" + sender.rpartition("@")[2]
        for dept in self.departments:
            if sender in dept.senders or domain in dept.senders:
                return dept.policy
        return self

    def is_internal(self, domain: str) -> bool:
        """Return whether the domain is an internal one or a sub-domain of one."""
        return _in_domains(normalize_domain(domain), self.internal_domains)

    def is_known(self, domain: str) -> bool:
        """Return whether the domain is internal, a partner's, or in the address book."""
        dom = normalize_domain(domain)
        book = {e.domain for e in self.address_book}
        return _in_domains(dom, self.internal_domains | self.partner_domains | book)

    def reference_domains(self) -> list[str]:
        """Return the known domains that look-alikes are measured against, sorted."""
        return sorted(self.internal_domains | self.partner_domains | {e.domain for e in self.address_book})

    def with_internal_domains(self, domains: Iterable[str]) -> Policy:
        """Return a copy (departments included) that also treats these domains as internal."""
        extra = frozenset(normalize_domain(d) for d in domains)
        depts = tuple(replace(d, policy=d.policy.with_internal_domains(extra)) for d in self.departments)
        return replace(self, internal_domains=self.internal_domains | extra, departments=depts)

    def with_history(self, recipients: Iterable[str], domains: Iterable[str]) -> Policy:
        """Return a copy that also knows these keyed hashes (for tests and the SMTP service)."""
        return replace(
            self,
            known_recipients=self.known_recipients | frozenset(recipients),
            known_domains=self.known_domains | frozenset(domains),
        )


def _in_domains(domain: str, domains: Iterable[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)


def history_hash(key: bytes, value: str, kind: str) -> str:
    """Return the keyed hash (HMAC-SHA256, hex) under which an address or domain is remembered."""
    if kind == "domain":
        norm = normalize_domain(value)
    else:  # the same mailbox whether its domain came as punycode (SMTP) or Unicode (headers)
        norm = normalize_address(value)
    return hmac.new(key, f"{kind}:{norm}".encode(), hashlib.sha256).hexdigest()


def history_entries(envelope: Envelope, policy: Policy) -> tuple[frozenset[str], frozenset[str]]:
    """Return the keyed hashes (recipients, domains) to remember once this mail has gone out.

    Only external recipients are remembered; without a history key nothing is.
    """
    policy = policy.for_sender(envelope.mail_from)
    if not policy.history_key:
        return frozenset(), frozenset()
    external = [a for a in envelope.rcpt_tos if not policy.is_internal(a.rpartition("@")[2])]
    key = policy.history_key
    return (
        frozenset(history_hash(key, a, "address") for a in external),
        frozenset(history_hash(key, a.rpartition("@")[2], "domain") for a in external),
    )


def make_finding(code: str, severity: str, details: Mapping[str, Any], **fmt: Any) -> Finding:
    """Return a finding whose Japanese message is filled from the table for ``code``."""
    key = fmt.pop("message_key", code)
    template = VARIANTS.get(key) or MESSAGES.get(key, code)
    return Finding(code, severity, template.format(**fmt), details)


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
    from . import content, recipients

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
