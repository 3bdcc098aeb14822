from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponseConfig(AppConfig):
    name = "mamori.response"
    label = "response"
    verbose_name = _("Incident response")

    def ready(self) -> None:
        from mamori.core import periodic
        from mamori.response import jobs

        periodic.register("response_escalation", jobs.escalate_chains)
        periodic.register("response_reminders", jobs.send_reminders)
