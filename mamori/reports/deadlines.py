"""What filed reports tell the register: the deadlines they meet (see ``incidents.filings``)."""

from __future__ import annotations

from typing import Any

from mamori.reports import rules
from mamori.reports.models import FiledReport


def filed_deadline_kinds(incident: Any) -> frozenset[str]:
    """Return the deadline codes met by the reports filed for ``incident`` (the register's hook)."""
    filed = FiledReport.objects.filter(incident_id=incident.pk).values_list("kind", "stage").distinct()
    return rules.settled(filed)
