"""Cut a long text, arriving in pieces, into overlapping windows that each own a share of its spans.

Detection runs on windows of about ``CHUNK`` characters so that the time budget is checked between
them and a streamed file never has to be held whole. A window is cut at a line end where one is near,
and carries up to ``CONTEXT`` characters of the text before and after the part it *owns*: a span is
counted by the one window whose own part holds its first character, so a value straddling a cut is
still found whole, and found once. Later windows of a table start with its header line, so that its
columns are judged by their header as in the first window.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

CHUNK = 64 * 1024  # characters owned by one window
CONTEXT = 512  # characters of context before and after the owned part (whole lines when they fit)
MAX_HEADER = 4096  # a first line longer than this is not a table header


@dataclass(frozen=True)
class Window:
    """One piece of text to detect in; spans starting in ``own_start:own_end`` belong to it."""

    text: str
    own_start: int
    own_end: int

    def owns(self, start: int) -> bool:
        """Tell whether a span starting at *start* (an offset into ``text``) is counted here."""
        return self.own_start <= start < self.own_end


class Windower:
    """Feed the pieces of one text in order, then close; both yield the windows that are complete."""

    def __init__(self, size: int = CHUNK, context: int = CONTEXT) -> None:
        self.size = size
        self.context = context
        self.buf = ""  # the text from absolute offset ``base`` on
        self.base = 0
        self.own = 0  # absolute offset where the next window's own part begins
        self.header: str | None = None  # the first line, once known ("" when it is no header)

    def feed(self, piece: str) -> Iterator[Window]:
        """Add *piece* and yield every window that no later text can change."""
        self.buf += piece
        self._learn_header(final=False)
        while len(self.buf) - (self.own - self.base) >= self.size + self.context:
            yield self._window(final=False)

    def close(self) -> Iterator[Window]:
        """Yield the windows of the rest of the text."""
        self._learn_header(final=True)
        while self.own < self.base + len(self.buf):
            yield self._window(final=True)

    def _learn_header(self, final: bool) -> None:
        if self.header is not None or self.base:
            return
        end = self.buf.find("\n", 0, MAX_HEADER)
        if end >= 0:
            self.header = self.buf[: end + 1]
        elif final or len(self.buf) >= MAX_HEADER:
            self.header = ""

    def _window(self, final: bool) -> Window:
        buf, rel = self.buf, self.own - self.base
        limit = rel + self.size
        if final and len(buf) <= limit:
            cut, at_line_end = len(buf), True
        else:
            newline = buf.rfind("\n", rel + self.size // 4, limit)
            cut, at_line_end = (newline + 1, True) if newline >= 0 else (limit, False)
        start = max(0, rel - self.context)
        if start < rel and (rel == 0 or buf[rel - 1] == "\n"):  # own part starts a line: whole lines before
            line = buf.find("\n", start, rel)
            start = line + 1 if 0 <= line < rel - 1 else rel
        end = min(len(buf), cut + self.context)
        if at_line_end and end < len(buf):  # own part ends a line: whole lines after
            line = buf.rfind("\n", cut, end)
            end = line + 1 if line >= 0 else cut
        prefix = self.header or ""
        if self.base + start < len(prefix):  # the window holds the header line itself
            prefix = ""
        text = prefix + buf[start:end]
        offset = len(prefix) - start
        window = Window(text, rel + offset, cut + offset)
        self.own = self.base + cut
        keep = max(0, cut - self.context)
        if keep and 2 * keep >= len(buf):  # drop the text no window needs once it is half the buffer:
            self.buf = buf[keep:]  # cut at every window, an 8 MB text was copied 120 times over
            self.base += keep
        return window
