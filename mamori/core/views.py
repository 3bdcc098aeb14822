"""Pages of the ground layer that need no domain app."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.core import inbox, mail, services
from mamori.core.models import MailDelivery


def healthz(request: HttpRequest) -> HttpResponse:
    """Answer the load balancer's health check."""
    return HttpResponse("ok", content_type="text/plain")


@require_POST
@login_required
def mail_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Try a mail that did not leave once more, now (the manager's button on the failure notice)."""
    user = request.user
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None or not getattr(user, "is_pms_manager", False):
        raise Http404
    delivery = MailDelivery.objects.filter(pk=pk, organisation_id=organisation_id).first()
    if delivery is None:
        raise Http404
    services.log_action(delivery, "core.mail.retried", actor=user, data={"kind": delivery.kind})
    result = mail.retry_now(delivery)
    if result is not None and result.state == MailDelivery.State.SENT:
        messages.success(request, _("The mail was sent."))
    elif result is not None:
        messages.warning(
            request,
            _("The mail could not be sent: %(reason)s") % {"reason": mail.reason_text(result.error_code)},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)


@login_required
def trial_inbox(request: HttpRequest) -> HttpResponse:
    """Show the mails kept inside mamori while the trial inbox replaces a mail server."""
    if not inbox.is_on():
        raise Http404
    return render(request, "core/trial_inbox.html", {"mails": inbox.mails_for(request.user)})
