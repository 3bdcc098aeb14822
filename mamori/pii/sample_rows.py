"""A template's example row: a form's sample name on a line whose other values are left blank.

An import template (a carrier's label CSV, a registration sheet) ships one example row: the sample
name (山田 太郎) beside an address of ``○○`` and a number of zeros (03-0000-0000, 000-0000). That name is
the template's, though the text says nowhere that it shows examples, and so is a block number alone
in a split address's street column (住所2: 4-5-6), its place (住所1) being a blank. A sample name on a line holding
one such blank or none is kept (090-0000-0000 may open a generated list): outside a text of examples 山田 太郎 may be someone's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mamori.pii.spans import Span

# What a template writes for a value left to fill: ○○ / 〇〇 / ×× / ＊＊, or a number's zeros.
_BLANK = re.compile(r"[○〇×＊*]{2}|(?<![0-9])0{2,4}-?0000(?![0-9])")
_BLANKS = 2  # blanks on the line: one number of zeros alone may be a generated list's first row
_BLANK_CHARS = ("○○", "〇〇", "××", "＊＊", "**", "0000")
# An address part that is a block number alone (住所2: 4-5-6): on a template's row its place was a blank.
_BLOCK_ONLY = re.compile(r"[0-9０-９\-－‐ー− ]+(?:号室?|番地?)?")


def drop_sample_rows(text: str, spans: list[Span], sample_name: Callable[[Span], bool]) -> list[Span]:
    """Return ``spans`` without the sample names (``sample_name(span)``) on a line holding a blank."""
    if not any(word in text for word in _BLANK_CHARS):
        return spans
    counts = _blank_counts(text)
    if not counts:
        return spans  # no line holds a blank: a list whose 0000 was part of a longer number
    kept = []
    for s in spans:
        if (
            (s.label == "PERSON" or (s.label == "ADDRESS" and _BLOCK_ONLY.fullmatch(s.text)))
            and (
                counts.get(text.rfind("\n", 0, s.start) + 1, 0) >= _BLANKS
                or text.find("\n", s.start, s.end) >= 0  # a name across lines: its lines' blanks together
            )
            and (s.label == "ADDRESS" or sample_name(s))
        ):
            start = text.rfind("\n", 0, s.start) + 1
            end = text.find("\n", s.end)
            line = text[start : len(text) if end < 0 else end]
            if len(_BLANK.findall(line)) >= _BLANKS:
                continue
        kept.append(s)
    return kept


# A character every blank holds: one of the marks, or the zeros of a number's last block.
_BLANK_PARTS = ("○", "〇", "×", "＊", "*", "0000")


def _blank_counts(text: str) -> dict[int, int]:
    """Return the blanks of each line that holds one, by the line's start.

    Only the lines holding a character every blank holds are looked at: a list's names on other lines
    need no sample-name check at all (a 1 MB staff list asked it of each of its 7,000 names).
    """
    counts: dict[int, int] = {}
    for part in _BLANK_PARTS:
        i = text.find(part)
        while i >= 0:
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            if start not in counts:
                n = len(_BLANK.findall(text[start:end]))
                if n:
                    counts[start] = n
            i = text.find(part, end)
    return counts
