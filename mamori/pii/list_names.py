"""Recognise PERSON in lists of names without a label: rotas, running orders, bookings, participants.

Offices keep such lists as plain lines, a marker and then the name: a day (``11/4 牛山``), a time
(``9:30 胡桃沢大輔（初診）``, a range and a booking sheet's chair: ``10:00-10:30 C1 胡桃沢 大輔``), a week (``1週 武居 明美、渡邉 葵``), a number (``1. 髙橋 陽斗``) or a
bullet (``・濵田 さくら（介護職）``), often a remark after it. No line alone says it holds a name, the
list does (structural): consecutive lines of that shape of which three and 75 % or more begin with a name, and of
which fewer than half begin with a municipality (``11/4 松本`` is a trip, not a duty); or two lines
or more that all begin with a full name written with a space and a known surname or given name.

A name at a line's start is two words of name kanji or a kanji surname and a hiragana given name
(the second word a dictionary given name, hiragana, or a word the analyser does not read as a common
noun: ``松本 出張`` is a trip), a dictionary surname alone or glued to a given name, or a surname the
dictionaries do not know glued to a dictionary given name (胡桃沢大輔). Two lines or more that begin
with a name in kana, a surname's reading, a space and a given name (かみじょう こはる（1年）), one of
them a dictionary given name's reading, are names too: children's lists are written in hiragana. So is
a full name, a dictionary surname and a given name, after a role in English (AD：藤原拓海 / Photo：栗原蓮,
the credits of a portfolio).
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii.analyser import kana_given, reads_as_name, san_tokens
from mamori.pii.dictionaries import (
    given_names,
    given_readings,
    municipalities,
    surname_readings,
    surnames,
    to_katakana,
)
from mamori.pii.name_words import KANJI, plausible_unknown
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

# A time may end a range (10:30-11:00) and be followed by a short code of the chair, room or unit the
# booking takes (10:30 C1 相馬 健吾, 9:00 2診 …, 14:00 U3 …): a booking sheet's column between time and name.
_TIME = r"\d{1,2}:\d{2}(?:[-~]\d{1,2}:\d{2})?(?:[ \t]+(?:[A-Za-z]{1,2}-?\d{0,2}|\d{1,2}(?:番|診|号室?)?)(?=[ \t]))?"
_MARKER = (
    rf"(?:[・\-*●○◆■□◇]|\d{{1,2}}[.)．]|\d{{1,2}}番(?=[ \t])|\(\d{{1,2}}\)|\d{{1,2}}/\d{{1,2}}(?:\([^)\n]{{1,3}}\))?|{_TIME}|"
    r"第?\d{1,2}週|\d{1,2}月\d{1,2}日(?:\([^)\n]{1,3}\))?)"
)
_ITEM = rf"{_MARKER}[ \t]*([{KANJI}][^\n]*)"
_ITEM_LINE = re.compile("\n" + _ITEM)
_ITEM_FIRST = re.compile(_ITEM)

# A name in kana at a line's start, a space between surname and given name (かみじょう こはる（1年）…):
# children's lists and rosters written in hiragana. Both words must be readings of the dictionaries'.
_KANA_LINE_NAME = (
    r"([\u3041-\u3096\u30a1-\u30faー]{2,8}) ([\u3041-\u3096\u30a1-\u30faー]{1,6})(?=[(（ …:：,、\t]|\n|\Z)"
)
_KANA_LINE = re.compile("\n" + _KANA_LINE_NAME)
_KANA_FIRST = re.compile(_KANA_LINE_NAME)

# A role in English before a name, as credits and sign-offs write it (AD：藤原拓海 / Photo：栗原蓮).
_CREDIT = re.compile(
    rf"(?<![A-Za-z])[A-Z][A-Za-z]{{1,11}}: ?([{KANJI}]{{1,4}} [{KANJI}]{{1,3}}|[{KANJI}]{{2,7}})(?=[ /|・,、()\n]|\Z)"
)

# A bullet alone before a name that fills the rest of its line (・金森 秀樹); a number is no bullet here:
# ``1. 田中 一郎`` alone opens a numbered outline as often as a list.
_LONE = re.compile(
    rf"(?:^|\n)[・\-*●○◆■□◇] ?([{KANJI}]{{1,4}}) ([{KANJI}]{{1,3}}|[\u3041-\u3096]{{2,4}})[ \t\r]*(?=\n|\Z)"
)

TRIGGERS = Triggers(search=(_ITEM_LINE, _KANA_LINE, _CREDIT, _LONE), start=(_ITEM_FIRST, _KANA_FIRST))

_NAME_AT = re.compile(
    rf"([{KANJI}]{{1,7}})(?: ([{KANJI}]{{1,3}}|[\u3041-\u3096]{{2,4}}|[\u30a1-\u30fa]{{2,4}}))?(?=[（(、,，：: \t\n「『]|\Z)"
)  # 「 after a name: the title of a talk in a programme (9:00 氏名「演題」)
_SEPARATOR = re.compile(r"[、,，] ?")
MIN_LINES = 3
SHARE = 0.75


def find_list_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the names that begin the lines of a list of names."""
    hits: list[Hit] = []
    for block in _blocks(text):
        names = [(start, end, spaced) for start, end, spaced in block if end]
        towns = sum(1 for start, end, _ in names if _town(text[start:end]))
        if towns * 2 >= len(block):
            continue
        enough = len(names) >= MIN_LINES and len(names) >= SHARE * len(block)
        spaced_pair = (
            len(block) >= 2 and all(spaced for _, end, spaced in block if end) and len(names) == len(block)
        )
        if enough or spaced_pair:
            hits.extend(_line_names(text, block))
    return hits + _lone_items(text) + _kana_lines(text) + _credits(text)


def _lone_items(text: str) -> list[Hit]:
    """Return the name of a bulleted line that holds a full name only: its surname and
    given name both in the dictionaries, the given name no surname (・金森 秀樹; not ・松本 出張, ・中村 工務店).

    A name alone on a line counts without the bullet (``names``); a list of two lines or more is read above.
    """
    sur, given = surnames(), given_names()
    hits: list[Hit] = []
    for m in _LONE.finditer(text):
        first, second = m.group(1), m.group(2)
        if (
            first in sur
            and second in given
            and second not in sur
            and not not_a_name(text, m.start(1), m.end(2))
        ):
            hits.append((m.start(1), m.end(2), "PERSON", 2))
    return hits


def _credits(text: str) -> list[Hit]:
    """Return the full names after a role in English (AD：藤原拓海): a dictionary surname and a given name."""
    sur = surnames()
    hits: list[Hit] = []
    for m in _CREDIT.finditer(text):
        first, _, second = m.group(1).partition(" ")
        if second:
            full = first in sur and _given_like(second)
        else:  # 藤原 + 拓海, a given name of today no dictionary holds; not 松本 + 城 (the analyser's call),
            # nor a surname alone (From: 佐々木 こども家庭課: 佐 + 々木)
            full = (
                first not in sur
                and any(first[:n] in sur and 1 <= len(first) - n <= 3 for n in (1, 2, 3))
                and reads_as_name(first)
            )
        if full and not not_a_name(text, m.start(1), m.end(1)):
            hits.append((m.start(1), m.end(1), "PERSON", 2))
    return hits


def _kana_lines(text: str) -> list[Hit]:
    """Return the kana names that begin two lines or more, each a surname's and a given name's reading."""
    found = list(_KANA_LINE.finditer(text))
    first = _KANA_FIRST.match(text)
    if first:
        found.insert(0, first)
    sur, given = surname_readings(), given_readings()
    hits = [(m.start(1), m.end(2), "PERSON", 2) for m in found if to_katakana(m.group(1)) in sur]
    # given names of today (ひなた, ゆうま) are missing from the readings: one known one in the list will do
    known = any(to_katakana(text[s:e].split(" ")[1]) in given for s, e, _, _ in hits)
    return hits if len(hits) >= 2 and known else []


def _blocks(text: str) -> list[list[tuple[int, int, bool]]]:
    """Return runs of consecutive list lines, each line as (name start, name end or 0, spaced)."""
    found = list(_ITEM_LINE.finditer(text))
    first = _ITEM_FIRST.match(text)
    if first:
        found.insert(0, first)
    blocks: list[list[tuple[int, int, bool]]] = []
    last_end = -2
    for m in found:
        start = m.start(1)
        name = _name_at(text, start)
        line = (start, name[0], name[1]) if name else (start, 0, False)
        if m.start() == last_end:  # the line right after the last one
            blocks[-1].append(line)
        else:
            blocks.append([line])
        last_end = m.end()
    return [b for b in blocks if len(b) >= 2]


_HOUSE = re.compile(rf"([{KANJI}]{{1,4}}?)(?: ([{KANJI}]{{1,3}}))? ?(?:宅|邸)(?=[（(、,，：: \t\n]|\Z)")


def _name_at(text: str, pos: int) -> tuple[int, bool] | None:
    """Return (end, spaced) of a name at ``pos``, or None; a visit's house (八木橋 湊 宅, 𠮷岡宅) names its family."""
    house = _HOUSE.match(text, pos)
    family = house.group(1) if house else ""
    if (
        house
        and (family in surnames() or plausible_unknown(family))
        and (not house[2] or _given_like(house[2]))
    ):
        end = house.end(2 if house.group(2) else 1)
        return None if not_a_name(text, pos, end) else (end, house.group(2) is not None)
    m = _NAME_AT.match(text, pos)
    if m is None or not_a_name(text, m.start(), m.end()):
        return None
    first, second = m.group(1), m.group(2)
    if second is not None and "\u30a1" <= second[0] <= "\u30fa":  # 木佐 トメ, 比嘉 カマド: an old given name
        return (m.end(), True) if first in surnames() and kana_given(second) else None
    if second is not None:
        if len(first) > 4 or not plausible_unknown(first + second) or not _given_like(second):
            return None
        if first not in surnames() and second not in given_names() and not _hiragana(second):
            return None
        return m.end(), True
    sur, given = surnames(), given_names()
    if first in sur or any(first[:n] in sur and first[n:] in given for n in (1, 2, 3)):
        return m.end(), False
    if any(first[n:] in given and plausible_unknown(first) for n in (2, 3)):
        return m.end(), False  # 胡桃沢大輔: a surname no dictionary knows and a known given name
    return None


def _line_names(text: str, block: list[tuple[int, int, bool]]) -> list[Hit]:
    """Return the names of each line: the first, and more after 、 (武居 明美、渡邉 葵)."""
    hits: list[Hit] = []
    for start, end, _spaced in block:
        while end:
            hits.append((start, end, "PERSON", 2))
            sep = _SEPARATOR.match(text, end)
            name = _name_at(text, sep.end()) if sep else None
            start, end = (sep.end(), name[0]) if sep and name else (0, 0)
    return hits


def _hiragana(word: str) -> bool:
    return all("\u3041" <= c <= "\u3096" for c in word)


@lru_cache(maxsize=4096)
def _given_like(word: str) -> bool:
    """Return whether ``word`` after a surname can be a given name: a dictionary one, hiragana, or one
    the analyser does not read as a common noun (出張, 会議 are)."""
    if word in given_names() or _hiragana(word):
        return True
    tokens = san_tokens(word)
    return not tokens or not any(t.feature.pos2 == "普通名詞" and t.feature.lemma for t in tokens)


def _town(name: str) -> bool:
    return any(name + end in municipalities() for end in "市町村区")
