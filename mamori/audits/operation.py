"""運用の確認 (JIS Q 15001:2023 9.1 / 指針 J.6.1): templates per department, runs per period, reminders.

Runs are created by the ``operation_checks`` periodic job for every period that has started, assigned to
the department manager, and reminded once a week from a week before the due date until done.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mamori.accounts.models import Role, User
from mamori.audits import ledger_data
from mamori.audits.models import OperationRun, OperationTemplate
from mamori.core import mail
from mamori.core.models import Department, Organisation
from mamori.core.services import log_action

DEFAULT_ITEMS = (
    "入退室記録が残され、定期的に確認されている",
    "クリアデスク・クリアスクリーンが守られている",
    "パスワードとアクセス権が見直され、退職者・異動者のアカウントが削除されている",
    "個人情報を取得したときの同意の記録が保管されている",
    "開示等の請求・問合せに期限内に回答している",
    "来訪者の受付と入館証の管理が行われている",
    "個人情報を含む書類・媒体が施錠保管され、廃棄の記録がある",
)
MAIL_REMINDER = "audits.operation_reminder"
MAIL_RESULT = "audits.operation_result"
DUE_AFTER_DAYS = 30
REMIND_BEFORE_DAYS = 7


def add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` moved by whole months (the 1st stays the 1st; used for period starts)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def periods(template: OperationTemplate, today: dt.date) -> list[dt.date]:
    """Return the start of every period of ``template`` that has started by ``today``."""
    starts = []
    start = template.first_period
    while start <= today:
        starts.append(start)
        start = add_months(start, max(template.frequency_months, 1))
    return starts


def department_manager(department: Department) -> User | None:
    """Return the department's manager (部門管理者), else None."""
    return (
        User.objects.filter(department=department, role=Role.DEPARTMENT_MANAGER, is_active=True)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def template_create(
    *,
    organisation: Organisation,
    department: Department,
    actor: Any,
    first_period: dt.date,
    title: str = "",
    frequency_months: int = 3,
    items: list[str] | None = None,
) -> OperationTemplate:
    """Create a department's 運用の確認 template (default: quarterly, the usual items)."""
    if department.organisation_id != organisation.pk:
        raise ValueError("the department belongs to another organisation")
    template = OperationTemplate.objects.create(
        organisation=organisation,
        department=department,
        title=title or f"{department.name} 運用の確認",
        frequency_months=frequency_months,
        items=list(items if items is not None else DEFAULT_ITEMS),
        first_period=first_period,
    )
    log_action(template, "audits.operation_template.created", actor=actor)
    return template


def data_items(department: Department, since: dt.date, until: dt.date) -> list[str]:
    """Return check items drawn from mamori's own records of the department for the last period.

    Training still open, mail-guard near misses (cancelled or rejected mail) and incidents: each becomes
    an item only when there is something to look at.
    """
    from mamori.incidents.models import Incident
    from mamori.mailguard.models import HeldMessage, State
    from mamori.training.models import Assignment

    items = []
    open_training = Assignment.objects.filter(
        department=department, passed_at__isnull=True, due_date__lte=until
    ).count()
    if open_training:
        items.append(f"教育の未修了 {open_training} 件（期限到来分）の受講を督促した")
    near = HeldMessage.objects.filter(
        department=department,
        state__in=[State.CANCELLED, State.REJECTED],
        created_at__date__range=(since, until),
    ).count()
    if near:
        items.append(f"メールガードのヒヤリハット {near} 件の原因を部署内で共有した")
    incidents = Incident.objects.filter(department=department, known_on__range=(since, until)).count()
    if incidents:
        items.append(f"前期間の事故等・ヒヤリハット {incidents} 件の再発防止策を実施している")
    return items + ledger_data.operation_items(department, since, until)


def runs_schedule(today: dt.date | None = None) -> int:
    """Create the runs of every started period that has none yet; return how many were created.

    A run freezes its items when created: the template's items plus those drawn from the records of
    the period before it.
    """
    day = today or timezone.localdate()
    created = 0
    for template in OperationTemplate.objects.select_related("department"):
        assignee = department_manager(template.department)
        months = max(template.frequency_months, 1)
        for start in periods(template, day):
            if OperationRun.objects.filter(template=template, period_start=start).exists():
                continue
            since = add_months(start, -months)
            items = list(template.items) + data_items(
                template.department, since, start - dt.timedelta(days=1)
            )
            OperationRun.objects.create(
                template=template,
                period_start=start,
                due_on=start + dt.timedelta(days=DUE_AFTER_DAYS),
                assignee=assignee,
                items=items,
            )
            created += 1
    return created


def _remind(run: OperationRun) -> bool:
    """Queue one reminder to the run's assignee (the title, the due date and a link only)."""
    if run.assignee is None or not run.assignee.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[mamori] Operation check due: %(title)s") % {"title": run.template.title}
        body = _("Please carry out this operation check by %(due)s.\n\nOpen it here: %(url)s\n") % {
            "due": run.due_on.isoformat(),
            "url": settings.SITE_URL + reverse("audits:operation_run", args=[run.pk]),
        }
    mail.queue(
        kind=MAIL_REMINDER,
        to=run.assignee.email,
        subject=subject,
        body=body,
        about=run.template,
        page=reverse("audits:operation_run", args=[run.pk]),
    )
    return True


def reminders_send(today: dt.date | None = None) -> int:
    """Mail the assignee of every open run due within a week or overdue, at most once a week."""
    day = today or timezone.localdate()
    sent = 0
    runs = OperationRun.objects.filter(
        completed_on__isnull=True, due_on__lte=day + dt.timedelta(days=REMIND_BEFORE_DAYS)
    ).select_related("template", "assignee")
    for run in runs:
        if run.reminded_on and run.reminded_on > day - dt.timedelta(days=7):
            continue
        with transaction.atomic():
            if _remind(run):
                OperationRun.objects.filter(pk=run.pk).update(reminded_on=day)
                sent += 1
    return sent


def periodic_job() -> str:
    """Create due 運用の確認 runs and remind their assignees (the ``operation_checks`` job)."""
    created = runs_schedule()
    sent = reminders_send()
    return f"{created} operation checks created, {sent} reminders sent"


@transaction.atomic
def run_complete(
    *, run: OperationRun, actor: Any, answers: list[dict[str, str]], completed_on: dt.date
) -> OperationRun:
    """Record the results of a run (one answer per item), mark it done and tell the privacy manager."""
    if len(answers) != len(run.items):
        raise ValueError("one answer per item is needed")
    run.answers, run.completed_on = answers, completed_on
    run.save(update_fields=["answers", "completed_on"])
    failed = sum(1 for a in answers if a.get("answer") == "no")
    log_action(
        run.template, "audits.operation_run.completed", actor=actor, data={"run": run.pk, "failed": failed}
    )
    _report(run, failed)
    return run


def _report(run: OperationRun, failed: int) -> None:
    """Queue the results' summary (counts only) to the organisation's privacy managers."""
    managers = User.objects.filter(
        organisation_id=run.template.organisation_id, role=Role.MANAGER, is_active=True
    ).exclude(email="")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[mamori] Operation check done: %(title)s") % {"title": run.template.title}
        body = _("%(failed)s of %(total)s items were not met.\n\nOpen it here: %(url)s\n") % {
            "failed": failed,
            "total": len(run.items),
            "url": settings.SITE_URL + reverse("audits:operation_run", args=[run.pk]),
        }
    for manager in managers:
        mail.queue(kind=MAIL_RESULT, to=manager.email, subject=subject, body=body, about=run.template)


def _counts(runs: list[OperationRun]) -> dict[str, int]:
    done = [r for r in runs if r.completed_on]
    return {
        "due": len(runs),
        "done": len(done),
        "items_not_met": sum(1 for r in done for a in r.answers if a.get("answer") == "no"),
    }


def yearly_summary(organisation: Organisation, start: dt.date, end: dt.date) -> dict[str, int]:
    """Return the counts of runs due, done and items answered "no" in a period."""
    return _counts(
        list(OperationRun.objects.filter(template__organisation=organisation, due_on__range=(start, end)))
    )


def summary_by_department(
    organisation: Organisation, start: dt.date, end: dt.date
) -> list[tuple[str, dict[str, int]]]:
    """Return the yearly summary per department (in name order) for the manager's overview."""
    runs = OperationRun.objects.filter(
        template__organisation=organisation, due_on__range=(start, end)
    ).select_related("template__department")
    by_department: dict[str, list[OperationRun]] = {}
    for run in runs:
        by_department.setdefault(run.template.department.name, []).append(run)
    return [(name, _counts(group)) for name, group in sorted(by_department.items())]
