"""Permission-scoped reads of the mail guard, and the lookups of the SMTP service."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404

from mamori.accounts.models import Role, User
from mamori.core.mail import sender_address
from mamori.core.models import Organisation
from mamori.mailguard.domains import normalize_address, normalize_domain
from mamori.mailguard.models import OPEN_STATES, HeldMessage, MailDomain, MailPolicy, RecipientHistory, State
from mamori.mailguard.policy import Policy, PolicyError


def messages_for_user(user: Any) -> QuerySet[HeldMessage]:
    """Return the guarded messages ``user`` may read.

    The manager, audit lead and top management read the organisation's; a department manager reads
    the department's and their own; the designated approver also reads those waiting for approval;
    everybody else reads only the mail they sent.
    """
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return HeldMessage.objects.none()
    qs = HeldMessage.objects.filter(organisation_id=user.organisation_id).select_related(
        "sender", "department"
    )
    if user.sees_whole_organisation:
        return qs
    visible = Q(sender=user)
    if user.role == Role.DEPARTMENT_MANAGER and user.department_id:
        visible |= Q(department_id=user.department_id)
    if MailPolicy.objects.filter(organisation_id=user.organisation_id, approver=user).exists():
        visible |= Q(state=State.AWAITING_APPROVAL)
    return qs.filter(visible)


def get_message_for_user(user: Any, pk: Any) -> HeldMessage:
    """Return one message ``user`` may read, or raise 404 (also for other organisations' mail)."""
    try:
        return messages_for_user(user).get(pk=pk)
    except (HeldMessage.DoesNotExist, ValueError, TypeError):
        raise Http404("No such message") from None


def is_sender(user: Any, message: HeldMessage) -> bool:
    """Return whether ``user`` sent the message (only the sender cancels or sends now)."""
    return bool(user.is_authenticated and message.sender_id == user.pk)


def can_approve(user: Any, message: HeldMessage) -> bool:
    """Return whether ``user`` may approve or reject the message (never their own)."""
    if (
        not user.is_authenticated
        or user.organisation_id != message.organisation_id
        or is_sender(user, message)
    ):
        return False
    if user.is_pms_manager:
        return True
    if (
        user.role == Role.DEPARTMENT_MANAGER
        and user.department_id
        and user.department_id == message.department_id
    ):
        return True
    return MailPolicy.objects.filter(organisation_id=message.organisation_id, approver=user).exists()


def can_report_incident(user: Any, message: HeldMessage) -> bool:
    """Return whether ``user`` may turn a delivered message into an incident (sender or manager)."""
    if message.state != State.DELIVERED or message.incident_id:
        return False
    return is_sender(user, message) or (
        user.is_pms_manager and user.organisation_id == message.organisation_id
    )


def approvers_for(message: HeldMessage) -> list[User]:
    """Return who is asked to approve: the department managers, else the designated approver, else managers."""
    active = User.objects.filter(organisation_id=message.organisation_id, is_active=True).exclude(
        pk=message.sender_id or 0
    )
    if message.department_id:
        found = list(active.filter(role=Role.DEPARTMENT_MANAGER, department_id=message.department_id))
        if found:
            return found
    policy = MailPolicy.objects.filter(organisation_id=message.organisation_id).first()
    if policy and policy.approver_id and policy.approver_id != message.sender_id:
        return list(active.filter(pk=policy.approver_id))
    return list(active.filter(role=Role.MANAGER))


def open_count_for_user(user: Any) -> int:
    """Return how many messages the user may read still wait."""
    return messages_for_user(user).filter(state__in=OPEN_STATES).count()


def policy_for_organisation(org: Organisation) -> MailPolicy | None:
    """Return the organisation's mail policy record, if it has one."""
    return MailPolicy.objects.filter(organisation=org).first()


def history_key(organisation_id: int) -> bytes:
    """Return the organisation's key for the recipient history hashes (derived from the secret key).

    Derived, not stored, so the database alone does not let anyone test guesses against the hashes.
    """
    return (
        hmac.new(
            settings.SECRET_KEY.encode(), f"mailguard-history:{organisation_id}".encode(), hashlib.sha256
        )
        .hexdigest()
        .encode()
    )


def domains_of(organisation_id: int) -> list[MailDomain]:
    """Return the mail domains the organisation claimed (verified or waiting), by name."""
    return list(MailDomain.objects.filter(organisation_id=organisation_id).order_by("domain"))


def build_policy(record: MailPolicy) -> Policy:
    """Return the pure policy of an organisation's record; raise :class:`PolicyError` on bad settings."""
    data = dict(record.settings or {})
    owned = MailDomain.objects.filter(organisation_id=record.organisation_id).values_list("domain", flat=True)
    data["internal_domains"] = sorted(set(owned) | set(data.get("internal_domains") or []))
    data["delay_minutes"] = record.delay_minutes
    data["many_recipients"] = record.many_recipients
    data["history_key"] = history_key(record.organisation_id).decode()
    return Policy.from_dict(data)


def with_sender_department(policy: Policy, mail_from: str, sender: Any) -> Policy:
    """Return the policy with the sender's address added to the department named like theirs.

    Departments in the advanced settings may list ``senders``; naming a department exactly like a
    mamori department also applies it to that department's members, found by their address.
    """
    name = getattr(getattr(sender, "department", None), "name", "")
    if not name or not any(d.name == name for d in policy.departments):
        return policy
    address = normalize_address(mail_from)
    departments = tuple(
        replace(d, senders=d.senders | {address}) if d.name == name else d for d in policy.departments
    )
    return replace(policy, departments=departments)


def domain_owner(domain: str) -> int | None:
    """Return the organisation that owns ``domain``: the longest verified claim of it or a parent domain."""
    labels = normalize_domain(domain).split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    claims = MailDomain.objects.filter(domain__in=candidates, verified_at__isnull=False)
    best = max(claims.values_list("domain", "organisation_id"), key=lambda c: len(c[0]), default=None)
    return best[1] if best else None


NOTICE_LOCAL_PART = "mamori"


def notice_sender(organisation: Organisation | None) -> str | None:
    """Return ``mamori@<the organisation's shortest verified mail domain>``, an address the guard accepts.

    mamori's own notices pass the guard on their way out (Postfix sends all mail through it): from
    ``mamori@localhost`` they were refused and bounced, with their text and signed links.
    """
    if organisation is None:
        return None
    domains = MailDomain.objects.filter(organisation=organisation, verified_at__isnull=False)
    domain = min(domains.values_list("domain", flat=True), key=lambda d: (len(d), d), default=None)
    return f"{NOTICE_LOCAL_PART}@{domain}" if domain else None


def unaccepted_senders() -> list[str]:
    """Return a sentence per organisation whose mail from mamori the guard would refuse (empty: all fine).

    Only organisations that own a verified mail domain are served by the guard, so only they count.
    """
    problems = []
    served = MailDomain.objects.filter(verified_at__isnull=False).values("organisation_id")
    for record in MailPolicy.objects.filter(organisation_id__in=served).select_related("organisation"):
        sender = sender_address(record.organisation)
        found = policy_for_sender(sender)
        if found is None or found[0].organisation_id != record.organisation_id:
            problems.append(
                f"mamori's notices to {record.organisation} would come from {sender}, which the mail guard "
                f"refuses (not in a verified mail domain of {record.organisation}); set MAMORI_FROM_EMAIL to "
                "an address in one of its domains, or leave it unset to use mamori@<its domain>"
            )
    return problems


def policy_for_sender(mail_from: str) -> tuple[MailPolicy, Policy] | None:
    """Return the record and policy of the organisation that owns the sender's domain.

    Only that organisation's policy judges the mail. A sender whose domain nobody owns (or whose claim
    waits for verification) gets None: the guard refuses the mail and stores nothing, so no
    organisation's manager sees it.
    """
    sender = normalize_address(mail_from)
    domain = normalize_domain(sender.rpartition("@")[2]) if "@" in sender else ""
    owner = domain_owner(domain) if "." in domain else None
    record = (
        MailPolicy.objects.select_related("organisation").filter(organisation_id=owner).first()
        if owner
        else None
    )
    if record is None:
        return None
    try:
        return record, build_policy(record)
    except PolicyError:
        return None


def user_for_address(mail_from: str, organisation_id: int) -> User | None:
    """Return the active mamori user with this e-mail address in the organisation, if any."""
    address = normalize_address(mail_from)
    return (
        User.objects.filter(organisation_id=organisation_id, email__iexact=address, is_active=True)
        .select_related("department")
        .first()
    )


def known_history(organisation_id: int, addresses: set[str], domains: set[str]) -> tuple[set[str], set[str]]:
    """Return which of these hashed addresses and domains the organisation has sent to before."""
    rows = RecipientHistory.objects.filter(organisation_id=organisation_id, digest__in=addresses | domains)
    known = {(kind, digest) for kind, digest in rows.values_list("kind", "digest")}
    return (
        {d for d in addresses if ("address", d) in known},
        {d for d in domains if ("domain", d) in known},
    )
