from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailguardConfig(AppConfig):
    name = "mamori.mailguard"
    label = "mailguard"
    verbose_name = _("Mail guard")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mamori.core import periodic
        from mamori.mailguard import release

        periodic.register("mailguard_release", release.periodic_release)
