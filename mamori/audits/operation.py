"""運用の確認 (JIS Q 15001:2023 9.1 / 指針 J.6.1): templates per department, runs per period, reminders.

Runs are created by the ``operation_checks`` periodic job for every period that has started, assigned to
the department manager, and reminded once a week from a week before the due date until done.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mamori.accounts.models import Role, User
from mamori.audits.models import OperationRun, OperationTemplate
from mamori.core.models import Department, Organisation
from mamori.core.services import log_action

log = logging.getLogger(__name__)

DEFAULT_ITEMS = (
    "入退室記録が残され、定期的に確認されている",
    "クリアデスク・クリアスクリーンが守られている",
    "パスワードとアクセス権が見直され、退職者・異動者のアカウントが削除されている",
    "個人情報を取得したときの同意の記録が保管されている",
    "開示等の請求・問合せに期限内に回答している",
    "来訪者の受付と入館証の管理が行われている",
    "個人情報を含む書類・媒体が施錠保管され、廃棄の記録がある",
)
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


def runs_schedule(today: dt.date | None = None) -> int:
    """Create the runs of every started period that has none yet; return how many were created."""
    day = today or timezone.localdate()
    created = 0
    for template in OperationTemplate.objects.select_related("department"):
        assignee = department_manager(template.department)
        for start in periods(template, day):
            _run, new = OperationRun.objects.get_or_create(
                template=template,
                period_start=start,
                defaults={"due_on": start + dt.timedelta(days=DUE_AFTER_DAYS), "assignee": assignee},
            )
            created += new
    return created


def _remind(run: OperationRun) -> bool:
    if run.assignee is None or not run.assignee.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[mamori] Operation check due: %(title)s") % {"title": run.template.title}
        body = _("Please carry out this operation check by %(due)s.\n\nOpen it here: %(url)s\n") % {
            "due": run.due_on.isoformat(),
            "url": settings.SITE_URL + reverse("audits:operation_run", args=[run.pk]),
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [run.assignee.email])
    except OSError as exc:
        log.error("operation check reminder %s failed: %s", run.pk, exc.__class__.__name__)
        return False
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
    """Record the results of a run (one answer per template item) and mark it done."""
    if len(answers) != len(run.template.items):
        raise ValueError("one answer per item is needed")
    run.answers, run.completed_on = answers, completed_on
    run.save(update_fields=["answers", "completed_on"])
    failed = sum(1 for a in answers if a.get("answer") == "no")
    log_action(
        run.template, "audits.operation_run.completed", actor=actor, data={"run": run.pk, "failed": failed}
    )
    return run


def yearly_summary(organisation: Organisation, start: dt.date, end: dt.date) -> dict[str, int]:
    """Return the counts of runs due, done and items answered "no" in a period."""
    runs = OperationRun.objects.filter(template__organisation=organisation, due_on__range=(start, end))
    done = [r for r in runs if r.completed_on]
    return {
        "due": runs.count(),
        "done": len(done),
        "items_not_met": sum(1 for r in done for a in r.answers if a.get("answer") == "no"),
    }
