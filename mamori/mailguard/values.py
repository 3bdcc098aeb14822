"""The mail guard's value types: envelope, finding, verdict, the action and severity scales, messages.

The bottom of the mail guard: it imports nothing else of it, so every check, the policy, the SMTP
service and the hold queue can share these types without an import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "high")
ACTIONS = ("deliver", "hold", "approve", "reject")
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


def make_finding(code: str, severity: str, details: Mapping[str, Any], **fmt: Any) -> Finding:
    """Return a finding whose Japanese message is filled from the table for ``code``."""
    key = fmt.pop("message_key", code)
    template = VARIANTS.get(key) or MESSAGES.get(key, code)
    return Finding(code, severity, template.format(**fmt), details)
