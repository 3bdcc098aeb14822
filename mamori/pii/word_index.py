"""Answer many searches of one pattern in windows of one text from one pass over the whole text.

``corporate`` asks, for every mailbox of a text, whether a person's word or an organisation's word
stands in the block before it: a notification log with a mailbox a line searched each line three or
four times over. ``WordIndex(pattern, text).found(lo, hi)`` answers ``pattern.search(text, lo, hi)
is not None`` exactly: the places where the pattern matches in the whole text are found once; a window
without one, away from its end, has no match there either, and only its last ``margin`` characters
are searched. A window with one is searched as before (matches are rare in the texts this is for).

The pattern may use look-behinds (a search from ``lo`` sees the text before it too), positive
look-aheads, and negative look-aheads of a few characters; no anchors or word boundaries. ``margin``
is the longest match plus the longest negative look-ahead (``tests/test_fast_paths_logs.py`` checks
it): a match inside a window whose characters, and those its look-aheads read, all lie before the
window's end is then a match in the whole text too.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_DIRECT = 8  # searches answered directly before the whole text is indexed: a letter has few mailboxes


class WordIndex:
    """The places where ``pattern`` matches in ``text``, to answer searches in windows of it."""

    def __init__(self, pattern: re.Pattern[str], text: str, margin: int) -> None:
        self.pattern = pattern
        self.text = text
        self.margin = margin
        self.asked = 0
        self.starts: list[int] | None = None

    def found(self, lo: int, hi: int) -> bool:
        """Return ``self.pattern.search(self.text, lo, hi) is not None``."""
        if self.starts is None:
            self.asked += 1
            if self.asked <= _DIRECT:
                return self.pattern.search(self.text, lo, hi) is not None
            self.starts = self._index()
        cut = max(lo, hi - self.margin)
        i = bisect_left(self.starts, lo)
        if i < len(self.starts) and self.starts[i] < cut:
            return self.pattern.search(self.text, lo, hi) is not None
        return self.pattern.search(self.text, cut, hi) is not None

    def _index(self) -> list[int]:
        """Return every position where a match starts, overlapping ones too."""
        starts = []
        m = self.pattern.search(self.text)
        while m is not None:
            starts.append(m.start())
            m = self.pattern.search(self.text, m.start() + 1)
        return starts
