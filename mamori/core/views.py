"""Pages of the ground layer that need no domain app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def healthz(request: HttpRequest) -> HttpResponse:
    """Answer the load balancer's health check."""
    return HttpResponse("ok", content_type="text/plain")
