"""Define the span type and the twelve stable labels of the PII engine."""

from __future__ import annotations

from dataclasses import dataclass

LABELS: tuple[str, ...] = (
    "PERSON",
    "ADDRESS",
    "POSTAL_CODE",
    "PHONE",
    "EMAIL",
    "MY_NUMBER",
    "CREDIT_CARD",
    "BANK_ACCOUNT",
    "DATE_OF_BIRTH",
    "DRIVERS_LICENSE",
    "PASSPORT",
    "HEALTH_INSURANCE",
)


@dataclass(frozen=True, order=True)
class Span:
    """Hold one detected value: code-point offsets into the original text, its label and substring."""

    start: int
    end: int
    label: str
    text: str


# A hit in normalised coordinates: (start, end, label, priority). Higher priority wins an overlap.
Hit = tuple[int, int, str, int]
