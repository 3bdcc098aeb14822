"""A document's title printed letter-spaced (御 見 積 書, 請　求　書), as Excel and PDF templates space it out.

``officers.py`` reads the title of an issuer's document in its head spaced or not, and ``not_names.py``
reads two spaced kanji of such a line (見 積) as no spaced full name.
"""

from __future__ import annotations

import re

_BLANK = "[ \u3000]"
# A line of single characters parted by one blank each (two for a wider spacing), three or more of them.
_SPACED_LINE = re.compile(rf"^[ \t\u3000]*(\S(?:{_BLANK}{{1,3}}\S){{1,9}})[ \t\u3000]*$", re.MULTILINE)
# What such a line spells when it is a title: a document's (…書, …表, …簿, 見積 alone), not 関 亮 様.
_TITLE_WORD = re.compile(r"(?:御|ご)?見積り?|[\u4e00-\u9fff]{1,6}(?:書|表|簿|票|帳|録|届|案内|概要)")


def spaced(words: tuple[str, ...]) -> str:
    """Return an alternation of *words* with blanks allowed between their characters (見 積 書)."""
    return "|".join(f"{_BLANK}*".join(word) for word in words)


def in_spaced_title(text: str, start: int, end: int) -> bool:
    """Return whether ``start:end`` lies in a line of spaced single characters that spells a title."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    m = _SPACED_LINE.match(text[line_start : len(text) if line_end < 0 else line_end])
    return m is not None and _TITLE_WORD.fullmatch(re.sub(r"\s", "", m.group(1))) is not None
