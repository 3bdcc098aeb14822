"""Writes of the core app, and the audit log every other app writes through."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.crypto import salted_hmac

from mamori.core.models import AuditLogEntry, Department, Organisation

# Keys whose values may hold personal data; they are redacted in the audit log, never dropped silently.
PERSONAL_KEYS = frozenset({"description", "discovered_by", "notes", "note", "email", "phone", "address"})
# Personal keys whose changes must stay provable: redacted, with a keyed hash of the value.
HASHED_KEYS = frozenset({"title"})
REDACTED = "[redacted]"


def keyed_hash(value: Any) -> str:
    """Return a short keyed hash of ``value``: equal values match, nobody without the key can guess them."""
    return salted_hmac("mamori.audit.redacted", str(value), algorithm="sha256").hexdigest()[:16]


def _redact_value(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _redact_value(key, v) for k, v in value.items()} if key in HASHED_KEYS else REDACTED
    if key in HASHED_KEYS:
        return f"{REDACTED} #{keyed_hash(value)}"
    return REDACTED


def redact(data: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of ``data`` with personal free-text values replaced by a marker (titles keep a hash)."""
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if key in PERSONAL_KEYS | HASHED_KEYS and value not in (None, ""):
            clean[key] = _redact_value(key, value)
        elif isinstance(value, dict):
            clean[key] = redact(value)
        else:
            clean[key] = value
    return clean


def log_action(
    obj: models.Model, action: str, *, actor: Any = None, data: dict[str, Any] | None = None
) -> AuditLogEntry:
    """Append an audit entry for ``action`` on ``obj``; call inside the transaction of the change."""
    organisation = obj if isinstance(obj, Organisation) else getattr(obj, "organisation", None)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditLogEntry.objects.create(
        organisation=organisation,
        actor=user,
        actor_name=user.get_username() if user else "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        # A record may name itself without its personal text (an incident by its number, not its title).
        object_repr=str(getattr(obj, "audit_repr", None) or obj)[:200],
        data=redact(data or {}),
    )


def audit_entries_for(obj: models.Model) -> models.QuerySet[AuditLogEntry]:
    """Return the audit entries of one record, newest first."""
    return AuditLogEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


@transaction.atomic
def organisation_create(*, name: str, slug: str, actor: Any = None, **fields: Any) -> Organisation:
    """Create an organisation."""
    org = Organisation.objects.create(name=name, slug=slug, **fields)
    log_action(org, "core.organisation.created", actor=actor, data={"name": name})
    return org


@transaction.atomic
def department_create(*, organisation: Organisation, name: str, actor: Any = None) -> Department:
    """Create a department in ``organisation``."""
    dept = Department.objects.create(organisation=organisation, name=name)
    log_action(dept, "core.department.created", actor=actor, data={"name": name})
    return dept
