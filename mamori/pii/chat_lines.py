"""Recognise PERSON in the speakers of chat logs written a message a line after a time stamp.

Business chat tools and meeting apps save or copy their talk as lines that open with a time stamp,
a date before it or not, then who spoke, a colon or a tab, then the message:

- LINE WORKS, Chatwork and Slack copies, a spreadsheet of a chat: ``2024-11-20 8:10 鴨下 匠: 本文``,
  ``2024/11/20(水) 08:10<TAB>鴨下 匠<TAB>本文``;
- WhatsApp: ``2024/11/20 8:10 - 鴨下 匠: 本文`` and ``[2024/11/20 8:10:22] 鴨下 匠: 本文``;
- Zoom's saved chat: ``08:10:22 From 鴨下 匠 to Everyone: 本文`` (and ``From 鴨下 匠 : 本文``);
- Teams and Slack copies put who spoke and when on a line of their own, the message below:
  ``[2024/11/20 8:10] 鴨下 匠`` or ``鴨下 匠  8:10``;
- a chat copied without its times puts who spoke in brackets before the message: ``[鴨下 匠] 本文``.

Two lines or more of one of these shapes make a chat; a speaker is a person when the field reads as a
name as ``chat_names`` reads LINE's speakers (two words of name kanji, a dictionary surname or given
name, a kana name of a surname's and a given name's readings, a romaji name). A log's levels and hosts
(``INFO:``, ``web01:``) and the items of an agenda (``10:00 開会: 挨拶``) are none.
"""

from __future__ import annotations

import re

from mamori.pii.chat_names import speaker_name
from mamori.pii.dictionaries import PREFECTURES, municipalities
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
# A handle or a user id a chat tool writes after the speaker's name: ``(@chikage)``, ``<@U012AB>``, ``[U012AB]``.
_HANDLE = r"(?: ?(?:\(@[A-Za-z0-9_.\-]{1,30}\)|<@[A-Z][A-Z0-9]{4,12}>|\[[A-Z][A-Z0-9]{4,12}\]))?"
# A time stamp, who spoke, a colon or a tab: the message follows on the line.
_SAID_LINE = rf"{_STAMP}(?: ?- ?| +|\t)(?:From +)?({_FIELD}){_HANDLE}(?: +to +[^\n:]{{1,40}}?)? ?(?::|\t)"
_SAID = re.compile(rf"^{_SAID_LINE}", re.MULTILINE)
# The same after a line break: a pattern opening with ``^`` is tried at every character of the text, one
# opening with a line break only where the regex engine's scan for that character stops (twice as fast).
_SAID_AFTER_BREAK = re.compile(rf"\n{_SAID_LINE}")
# A line of who spoke and when, the message below (Teams, Slack): ``[11/20 8:10] 鴨下 匠``, ``鴨下 匠  8:10``.
_HEADING = re.compile(
    rf"^\[(?:{_DATE})?{_TIME}\] +({_FIELD}) *$|^({_FIELD})(?: {{2,}}|\t| ?, ?)(?:{_DATE})?{_TIME} *$",
    re.MULTILINE,
)
# Where a line of ``_HEADING`` can be: one opening with [ or one ending with a time (a match of the
# first kind opens with [, of the second ends with the time's ``:MM``). Each such line is then matched
# alone; the others, nearly all of a log's, are not tried character by character. Two searches, as
# each opens with a literal the regex engine scans for (one alternation of both was 3 times slower).
_BRACKET_LINE = re.compile(r"\n\[")
_TIME_AT_END = re.compile(r":\d\d(?: ?[AaPp][Mm])? *$", re.MULTILINE)

# Who spoke in brackets, the message after it, no time (a chat copied from a phone's or a game's log):
# ``[鴨下 匠] 本文``.
_BRACKETED_LINE = rf"\[({_FIELD})\] *[^ \n]"
_BRACKETED_FIRST = re.compile(_BRACKETED_LINE)
_BRACKETED = re.compile("\n" + _BRACKETED_LINE)

TRIGGERS = Triggers(
    start=(_BRACKETED_FIRST,),
    search=(
        _BRACKETED,
        re.compile(rf"\d:\d\d(?::\d\d)?(?: ?[AaPp][Mm])?\]?(?: ?- ?| +|\t)(?:From +)?{_FIELD} ?(?::|\t)"),
        re.compile(r"(?:\(@[A-Za-z0-9_.\-]+\)|<@[A-Z][A-Z0-9]+>|\[[A-Z][A-Z0-9]+\]) ?(?::|\t)"),
        re.compile(rf"\d:\d\d\] +{_FIELD} *(?:\n|$)|{_FIELD}(?: {{2,}}|\t| ?, ?)\d{{1,2}}:\d\d *(?:\n|$)"),
    ),
)
MIN_LINES = 2


def find_chat_line_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the speakers of a chat saved a message a line after a time stamp."""
    hits: list[Hit] = []
    bracketed = bracketed_fields(text)
    if any(_place(text[start:end].strip(" ")) for start, end in bracketed):
        bracketed = []  # [東京] 晴れ / [大阪] くもり: a list of places, no chat
    for fields in (said_fields(text), heading_fields(text), bracketed):
        if len(fields) < MIN_LINES:
            continue
        found = _speakers(text, fields)
        if len(found) >= MIN_LINES:
            hits.extend((s, e, "PERSON", 3) for s, e in found)
    return hits


def said_fields(text: str) -> list[tuple[int, int]]:
    """Return the speaker fields of the lines of ``_SAID``, as ``_SAID.finditer`` finds them.

    A match lies within one line and opens it, so it is the one at the text's start, then those after
    a line break.
    """
    first = _SAID.match(text)
    fields = [first.span(1)] if first else []
    fields.extend(m.span(1) for m in _SAID_AFTER_BREAK.finditer(text))
    return fields


def _place(field: str) -> bool:
    """Return whether a field is a prefecture or a municipality written without its 都 / 県 / 市 …."""
    return any(field + end in PREFECTURES or field + end in municipalities() for end in "都道府県市区町村")


def bracketed_fields(text: str) -> list[tuple[int, int]]:
    """Return the speaker fields of the lines that open with who spoke in brackets, a message after it."""
    first = _BRACKETED_FIRST.match(text)
    fields = [first.span(1)] if first else []
    fields.extend(m.span(1) for m in _BRACKETED.finditer(text))
    return fields


def heading_fields(text: str) -> list[tuple[int, int]]:
    """Return the speaker fields of the lines of ``_HEADING``, as ``_HEADING.finditer`` finds them.

    A match is a whole line: only the first line and those ``_BRACKET_LINE`` or ``_TIME_AT_END`` point
    at are tried.
    """
    lines = {0}
    lines.update(m.start() + 1 for m in _BRACKET_LINE.finditer(text))
    lines.update(text.rfind("\n", 0, m.start()) + 1 for m in _TIME_AT_END.finditer(text))
    fields = []
    for start in sorted(lines):
        heading = _HEADING.match(text, start)
        if heading:
            fields.append(heading.span(1 if heading.start(1) >= 0 else 2))
    return fields


def _speakers(text: str, fields: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the fields, blanks trimmed, that name a person (``speaker_name`` is cached per field)."""
    found = []
    for start, end in fields:
        field = text[start:end]
        name = field.strip(" ")
        if name and speaker_name(name):
            start += len(field) - len(field.lstrip(" "))
            end = start + len(name)
            if not not_a_name(text, start, end):
                found.append((start, end))
    return found
