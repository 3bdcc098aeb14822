from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "mamori.audits"
    label = "audits"
    verbose_name = _("Audits and corrective actions")

    def ready(self) -> None:
        from mamori.core.templatetags.mamori_tags import ACTION_LABELS

        ACTION_LABELS.update(
            {
                "audits.corrective_action.created": _("Corrective action recorded"),
                "audits.corrective_action.changed": _("Corrective action changed"),
                "audits.corrective_action.completed": _("Corrective action completed"),
                "audits.corrective_action.reviewed": _("Effectiveness reviewed"),
            }
        )
