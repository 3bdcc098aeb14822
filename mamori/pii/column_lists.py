"""Recognise PERSON in a list of one column under a name header (a one-column export or a pasted column).

A sheet or a CSV of a single column has no separator, so ``tables`` never sees it as a table: a header
line that is a name column's header alone (氏名, 飼い主名, 参加者名, フリガナ) and, right under it, two
lines or more that are each one name, as a cell under that header would be validated (a kanji name, a
surname no dictionary holds before a given name, a foreign name), list persons, up to the first line
that is none; a name without a space must start with a dictionary surname (not 初級, 中級 under
受講者). Under a bare header (名前, お名前, なまえ: a pet's or a product's too) each name must be a
full name with a space (``名前`` / ``ポチ`` / ``タマ`` names no one).
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import surnames
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit
from mamori.pii.table_headers import ANY_HEADER_JA, header_label
from mamori.pii.tables import is_column_value

# A header word near its line's end (氏名, 飼い主名, 参加者名（カナ）): the header of a one-column list, the first value on the next line.
_HEADER_END = re.compile(rf"(?:{ANY_HEADER_JA.pattern})[^\n\t,:：]{{0,6}}\r?\n(?=[^\n])")
TRIGGERS = Triggers(search=(_HEADER_END,))
_BARE = re.compile(r"お?名前|なまえ")
_LONGEST_HEADER = 16
MIN_NAMES = 2


def find_column_list_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the names listed one a line under a name column's header alone on its line."""
    hits: list[Hit] = []
    for m in _HEADER_END.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        header = text[line_start : m.end()].strip()
        if len(header) > _LONGEST_HEADER or "," in header or ":" in header:
            continue
        label = header_label(header)
        if label not in ("PERSON", "KANA"):
            continue
        names = _names_under(text, m.end(), label, _BARE.fullmatch(header) is not None)
        if len(names) >= MIN_NAMES:
            hits.extend((s, e, "PERSON", 3) for s, e in names)
    return hits


def _names_under(text: str, pos: int, label: str, bare: bool) -> list[tuple[int, int]]:
    """Return the lines from ``pos`` on that are each one name, up to the first that is none."""
    names: list[tuple[int, int]] = []
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        value = text[pos:end].strip()
        if not value or "\t" in value or "," in value or (bare and " " not in value):
            break
        if not is_column_value(label, value) or not (" " in value or _surname_led(value) or label == "KANA"):
            break  # 受講者 / 初級 / 中級: words a column of names does not hold
        start = pos + text[pos:end].index(value)
        if not_a_name(text, start, start + len(value)):
            break  # 参加者 / 松本市 / 長野市: places, offices, roles
        names.append((start, start + len(value)))
        pos = end + 1
    return names


def _surname_led(value: str) -> bool:
    """Return whether an unspaced name starts with a dictionary surname of two or three kanji (鰐淵史子)."""
    return any(value[:n] in surnames() for n in (2, 3))
