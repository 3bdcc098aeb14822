"""Permission-scoped reads of the ledger, and the rows as the pure rules see them.

Who reads what: the 個人情報保護管理者, the audit lead and top management read the whole ledger; a
department manager reads (and edits) the department's rows; other employees read nothing (the ledger
says where personal data is kept and who may access it, which is itself worth protecting).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.ledger import matching, notice, rules
from mamori.ledger.catalogue import catalogue
from mamori.ledger.models import EntryStatus, LedgerEntry, NoticePublication, NoticeSettings, Risk
from mamori.ledger.services import approval_hash
from mamori.scans import services as scan_services


def can_read_ledger(user: Any) -> bool:
    """Return whether ``user`` reads any part of the ledger."""
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return False
    return bool(user.sees_whole_organisation or user.role == Role.DEPARTMENT_MANAGER)


def entries_for_user(user: Any) -> QuerySet[LedgerEntry]:
    """Return the ledger rows ``user`` may read (see the module docstring)."""
    if not can_read_ledger(user):
        return LedgerEntry.objects.none()
    qs = LedgerEntry.objects.filter(organisation_id=user.organisation_id).select_related("department")
    if user.sees_whole_organisation:
        return qs
    return qs.filter(department_id=user.department_id)


def get_entry_for_user(user: Any, pk: Any) -> LedgerEntry:
    """Return one row ``user`` may read, or raise 404 (also for other organisations' rows)."""
    try:
        return entries_for_user(user).get(pk=pk)
    except (LedgerEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("No such ledger row") from None


def get_risk_for_user(user: Any, pk: Any) -> Risk:
    """Return one risk of a row ``user`` may read, or raise 404."""
    try:
        return Risk.objects.select_related("entry").get(pk=pk, entry__in=entries_for_user(user))
    except (Risk.DoesNotExist, ValueError, TypeError):
        raise Http404("No such risk") from None


def risks_approval_valid(entry: LedgerEntry) -> bool:
    """Return whether top management's approval still matches the row and its risks."""
    return bool(entry.risks_approved_hash) and entry.risks_approved_hash == approval_hash(entry)


def latest_publication(organisation_id: int) -> NoticePublication | None:
    """Return the organisation's last published notice, or None."""
    return NoticePublication.objects.filter(organisation_id=organisation_id).first()


def notice_settings(organisation_id: int) -> NoticeSettings | None:
    """Return the organisation's notice facts, or None before they are entered."""
    return NoticeSettings.objects.filter(organisation_id=organisation_id).first()


def is_published(entry: LedgerEntry, publication: NoticePublication | None) -> bool:
    """Return whether the last published notice lists the row with its current purpose."""
    if publication is None:
        return False
    return publication.purposes.get(str(entry.pk)) == entry.purpose


def _text_or_none(value: str) -> str | None:
    return value if value else None


def as_rules_row(entry: LedgerEntry, publication: NoticePublication | None) -> rules.Row:
    """Return the row as the pure checks see it (blank columns are "not recorded")."""
    risks = tuple(
        rules.Risk(
            phase=r.phase,
            media=r.media,
            kind=r.kind,
            residual=r.residual,
            residual_approved=r.residual and risks_approval_valid(entry),
        )
        for r in entry.risks.all()
    )
    joint = rules.JointUse(
        items=entry.joint_use_items or None,
        scope=entry.joint_use_scope or None,
        purpose=entry.joint_use_purpose or None,
        responsible=entry.joint_use_responsible or None,
    )
    return rules.Row(
        id=entry.number,
        department=entry.department.name,
        name=entry.name,
        items=tuple(entry.items),
        special_care=entry.special_care,
        special_care_consent=entry.special_care_consent,
        special_care_exception=_text_or_none(entry.special_care_exception),
        my_number=entry.my_number,
        count=entry.count,
        media=_text_or_none(entry.media),
        acquisition=_text_or_none(entry.acquisition),
        purpose=entry.purpose if entry.purpose else None,
        encrypted=entry.encrypted,
        contractors=tuple(entry.contractors),
        provision=_text_or_none(entry.provision),
        joint_use=joint,
        foreign=rules.Foreign(
            country=_text_or_none(entry.foreign_country), basis=_text_or_none(entry.foreign_basis)
        ),
        retained=entry.retained,
        published=is_published(entry, publication),
        last_reviewed=entry.last_reviewed,
        risks=risks,
    )


@dataclass(frozen=True)
class CheckedEntry:
    """A row with its findings, for lists and the detail page."""

    entry: LedgerEntry
    findings: list[rules.Finding]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == rules.ERROR)


def checked(entries: Iterable[LedgerEntry], today: dt.date | None = None) -> list[CheckedEntry]:
    """Return ``entries`` with the findings of the pure checks."""
    entries = list(entries)
    if not entries:
        return []
    publication = latest_publication(entries[0].organisation_id)
    today = today or timezone.localdate()
    return [CheckedEntry(e, rules.check_row(as_rules_row(e, publication), today)) for e in entries]


def organisation_findings(user: Any) -> list[rules.Finding]:
    """Return the organisation-wide findings over every row (counted for the whole organisation)."""
    if not can_read_ledger(user):
        return []
    rows = LedgerEntry.objects.filter(organisation_id=user.organisation_id).exclude(
        status=EntryStatus.RETIRED
    )
    return rules.check_organisation(rules.Row(id=e.pk, count=e.count) for e in rows)


def risk_order(risk: Risk) -> tuple[int, str, int]:
    """Return the sort key of a risk: lifecycle phase (取得 → 廃棄, then 委託, 提供), media, creation."""
    return (rules.PHASES.index(risk.phase) if risk.phase in rules.PHASES else 99, risk.media, risk.pk or 0)


def with_risks(qs: QuerySet[LedgerEntry]) -> QuerySet[LedgerEntry]:
    """Return ``qs`` with the risks prefetched in a stable order."""
    return qs.prefetch_related(Prefetch("risks", queryset=Risk.objects.order_by("phase", "media", "id")))


def review_overdue(user: Any, today: dt.date | None = None) -> list[LedgerEntry]:
    """Return the rows ``user`` reads whose last review is missing or older than 365 days."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=rules.REVIEW_INTERVAL_DAYS)
    qs = entries_for_user(user).exclude(status=EntryStatus.RETIRED)
    return [e for e in qs if e.last_reviewed is None or e.last_reviewed < limit]


def notice_facts(organisation_id: int, settings_obj: NoticeSettings | None) -> notice.Facts:
    """Return the notice's facts: the settings, and the purposes of every retained row."""
    entries = (
        LedgerEntry.objects.filter(organisation_id=organisation_id, retained=True)
        .exclude(status=EntryStatus.RETIRED)
        .order_by("number")
    )
    purposes = tuple(
        notice.Purpose(entry_id=e.pk, subjects="・".join(e.subjects), name=e.name, purpose=e.purpose)
        for e in entries
    )
    joint_uses = tuple(
        notice.JointUse(
            name=e.name,
            items=e.joint_use_items,
            scope=e.joint_use_scope,
            purpose=e.joint_use_purpose,
            responsible=e.joint_use_responsible,
        )
        for e in LedgerEntry.objects.filter(organisation_id=organisation_id, provision="joint_use").order_by(
            "number"
        )
    )
    s = settings_obj
    return notice.Facts(
        business_name=s.business_name if s else "",
        address=s.address if s else "",
        representative=s.representative if s else "",
        request_procedure=s.request_procedure if s else "",
        request_fee=s.request_fee if s else "",
        safety_measures=s.safety_measures if s else "",
        complaints_desk=s.complaints_desk if s else "",
        accredited_body=s.accredited_body if s else "",
        purposes=purposes,
        joint_uses=joint_uses,
        as_of=timezone.localdate(),
    )


def matrix(entries: Iterable[LedgerEntry]) -> list[list[list[Risk]]]:
    """Return the risks of ``entries`` in a grid: rows impact 3 → 1, columns likelihood 1 → 3."""
    grid: list[list[list[Risk]]] = [[[] for _l in range(3)] for _i in range(3)]
    for entry in entries:
        for risk in entry.risks.all():
            grid[3 - risk.impact][risk.likelihood - 1].append(risk)
    return grid


def risk_rows(entries: Iterable[LedgerEntry]) -> list[dict[str, Any]]:
    """Return one plain row per risk for the matrix table and the auditor's Excel export."""
    controls = catalogue()
    rows = []
    for entry in entries:
        approved = risks_approval_valid(entry)
        for risk in sorted(entry.risks.all(), key=risk_order):
            rows.append(
                {
                    "entry": entry,
                    "risk": risk,
                    "number": entry.number,
                    "department": entry.department.name,
                    "name": entry.name,
                    "phase": str(risk.get_phase_display()),
                    "media": str(risk.get_media_display()),
                    "kind": str(risk.get_kind_display()),
                    "threat": risk.threat,
                    "vulnerability": risk.vulnerability,
                    "likelihood": risk.likelihood,
                    "impact": risk.impact,
                    "value": risk.value,
                    "controls": "\n".join(controls.labels(risk.controls)),
                    "treatment": str(risk.get_treatment_display()),
                    "treatment_plan": risk.treatment_plan,
                    "residual": risk.residual,
                    "residual_value": risk.residual_value,
                    "residual_owner": risk.residual_owner,
                    "due_on": risk.due_on,
                    "approved_by": str(entry.risks_approved_by)
                    if approved and entry.risks_approved_by
                    else "",
                    "approved_on": timezone.localtime(entry.risks_approved_at).date()
                    if approved and entry.risks_approved_at
                    else None,
                }
            )
    return rows


@dataclass(frozen=True)
class IncidentPrefill:
    """What the ledger rows involved in an incident say about its facts (the manager confirms them)."""

    items: tuple[str, ...]
    special_care: bool | None
    my_number: bool | None
    encrypted: bool | None
    persons: int | None
    media: str


def _any_true(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    return False if values and all(v is False for v in values) else None


def incident_prefill(entries: Iterable[LedgerEntry]) -> IncidentPrefill:
    """Return the facts the rows suggest: their items, 要配慮, My Number, encryption, persons and media.

    Special care and My Number are true if any row holds them (by flag or by its items); encryption is
    true only if every row is encrypted; the persons are the sum of the counts (an upper bound: a person
    may be in several rows), unknown if any count is.
    """
    entries = list(entries)
    items: list[str] = []
    for entry in entries:
        items += [rules.canonical_item(i) for i in entry.items if rules.canonical_item(i) not in items]
    special = [True if rules.special_care_items(e.items) else e.special_care for e in entries]
    my_number = [
        True if rules.MY_NUMBER_ITEM in map(rules.canonical_item, e.items) else e.my_number for e in entries
    ]
    encrypted: bool | None = None
    if entries and all(e.encrypted is True for e in entries):
        encrypted = True
    elif any(e.encrypted is False for e in entries):
        encrypted = False
    counts = [e.count for e in entries]
    media = {e.media for e in entries if e.media}
    return IncidentPrefill(
        items=tuple(items),
        special_care=_any_true(special),
        my_number=_any_true(my_number),
        encrypted=encrypted,
        persons=sum(c for c in counts if c is not None) if entries and None not in counts else None,
        media=media.pop() if len(media) == 1 else ("both" if media else ""),
    )


def uploaded_scan_locations(user: Any) -> list[matching.Location]:
    """Return the folders with personal data of every machine's latest uploaded scan (``mamori.scans``).

    Only for readers of the whole organisation: the folder paths of every machine are not a department's.
    """
    if not (can_read_ledger(user) and user.sees_whole_organisation):
        return []
    return [
        matching.Location(run.machine.name, folder.path, folder.persons, folder.counts)
        for run in scan_services.latest_runs(user.organisation)
        for folder in run.folders.all()
    ]
