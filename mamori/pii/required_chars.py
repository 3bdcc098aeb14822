"""Characters every match of a regular expression contains: a cell holding none of them cannot match it.

``required(pattern)`` reads a compiled pattern's syntax tree and returns a set of characters such that any
text the pattern matches (searched, matched or fully matched) contains at least one of them, or None when
no such small set is known (a pattern that can match ``\\d+`` alone). The set is sound for texts of
caseless characters (kanji, kana): an ``(?i:name)`` is read as its letters as written, which is exact there
since no caseless character matches a Latin letter in any case. ``table_headers`` uses it to tell in one
set test that a name such as 一瀨渚 holds no header word, instead of trying each header pattern on it.
"""

from __future__ import annotations

import re
import re._constants as c  # the syntax tree's opcodes (``re._parser`` builds it)
import re._parser as parser
from typing import Any

_MAX_SET = 64  # a class of more characters (a range of kanji) says nothing useful


def required(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Return characters one of which every match of ``pattern`` holds (on caseless texts), or None."""
    found = _sequence(list(parser.parse(pattern.pattern, pattern.flags)))
    return None if found is None else frozenset(found)


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """A sequence matches all its items: any one item's set will do; the smallest, the last of equals."""
    best: set[str] | None = None
    for op, av in items:
        found = _item(op, av)
        if found is not None and (best is None or len(found) <= len(best)):
            best = found
    return best


def _item(op: Any, av: Any) -> set[str] | None:
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        return _class(av)
    if op is c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))
            if found is None:
                return None  # one branch can match without any known character
            union |= found
        return union
    return None  # anchors and lookarounds consume nothing; ., [^…], \d, groups: any character


def _class(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < _MAX_SET:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # a negated class, a category (\s) or a wide range
    return chars if len(chars) <= _MAX_SET else None
