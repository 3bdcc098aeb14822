"""Rate limits of the REST API, read from the settings at each request (``MAMORI_API_RATE``).

DRF's own classes read their rates once at import; these read ``settings.API_RATE`` and
``settings.API_RATE_ANON`` so that the configured limit is the one enforced. Counts live in the default
cache (per process unless a shared cache is configured).
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import throttling


class UserRateThrottle(throttling.UserRateThrottle):
    """Limit each authenticated user (session or token)."""

    def get_rate(self) -> str:
        return str(settings.API_RATE)


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Limit anonymous callers by address (they only get 401/403, but each costs a request)."""

    def get_rate(self) -> str:
        return str(settings.API_RATE_ANON)
