"""Training reminder mails: the course, the due date and a link; never scores or personal details."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mamori.training.models import Assignment

log = logging.getLogger(__name__)


def send_reminder(assignment_id: int, kind: str) -> bool:
    """Mail one reminder to the assignment's employee; a failure is logged and returns False."""
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
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [a.user.email])
    except OSError as exc:
        log.error("training reminder for assignment %s failed: %s", a.pk, exc.__class__.__name__)
        return False
    return True
