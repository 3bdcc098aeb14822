"""Read the text of office XML (Word, PowerPoint, OpenDocument) by streaming it, with bounded memory.

A zip member's XML is read as a stream and parsed event by event (lxml ``iterparse``); every paragraph,
table cell and row is turned into text when it ends and then cleared, so a document whose XML is
hundreds of times its zip size costs the memory of one paragraph, not of the whole tree. Paragraphs
come one per line, table rows as tab-separated cells (nested tables and text boxes included), in
document order, in parts of about a million characters (``Part.offset``).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree import ElementTree

from .model import Budget, Part, problem_part

_CHECK_EVERY = 2000  # paragraphs between two time-budget checks
CHUNK = 1024 * 1024
PIECE_CHARS = 1024 * 1024  # characters of text per part: a huge document comes in several parts


class TooBig(Exception):
    """Raised inside the parser when a member inflates past its cap (declared sizes can lie)."""

    def __init__(self, over_file_size: bool) -> None:
        super().__init__("too big")
        self.over_file_size = over_file_size


class Capped:
    """Wrap a zip member's stream: count what it inflates and stop past *cap* bytes."""

    def __init__(self, stream: IO[bytes], cap: int, budget: Budget) -> None:
        self.stream = stream
        self.cap = cap
        self.budget = budget
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        block = self.stream.read(min(size, CHUNK) if size and size > 0 else CHUNK)
        self.size += len(block)
        if self.size > self.cap:
            raise TooBig(self.size > self.budget.limits.max_file_size)
        self.budget.check_time()
        return block


@dataclass(frozen=True)
class Markup:
    """Name the elements of one XML vocabulary: paragraphs, table cells and rows, and their text.

    ``text`` returns the text of one ended paragraph element. ``containers`` are elements (shapes,
    frames) cleared when they end, so that what surrounds the paragraphs does not pile up either.
    """

    paragraphs: tuple[str, ...]
    cell: str
    row: str
    text: Callable[[Any], str]
    containers: tuple[str, ...] = field(default=())


def runs_text(text_tag: str, breaks: Mapping[str, str]) -> Callable[[Any], str]:
    """Return a paragraph reader for markup that keeps text in *text_tag* runs (Word, DrawingML)."""
    tags = (text_tag, *breaks)

    def read(element: Any) -> str:
        return "".join(
            (node.text or "") if node.tag == text_tag else breaks[node.tag] for node in element.iter(*tags)
        )

    return read


def lines(stream: Any, markup: Markup, budget: Budget) -> Iterator[str]:
    """Yield the lines of one XML member: paragraphs, and table rows as cells joined by tabs."""
    from lxml import etree

    paragraphs = set(markup.paragraphs)
    cells: list[list[str]] = []  # paragraphs of the open cells, innermost last
    rows: list[list[str]] = []  # cells of the open rows, innermost last
    count = 0
    tags = (*markup.paragraphs, markup.cell, markup.row, *markup.containers)
    events = etree.iterparse(
        stream, events=("start", "end"), tag=tags, resolve_entities=False, no_network=True
    )
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == markup.cell:
                cells.append([])
            elif tag == markup.row:
                rows.append([])
            continue
        if tag in paragraphs:
            text = markup.text(element)
            if cells:
                cells[-1].append(text)
            else:
                yield text
            count += 1
            if count % _CHECK_EVERY == 0:
                budget.check_time()
        elif tag == markup.cell and cells:
            text = "\n".join(cells.pop())
            if rows:
                rows[-1].append(text)
        elif tag == markup.row and rows:
            yield "\t".join(rows.pop())
        release(element)


def release(element: Any) -> None:
    """Free an element that was read, and the siblings read before it, so memory stays flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


@contextmanager
def open_member(zf: zipfile.ZipFile, name: str, budget: Budget) -> Iterator[Capped]:
    """Open the zip member *name* as a stream that raises :class:`TooBig` when it inflates past its cap."""
    limits = budget.limits
    info = zf.getinfo(name)
    cap = min(limits.max_file_size, int(limits.max_ratio * max(info.compress_size, 1)) + CHUNK)
    with zf.open(info) as raw:
        yield Capped(raw, cap, budget)


def member_lines(zf: zipfile.ZipFile, name: str, markup: Markup, budget: Budget) -> Iterator[str]:
    """Yield the lines of the zip member *name*; raise :class:`TooBig` when it inflates past its cap."""
    with open_member(zf, name, budget) as stream:
        yield from lines(stream, markup, budget)


def parts(location: str, texts: Iterable[str], max_chars: int | None) -> Iterator[Part]:
    """Yield lines *texts* as parts of about ``PIECE_CHARS`` characters, cut at line ends, with offsets.

    With *max_chars* set, stop before the line that would pass it and mark the last part truncated.
    """
    kept: list[str] = []
    used = offset = 0
    for line in texts:
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


def streamed(location: str, texts: Iterable[str], budget: Budget) -> Generator[Part, None, bool]:
    """Yield the parts of *texts* at *location*; return False when a member inflated too far.

    That member's problem is then the last part yielded, and the caller stops reading the file.
    """
    try:
        yield from parts(location, texts, budget.limits.max_part_chars)
    except TooBig as exc:
        yield too_big(location, exc, budget)
        return False
    return True


def too_big(location: str, exc: TooBig, budget: Budget) -> Part:
    """Return the problem part of a member that inflated past the file size or the ratio limit."""
    limits = budget.limits
    if exc.over_file_size:
        return problem_part("too_large", location, limit=limits.max_file_size, scope="file")
    return problem_part("ratio_exceeded", location, limit=f"{limits.max_ratio:g}")


def relationships(zf: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """Return id -> (type, member name) of the relationships of the package part *source*."""
    folder, name = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.NameToInfo:
        return {}
    rels = ElementTree.fromstring(zf.read(rels_name))  # noqa: S314 - a small part, no DTDs in OOXML
    found = {}
    for rel in rels.iter("{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"):
        target = rel.get("Target", "")
        member = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        found[rel.get("Id", "")] = (rel.get("Type", ""), member)
    return found
