from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mamori.core"
    label = "core"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from mamori.core import auditguard, periodic, seal

        connection_created.connect(auditguard.install_sqlite_function, dispatch_uid="mamori_audit_guard")
        periodic.register("audit_seal", seal.seal_days)
