"""Pages of corrective actions (thin: forms in, services and queries out)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.audits import queries, services
from mamori.audits.forms import CompleteForm, CorrectiveActionForm, ReviewForm
from mamori.incidents.queries import get_incident_for_user

PAGE_SIZE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Link the audit pages the user may open: the cycle's plan, checks, reviews and corrective actions."""
    if request.user.organisation_id is None:  # type: ignore[union-attr]
        raise Http404
    return render(request, "audits/index.html")


@login_required
def ca_list(request: HttpRequest) -> HttpResponse:
    """List the corrective actions the user may read, open ones first."""
    if request.user.organisation_id is None:  # type: ignore[union-attr]
        raise Http404
    actions = queries.corrective_actions_for_user(request.user).order_by("completed_on", "due_on", "id")
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audits/list.html",
        {"actions": page.object_list, "page": page, "can_manage": queries.can_manage(request.user)},
    )


@login_required
def ca_create(request: HttpRequest) -> HttpResponse:
    """Let the manager record a corrective action, for an incident when ``?incident=`` is given."""
    if request.user.organisation_id is None:  # type: ignore[union-attr]
        raise Http404
    incident_pk = request.GET.get("incident") or request.POST.get("incident")
    incident = get_incident_for_user(request.user, incident_pk) if incident_pk else None
    finding_pk = request.GET.get("finding") or request.POST.get("finding")
    finding = queries.get_finding_for_user(request.user, finding_pk) if finding_pk else None
    if not queries.can_manage(request.user):
        raise PermissionDenied
    initial = {"title": finding.description[:200]} if finding else None
    org_id = request.user.organisation_id  # type: ignore[union-attr]
    form = CorrectiveActionForm(request.POST or None, initial=initial, organisation_id=org_id)
    if request.method == "POST" and form.is_valid():
        ca = services.corrective_action_create(
            actor=request.user, incident=incident, finding=finding, **form.cleaned_data
        )
        messages.success(request, _("The corrective action was recorded."))
        return redirect("audits:detail", pk=ca.pk)
    return render(
        request, "audits/form.html", {"form": form, "incident": incident, "finding": finding, "ca": None}
    )


@login_required
def ca_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the manager change a corrective action."""
    ca = queries.get_corrective_action_for_user(request.user, pk)
    if not queries.can_manage(request.user):
        raise PermissionDenied
    initial = {name: getattr(ca, name) for name in services.CA_FIELDS}
    form = CorrectiveActionForm(request.POST or None, initial=initial, organisation_id=ca.organisation_id)
    if request.method == "POST" and form.is_valid():
        services.corrective_action_update(ca=ca, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The corrective action was saved."))
        return redirect("audits:detail", pk=ca.pk)
    return render(request, "audits/form.html", {"form": form, "incident": ca.incident, "ca": ca})


@login_required
def ca_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one corrective action with its completion and review."""
    ca = queries.get_corrective_action_for_user(request.user, pk)
    manage = queries.can_manage(request.user)
    context = {
        "ca": ca,
        "can_manage": manage,
        "complete_form": CompleteForm()
        if queries.can_complete(request.user, ca) and not ca.is_done
        else None,
        "review_form": ReviewForm() if manage and ca.is_done and not ca.closed_on else None,
        "can_close": manage and ca.can_close and not ca.closed_on,
    }
    return render(request, "audits/detail.html", context)


@login_required
@require_POST
def ca_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the action carried out (the manager and the owner)."""
    ca = queries.get_corrective_action_for_user(request.user, pk)
    if not queries.can_complete(request.user, ca):
        raise PermissionDenied
    form = CompleteForm(request.POST)
    if form.is_valid():
        services.corrective_action_complete(ca=ca, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The action was marked as completed."))
    else:
        messages.error(request, _("Please give the date it was completed (not in the future)."))
    return redirect("audits:detail", pk=ca.pk)


@login_required
@require_POST
def ca_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the effectiveness review (the manager, after completion)."""
    ca = queries.get_corrective_action_for_user(request.user, pk)
    if not queries.can_manage(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST, completed_on=ca.completed_on)
    if ca.is_done and form.is_valid():
        services.corrective_action_review(ca=ca, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The effectiveness review was recorded."))
    else:
        messages.error(
            request, _("The review was not recorded: complete the action first and check the date.")
        )
    return redirect("audits:detail", pk=ca.pk)


@login_required
@require_POST
def ca_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the action (the manager), only after an effectiveness review found it effective."""
    ca = queries.get_corrective_action_for_user(request.user, pk)
    if not queries.can_manage(request.user):
        raise PermissionDenied
    try:
        services.corrective_action_close(ca=ca, actor=request.user, closed_on=timezone.localdate())
        messages.success(request, _("The corrective action was closed."))
    except ValueError:
        messages.error(request, _("Close the action after an effectiveness review found it effective."))
    return redirect("audits:detail", pk=ca.pk)
