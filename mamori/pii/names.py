"""Recognise PERSON: kanji and kana names found through context, checked against name dictionaries.

Names are never found by a list alone: a label before (氏名:, 担当, 出席者:, フリガナ:), an honorific
after (様, さん, 殿) or a table column headed 氏名 / フリガナ points at a position, and the name parser
decides how far the name goes, using IPADIC surnames and given names as evidence for the split.
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import given_names, given_readings, surname_readings, surnames, to_katakana
from mamori.pii.spans import Hit

_KANJI = r"\u4e00-\u9fff\u3005\u3006\u30f6"
_KANJI_RUN = re.compile(rf"[{_KANJI}]{{1,6}}")
_GIVEN_RUN = re.compile(rf"[{_KANJI}]{{1,3}}|[\u3041-\u3096]{{1,3}}[{_KANJI}]?|[\u30a1-\u30faー]{{2,6}}")
_KANA_NAME = re.compile(r"([\u30a1-\u30faー]{2,8})(?: ([\u30a1-\u30faー]{1,7}))?|([\u3041-\u3096ー]{2,8})(?: ([\u3041-\u3096ー]{1,7}))?")
_LABEL = re.compile(
    r"(?:氏名|名前|担当の|担当者?|記録|確認者|出席者|参加者|お客様対応|お客様|From|差出人|送信者|宛先|緊急連絡先|"
    r"受付|申込者|契約者|名義人?|依頼主|受取人|作成者|承認者|申請者|被保険者|代表者|フリガナ|ふりがな|"
    r"課長|部長|係長|主任|社長|取締役|店長|付で|いたします。|氏)"
    r"(?:\([^)\n]{1,8}\))?[:： ]*"
)
_HONORIFIC = re.compile(r" ?(?:様|さん|殿|くん|先生|と申します)")
_LIST_SEP = re.compile(r"(?:\([^)\n]{1,10}\))?[,、，・] ?")
_STOP = frozenset("お客 皆 各位 担当者 ご担当者 ご担当 担当 関係者 会員 利用者 お客さま 御中 責任者 管理者 皆様".split())


def _split_glued(run: str) -> int | None:
    """Return the length of the name in a kanji run without a space (surname + given, or surname)."""
    sur = surnames()
    given = given_names()
    splits = [n for n in (2, 3, 1, 4) if run[:n] in sur]
    for n in splits:
        if n == len(run) or run[n:] in given:
            return len(run)
    for n in splits:
        if 1 <= len(run) - n <= 2:
            return len(run)
    for n in splits:
        for g in (3, 2, 1):
            if run[n : n + g] in given:
                return n + g
    return None


def parse_name(text: str, pos: int, strict: bool = False) -> int | None:
    """Return the end of a person name starting at ``pos``, or None when there is none."""
    m = _KANJI_RUN.match(text, pos)
    if m is None:
        return parse_kana_name(text, pos, strict)
    run = m.group()
    if run in _STOP:
        return None
    if text[m.end() : m.end() + 1] == " " and len(run) <= 4:
        g = _GIVEN_RUN.match(text, m.end() + 1)
        if g and (run in surnames() or len(run) <= 3) and (not strict or g.group() in given_names()):
            return g.end()
    n = _split_glued(run)
    if n is None:
        return None
    hira = _GIVEN_RUN.match(text, pos + n)
    if n == len(run) and run in surnames() and hira and hira.group()[0] in "ぁあいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ":
        if hira.group() in given_names():
            return hira.end()
    if strict and n == len(run) and n <= 2 and run not in surnames():
        return None
    return pos + n


def parse_kana_name(text: str, pos: int, strict: bool = False) -> int | None:
    """Return the end of a katakana or hiragana name at ``pos`` (with or without a space)."""
    m = _KANA_NAME.match(text, pos)
    if m is None:
        return None
    first = to_katakana(m.group(1) or m.group(3))
    second = m.group(2) or m.group(4)
    if second:
        if not strict or first in surname_readings():
            return m.end()
        return None
    readings, given = surname_readings(), given_readings()
    for n in range(2, len(first) - 1):
        if first[:n] in readings and first[n:] in given:
            return pos + len(m.group(1) or m.group(3))
    return None if strict else m.end()


def _parse_list(text: str, pos: int) -> list[Hit]:
    """Return the names at ``pos`` and any further names in a list (``内田 太郎，藤本，中村``)."""
    hits: list[Hit] = []
    while len(hits) < 12:
        end = parse_name(text, pos)
        if end is None:
            break
        hits.append((pos, end, "PERSON", 3))
        sep = _LIST_SEP.match(text, end)
        if sep is None:
            break
        pos = sep.end()
    return hits


def _name_before(text: str, end: int) -> int | None:
    """Return the start of a name ending at ``end`` (just before an honorific), if any."""
    lo = max(0, end - 9)
    for start in range(lo, end - 1):
        if start > 0 and re.match(rf"[{_KANJI}\u30a1-\u30faー]", text[start - 1]) and start != lo:
            continue
        ch = text[start]
        if not re.match(rf"[{_KANJI}\u30a1-\u30fa]", ch):
            continue
        if text[start:end].strip() in _STOP:
            return None
        if parse_name(text, start) == end and (text[start : start + 2] in surnames() or text[start] in surnames() or text[start : start + 3] in surnames()):
            return start
    return None


def find_persons(text: str) -> list[Hit]:
    """Return PERSON hits found through labels before and honorifics after a name."""
    hits: list[Hit] = []
    for m in _LABEL.finditer(text):
        hits.extend(_parse_list(text, m.end()))
    for m in _HONORIFIC.finditer(text):
        start = _name_before(text, m.start())
        if start is not None:
            hits.append((start, m.start(), "PERSON", 3))
    return hits
