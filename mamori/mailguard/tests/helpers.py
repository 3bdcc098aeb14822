"""Make held messages directly through the services (no SMTP), for service and view tests."""

from __future__ import annotations

from mamori.mailguard import services
from mamori.mailguard.analyse import analyse
from mamori.mailguard.policy import Envelope
from mamori.mailguard.queries import build_policy
from mamori.mailguard.tests.mails import mail


def hold(
    policy_record,
    sender,
    *,
    rcpt: str = "kyaku@torihiki.invalid",
    subject: str = "お見積りの件",
    approve: bool = False,
):
    """Judge a real mail with the organisation's policy and hold it, as the SMTP service would."""
    raw = mail(to=(f"客 <{rcpt}>",), subject=subject, sender=f"{sender.username} <{sender.email}>")
    policy = build_policy(policy_record)
    if approve:
        from dataclasses import replace

        policy = replace(policy, code_actions={"EXTERNAL_RECIPIENTS": "approve"})
    analysis = analyse(raw, Envelope(sender.email, (rcpt,)), policy)
    assert analysis.verdict.action in ("hold", "approve")
    return services.held_message_create(
        policy=policy_record,
        sender=sender,
        mail_from=sender.email,
        recipients=[rcpt],
        raw=raw,
        analysis=analysis,
    )
