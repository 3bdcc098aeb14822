"""The dashboard: the first page after login, composed from the apps below."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mamori.accounts.models import Role
from mamori.incidents import queries
from mamori.ledger import queries as ledger_queries
from mamori.portal import figures


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Lead with the figures and the untriaged incidents, then the open ones by nearest deadline.

    Roles that read more than their own reports (manager, audit lead, top management, department
    manager) get the summary figures; top management reads them without any action on the page.
    """
    user = request.user
    leads = getattr(user, "role", "") != Role.EMPLOYEE
    open_incidents = queries.open_by_deadline(user)
    mine = (
        queries.incidents_for_user(request.user)
        .filter(reporter_id=request.user.pk)
        .order_by("-discovered_at")[:5]
    )
    summary = figures.dashboard_figures(user) if leads else []
    # The leads' first figure already counts the open incidents; nobody else's needs a second count.
    open_count = next((f.value for f in summary if f.key == "open"), None)
    return render(
        request,
        "portal/dashboard.html",
        {
            "open_incidents": open_incidents[:50],
            "open_count": open_incidents.count() if open_count is None else open_count,
            "mine": mine,
            "ledger": _ledger_summary(request.user),
            "figures": summary,
            "untriaged": list(figures.untriaged(user)[:20]) if leads else [],
        },
    )


def _ledger_summary(user: object) -> dict[str, object] | None:
    """Return the ledger's to-dos for the dashboard: rows overdue for review, drafts, rows with errors."""
    if not ledger_queries.can_read_ledger(user):
        return None
    checked = ledger_queries.checked(ledger_queries.with_risks(ledger_queries.entries_for_user(user)))
    return {
        "rows": len(checked),
        "overdue": [c.entry for c in checked if any(f.code == "REVIEW_OVERDUE" for f in c.findings)],
        "drafts": sum(1 for c in checked if c.entry.status == "draft"),
        "errors": sum(1 for c in checked if c.errors),
    }
