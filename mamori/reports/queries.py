"""Permission-scoped reads of the report drafts, and the adapter from the record to plain report facts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone, translation

from mamori.incidents.determination import ground_label, latest_outcome
from mamori.incidents.models import Incident, TimelineEntry
from mamori.incidents.queries import get_incident_for_user
from mamori.incidents.rules import Status as Status_
from mamori.incidents.taxonomy import Cause, DataCategory, DiscoveredBy, Event, EventClass, Medium
from mamori.reports import content
from mamori.reports.models import FiledReport, ReportDetails, Stage


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
    """Return the incident's report details as stored now, unsaved and empty when none were entered yet.

    Read from the database each time: a cached reverse relation would show a draft older than the record.
    """
    return ReportDetails.objects.filter(incident=incident).first() or ReportDetails(incident=incident)


def filed_reports(incident: Incident) -> QuerySet[FiledReport]:
    """Return the reports and notices filed for the incident, newest first."""
    return FiledReport.objects.filter(incident=incident).select_related("filed_by")


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else ""


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value else None


#: The notes that the reports service writes itself when a draft is filed (shown from the filings).
_FILING_NOTE = re.compile(r"を提出・実施した（第\d+版）$")
#: 漏えい, 滅失 and 毀損 as the PPC form names the events (APPI Art. 26(1)); a lost medium is a leak.
BREACH_KINDS = (("漏えい", {"leak", "loss"}), ("滅失", {"destruction_damage"}), ("毀損", {"tampering"}))


def _chronology(incident: Incident) -> tuple[tuple[dt.date, str], ...]:
    """Return the dated steps of the response for 経緯: what happened, reports filed and the notes.

    No system log lines: status changes and the notes the system writes on filing are left out; each
    filing appears once, by what was filed.
    """
    steps: list[tuple[dt.date, str]] = []
    if incident.occurred_at:
        steps.append((timezone.localdate(incident.occurred_at), "事故発生"))
    steps.append((timezone.localdate(incident.discovered_at), "事故発覚"))
    for entry in incident.timeline.all():
        day = timezone.localdate(entry.at)
        if entry.kind == TimelineEntry.Kind.REPORTED:
            steps.append((day, "個人情報保護管理者へ報告"))
        elif entry.kind == TimelineEntry.Kind.NOTE and not _FILING_NOTE.search(entry.text):
            steps.append((day, entry.text))
    for filed in FiledReport.objects.filter(incident=incident).order_by("filed_at", "pk"):
        steps.append(
            (timezone.localdate(filed.filed_at), f"{filed.get_kind_display()}（{filed.get_stage_display()}）")
        )
    return tuple(sorted(steps, key=lambda step: step[0]))


def _reporter(org: Any) -> content.Reporter:
    return content.Reporter(
        name=org.name,
        address=org.address,
        representative=org.representative,
        corporate_number=org.corporate_number,
        industry=org.industry,
        contact_person=org.contact_person,
        contact_phone=org.contact_phone,
        contact_email=org.contact_email,
    )


def report_facts(incident: Incident, prepared_on: dt.date | None = None) -> content.ReportFacts:
    """Return the plain facts of every draft for the incident, labels in Japanese."""
    details = details_for(incident)
    outcome = latest_outcome(incident)
    grounds = outcome.appi.grounds if outcome else ()
    org = incident.organisation
    status = outcome.appi.status if outcome else Status_.NEEDS_REVIEW
    ppc_filed = tuple(
        (str(Stage(f.stage).label), timezone.localdate(f.filed_at))
        for f in FiledReport.objects.filter(incident=incident, kind=content.PPC).order_by("filed_at")
    )
    events = set(incident.events)
    with translation.override("ja"):
        return content.ReportFacts(
            reporter=_reporter(org),
            inquiry_hours=org.inquiry_hours,
            pmark_registration_number=org.pmark_registration_number,
            breach_kinds=tuple(name for name, codes in BREACH_KINDS if events & codes),
            ppc_required=None if status is Status_.NEEDS_REVIEW else status is Status_.REPORTABLE,
            processor=incident.role == "processor",
            occurred_at_contractor=incident.occurred_at_contractor,
            contractor=incident.contractor,
            my_number=bool(incident.my_number),
            my_number_persons=incident.my_number_persons,
            pmark_criteria=tuple(ground_label(c) for c in outcome.pmark.criteria) if outcome else (),
            pmark_preliminary_required=outcome.pmark.preliminary_required if outcome else None,
            ppc_filed=ppc_filed,
            public_summary=details.public_summary,
            measures_taken=details.measures_taken,
            advice=details.advice,
            addressee=details.addressee,
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
