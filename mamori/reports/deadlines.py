"""The hook by which filed reports drop their deadlines from ``Incident.next_deadline``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mamori.reports import rules
from mamori.reports.models import FiledReport


def _filed(incident: Any) -> Any:
    if not incident.pk:
        return []
    return FiledReport.objects.filter(incident_id=incident.pk).values_list("kind", "stage").distinct()


def filed_reminder_kinds(incident: Any) -> frozenset[str]:
    """Return the reminder kinds ended by the reports filed for ``incident`` (the response app's hook)."""
    return rules.settled_reminders(_filed(incident))


def pending_deadline(incident: Any) -> dt.date | None:
    """Return the incident's nearest deadline whose report has not been filed (None when closed).

    Called by ``incidents.services._reevaluate`` each time the determination is re-evaluated, so
    that a later change of facts does not bring back a deadline already met.
    """
    filed = _filed(incident)
    dates = {
        rules.PPC_PRELIMINARY: incident.preliminary_target,
        rules.PPC_FINAL: incident.final_due,
        rules.PMARK_FINAL: incident.pmark_final_due,
    }
    return rules.next_deadline(dates, rules.settled_deadlines(filed), is_open=incident.is_open)
