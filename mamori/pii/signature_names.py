"""Recognise PERSON in a signature's or a footer's name line that ``names`` does not read as a name alone.

``names`` takes a name standing alone on its line when the dictionaries know a part of it. Signatures and
contact footers write more on that line, or a name the dictionaries lack:

- a bracket after the name, with the business it works under or its reading
  (``春日 美樹（Photo Studio MIKI）``, ``比嘉 拓海（ヒガ タクミ）``), or the reading after a slash
  (``仲宗根 恵美 / ナカソネ エミ``): the line is the name's when the analyser reads it as a surname and
  a given name and the dictionaries know a part of it or the reading is a name's in kana (two katakana
  words, a surname's and a given name's readings, or two words in roman letters that name no business:
  then a PERSON too);
- a name no dictionary holds (``仲宗根 拓海``) alone on its line, after a blank or a separator line
  (or the text's start), right above a line of its phone or mailbox (``TEL …``, ``090-…``, ``…@…``),
  or a name before them on that line (``木佐貫 千尋 TEL 090-…``): the contact footer's person, when
  the analyser reads it as a surname and a given name.

A heading (``中央 公園（Central Park）``, ``会社 概要（Company Profile）``) or a desk over its number
(``総合 受付`` / ``TEL …``) reads as common nouns and names no one.
"""

from __future__ import annotations

import re

from mamori.pii.analyser import reads_as_name
from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.name_words import KANJI, plausible_unknown
from mamori.pii.names import parse_kana_name, romaji_reading
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_NAME = rf"([{KANJI}]{{1,4}})( ?)([{KANJI}]{{1,3}})"
_KANA = r"[\u30a1-\u30faー\u3041-\u3096]{1,12}"
# A bracket holding anything short (a business, a reading, a remark) or a reading after a slash.
_SUFFIX = rf"(?:\(([^()\n]{{1,40}})\)| ?/ ?({_KANA}(?: {_KANA})?|[A-Za-z]{{2,15}} [A-Za-z]{{2,15}}))"
# A reading of two katakana words (ウエズ ヒナ) under a name the analyser reads as one, whoever spells it.
_KANA_FULL_NAME = re.compile(r"[\u30a1-\u30faー]{2,8} [\u30a1-\u30faー]{1,8}")
_SUFFIXED_LINE = rf"{_NAME}{_SUFFIX} *\r?$"
_SUFFIXED_FIRST = re.compile(_SUFFIXED_LINE, re.MULTILINE)
_SUFFIXED = re.compile("\n" + _SUFFIXED_LINE, re.MULTILINE)
# A line opening with a phone's or a mailbox's word, a number, or holding a mailbox.
_CONTACT = re.compile(
    r"(?:TEL|Tel|tel|電話|携帯|Mobile|mobile|E-?mail|e-?mail|Mail|mail|メール|\d{2,4}-)|[^\n]{0,40}@"
)
_OVER_CONTACT_LINE = rf"{_NAME} *\r?\n(?={_CONTACT.pattern})"
_OVER_CONTACT_FIRST = re.compile(_OVER_CONTACT_LINE)
# After a blank line or a separator line (--, ----, ＿＿＿, ━━━).
_OVER_CONTACT = re.compile(rf"\n[ \t\-=_*─━]*\n{_OVER_CONTACT_LINE}")

# The name, then its phone's or mailbox's word or its number on the same line (a footer's one line).
_ON_CONTACT_LINE = (
    rf"{_NAME}[ \t]+(?=(?:TEL|Tel|tel|電話|携帯|Mobile|E-?mail|Mail|mail|メール)[ :.]|0\d{{1,4}}-\d)"
)
_ON_CONTACT_FIRST = re.compile(_ON_CONTACT_LINE)
_ON_CONTACT = re.compile(rf"\n[ \t\-=_*─━]*\n{_ON_CONTACT_LINE}")

TRIGGERS = Triggers(
    search=(_SUFFIXED, _OVER_CONTACT, _ON_CONTACT),
    start=(_SUFFIXED_FIRST, _OVER_CONTACT_FIRST, _ON_CONTACT_FIRST),
)


def find_signature_persons(text: str) -> list[Hit]:
    """Return PERSON hits for name lines with a bracket or reading after them, or over their contacts."""
    hits: list[Hit] = []
    first = _SUFFIXED_FIRST.match(text)
    for m in ([first] if first else []) + list(_SUFFIXED.finditer(text)):
        hits.extend(_suffixed(text, m))
    for first_line, line in ((_OVER_CONTACT_FIRST, _OVER_CONTACT), (_ON_CONTACT_FIRST, _ON_CONTACT)):
        first = first_line.match(text)
        for m in ([first] if first else []) + list(line.finditer(text)):
            if _reads_as_full_name(m.group(1), m.group(3)):
                hits.append((m.start(1), m.end(3), "PERSON", 2))
    return [h for h in hits if not not_a_name(text, h[0], h[1])]


def _reads_as_full_name(surname: str, given: str) -> bool:
    """Return whether a surname and a given name of kanji read as one: name kanji, and the analyser's."""
    return plausible_unknown(surname + given) and reads_as_name(surname + given)


def _suffixed(text: str, m: re.Match[str]) -> list[Hit]:
    """Return the name of a line with a bracket or a reading after it, and the reading, if they are one."""
    surname, given = m.group(1), m.group(3)
    if not _reads_as_full_name(surname, given):
        return []
    inner = 4 if m.group(4) is not None else 5
    start, end = m.span(inner)
    reading = text[start:end]
    if reading.isascii():
        is_reading = romaji_reading(reading)  # Yumi NAKAGAWA, not Photo Studio MIKI
    else:
        is_reading = parse_kana_name(text, start, strict=True) == end or bool(
            _KANA_FULL_NAME.fullmatch(reading)
        )
    if not (is_reading or surname in surnames() or given in given_names()):
        return []
    hits: list[Hit] = [(m.start(1), m.end(3), "PERSON", 2)]
    if is_reading:
        hits.append((start, end, "PERSON", 2))
    return hits
