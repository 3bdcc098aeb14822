"""Tell the sender and the approvers about a held message: kinds of findings and links, no PII values.

Links are signed tokens (``django.core.signing``) to pages that still require a login: a link alone
cannot cancel or release mail. One-click actions in mail were rejected on purpose: mail security
scanners (Safe Links and the like) open every link in a mail, and would release or cancel it.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from mamori.core import mail
from mamori.core.models import MailDelivery
from mamori.mailguard.models import HeldMessage, State
from mamori.mailguard.queries import approvers_for

# What each finding is about, without its values: the notice names the kind, the page shows the rest.
CODE_LABELS = {
    "EXTERNAL_RECIPIENTS": gettext_lazy("Recipients outside the organisation"),
    "MULTIPLE_EXTERNAL_DOMAINS": gettext_lazy("Several outside organisations in one mail"),
    "EXPOSED_RECIPIENTS": gettext_lazy("Outside recipients can see each other (To/Cc instead of Bcc)"),
    "LOOKALIKE_DOMAIN": gettext_lazy("A recipient domain looks like a known one"),
    "FIRST_TIME_DOMAIN": gettext_lazy("First mail to a domain"),
    "FIRST_TIME_RECIPIENT": gettext_lazy("First mail to a recipient"),
    "NAME_DOMAIN_MISMATCH": gettext_lazy("Name and address of a recipient do not match"),
    "PII_IN_BODY": gettext_lazy("Personal data in the body"),
    "PII_IN_ATTACHMENT": gettext_lazy("Personal data in an attachment"),
    "UNENCRYPTED_ATTACHMENT_WITH_PII": gettext_lazy("Unprotected attachment with personal data"),
    "ENCRYPTED_ARCHIVE": gettext_lazy("Encrypted attachment that cannot be checked"),
    "ATTACHMENT_NOT_SCANNABLE": gettext_lazy("Attachment that could not be checked"),
    "MANY_RECIPIENTS": gettext_lazy("Many recipients"),
    "MALFORMED_MESSAGE": gettext_lazy("Mail structure too broken to check"),
}
NOTICE_KIND = "mailguard.notice"
mail.register_kind(NOTICE_KIND, gettext_lazy("Mail guard notice"))
TOKEN_SALT = "mamori.mailguard.link"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE = 14 * 24 * 3600


def link_token(message_id: int, role: str) -> str:
    """Return the signed token of a link to one message (``role`` is ``sender`` or ``approver``)."""
    return signing.dumps({"m": message_id, "r": role}, salt=TOKEN_SALT, compress=True)


def read_token(token: str) -> tuple[int, str]:
    """Return (message id, role) of a valid token; raise :class:`signing.BadSignature` otherwise."""
    data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    return int(data["m"]), str(data["r"])


def link(message_id: int, role: str) -> str:
    """Return the absolute URL of the signed link, the token after "#" (kept out of access logs)."""
    return f"{settings.SITE_URL}{reverse('mailguard:link_open')}#{link_token(message_id, role)}"


def _send(subject: str, template: str, context: dict[str, object], to: list[str], message_id: int) -> int:
    if not to:
        return 0
    body = render_to_string(template, context)
    message = HeldMessage.objects.get(pk=message_id)
    deliveries = [
        mail.queue(
            kind=NOTICE_KIND,
            to=address,
            subject=subject,
            body=body,
            about=message,
            page=reverse("mailguard:detail", args=[message.pk]),
        )
        for address in to
    ]
    # Sent at once outside a transaction (the callers run on commit); failures are retried by runperiodic.
    return MailDelivery.objects.filter(
        pk__in=[d.pk for d in deliveries], state=MailDelivery.State.SENT
    ).count()


def _context(message: HeldMessage, role: str) -> dict[str, object]:
    codes = list(dict.fromkeys(f["code"] for f in message.findings))
    return {
        "message": message,
        "codes": [(CODE_LABELS.get(code, code), code) for code in codes],
        "url": link(message.pk, role),
        "external_count": len(message.recipients),
        "attachment_count": len(message.attachments),
    }


def notify_sender(message_id: int) -> int:
    """Mail the sender the state of their message (held, waiting, rejected, failed) with the link."""
    from django.utils.translation import gettext as _

    message = HeldMessage.objects.select_related("sender").get(pk=message_id)
    to = [message.sender.email] if message.sender and message.sender.email else [message.mail_from]
    with translation.override(settings.LANGUAGE_CODE):
        subjects: dict[str, str] = {
            State.HELD: _("[mamori] Your mail #%(number)s is held for review"),
            State.AWAITING_APPROVAL: _("[mamori] Your mail #%(number)s is waiting for approval"),
            State.REJECTED: _("[mamori] Your mail #%(number)s was not sent"),
            State.FAILED: _("[mamori] Your mail #%(number)s could not be delivered"),
        }
        subject = subjects.get(message.state)
        if subject is None:
            return 0
        return _send(
            subject % {"number": message.pk},
            "mailguard/mail/sender.txt",
            _context(message, "sender"),
            to,
            message.pk,
        )


def notify_approvers(message_id: int) -> int:
    """Mail the approvers that a message waits for their decision, with the link."""
    from django.utils.translation import gettext as _

    message = HeldMessage.objects.select_related("sender").get(pk=message_id)
    to = [u.email for u in approvers_for(message) if u.email]
    with translation.override(settings.LANGUAGE_CODE):
        return _send(
            _("[mamori] Mail #%(number)s waits for your approval") % {"number": message.pk},
            "mailguard/mail/approver.txt",
            _context(message, "approver"),
            to,
            message.pk,
        )
