"""Recognise ADDRESS: 都道府県 + 市区町村 + 町域 + 番地/号 (丁目, building and room included).

Candidates start where a prefecture or a municipality name (Japan Post data) ends in 都道府県市区町村郡;
an address is only reported when a town name and a block number (番地, 丁目, ``1-2-3``) follow.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii.dictionaries import PREFECTURES, municipalities
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_TRIGGER = re.compile(r"[都道府県市区町村郡]")
TRIGGERS = Triggers(search=(_TRIGGER,))  # the engine's prefilter skips find_addresses where none occurs
_KANJI_NUM = "一二三四五六七八九十"
_TOWN_BLOCK = re.compile(
    r" ?(?:[\u4e00-\u9fff\u3005\u3041-\u3096\u30a1-\u30faーA-Z]{0,14}?)(?<![はをがでにへのと])"
    rf"(?:[{_KANJI_NUM}]{{1,3}}丁目 ?|\d{{1,3}}丁目 ?)?"
    r"\d{1,5}(?:(?:番地の?|番|号|-|の|条[東西南北]?|丁目 ?)\d{1,5})*(?:番地|番|号(?!室)|丁目|条)?"
    # A count, time or amount is no block number: 3件, 23区, 10:00, 5年, 100円.
    r"(?![\d:.,件人名年月日円%個社店区市町村回台本枚時分秒歳万億千百kKmMgG])"
)
_BUILDING = re.compile(
    r"(?: ?[^\s\d,\"\t。、()（）<>:;/|@][^\s,\"\t。、()（）<>:;/|@]{0,18}? ?[A-Z]?\d{1,4}(?:号室|号|F|階)?"
    r"|-\d{2,4}(?:号室)?)(?=[\s,\"\t。、)）<]|$)"
)


def _prefix_in(text: str, pos: int, names: frozenset[str], longest: int) -> int:
    """Return the length of the longest name in ``names`` that starts at ``pos`` (0 if none).

    Only the lengths of the names that begin with the two characters at ``pos`` are tried.
    """
    room = min(longest, len(text) - pos)
    for n in _lengths_by_head(names).get(text[pos : pos + 2], ()):
        if n <= room and text[pos : pos + n] in names:
            return n
    return 0


@lru_cache(maxsize=4)
def _lengths_by_head(names: frozenset[str]) -> dict[str, tuple[int, ...]]:
    """Map the first two characters of the names (two or more long) to their lengths, longest first."""
    by_head: dict[str, set[int]] = {}
    for name in names:
        if len(name) >= 2:
            by_head.setdefault(name[:2], set()).add(len(name))
    return {head: tuple(sorted(lengths, reverse=True)) for head, lengths in by_head.items()}


def _start_at(text: str, p: int) -> int | None:
    """Return where an address whose prefecture or municipality ends at ``p`` starts, if any."""
    for n in (3, 4, 2):
        if text[max(0, p + 1 - n) : p + 1] in PREFECTURES:
            return p + 1 - n
    cities = municipalities()
    for n in range(7, 1, -1):
        if p + 1 - n >= 0 and text[p + 1 - n : p + 1] in cities:
            return p + 1 - n
    return None


_NON_DIGITS = re.compile(r"\D*")
_BLOCK_MARK = re.compile(r"[-番丁号]")


def _match_from(text: str, start: int) -> int | None:
    """Return the end of the address starting at ``start`` or None when no block number follows."""
    pos = start + _prefix_in(text, start, PREFECTURES, 4)
    pref = pos > start
    if pref and text[pos : pos + 1] == " ":
        pos += 1
    city = _prefix_in(text, pos, municipalities(), 10)
    if not city and not pref:
        return None
    pos += city
    block = _TOWN_BLOCK.match(text, pos)
    if block is None or block.end() == pos:
        return _labelled_without_block(text, start, pos)
    town = _NON_DIGITS.match(block.group()).group()  # type: ignore[union-attr]
    if not town.strip() and not _BLOCK_MARK.search(block.group()):
        return None  # 東京都23区: digits straight after the municipality, no town, no block shape
    end = block.end()
    building = _BUILDING.match(text, end)
    return building.end() if building else end


_ADDRESS_LABEL = re.compile(r"住所|所在地|お届け先|送付先|居所|連絡先住所")
_TOWN_ONLY = re.compile(
    r"[\u4e00-\u9fff\u3005\u30f6\u30ce\u3041-\u3096\u30a1-\u30faー]{1,12}(?=[\s,\"\t。、)]|$)"
)


def _labelled_without_block(text: str, start: int, pos: int) -> int | None:
    """Return the end of a block-less address (``住所：長野県松本市中山``) right after an address label."""
    if not _ADDRESS_LABEL.search(text[max(0, start - 12) : start]):
        return None
    town = _TOWN_ONLY.match(text, pos)
    return town.end() if town else None


def find_addresses(text: str) -> list[Hit]:
    """Return ADDRESS hits in normalised ``text``."""
    if text.isascii():
        return []  # every address starts with a kanji 都道府県市区町村郡: a log or an ASCII export has none
    hits: list[Hit] = []
    covered = 0
    for m in _TRIGGER.finditer(text):
        p = m.start()
        if p < covered:
            continue
        start = _start_at(text, p)
        if start is None or start < covered:
            continue
        end = _match_from(text, start)
        if end is not None:
            hits.append((start, end, "ADDRESS", 5))
            covered = end
    return hits
