"""Name columns of tables that ``tables`` did not read as such: their headers, their cells, their neighbours.

- Headers people write over names in ledgers and lists: ``ご芳名`` (guest books), ``喪主`` / ``故人名`` /
  ``施主名`` (a funeral home's or an architect's clients), ``本名`` (beside a radio name), a hiragana
  ``○○のなまえ`` (a children's list: ``じどうのなまえ``).
- A cell under a name header is a name when it is a surname the dictionaries do not know before a given
  name they do know (``務台 ひかり``, ``巾 竜也``): the column says it is a name, the given name says where
  the surname ends; the surname needs no list of its own.
- A column of no name header in which three or more distinct cells are full names of a dictionary
  surname and a dictionary given name, half of its cells or more (a journal's ``補助科目`` of 未払金 holds
  the employees paid back beside banks and suppliers), holds persons in those cells; so does one in
  which nearly all cells are distinct full names (a shift table's or a seating chart's staff,
  ``_known_names``, moved here from ``tables``), and it keeps its unknown surnames too (細萱 修).
Structure and context: each rule needs the column, the header row or the share of the column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import compress, repeat
from operator import contains

from mamori.pii.dictionaries import given_names, given_readings, municipalities, surnames, to_katakana
from mamori.pii.kana_columns import kana_name_cells
from mamori.pii.name_words import KANJI, NON_NAME, STOP, plausible_unknown
from mamori.pii.names import parse_name
from mamori.pii.spans import Hit

NAME_HEADER = re.compile(
    r"(?:ご|御)?芳名|(?:喪主|施主|故人|飼い?主|持ち?主|落とし主|遺失者)(?:名|氏名)?|本名|相手方|[\u3041-\u3096]{1,6}のなまえ|"
    # a party to a contract named by its part (a rent ledger's 賃借人, a loan's 借受人, 申込人, 譲受人)
    r"(?:賃借|賃貸|転借|転貸|借受|申込|譲受|譲渡|買受|委任|受任|受託|寄託)人(?:名|氏名)?|"
    # whoever collects a child (a nursery's record of late pick-ups: お迎え者, お迎えの方, 引取者)
    r"お?(?:迎え|むかえ|引き?取り?)(?:者|人|の方)(?:名|氏名)?"
)
# Literals of those headers, for the header-row prefilter of ``tables``.
HEADER_WORDS = "芳名|相手方|喪主|施主|故人|飼い主|飼主|持ち主|持主|落とし主|遺失者|本名|のなまえ|借人|貸人|受人|込人|渡人|任人|託人|迎え|むかえ|取者|取人|取りの方"

SPACED_NAME = re.compile(rf"[{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096\u30a1-\u30faー]{{1,4}}")
# Katakana names with a middle dot or space (グエン・ヴァン・ナム) and Latin names (John Smith, SMITH JOHN).
FOREIGN_NAME = re.compile(
    r"[\u30a1-\u30faー]{1,12}(?:[・= ][\u30a1-\u30faー]{1,12}){1,3}|[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\-]+(?: [A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'.\-]*){1,3}"
    r"|[A-Z][A-Z'\-]+/[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2}"  # an airline's PNR name: YANASE/NAOKI MR
)
_SURNAME_GIVEN = re.compile(
    rf"([{KANJI}]{{1,3}}) ([{KANJI}]{{1,3}}|[\u3041-\u3096]{{2,4}}|[\u30a1-\u30fa]{{2,4}})"
)

# What a roster writes in a name's cell when it names no one: the row above's (同上, 〃), a relation
# (本人, 長男, 妻), a seat or a number left open (未定, 欠番, (空き), 空席).
FILLER = re.compile(
    r"[(（【\[]?(?:同上|同|〃|″|々|ditto|本人|長男|長女|次男|次女|三男|三女|妻|夫|父|母|祖父|祖母|義父|義母|子|孫|"
    r"兄|弟|姉|妹|配偶者|世帯主|家族|未定|未記入|未入力|未登録|欠番|欠員|空き|空席|空欄|空|なし|無し|該当なし|"
    r"不明|保留|退会|募集中|調整中|予備|検討中|匿名希望|匿名|非公開|名無し|ななし|TBD|-|ー|―|－|×)[)）】\]]?"
)


def name_header(cell: str) -> bool:
    """Return whether a header cell names a column of persons that the header patterns of ``tables`` miss."""
    return NAME_HEADER.fullmatch(cell) is not None


def _known_given(given: str) -> bool:
    return given in given_names() or (not KANJI_RE.match(given) and to_katakana(given) in given_readings())


KANJI_RE = re.compile(rf"[{KANJI}]")


def unknown_surname_name(value: str) -> bool:
    """Return whether a cell under a name header is a surname no dictionary knows and a given name (務台 ひかり).

    The given name is a dictionary one, or a kanji word that could be a name (務台 悠真: 務 keeps the
    whole run from reading as an unknown name, but it is the surname's).
    """
    m = _SURNAME_GIVEN.fullmatch(value)
    if m is None:
        return False
    surname, given = m.groups()
    if surname in STOP or given in surnames() or (len(surname) == 1 and surname in NON_NAME):
        return False
    return _known_given(given) or (len(surname) >= 2 and plausible_unknown(given))


def _surname_and_word(value: str, family: dict[str, tuple[str, ...]]) -> bool:
    """Return whether a cell of a name column is a dictionary surname and a second word (蛭田 大和, 大和 a place too)."""
    m = _SURNAME_GIVEN.fullmatch(value)
    return m is not None and m[1] in family and len(m[2]) >= 2


def widen(values: list[str], names: list[bool] | None) -> list[bool] | None:
    """Return the name cells of a column without a name header, ``names`` being those ``tables`` found.

    A column ``tables`` found to be names (a list, a seating chart, the staff of a shift table) also holds
    the unknown surnames before a given name (細萱 修 among 契約農家, 剱持 琴音) and the dictionary
    surnames before a word that is a surname or a place too (蛭田 大和); a column it did not is one when three or more distinct cells are full names of a
    dictionary surname and a dictionary given name, half of its cells or more.
    """
    if names is not None:
        family = surnames()
        return [
            keep or unknown_surname_name(value) or _surname_and_word(value, family)
            for keep, value in zip(names, values, strict=True)
        ]
    if sum(map(contains, values, repeat(" "))) < max(3, (len(values) + 1) // 2):
        return None  # a name holds a space: a column of numbers, codes or words has too few for half
    family, given = surnames(), given_names()
    verdicts = dict.fromkeys(values, False)
    for value in verdicts:
        if " " in value:
            m = _SURNAME_GIVEN.fullmatch(value)
            verdicts[value] = bool(m and m[1] in family and m[2] in given and m[2] not in family)
    keep = list(map(verdicts.__getitem__, values))
    count = sum(keep)
    if count < 3 or count * 2 < len(values) or sum(verdicts.values()) < 3:
        return None
    return keep


def column_names(values: list[str]) -> list[bool] | None:
    """Return the name cells of a column without a name header (``tables``), or None when it holds none."""
    kana = kana_name_cells(values)  # サトウ ハナコ: a list of readings with no header (kana_columns.py)
    if kana is not None:
        return kana
    return widen(values, _known_names(values) if SPACED_NAME.fullmatch(values[-1]) else None)


def _known_names(values: list[str]) -> list[bool] | None:
    """Mark the names of a column without a header when nearly all of it is distinct known full names.

    A shift table or seating list writes staff down its first column with no 氏名 header (``長谷部 千鶴``
    by the days of the month). Only a column of four or more cells whose values are, for 80 % or more,
    a dictionary surname, a space and a given name, each value different, is taken as one. Given names
    of today (陽翔, 結愛) are not in the dictionary: a word of up to three characters that is no surname
    (長野 松本 is two places) and does not end like a site or office (渋谷 本店) is taken as one.
    """
    family, given = surnames(), given_names()
    keep = [False] * len(values)
    for i, value in enumerate(values):
        if SPACED_NAME.fullmatch(value):
            surname, _, first = value.partition(" ")
            if surname in family and (first in given or _new_given_name(first, family)):
                keep[i] = True
    count = sum(keep)
    if count * 5 < len(values) * 4 or len(set(compress(values, keep))) < count * 0.8:
        return None
    return keep


_SITE_END = frozenset("店社部課所局県市区町村駅校院館場室係班")


def _new_given_name(word: str, family: dict[str, tuple[str, ...]]) -> bool:
    return len(word) <= 3 and word[-1] not in _SITE_END and word not in family


def name_part(value: str) -> bool:
    """Return whether a cell of a split name column (姓 / 名, 注文者名前) is a dictionary surname or given name."""
    return value in surnames() or value in given_names()


_CELL_SEPARATOR = re.compile(r" ?[、,，;；/／・] ?")


def names_in_cell(value: str, start: int, is_name: Callable[[str], bool]) -> list[Hit]:
    """Return the names of a name column's cell that lists several (``仁科 とし子、杉原 節子``, ``原、樋口``).

    Each piece between separators must be a name by *is_name* (``tables``' own test of a name cell),
    spaced, foreign or a dictionary surname and given name (not 扶養家族, which a name column would take),
    or a dictionary surname alone; a piece that is none (``ほか2名``) leaves the others.
    """
    if len(value) > 80:
        return []
    if _CELL_SEPARATOR.search(value) is None:
        return _before_symbols(value, start, is_name)
    hits: list[Hit] = []
    at = 0
    for m in [*_CELL_SEPARATOR.finditer(value), None]:
        end = len(value) if m is None else m.start()
        piece = value[at:end]
        listed = is_name(piece) and (" " in piece or "・" in piece or parse_name(piece, 0) == len(piece))
        if piece and (listed or piece in surnames()):  # not 従業員・扶養家族
            hits.append((start + at, start + end, "PERSON", 9))
        at = len(value) if m is None else m.end()
    return hits


# Pictographs and marks a display name ends with (ゆみ🌷, ナナコ🌸, 上原★): no part of the name.
_SYMBOLS_AFTER = re.compile(r"[ \u2190-\u2bff\u3030\u303d\u3297\u3299\ufe0f\u200d\U0001f000-\U0001faff]+\Z")


def _before_symbols(value: str, start: int, is_name: Callable[[str], bool]) -> list[Hit]:
    """Return the name before the pictographs a messaging display name ends with (ゆみ🌷: ゆみ)."""
    symbols = _SYMBOLS_AFTER.search(value)
    if symbols is None or symbols.start() < 2 or not is_name(value[: symbols.start()]):
        return []
    return [(start, start + symbols.start(), "PERSON", 9)]


def duty_names(values: list[str]) -> list[bool] | None:
    """Mark the staff down the side of a shift table (moved from ``tables``), as people write them there.

    A shift table names its staff by surname alone (``比嘉 | 日勤 | 夜勤 | 休``) as often as in full:
    with the days across, a column of three or more cells that are, for 80 % or more, distinct
    dictionary surnames (not a municipality such as 松本市), full names or foreign names holds persons.
    """
    family, places = surnames(), municipalities()

    def person(value: str) -> bool:
        if value in places or any(value + end in places for end in "市区町村"):
            return False
        if value in family or FOREIGN_NAME.fullmatch(value):
            return True
        if SPACED_NAME.fullmatch(value):
            return value.partition(" ")[0] in family
        return len(value) >= 3 and parse_name(value, 0) == len(value)  # 早乙女杏: surname and given name

    keep = list(map(person, values))
    count = sum(keep)
    if count < 3 or count * 5 < len(values) * 4 or len(set(compress(values, keep))) < count * 0.8:
        return None
    return keep
