from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "ledger.entry.created": _("Ledger row added"),
    "ledger.entry.changed": _("Ledger row changed (new version)"),
    "ledger.entry.approved": _("Ledger row version approved"),
    "ledger.entry.reviewed": _("Ledger row reviewed unchanged"),
    "ledger.risk.added": _("Risk added"),
    "ledger.risk.changed": _("Risk changed"),
    "ledger.risk.deleted": _("Risk removed"),
    "ledger.risks.approved": _("Risk assessment approved by top management"),
    "ledger.risks.approval_invalidated": _("Risk approval invalidated by a change"),
    "ledger.risks.exported": _("Risk assessment exported"),
    "ledger.campaign.created": _("Ledger review started"),
    "ledger.notice.settings_changed": _("Notice facts changed"),
    "ledger.notice.published": _("Notice recorded as published"),
    "ledger.export.created": _("Ledger exported"),
    "ledger.scan.compared": _("Scan result compared with the ledger"),
}


class LedgerConfig(AppConfig):
    name = "mamori.ledger"
    label = "ledger"
    verbose_name = _("Personal-information ledger")

    def ready(self) -> None:
        audit_labels.register(AUDIT_LABELS)
