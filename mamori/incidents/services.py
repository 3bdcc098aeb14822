"""Every write to the incident register: intake, triage, facts, status, notes; each audited."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from mamori.core.services import log_action
from mamori.incidents import coding, filings
from mamori.incidents.determination import evaluate, summary_text
from mamori.incidents.facts import FACT_FIELDS
from mamori.incidents.models import Determination, Incident, IncidentCounter, TimelineEntry
from mamori.incidents.taxonomy import Status

TRIAGE_FIELDS = (
    *FACT_FIELDS,
    "event_class",
    "cause",
    "medium",
    "data_categories",
    "title",
    "contractor",
    "is_near_miss",  # the manager may reclassify a near miss as an accident, or back
)

#: Called as ``hook(incident_id=...)`` once the intake of each new incident has committed, whoever reported
#: it (form, API, mail guard). The register calls none of its consumers; they register here instead
#: (``response`` starts the emergency chain).
ON_REPORTED: list[Callable[..., object]] = []


def register_on_reported(hook: Callable[..., object]) -> None:
    """Add a function to call with ``incident_id`` after each new incident is committed."""
    if hook not in ON_REPORTED:
        ON_REPORTED.append(hook)


class TransitionError(ValueError):
    """A status change that the workflow does not allow."""


def _next_number(organisation: Any, year: int) -> str:
    """Take the next number of ``year`` from the organisation's counter (row-locked until commit)."""
    counter, _ = IncidentCounter.objects.get_or_create(
        organisation=organisation, year=year, defaults={"last": _highest_number(organisation, year)}
    )
    counter = IncidentCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}-{counter.last:04d}"


def _highest_number(organisation: Any, year: int) -> int:
    """Return the highest number already used in ``year`` (numbers given before the counter existed)."""
    numbers = Incident.objects.filter(organisation=organisation, number__startswith=f"{year}-").values_list(
        "number", flat=True
    )
    return max(
        (int(n.partition("-")[2]) for n in numbers.iterator() if n.partition("-")[2].isdigit()), default=0
    )


def timeline_add(incident: Incident, kind: str, actor: Any, text: str = "", **data: Any) -> TimelineEntry:
    """Append an entry to the incident's chronology (other apps call this too; run inside their write)."""
    return TimelineEntry.objects.create(
        incident=incident,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        text=text,
        data=data,
    )


def _reevaluate(incident: Incident, actor: Any) -> Determination | None:
    """Evaluate the law for the current facts; keep a new snapshot only when the answer changed."""
    facts, outcome = evaluate(incident)
    result = outcome.to_json()
    latest = incident.determinations.first()
    outcome.apply_to(incident)
    pending = filings.pending_deadline_of(incident, outcome.deadlines)  # leaves out met ones
    incident.next_deadline_kind, incident.next_deadline = pending if pending else ("", None)
    incident.save()
    if latest is not None and latest.result == result and latest.facts == facts:
        return None
    status = outcome.appi.status.value
    det = Determination.objects.create(
        incident=incident,
        actor=actor if actor and actor.pk else None,
        facts=facts,
        result=result,
        appi_status=status,
    )
    if latest is not None and latest.result != result:
        timeline_add(incident, TimelineEntry.Kind.DETERMINATION, actor, summary_text(outcome))
    log_action(
        incident,
        "incidents.determination.changed",
        actor=actor,
        data={"appi": status, "grounds": list(outcome.appi.grounds)},
    )
    return det


@transaction.atomic
def incident_create(
    *,
    reporter: Any,
    title: str,
    description: str,
    discovered_at: dt.datetime,
    discovered_by: str,
    event_class: str = "",
    occurred_at: dt.datetime | None = None,
    data_categories: list[str] | None = None,
    persons: int | None = None,
    persons_is_upper_bound: bool = False,
    medium: str = "",
    advanced_encryption: bool | None = None,
    recovered_before_viewed: bool | None = None,
    is_near_miss: bool = False,
    department: Any = None,
) -> Incident:
    """Register an accident or near miss reported by ``reporter`` and evaluate the law at once."""
    categories = list(data_categories or [])
    known_on = timezone.localdate(discovered_at)
    fields: dict[str, Any] = {
        "organisation": reporter.organisation,
        "department": department or reporter.department,
        "reporter": reporter,
        "title": title,
        "description": description,
        "occurred_at": occurred_at,
        "discovered_at": discovered_at,
        "known_on": known_on,
        "discovered_by": discovered_by,
        "event_class": event_class,
        "events": [] if is_near_miss else coding.default_events(event_class),
        "likely": event_class in coding.LIKELY_CLASSES,
        "data_categories": categories,
        "persons": persons,
        "persons_is_upper_bound": persons_is_upper_bound,
        "medium": medium,
        "advanced_encryption": advanced_encryption,
        "recovered_before_viewed": recovered_before_viewed,
        "is_near_miss": is_near_miss,
        **coding.facts_from_intake(event_class, categories),
    }
    incident = Incident.objects.create(number=_next_number(reporter.organisation, known_on.year), **fields)
    timeline_add(incident, TimelineEntry.Kind.REPORTED, reporter, near_miss=is_near_miss)
    log_action(
        incident,
        "incidents.incident.created",
        actor=reporter,
        data={
            "title": title,
            "description": description,
            "near_miss": is_near_miss,
            "event_class": event_class,
            "persons": persons,
            "data_categories": categories,
        },
    )
    _reevaluate(incident, reporter)
    for hook in ON_REPORTED:
        transaction.on_commit(functools.partial(hook, incident_id=incident.pk))
    return incident


def _changes(incident: Incident, values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"fields not allowed here: {sorted(unknown)}")
    changed: dict[str, Any] = {}
    for name, value in values.items():
        old = getattr(incident, name)
        if old != value:
            changed[name] = {"old": _jsonable(old), "new": _jsonable(value)}
            setattr(incident, name, value)
    return changed


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


@transaction.atomic
def incident_triage(*, incident: Incident, actor: Any, **values: Any) -> Incident:
    """Record the manager's coding and facts; the determination is re-evaluated."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    changed = _changes(incident, values, TRIAGE_FIELDS)
    first = incident.triaged_at is None
    if first:
        incident.triaged_at = timezone.now()
    if not changed and not first:
        return incident
    incident.save()
    if changed:
        timeline_add(incident, TimelineEntry.Kind.TRIAGE, actor, fields=sorted(changed))
    log_action(incident, "incidents.incident.triaged", actor=actor, data={"changes": changed})
    _reevaluate(incident, actor)
    return incident


@transaction.atomic
def incident_link_ledger(*, incident: Incident, entries: Iterable[Any], actor: Any) -> None:
    """Record which ledger rows the incident involves (picked at intake or triage)."""
    entries = list(entries)
    before = set(incident.ledger_entries.values_list("pk", flat=True))
    if before == {e.pk for e in entries}:
        return
    incident.ledger_entries.set(entries)
    log_action(
        incident,
        "incidents.incident.ledger_linked",
        actor=actor,
        data={"rows": sorted(e.number for e in entries)},
    )


@transaction.atomic
def incident_update_facts(*, incident: Incident, actor: Any, **values: Any) -> Incident:
    """Change facts of the determination (API and reporters' corrections); re-evaluated at once."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    changed = _changes(incident, values, FACT_FIELDS)
    if not changed:
        return incident
    incident.save()
    timeline_add(incident, TimelineEntry.Kind.TRIAGE, actor, fields=sorted(changed))
    log_action(incident, "incidents.incident.facts_changed", actor=actor, data={"changes": changed})
    _reevaluate(incident, actor)
    return incident


@transaction.atomic
def incident_set_status(*, incident: Incident, actor: Any, status: str, note: str = "") -> Incident:
    """Move the incident to ``status`` in the response workflow, recording who and when."""
    if status not in Status.values:
        raise TransitionError(f"unknown status {status!r}")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if status == incident.status:
        return incident
    if status == Status.CLOSED and incident.triaged_at is None and not incident.is_near_miss:
        raise TransitionError("an incident must be coded before it is closed")
    old = incident.status
    incident.status = status
    incident.closed_at = timezone.now() if status == Status.CLOSED else None
    incident.save()
    timeline_add(incident, TimelineEntry.Kind.STATUS, actor, note, old=old, new=status)
    log_action(
        incident,
        "incidents.incident.status_changed",
        actor=actor,
        data={"old": old, "new": status, "note": note},
    )
    _reevaluate(incident, actor)
    return incident


@transaction.atomic
def incident_add_note(*, incident: Incident, actor: Any, text: str) -> TimelineEntry:
    """Add a note to the incident's timeline."""
    entry = timeline_add(incident, TimelineEntry.Kind.NOTE, actor, text)
    log_action(incident, "incidents.note.added", actor=actor, data={"note": text})
    return entry


@transaction.atomic
def incident_record_controller_notice(
    *, incident: Incident, actor: Any, notified_at: dt.datetime
) -> Incident:
    """Record when the entrusting business was told (APPI Art. 26(1) proviso, Rules Art. 9).

    The earliest notice counts: it ends the processor's own duty to report and to notify the individuals,
    so the determination is re-evaluated at once.
    """
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.entrustor_notified_at is not None and incident.entrustor_notified_at <= notified_at:
        return incident
    old = incident.entrustor_notified_at
    incident.entrustor_notified_at = notified_at
    incident.save()
    timeline_add(incident, TimelineEntry.Kind.TRIAGE, actor, fields=["entrustor_notified_at"])
    log_action(
        incident,
        "incidents.incident.controller_notified",
        actor=actor,
        data={"old": _jsonable(old), "new": _jsonable(notified_at)},
    )
    _reevaluate(incident, actor)
    return incident
