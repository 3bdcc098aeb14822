"""Every write of the reports app: the report facts the manager adds, and each report or notice filed."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mamori.core.services import log_action
from mamori.incidents import filings
from mamori.incidents import services as incident_services
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import STATUS_ORDER, Status
from mamori.reports import content, export, queries
from mamori.reports.letters import LetterIncomplete
from mamori.reports.models import Channel, FiledReport, ReportDetails

DETAIL_FIELDS = (
    "discovery_circumstances",
    "cause_details",
    "secondary_damage",
    "individuals_response",
    "public_announcement",
    "prevention_notes",
    "other_notes",
    "safety_measures",
    "apology",
    "public_summary",
    "measures_taken",
    "advice",
    "addressee",
)
KIND_LABELS = {
    content.PPC: "個人情報保護委員会への報告",
    content.PMARK: "プライバシーマーク事故報告",
    content.NOTICE: "本人への通知",
    content.ANNOUNCEMENT: "公表",
    content.CONTROLLER_NOTICE: "委託元への通知",
}
STAGE_LABELS = {content.PRELIMINARY: "速報", content.FINAL: "確報"}
#: The status a filing moves an earlier incident on to.
STATUS_AFTER = {
    content.PPC: Status.AUTHORITY_REPORT,
    content.PMARK: Status.AUTHORITY_REPORT,
    content.NOTICE: Status.INDIVIDUALS,
    content.ANNOUNCEMENT: Status.INDIVIDUALS,
    content.CONTROLLER_NOTICE: Status.AUTHORITY_REPORT,
}


class FilingError(ValueError):
    """A filing that cannot be recorded (changed draft, bad date, wrong kind)."""


def _check_manager(incident: Incident, actor: Any) -> None:
    if not queries.can_file_reports(actor, incident):
        raise PermissionError("only the organisation's 個人情報保護管理者 may do this")


@transaction.atomic
def report_details_update(*, incident: Incident, actor: Any, **values: Any) -> ReportDetails:
    """Save the report facts the record does not hold (secondary damage, public_announcement ...)."""
    _check_manager(incident, actor)
    unknown = set(values) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"fields not allowed here: {sorted(unknown)}")
    details, _created = ReportDetails.objects.select_for_update().get_or_create(incident=incident)
    changed = sorted(name for name, value in values.items() if getattr(details, name) != value)
    if not changed:
        return details
    for name in changed:
        setattr(details, name, values[name])
    details.save()
    # Only the names: the texts may mention people.
    log_action(incident, "reports.details.updated", actor=actor, data={"fields": changed})
    return details


@transaction.atomic
def report_file(
    *,
    incident: Incident,
    actor: Any,
    kind: str,
    stage: str,
    filed_at: dt.datetime,
    channel: str,
    note: str = "",
    prepared_on: dt.date | None = None,
    expected_sha256: str = "",
) -> FiledReport:
    """Record that the draft of ``kind``/``stage`` was filed, keeping its exact text and hashes.

    ``expected_sha256`` is the hash of the draft the manager looked at: when the record changed since,
    nothing is recorded (``FilingError``), so the text kept is the text that was sent. The incident's
    status moves on (authority report / individuals) when earlier, and the deadlines the filing
    settles drop out of ``next_deadline``.
    """
    _check_manager(incident, actor)
    if incident.is_near_miss:
        raise FilingError("a near miss is not reported")
    if (kind, stage) not in content.TITLES:
        raise FilingError(f"no {stage!r} draft of kind {kind!r}")
    if channel not in Channel.values:
        raise FilingError(f"unknown channel {channel!r}")
    if filed_at > timezone.now() + dt.timedelta(minutes=5):
        raise FilingError("the filing time is in the future")
    if timezone.localdate(filed_at) < incident.known_on:
        raise FilingError("the filing time is before the business knew of the incident")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    try:
        report = queries.build_report(incident, kind, stage, prepared_on)
    except LetterIncomplete as exc:
        raise FilingError(exc.reason) from None
    sha256 = report.sha256()
    if expected_sha256 and expected_sha256 != sha256:
        raise FilingError("the draft changed since it was shown; review it again before recording")
    previous = FiledReport.objects.filter(incident=incident, kind=kind, stage=stage).aggregate(
        v=Max("version")
    )
    filed = FiledReport.objects.create(
        incident=incident,
        kind=kind,
        stage=stage,
        version=(previous["v"] or 0) + 1,
        filed_at=filed_at,
        filed_by=actor,
        channel=channel,
        note=note,
        content_text=report.text(),
        content_sha256=sha256,
        pdf_sha256=hashlib.sha256(export.to_pdf(report)).hexdigest(),
    )
    log_action(
        incident,
        "reports.report.filed",
        actor=actor,
        data={
            "kind": kind,
            "stage": stage,
            "version": filed.version,
            "filed_at": filed_at.isoformat(),
            "channel": channel,
            "sha256": sha256,
            "pdf_sha256": filed.pdf_sha256,
            "note": note,
        },
    )
    label = KIND_LABELS[kind] + (f"（{STAGE_LABELS[stage]}）" if kind in (content.PPC, content.PMARK) else "")
    incident_services.incident_add_note(
        incident=incident, actor=actor, text=f"{label}を提出・実施した（第{filed.version}版）"
    )
    if kind == content.CONTROLLER_NOTICE:  # the processor's duty under Art. 26(1) proviso is met
        incident = incident_services.incident_record_controller_notice(
            incident=incident, actor=actor, notified_at=filed_at
        )
    target = STATUS_AFTER[kind]
    if incident.is_open and STATUS_ORDER.index(incident.status) < STATUS_ORDER.index(target):
        incident = incident_services.incident_set_status(incident=incident, actor=actor, status=target)
    # The determination may be unchanged, so settle the deadline here as well.
    kind, due = filings.pending_deadline_of(incident) or ("", None)
    Incident.objects.filter(pk=incident.pk).update(next_deadline=due, next_deadline_kind=kind)
    return filed
