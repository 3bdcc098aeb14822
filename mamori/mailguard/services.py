"""Every write of the mail guard: policy changes, held messages, decisions, delivery state, history."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mamori.core.models import Organisation
from mamori.core.services import log_action
from mamori.incidents.models import Incident
from mamori.incidents.services import incident_create
from mamori.mailguard import notify, queries, rules, spool
from mamori.mailguard.analyse import Analysis
from mamori.mailguard.domains import normalize_domain
from mamori.mailguard.models import (
    OPEN_STATES,
    HeldMessage,
    MailDomain,
    MailPolicy,
    RecipientHistory,
    State,
)
from mamori.mailguard.policy import Envelope, history_entries

DUPLICATE_WINDOW = dt.timedelta(days=1)
log = logging.getLogger(__name__)


class ActionError(Exception):
    """Signal a decision that no longer applies (already sent, cancelled, decided...)."""


class DomainClaimError(ValueError):
    """A domain that cannot be claimed (another organisation owns it or a domain around it)."""


def domain_verification_required() -> bool:
    """Return whether a new claim waits for the operator (several organisations share this mamori)."""
    mode = getattr(django_settings, "MAILGUARD_VERIFY_DOMAINS", "auto")
    if mode == "auto":
        return Organisation.objects.count() > 1
    return mode == "true"


def _owned_elsewhere(organisation_id: int, domain: str) -> str | None:
    """Return a verified domain of another organisation that is, contains or lies within ``domain``."""
    others = MailDomain.objects.filter(verified_at__isnull=False).exclude(organisation_id=organisation_id)
    for other in others.values_list("domain", flat=True):
        if other == domain or domain.endswith("." + other) or other.endswith("." + domain):
            return other
    return None


@transaction.atomic
def mail_domain_claim(*, organisation: Organisation, domain: str, actor: Any) -> MailDomain:
    """Claim a mail domain for the organisation: once, and verified where several companies share mamori."""
    domain = normalize_domain(domain.strip().lstrip("@"))
    existing = MailDomain.objects.filter(organisation=organisation, domain=domain).first()
    if existing is not None:
        return existing
    if _owned_elsewhere(organisation.pk, domain):
        raise DomainClaimError(
            _("The domain %(domain)s belongs to another organisation.") % {"domain": domain}
        )
    pending = domain_verification_required()
    record = MailDomain.objects.create(
        organisation=organisation,
        domain=domain,
        claimed_by=actor if getattr(actor, "pk", None) else None,
        token=secrets.token_hex(16),
        verified_at=None if pending else timezone.now(),
        verified_by="" if pending else "single organisation",
    )
    log_action(
        record,
        "mailguard.domain.claimed",
        actor=actor,
        data={"domain": domain, "needs_verification": pending},
    )
    return record


@transaction.atomic
def mail_domain_verify(*, domain: MailDomain, actor: Any) -> MailDomain:
    """Put a claim in force (the deployment's operator, after checking the domain's DNS TXT record).

    Other organisations' claims of the same domain, still waiting, are dropped.
    """
    domain = MailDomain.objects.select_for_update().get(pk=domain.pk)
    if domain.verified_at is not None:
        return domain
    if _owned_elsewhere(domain.organisation_id, domain.domain):
        raise DomainClaimError(
            _("The domain %(domain)s belongs to another organisation.") % {"domain": domain}
        )
    domain.verified_at = timezone.now()
    domain.verified_by = actor.get_username() if getattr(actor, "pk", None) else "system"
    domain.save(update_fields=["verified_at", "verified_by"])
    log_action(domain, "mailguard.domain.verified", actor=actor, data={"domain": domain.domain})
    for rival in MailDomain.objects.filter(domain=domain.domain, verified_at__isnull=True):
        log_action(rival, "mailguard.domain.claim_dropped", actor=actor, data={"domain": rival.domain})
        rival.delete()
    return domain


@transaction.atomic
def mail_domain_release(*, domain: MailDomain, actor: Any) -> None:
    """Give up a claim; mail from the domain is then no longer judged by this organisation's policy."""
    log_action(domain, "mailguard.domain.released", actor=actor, data={"domain": domain.domain})
    domain.delete()


@transaction.atomic
def mail_policy_save(
    *,
    organisation: Organisation,
    actor: Any,
    delay_minutes: int,
    many_recipients: int,
    internal_domains: list[str] | None = None,
    approver: Any = None,
    settings: dict[str, Any] | None = None,
) -> MailPolicy:
    """Create or change the organisation's mail policy; ``internal_domains`` are claimed if not yet."""
    for domain in internal_domains or []:
        mail_domain_claim(organisation=organisation, domain=domain, actor=actor)
    record, created = MailPolicy.objects.get_or_create(organisation=organisation)
    record.delay_minutes = delay_minutes
    record.many_recipients = many_recipients
    record.approver = approver
    record.settings = settings or {}
    record.save()
    log_action(
        record,
        "mailguard.policy.created" if created else "mailguard.policy.changed",
        actor=actor,
        data={
            "delay_minutes": delay_minutes,
            "many_recipients": many_recipients,
            "settings_keys": sorted(record.settings),
        },
    )
    return record


def digest_of(raw: bytes) -> str:
    """Return the SHA-256 of a message's bytes (recognises a client's retry of the same mail)."""
    return hashlib.sha256(raw).hexdigest()


def _existing_duplicate(mail_from: str, recipients: list[str], digest: str) -> HeldMessage | None:
    since = timezone.now() - DUPLICATE_WINDOW
    return (
        HeldMessage.objects.filter(digest=digest, mail_from=mail_from, created_at__gte=since)
        .filter(recipients=recipients)
        .first()
    )


def held_message_create(
    *,
    policy: MailPolicy,
    sender: Any,
    mail_from: str,
    recipients: list[str],
    raw: bytes,
    analysis: Analysis,
) -> HeldMessage:
    """Spool a message durably and record it as held (or waiting for approval); return the record.

    The spool file is fsynced before the row is committed and the caller answers 250 only after this
    returns. A client that retries the same bytes to the same recipients (because our 250 was lost)
    gets the existing record back, not a second copy.
    """
    digest = digest_of(raw)
    existing = _existing_duplicate(mail_from, recipients, digest)
    if existing is not None:
        return existing
    name = spool.store(raw)
    try:
        return _held_message_insert(policy, sender, mail_from, recipients, raw, analysis, digest, name)
    except BaseException:
        spool.remove(name)
        raise


@transaction.atomic
def _held_message_insert(
    policy: MailPolicy,
    sender: Any,
    mail_from: str,
    recipients: list[str],
    raw: bytes,
    analysis: Analysis,
    digest: str,
    name: str,
) -> HeldMessage:
    verdict = analysis.verdict
    now = timezone.now()
    waits = verdict.action == "approve"
    message = HeldMessage.objects.create(
        organisation_id=policy.organisation_id,
        department=getattr(sender, "department", None),
        sender=sender,
        mail_from=mail_from,
        recipients=recipients,
        subject=analysis.subject[:500],
        message_id=analysis.message_id[:500],
        digest=digest,
        size=len(raw),
        attachments=list(analysis.attachments),
        findings=[f.as_dict() for f in verdict.findings],
        bcc_conversion=list(verdict.bcc_conversion),
        verdict=verdict.action,
        reason=verdict.reason,
        spool_name=name,
        state=State.AWAITING_APPROVAL if waits else State.HELD,
        release_at=None if waits else now + dt.timedelta(minutes=verdict.delay_minutes),
    )
    log_action(
        message,
        "mailguard.message.held",
        data={"verdict": verdict.action, "findings": rules.finding_summary(message.findings)},
    )
    transaction.on_commit(lambda: notify.notify_sender(message.pk))
    if waits:
        transaction.on_commit(lambda: notify.notify_approvers(message.pk))
    return message


@transaction.atomic
def message_record_rejected(
    *, policy: MailPolicy, sender: Any, mail_from: str, recipients: list[str], raw: bytes, analysis: Analysis
) -> HeldMessage:
    """Record a mail the policy rejected at SMTP time (not spooled) and count it as a near miss."""
    verdict = analysis.verdict
    message = HeldMessage.objects.create(
        organisation_id=policy.organisation_id,
        department=getattr(sender, "department", None),
        sender=sender,
        mail_from=mail_from,
        recipients=recipients,
        subject=analysis.subject[:500],
        message_id=analysis.message_id[:500],
        digest=digest_of(raw),
        size=len(raw),
        attachments=list(analysis.attachments),
        findings=[f.as_dict() for f in verdict.findings],
        verdict=verdict.action,
        reason=verdict.reason,
        state=State.REJECTED,
        decided_at=timezone.now(),
    )
    log_action(
        message,
        "mailguard.message.rejected_by_policy",
        data={"findings": rules.finding_summary(message.findings)},
    )
    _near_miss(message, reporter=sender, how=_("rejected by the mail guard policy"))
    transaction.on_commit(lambda: notify.notify_sender(message.pk))
    return message


def _decide(message: HeldMessage, *, actor: Any, allowed: Iterable[str], **changes: Any) -> None:
    """Apply a decision only if the message is still in an allowed state and not being sent right now."""
    updated = HeldMessage.objects.filter(
        pk=message.pk, state__in=list(allowed), claimed_at__isnull=True
    ).update(**changes)
    if updated != 1:
        raise ActionError(_("This mail was already sent or decided."))
    message.refresh_from_db()


def _near_miss(message: HeldMessage, *, reporter: Any, how: str) -> bool:
    """Count a stopped mail as a near miss; return False when that failed.

    The decision to stop the mail stands whatever happens here: the incident is written in a savepoint
    and a failure is logged (without the mail's content), never allowed to roll the stop back.
    """
    if reporter is None:
        return True
    try:
        with transaction.atomic():
            _record_near_miss(message, reporter=reporter, how=how)
    except Exception:  # noqa: BLE001 - the stop must hold; the manager can report it from the page
        log.exception("could not record the near miss of held mail #%s", message.pk)
        return False
    return True


def _record_near_miss(message: HeldMessage, *, reporter: Any, how: str) -> None:
    codes = ", ".join(dict.fromkeys(f["code"] for f in message.findings)) or "-"
    incident = incident_create(
        reporter=reporter,
        title=_("Mail stopped by the mail guard (%(how)s)") % {"how": how},
        description=_("The mail guard held mail #%(number)s; it was not sent (%(how)s). Findings: %(codes)s.")
        % {"number": message.pk, "how": how, "codes": codes},
        discovered_at=timezone.now(),
        discovered_by="system",
        event_class="missent",
        medium="electronic",
        is_near_miss=True,
        department=message.department,
    )
    HeldMessage.objects.filter(pk=message.pk).update(incident=incident)
    message.incident = incident


@transaction.atomic
def held_message_cancel(*, message: HeldMessage, actor: Any) -> HeldMessage:
    """Cancel a held message (the sender's choice): it is never sent and counts as a near miss."""
    _decide(
        message,
        actor=actor,
        allowed=OPEN_STATES,
        state=State.CANCELLED,
        decided_by=actor,
        decided_at=timezone.now(),
        release_at=None,
    )
    recorded = _near_miss(message, reporter=message.sender or actor, how=_("cancelled by the sender"))
    log_action(message, "mailguard.message.cancelled", actor=actor, data={"near_miss_recorded": recorded})
    name = message.spool_name
    transaction.on_commit(lambda: spool.remove(name))
    return message


@transaction.atomic
def held_message_send_now(*, message: HeldMessage, actor: Any) -> HeldMessage:
    """Release a held message at once (the sender's choice); mail waiting for approval cannot skip it."""
    _decide(message, actor=actor, allowed=[State.HELD], release_at=timezone.now(), decided_by=actor)
    log_action(message, "mailguard.message.sent_now", actor=actor)
    return message


@transaction.atomic
def held_message_request_approval(*, message: HeldMessage, actor: Any) -> HeldMessage:
    """Stop the timer and ask an approver (the sender's choice when unsure)."""
    _decide(message, actor=actor, allowed=[State.HELD], state=State.AWAITING_APPROVAL, release_at=None)
    log_action(message, "mailguard.message.approval_requested", actor=actor)
    transaction.on_commit(lambda: notify.notify_approvers(message.pk))
    return message


@transaction.atomic
def held_message_approve(*, message: HeldMessage, actor: Any) -> HeldMessage:
    """Approve a message: it is released at once."""
    now = timezone.now()
    _decide(
        message,
        actor=actor,
        allowed=[State.AWAITING_APPROVAL],
        state=State.HELD,
        release_at=now,
        decided_by=actor,
        decided_at=now,
    )
    log_action(message, "mailguard.message.approved", actor=actor)
    return message


@transaction.atomic
def held_message_reject(*, message: HeldMessage, actor: Any) -> HeldMessage:
    """Reject a message waiting for approval (or held): never sent, the sender is told, near miss."""
    _decide(
        message,
        actor=actor,
        allowed=OPEN_STATES,
        state=State.REJECTED,
        release_at=None,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    log_action(message, "mailguard.message.rejected", actor=actor)
    _near_miss(message, reporter=message.sender or actor, how=_("rejected by the approver"))
    name = message.spool_name
    transaction.on_commit(lambda: spool.remove(name))
    transaction.on_commit(lambda: notify.notify_sender(message.pk))
    return message


@transaction.atomic
def held_message_report_incident(*, message: HeldMessage, actor: Any) -> Incident:
    """Turn a delivered message that went to the wrong person into an incident, facts pre-filled.

    Recipients are masked and findings named by code: the incident register never gets the addresses.
    """
    if message.state != State.DELIVERED or message.incident_id:
        raise ActionError(_("Only a delivered mail without an incident can be reported."))
    recipients = ", ".join(rules.mask_address(a) for a in message.recipients)
    codes = ", ".join(dict.fromkeys(f["code"] for f in message.findings)) or "-"
    incident = incident_create(
        reporter=actor,
        title=_("Mail sent to the wrong recipient (mail #%(number)s)") % {"number": message.pk},
        description=_(
            "Mail #%(number)s released by the mail guard went to the wrong recipient.\n"
            "Recipients (masked): %(recipients)s\nFindings of the guard: %(codes)s\n"
            "Attachments: %(attachments)s"
        )
        % {
            "number": message.pk,
            "recipients": recipients,
            "codes": codes,
            "attachments": len(message.attachments),
        },
        discovered_at=timezone.now(),
        discovered_by="self",
        occurred_at=message.delivered_at,
        event_class="missent",
        medium="electronic",
        data_categories=["email"],
        department=message.department,
    )
    HeldMessage.objects.filter(pk=message.pk).update(incident=incident)
    message.incident = incident
    log_action(
        message, "mailguard.message.incident_reported", actor=actor, data={"incident": incident.number}
    )
    return incident


# Delivery state: written by the release worker (conditional updates, so two workers never send twice).


def held_message_claim(*, pk: int, now: dt.datetime) -> str | None:
    """Claim one due message for delivery; return the claim token, or None if another worker has it."""
    token = uuid.uuid4().hex
    updated = HeldMessage.objects.filter(
        pk=pk, state=State.HELD, claimed_at__isnull=True, release_at__lte=now
    ).update(claimed_at=timezone.now(), claim_token=token)
    return token if updated == 1 else None


@transaction.atomic
def held_message_mark_delivered(*, message: HeldMessage, token: str, recovered: bool = False) -> None:
    """Record the delivery of a claimed message, remember its recipients and drop the spool file."""
    HeldMessage.objects.filter(pk=message.pk, claim_token=token).update(
        state=State.DELIVERED, delivered_at=timezone.now(), claimed_at=None, last_error=""
    )
    log_action(
        message, "mailguard.message.delivered", data={"recovered": recovered, "attempts": message.attempts}
    )
    history_record(organisation_id=message.organisation_id, recipients=message.recipients)
    name = message.spool_name
    transaction.on_commit(lambda: spool.remove(name))


@transaction.atomic
def held_message_retry_later(*, message: HeldMessage, token: str, error: str) -> None:
    """Give a claimed message back after an upstream failure, with a back-off; give up after two days."""
    now = timezone.now()
    if rules.should_give_up(message.created_at, now):
        HeldMessage.objects.filter(pk=message.pk, claim_token=token).update(
            state=State.FAILED, claimed_at=None, last_error=error[:500], attempts=F("attempts") + 1
        )
        log_action(message, "mailguard.message.failed", data={"error": error[:200]})
        transaction.on_commit(lambda: notify.notify_sender(message.pk))
        return
    HeldMessage.objects.filter(pk=message.pk, claim_token=token).update(
        claimed_at=None,
        attempts=F("attempts") + 1,
        last_error=error[:500],
        release_at=now + rules.retry_delay(message.attempts + 1),
    )


@transaction.atomic
def held_message_mark_failed(*, message: HeldMessage, token: str, error: str) -> None:
    """Record that the upstream refused a claimed message for good; the sender is told."""
    HeldMessage.objects.filter(pk=message.pk, claim_token=token).update(
        state=State.FAILED, claimed_at=None, last_error=error[:500], attempts=F("attempts") + 1
    )
    log_action(message, "mailguard.message.failed", data={"error": error[:200]})
    transaction.on_commit(lambda: notify.notify_sender(message.pk))


def held_message_release_stale_claims(*, older_than: dt.datetime) -> list[HeldMessage]:
    """Return the claims a crashed worker left behind, after freeing them (their claim is now void)."""
    stale = list(HeldMessage.objects.filter(state=State.HELD, claimed_at__lt=older_than))
    freed = []
    for message in stale:
        token = uuid.uuid4().hex
        if HeldMessage.objects.filter(pk=message.pk, claim_token=message.claim_token).update(
            claim_token=token, claimed_at=timezone.now()
        ):
            message.claim_token = token
            freed.append(message)
    return freed


def held_message_unclaim(*, message: HeldMessage, token: str) -> None:
    """Give a claim back without counting an attempt."""
    HeldMessage.objects.filter(pk=message.pk, claim_token=token).update(claimed_at=None)


def history_record(*, organisation_id: int, recipients: Iterable[str], policy: Any = None) -> None:
    """Remember the external recipients and domains of a delivered mail as keyed hashes."""
    if policy is None:
        record = MailPolicy.objects.filter(organisation_id=organisation_id).first()
        if record is None:
            return
        policy = queries.build_policy(record)
    addresses, domains = history_entries(Envelope("", tuple(recipients)), policy)
    now = timezone.now()
    for kind, digests in (("address", addresses), ("domain", domains)):
        for digest in digests:
            updated = RecipientHistory.objects.filter(
                organisation_id=organisation_id, kind=kind, digest=digest
            ).update(last_sent_at=now)
            if not updated:
                try:
                    with transaction.atomic():
                        RecipientHistory.objects.create(
                            organisation_id=organisation_id, kind=kind, digest=digest
                        )
                except IntegrityError:
                    pass  # another worker remembered it at the same moment
