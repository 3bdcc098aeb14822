from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "mamori.reports"
    label = "reports"
    verbose_name = _("Reports and notices")

    def ready(self) -> None:
        from mamori.reports.deadlines import filed_reminder_kinds
        from mamori.response import reminders

        reminders.register_filed_provider(filed_reminder_kinds)
