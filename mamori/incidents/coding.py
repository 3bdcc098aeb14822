"""Derive first facts from what an employee can answer at intake (pure; the manager confirms at triage)."""

from __future__ import annotations

from collections.abc import Iterable

from mamori.incidents.taxonomy import (
    PROPERTY_DAMAGE_CATEGORIES,
    SPECIAL_CARE_CATEGORIES,
    DataCategory,
    Event,
    EventClass,
)

#: 発生事象 that usually follow from the kind of accident reported.
DEFAULT_EVENTS: dict[str, tuple[str, ...]] = {
    EventClass.MISDELIVERY: (Event.LEAK,),
    EventClass.MISSENT: (Event.LEAK,),
    EventClass.LOSS: (Event.LOSS,),
    EventClass.UNAUTHORIZED_ACCESS: (Event.LEAK,),
    EventClass.MISDISPLAY: (Event.LEAK,),
    EventClass.MISREGISTRATION: (Event.TAMPERING,),
    EventClass.MALWARE: (Event.LEAK,),
    EventClass.WRONG_DISPOSAL: (Event.DESTRUCTION_DAMAGE,),
    EventClass.THEFT: (Event.LOSS,),
    EventClass.INSIDER: (Event.LEAK,),
}

#: Kinds of accident that are, as a rule, caused with an unauthorised purpose (Rules Art. 7(iii)).
UNAUTHORIZED_CLASSES = frozenset(
    {EventClass.UNAUTHORIZED_ACCESS, EventClass.MALWARE, EventClass.THEFT, EventClass.INSIDER}
)

#: Kinds of accident where the leak is only likely until the facts are established.
LIKELY_CLASSES = frozenset(
    {EventClass.UNAUTHORIZED_ACCESS, EventClass.MALWARE, EventClass.LOSS, EventClass.THEFT}
)


def default_events(event_class: str) -> list[str]:
    """Return the 発生事象 codes that the kind of accident implies (empty when it implies none)."""
    return list(DEFAULT_EVENTS.get(event_class, ()))


def facts_from_intake(event_class: str, categories: Iterable[str]) -> dict[str, bool | None]:
    """Return first values of the determination facts: True where the intake shows it, else unknown."""
    cats = set(categories)

    def seen(flag: bool) -> bool | None:
        return True if flag else None

    return {
        "special_care": seen(bool(cats & SPECIAL_CARE_CATEGORIES)),
        "property_damage_risk": seen(bool(cats & PROPERTY_DAMAGE_CATEGORIES)),
        "unauthorized_purpose": seen(event_class in UNAUTHORIZED_CLASSES),
        "my_number": seen(DataCategory.MY_NUMBER in cats),
    }
