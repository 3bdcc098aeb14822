"""Pages of the internal audit, 運用の確認 and the management review (thin: services and queries)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mamori.accounts.models import Role, User
from mamori.audits import content, operation, review
from mamori.audits import programme as svc
from mamori.audits.documents import CONTENT_TYPES
from mamori.audits.documents import render as render_doc
from mamori.audits.forms import AuditForm, FindingForm, ItemForm, ManagementReviewForm, ProgrammeForm
from mamori.audits.models import (
    Answer,
    Audit,
    AuditProgramme,
    ChecklistItem,
    Finding,
    ManagementReview,
    OperationRun,
    ReviewAction,
    ReviewInput,
)


def _me(request: HttpRequest) -> Any:
    return request.user


def _org(request: HttpRequest) -> int:
    org = getattr(_me(request), "organisation_id", None)
    if org is None:
        raise Http404
    return int(org)


def _plans(user: Any) -> bool:
    return user.role in (Role.AUDITOR, Role.MANAGER)


def _sees_all(user: Any) -> bool:
    return bool(user.sees_whole_organisation)


def _file(doc_bytes: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(doc_bytes, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    """List the audit programmes; the audit lead and the manager start one."""
    org = _org(request)
    if not _sees_all(_me(request)):
        raise PermissionDenied
    form = ProgrammeForm(
        request.POST or None, organisation_id=org, initial={"fiscal_year": timezone.localdate().year}
    )
    if request.method == "POST" and _plans(_me(request)) and form.is_valid():
        try:
            programme = svc.programme_create(
                organisation=_me(request).organisation, actor=_me(request), **form.cleaned_data
            )
        except svc.AuditError as exc:
            form.add_error("audit_lead", str(exc))
        else:
            return redirect("audits:programme", pk=programme.pk)
    programmes = AuditProgramme.objects.filter(organisation_id=org).select_related("audit_lead")
    return render(
        request,
        "audits/programmes.html",
        {"programmes": programmes, "form": form, "can_plan": _plans(_me(request))},
    )


def _programme(request: HttpRequest, pk: int) -> AuditProgramme:
    if not _sees_all(_me(request)):
        raise PermissionDenied
    return get_object_or_404(AuditProgramme, pk=pk, organisation_id=_org(request))


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the programme, its coverage and independence check, and the approval buttons."""
    programme = _programme(request, pk)
    form = AuditForm(request.POST or None, organisation_id=programme.organisation_id)
    if request.method == "POST" and _plans(_me(request)):
        try:
            if "generate" in request.POST:
                svc.programme_generate(programme=programme, actor=_me(request))
                return redirect("audits:programme", pk=pk)
            if form.is_valid():
                svc.audit_add(programme=programme, actor=_me(request), **form.cleaned_data)
                return redirect("audits:programme", pk=pk)
        except svc.AuditError as exc:
            form.add_error(None, str(exc))
    context = {
        "programme": programme,
        "audits": programme.audits.select_related("department", "auditor"),
        "findings": svc.programme_findings(programme),
        "coverage": svc.programme_coverage(programme),
        "form": form,
        "can_plan": _plans(_me(request)) and not programme.approved_on,
        "is_executive": _me(request).role == Role.EXECUTIVE,
    }
    return render(request, "audits/programme.html", context)


@login_required
@require_POST
def programme_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Top management approves the plan, or the report with its summary."""
    programme = _programme(request, pk)
    try:
        if request.POST.get("what") == "report":
            svc.report_approve(
                programme=programme, actor=_me(request), summary=request.POST.get("summary", "")
            )
            messages.success(request, _("The audit report was approved."))
        else:
            svc.programme_approve(programme=programme, actor=_me(request))
            messages.success(request, _("The audit plan was approved."))
    except svc.AuditError as exc:
        messages.error(request, str(exc))
    return redirect("audits:programme", pk=pk)


@login_required
def programme_export(request: HttpRequest, pk: int, what: str, fmt: str) -> HttpResponse:
    """Download the plan or the report as docx or xlsx."""
    programme = _programme(request, pk)
    if fmt not in CONTENT_TYPES or what not in ("plan", "report"):
        raise Http404
    doc = content.programme_doc(programme) if what == "plan" else content.report_doc(programme)
    return _file(render_doc(doc, fmt), fmt, f"audit-{what}-FY{programme.fiscal_year}")


def _audit(request: HttpRequest, pk: int) -> Audit:
    audit = get_object_or_404(
        Audit.objects.select_related("programme", "department", "auditor"),
        pk=pk,
        programme__organisation_id=_org(request),
    )
    user = _me(request)
    if not (
        _sees_all(user)
        or audit.auditor_id == user.pk
        or (audit.department_id and audit.department_id == user.department_id)
    ):
        raise Http404
    return audit


def _conducts(user: Any, audit: Audit) -> bool:
    return bool(audit.auditor_id == user.pk or user.pk == audit.programme.audit_lead_id)


@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Run one audit on a phone: build the checklist, answer each item, record findings, conclude."""
    audit = _audit(request, pk)
    conducts = _conducts(_me(request), audit)
    finding_form = FindingForm(request.POST if "finding" in request.POST else None)
    if request.method == "POST" and conducts:
        try:
            if "build" in request.POST:
                svc.checklist_build(audit=audit, actor=_me(request))
            elif "finding" in request.POST and finding_form.is_valid():
                svc.finding_create(audit=audit, actor=_me(request), **finding_form.cleaned_data)
                messages.success(request, _("The finding was recorded."))
            elif "conduct" in request.POST:
                svc.audit_conduct(audit=audit, actor=_me(request), conducted_on=timezone.localdate())
                messages.success(request, _("The audit was marked as conducted."))
            if "finding" not in request.POST or finding_form.is_valid():
                return redirect("audits:audit", pk=pk)
        except svc.AuditError as exc:
            messages.error(request, str(exc))
    context = {
        "audit": audit,
        "items": audit.items.all(),
        "findings": audit.findings.select_related("acknowledged_by").prefetch_related("corrective_actions"),
        "conducts": conducts,
        "finding_form": finding_form,
        "answers": Answer.choices,
        "unanswered": audit.items.filter(answer="").count(),
    }
    return render(request, "audits/audit.html", context)


@login_required
@require_POST
def item_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one check item's answer, comment and evidence file."""
    item = get_object_or_404(ChecklistItem.objects.select_related("audit__programme"), pk=pk)
    audit = _audit(request, item.audit_id)
    if not _conducts(_me(request), audit):
        raise PermissionDenied
    form = ItemForm(request.POST, request.FILES)
    if form.is_valid():
        svc.item_answer(item=item, actor=_me(request), **form.cleaned_data)
    else:
        messages.error(request, _("Choose a result."))
    return redirect(f"{audit_url(audit)}#item-{item.pk}")


def audit_url(audit: Audit) -> str:
    from django.urls import reverse

    return reverse("audits:audit", args=[audit.pk])


@login_required
@require_POST
def finding_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """The auditee acknowledges a finding."""
    finding = get_object_or_404(Finding.objects.select_related("audit"), pk=pk)
    _audit(request, finding.audit_id)
    try:
        svc.finding_acknowledge(finding=finding, actor=_me(request))
    except svc.AuditError as exc:
        messages.error(request, str(exc))
    return redirect("audits:audit", pk=finding.audit_id)


@login_required
def checklist_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Download one audit's checklist as docx or xlsx."""
    audit = _audit(request, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    return _file(render_doc(content.checklist_doc(audit), fmt), fmt, f"audit-checklist-{audit.pk}")


@login_required
def operation_runs(request: HttpRequest) -> HttpResponse:
    """List the 運用の確認 runs: one's own, or all for the manager and the audit lead."""
    org = _org(request)
    runs = OperationRun.objects.filter(template__organisation_id=org).select_related(
        "template__department", "assignee"
    )
    summary: list[tuple[str, dict[str, int]]] = []
    if _sees_all(_me(request)):
        today = timezone.localdate()
        start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
        end = dt.date(start.year + 1, 3, 31)
        summary = operation.summary_by_department(_me(request).organisation, start, end)
    else:
        runs = runs.filter(assignee=_me(request))
    context = {"runs": runs.order_by("completed_on", "due_on"), "summary": summary}
    return render(request, "audits/operation_runs.html", context)


@login_required
def operation_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill in one 運用の確認 (the assignee) or read it (the manager, the audit lead)."""
    run = get_object_or_404(
        OperationRun.objects.select_related("template"), pk=pk, template__organisation_id=_org(request)
    )
    if run.assignee_id != _me(request).pk and not _sees_all(_me(request)):
        raise Http404
    if request.method == "POST" and run.assignee_id == _me(request).pk and not run.completed_on:
        answers = [
            {"item": text, "answer": request.POST.get(f"a{i}", ""), "comment": request.POST.get(f"c{i}", "")}
            for i, text in enumerate(run.items)
        ]
        if all(a["answer"] in ("yes", "no", "na") for a in answers):
            operation.run_complete(
                run=run, actor=_me(request), answers=answers, completed_on=timezone.localdate()
            )
            messages.success(request, _("The operation check was recorded."))
            return redirect("audits:operation_runs")
        messages.error(request, _("Answer every item."))
    items = list(enumerate(run.items))
    return render(request, "audits/operation_run.html", {"run": run, "items": items})


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """List the management reviews; the manager generates a pack for a period."""
    org = _org(request)
    if not _sees_all(_me(request)):
        raise PermissionDenied
    today = timezone.localdate()
    start = dt.date(today.year - 1 if today.month < 4 else today.year, 4, 1)
    form = ManagementReviewForm(request.POST or None, initial={"period_start": start, "period_end": today})
    if request.method == "POST" and _me(request).role in (Role.MANAGER, Role.EXECUTIVE) and form.is_valid():
        try:
            pack = review.review_create(
                organisation=_me(request).organisation, actor=_me(request), **form.cleaned_data
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("audits:mreview", pk=pack.pk)
    reviews = ManagementReview.objects.filter(organisation_id=org)
    return render(request, "audits/reviews.html", {"reviews": reviews, "form": form})


def _review(request: HttpRequest, pk: int) -> ManagementReview:
    if not _sees_all(_me(request)):
        raise PermissionDenied
    return get_object_or_404(ManagementReview, pk=pk, organisation_id=_org(request))


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the pack; top management records a decision per input, actions, and approves."""
    pack = _review(request, pk)
    is_exec = _me(request).role == Role.EXECUTIVE
    if request.method == "POST" and is_exec:
        try:
            if "approve" in request.POST:
                review.review_approve(review=pack, actor=_me(request), held_on=timezone.localdate())
                messages.success(request, _("The management review was approved."))
            else:
                item = get_object_or_404(ReviewInput, pk=request.POST.get("input"), review=pack)
                review.review_decide(
                    review_input=item,
                    actor=_me(request),
                    decision=request.POST.get("decision", ""),
                    not_applicable=bool(request.POST.get("not_applicable")),
                    reason=request.POST.get("reason", ""),
                )
                if request.POST.get("action") and request.POST.get("owner") and request.POST.get("due_on"):
                    owner = get_object_or_404(
                        User, pk=request.POST["owner"], organisation_id=pack.organisation_id
                    )
                    review.review_action_add(
                        review_input=item,
                        actor=_me(request),
                        description=request.POST["action"],
                        owner=owner,
                        due_on=dt.date.fromisoformat(request.POST["due_on"]),
                    )
        except ValueError as exc:
            messages.error(request, str(exc))
        return redirect("audits:mreview", pk=pk)
    context = {
        "review": pack,
        "inputs": pack.inputs.prefetch_related("actions__owner"),
        "is_executive": is_exec and pack.approved_by_id is None,
        "people": User.objects.filter(organisation_id=pack.organisation_id, is_active=True).order_by(
            "username"
        ),
    }
    return render(request, "audits/review.html", context)


@login_required
@require_POST
def review_action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner (or the manager) marks a review action done."""
    action = get_object_or_404(ReviewAction, pk=pk, review__organisation_id=_org(request))
    try:
        review.review_action_done(action=action, actor=_me(request), done_on=timezone.localdate())
    except ValueError:
        raise PermissionDenied from None
    return redirect("audits:mreview", pk=action.review_id)


@login_required
def review_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Download the minutes as docx or xlsx."""
    pack = _review(request, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    return _file(render_doc(content.minutes_doc(pack), fmt), fmt, f"management-review-{pack.pk}")
