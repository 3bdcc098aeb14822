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


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue (makemessages looks for this name); translated where shown."""
    return message


# What a report shows for each label: gettext msgids (Japanese in mamori/locale), 氏名, 電話番号 ...
LABEL_NAMES: dict[str, str] = {
    "PERSON": gettext_noop("person's name"),
    "ADDRESS": gettext_noop("address"),
    "POSTAL_CODE": gettext_noop("postal code"),
    "PHONE": gettext_noop("phone number"),
    "EMAIL": gettext_noop("e-mail address"),
    "MY_NUMBER": gettext_noop("My Number"),
    "CREDIT_CARD": gettext_noop("credit card number"),
    "BANK_ACCOUNT": gettext_noop("bank account number"),
    "DATE_OF_BIRTH": gettext_noop("date of birth"),
    "DRIVERS_LICENSE": gettext_noop("driver's licence number"),
    "PASSPORT": gettext_noop("passport number"),
    "HEALTH_INSURANCE": gettext_noop("health insurance card number"),
}


@dataclass(frozen=True, order=True)
class Span:
    """Hold one detected value: code-point offsets into the original text, its label and substring."""

    start: int
    end: int
    label: str
    text: str


# A hit in normalised coordinates: (start, end, label, priority). Higher priority wins an overlap.
Hit = tuple[int, int, str, int]
