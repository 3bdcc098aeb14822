from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mamori import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    """Add the version to every template."""
    return {"mamori_version": __version__}
