"""A template's example row: a form's sample name on a line whose other values are left blank.

An import template (a carrier's label CSV, a registration sheet) ships one example row: the sample
name (山田 太郎) beside an address of ``○○`` and a number of zeros (03-0000-0000, 000-0000). That name is
the template's, though the text says nowhere that it shows examples. A sample name on a line holding
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


def drop_sample_rows(text: str, spans: list[Span], sample_name: Callable[[Span], bool]) -> list[Span]:
    """Return ``spans`` without the sample names (``sample_name(span)``) on a line holding a blank."""
    if not any(word in text for word in _BLANK_CHARS):
        return spans
    kept = []
    for s in spans:
        if s.label == "PERSON" and sample_name(s):
            start = text.rfind("\n", 0, s.start) + 1
            end = text.find("\n", s.end)
            line = text[start : len(text) if end < 0 else end]
            if len(_BLANK.findall(line)) >= _BLANKS:
                continue
        kept.append(s)
    return kept
