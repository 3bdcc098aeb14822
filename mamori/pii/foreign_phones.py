"""Recognise PHONE for numbers of other countries written with their country code after a phone label.

A foreign teacher's, student's, trainee's or guest's record gives a number of home: ``Mobile: +44 7700
900123``, ``Emergency contact: … (mother) +61 412 555 019``, ``携帯（母国）+84 90 123 4567``. ``numbers``
reads Japan's numbering plan (0…, +81) only. Here a ``+`` and a country code other than 81, then 7 to 13
more digits in groups, is a phone when a phone's or a contact's word stands before it on its line.
A Korean mobile written at home (``연락처: 010-4821-7356``: 010, 011, 016 to 019, then 3 or 4 and 4 digits;
010 is Japan's international prefix, no number of Japan's plan) is one after such a word too, Korean ones
(연락처, 전화, 휴대폰, 핸드폰) included.
"""

from __future__ import annotations

import re

from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_NUMBER = re.compile(r"\+(?!81)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,6}(?![\d.\-]?\d)")
_LABEL = re.compile(
    r"[Tt]el|TEL|[Pp]hone|PHONE|[Mm]obile|MOBILE|[Cc]ell|[Cc]ontact|CONTACT|WhatsApp|電話|携帯|連絡先|緊急連絡|"
    r"연락처|전화|휴대폰|핸드폰"
)
_KOREAN_MOBILE = re.compile(r"(?<![\d+-])01[016-9]([- ])\d{3,4}\1\d{4}(?![\d-])")
TRIGGERS = Triggers(search=(_NUMBER, _KOREAN_MOBILE))
_DIGITS = re.compile(r"\d")
_LOOK_BACK = 60  # characters before the number on its line that may hold the label


def find_foreign_phones(text: str) -> list[Hit]:
    """Return PHONE hits for numbers with a foreign country code after a phone label on their line."""
    hits: list[Hit] = []
    for m in _NUMBER.finditer(text):
        digits = len(_DIGITS.findall(m.group()))
        if not 9 <= digits <= 15:
            continue  # E.164: at most 15 digits with the country code
        lo = max(text.rfind("\n", 0, m.start()) + 1, m.start() - _LOOK_BACK)
        if _LABEL.search(text, lo, m.start()):
            hits.append((m.start(), m.end(), "PHONE", 4))
    for m in _KOREAN_MOBILE.finditer(text) if "01" in text else ():
        lo = max(text.rfind("\n", 0, m.start()) + 1, m.start() - _LOOK_BACK)
        if _LABEL.search(text, lo, m.start()):
            hits.append((m.start(), m.end(), "PHONE", 4))
    return sorted(hits)


def is_foreign_number(value: str) -> bool:
    """Return whether a cell is a whole number with a foreign country code (+44 7700 900123), for a phone
    column of ``tables``: a hotel's foreign guests, a school's foreign teachers."""
    m = _NUMBER.fullmatch(value)
    return m is not None and 9 <= len(_DIGITS.findall(value)) <= 15
