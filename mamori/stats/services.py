"""The statistics app's one write: an export, recorded in the audit log (who took the register out)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from mamori.core.services import log_action
from mamori.stats import export, national, queries, rules


@transaction.atomic
def statistics_export(*, user: Any, fiscal_year: int) -> bytes:
    """Return the register and statistics of ``fiscal_year`` as .xlsx bytes and audit the export.

    Raises PermissionDenied for roles that do not read the whole organisation.
    """
    first, last = rules.fiscal_year_bounds(fiscal_year)
    incidents = (
        queries.organisation_incidents(user)
        .filter(known_on__range=(first, last))
        .select_related("department")
        .order_by("known_on", "number")
    )
    stats = rules.all_dimensions(queries.incident_rows(user), fiscal_year, national.load())
    data = export.build_workbook(
        organisation_name=user.organisation.name, year=fiscal_year, incidents=incidents, stats=stats
    )
    log_action(
        user.organisation,
        "stats.export.created",
        actor=user,
        data={"fiscal_year": fiscal_year, "incidents": incidents.count()},
    )
    return data
