"""Read the text of Word documents (docx) by streaming their XML, with bounded memory.

The document's XML is read from the zip as a stream and parsed event by event (lxml ``iterparse``);
every paragraph, table cell and row is turned into text when it ends and then cleared, so a document
whose XML is hundreds of times its zip size costs the memory of one paragraph, not of the whole tree.
Body paragraphs come one per line, table rows as tab-separated cells (nested tables and text boxes
included), in document order, in parts of about a million characters (``Part.offset``); headers and
footers come as a last part.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from .model import Budget, Part, problem_part

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TC, _TR, _T = f"{_W}p", f"{_W}tc", f"{_W}tr", f"{_W}t"
_BREAKS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_TEXT_TAGS = (_T, *_BREAKS)
_MARGINS = re.compile(r"word/(?:header|footer)\d*\.xml")
_CHECK_EVERY = 2000  # paragraphs between two time-budget checks
_CHUNK = 1024 * 1024
PIECE_CHARS = 1024 * 1024  # characters of body text per part: a huge document comes in several parts


class TooBig(Exception):
    """Raised inside the parser when a member inflates past its cap (declared sizes can lie)."""

    def __init__(self, over_file_size: bool) -> None:
        super().__init__("too big")
        self.over_file_size = over_file_size


class _Capped:
    """Wrap a zip member's stream: count what it inflates and stop past *cap* bytes."""

    def __init__(self, stream: IO[bytes], cap: int, budget: Budget) -> None:
        self.stream = stream
        self.cap = cap
        self.budget = budget
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        block = self.stream.read(min(size, _CHUNK) if size and size > 0 else _CHUNK)
        self.size += len(block)
        if self.size > self.cap:
            raise TooBig(self.size > self.budget.limits.max_file_size)
        self.budget.check_time()
        return block


def _paragraph_text(element: Any) -> str:
    return "".join(
        (node.text or "") if node.tag == _T else _BREAKS[node.tag] for node in element.iter(*_TEXT_TAGS)
    )


def _lines(stream: Any, budget: Budget) -> Iterator[str]:
    """Yield the lines of one WordprocessingML part: paragraphs, and table rows as cells by tabs."""
    from lxml import etree

    cells: list[list[str]] = []  # paragraphs of the open cells, innermost last
    rows: list[list[str]] = []  # cells of the open rows, innermost last
    count = 0
    events = etree.iterparse(
        stream, events=("start", "end"), tag=(_P, _TC, _TR), resolve_entities=False, no_network=True
    )
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == _TC:
                cells.append([])
            elif tag == _TR:
                rows.append([])
            continue
        if tag == _P:
            text = _paragraph_text(element)
            if cells:
                cells[-1].append(text)
            else:
                yield text
            count += 1
            if count % _CHECK_EVERY == 0:
                budget.check_time()
        elif tag == _TC and cells:
            text = "\n".join(cells.pop())
            if rows:
                rows[-1].append(text)
        elif tag == _TR and rows:
            yield "\t".join(rows.pop())
        element.clear(keep_tail=True)
        parent = element.getparent()
        if parent is not None:  # drop what was already read before this element
            while element.getprevious() is not None:
                del parent[0]


def _read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> list[str]:
    limits = budget.limits
    cap = min(limits.max_file_size, int(limits.max_ratio * max(info.compress_size, 1)) + _CHUNK)
    with zf.open(info) as raw:
        return list(_lines(_Capped(raw, cap, budget), budget))


def _parts(location: str, lines: Iterator[str] | list[str], max_chars: int | None) -> Iterator[Part]:
    """Yield *lines* as parts of about ``PIECE_CHARS`` characters, cut at line ends, with offsets.

    With *max_chars* set, stop before the line that would pass it and mark the last part truncated.
    """
    kept: list[str] = []
    used = offset = 0
    for line in lines:
        if max_chars is not None and offset + used + len(line) > max_chars:
            yield Part(location=location, text="\n".join(kept), truncated=True, offset=offset)
            return
        kept.append(line)
        used += len(line) + 1
        if used >= PIECE_CHARS:
            yield Part(location=location, text="\n".join(kept) + "\n", offset=offset)
            offset, used, kept = offset + used, 0, []
    if kept or not offset:
        yield Part(location=location, text="\n".join(kept), offset=offset)


def read_wordml(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield the body of the Word document in *zf*, then its headers and footers."""
    max_chars = budget.limits.max_part_chars
    limits = budget.limits
    info = zf.getinfo("word/document.xml")
    cap = min(limits.max_file_size, int(limits.max_ratio * max(info.compress_size, 1)) + _CHUNK)
    try:
        with zf.open(info) as raw:
            yield from _parts(location, _lines(_Capped(raw, cap, budget), budget), max_chars)
    except TooBig as exc:
        yield _too_big(location, exc, budget)
        return
    margins: list[str] = []
    for member in zf.infolist():
        if _MARGINS.fullmatch(member.filename):
            try:
                margins.extend(_read_part(zf, member, budget))
            except TooBig as exc:
                yield _too_big(f"{location}!header-footer", exc, budget)
                return
    if any(margins):
        yield from _parts(f"{location}!header-footer", margins, max_chars)


def _too_big(location: str, exc: TooBig, budget: Budget) -> Part:
    limits = budget.limits
    if exc.over_file_size:
        return problem_part("too_large", location, limit=limits.max_file_size, scope="file")
    return problem_part("ratio_exceeded", location, limit=f"{limits.max_ratio:g}")
