"""The hook by which filed reports drop their deadlines from ``Incident.next_deadline``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mamori.reports import rules
from mamori.reports.models import FiledReport


def pending_deadline(incident: Any) -> dt.date | None:
    """Return the incident's nearest deadline whose report has not been filed (None when closed).

    Called by ``incidents.services._reevaluate`` each time the determination is re-evaluated, so
    that a later change of facts does not bring back a deadline already met.
    """
    filed = (
        FiledReport.objects.filter(incident_id=incident.pk).values_list("kind", "stage").distinct()
        if incident.pk
        else []
    )
    dates = {
        rules.PPC_PRELIMINARY: incident.preliminary_target,
        rules.PPC_FINAL: incident.final_due,
        rules.PMARK_FINAL: incident.pmark_final_due,
    }
    return rules.next_deadline(dates, rules.settled_deadlines(filed), is_open=incident.is_open)
