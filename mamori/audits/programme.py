"""Every write of the internal audit (内部監査, JIS Q 15001:2023 9.2 / 指針 J.6.2), audited.

The independence and coverage rules are the pure ones of :mod:`mamori.audits.rules` (the same as
``mamori audit check-programme``); people are passed to them by username, so that two employees who share
a display name stay two people.
"""

from __future__ import annotations

import datetime as dt
from itertools import cycle
from typing import Any

from django.db import transaction
from django.utils import timezone

from mamori.accounts.models import Role, User
from mamori.audits import catalogue, ledger_data, rules
from mamori.audits.models import Answer, Audit, AuditProgramme, ChecklistItem, Finding
from mamori.core.models import Department, Organisation
from mamori.core.services import log_action

SECRETARIAT = "PMS事務局"
LEAD_ROLE = "audit_lead"
MANAGER_ROLE = "privacy_manager"


class AuditError(ValueError):
    """A write the rules refuse; the message is shown to the user."""


def fiscal_year_start(fiscal_year: int) -> dt.date:
    """Return the first day of a Japanese fiscal year (April 1)."""
    return dt.date(fiscal_year, 4, 1)


def _unit(audit: Audit) -> str:
    return audit.department.name if audit.department_id else SECRETARIAT  # type: ignore[union-attr]


def _roles(user: User, lead_id: int | None) -> tuple[str, ...]:
    roles = [user.role]
    if user.pk == lead_id:
        roles.append(LEAD_ROLE)
    if user.role == Role.MANAGER:
        roles.append(MANAGER_ROLE)
    return tuple(roles)


def last_audited(organisation: Organisation, before_year: int) -> dict[str, dt.date | None]:
    """Return unit name → the date of its latest conducted audit in earlier programmes."""
    result: dict[str, dt.date | None] = {}
    audits = Audit.objects.filter(
        programme__organisation=organisation,
        programme__fiscal_year__lt=before_year,
        conducted_on__isnull=False,
    ).select_related("department")
    for audit in audits:
        unit = _unit(audit)
        known = result.get(unit)
        if known is None or (audit.conducted_on and audit.conducted_on > known):
            result[unit] = audit.conducted_on
    return result


def rules_programme(
    programme: AuditProgramme, *, today: dt.date, extra: tuple[rules.Assignment, ...] = ()
) -> rules.Programme:
    """Return the pure programme of ``programme`` (plus ``extra`` planned audits) for the rules."""
    org = programme.organisation
    users = User.objects.filter(organisation=org, is_active=True).select_related("department")
    managers = [u.username for u in users if u.role == Role.MANAGER]
    audits = programme.audits.select_related("department", "auditor")
    return rules.Programme(
        today=today,
        departments=tuple(Department.objects.filter(organisation=org).values_list("name", flat=True)),
        people=tuple(
            rules.Person(
                u.username, (u.department.name,) if u.department else (), _roles(u, programme.audit_lead_id)
            )
            for u in users
        ),
        assignments=tuple(rules.Assignment(_unit(a), (a.auditor.username,), a.planned_on) for a in audits)
        + extra,
        audit_lead=programme.audit_lead.username,
        privacy_manager=managers[0] if managers else None,
        last_audited=last_audited(org, programme.fiscal_year),
        secretariat=SECRETARIAT,
    )


def _day(programme: AuditProgramme, today: dt.date | None) -> dt.date:
    return today or max(timezone.localdate(), fiscal_year_start(programme.fiscal_year))


def programme_coverage(programme: AuditProgramme, *, today: dt.date | None = None) -> list[rules.Coverage]:
    """Return each unit's last audit, due date, planned audits and whether it is covered."""
    return rules.coverage(rules_programme(programme, today=_day(programme, today)))


def programme_findings(programme: AuditProgramme, *, today: dt.date | None = None) -> list[rules.Finding]:
    """Return the rules' findings on a programme (empty: it passes coverage and independence)."""
    return rules.check_programme(rules_programme(programme, today=_day(programme, today)))


@transaction.atomic
def programme_create(
    *, organisation: Organisation, fiscal_year: int, audit_lead: User, actor: Any
) -> AuditProgramme:
    """Create a year's programme; refuse a lead who is the 個人情報保護管理者 (JIS Q 15001 5.3)."""
    if audit_lead.organisation_id != organisation.pk:
        raise AuditError("the audit lead belongs to another organisation")
    if audit_lead.role == Role.MANAGER:
        raise AuditError("個人情報保護管理者は監査責任者を兼ねられません。")
    programme = AuditProgramme.objects.create(
        organisation=organisation, fiscal_year=fiscal_year, audit_lead=audit_lead
    )
    log_action(programme, "audits.programme.created", actor=actor, data={"fiscal_year": fiscal_year})
    return programme


@transaction.atomic
def audit_add(
    *,
    programme: AuditProgramme,
    department: Department | None,
    planned_on: dt.date,
    auditor: User,
    actor: Any,
) -> Audit:
    """Plan one audit; refuse a self-audit (an auditor of their own department) and an outsider."""
    if auditor.organisation_id != programme.organisation_id:
        raise AuditError("the auditor belongs to another organisation")
    if department is not None and department.organisation_id != programme.organisation_id:
        raise AuditError("the department belongs to another organisation")
    if programme.approved_on:
        raise AuditError("承認済みの監査計画は変更できません。")
    unit = department.name if department else SECRETARIAT
    extra = (rules.Assignment(unit, (auditor.username,), planned_on),)
    pure = rules_programme(programme, today=planned_on, extra=extra)
    selfs = [
        f
        for f in rules.check_programme(pure)
        if f.code == rules.Code.SELF_AUDIT and f.person == auditor.username and f.department == unit
    ]
    if selfs:
        raise AuditError(f"自己監査になります：{auditor} は {unit} の所属です。")
    audit = Audit.objects.create(
        programme=programme, department=department, planned_on=planned_on, auditor=auditor
    )
    log_action(
        programme,
        "audits.audit.planned",
        actor=actor,
        data={"audit": audit.pk, "unit": unit, "planned_on": planned_on.isoformat()},
    )
    return audit


def _candidates(programme: AuditProgramme) -> list[User]:
    """Return who may audit: the lead first, then department managers and employees (not the manager)."""
    users = User.objects.filter(organisation=programme.organisation, is_active=True).exclude(
        role__in=[Role.MANAGER, Role.EXECUTIVE]
    )
    ordered = sorted(
        users, key=lambda u: (u.pk != programme.audit_lead_id, u.role != Role.DEPARTMENT_MANAGER, u.pk)
    )
    return ordered


@transaction.atomic
def programme_generate(
    *, programme: AuditProgramme, actor: Any, first_on: dt.date | None = None
) -> list[Audit]:
    """Plan an audit of every department and the secretariat, a week apart, each by an outsider to it.

    Departments already in the programme are skipped. Auditors rotate over the lead and the other staff
    (never the 個人情報保護管理者 or top management); an auditor is never given their own department.
    """
    day = first_on or fiscal_year_start(programme.fiscal_year) + dt.timedelta(days=60)
    planned = {a.department_id for a in programme.audits.all()}
    units: list[Department | None] = [
        d for d in Department.objects.filter(organisation=programme.organisation) if d.pk not in planned
    ]
    if None not in planned:
        units.append(None)
    candidates = _candidates(programme)
    if not candidates:
        raise AuditError("監査員になれる利用者がいません。")
    rotation = cycle(candidates)
    created = []
    for unit in units:
        for _attempt in range(len(candidates)):
            auditor = next(rotation)
            if unit is None or auditor.department_id != unit.pk:
                break
        else:
            raise AuditError(f"{unit} を監査できる部署外の監査員がいません。")
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        created.append(
            audit_add(programme=programme, department=unit, planned_on=day, auditor=auditor, actor=actor)
        )
        day += dt.timedelta(days=7)
    return created


def _require_executive(actor: Any) -> None:
    if getattr(actor, "role", None) != Role.EXECUTIVE:
        raise AuditError("トップマネジメント（代表者）のみが承認できます。")


@transaction.atomic
def programme_approve(
    *, programme: AuditProgramme, actor: Any, today: dt.date | None = None
) -> AuditProgramme:
    """Record top management's approval of the plan; refused while the rules find anything."""
    _require_executive(actor)
    findings = programme_findings(programme, today=today)
    if findings:
        raise AuditError(
            "計画に問題があります："
            + ", ".join(f"{f.code} {f.department or f.person or ''}" for f in findings)
        )
    programme.approved_by, programme.approved_on = actor, today or timezone.localdate()
    programme.save(update_fields=["approved_by", "approved_on"])
    log_action(programme, "audits.programme.approved", actor=actor)
    return programme


@transaction.atomic
def report_approve(
    *, programme: AuditProgramme, actor: Any, summary: str, today: dt.date | None = None
) -> AuditProgramme:
    """Record top management's approval of the audit report once every audit was conducted."""
    _require_executive(actor)
    if programme.approved_on is None:
        raise AuditError("監査計画が承認されていません。")
    if programme.audits.filter(conducted_on__isnull=True).exists():
        raise AuditError("実施されていない監査があります。")
    programme.report_summary = summary
    programme.report_approved_by, programme.report_approved_on = actor, today or timezone.localdate()
    programme.save(update_fields=["report_summary", "report_approved_by", "report_approved_on"])
    log_action(programme, "audits.report.approved", actor=actor)
    return programme


def _operation_questions(audit: Audit) -> list[tuple[str, str, str]]:
    """Return (requirement, source, question) of the department's own data (運用状況)."""
    from mamori.audits.models import OperationTemplate
    from mamori.incidents.models import Incident

    questions: list[tuple[str, str, str]] = []
    if audit.department_id is None:
        return [
            ("J.6.1", "運用の確認", "各部署の運用の確認の結果が報告・集計されているか"),
            ("J.7.1", "是正処置", "未完了の是正処置の有効性レビューが予定どおり行われているか"),
            ("J.4.5.4", "内部規程", "内部規程の改訂が承認・周知されているか"),
        ]
    for template in OperationTemplate.objects.filter(department_id=audit.department_id):
        for text in template.items:
            questions.append(("J.9.2", f"運用の確認：{template.title}", f"{text}（記録を確認）"))
    questions += ledger_data.audit_questions(audit.department, audit.planned_on)  # type: ignore[arg-type]
    since = audit.planned_on - dt.timedelta(days=365)
    incidents = Incident.objects.filter(department_id=audit.department_id, known_on__gte=since).count()
    if incidents:
        questions.append(
            (
                "J.7.1",
                "事故等台帳",
                f"過去1年の事故等・ヒヤリハット {incidents} 件の再発防止策が実施されているか",
            )
        )
    return questions


@transaction.atomic
def checklist_build(*, audit: Audit, actor: Any) -> int:
    """Build the audit's checklist: conformity items from the catalogue, operation items from data."""
    if audit.items.exists():
        return 0
    order = 0
    rows: list[ChecklistItem] = []
    for req in catalogue.checkable():
        order += 1
        rows.append(
            ChecklistItem(
                audit=audit,
                order=order,
                kind=ChecklistItem.Kind.CONFORMITY,
                requirement=req.code,
                source="指針",
                question=req.check,
            )
        )
    for requirement, source, question in _operation_questions(audit):
        order += 1
        rows.append(
            ChecklistItem(
                audit=audit,
                order=order,
                kind=ChecklistItem.Kind.OPERATION,
                requirement=requirement,
                source=source,
                question=question,
            )
        )
    ChecklistItem.objects.bulk_create(rows)
    log_action(
        audit.programme, "audits.checklist.built", actor=actor, data={"audit": audit.pk, "items": len(rows)}
    )
    return len(rows)


@transaction.atomic
def item_answer(
    *, item: ChecklistItem, actor: Any, answer: str, comment: str = "", evidence: Any = None
) -> ChecklistItem:
    """Record the auditor's answer, comment and evidence file for one check item."""
    if answer not in Answer.values:
        raise AuditError("unknown answer")
    item.answer, item.comment, item.answered_at = answer, comment, timezone.now()
    fields = ["answer", "comment", "answered_at"]
    if evidence is not None:
        item.evidence = evidence
        fields.append("evidence")
    item.save(update_fields=fields)
    log_action(
        item.audit.programme, "audits.item.answered", actor=actor, data={"item": item.pk, "answer": answer}
    )
    return item


@transaction.atomic
def audit_conduct(*, audit: Audit, actor: Any, conducted_on: dt.date) -> Audit:
    """Mark the audit conducted once every check item is answered."""
    if audit.items.filter(answer="").exists():
        raise AuditError("未回答のチェック項目があります。")
    audit.conducted_on = conducted_on
    audit.save(update_fields=["conducted_on"])
    log_action(audit.programme, "audits.audit.conducted", actor=actor, data={"audit": audit.pk})
    return audit


@transaction.atomic
def finding_create(
    *,
    audit: Audit,
    actor: Any,
    grade: str,
    requirement: str,
    description: str,
    evidence: str = "",
    item: ChecklistItem | None = None,
) -> Finding:
    """Record a finding with its class, requirement and evidence."""
    if requirement not in catalogue.by_code():
        raise AuditError(f"unknown requirement {requirement}")
    finding = Finding.objects.create(
        audit=audit,
        item=item,
        grade=grade,
        requirement=requirement,
        description=description,
        evidence=evidence,
    )
    log_action(
        audit.programme, "audits.finding.recorded", actor=actor, data={"finding": finding.pk, "grade": grade}
    )
    return finding


@transaction.atomic
def finding_acknowledge(*, finding: Finding, actor: Any) -> Finding:
    """Record the auditee's acknowledgement (a member or manager of the audited department)."""
    dept = finding.audit.department_id
    if dept is not None and actor.department_id != dept and not actor.is_pms_manager:
        raise AuditError("被監査部署の方のみが確認できます。")
    finding.acknowledged_by, finding.acknowledged_at = actor, timezone.now()
    finding.save(update_fields=["acknowledged_by", "acknowledged_at"])
    log_action(
        finding.audit.programme, "audits.finding.acknowledged", actor=actor, data={"finding": finding.pk}
    )
    return finding
