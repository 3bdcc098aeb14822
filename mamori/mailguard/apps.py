from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "mailguard.message.held": _("Mail held"),
    "mailguard.message.approval_requested": _("Approval requested"),
    "mailguard.message.approved": _("Mail approved"),
    "mailguard.message.rejected": _("Mail rejected"),
    "mailguard.message.rejected_by_policy": _("Mail rejected by the policy"),
    "mailguard.message.cancelled": _("Mail cancelled by the sender"),
    "mailguard.message.sent_now": _("Mail sent at once by the sender"),
    "mailguard.message.delivered": _("Mail delivered"),
    "mailguard.message.failed": _("Delivery failed"),
    "mailguard.message.incident_reported": _("Near miss reported from the mail"),
    "mailguard.policy.created": _("Mail guard policy created"),
    "mailguard.policy.changed": _("Mail guard policy changed"),
    "mailguard.domain.claimed": _("Mail domain claimed"),
    "mailguard.domain.verified": _("Mail domain verified"),
    "mailguard.domain.released": _("Mail domain released"),
    "mailguard.domain.claim_dropped": _("Competing mail domain claim dropped"),
}


class MailguardConfig(AppConfig):
    name = "mamori.mailguard"
    label = "mailguard"
    verbose_name = _("Mail guard")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mamori.core import mail, periodic
        from mamori.mailguard import queries, release

        audit_labels.register(AUDIT_LABELS)
        periodic.register("mailguard_release", release.periodic_release)
        mail.register_sender(queries.notice_sender)
