"""Recognise PERSON in a list of lines that each name someone before 様 / さん in the same words.

A calendar's events (``SUMMARY:比屋根様 訪問（宮城）``), a booking list (``12/3 10:00 比屋根様 来店``),
a round of calls: the line is the same but for the name, the times and what stands in brackets. The
analyser reads some rare surnames as common nouns (比屋根: 比 + 屋根) or places, and ``names`` then
drops them as words before 様. When three lines or more have the same words around the name and two
half of their names or more are dictionary surnames or full names, the others, kanji words of two to four
characters that could be names, are names too. A list of companies (…工業様) or of offices is none:
its words end like one, or too few of its names are surnames.
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.name_words import KANJI, ROLES_ALONE, department, plausible_unknown
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

# The honorific found first (a literal the regex engine skips to), then the name that ends before it.
# Only before a space or the line's end, as a list line's name stands (比屋根様 訪問): a table's cells
# (山田様,) are the table pass's, and a sentence's names (佐藤さんより) are prose.
_MARK = re.compile(r"(?:様|さん)(?= |\n|\Z)")
TRIGGERS = Triggers(search=(_MARK,))
_NAME_END = re.compile(rf"(?<![{KANJI}])[{KANJI}]{{2,4}}\Z")
# What a line's shape leaves out: digits, and what stands in brackets (the staff member, a remark).
_VARIABLE = re.compile(r"\d+|\([^()\n]{0,12}\)")
MIN_LINES = 3
_KNOWN_SHARE = 1 / 2


def find_honorific_list_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the unknown names of lines that name someone before 様 / さん alike."""
    matches = []  # (name's start, name's end, the honorific's end)
    for mark in _MARK.finditer(text):
        run = _NAME_END.search(text, max(0, mark.start() - 4), mark.start())
        if run is not None:
            matches.append((run.start(), run.end(), mark.end()))
    verdicts = {name: _known(name) for name in {text[s:e] for s, e, _ in matches}}
    if all(verdicts.values()) or not any(_unknown(n) for n, k in verdicts.items() if not k):
        return []  # every name known (a customer list of 山田様): nothing to add, no line to compare
    groups: dict[tuple[str, str, str], list[tuple[int, int]]] = {}
    for start, end, mark_end in matches:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", mark_end)
        line_end = len(text) if line_end < 0 else line_end
        before = _VARIABLE.sub("0", text[line_start:start])
        after = _VARIABLE.sub("0", text[mark_end:line_end])
        groups.setdefault((before, text[end:mark_end], after), []).append((start, end))
    hits: list[Hit] = []
    for names in groups.values():
        if len(names) < MIN_LINES:
            continue
        known = [verdicts[text[s:e]] for s, e in names]
        if sum(known) < _KNOWN_SHARE * len(names):
            continue
        hits.extend(
            (s, e, "PERSON", 2)
            for (s, e), k in zip(names, known, strict=True)
            if not k and _unknown(text[s:e])
        )
    return hits


def _known(name: str) -> bool:
    """Return whether ``name`` is a dictionary surname, or one glued to a dictionary given name."""
    sur = surnames()
    return name in sur or any(name[:n] in sur and name[n:] in given_names() for n in (1, 2, 3))


def _unknown(name: str) -> bool:
    """Return whether ``name`` could be a surname no dictionary holds: no role, department or company."""
    return plausible_unknown(name) and name not in ROLES_ALONE and not department(name)
