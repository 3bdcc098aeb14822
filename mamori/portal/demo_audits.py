"""Demo data of check and act: last year's audit done, this year's planned, 運用の確認 runs, a review."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mamori.accounts.models import User
from mamori.audits import operation, review
from mamori.audits import programme as audits
from mamori.audits import services as actions
from mamori.audits.models import (
    Answer,
    AuditProgramme,
    Grade,
    ManagementReview,
    OperationRun,
    OperationTemplate,
)
from mamori.core.models import Department, Organisation


def fiscal_year(day: dt.date) -> int:
    """Return the Japanese fiscal year (April to March) of ``day``."""
    return day.year if day.month >= 4 else day.year - 1


def load(org: Organisation, users: dict[str, User]) -> bool:
    """Load the audit demo once; return False when the organisation already has a programme."""
    if AuditProgramme.objects.filter(organisation=org).exists():
        return False
    today = timezone.localdate()
    this_year = fiscal_year(today)
    last = _last_year(org, users, this_year - 1, today)
    _this_year(org, users, this_year, today)
    _operation_checks(org, users, audits.fiscal_year_start(this_year - 1), today)
    _review(org, users, last)
    return True


def _conduct_all(programme: AuditProgramme, users: dict[str, User]) -> None:
    for audit in programme.audits.select_related("department", "auditor"):
        audits.checklist_build(audit=audit, actor=audit.auditor)
        for item in audit.items.all():
            audits.item_answer(item=item, actor=audit.auditor, answer=Answer.YES, comment="記録を確認")
        audits.audit_conduct(audit=audit, actor=audit.auditor, conducted_on=audit.planned_on)


def _last_year(org: Organisation, users: dict[str, User], year: int, today: dt.date) -> AuditProgramme:
    """Plan, conduct and approve last fiscal year's audits, with one corrected nonconformity."""
    end = audits.fiscal_year_start(year + 1) - dt.timedelta(days=1)
    first = min(today - dt.timedelta(days=330), end - dt.timedelta(days=40))
    programme = audits.programme_create(
        organisation=org, fiscal_year=year, audit_lead=users["auditor"], actor=users["auditor"]
    )
    audits.programme_generate(programme=programme, actor=users["auditor"], first_on=first)
    audits.programme_approve(
        programme=programme, actor=users["executive"], today=first - dt.timedelta(days=20)
    )
    _conduct_all(programme, users)
    sales = programme.audits.filter(department__name="営業部").first() or programme.audits.first()
    assert sales is not None
    finding = audits.finding_create(
        audit=sales,
        actor=sales.auditor,
        grade=Grade.MINOR,
        requirement="J.9.2",
        description="退職者の入館カードが1枚回収されていなかった",
        evidence="入館カード管理台帳（デモ）",
    )
    audits.finding_acknowledge(finding=finding, actor=users["depmgr"])
    audits.finding_create(
        audit=sales,
        actor=sales.auditor,
        grade=Grade.GOOD,
        requirement="J.4.3",
        description="朝礼で毎週、誤送信防止の注意喚起をしている",
    )
    done = sales.planned_on + dt.timedelta(days=14)
    ca = actions.corrective_action_create(
        actor=users["manager"],
        finding=finding,
        title="退職時の入館カード回収漏れ",
        correction="未回収のカードを無効化し回収した",
        cause_analysis="退職手続のチェックリストに入館カードの回収がなかった",
        action="退職手続チェックリストに入館カード回収と無効化を追加した",
        owner=users["manager"],
        due_on=done,
        review_due_on=done + dt.timedelta(days=30),
    )
    actions.corrective_action_complete(ca=ca, actor=users["manager"], completed_on=done)
    actions.corrective_action_review(
        ca=ca,
        actor=users["manager"],
        reviewed_on=done + dt.timedelta(days=30),
        effective=True,
        note="その後の退職者3名のカードはすべて当日回収された",
    )
    actions.corrective_action_close(ca=ca, actor=users["manager"], closed_on=done + dt.timedelta(days=30))
    audits.report_approve(
        programme=programme,
        actor=users["executive"],
        today=min(end, today),
        summary="全部署と事務局で監査を実施。軽微な不適合1件は是正済み、有効性を確認した。",
    )
    return programme


def _this_year(org: Organisation, users: dict[str, User], year: int, today: dt.date) -> None:
    """Plan this fiscal year's audits from two weeks ahead; approve when the plan passes."""
    programme = audits.programme_create(
        organisation=org, fiscal_year=year, audit_lead=users["auditor"], actor=users["auditor"]
    )
    audits.programme_generate(
        programme=programme, actor=users["auditor"], first_on=today + dt.timedelta(days=14)
    )
    if not audits.programme_findings(programme, today=today):
        audits.programme_approve(programme=programme, actor=users["executive"], today=today)


def _operation_checks(org: Organisation, users: dict[str, User], start: dt.date, today: dt.date) -> None:
    """A quarterly 運用の確認 for 営業部 since last fiscal year; the past quarters are done."""
    sales = Department.objects.get(organisation=org, name="営業部")
    if OperationTemplate.objects.filter(department=sales).exists():
        return
    template = operation.template_create(
        organisation=org, department=sales, actor=users["manager"], first_period=start
    )
    operation.runs_schedule(today)
    for run in OperationRun.objects.filter(template=template, due_on__lt=today):
        answers = [{"item": text, "answer": "yes", "comment": ""} for text in run.items]
        operation.run_complete(
            run=run, actor=users["depmgr"], answers=answers, completed_on=run.due_on - dt.timedelta(days=3)
        )


def _review(org: Organisation, users: dict[str, User], last: AuditProgramme) -> None:
    """Last fiscal year's management review, decided and approved."""
    if ManagementReview.objects.filter(organisation=org).exists():
        return
    start = audits.fiscal_year_start(last.fiscal_year)
    end = audits.fiscal_year_start(last.fiscal_year + 1) - dt.timedelta(days=1)
    pack = review.review_create(organisation=org, period_start=start, period_end=end, actor=users["manager"])
    for item in pack.inputs.all():
        if item.code == "law_changes":
            review.review_decide(
                review_input=item,
                actor=users["executive"],
                not_applicable=True,
                reason="期間中に対応が必要な改正なし（デモ）",
            )
        else:
            review.review_decide(
                review_input=item, actor=users["executive"], decision="現状の取組みを継続する"
            )
    audit_input = pack.inputs.get(code="audit_results")
    review.review_decide(
        review_input=audit_input, actor=users["executive"], decision="退職手続の見直しを全部署に展開する"
    )
    review.review_action_add(
        review_input=audit_input,
        actor=users["executive"],
        description="全部署の退職手続チェックリストを改訂する",
        owner=users["manager"],
        due_on=end + dt.timedelta(days=60),
    )
    review.review_approve(
        review=pack, actor=users["executive"], held_on=min(end + dt.timedelta(days=30), timezone.localdate())
    )
