"""Columns of katakana full names with no header over them (for ``name_columns``).

A member list or a mailing list exported without its header row, or with a header that says nothing of
names (``備考``), writes its people in katakana (``サトウ ハナコ``): ``name_columns`` reads a headerless
column of kanji names only. A column of four cells or more of which 80 % or more are distinct katakana
full names, a surname's reading, a space and a given name's reading, holds persons; product names in
katakana (``オーガニック コットン``, ``ステンレス ボトル``) are no readings of names.
"""

from __future__ import annotations

import re
from itertools import compress

from mamori.pii.dictionaries import given_readings, surname_readings

_KANA_FULL_NAME = re.compile(r"([\u30a1-\u30faー]{1,8})[ \u3000]([\u30a1-\u30faー]{1,8})")


def kana_name_cells(values: list[str]) -> list[bool] | None:
    """Mark the katakana full names of a column without a name header, or None when it is no such list."""
    if not _KANA_FULL_NAME.fullmatch(values[-1]):
        return None
    family, given = surname_readings(), given_readings()
    keep = []
    for value in values:
        m = _KANA_FULL_NAME.fullmatch(value)
        keep.append(m is not None and m.group(1) in family and m.group(2) in given)
    count = sum(keep)
    if count * 5 < len(values) * 4 or len(set(compress(values, keep))) < count * 0.8:
        return None
    return keep
