"""Training reminder mails: the course, the due date and a link; never scores or personal details."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mamori.core import mail
from mamori.core.models import MailDelivery
from mamori.training.models import Assignment

KIND = "training.reminder"


def send_reminder(assignment_id: int, kind: str) -> bool:
    """Mail one reminder to the assignment's employee; return whether it left (else it is retried)."""
    a = Assignment.objects.select_related("campaign__course", "user").get(pk=assignment_id)
    if not a.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        if kind == "overdue":
            subject = _("[mamori] Training overdue: %(course)s") % {"course": a.campaign.course.title}
            lead = _("The due date of this training has passed. Please take it as soon as possible.")
        else:
            subject = _("[mamori] Training due soon: %(course)s") % {"course": a.campaign.course.title}
            lead = _("This training is due soon.")
        body = _("%(lead)s\n\nCourse: %(course)s\nDue date: %(due)s\n\nOpen it here: %(url)s\n") % {
            "lead": lead,
            "course": a.campaign.course.title,
            "due": a.due_date.isoformat(),
            "url": settings.SITE_URL + reverse("training:assignment", args=[a.pk]),
        }
    delivery = mail.queue(
        kind=KIND,
        to=a.user.email,
        subject=subject,
        body=body,
        about=a,
        organisation=a.campaign.organisation,
        data={"kind": kind},
        page=reverse("training:campaign", args=[a.campaign_id]),
    )
    delivery.refresh_from_db()
    return delivery.state == MailDelivery.State.SENT
