"""Which deadlines of an incident are already met: one hook, read by the register and the reminders.

The register does not know how reports are filed; the app that files them tells it by registering a
provider in its ``AppConfig.ready``::

    from mamori.incidents import filings
    filings.register_filed_provider(lambda incident: {"appi.preliminary_report"})

A provider takes an ``Incident`` and returns deadline codes of ``incidents.rules`` without their stage
suffix: ``appi.preliminary_report``, ``appi.final_report``, ``pmark.preliminary_report``,
``pmark.final_report``, ``my_number.preliminary_report``, ``my_number.final_report``. Without providers
nothing is filed. ``Incident.next_deadline`` and the reminders of ``response`` both read
:func:`filed_deadline_kinds`, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

FiledProvider = Callable[[Any], Iterable[str]]
_PROVIDERS: list[FiledProvider] = []

#: The deadlines ``Incident.next_deadline`` is made of: deadline code -> the incident field with its date.
NEXT_DEADLINE_FIELDS: dict[str, str] = {
    "appi.preliminary_report": "preliminary_target",  # 速報 target (GL: about 3-5 days)
    "appi.final_report": "final_due",  # 確報 (Rules Art. 8(2))
    "pmark.final_report": "pmark_final_due",  # Privacy Mark 確報
}


def register_filed_provider(provider: FiledProvider) -> None:
    """Add a function that returns the deadline codes already met by reports filed for an incident."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def filed_deadline_kinds(incident: Any) -> frozenset[str]:
    """Return the deadline codes met for ``incident`` (none unless a provider says so)."""
    if not incident.pk:
        return frozenset()
    kinds: set[str] = set()
    for provider in _PROVIDERS:
        kinds.update(provider(incident))
    return frozenset(kinds)


def pending_deadline(incident: Any) -> dt.date | None:
    """Return the incident's nearest deadline not met yet; None when closed or none is left."""
    if not incident.is_open:
        return None
    met = filed_deadline_kinds(incident)
    pending = [
        day
        for code, field in NEXT_DEADLINE_FIELDS.items()
        if code not in met and (day := getattr(incident, field)) is not None
    ]
    return min(pending) if pending else None
