"""A vertical form's rows (a label and its value a row) told from a table's header row, for ``tables.py``.

A row of two cells, a label and a value, opens a table only when its second cell can head a column: a
value (blanks to fill, a public body) or a next row whose label is a field of a person says it is a form.
"""

from __future__ import annotations

import re

from mamori.pii.public_bodies import public_body

_BLANKS = re.compile(r"[＿_]{3,}|[…]{2,}")
# An honorific after blanks (お客様名<TAB>　　　様, ご依頼主<TAB>　御中): a name's field left to fill.
_BLANK_HONORIFIC = re.compile(r"[\s\u3000＿_]*(?:様|殿|御中)\s*")
_FIELD_WORD = re.compile(
    r"\b(?:Name|Surname|Given|Family|Middle|Number|No|Date|Birth|Reference|Code|Address|Nationality|Country|Citizenship|Flight|Ticket|"
    r"Issued?|Expiry|Expiration|Place|Sex|Gender|Class|Seat|Booking|Phone|E-?mail|Status|Fare|Carrier|"
    r"Departure|Arrival|Passport|Visa|ID)\b",
    re.IGNORECASE,
)
# A form's field of a person that no column of ours reads (氏名<TAB>レ・ティ・フオン / 国籍<TAB>ベトナム).
_FIELD_WORD_JA = re.compile(
    r"国籍|性別|年齢|在留資格|在留期間|職業|職種|役職|学年|血液型|出身地?|言語|母国語|資格|趣味"
)


def form_value(cell: str) -> bool:
    """Return whether the second cell of a two-cell row is a form's value: blanks to fill (（氏名）＿＿＿,
    a name's 　　様) or a public body (施主<TAB>七戸町), which no column's header is."""
    return (
        _BLANKS.search(cell) is not None
        or _BLANK_HONORIFIC.fullmatch(cell) is not None
        or public_body(cell.strip())
    )


def field_word(key: str) -> bool:
    """Return whether a row's label is a field of a form (TICKET NUMBER, First (Given) Name, 国籍)."""
    return _FIELD_WORD.search(key) is not None or _FIELD_WORD_JA.fullmatch(key.strip()) is not None
