"""What the reminder job reads: the incidents to watch, their due reminders and who gets them.

Reminders for a report stop once it is filed: which deadlines are met comes from the register's hook
``incidents.filings.filed_deadline_kinds`` (the reports app fills it), the same answer that
``Incident.next_deadline`` uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext

from mamori.accounts.models import Role, User
from mamori.incidents.determination import latest_outcome
from mamori.incidents.filings import filed_deadline_kinds
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import Status
from mamori.response import rules
from mamori.response.models import ResponseTask

# A reminder stage falls at most 7 days before a deadline (確報), moved earlier over holidays (12/29-1/3,
# Golden Week): an incident whose nearest pending deadline is further away has none due today.
LOOKAHEAD = dt.timedelta(days=21)


def incidents_to_remind(today: dt.date | None = None) -> QuerySet[Incident]:
    """Return the open accidents (never near misses) that may have a reminder due ``today``.

    Filtered in SQL: a pending deadline within the look-ahead (``next_deadline`` leaves out deadlines
    already met) or an open task past its due date. Deadlines come from the latest determination.
    """
    qs = Incident.objects.filter(is_near_miss=False).exclude(status=Status.CLOSED).order_by("pk")
    if today is None:
        return qs
    late_task = ResponseTask.objects.filter(incident=OuterRef("pk"), done_at__isnull=True, due_on__lt=today)
    return qs.filter(Q(next_deadline__lte=today + LOOKAHEAD) | Q(Exists(late_task)))


def deadlines_of(incident: Incident) -> list[tuple[str, dt.date]]:
    """Return the (code, date) deadlines of the incident's latest determination."""
    outcome = latest_outcome(incident)
    return [] if outcome is None else [(d.code, d.due_on) for d in outcome.deadlines]


def managers_of(incident: Incident) -> list[str]:
    """Return the addresses of the organisation's active managers (个人情報保護管理者)."""
    return list(
        User.objects.filter(organisation_id=incident.organisation_id, role=Role.MANAGER, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )


def due_for_incident(
    incident: Incident, today: dt.date, managers_cache: dict[int, list[str]] | None = None
) -> list[tuple[list[str], list[rules.Reminder]]]:
    """Return the reminders due today for one incident, grouped by their recipients.

    Deadlines go to the managers; an overdue task goes to its owner, or to the managers when it has none.
    ``managers_cache`` keeps each organisation's managers across the incidents of one run.
    """
    cache = {} if managers_cache is None else managers_cache
    if incident.organisation_id not in cache:
        cache[incident.organisation_id] = managers_of(incident)
    managers = cache[incident.organisation_id]
    groups: dict[tuple[str, ...], list[rules.Reminder]] = {}
    due = rules.deadline_reminders(today, deadlines_of(incident), filed_deadline_kinds(incident))
    if due and managers:
        groups[tuple(managers)] = due
    tasks = list(incident.response_tasks.select_related("owner"))
    owners = {t.pk: t.owner for t in tasks}
    for reminder in rules.task_reminders(today, [(t.pk, t.due_on, t.is_done) for t in tasks]):
        owner = owners[reminder.task_id or 0]
        to = [owner.email] if owner is not None and owner.is_active and owner.email else managers
        if to:
            groups.setdefault(tuple(to), []).append(reminder)
    return [(list(to), items) for to, items in groups.items()]


def task_titles(reminders: Iterable[rules.Reminder]) -> dict[int, str]:
    """Return the mail text of each task: the template title, or only its phase for hand-written tasks.

    A hand-written title may name people; a mail never carries that.
    """
    ids = [r.task_id for r in reminders if r.task_id]
    titles = {}
    for task in ResponseTask.objects.filter(pk__in=ids):
        titles[task.pk] = gettext(task.title) if task.key else str(task.get_phase_display())
    return titles
