"""The facts of the determination as an incident records them: one list, derived from ``rules.Facts``.

Forms, the API serializers, the pages and the services all take their fact fields from here, so that a
fact added to ``rules.Facts`` (and to the model under the same name) reaches every one of them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils import timezone

from mamori.incidents import rules

#: Facts of ``rules.Facts`` that the record does not hold under their own name: the events (stored with
#: the ``likely`` flag apart), the P-mark start (the day the business knew) and the day the entrusting
#: business was told (the local date of ``entrustor_notified_at``, set when that notice is filed).
DERIVED = frozenset({"events", "discovered_on", "controller_notified_on"})
_FIELDS = tuple(f for f in dataclasses.fields(rules.Facts) if f.name not in DERIVED)

#: Facts the record holds under their rules name, in the order of ``rules.Facts``.
RULE_FACTS: tuple[str, ...] = tuple(f.name for f in _FIELDS)
#: The yes / no / unknown facts (``None`` = unknown, which keeps a determination at "needs review").
TRI_STATE_FACTS: tuple[str, ...] = tuple(f.name for f in _FIELDS if f.type == "bool | None")
#: Yes / no facts with a default (never unknown).
BOOLEAN_FACTS: tuple[str, ...] = tuple(f.name for f in _FIELDS if f.type == "bool")
#: Every field of the record that the determination reads; corrections and the API change these.
FACT_FIELDS: tuple[str, ...] = (*RULE_FACTS, "events", "likely", "persons_is_upper_bound")


def facts_of(incident: Any) -> rules.Facts:
    """Return the rules' facts for the incident as it stands."""
    values: dict[str, Any] = {name: getattr(incident, name) for name in RULE_FACTS}
    events = frozenset(incident.events)
    notified = incident.entrustor_notified_at
    return rules.Facts(
        events=events | ({rules.LIKELY} if incident.likely and events else set()),
        discovered_on=incident.known_on,
        controller_notified_on=timezone.localdate(notified) if notified else None,
        **values,
    )
