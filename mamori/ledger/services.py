"""Every write of the ledger: rows and their versions, approvals, reviews, risks and the notice.

Each function is keyword-only, atomic and writes its audit entry in the same transaction. Audit entries
name the changed columns, not their values: the versions keep the values, behind the ledger's roles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mamori.accounts.models import Role
from mamori.core.models import Department, Organisation
from mamori.core.services import log_action
from mamori.ledger import rules
from mamori.ledger.columns import CONTENT_FIELDS, NULLABLE_FIELDS
from mamori.ledger.models import (
    EntryStatus,
    LedgerEntry,
    LedgerVersion,
    NoticePublication,
    NoticeSettings,
    ReviewCampaign,
    ReviewItem,
    Risk,
)

RISK_FIELDS = (
    "phase",
    "media",
    "kind",
    "threat",
    "vulnerability",
    "likelihood",
    "impact",
    "controls",
    "treatment",
    "treatment_plan",
    "residual",
    "residual_value",
    "residual_owner",
    "due_on",
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Department):
        return value.name
    return value


def entry_snapshot(entry: LedgerEntry) -> dict[str, Any]:
    """Return the row's columns as plain JSON values (the department by name, dates as ISO text)."""
    return {name: _plain(getattr(entry, name)) for name in CONTENT_FIELDS}


def risks_snapshot(entry: LedgerEntry) -> list[dict[str, Any]]:
    """Return the row's risks as plain JSON values, in a stable order."""
    return [
        {name: _plain(getattr(risk, name)) for name in RISK_FIELDS}
        for risk in entry.risks.order_by("phase", "media", "id")
    ]


def approval_hash(entry: LedgerEntry) -> str:
    """Return the hash of the row and its risks that top management's approval is bound to."""
    text = json.dumps([entry_snapshot(entry), risks_snapshot(entry)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Return the names of the columns whose values differ between two snapshots."""
    return [name for name in CONTENT_FIELDS if before.get(name) != after.get(name)]


def can_edit(user: Any, entry: LedgerEntry | None = None, department: Department | None = None) -> bool:
    """Return whether ``user`` may write a row: the manager any, a department manager their department's."""
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return False
    if entry is not None and entry.organisation_id != user.organisation_id:
        return False
    if user.role == Role.MANAGER:
        return True
    dept_id = entry.department_id if entry is not None else (department.pk if department else None)
    return user.role == Role.DEPARTMENT_MANAGER and dept_id is not None and dept_id == user.department_id


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _next_number(organisation: Organisation) -> str:
    count = LedgerEntry.objects.filter(organisation=organisation).count() + 1
    while LedgerEntry.objects.filter(organisation=organisation, number=f"L-{count:04d}").exists():
        count += 1
    return f"L-{count:04d}"


def _snapshot_version(entry: LedgerEntry, actor: Any, reason: str) -> LedgerVersion:
    return LedgerVersion.objects.create(
        entry=entry,
        version=entry.version,
        data=entry_snapshot(entry),
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )


@transaction.atomic
def entry_create(
    *, organisation: Organisation, actor: Any, number: str = "", reason: str = "", **fields: Any
) -> LedgerEntry:
    """Create a ledger row as a draft (version 1) awaiting the manager's approval."""
    _require(can_edit(actor, department=fields.get("department")) or actor is None)
    entry = LedgerEntry(organisation=organisation, number=number or _next_number(organisation), **fields)
    entry.full_clean()
    entry.save()
    _snapshot_version(entry, actor, reason or _("Created"))
    log_action(entry, "ledger.entry.created", actor=actor, data={"number": entry.number, "version": 1})
    return entry


def _invalidate_risk_approval(entry: LedgerEntry, actor: Any) -> None:
    if entry.risks_approved_hash:
        entry.risks_approved_hash = ""
        entry.risks_approved_by = None
        entry.risks_approved_at = None
        entry.save(
            update_fields=["risks_approved_hash", "risks_approved_by", "risks_approved_at", "updated_at"]
        )
        log_action(entry, "ledger.risks.approval_invalidated", actor=actor, data={"version": entry.version})


@transaction.atomic
def entry_update(*, entry: LedgerEntry, actor: Any, reason: str = "", **fields: Any) -> list[str]:
    """Change a row: a new draft version for the manager to approve; return the changed columns.

    A change invalidates top management's approval of the row's risk assessment and marks the row
    as changed in any open review campaign.
    """
    _require(can_edit(actor, entry) or actor is None)
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    before = entry_snapshot(entry)
    for name, value in fields.items():
        setattr(entry, name, value)
    changed = diff(before, entry_snapshot(entry))
    if not changed:
        return []
    entry.version += 1
    entry.status = EntryStatus.DRAFT
    entry.approved_by = None
    entry.approved_at = None
    entry.full_clean()
    entry.save()
    _snapshot_version(entry, actor, reason)
    log_action(
        entry, "ledger.entry.changed", actor=actor, data={"version": entry.version, "columns": changed}
    )
    _invalidate_risk_approval(entry, actor)
    ReviewItem.objects.filter(entry=entry, outcome=ReviewItem.Outcome.PENDING).update(
        outcome=ReviewItem.Outcome.CHANGED, reviewed_by=actor, reviewed_at=timezone.now()
    )
    return changed


@transaction.atomic
def entry_approve(*, entry: LedgerEntry, actor: Any) -> LedgerEntry:
    """Approve the row's current version (the 個人情報保護管理者 only)."""
    _require(actor.role == Role.MANAGER and actor.organisation_id == entry.organisation_id)
    now = timezone.now()
    entry.status = EntryStatus.APPROVED
    entry.approved_by = actor
    entry.approved_at = now
    entry.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    LedgerVersion.objects.filter(entry=entry, version=entry.version).update(
        approved_by=actor, approved_at=now
    )
    log_action(entry, "ledger.entry.approved", actor=actor, data={"version": entry.version})
    return entry


@transaction.atomic
def entry_confirm_review(*, entry: LedgerEntry, actor: Any, on: dt.date | None = None) -> None:
    """Record that the row was reviewed and is still right (no new version)."""
    _require(can_edit(actor, entry))
    entry.last_reviewed = on or timezone.localdate()
    entry.save(update_fields=["last_reviewed", "updated_at"])
    ReviewItem.objects.filter(entry=entry, outcome=ReviewItem.Outcome.PENDING).update(
        outcome=ReviewItem.Outcome.CONFIRMED, reviewed_by=actor, reviewed_at=timezone.now()
    )
    log_action(entry, "ledger.entry.reviewed", actor=actor, data={"on": entry.last_reviewed.isoformat()})


def _check_risk(risk: Risk) -> None:
    if risk.residual and risk.kind in rules.UNACCEPTABLE_RESIDUAL_KINDS:
        raise ValidationError(
            _("Improper acquisition and use beyond the purpose can never be accepted as residual risks.")
        )
    if not (1 <= risk.likelihood <= 3 and 1 <= risk.impact <= 3):
        raise ValidationError(_("Likelihood and impact are 1, 2 or 3."))


@transaction.atomic
def risk_save(*, entry: LedgerEntry, actor: Any, risk: Risk | None = None, **fields: Any) -> Risk:
    """Add or change a risk of the row; any change invalidates top management's approval."""
    _require(can_edit(actor, entry))
    if risk is not None and risk.entry_id != entry.pk:
        raise PermissionDenied
    risk = risk or Risk(entry=entry)
    for name, value in fields.items():
        setattr(risk, name, value)
    _check_risk(risk)
    risk.full_clean()
    created = risk.pk is None
    risk.save()
    log_action(
        entry,
        "ledger.risk.added" if created else "ledger.risk.changed",
        actor=actor,
        data={"risk": risk.pk, "phase": risk.phase, "media": risk.media, "columns": sorted(fields)},
    )
    _invalidate_risk_approval(entry, actor)
    return risk


@transaction.atomic
def risk_delete(*, risk: Risk, actor: Any) -> None:
    """Remove a risk from its row; invalidates top management's approval."""
    entry = risk.entry
    _require(can_edit(actor, entry))
    log_action(entry, "ledger.risk.deleted", actor=actor, data={"risk": risk.pk, "phase": risk.phase})
    risk.delete()
    _invalidate_risk_approval(entry, actor)


@transaction.atomic
def risks_approve(*, entry: LedgerEntry, actor: Any) -> LedgerEntry:
    """Approve the row's risk assessment and residual risks (top management only).

    Refused while a core phase has no risk or a risk that may not be residual is left residual. The
    approval is bound to a hash of the row and its risks: any later change invalidates it.
    """
    _require(actor.role == Role.EXECUTIVE and actor.organisation_id == entry.organisation_id)
    risks = list(entry.risks.all())
    missing = [phase for phase in rules.CORE_PHASES if phase not in {r.phase for r in risks}]
    if missing:
        raise ValidationError(
            _("Assess every phase before approval; missing: %(phases)s.") % {"phases": ", ".join(missing)}
        )
    if any(r.residual and r.kind in rules.UNACCEPTABLE_RESIDUAL_KINDS for r in risks):
        raise ValidationError(_("A risk that may not be residual is left residual."))
    entry.risks_approved_by = actor
    entry.risks_approved_at = timezone.now()
    entry.risks_approved_hash = approval_hash(entry)
    entry.save(update_fields=["risks_approved_by", "risks_approved_at", "risks_approved_hash", "updated_at"])
    log_action(
        entry, "ledger.risks.approved", actor=actor, data={"version": entry.version, "risks": len(risks)}
    )
    return entry


@transaction.atomic
def campaign_create(
    *,
    organisation: Organisation,
    actor: Any,
    title: str,
    due_date: dt.date,
    departments: Iterable[Department] = (),
) -> ReviewCampaign:
    """Start a review campaign over the rows of ``departments`` (every department when empty)."""
    _require(actor.role == Role.MANAGER and actor.organisation_id == organisation.pk)
    campaign = ReviewCampaign.objects.create(
        organisation=organisation, title=title, due_date=due_date, created_by=actor
    )
    departments = list(departments)
    campaign.departments.set(departments)
    entries = LedgerEntry.objects.filter(organisation=organisation).exclude(status=EntryStatus.RETIRED)
    if departments:
        entries = entries.filter(department__in=departments)
    items = ReviewItem.objects.bulk_create([ReviewItem(campaign=campaign, entry=entry) for entry in entries])
    log_action(
        campaign,
        "ledger.campaign.created",
        actor=actor,
        data={"rows": len(items), "due": due_date.isoformat()},
    )
    return campaign


@transaction.atomic
def notice_settings_save(*, organisation: Organisation, actor: Any, **fields: Any) -> NoticeSettings:
    """Create or change the organisation's notice facts (name, address, representative, desks ...)."""
    _require(actor.role == Role.MANAGER and actor.organisation_id == organisation.pk)
    settings_obj, _created = NoticeSettings.objects.update_or_create(
        organisation=organisation, defaults=fields
    )
    log_action(settings_obj, "ledger.notice.settings_changed", actor=actor, data={"columns": sorted(fields)})
    return settings_obj


@transaction.atomic
def notice_publish(
    *, organisation: Organisation, actor: Any, text: str, purposes: dict[str, str]
) -> NoticePublication:
    """Record that the notice was published with ``text``, listing the rows and purposes in ``purposes``."""
    _require(actor.role == Role.MANAGER and actor.organisation_id == organisation.pk)
    publication = NoticePublication.objects.create(
        organisation=organisation, published_by=actor, text=text, purposes=purposes
    )
    log_action(publication, "ledger.notice.published", actor=actor, data={"rows": len(purposes)})
    return publication


@dataclass
class ImportOutcome:
    """What an import did, or would do: rows created and changed, new departments, errors by line."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


@transaction.atomic
def ledger_import(
    *,
    organisation: Organisation,
    actor: Any,
    rows: list[tuple[int, dict[str, Any]]],
    errors: list[tuple[int, str]],
) -> ImportOutcome:
    """Create or change rows from a read file, all or nothing (the manager only).

    A row whose 台帳番号 exists is changed (a new draft version when anything differs); one without is
    created. Departments named in the file are created when missing. When the file has errors nothing
    is written and the outcome lists them by line.
    """
    _require(actor.role == Role.MANAGER and actor.organisation_id == organisation.pk)
    outcome = ImportOutcome(errors=list(errors))
    numbers = [row.get("number") for _line, row in rows if row.get("number")]
    duplicates = {n for n in numbers if numbers.count(n) > 1}
    outcome.errors += [
        (line, f"台帳番号: {row['number']} twice") for line, row in rows if row.get("number") in duplicates
    ]
    if outcome.errors:
        outcome.errors.sort()
        return outcome
    departments = {d.name: d for d in Department.objects.filter(organisation=organisation)}
    for line, row in rows:
        fields = dict(row)
        number = fields.pop("number", "") or ""
        name = fields.pop("department")
        if name not in departments:
            departments[name] = Department.objects.create(organisation=organisation, name=name)
            log_action(
                departments[name],
                "core.department.created",
                actor=actor,
                data={"name": name, "by": "ledger import"},
            )
            outcome.departments.append(name)
        fields["department"] = departments[name]
        for key in NULLABLE_FIELDS:
            fields.setdefault(key, None)
        existing = (
            LedgerEntry.objects.filter(organisation=organisation, number=number).first() if number else None
        )
        try:
            if existing is None:
                entry = entry_create(
                    organisation=organisation, actor=actor, number=number, reason=_("Imported"), **fields
                )
                outcome.created.append(entry.number)
            elif entry_update(entry=existing, actor=actor, reason=_("Imported"), **fields):
                outcome.changed.append(existing.number)
            else:
                outcome.unchanged.append(existing.number)
        except ValidationError as exc:
            outcome.errors.append((line, "; ".join(exc.messages)))
    if outcome.errors:
        transaction.set_rollback(True)
        outcome.created, outcome.changed, outcome.unchanged, outcome.departments = [], [], [], []
    return outcome


def export_rows(entries: Iterable[LedgerEntry]) -> tuple[list[dict[str, Any]], list[list[str]]]:
    """Return the rows of ``entries`` for ``files.write_*`` and their workflow columns (状態, 版, 承認者, 承認日)."""
    rows, extras = [], []
    for entry in entries:
        row = {name: getattr(entry, name) for name in ("number", *CONTENT_FIELDS)}
        row["department"] = entry.department.name
        rows.append(row)
        approver = str(entry.approved_by) if entry.approved_by else ""
        approved = timezone.localtime(entry.approved_at).date().isoformat() if entry.approved_at else ""
        extras.append([str(entry.get_status_display()), str(entry.version), approver, approved])
    return rows, extras
