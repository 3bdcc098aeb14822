"""Pages of the incident register (thin: forms in, services and queries out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.core import mail, paging
from mamori.core.models import MailDelivery
from mamori.core.services import audit_entries_for
from mamori.core.templatetags.mamori_tags import days_left_text
from mamori.incidents import ledger_link, queries, rules, services
from mamori.incidents.determination import (
    code_label,
    deadline_label,
    ground_label,
    latest_outcome,
    outcome_of,
    reason_article,
    reason_text,
    status_label,
    target_text,
)
from mamori.incidents.facts import TRI_STATE_FACTS
from mamori.incidents.forms import IncidentReportForm, NoteForm, StatusForm, TriageForm
from mamori.incidents.models import Incident, TimelineEntry
from mamori.incidents.taxonomy import DataCategory, Event, Status


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    """List the incidents the user may read, with simple filters."""
    qs = queries.incidents_for_user(request.user)  # ordered by the pager: index incident_org_discovered
    status = request.GET.get("status", "")
    if status == "open":
        qs = qs.exclude(status=Status.CLOSED)
    elif status in Status.values:
        qs = qs.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind == "near_miss":
        qs = qs.filter(is_near_miss=True)
    elif kind == "incident":
        qs = qs.filter(is_near_miss=False)
    page = paging.keyset_page(qs, request.GET, field="discovered_at", keep={"status": status, "kind": kind})
    # A filter change from htmx swaps only the results (netbox's htmx_partial pattern); the form still
    # works as a plain GET without JavaScript.
    partial = request.htmx and not request.htmx.history_restore_request  # type: ignore[attr-defined]
    response = render(
        request,
        "incidents/partials/results.html" if partial else "incidents/list.html",
        {"page": page, "status": status, "kind": kind, "statuses": Status.choices},
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def incident_report(request: HttpRequest) -> HttpResponse:
    """Take a report of an accident or near miss from any employee."""
    if request.user.organisation_id is None:  # type: ignore[union-attr]
        raise PermissionDenied
    form = IncidentReportForm(request.POST or None, initial=_ledger_initial(request))
    ledger_link.add_ledger_field(form, request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        rows = data.pop("ledger_entries", None)
        incident = services.incident_create(reporter=request.user, **data)
        if rows:
            services.incident_link_ledger(incident=incident, entries=rows, actor=request.user)
        _say_who_was_told(request, incident)
        return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/report.html", {"form": form})


def _ledger_initial(request: HttpRequest) -> dict[str, Any]:
    """Return the intake's initial values from the ledger rows named by ``?ledger=`` (the user's only)."""
    ids = [value for value in request.GET.getlist("ledger") if value.isdigit()]
    if not ids:
        return {}
    rows = list(ledger_link.rows_for(request.user).filter(pk__in=ids))
    if not rows:
        return {}
    return {**ledger_link.prefill(rows), "ledger_entries": rows}


def _say_who_was_told(request: HttpRequest, incident: Incident) -> None:
    """Thank the reporter and say truthfully whether the notification left (it is tried on commit)."""
    number = {"number": incident.number}
    deliveries = list(mail.deliveries_about(incident))
    failed = [d for d in deliveries if d.state != MailDelivery.State.SENT and d.attempts]
    if failed:
        messages.warning(
            request,
            _(
                "Your report %(number)s was received, but the notification could not be sent (%(reason)s). "
                "mamori tries again; please also tell the manager directly."
            )
            % {**number, "reason": mail.reason_text(failed[0].error_code)},
        )
    elif any(d.state == MailDelivery.State.SENT for d in deliveries):
        messages.success(
            request, _("Thank you. Your report %(number)s was received; the manager has been told.") % number
        )
    else:
        messages.success(request, _("Thank you. Your report %(number)s was received.") % number)


def _reasons(reasons: tuple[rules.Reason, ...]) -> list[dict[str, str]]:
    return [{"text": reason_text(r), "article": reason_article(r)} for r in reasons]


def deadline_rows(outcome: Any, today: dt.date) -> list[dict[str, Any]]:
    """Return the deadlines to show, earliest first: one row per report, 速報 targets marked as such.

    A 速報 is "promptly", with a guideline target of day 3-5 (GL 3-5-3-3): its row shows the day-5 target,
    says 目安 (target), and is overdue only after that day; it is never "due today" like a statutory date.
    """
    points: dict[str, dict[str, dt.date]] = {}
    for deadline in outcome.deadlines:
        kind, _sep, point = deadline.code.rpartition(".")
        if point not in ("warn", "target"):
            kind, point = deadline.code, "due"
        points.setdefault(kind, {})[point] = deadline.due_on
    rows = []
    for kind, dates in points.items():
        day = dates.get("target") or dates.get("due")
        if day is None:
            continue
        days = (day - today).days
        is_target = "target" in dates
        text = target_text(days) if is_target else days_left_text(day)
        tentative = kind == "appi.final_report" and outcome.appi.final_due is None
        rows.append(
            {
                "kind": kind,
                "label": deadline_label(kind),
                "tentative": tentative
                or (kind == "my_number.final_report" and outcome.my_number.final_due is None),
                "is_target": is_target,
                "warn_on": dates.get("warn"),
                "due_on": day,
                "text": text,
                "css": "overdue" if days < 0 else "soon" if days <= 3 else "ok",
            }
        )
    return sorted(rows, key=lambda row: (row["due_on"], row["kind"]))


def _determination_context(incident: Incident) -> dict[str, Any]:
    outcome = latest_outcome(incident)
    if outcome is None:
        return {}
    return {
        "result": outcome,
        "deadline_rows": deadline_rows(outcome, timezone.localdate()),
        "appi_label": status_label(outcome.appi.status),
        "appi_grounds": [ground_label(g) for g in outcome.appi.grounds],
        "appi_reasons": _reasons(outcome.appi.reasons),
        "appi_needs_review": [code_label(c) for c in outcome.appi.needs_review],
        "pmark_reasons": _reasons(outcome.pmark.reasons),
        "pmark_criteria": [ground_label(g) for g in outcome.pmark.criteria],
        "my_number_label": status_label(outcome.my_number.status),
        "my_number_grounds": [ground_label(g) for g in outcome.my_number.grounds],
        "my_number_reasons": _reasons(outcome.my_number.reasons),
        "history": [
            (d, status_label(d.appi_status), [ground_label(g) for g in outcome_of(d).appi.grounds])
            for d in incident.determinations.select_related("actor")[:20]
        ],
    }


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the facts, the determination with its reasons, deadlines, timeline and audit log."""
    incident = queries.get_incident_for_user(request.user, pk)
    triage = queries.can_triage(request.user, incident)
    context = {
        "incident": incident,
        "can_triage": triage,
        "can_note": queries.can_add_note(request.user, incident),
        "status_form": StatusForm(initial={"status": incident.status}) if triage else None,
        "note_form": NoteForm(),
        "timeline": [(entry, _timeline_text(entry)) for entry in incident.timeline.select_related("actor")],
        "audit": audit_entries_for(incident)[:100],
        "category_labels": [
            DataCategory(c).label for c in incident.data_categories if c in DataCategory.values
        ],
        "event_labels": [Event(e).label for e in incident.events if e in Event.values],
        "ledger_rows": incident.ledger_entries.filter(pk__in=ledger_link.rows_for(request.user)),
        "fact_rows": [(_verbose_name(name), getattr(incident, name)) for name in TRI_STATE_FACTS],
        **_determination_context(incident),
    }
    return render(request, "incidents/detail.html", context)


def _verbose_name(name: str) -> Any:
    """Return the translated label of an incident field."""
    return Incident._meta.get_field(name).verbose_name  # type: ignore[union-attr]


def _timeline_text(entry: TimelineEntry) -> str:
    """Return the human text of one timeline entry (labels, not codes)."""
    if entry.kind == TimelineEntry.Kind.STATUS:
        old, new = entry.data.get("old"), entry.data.get("new")
        labels = dict(Status.choices)
        text = f"{labels.get(old, old)} → {labels.get(new, new)}"
        return f"{text}: {entry.text}" if entry.text else text
    if entry.kind == TimelineEntry.Kind.TRIAGE:
        names = [str(_verbose_name(name)) for name in entry.data.get("fields", [])]
        return ", ".join(names)
    if entry.kind == TimelineEntry.Kind.REPORTED:
        return _("Near miss reported") if entry.data.get("near_miss") else _("Accident reported")
    return entry.text


TRIAGE_INITIAL_FIELDS = [name for name in TriageForm.base_fields]


@login_required
def incident_triage(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the manager code the incident and settle the facts of the determination."""
    incident = queries.get_incident_for_user(request.user, pk)
    if not queries.can_triage(request.user, incident):
        raise PermissionDenied
    initial = {name: getattr(incident, name) for name in TRIAGE_INITIAL_FIELDS}
    linked = list(incident.ledger_entries.all())
    initial.update({**ledger_link.prefill(linked, initial), "ledger_entries": linked})
    form = TriageForm(request.POST or None, initial=initial)
    ledger_link.add_ledger_field(form, request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        rows = data.pop("ledger_entries", None)
        services.incident_triage(incident=incident, actor=request.user, **data)
        if rows is not None:
            services.incident_link_ledger(incident=incident, entries=rows, actor=request.user)
        messages.success(request, _("The coding was saved and the determination re-evaluated."))
        return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/triage.html", {"form": form, "incident": incident})


@login_required
@require_POST
def incident_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the incident to another status."""
    incident = queries.get_incident_for_user(request.user, pk)
    if not queries.can_triage(request.user, incident):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.incident_set_status(incident=incident, actor=request.user, **form.cleaned_data)
        except services.TransitionError:
            messages.error(request, _("Code the incident (triage) before closing it."))
        else:
            messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Please choose a valid status."))
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_POST
def incident_note(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a note to the timeline."""
    incident = queries.get_incident_for_user(request.user, pk)
    if not queries.can_add_note(request.user, incident):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        services.incident_add_note(incident=incident, actor=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("The note was added."))
    else:
        messages.error(request, _("The note is empty or too long."))
    return redirect("incidents:detail", pk=incident.pk)
