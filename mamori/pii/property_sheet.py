"""Whose an address is in a lettings sheet or a property's summary: the property's, not a person's.

``所在地`` says where a thing is (a flat to let, a plot, a building), not where someone lives. In a sheet
that describes a property (a 募集図面 headed ``…号室 入居者募集``, a 物件概要 with 間取り, 構造, 賃料,
敷金 …) the address after such a label is the property's, unless the sheet names a person (様, 氏名,
契約者, 入居者 other than 入居者募集). ``住所`` in the same sheet stays a person's.
"""

from __future__ import annotations

import re

# The labels of where a thing is, alone before the address on its line.
_PLACE_LABEL = re.compile(r"(?:物件|建物|土地)?(?:所在地|所在)|設置場所|物件住所")
_LABEL_SEP = " \t:：\u3000"
# Words of a property's description: two different ones make a lettings sheet or a property summary.
_PROPERTY_WORDS = re.compile(
    r"入居者募|募集図面|物件概要|間取り?|構造|賃料|家賃|敷金|礼金|共益費|管理費|築年|専有面積|取引態様|空室"
)
# Words that name a person in the sheet (an application, a contract): the address may be theirs.
_PERSON = re.compile(r"(?<![態仕同模])様|氏名|名前|契約者|申込者|借主|入居者(?!募)|生年月日|ご本人|保証人")
_WINDOW = 800  # characters of the sheet looked at on each side of the address


def property_address(text: str, start: int) -> bool:
    """Return whether the address at ``start`` is a property's: after 所在地 in a property's sheet."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _PLACE_LABEL.fullmatch(text[line_start:start].strip(_LABEL_SEP)):
        return False
    lo = text.rfind("\n\n", max(0, start - _WINDOW), start)
    hi = text.find("\n\n", start, start + _WINDOW)
    sheet = text[max(0, start - _WINDOW) if lo < 0 else lo : start + _WINDOW if hi < 0 else hi]
    return len(set(_PROPERTY_WORDS.findall(sheet))) >= 2 and _PERSON.search(sheet) is None
