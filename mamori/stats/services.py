"""The statistics app's one write: an export, recorded in the audit log (who took the register out)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from mamori.accounts.models import Role
from mamori.core import xlsx
from mamori.core.services import log_action
from mamori.stats import export, national, queries, rules

# Who may take the register out with its titles (titles may name people): the manager and the audit lead.
TITLE_ROLES = frozenset({Role.MANAGER, Role.AUDITOR})


def can_export_titles(user: Any) -> bool:
    """Return whether ``user`` may include the incidents' titles in the register export."""
    return queries.can_see_statistics(user) and user.role in TITLE_ROLES


@transaction.atomic
def statistics_export(*, user: Any, fiscal_year: int, titles: bool = False) -> tuple[str, list[xlsx.Sheet]]:
    """Return the title and sheets of the register and statistics of ``fiscal_year``; audit the export.

    The register rows are read from the database as the workbook is written. Raises PermissionDenied
    for roles that do not read the whole organisation, and for titles without a role that may see them.
    """
    if titles and not can_export_titles(user):
        raise PermissionDenied
    first, last = rules.fiscal_year_bounds(fiscal_year)
    incidents = (
        queries.organisation_incidents(user)
        .filter(known_on__range=(first, last))
        .order_by("known_on", "number")
    )
    stats = rules.all_dimensions(queries.incident_rows(user, fiscal_year), fiscal_year, national.load())
    log_action(
        user.organisation,
        "stats.export.created",
        actor=user,
        data={"fiscal_year": fiscal_year, "incidents": incidents.count(), "titles": titles},
    )
    sheets = export.register_sheets(
        organisation_name=user.organisation.name,
        year=fiscal_year,
        incidents=incidents,
        stats=stats,
        titles=titles,
    )
    return export.workbook_title(user.organisation.name, fiscal_year), sheets
