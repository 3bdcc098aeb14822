from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "response.chain.notified": _("Emergency chain notified"),
    "response.chain.not_notified": _("Emergency chain mail not sent"),
    "response.chain.escalated": _("Emergency chain escalated"),
    "response.chain.acknowledged": _("Emergency notification acknowledged"),
    "response.chain_step.created": _("Emergency chain step added"),
    "response.chain_step.changed": _("Emergency chain step changed"),
    "response.chain_step.deleted": _("Emergency chain step removed"),
    "response.checklist.created": _("Response checklist created"),
    "response.task.added": _("Response task added"),
    "response.task.changed": _("Response task changed"),
    "response.reminder.sent": _("Reminder sent"),
}


class ResponseConfig(AppConfig):
    name = "mamori.response"
    label = "response"
    verbose_name = _("Incident response")

    def ready(self) -> None:
        from mamori.core import mail, periodic
        from mamori.incidents import services as incidents
        from mamori.response import jobs, mails, services

        audit_labels.register(AUDIT_LABELS)
        incidents.register_on_reported(services.chain_start)
        periodic.register("response_escalation", jobs.escalate_chains)
        periodic.register("response_reminders", jobs.send_reminders)
        mail.register_kind(mails.CHAIN_KIND, _("Emergency chain mail"), listener=services.chain_mail_outcome)
        mail.register_kind(
            mails.REMINDER_KIND, _("Deadline reminder mail"), listener=services.reminder_mail_outcome
        )
