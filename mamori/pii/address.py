"""Recognise ADDRESS: 都道府県 + 市区町村 + 町域 + 番地/号 (丁目, building and room included).

Candidates start where a prefecture or a municipality name (Japan Post data) ends in 都道府県市区町村郡;
an address is only reported when a town name and a block number (番地, 丁目, ``1-2-3``) follow.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from mamori.pii.dictionaries import PREFECTURES, municipalities
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_TRIGGER = re.compile(r"[都道府県市区町村郡]")
TRIGGERS = Triggers(search=(_TRIGGER,))  # the engine's prefilter skips find_addresses where none occurs
_KANJI_NUM = "一二三四五六七八九十"
_TOWN_BLOCK = re.compile(
    # a town ends in no particle (松本市と 2-1), but in の after two kana of its name (つくば市みどりの2-14-7)
    r" ?(?:[\u4e00-\u9fff\u3005\u3041-\u3096\u30a1-\u30faーA-Z]{0,14}?)(?<![はをがでにへと])"
    r"(?:(?<=[\u3041-\u3096]{2}の)|(?<!の))"
    # a space between a town in kanji and its number, as forms and PDFs print it (新寺 3-5-12)
    rf"(?:(?<=[\u4e00-\u9fff\u3005\u30f6\u30ce\u3041-\u3096\u30a1-\u30faー]) (?=[\d{_KANJI_NUM}]))?"
    # a PDF's text puts spaces around the digits (追手町 4 丁目 7-12, 中町 3 番 5 号)
    rf"(?:[{_KANJI_NUM}]{{1,3}}丁目 ?|\d{{1,3}} ?丁目 ?)?"
    # 第5地割123番地: a rural block of 岩手 (地割) before its 番地
    r"\d{1,5}(?:(?: ?(?:番地の?|番|号|丁目|地割) ?|-| - |の| ?条[東西南北]? ?)\d{1,5})*(?: ?(?:番地|番|号(?![室線])|丁目)|条)?"
    # A count, time or amount is no block number: 3件, 23区, 10:00, 5年, 100円.
    r"(?![\d:.件人名年月日円%個社店区市町村回台本枚時分秒歳万億千百世戸kKmMgG])"
    # a comma after a digit goes on with the number (1,980円); after 丁目 / 番 / 号 it ends a cell (1丁目,)
    r"(?!(?<=\d),)"
    # nor a range cut where a count follows (開催2-3日, 主催 5-6年生): a block number takes all its parts
    r"(?!-\d)"
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
# Where a parcel or a trip goes from or to (宮崎県発, 北海道宛, 那覇市行き): a route, never a town.
_ROUTE_WORDS = frozenset("発 宛 着 行 行き 向け 方面 発送 宛て".split())
# What a sentence puts after a place, where a town's name would be: a particle alone or before a word
# in kanji (で開催, と, には), or を anywhere; towns in kana start with a particle's letter too (ときわ台,
# はるひ野, にしき台, もえぎ野), so a letter before more kana is no sign.
_SENTENCE = re.compile(
    r"(?:[はがをにへとでもの]|では|には|とは|から|まで|より|にて|において|について|でも|にも)(?:[\u4e00-\u9fff]| \Z)"
    r"|[^ ]*を"
)
_BLOCK_MARK = re.compile(r"[-番丁号]")
_SCORE = re.compile(r" ?\d{1,2}-\d{1,2}")  # two small numbers and no town: 3-1, a match's score
_KANA_TOWN = re.compile(r"[\u3041-\u3096]{3,8}")  # a town in hiragana ending in の (みどりの)
_PARTICLE_WORDS = tuple("から まで より など への での との にの だけ ほど".split())


def _match_from(text: str, start: int) -> int | None:
    """Return the end of the address starting at ``start`` or None when no block number follows."""
    pos = _names_end(text, start)
    return None if pos is None else _block_end(text, start, pos)


def _names_end(text: str, start: int) -> int | None:
    """Return where the prefecture and municipality at ``start`` end, or None when neither is there."""
    pos = start + _prefix_in(text, start, PREFECTURES, 4)
    pref = pos > start
    if pref and text[pos : pos + 1] == " ":
        pos += 1
    city = _prefix_in(text, pos, municipalities(), 10)
    if not city and not pref:
        return None
    return pos + city


def _block_end(text: str, start: int, pos: int) -> int | None:
    """Return the end of the town, block number and building after the municipality ending at ``pos``."""
    block = _TOWN_BLOCK.match(text, pos)
    if block is None or block.end() == pos:
        return _labelled_without_block(text, start, pos)
    town = _NON_DIGITS.match(block.group()).group()  # type: ignore[union-attr]
    if not town.strip() and not _BLOCK_MARK.search(block.group()):
        return None  # 東京都23区: digits straight after the municipality, no town, no block shape
    if not town.strip() and (
        " - " in block.group() or _SCORE.fullmatch(block.group()) or text[start:pos].strip() in PREFECTURES
    ):
        # 松本市 3 - 1 で勝利, 松本市 3-1: a score after a place, no town (南八幡 4 - 2 - 1 has one); a
        # prefecture with no municipality and no town before its number (長野県 3-1で勝利) is none either
        return None
    if town[-1:] == " " and _SENTENCE.match(town):
        return None  # 東京都で開催 2-3日, 松本市と 2-1: a sentence before the number, no town (あやめ池北 2 丁目 is one)
    if town.startswith(("で", "にて")):
        return None  # 東京都で開催2-3日, 大阪府にて開催 10-12月: where an event is held, no town
    kana = town.strip()
    if kana.endswith("の") and (_KANA_TOWN.fullmatch(kana) is None or kana.startswith(_PARTICLE_WORDS)):
        return None  # 松本市からの 2-3日: a sentence; みどりの 2-14-7 is a town in kana
    if town.strip() in _ROUTE_WORDS:
        return None  # 北海道宛 100サイズ 1,980円: a rate table's route and its columns, no town
    end = block.end()
    if _district(text, end, block.group()):
        return None  # 高知市朝倉本町1丁目 900世帯, a 地区 column beside counts: an area, no dwelling
    building = _BUILDING.match(text, end)
    return building.end() if building else end


# A count after a town + N丁目 (900世帯, 420戸), also in prose (1丁目は約900世帯, 1丁目の世帯数は…), or a
# cell of digits beside it under a district header.
_COUNT_AFTER = re.compile(
    r"(?:[はがでも]|には|では|の)? ?[(（]?(?:約|計|全|合計)? ?\d[\d,]* ?(?:世帯|戸|人|件|部)"
    r"|(?:の|は)?(?:世帯数|人口|戸数|部数|配布数)"
)
_NUMBER_CELL = re.compile(r"[,\t]\d+(?=[,\t\r\n]|\Z)")
_DISTRICT_HEADER = re.compile(
    r"(?:^|[,\t])\"?(?:町丁目|町丁|地区|町名|地域|区域|配達区域)名?\"?(?=[,\t])", re.MULTILINE
)


def _district(text: str, end: int, block: str) -> bool:
    """Return whether the town + N丁目 ending at ``end`` (no block number after 丁目) is a district in
    statistics: a count follows it, or a cell of digits under a 地区 / 町名 / 区域 column header."""
    if not block.endswith("丁目"):
        return False
    if _COUNT_AFTER.match(text, end):
        return True
    return bool(_NUMBER_CELL.match(text, end) and _DISTRICT_HEADER.search(text, max(0, end - 20000), end))


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


def is_address(value: str) -> bool:
    """Return whether the whole of ``value`` is the first address ``find_addresses`` reports in it.

    Used on every cell of an address column. The prefecture and municipality are looked up once per
    distinct text before the first digit (a list repeats its towns): no prefecture or municipality name
    holds a digit, so what ``find_addresses`` finds there does not depend on the rest of the cell. Cells
    that would need a later start are judged by ``find_addresses`` itself.
    """
    if value.isascii():
        return False
    pos = _names_end_of_first_start(_NON_DIGITS.match(value).group())  # type: ignore[union-attr]
    end = None if pos < 0 else _block_end(value, 0, pos)
    if end is None:  # no address at the start, or one found later: as find_addresses decides
        hits = find_addresses(value)
        return bool(hits) and hits[0][0] == 0 and hits[0][1] == len(value)
    return end == len(value)


_HEAD_ENDS: dict[str, int] = {}  # what _first_start_names_end gave for a head: a list repeats its towns
_HEAD_ENDS_MAX = 8192


def _names_end_of_first_start(head: str) -> int:
    """Return where the names end when the first trigger in ``head`` that starts an address starts it at 0.

    -1 when that start is not 0, when no trigger starts one, or when no name is at 0. Kept per head in
    a dictionary emptied when full: a customer list of distinct towns misses nearly every time, and a
    miss cost ``lru_cache`` its bookkeeping on top of the call.
    """
    end = _HEAD_ENDS.get(head)
    if end is None:
        if len(_HEAD_ENDS) >= _HEAD_ENDS_MAX:
            _HEAD_ENDS.clear()
        end = _HEAD_ENDS[head] = _first_start_names_end(head)
    return end


@cache
def _name_tables() -> tuple[
    frozenset[str], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]
]:
    """Return the municipalities, the lengths of the prefectures and of the municipalities by their first
    two characters, and the lengths (2 to 7) of the municipalities by their last two."""
    cities = municipalities()
    by_tail: dict[str, set[int]] = {}
    for name in cities:
        if 2 <= len(name) <= 7:
            by_tail.setdefault(name[-2:], set()).add(len(name))
    tails = {tail: tuple(sorted(lengths, reverse=True)) for tail, lengths in by_tail.items()}
    return cities, _lengths_by_head(PREFECTURES), _lengths_by_head(cities), tails


def _first_start_names_end(head: str) -> int:
    """Compute ``_names_end_of_first_start``: ``_start_at`` and ``_names_end`` written out in one function.

    The same lookups in the same order, a municipality's lengths taken by its last two characters
    (test_fast_paths compares it with the plain definition): 30 % less per distinct head. A head that
    starts with a prefecture, as most cells of an address column do, needs no trigger scan at all.
    """
    cities, prefecture_heads, city_heads, city_tails = _name_tables()
    for n in prefecture_heads.get(head[:2], ()):
        if n <= len(head) and head[:n] in PREFECTURES:
            if head[:n] in _INNER_TRIGGER:
                break  # 京都府: its 都 is a trigger before the prefecture's end, looked at below
            # A prefecture first (most cells of an address column): its last character is the first
            # trigger, and it starts the address at 0 (no prefecture ends another one).
            return _city_end(head, n, cities, city_heads)
    for m in _TRIGGER.finditer(head):
        end = m.end()
        if head[max(0, end - 3) : end] in PREFECTURES:
            start = end - 3
        elif head[max(0, end - 4) : end] in PREFECTURES:
            start = end - 4
        elif head[max(0, end - 2) : end] in PREFECTURES:
            start = end - 2
        else:
            start = -1
            for n in city_tails.get(head[end - 2 : end] if end >= 2 else "", ()):
                if n <= end and head[end - n : end] in cities:
                    start = end - n
                    break
            if start < 0:
                continue
        if start != 0:
            return -1
        pos = 0
        for n in prefecture_heads.get(head[:2], ()):
            if n <= len(head) and head[:n] in PREFECTURES:
                pos = n
                break
        if not pos:
            room = min(10, len(head))
            for n in city_heads.get(head[:2], ()):
                if n <= room and head[:n] in cities:
                    return n
            return -1
        return _city_end(head, pos, cities, city_heads)
    return -1


def _city_end(head: str, pos: int, cities: frozenset[str], city_heads: dict[str, tuple[int, ...]]) -> int:
    """Return where the municipality after the prefecture ending at ``pos`` ends (``pos`` if none)."""
    if head[pos : pos + 1] == " ":
        pos += 1
    room = min(10, len(head) - pos)
    for n in city_heads.get(head[pos : pos + 2], ()):
        if n <= room and head[pos : pos + n] in cities:
            return pos + n
    return pos


# Prefectures with a trigger (都道府県市区町村郡) before their last character: 京都府.
_INNER_TRIGGER = frozenset(p for p in PREFECTURES if _TRIGGER.search(p[:-1]))
