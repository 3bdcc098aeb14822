"""Pages of the mail guard: the held mail list, one message with its decisions, the policy form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.core.services import audit_entries_for
from mamori.mailguard import notify, queries, rules, services
from mamori.mailguard.forms import MailDomainForm, MailPolicyForm
from mamori.mailguard.models import OPEN_STATES, State


@login_required
def message_list(request: HttpRequest) -> HttpResponse:
    """List the guarded mail the user may read; waiting ones first by default."""
    qs = queries.messages_for_user(request.user)
    show = request.GET.get("show", "open")
    if show == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    page = Paginator(qs.order_by("-created_at"), 25).get_page(request.GET.get("page"))
    return render(request, "mailguard/list.html", {"page": page, "show": show})


@login_required
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one message: recipients, subject, attachments, findings (no PII values) and decisions."""
    message = queries.get_message_for_user(request.user, pk)
    user = request.user
    return render(
        request,
        "mailguard/detail.html",
        {
            "message": message,
            "findings": rules.findings_for_display(message.findings),
            "is_sender": queries.is_sender(user, message),
            "can_approve": queries.can_approve(user, message) and message.is_open,
            "can_report": queries.can_report_incident(user, message),
            "audit": audit_entries_for(message),
        },
    )


def message_link(request: HttpRequest, token: str = "") -> HttpResponse:
    """Open the message of a signed link from a notice mail (the login still decides what one sees).

    The mailed link is ``m/#<token>``: the page posts the token (see ``core/link_form.html``), so it
    never appears in a URL the server logs; the answer is a redirect to the message's own page.
    """
    token = token or request.POST.get("token", "").strip()
    if not token:
        return render(request, "mailguard/link.html")
    try:
        pk, _role = notify.read_token(token)
    except signing.BadSignature:
        raise Http404("Invalid or expired link") from None
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("mailguard:detail", args=[pk]))
    message = queries.get_message_for_user(request.user, pk)
    return redirect("mailguard:detail", pk=message.pk)


def _act(
    request: HttpRequest, pk: int, allowed: Callable[[Any, Any], bool], action: Callable[..., Any], done: str
) -> HttpResponse:
    message = queries.get_message_for_user(request.user, pk)
    if not allowed(request.user, message):
        raise PermissionDenied
    try:
        action(message=message, actor=request.user)
    except services.ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done % {"number": message.pk})
    return redirect("mailguard:detail", pk=message.pk)


@login_required
@require_POST
def message_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a held message (sender)."""
    return _act(
        request, pk, queries.is_sender, services.held_message_cancel, _("Mail #%(number)s was cancelled.")
    )


@login_required
@require_POST
def message_send_now(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a held message now (sender)."""
    return _act(
        request,
        pk,
        queries.is_sender,
        services.held_message_send_now,
        _("Mail #%(number)s will be sent now."),
    )


@login_required
@require_POST
def message_request_approval(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for approval instead of waiting for the delay (sender)."""
    return _act(
        request,
        pk,
        queries.is_sender,
        services.held_message_request_approval,
        _("Mail #%(number)s now waits for approval."),
    )


@login_required
@require_POST
def message_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve a message (approver)."""
    return _act(
        request, pk, queries.can_approve, services.held_message_approve, _("Mail #%(number)s was approved.")
    )


@login_required
@require_POST
def message_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject a message (approver)."""
    return _act(
        request, pk, queries.can_approve, services.held_message_reject, _("Mail #%(number)s was rejected.")
    )


@login_required
@require_POST
def message_report_incident(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a delivered message into an incident, recipients masked and findings pre-filled."""
    message = queries.get_message_for_user(request.user, pk)
    if not queries.can_report_incident(request.user, message):
        raise PermissionDenied
    try:
        incident = services.held_message_report_incident(message=message, actor=request.user)
    except services.ActionError as exc:
        messages.error(request, str(exc))
        return redirect("mailguard:detail", pk=message.pk)
    messages.success(
        request, _("Incident %(number)s was created from the mail.") % {"number": incident.number}
    )
    return redirect("incidents:detail", pk=incident.pk)


def _require_manager(request: HttpRequest) -> Any:
    user: Any = request.user
    if user.organisation_id is None or not user.is_pms_manager:
        raise PermissionDenied
    return user


def _policy_page(request: HttpRequest, form: MailPolicyForm, domain_form: MailDomainForm) -> HttpResponse:
    user: Any = request.user
    context = {
        "form": form,
        "domain_form": domain_form,
        "domains": queries.domains_of(user.organisation_id),
        "states": State,
    }
    return render(request, "mailguard/policy.html", context)


@login_required
def policy_edit(request: HttpRequest) -> HttpResponse:
    """Show the organisation's mail domains and let the manager set the policy."""
    user = _require_manager(request)
    record = queries.policy_for_organisation(user.organisation)
    form = MailPolicyForm(
        request.POST or None, initial=MailPolicyForm.initial_from(record), organisation=user.organisation
    )
    if request.method == "POST" and form.is_valid():
        services.mail_policy_save(organisation=user.organisation, actor=user, **form.policy_values())
        messages.success(request, _("The mail policy was saved."))
        return redirect("mailguard:policy")
    return _policy_page(request, form, MailDomainForm())


@login_required
@require_POST
def domain_claim(request: HttpRequest) -> HttpResponse:
    """Claim a mail domain for the manager's organisation."""
    user = _require_manager(request)
    domain_form = MailDomainForm(request.POST)
    if domain_form.is_valid():
        try:
            claim = services.mail_domain_claim(
                organisation=user.organisation, domain=domain_form.cleaned_data["domain"], actor=user
            )
        except services.DomainClaimError as exc:
            domain_form.add_error("domain", str(exc))
        else:
            if claim.is_verified:
                messages.success(request, _("The domain %(domain)s is now yours.") % {"domain": claim.domain})
            else:
                messages.info(
                    request, _("The domain %(domain)s waits for verification.") % {"domain": claim.domain}
                )
            return redirect("mailguard:policy")
    record = queries.policy_for_organisation(user.organisation)
    form = MailPolicyForm(initial=MailPolicyForm.initial_from(record), organisation=user.organisation)
    return _policy_page(request, form, domain_form)


@login_required
@require_POST
def domain_release(request: HttpRequest, pk: int) -> HttpResponse:
    """Give up one of the organisation's mail domains."""
    user = _require_manager(request)
    domain = next((d for d in queries.domains_of(user.organisation_id) if d.pk == pk), None)
    if domain is None:
        raise Http404("No such domain")
    services.mail_domain_release(domain=domain, actor=user)
    messages.success(request, _("The domain %(domain)s was released.") % {"domain": domain.domain})
    return redirect("mailguard:policy")
