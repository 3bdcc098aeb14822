from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "stats.export.created": _("Register exported"),
}


class StatsConfig(AppConfig):
    name = "mamori.stats"
    label = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        audit_labels.register(AUDIT_LABELS)
