"""Pages of incident response (thin: forms in, services and queries out)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.incidents.queries import can_triage, get_incident_for_user
from mamori.response import mails, queries, services
from mamori.response.forms import ChainStepForm, TaskAddForm, TaskForm
from mamori.response.models import ChainNotification


@login_required
def chain(request: HttpRequest) -> HttpResponse:
    """Show the emergency chain to every member; the manager adds steps here."""
    if request.user.organisation_id is None:  # type: ignore[union-attr]
        raise Http404
    editable = queries.can_edit_chain(request.user)
    form = None
    if editable:
        form = ChainStepForm(request.POST or None, organisation_id=request.user.organisation_id)  # type: ignore[union-attr]
        if request.method == "POST" and form.is_valid():
            services.chain_step_create(
                organisation=request.user.organisation,  # type: ignore[union-attr]
                actor=request.user,
                **form.cleaned_data,
            )
            messages.success(request, _("The step was added."))
            return redirect("response:chain")
    elif request.method == "POST":
        raise PermissionDenied
    steps = queries.chain_for_user(request.user)
    return render(request, "response/chain.html", {"steps": steps, "form": form, "editable": editable})


@login_required
def chain_step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the manager change one step."""
    step = queries.get_step_for_user(request.user, pk)
    if not queries.can_edit_chain(request.user):
        raise PermissionDenied
    form = ChainStepForm(request.POST or None, instance=step, organisation_id=step.organisation_id)
    if request.method == "POST" and form.is_valid():
        services.chain_step_update(step=step, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The step was saved."))
        return redirect("response:chain")
    return render(request, "response/chain_step.html", {"form": form, "step": step})


@login_required
@require_POST
def chain_step_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the manager remove one step."""
    step = queries.get_step_for_user(request.user, pk)
    if not queries.can_edit_chain(request.user):
        raise PermissionDenied
    services.chain_step_delete(step=step, actor=request.user)
    messages.success(request, _("The step was removed."))
    return redirect("response:chain")


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """List the open response tasks the user owns (number and task only, no details of the incident)."""
    tasks = list(queries.tasks_for_user(request.user))
    return render(request, "response/my_tasks.html", {"tasks": tasks})


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the owner, due date and done mark of a task (the manager and the task's owner)."""
    task = queries.get_task_for_user(request.user, pk)
    if not queries.can_edit_task(request.user, task):
        raise PermissionDenied
    form = TaskForm(
        request.POST,
        organisation_id=task.incident.organisation_id,
        department_id=task.incident.department_id,
        current_owner=task.owner,
    )
    if form.is_valid():
        services.task_update(task=task, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The task was saved."))
    else:
        messages.error(request, _("The task was not saved: please check the owner and the date."))
    return _back(request, reverse("response:my_tasks"))


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the manager add a task to an incident's checklist."""
    incident = get_incident_for_user(request.user, pk)
    if not can_triage(request.user, incident):
        raise PermissionDenied
    form = TaskAddForm(
        request.POST, organisation_id=incident.organisation_id, department_id=incident.department_id
    )
    if form.is_valid():
        services.task_add(incident=incident, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The task was added."))
    else:
        messages.error(request, _("The task was not added: please give a phase and a task."))
    return redirect(reverse("incidents:detail", args=[incident.pk]) + "#response")


@login_required
@require_POST
def checklist_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the manager copy the checklist template of the incident's kind into tasks."""
    incident = get_incident_for_user(request.user, pk)
    if not can_triage(request.user, incident):
        raise PermissionDenied
    created = services.checklist_create(incident=incident, actor=request.user)
    messages.success(request, _("%(n)s tasks were added.") % {"n": len(created)})
    return redirect(reverse("incidents:detail", args=[incident.pk]) + "#response")


@login_required
@require_POST
def incident_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Acknowledge the emergency notification from the incident page."""
    incident = get_incident_for_user(request.user, pk)
    notification = queries.notification_to_acknowledge(request.user, incident)
    if notification is None:
        raise PermissionDenied
    services.chain_acknowledge(notification=notification, email=request.user.email, actor=request.user)  # type: ignore[union-attr]
    messages.success(request, _("Your acknowledgement was recorded."))
    return redirect(reverse("incidents:detail", args=[incident.pk]) + "#response")


def acknowledge(request: HttpRequest, token: str = "") -> HttpResponse:
    """Record an acknowledgement from the link in the mail; no login (outside counsel has no account).

    The mailed link is ``/response/ack/#<token>``: the token never reaches the server in a URL, so it
    stays out of the access logs. The page posts it (a small script, or the reader pastes it), and the
    answer shows the notification with one button. Neither a GET nor that first POST records anything,
    because mail scanners open, and may script, links on their own; only the button does.
    """
    token = token or request.POST.get("token", "").strip()
    if not token:
        return render(request, "response/ack.html", {"ask": True})
    try:
        notification_id, email = mails.read_ack_token(token)
        notification = ChainNotification.objects.select_related("incident").get(pk=notification_id)
    except (signing.BadSignature, ChainNotification.DoesNotExist):
        return render(request, "response/ack.html", {"invalid": True}, status=404)
    user: Any = request.user
    # Only a member of the incident's organisation is named in its timeline; anyone else logged in is
    # asked to log out or use the link in a private window (then it records the mailed address).
    foreign = user.is_authenticated and user.organisation_id != notification.incident.organisation_id
    confirmed = request.method == "POST" and "acknowledge" in request.POST
    recorded = False
    if confirmed and not foreign:
        actor = user if user.is_authenticated else None
        recorded = services.chain_acknowledge(notification=notification, email=email, actor=actor)
        notification.refresh_from_db()
    context = {
        "notification": notification,
        "incident": notification.incident,
        "recorded": recorded,
        "foreign": foreign,
        "token": token,
    }
    return render(request, "response/ack.html", context, status=403 if foreign and confirmed else 200)
