"""Addresses of places and things, not of persons: an event's venue, a property to let.

An address says where someone lives only when a person is around it. ``corporate.py`` asks
``site_address`` for each address and postal code before it looks for an organisation's block:

- an event's location (a calendar's ``LOCATION:``, written ``場所：`` by ``extract.structured.ical_text``,
  or a memo's ``場所：`` line) is where the event takes place, a client's office or a hall, when the
  event names nobody: no name found in it and no word of a person or a home (様, さん, 宅, 自宅, 施主,
  家庭訪問, お客様 …). An event with a person (``矢島 真由美様 打合せ`` at the client's house, ``田中様宅``,
  an attendee ``参加者：山田 花子``) is left to the usual reading;
- the address after 所在地 in a lettings sheet or a property's summary (``property_sheet.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from mamori.pii.property_sheet import property_address
from mamori.pii.spans import Span

# An event's location label at its line's start: a raw iCalendar property (LOCATION;LANGUAGE=ja:) or 場所：.
_LOCATION = re.compile(r"[ \t\u3000]*(?:LOCATION(?:;[^:\n]*)?:|場所[ \t\u3000]*[:：])")
# Words that put a person or a home in the event: its place may be where someone lives.
_PERSON_OR_HOME = re.compile(
    r"(?<![仕模同多異一神皆])様(?![式子々相])|さま|さん|殿(?<!御殿)|氏|宅|邸|自宅|実家|家庭|お客|本人|携帯|"
    r"患者|利用者|保護者|生徒|児童|施主|往診|訪問(?:介護|看護|診療|入浴|リハ)|ATTENDEE[^:\n]*CN=[^:;\n]"
)
_WINDOW = 600  # characters of an event looked at on each side of its location


def site_address(text: str, span: Span, spans: list[Span], person_starts: list[int]) -> bool:
    """Return whether the contact ``span`` is a place's or a thing's, not a person's.

    ``spans`` are the values found in ``text``, ``person_starts`` the starts of the names (and birth dates).
    """
    if span.label not in ("ADDRESS", "POSTAL_CODE"):
        return False
    if span.label == "ADDRESS" and property_address(text, span.start):
        return True
    return _venue(text, span.start, person_starts)


def _venue(text: str, start: int, person_starts: list[int]) -> bool:
    """Return whether ``start`` is on an event's location line in an event that names no person."""
    line_start = text.rfind("\n", 0, start) + 1
    label = _LOCATION.match(text, line_start, start)
    if label is None:
        return False
    lo, hi = _event(text, line_start)
    i = bisect_left(person_starts, lo)
    if i < len(person_starts) and person_starts[i] < hi:
        return False
    return _PERSON_OR_HOME.search(text, lo, hi) is None


def _event(text: str, line_start: int) -> tuple[int, int]:
    """Return the bounds of the event whose line starts at ``line_start``: BEGIN:VEVENT to END:VEVENT, else a block."""
    window_lo = max(0, line_start - _WINDOW)
    window_hi = min(len(text), line_start + _WINDOW)
    begin = text.rfind("BEGIN:VEVENT", window_lo, line_start)
    if begin >= 0:
        end = text.find("END:VEVENT", line_start, window_hi)
        return begin, window_hi if end < 0 else end
    blank = text.rfind("\n\n", window_lo, line_start)
    end = text.find("\n\n", line_start, window_hi)
    return (window_lo if blank < 0 else blank + 2), (window_hi if end < 0 else end)
