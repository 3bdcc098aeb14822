from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "reports.report.filed": _("Report filed"),
    "reports.details.updated": _("Report details updated"),
}


class ReportsConfig(AppConfig):
    name = "mamori.reports"
    label = "reports"
    verbose_name = _("Reports and notices")

    def ready(self) -> None:
        from mamori.incidents import filings
        from mamori.reports.deadlines import filed_deadline_kinds

        audit_labels.register(AUDIT_LABELS)
        filings.register_filed_provider(filed_deadline_kinds)
