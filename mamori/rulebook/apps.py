from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``). The codes keep
#: the ``training.`` prefix they were first written with: entries already in the log stay readable.
AUDIT_LABELS = {
    "training.rules.created": _("Rules document created"),
    "training.rules.version_added": _("Rules version added"),
    "training.rules.acknowledged": _("Rules read and acknowledged"),
}


class RulebookConfig(AppConfig):
    """Internal rules documents (内部規程): versions in force, and who has read them."""

    name = "mamori.rulebook"
    label = "rulebook"
    verbose_name = _("Internal rules")

    def ready(self) -> None:
        audit_labels.register(AUDIT_LABELS)
