from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "scans.token.created": _("Scan upload token created"),
    "scans.token.revoked": _("Scan upload token revoked"),
    "scans.run.received": _("Scan results received"),
}


class ScansConfig(AppConfig):
    name = "mamori.scans"
    label = "scans"
    verbose_name = _("Scan results")

    def ready(self) -> None:
        audit_labels.register(AUDIT_LABELS)
