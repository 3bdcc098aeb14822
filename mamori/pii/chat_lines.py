"""Recognise PERSON in the speakers of chat logs written a message a line after a time stamp.

Business chat tools and meeting apps save or copy their talk as lines that open with a time stamp,
a date before it or not, then who spoke, a colon or a tab, then the message:

- LINE WORKS, Chatwork and Slack copies, a spreadsheet of a chat: ``2024-11-20 8:10 鴨下 匠: 本文``,
  ``2024/11/20(水) 08:10<TAB>鴨下 匠<TAB>本文``;
- WhatsApp: ``2024/11/20 8:10 - 鴨下 匠: 本文`` and ``[2024/11/20 8:10:22] 鴨下 匠: 本文``;
- Zoom's saved chat: ``08:10:22 From 鴨下 匠 to Everyone: 本文`` (and ``From 鴨下 匠 : 本文``);
- Teams and Slack copies put who spoke and when on a line of their own, the message below:
  ``[2024/11/20 8:10] 鴨下 匠`` or ``鴨下 匠  8:10``.

Two lines or more of one of these shapes make a chat; a speaker is a person when the field reads as a
name as ``chat_names`` reads LINE's speakers (two words of name kanji, a dictionary surname or given
name, a kana name of a surname's and a given name's readings, a romaji name). A log's levels and hosts
(``INFO:``, ``web01:``) and the items of an agenda (``10:00 開会: 挨拶``) are none.
"""

from __future__ import annotations

import re

from mamori.pii.chat_names import speaker_name
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}月\d{1,2}日)"
    r"(?: ?\([^)\n]{1,3}\))?,?[ T]"
)
_TIME = r"(?:午前|午後)?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?"
_STAMP = rf"[\[(]?(?:{_DATE})?{_TIME}[\])]?"
_FIELD = r"[^\t\n:\[\]()<>@=|]{1,30}?"
# A time stamp, who spoke, a colon or a tab: the message follows on the line.
_SAID = re.compile(
    rf"^{_STAMP}(?: ?- ?| +|\t)(?:From +)?({_FIELD})(?: +to +[^\n:]{{1,40}}?)? ?(?::|\t)", re.MULTILINE
)
# A line of who spoke and when, the message below (Teams, Slack): ``[11/20 8:10] 鴨下 匠``, ``鴨下 匠  8:10``.
_HEADING = re.compile(
    rf"^\[(?:{_DATE})?{_TIME}\] +({_FIELD}) *$|^({_FIELD})(?: {{2,}}|\t| ?, ?)(?:{_DATE})?{_TIME} *$",
    re.MULTILINE,
)

TRIGGERS = Triggers(
    search=(
        re.compile(rf"\d:\d\d(?::\d\d)?(?: ?[AaPp][Mm])?\]?(?: ?- ?| +|\t)(?:From +)?{_FIELD} ?(?::|\t)"),
        re.compile(rf"\d:\d\d\] +{_FIELD} *(?:\n|$)|{_FIELD}(?: {{2,}}|\t| ?, ?)\d{{1,2}}:\d\d *(?:\n|$)"),
    )
)
MIN_LINES = 2


def find_chat_line_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the speakers of a chat saved a message a line after a time stamp."""
    hits: list[Hit] = []
    for pattern in (_SAID, _HEADING):
        fields = []
        for m in pattern.finditer(text):
            group = 1 if m.start(1) >= 0 else 2
            fields.append(m.span(group))
        if len(fields) < MIN_LINES:
            continue
        found = [(s, e) for s, e in (_trim(text, f) for f in fields) if _speaker(text, s, e)]
        if len(found) >= MIN_LINES:
            hits.extend((s, e, "PERSON", 3) for s, e in found)
    return hits


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def _speaker(text: str, start: int, end: int) -> bool:
    field = text[start:end]
    return bool(field) and speaker_name(field) and not not_a_name(text, start, end)
