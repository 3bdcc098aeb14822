from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mamori import __version__
from mamori.core import inbox


def site(request: HttpRequest) -> dict[str, Any]:
    """Add the version, and whether mails stay in the trial inbox, to every template."""
    return {"mamori_version": __version__, "trial_inbox": inbox.is_on()}
