from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "training.course.created": _("Course created"),
    "training.course.updated": _("Course changed"),
    "training.course.installed": _("Built-in course installed"),
    "training.course.repaired": _("Built-in course answers repaired"),
    "training.lesson.created": _("Lesson added"),
    "training.lesson.updated": _("Lesson changed"),
    "training.question.created": _("Question added"),
    "training.question.updated": _("Question changed"),
    "training.image.uploaded": _("Lesson image uploaded"),
    "training.campaign.created": _("Campaign started"),
    "training.campaign.synced": _("Campaign assignees updated"),
    "training.attempt.started": _("Test started"),
    "training.attempt.submitted": _("Test submitted"),
    "training.reminder.sent": _("Training reminder sent"),
    "training.records.exported": _("Training records exported"),
    "training.rules.created": _("Rules document created"),
    "training.rules.version_added": _("Rules version added"),
    "training.rules.acknowledged": _("Rules read and acknowledged"),
}


class TrainingConfig(AppConfig):
    name = "mamori.training"
    label = "training"
    verbose_name = _("Training and rules")

    def ready(self) -> None:
        from mamori.core import mail
        from mamori.core.periodic import register
        from mamori.training import notify
        from mamori.training.services.reminders import reminders_send

        audit_labels.register(AUDIT_LABELS)
        mail.register_kind(notify.KIND, _("Training reminder mail"))
        register("training_reminders", reminders_send)
