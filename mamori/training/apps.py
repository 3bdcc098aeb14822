from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "mamori.training"
    label = "training"
    verbose_name = _("Training and rules")

    def ready(self) -> None:
        from mamori.core.periodic import register
        from mamori.training.services import employees_deactivate_leavers, reminders_send

        register("training_leavers", employees_deactivate_leavers)
        register("training_reminders", reminders_send)
