"""PERSON before an honorific: a rare surname of three or four kanji that no dictionary holds.

Surnames such as ``粟飯原``, ``五百旗頭`` or ``四十物`` are missing from the dictionaries, so the honorific
pass either cut them to the dictionary surname at their end (``原 蓮様``) or found none. Before 様 / さん /
殿, a run of three or four kanji that opens a word (after a line start, punctuation, a digit or a blank
after one), a blank and a dictionary given name is the whole name (``10:20 粟飯原 蓮様``). The run must look
like a name (``plausible_unknown``: no company ending, no city, no word of time), and a run after another
word (``本日 …``) is left to the dictionary pass.
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import given_names
from mamori.pii.name_words import KANJI, plausible_unknown

_RARE = re.compile(rf"(?:^|(?<=[\s:：,、。()「」『』\[\]0-9A-Za-z]))([{KANJI}]{{3,4}}) ([{KANJI}]{{1,3}})\Z")
_WORD_END = re.compile(rf"[{KANJI}\u3041-\u3096\u30a1-\u30faー]")


def rare_surname_before(text: str, end: int) -> int | None:
    """Return the start of a rare surname + blank + dictionary given name ending at ``end``, if any."""
    m = _RARE.search(text, max(0, end - 8), end)
    if m is None:
        return None
    start = m.start(1)
    if start >= 2 and text[start - 1] == " " and _WORD_END.match(text, start - 2):
        return None  # 本日 粟飯原 蓮様: a word before the name; the dictionary pass decides
    surname, given = m.group(1), m.group(2)
    if given not in given_names() or not plausible_unknown(surname) or not plausible_unknown(surname + given):
        return None
    return start
