"""Addresses of places and things, not of persons: an event's venue, a property to let, a building inspected.

An address says where someone lives only when a person is around it. ``corporate.py`` asks
``site_address`` for each address and postal code before it looks for an organisation's block:

- an event's location (a calendar's ``LOCATION:``, written ``場所：`` by ``extract.structured.ical_text``,
  or a memo's ``場所：`` line) is where the event takes place, a client's office or a hall, when the
  event names nobody: no name found in it and no word of a person or a home (様, さん, 宅, 自宅, 施主,
  家庭訪問, お客様 …). An event with a person (``矢島 真由美様 打合せ`` at the client's house, ``田中様宅``,
  an attendee ``参加者：山田 花子``) is left to the usual reading;
- a building's or a facility's address: in brackets after its name under a label that names one
  (``防火対象物の名称：梅田グランドビル（大阪市北区…）``, 施設名) or after a label of its place (防火対象物の
  所在地, 施設所在地); under 建物 / 物件 labels and a plain ``所在地`` only in a report on buildings
  (防火対象物点検結果報告書, 消防用設備等点検, 定期調査報告, 防災管理): a lease's application names its flat so. The persons such a report names (管理権原者：山口 誠, 関係者, 点検者)
  stay persons, and so does an address under their own label (管理権原者の住所：…): a 管理権原者 who is a
  person is one, with his address;
- the address after 所在地 in a lettings sheet or a property's summary (``property_sheet.py``);
- the phone, address and postal code a shop prints under ご依頼主 on its own labels (``senders.py``);
- a stop's address and phone in brackets on a timed line of an itinerary (旅程表, 行程表: ``11:30 昼食
  千鳥亭（奈良市小西町21 TEL 0742-…）``): the temple's or the restaurant's, when the line names no person
  and the phone is no mobile (``18:00 添乗員 北浦（090-…）`` stays the guide's).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from mamori.pii.property_sheet import property_address
from mamori.pii.senders import shop_sender
from mamori.pii.spans import Span

# An event's location label at its line's start: a raw iCalendar property (LOCATION;LANGUAGE=ja:) or 場所：.
_LOCATION = re.compile(r"[ \t\u3000]*(?:LOCATION(?:;[^:\n]*)?:|場所[ \t\u3000]*[:：])")
# Words that put a person or a home in the event: its place may be where someone lives.
_PERSON_OR_HOME = re.compile(
    r"(?<![仕模同多異一神皆])様(?![式子々相])|さま|さん|殿(?<!御殿)|氏|宅|邸|自宅|実家|家庭|お客|本人|携帯|"
    r"患者|利用者|保護者|生徒|児童|施主|往診|訪問(?:介護|看護|診療|入浴|リハ)|ATTENDEE[^:\n]*CN=[^:;\n]"
)
_WINDOW = 600  # characters of an event looked at on each side of its location
# What opens the line of an address any of the rules below reads: an event's location, a building's or
# a property's label.
_LABEL_WORDS = ("LOCATION", "場所", "対象物", "建築物", "建物", "施設", "物件", "土地", "所在")
_LABELS = re.compile(rf"[ \t\u3000]*(?:{'|'.join(_LABEL_WORDS)}|防火対象物|防災管理対象物|設置場所)")


def site_address(text: str, span: Span, spans: list[Span], person_starts: list[int]) -> bool:
    """Return whether the contact ``span`` is a place's, a thing's or a shop's sending, not a person's.

    ``spans`` are the values found in ``text``, ``person_starts`` the starts of the names (and birth dates).
    """
    if shop_sender(text, span, spans, person_starts) or itinerary_stop(text, span, person_starts):
        return True
    if span.label not in ("ADDRESS", "POSTAL_CODE"):
        return False
    if not _has_labels(text) or _LABELS.match(text, text.rfind("\n", 0, span.start) + 1) is None:
        return False  # no label of a place in the text, or none opens the line: a list's row
    if span.label == "ADDRESS" and property_address(text, span.start):
        return True
    return _venue(text, span.start, person_starts) or _building(text, span.start, person_starts)


@lru_cache(maxsize=1)
def _has_labels(text: str) -> bool:
    """Return whether ``text`` holds a label of a place at all: asked once per text (its hash is kept)."""
    return any(word in text for word in _LABEL_WORDS)


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


# Labels of a building's name or place: those of a fire or safety report always, 建物 / 物件 (a lease's
# application names its flat so) and a plain 所在地 only in a report on buildings.
_OWN_BUILDING = r"防火対象物|防災管理対象物|対象物|建築物|施設"
_BUILDING = rf"(?:{_OWN_BUILDING}|建物|物件)"
_SEP = r"[ \t\u3000]*[:：\t][ \t\u3000]*|[ \t\u3000]+"
_POSTAL = r"(?:〒?[ \u3000]*\d{3}-?\d{4}[ \t\u3000]*)?〒?[ \u3000]*"
# What stands before a building's address on its line: its name's label, its name and a bracket, or a
# label of its place.
_BUILDING_NAMED = re.compile(
    rf"[ \t\u3000]*({_BUILDING})の?(?:名称|名)(?:{_SEP})([^\t\n（(]{{1,40}})[（(][ \u3000]*{_POSTAL}"
)
_BUILDING_PLACE = re.compile(rf"[ \t\u3000]*({_BUILDING})?の?(?:所在地|所在)(?:{_SEP}){_POSTAL}")
# The words of a report on a building: its fire safety, its equipment or its periodic survey.
_BUILDING_REPORT = re.compile(r"防火対象物|消防用設備|防火管理|防災管理|点検結果報告|定期調査報告|特定建築物")
_REPORT_WINDOW = 3000  # characters around the address that hold the report's title or its words


def _building(text: str, start: int, person_starts: list[int]) -> bool:
    """Return whether ``start`` is a building's address: after its name or its place's label (防火対象物の所在地)."""
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 80:
        return False
    i = bisect_left(person_starts, line_start)
    if i < len(person_starts) and person_starts[i] < start:
        return False  # 建物名称：山田 太郎様邸（…）: a person's house
    named = _BUILDING_NAMED.fullmatch(text, line_start, start)
    if named is not None and _PERSON_OR_HOME.search(named.group(2)) is not None:
        return False
    label = named or _BUILDING_PLACE.fullmatch(text, line_start, start)
    if label is None:
        return False
    if label.group(1) and re.fullmatch(_OWN_BUILDING, label.group(1)):
        return True
    lo = max(0, start - _REPORT_WINDOW)
    return _BUILDING_REPORT.search(text, lo, start + _REPORT_WINDOW) is not None


# An itinerary's title: its timed lines are its stops (a temple, a restaurant, a workshop visited).
_ITINERARY = ("旅程", "行程", "日程表", "見学コース", "旅のしおり")
# A timed line (9:40, １１：３０, 13:00～14:30) up to an open bracket not closed before the value.
_TIMED_STOP = re.compile(
    r"[ \t\u3000]*[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[ \u3000]*[-~～ー〜][ \u3000]*[0-9０-９]{1,2}[:：][0-9０-９]{2})?"
    r"[ \t\u3000]+[^\n（()）]{1,40}[（(][^\n()（）]*"
)


@lru_cache(maxsize=1)
def _has_itinerary(text: str) -> bool:
    """Return whether ``text`` has an itinerary's title: asked once per text, not once per value."""
    return any(word in text for word in _ITINERARY)


_MOBILE = re.compile(r"[ \u3000]*[0０][5-9５-９][0０]")


def itinerary_stop(text: str, span: Span, person_starts: list[int]) -> bool:
    """Return whether ``span`` is a stop's contact in brackets on a timed line of an itinerary.

    Not a mobile, nor on a line that names a person (a name found, 様, さん, 自宅, 携帯 …).
    """
    if span.label not in ("ADDRESS", "POSTAL_CODE", "PHONE") or not _has_itinerary(text):
        return False
    if span.label == "PHONE" and _MOBILE.match(span.text):
        return False
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    if _TIMED_STOP.fullmatch(text, line_start, span.start) is None:
        return False
    i = bisect_left(person_starts, line_start)
    if i < len(person_starts) and person_starts[i] < line_end:
        return False
    return _PERSON_OR_HOME.search(text, line_start, line_end) is None
