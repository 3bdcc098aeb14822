from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "audits.corrective_action.created": _("Corrective action recorded"),
    "audits.corrective_action.changed": _("Corrective action changed"),
    "audits.corrective_action.completed": _("Corrective action completed"),
    "audits.corrective_action.reviewed": _("Effectiveness reviewed"),
    "audits.corrective_action.closed": _("Corrective action closed"),
    "audits.programme.created": _("Audit programme created"),
    "audits.programme.approved": _("Audit programme approved"),
    "audits.audit.planned": _("Audit planned"),
    "audits.audit.conducted": _("Audit conducted"),
    "audits.checklist.built": _("Checklist built"),
    "audits.item.answered": _("Check item answered"),
    "audits.finding.recorded": _("Audit finding recorded"),
    "audits.finding.acknowledged": _("Audit finding acknowledged"),
    "audits.report.approved": _("Audit report approved"),
    "audits.operation_template.created": _("Operation check template created"),
    "audits.operation_run.completed": _("Operation check completed"),
    "audits.review.created": _("Management review pack generated"),
    "audits.review.decided": _("Review decision recorded"),
    "audits.review.action_added": _("Review action added"),
    "audits.review.action_done": _("Review action done"),
    "audits.review.approved": _("Management review approved"),
}


class AuditsConfig(AppConfig):
    name = "mamori.audits"
    label = "audits"
    verbose_name = _("Audits and corrective actions")

    def ready(self) -> None:
        from mamori.audits.operation import MAIL_REMINDER, MAIL_RESULT, periodic_job
        from mamori.core import mail, periodic

        audit_labels.register(AUDIT_LABELS)
        periodic.register("operation_checks", periodic_job)
        mail.register_kind(MAIL_REMINDER, _("Operation check reminder"))
        mail.register_kind(MAIL_RESULT, _("Operation check results"))
