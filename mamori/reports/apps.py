from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "mamori.reports"
    label = "reports"
    verbose_name = _("Reports and notices")

    def ready(self) -> None:
        from mamori.incidents import filings
        from mamori.reports.deadlines import filed_deadline_kinds

        filings.register_filed_provider(filed_deadline_kinds)
