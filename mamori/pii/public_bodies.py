"""A municipality or a public body written where a party is named (発注者, 施主, 取引先: 青森市, ○○町役場).

A bid-results table or a ledger of clients names who ordered the work; when that is a city, a town, a
village or a prefecture the cell is a public body, whatever the column's header says. ``tables.py`` asks
``public_body`` before it reads a cell of a name column as a person's name. A municipality that is also a
surname or a given name (森町, 原村, 高市) stays a possible name.
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import PREFECTURES, given_names, municipalities, surnames

# A body of a municipality or a prefecture after its name: 役場, 市役所, 県庁, 教育委員会, 広域連合 …
_BODY = re.compile(r"(.{2,10}?[市区町村都道府県])(?:役場|役所|庁|教育委員会|議会|水道局|消防本部|広域連合)?")
_SAMPLE = re.compile(r"[○〇◯●△□×＊*]{1,4}[市区町村都道府県](?:役場|役所|庁)?")  # ○○町: a form's sample


def public_body(value: str) -> bool:
    """Return whether a cell names a municipality, a prefecture or one of their offices (八戸市, 七戸町役場)."""
    if not value or value[-1] not in "市区町村都道府県場所庁会局部合" or " " in value:
        return False
    if _SAMPLE.fullmatch(value):
        return True
    m = _BODY.fullmatch(value)
    if m is None:
        return False
    place = m.group(1)
    if place in PREFECTURES:
        return True
    return place in municipalities() and place not in surnames() and place not in given_names()
