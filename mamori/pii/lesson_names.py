"""Recognise PERSON in a timetable's cells: a lesson, then who teaches it (ヨガ 浜崎 彩, 書道 三好 由香).

A studio's, a school's or a community centre's weekly timetable puts in each cell of the grid the
lesson and its instructor, and heads no column with a name word: the days and the hours are its
headers. A cell (between a line's start or end, a tab, a comma or ``|``) that holds a word, maybe a
level in brackets and a time before it, then a full name, spaced or not, whose surname and given name
are both in the dictionaries names the instructor (``ピラティス(初級) 三好 由香``, ``10:00 ヨガ 浜崎 彩 先生``).
A word before two words that are no dictionary surname and given name (``会場 本館 大会議室``,
``特急 松本 行``) names none: places and rooms, routes. A line of one such cell alone and no separator is
a memo's role line (``memo_names``).
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.name_words import KANJI
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_SEP = "\t,|"
# The instructor's name, from the space after the lesson to the cell's end (its separator taken, so
# that the prefilter asks for it too): the lesson before it is checked apart.
_NAME = re.compile(
    rf"[ /](?:([{KANJI}]{{1,4}}) ([{KANJI}]{{1,3}}|[\u3041-\u3096]{{2,4}})|([{KANJI}]{{3,6}}))"
    rf"(?: ?(?:先生|講師|コーチ|インストラクター))?(?: ?\([^()\n\t,|]{{1,10}}\))? ?(?:[{_SEP}\n]|\Z)"
)
# The lesson: a word of katakana, kanji or Latin letters (ヨガ, キッズ英会話, HIIT, K-POP), a level after
# it, maybe a time before it, alone in its cell up to the name.
_LESSON = re.compile(
    r" ?(?:\d{1,2}:\d{2}(?:[-~]\d{1,2}:\d{2})? ?)?[\u30a1-\u30faー・A-Za-z\u4e00-\u9fff々\-]{2,12}"
    r"(?:\([^()\n\t,|]{1,8}\))?"
)
TRIGGERS = Triggers(search=(_NAME,))
# One kanji given names (行, 南) that after a place say where to or which side: a route, a station's exit.
_PLACE_WORDS = frozenset("行 発 着 南 東 北 西 口 前".split())
_LONGEST = 24  # characters of a cell before the name: a time, a lesson and its level


def find_lesson_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the instructors named after a lesson in a timetable's cells."""
    if "\t" not in text and "," not in text and "|" not in text:
        return []  # no cell in the text: prose, a log of spaces
    sur, given = surnames(), given_names()
    hits: list[Hit] = []
    for m in _NAME.finditer(text):
        first, second = (m.group(1), m.group(2)) if m.group(3) is None else _split(m.group(3), sur, given)
        if first not in sur or second not in given or second in _PLACE_WORDS:
            continue  # 本館 大会議室, 松本 行: a place and a room, a route
        lo = max(0, m.start() - _LONGEST)
        cell = max(text.rfind(sep, lo, m.start()) for sep in _SEP + "\n") + 1
        if (cell == 0 and lo > 0) or not _LESSON.fullmatch(text, cell, m.start()):
            continue  # no cell's start near: a line of prose
        if not _in_row(text, m.start()):
            continue
        start, end = (m.start(1), m.end(2)) if m.group(3) is None else (m.start(3), m.end(3))
        if not not_a_name(text, start, end):
            hits.append((start, end, "PERSON", 2))
    return hits


def _in_row(text: str, start: int) -> bool:
    """Return whether the cell holding ``start`` is one of a row's: a separator on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return any(sep in line for sep in _SEP)


def _split(run: str, sur: dict[str, tuple[str, ...]], given: dict[str, tuple[str, ...]]) -> tuple[str, str]:
    """Return a glued name's surname and given name (浜崎彩: 浜崎, 彩), both dictionary ones, or two blanks."""
    for n in (2, 3, 4):
        if run[:n] in sur and run[n:] in given and len(run) - n >= 2:
            return run[:n], run[n:]  # not 山田錦 (a rice): one kanji after a surname is a word's end as often
    return "", ""
