"""Pages of the report drafts (thin: queries and services do the work)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.incidents.models import Incident
from mamori.reports import content, export, queries, services
from mamori.reports.forms import FilingForm, ReportDetailsForm
from mamori.reports.letters import LetterIncomplete
from mamori.reports.models import FiledReport, Kind, Stage

#: The drafts offered, in the order of the response: (kind, stage).
DRAFTS = (
    (content.CONTROLLER_NOTICE, content.FINAL),
    (content.PPC, content.PRELIMINARY),
    (content.PPC, content.FINAL),
    (content.PMARK, content.PRELIMINARY),
    (content.PMARK, content.FINAL),
    (content.NOTICE, content.FINAL),
    (content.ANNOUNCEMENT, content.FINAL),
)


def _check_draft(kind: str, stage: str) -> None:
    if (kind, stage) not in content.TITLES:
        raise Http404("No such draft")


# The dates a draft may carry: from the start of 令和 to a year ahead (the era is printed with the date).
EARLIEST_DRAFT_DATE = dt.date(2019, 5, 1)


def _prepared_on(request: HttpRequest) -> dt.date:
    """Return the date the draft is dated (?on=YYYY-MM-DD, to download exactly what was shown).

    Without ``on`` it is today; a malformed date or one outside 令和 up to a year ahead is a 400.
    """
    value = request.GET.get("on", "")
    today = timezone.localdate()
    if not value:
        return today
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(_("The date must be written YYYY-MM-DD.")) from None
    if not EARLIEST_DRAFT_DATE <= day <= today + dt.timedelta(days=366):
        raise BadRequest(_("The date must lie between 2019-05-01 and a year from today."))
    return day


def _drafts(incident: Incident) -> list[dict[str, object]]:
    filed = {(f.kind, f.stage): f for f in reversed(list(queries.filed_reports(incident)))}
    return [
        {
            "kind": kind,
            "stage": stage,
            "kind_label": Kind(kind).label,
            "stage_label": Stage(stage).label if kind in (content.PPC, content.PMARK) else "",
            "filed": filed.get((kind, stage)),
            "missing": _missing(incident, kind),
        }
        for kind, stage in DRAFTS
        if kind != content.CONTROLLER_NOTICE or incident.role == "processor"
    ]


def _missing(incident: Incident, kind: str) -> str:
    """Return why a letter cannot be written yet, or an empty string."""
    if kind not in (content.NOTICE, content.ANNOUNCEMENT):
        return ""
    try:
        queries.build_report(incident, kind, content.FINAL)
    except LetterIncomplete as exc:
        return exc.reason
    return ""


@login_required
def report_index(request: HttpRequest, pk: int) -> HttpResponse:
    """List the drafts of one incident with what has been filed."""
    incident = queries.get_incident_for_reports(request.user, pk)
    return render(
        request,
        "reports/index.html",
        {
            "incident": incident,
            "drafts": _drafts(incident),
            "filed_reports": queries.filed_reports(incident),
            "can_file": queries.can_file_reports(request.user, incident),
            "missing_desk": not incident.organisation.inquiry_desk,
        },
    )


@login_required
def report_details(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the manager enter the report items the record does not hold."""
    incident = queries.get_incident_for_reports(request.user, pk, to_file=True)
    form = ReportDetailsForm(request.POST or None, instance=queries.details_for(incident))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.DETAIL_FIELDS}
        services.report_details_update(incident=incident, actor=request.user, **values)
        messages.success(request, _("The report details were saved."))
        return redirect("reports:index", pk=incident.pk)
    return render(request, "reports/details.html", {"incident": incident, "form": form})


@login_required
def report_draft(request: HttpRequest, pk: int, kind: str, stage: str) -> HttpResponse:
    """Show one draft item by item, to copy into the authority's form, with downloads and filing."""
    incident = queries.get_incident_for_reports(request.user, pk)
    _check_draft(kind, stage)
    prepared_on = _prepared_on(request)
    try:
        report = queries.build_report(incident, kind, stage, prepared_on)
    except LetterIncomplete as exc:
        context = {
            "incident": incident,
            "kind_label": Kind(kind).label,
            "reason": exc.reason,
            "missing": exc.missing,
        }
        return render(request, "reports/incomplete.html", context)
    sha256 = report.sha256()
    can_file = queries.can_file_reports(request.user, incident)
    form = None
    if can_file:
        form = FilingForm(
            initial={
                "filed_at": timezone.localtime().replace(second=0, microsecond=0),
                "sha256": sha256,
                "prepared_on": prepared_on,
            }
        )
    filed = queries.filed_reports(incident).filter(kind=kind, stage=stage)
    return render(
        request,
        "reports/draft.html",
        {
            "incident": incident,
            "report": report,
            "kind": kind,
            "stage": stage,
            "kind_label": Kind(kind).label,
            "stage_label": Stage(stage).label if kind in (content.PPC, content.PMARK) else "",
            "sha256": sha256,
            "prepared_on": prepared_on.isoformat(),
            "form": form,
            "can_file": can_file,
            "filed": filed,
            "same_as_filed": any(f.content_sha256 == sha256 for f in filed),
        },
    )


@login_required
def report_download(request: HttpRequest, pk: int, kind: str, stage: str, fmt: str) -> HttpResponse:
    """Return the draft as .docx, .pdf or plain text (.txt)."""
    incident = queries.get_incident_for_reports(request.user, pk)
    _check_draft(kind, stage)
    if fmt not in (*export.FORMATS, "txt"):
        raise Http404("No such format")
    try:
        report = queries.build_report(incident, kind, stage, _prepared_on(request))
    except LetterIncomplete as exc:
        return HttpResponse(exc.reason, status=409, content_type="text/plain; charset=utf-8")
    if fmt == "txt":  # the e-mail form of a notice: the same text that is hashed when filed
        response = HttpResponse(report.text(), content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(export.render(report, fmt), content_type=export.CONTENT_TYPES[fmt])
    name = f"{incident.number}-{kind}-{stage}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_file(request: HttpRequest, pk: int, kind: str, stage: str) -> HttpResponse:
    """Record that the draft shown was filed (when, how), keeping its exact text."""
    incident = queries.get_incident_for_reports(request.user, pk, to_file=True)
    _check_draft(kind, stage)
    form = FilingForm(request.POST)
    back = redirect("reports:draft", pk=incident.pk, kind=kind, stage=stage)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return back
    data = form.cleaned_data
    try:
        filed = services.report_file(
            incident=incident,
            actor=request.user,
            kind=kind,
            stage=stage,
            filed_at=data["filed_at"],
            channel=data["channel"],
            note=data["note"],
            prepared_on=data["prepared_on"],
            expected_sha256=data["sha256"],
        )
    except services.FilingError as exc:
        messages.error(request, _("Nothing was recorded: %(reason)s") % {"reason": exc})
        return back
    messages.success(request, _("Recorded as filed (version %(version)d).") % {"version": filed.version})
    return redirect("reports:index", pk=incident.pk)


@login_required
def filed_report(request: HttpRequest, pk: int, filed_pk: int) -> HttpResponse:
    """Show the exact text of one filed report or notice."""
    incident = queries.get_incident_for_reports(request.user, pk)
    filed = get_object_or_404(FiledReport.objects.select_related("filed_by"), pk=filed_pk, incident=incident)
    return render(request, "reports/filed.html", {"incident": incident, "filed": filed})
