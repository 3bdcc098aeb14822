"""Mail the personal information protection managers about a new report (no personal data in the mail)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mamori.accounts.models import Role, User
from mamori.incidents.models import Incident

log = logging.getLogger(__name__)


def notify_new_incident(incident_id: int) -> int:
    """Send the new-report mail to every active manager of the organisation; return how many got it.

    The mail carries the number, the kind and a link, never the description: the record holds the facts
    and only people allowed to read it can open the link. A mail failure is logged (without personal
    data) and never loses the report, which is already committed.
    """
    incident = Incident.objects.select_related("department").get(pk=incident_id)
    recipients = list(
        User.objects.filter(organisation_id=incident.organisation_id, role=Role.MANAGER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        kind = _("Near miss") if incident.is_near_miss else _("Accident")
        subject = _("[mamori] New report %(number)s (%(kind)s)") % {"number": incident.number, "kind": kind}
        body = _(
            "A new report was received.\n\nNumber: %(number)s\nKind: %(kind)s (%(event_class)s)\n"
            "Department: %(department)s\n\nOpen it to triage: %(url)s\n"
        ) % {
            "number": incident.number,
            "kind": kind,
            "event_class": incident.get_event_class_display() or "-",
            "department": incident.department.name if incident.department else "-",
            "url": settings.SITE_URL + reverse("incidents:detail", args=[incident.pk]),
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError as exc:
        log.error("new-report mail for incident %s failed: %s", incident.pk, exc.__class__.__name__)
        return 0
    return len(recipients)
