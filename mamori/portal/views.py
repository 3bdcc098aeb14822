"""The dashboard: the first page after login, composed from the apps below."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mamori.incidents import queries


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """List open incidents by nearest deadline (overdue first) and the user's own recent reports."""
    open_incidents = queries.open_by_deadline(request.user)
    mine = (
        queries.incidents_for_user(request.user)
        .filter(reporter_id=request.user.pk)
        .order_by("-discovered_at")[:5]
    )
    return render(
        request,
        "portal/dashboard.html",
        {
            "open_incidents": open_incidents[:50],
            "open_count": open_incidents.count(),
            "mine": mine,
        },
    )
