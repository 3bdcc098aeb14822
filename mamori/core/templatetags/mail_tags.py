"""The notice that a mail of mamori did not leave, shown on the record's page and the dashboard."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mamori.core import mail
from mamori.core.models import MailDelivery, Organisation

register = template.Library()
URL_RE = re.compile(r"https?://[^\s<>\"'（）「」、。]+")


@register.filter
def linkify(text: str) -> SafeString:
    """Return ``text`` escaped with its URLs as links (also right after Japanese punctuation such as ：)."""
    escaped = escape(text)
    return mark_safe(  # noqa: S308 - the text is escaped above; only the matched URL becomes markup
        URL_RE.sub(lambda m: f'<a href="{m.group(0)}" rel="noopener noreferrer">{m.group(0)}</a>', escaped)
    )


def recipient_label(delivery: MailDelivery, names: dict[str, str]) -> str:
    """Return the recipient as a person's name, or the address masked (a***@example.com)."""
    name = names.get(delivery.to.lower())
    if name:
        return name
    local, _sep, domain = delivery.to.partition("@")
    return f"{local[:1]}***@{domain}"


def failures_context(deliveries: list[MailDelivery], user: Any, request: Any) -> dict[str, Any]:
    addresses = {d.to.lower() for d in deliveries}
    names = {
        u.email.lower(): str(u)
        for u in get_user_model().objects.filter(email__in=[d.to for d in deliveries])
        if u.email.lower() in addresses
    }
    rows = [
        {
            "delivery": d,
            "what": mail.kind_label(d.kind),
            "to": recipient_label(d, names),
            "reason": mail.reason_text(d.error_code),
        }
        for d in deliveries
    ]
    return {
        "rows": rows,
        "can_retry": getattr(user, "is_pms_manager", False),
        "request": request,
    }


@register.inclusion_tag("core/partials/mail_failures.html", takes_context=True)
def mail_failures(context: dict[str, Any], about: models.Model) -> dict[str, Any]:
    """Render the mails about ``about`` (a record, or an organisation for all of it) that did not leave."""
    if isinstance(about, Organisation):
        queryset = MailDelivery.objects.filter(organisation=about)
    else:
        queryset = mail.deliveries_about(about)
    deliveries = list(mail.unsent(queryset).order_by("-created_at")[:20])
    request = context.get("request")
    out = failures_context(deliveries, getattr(request, "user", None), request)
    out["csrf_token"] = context.get("csrf_token")
    out["whole_organisation"] = isinstance(about, Organisation)
    return out
