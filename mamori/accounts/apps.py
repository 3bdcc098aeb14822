from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "accounts.password.changed": _("Password changed"),
    "accounts.api_token.created": _("API token created"),
    "accounts.api_token.revoked": _("API token revoked"),
    "training.import.uploaded": _("HR file uploaded"),
    "training.import.applied": _("HR import applied"),
    "training.import.user_created": _("Employee account created by the HR import"),
    "training.import.user_updated": _("Employee account updated by the HR import"),
    "training.import.user_deactivated": _("Leaver's account deactivated"),
}


class AccountsConfig(AppConfig):
    name = "mamori.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from mamori.accounts.services import employees_deactivate_leavers
        from mamori.core import periodic

        audit_labels.register(AUDIT_LABELS)
        # The job kept the name it had when the HR import lived in training (cron --only lines).
        periodic.register("training_leavers", employees_deactivate_leavers)
