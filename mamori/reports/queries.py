"""Permission-scoped reads of the report drafts, and the adapter from the record to plain report facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone, translation

from mamori.incidents.determination import ground_label, latest_outcome
from mamori.incidents.models import Incident, TimelineEntry
from mamori.incidents.queries import get_incident_for_user
from mamori.incidents.taxonomy import Cause, DataCategory, DiscoveredBy, Event, EventClass, Medium, Status
from mamori.reports import content
from mamori.reports.models import FiledReport, ReportDetails


def can_view_reports(user: Any, incident: Incident) -> bool:
    """Return whether ``user`` may read the drafts (manager, audit lead, top management)."""
    return bool(
        user.is_authenticated
        and user.organisation_id == incident.organisation_id
        and user.sees_whole_organisation
    )


def can_file_reports(user: Any, incident: Incident) -> bool:
    """Return whether ``user`` may edit the report facts and record filings (the 個人情報保護管理者)."""
    return can_view_reports(user, incident) and bool(user.is_pms_manager)


def get_incident_for_reports(user: Any, pk: Any, *, to_file: bool = False) -> Incident:
    """Return the incident whose drafts ``user`` may read (or file); 404 for outsiders, 403 for others."""
    incident = get_incident_for_user(user, pk)
    allowed = can_file_reports(user, incident) if to_file else can_view_reports(user, incident)
    if not allowed:
        raise PermissionDenied
    return incident


def details_for(incident: Incident) -> ReportDetails:
    """Return the incident's report details, unsaved and empty when none were entered yet."""
    try:
        return incident.report_details
    except ReportDetails.DoesNotExist:
        return ReportDetails(incident=incident)


def filed_reports(incident: Incident) -> QuerySet[FiledReport]:
    """Return the reports and notices filed for the incident, newest first."""
    return FiledReport.objects.filter(incident=incident).select_related("filed_by")


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else ""


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value else None


def _chronology(incident: Incident) -> tuple[tuple[dt.date, str], ...]:
    """Return the dated steps of the response: reported, status changes and notes (no audit details)."""
    steps: list[tuple[dt.date, str]] = []
    if incident.occurred_at:
        steps.append((timezone.localdate(incident.occurred_at), "事故発生"))
    steps.append((timezone.localdate(incident.discovered_at), "事故発覚"))
    for entry in incident.timeline.all():
        day = timezone.localdate(entry.at)
        if entry.kind == TimelineEntry.Kind.REPORTED:
            steps.append((day, "個人情報保護管理者へ報告"))
        elif entry.kind == TimelineEntry.Kind.STATUS:
            new = entry.data.get("new", "")
            steps.append(
                (
                    day,
                    f"対応状況を「{_label(Status, new)}」に変更" + (f"：{entry.text}" if entry.text else ""),
                )
            )
        elif entry.kind == TimelineEntry.Kind.NOTE:
            steps.append((day, entry.text))
    return tuple(steps)


def report_facts(incident: Incident, prepared_on: dt.date | None = None) -> content.ReportFacts:
    """Return the plain facts of every draft for the incident, labels in Japanese."""
    details = details_for(incident)
    outcome = latest_outcome(incident)
    grounds = outcome.appi.grounds if outcome else ()
    org = incident.organisation
    with translation.override("ja"):
        return content.ReportFacts(
            organisation=org.name,
            destination=org.report_destination,
            pmark_body=org.pmark_body,
            inquiry_desk=org.inquiry_desk,
            incident_number=incident.number,
            title=incident.title,
            description=incident.description,
            occurred_on=_local_date(incident.occurred_at),
            discovered_on=timezone.localdate(incident.discovered_at),
            known_on=incident.known_on,
            prepared_on=prepared_on or timezone.localdate(),
            discovered_by=_label(DiscoveredBy, incident.discovered_by),
            discovery_circumstances=details.discovery_circumstances,
            events=tuple(_label(Event, e) for e in incident.events if e in Event.values),
            likely=incident.likely,
            event_class=_label(EventClass, incident.event_class),
            grounds=tuple(ground_label(g) for g in grounds),
            data_items=tuple(
                _label(DataCategory, c) for c in incident.data_categories if c in DataCategory.values
            ),
            persons=incident.persons,
            persons_is_upper_bound=incident.persons_is_upper_bound,
            cause=_label(Cause, incident.cause),
            cause_details=details.cause_details,
            medium=_label(Medium, incident.medium),
            secondary_damage=details.secondary_damage,
            individuals_response=details.individuals_response,
            public_announcement=details.public_announcement,
            prevention_notes=details.prevention_notes,
            other_notes=details.other_notes,
            safety_measures=details.safety_measures,
            apology=details.apology,
            actions=tuple(
                content.Action(title=a.title, action=a.action, due_on=a.due_on, completed_on=a.completed_on)
                for a in incident.corrective_actions.all()
            ),
            chronology=_chronology(incident),
        )


def build_report(
    incident: Incident, kind: str, stage: str, prepared_on: dt.date | None = None
) -> content.Report:
    """Return the draft of ``kind`` at ``stage`` for the incident as it stands."""
    return content.build_report(report_facts(incident, prepared_on), kind, stage)
