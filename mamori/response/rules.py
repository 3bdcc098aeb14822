"""Response checklists and the reminder calendar, as pure data and pure functions (no ORM, no request).

Checklist templates follow the usual order of a breach response (PPC「漏えい等事案が発生した場合等の対応」,
JIS Q 15001 A.3.3.7 緊急事態への準備): stop the spread, establish the facts, scope the affected persons,
decide on notice and announcement, report, prevent recurrence. Task titles are English msgids (translated
when shown); due days count the day the business knew as day 1, like the statutory deadlines.

Reminders are sent on working days only (the administrative calendar of ``mamori.jpcalendar``: weekends,
national holidays, 12/29-1/3). A reminder whose day falls on a holiday is sent on the working day before
it, so that the warning reaches people while they can still act; overdue reminders go out every working
day after the date. The statutory dates themselves already carry their holiday roll-over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from mamori.incidents.rules import gettext_noop
from mamori.jpcalendar import is_administrative_holiday, nth_day, working_day_on_or_before

# --- Checklist templates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskTemplate:
    """Describe one template task: a stable key, its phase, an English msgid and its due day (day 1 = known)."""

    key: str
    phase: str
    title: str
    due_day: int


@dataclass(frozen=True)
class TaskSpec:
    """Hold one task of a checklist made for a particular incident."""

    order: int
    key: str
    phase: str
    title: str
    due_on: date


PHASES = ("contain", "facts", "scope", "notice", "report", "prevent")

CONTAIN: Mapping[str, tuple[TaskTemplate, ...]] = {
    "missent": (
        TaskTemplate(
            "contain.ask_delete",
            "contain",
            gettext_noop("Ask the wrong recipient to delete the mail and confirm the deletion in writing"),
            1,
        ),
        TaskTemplate(
            "contain.recall",
            "contain",
            gettext_noop("Check whether the mail was forwarded or opened; recall it where the system allows"),
            1,
        ),
    ),
    "misdelivery": (
        TaskTemplate(
            "contain.retrieve",
            "contain",
            gettext_noop(
                "Retrieve the document from the wrong recipient, or ask for its return or destruction"
            ),
            1,
        ),
    ),
    "loss": (
        TaskTemplate(
            "contain.search",
            "contain",
            gettext_noop("Search the places where the medium was last used and ask the places visited"),
            1,
        ),
        TaskTemplate(
            "contain.police",
            "contain",
            gettext_noop("Report the loss to the police (遺失届) and note the receipt number"),
            1,
        ),
        TaskTemplate(
            "contain.remote_lock",
            "contain",
            gettext_noop("Lock or wipe the device remotely and change the passwords stored on it"),
            1,
        ),
    ),
    "theft": (
        TaskTemplate(
            "contain.police",
            "contain",
            gettext_noop("Report the theft to the police (被害届) and note the receipt number"),
            1,
        ),
        TaskTemplate(
            "contain.remote_lock",
            "contain",
            gettext_noop("Lock or wipe the device remotely and change the passwords stored on it"),
            1,
        ),
    ),
    "unauthorized_access": (
        TaskTemplate(
            "contain.isolate",
            "contain",
            gettext_noop("Isolate the affected systems from the network"),
            1,
        ),
        TaskTemplate(
            "contain.passwords",
            "contain",
            gettext_noop("Change the passwords, revoke sessions and API keys of the affected accounts"),
            1,
        ),
        TaskTemplate(
            "contain.evidence",
            "contain",
            gettext_noop("Preserve logs and evidence before anything is restored"),
            1,
        ),
        TaskTemplate(
            "contain.expert",
            "contain",
            gettext_noop("Ask the IT lead or a forensic expert to investigate"),
            2,
        ),
    ),
    "malware": (
        TaskTemplate(
            "contain.disconnect",
            "contain",
            gettext_noop("Disconnect the infected PC from the network (do not switch it off)"),
            1,
        ),
        TaskTemplate(
            "contain.scan_others",
            "contain",
            gettext_noop("Scan the other PCs and servers for the same malware"),
            1,
        ),
        TaskTemplate(
            "contain.passwords",
            "contain",
            gettext_noop("Change the passwords used on the infected PC"),
            1,
        ),
        TaskTemplate(
            "contain.evidence",
            "contain",
            gettext_noop("Preserve logs and evidence before anything is restored"),
            1,
        ),
    ),
    "insider": (
        TaskTemplate(
            "contain.suspend",
            "contain",
            gettext_noop("Suspend the access rights of the persons involved"),
            1,
        ),
        TaskTemplate(
            "contain.evidence",
            "contain",
            gettext_noop("Preserve logs and evidence before anything is restored"),
            1,
        ),
        TaskTemplate(
            "contain.counsel",
            "contain",
            gettext_noop("Consult outside counsel"),
            2,
        ),
    ),
    "wrong_disposal": (
        TaskTemplate(
            "contain.disposal",
            "contain",
            gettext_noop("Ask the disposal contractor where the documents are and confirm their destruction"),
            1,
        ),
    ),
    "misdisplay": (
        TaskTemplate(
            "contain.take_down",
            "contain",
            gettext_noop("Take the wrong page or screen down and ask search engines to drop caches"),
            1,
        ),
    ),
    "misregistration": (
        TaskTemplate(
            "contain.correct",
            "contain",
            gettext_noop("Correct the wrong registration and stop anything sent from it"),
            1,
        ),
    ),
}
CONTAIN_DEFAULT = (
    TaskTemplate("contain.stop", "contain", gettext_noop("Stop the spread and prevent secondary damage"), 1),
)

COMMON: tuple[TaskTemplate, ...] = (
    TaskTemplate(
        "facts.what",
        "facts",
        gettext_noop("Establish what happened, when, where and how, and record it in the timeline"),
        2,
    ),
    TaskTemplate(
        "facts.items",
        "facts",
        gettext_noop("Identify the kinds of personal data involved (never copy the values)"),
        2,
    ),
    TaskTemplate(
        "scope.persons",
        "scope",
        gettext_noop("Determine the affected persons and their number (the upper bound when uncertain)"),
        3,
    ),
    TaskTemplate(
        "scope.secondary",
        "scope",
        gettext_noop("Assess the risk of secondary damage (fraud, phishing, unauthorised use)"),
        3,
    ),
    TaskTemplate(
        "notice.decide",
        "notice",
        gettext_noop("Decide on notice to the individuals and on a public announcement"),
        3,
    ),
    TaskTemplate(
        "notice.send",
        "notice",
        gettext_noop("Notify the individuals, or announce publicly and open an inquiry desk"),
        5,
    ),
    TaskTemplate(
        "report.preliminary",
        "report",
        gettext_noop(
            "Send the preliminary report (速報) to the PPC and the Privacy Mark body where required"
        ),
        5,
    ),
    TaskTemplate(
        "report.final",
        "report",
        gettext_noop("Send the final report (確報) with the cause and the recurrence prevention"),
        30,
    ),
    TaskTemplate(
        "prevent.corrective_action",
        "prevent",
        gettext_noop("Analyse the cause and record a corrective action (是正処置)"),
        30,
    ),
)


def checklist(
    event_class: str,
    known_on: date,
    *,
    preliminary_target: date | None = None,
    final_due: date | None = None,
) -> list[TaskSpec]:
    """Return the response tasks for an incident of ``event_class`` known on ``known_on``.

    The report tasks take the incident's own deadlines when they are known (60 days for unauthorised
    purpose), else the plain day counts of the template.
    """
    templates = (*CONTAIN.get(event_class, CONTAIN_DEFAULT), *COMMON)
    overrides = {"report.preliminary": preliminary_target, "report.final": final_due}
    specs = []
    for order, tpl in enumerate(templates, start=1):
        due = overrides.get(tpl.key) or nth_day(known_on, tpl.due_day)
        specs.append(TaskSpec(order * 10, tpl.key, tpl.phase, tpl.title, due))
    return specs


# --- Reminder calendar ----------------------------------------------------------------------------------

PRELIMINARY = "preliminary_report"
FINAL = "final_report"
FINAL_DAYS_BEFORE = (7, 3, 0)  # 確報: a week before, three days before, on the day


@dataclass(frozen=True)
class Reminder:
    """One reminder due today: ``kind`` and ``key_on`` form its idempotence key."""

    kind: str  # e.g. "appi.final_report:before_7", "task.12:overdue"
    deadline: str  # e.g. "appi.final_report", or "task"
    stage: str  # warn, target, before_7, before_3, on_day, overdue
    due_on: date
    key_on: date
    task_id: int | None = None


def _stages(kind: str, dates: Mapping[str, date]) -> tuple[date, list[tuple[str, date]]] | None:
    """Return (the date after which it is overdue, [(stage, the day it is sent)]) for one deadline kind."""
    if kind.endswith(PRELIMINARY) or "target" in dates:  # 速報 and the notice to the entrusting business
        target = dates.get("target")
        if target is None:
            return None
        stages = [("target", target)]
        if "warn" in dates:
            stages.insert(0, ("warn", dates["warn"]))
        return target, stages
    due = dates["due"]
    return due, [(f"before_{n}" if n else "on_day", due - timedelta(days=n)) for n in FINAL_DAYS_BEFORE]


def group_deadlines(deadlines: Iterable[tuple[str, date]]) -> dict[str, dict[str, date]]:
    """Group the determination's deadline codes (``appi.preliminary_report.warn``...) by deadline kind."""
    grouped: dict[str, dict[str, date]] = {}
    for code, due_on in deadlines:
        if code.endswith((".warn", ".target")):
            kind, point = code.rsplit(".", 1)
        elif code.endswith(FINAL):
            kind, point = code, "due"
        else:
            continue
        grouped.setdefault(kind, {})[point] = due_on
    return grouped


def deadline_reminders(
    today: date, deadlines: Iterable[tuple[str, date]], filed: Iterable[str] = ()
) -> list[Reminder]:
    """Return the deadline reminders due on ``today``, one per deadline kind at most.

    速報 (``*.preliminary_report``): day 3 ("due soon") and day 5 (target); 確報 (``*.final_report``):
    7 days before, 3 days before and on the day; every kind: daily once the date has passed. Kinds in
    ``filed`` (reports already filed) get none. The latest stage whose day has come is the one due, so
    a stage missed while the server was down is caught up, and two stages that fall on the same working
    day give one reminder.
    """
    if is_administrative_holiday(today):
        return []
    filed = set(filed)
    found = []
    for kind, dates in sorted(group_deadlines(deadlines).items()):
        if kind in filed:
            continue
        plan = _stages(kind, dates)
        if plan is None:
            continue
        last_day, stages = plan
        if today > last_day:
            found.append(Reminder(f"{kind}:overdue", kind, "overdue", last_day, today))
            continue
        came = [(stage, day) for stage, day in stages if working_day_on_or_before(day) <= today]
        if came:
            stage = came[-1][0]
            found.append(Reminder(f"{kind}:{stage}", kind, stage, last_day, last_day))
    return found


def task_reminders(today: date, tasks: Iterable[tuple[int, date | None, bool]]) -> list[Reminder]:
    """Return a reminder for every open task (id, due date, done) past its due date, on working days."""
    if is_administrative_holiday(today):
        return []
    return [
        Reminder(f"task.{task_id}:overdue", "task", "overdue", due_on, today, task_id)
        for task_id, due_on, done in tasks
        if not done and due_on is not None and due_on < today
    ]
