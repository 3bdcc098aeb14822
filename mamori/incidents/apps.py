from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mamori.core import audit_labels

#: The audit-log action codes this app writes, with their labels (``core.audit_labels``).
AUDIT_LABELS = {
    "incidents.incident.created": _("Reported"),
    "incidents.incident.triaged": _("Coded and facts set"),
    "incidents.incident.facts_changed": _("Facts changed"),
    "incidents.incident.status_changed": _("Status changed"),
    "incidents.determination.changed": _("Determination evaluated"),
    "incidents.note.added": _("Note added"),
    "incidents.incident.ledger_linked": _("Ledger rows linked"),
    "incidents.incident.controller_notified": _("Entrusting business notified (委託元への通知)"),
}


class IncidentsConfig(AppConfig):
    name = "mamori.incidents"
    label = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        audit_labels.register(AUDIT_LABELS)
        from mamori.incidents.ledger_link import start_incident_action
        from mamori.ledger.actions import register_entry_action

        register_entry_action(start_incident_action)
