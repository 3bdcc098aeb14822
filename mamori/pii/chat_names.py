"""Recognise PERSON in the speakers of chat exports and the authors of version-control logs.

These files name their people by structure, with no label or honorific:
- LINE's トーク履歴 export writes a message a line, ``HH:MM<TAB>speaker<TAB>message`` (PC and phone
  apps alike); two lines or more of that shape make a chat, and the second field is who spoke;
- ``git log`` writes ``Author: name <mail>`` (and ``Commit:`` with ``--format=fuller``);
- ``git shortlog -sn`` writes ``<spaces><count><TAB>name``, two lines or more.

A speaker or author is a person when the field reads as a name (structural, with the name
dictionaries): two words of name kanji (犬養 瑛太, whether the dictionaries know them or not), a
dictionary surname alone or glued to a given name, a given name alone
(由紀子 in a family chat), a name in katakana or hiragana that splits into the readings of a surname and
a given name, a katakana name of two words, or a romaji one as ``mail_names`` reads display names.
Nicknames, roles and groups (ママ, 営業部, 受付) are not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.mail_names import is_display_name
from mamori.pii.name_words import KANJI, TIME_WORD, plausible_unknown
from mamori.pii.names import parse_kana_name
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_CHAT_FIELD = r"(\d{1,2}:\d{2})\t([^\t\n]{1,40})\t"
_CHAT_LINE = re.compile("\n" + _CHAT_FIELD)
_CHAT_FIRST = re.compile(_CHAT_FIELD)
_AUTHOR = re.compile(r"(?:Author|Commit): ([^<>\n]{1,60}?) <([^<>@\n]*)@")
_SHORTLOG_FIELD = r" *\d+\t([^\t\n]{1,40}?) *(?:<[^<>\n]*>)?(?=\n|\Z)"
_SHORTLOG_LINE = re.compile("\n" + _SHORTLOG_FIELD)
_SHORTLOG_FIRST = re.compile(_SHORTLOG_FIELD)

TRIGGERS = Triggers(search=(_CHAT_LINE, _AUTHOR, _SHORTLOG_LINE), start=(_CHAT_FIRST, _SHORTLOG_FIRST))

_KANJI_NAME = re.compile(rf"([{KANJI}]{{1,4}})(?:[ \u3000]([{KANJI}]{{1,3}}|[\u3041-\u3096]{{2,4}}))?")
_KANJI_RUN = re.compile(rf"[{KANJI}]{{4,7}}")
_KANA_TWO_WORDS = re.compile(r"[\u30a1-\u30faー]{2,12}[・ ][\u30a1-\u30faー]{2,12}")


def find_chat_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the speakers of a LINE export and the authors of a git log."""
    hits: list[Hit] = []
    for pattern, first, group in ((_CHAT_LINE, _CHAT_FIRST, 2), (_SHORTLOG_LINE, _SHORTLOG_FIRST, 1)):
        found = list(pattern.finditer(text))
        at_start = first.match(text)
        if at_start:
            found.insert(0, at_start)
        if len(found) >= 2:
            hits.extend(_named(text, [m.span(group) for m in found]))
    for m in _AUTHOR.finditer(text):
        start, end = m.span(1)
        if is_display_name(m.group(1), m.group(2)) or speaker_name(m.group(1)):
            hits.append((start, end, "PERSON", 3))
    return hits


def _named(text: str, fields: list[tuple[int, int]]) -> list[Hit]:
    hits: list[Hit] = []
    for start, end in fields:
        while end > start and text[end - 1] == " ":
            end -= 1
        if speaker_name(text[start:end]) and not not_a_name(text, start, end):
            hits.append((start, end, "PERSON", 3))
    return hits


@lru_cache(maxsize=4096)
def speaker_name(field: str) -> bool:
    """Return whether a chat's speaker field or a log's author field reads as a person's name.

    A log of tab-separated fields asks this of its machine or host on every line (``PRESS-SP29``,
    ``web01``): the answer is cached per field, and an ASCII field with no blank or comma is no name
    without a look (a romaji or Latin name has two words, ``Yamada, Taro`` a comma).
    """
    if field.isascii() and " " not in field and "," not in field:
        return False
    return _reads_as_name(field)


# Kanji of an organisation's or a role's word, never of a surname the dictionaries lack (営業部, 町内会).
_NO_SURNAME_KANJI = frozenset("部課室係店社所局会長員")


@lru_cache(maxsize=1)
def _surname_kanji() -> frozenset[str]:
    """Return the kanji the dictionaries' surnames are written with."""
    return frozenset("".join(surnames()))


def _rare_surname_glued(field: str) -> bool:
    """Return whether a kanji field is a surname no dictionary holds glued to a given name of two kanji or
    more (四十物真由美, 五百蔵健太): each kanji of the surname one that surnames are written with."""
    kanji = _surname_kanji()
    return any(
        len(field) - n >= 2
        and field[n:] in given_names()
        and all(c in kanji and c not in _NO_SURNAME_KANJI for c in field[:n])
        and not TIME_WORD.match(field)
        for n in (2, 3, 4)
    )


def _reads_as_name(field: str) -> bool:
    """Return whether a speaker or author field reads as a name: ``speaker_name`` without its shortcuts."""
    kanji = _KANJI_NAME.fullmatch(field)
    if kanji:
        first, second = kanji.group(1), kanji.group(2)
        if second is not None:  # 藤原 拓海, 降旗 悠真, 大久保 あけみ
            return plausible_unknown(first + second)  # 犬養 瑛太: a name's shape, in a name's place
        sur = surnames()
        return (
            first in sur
            or (len(first) >= 2 and first in given_names())
            or any(first[:n] in sur and first[n:] in given_names() for n in (1, 2, 3))
            or _rare_surname_glued(first)
        )
    if _KANJI_RUN.fullmatch(field) and _rare_surname_glued(field):
        return True  # 四十物真由美: a rare surname glued to a given name
    if _KANA_TWO_WORDS.fullmatch(field):
        return True  # グエン・ヴァン・ナム, マリア サントス
    return parse_kana_name(field, 0, strict=True) == len(field) or is_display_name(field, "")
