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

from mamori.incidents.determination import latest_outcome

FiledProvider = Callable[[Any], Iterable[str]]
_PROVIDERS: list[FiledProvider] = []


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


def pending_deadline_of(incident: Any, deadlines: Iterable[Any] | None = None) -> tuple[str, dt.date] | None:
    """Return (deadline kind, date) of the incident's nearest deadline not met yet; None when closed or none.

    Every deadline of the determination counts (``deadlines``, else the latest stored one): the PPC, My
    Number and Privacy Mark 速報 targets (day 5; their day-3 "due soon" points do not), the notices to the
    entrusting business and every 確報, so the dashboard orders by all of them. The kind is the code
    without its ``.target`` point (``appi.preliminary_report``), as ``determination.deadline_label`` takes it.
    """
    if not incident.is_open:
        return None
    if deadlines is None:
        outcome = latest_outcome(incident)
        deadlines = outcome.deadlines if outcome else ()
    met = filed_deadline_kinds(incident)
    pending = [
        (d.due_on, d.code.removesuffix(".target"))
        for d in deadlines
        if not d.code.endswith(".warn") and d.code.removesuffix(".target") not in met
    ]
    if not pending:
        return None
    day, kind = min(pending)
    return kind, day


def pending_deadline(incident: Any, deadlines: Iterable[Any] | None = None) -> dt.date | None:
    """Return the incident's nearest deadline not met yet; None when closed or none is left."""
    found = pending_deadline_of(incident, deadlines)
    return found[1] if found else None
