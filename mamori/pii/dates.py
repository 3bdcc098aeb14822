"""Recognise DATE_OF_BIRTH: 西暦 and 和暦 dates, reported only where the context says birth date."""

from __future__ import annotations

import re

from mamori.pii.context import after, before
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_ERA = r"(?:明治|大正|昭和|平成|令和|M|T|S|H|R)"  # literals, not a class: keeps the fast prefix scan
# Two patterns, each starting with literals, so that the regex engine can scan for their first character.
_KN = "[一二三四五六七八九十]{1,3}"  # 昭和六十年四月一日
_ERA_DATE = re.compile(
    rf"{_ERA} ?(?:\d{{1,2}}|元|{_KN}) ?(?:年 ?(?:\d{{1,2}}|{_KN}) ?月 ?(?:\d{{1,2}}|{_KN})日?"
    rf"|([./-])\d{{1,2}}\1\d{{1,2}})(?![0-9])"
)
_WESTERN_DATE = re.compile(
    r"(?:19|20)\d{2} ?(?:年 ?\d{1,2} ?月 ?\d{1,2} ?日|/\d{1,2}/\d{1,2}|-\d{1,2}-\d{1,2}|\.\d{1,2}\.\d{1,2})(?![0-9])"
)
# An English form's or a travel document's date: 17 AUG 1973, 17-Aug-1973, March 3, 1985, 03/03/1985.
# Looked for only in a text with an English birth label (DOB, Birth), so other texts pay nothing.
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ENGLISH_DATE = re.compile(
    rf"(?:\d{{1,2}}[ -]?{_MONTH}\.?[ -]?|{_MONTH}\.? \d{{1,2}},? |\d{{1,2}}([./])\d{{1,2}}\1)(?:19|20)\d{{2}}"
    r"(?![0-9])"
)
_ENGLISH_BIRTH_WORDS = ("DOB", "Birth", "birth", "BIRTH")


# The last date label before a date decides what the date is.
_LABEL = re.compile(
    r"生年月日|誕生日|生まれ|出生|DOB|[Bb]irth|BIRTH|有効期限|期限|交付|発行|出荷|入社|退社|日時|作成|登録|受付|"
    r"更新|申込|契約|支払|請求|納品|発送|到着|予定|締切|期日|日付|開始|終了|入金|変更|時点|次回|実施|"
    r"[Ii]ssue|ISSUE|[Ee]xpir|EXPIR|[Vv]alid|VALID|[Aa]rriv|ARRIV|[Dd]epart|DEPART"
)
# Every birth label and every birth word after a date holds one of these: without them no date is a
# birth date (the engine's prefilter skips find_birth_dates then; tests/test_prefilter.py checks).
TRIGGERS = Triggers(search=(re.compile(r"生|歳|DOB|[Bb]irth|BIRTH"),))
_BIRTH_WORDS = ("生", "歳", "DOB", "Birth", "birth", "BIRTH")  # str searches: faster than a regex scan
_LABEL_AT_END = re.compile(r"(?:生年月日|誕生日|DOB|[Bb]irth|BIRTH)[)）]?[:： \t]*$")
_BIRTH = re.compile(r"生年月日|誕生日|生まれ|出生|DOB|[Bb]irth|BIRTH")
# 生 after a date, not a word it begins (生コン打設, 生産, 生クリーム: a site's or a shop's log); 生 男 / 生女 stays
_AFTER_BIRTH = re.compile(
    r"^\)? ?(?:生(?![\u30a1-\u30faー]|[\u4e00-\u9fff](?<![男女]))|\(満?\d{1,3}歳\)|（満?\d{1,3}歳）)"
)


def is_date(value: str) -> bool:
    """Return whether ``value`` is exactly one 西暦 or 和暦 date."""
    value = value.strip()
    return _ERA_DATE.fullmatch(value) is not None or _WESTERN_DATE.fullmatch(value) is not None


# A date written as eight digits (19580312), as a receipt system or a レセコン exports it: read only in a
# column its header calls a birth date, where a year of 1900-2029 and a real month and day say "date".
_COMPACT_DATE = re.compile(r"(19\d{2}|20[0-2]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")


def is_birth_date_cell(value: str) -> bool:
    """Return whether ``value``, a cell under a birth-date header, is a date: ``is_date`` or ``19580312``."""
    value = value.strip()
    return is_date(value) or _COMPACT_DATE.fullmatch(value) is not None


def find_birth_dates(text: str) -> list[Hit]:
    """Return DATE_OF_BIRTH hits for dates labelled or followed by birth context."""
    if not any(word in text for word in _BIRTH_WORDS):
        return []  # no birth word anywhere (logs, masters): no date can be a birth date
    hits: list[Hit] = []
    english = _ENGLISH_DATE.finditer(text) if any(w in text for w in _ENGLISH_BIRTH_WORDS) else ()
    for m in (*_ERA_DATE.finditer(text), *_WESTERN_DATE.finditer(text), *english):
        if m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum():
            continue
        ctx = before(text, m.start(), 20)
        if not ctx.strip():  # a label alone at the end of the line above
            above = before(text, max(0, m.start() - len(ctx) - 1), 20)
            ctx = above if _LABEL_AT_END.search(above) else ctx
        # a birth label holds 生, DOB or irth / IRTH, a birth word after the date 生 or 歳: a date of none
        # of them (a list's 登録日) needs no look at the labels
        birth = _birth_label(ctx) if "生" in ctx or "DOB" in ctx or "irth" in ctx or "IRTH" in ctx else False
        if birth or _AFTER_BIRTH.search(after(text, m.end(), 10)):
            hits.append((m.start(), m.end(), "DATE_OF_BIRTH", 5))
    return hits


def _birth_label(ctx: str) -> bool:
    """Return whether the last date label in ``ctx`` is a birth label (生年月日, DOB …)."""
    labels = _LABEL.findall(ctx)
    return bool(labels) and _BIRTH.fullmatch(labels[-1]) is not None
