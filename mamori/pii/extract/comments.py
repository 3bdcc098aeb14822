"""Read the notes people leave on office documents, as parts after the document's own text.

Word review comments (``!comments``) and footnotes and endnotes (``!footnotes``), Excel notes and
threaded comments (``!Sheet1!comments``), PowerPoint comments (``!comments``) and comments on
OpenDocument spreadsheet cells (``!comments``). Each comment gives a line; the parts are streamed
(:mod:`.xmlstream`), bounded by the same ratio and size caps as the body, and a part with no text
says nothing. A damaged comments part is a ``malformed`` problem at its location; the rest of the
file is still read. Authors' names are metadata and are not read (as ``docProps/core.xml`` is not).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import replace
from itertools import chain
from typing import Any
from xml.etree import ElementTree

from .model import Budget, Part, error_name, problem_part
from .xmlstream import CHUNK, Markup, TooBig, member_lines, open_member, relationships, streamed, too_big

_NONE = "{urn:mamori:none}none"  # a cell or row tag that never occurs
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TC = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"
_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
_NOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def _join_text(tag: str) -> Callable[[Any], str]:
    """Return a reader of the text runs *tag* of one comment, phonetic guides (``rPh``) left out."""

    def read(element: Any) -> str:
        return "".join(node.text or "" for node in element.iter(tag) if node.getparent().tag != f"{_S}rPh")

    return read


def _text_of(element: Any) -> str:
    return "".join(element.itertext())


def parts_of(
    zf: zipfile.ZipFile, members: Iterable[str], location: str, markup: Markup, budget: Budget, kind: str
) -> Generator[Part, None, bool]:
    """Yield the comment lines of the zip *members* as parts at *location*; nothing when they are empty.

    A damaged member ends with a ``malformed`` problem at *location*, the lines read before it kept.
    Return False when a member inflated past its caps (its problem is then the last part yielded).
    """
    damaged: list[str] = []
    return (yield from _stream(location, _lines(zf, members, markup, budget, damaged), damaged, budget, kind))


def _lines(
    zf: zipfile.ZipFile, members: Iterable[str], markup: Markup, budget: Budget, damaged: list[str]
) -> Iterator[str]:
    from lxml import etree

    for member in members:
        try:
            for line in member_lines(zf, member, markup, budget):
                if line.strip():
                    yield line
        except etree.XMLSyntaxError as exc:
            damaged.append(error_name(exc))


# Word: comments, then footnotes and endnotes (their separators have no text).
def read_word_notes(zf: zipfile.ZipFile, location: str, budget: Budget, markup: Markup) -> Iterator[Part]:
    """Yield the review comments of a Word document, then its footnotes and endnotes."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    markup = replace(markup, containers=(f"{w}comment", f"{w}footnote", f"{w}endnote"))
    names = zf.NameToInfo
    for where, members in (
        ("comments", ["word/comments.xml"]),
        ("footnotes", ["word/footnotes.xml", "word/endnotes.xml"]),
    ):
        found = [m for m in members if m in names]
        if found and not (yield from parts_of(zf, found, f"{location}!{where}", markup, budget, "docx")):
            return


# Excel: a sheet's threaded comments, then its notes. Excel also writes each threaded comment as a
# note (for older versions): a note on a cell that has a threaded comment is left out.
def _threaded(refs: set[str]) -> Markup:
    def read(element: Any) -> str:
        refs.add(element.get("ref", ""))
        return "\n".join(_text_of(text) for text in element.iter(f"{_TC}text"))

    return Markup(paragraphs=(f"{_TC}threadedComment",), cell=_NONE, row=_NONE, text=read)


def _notes(skip: set[str]) -> Markup:
    runs = _join_text(f"{_S}t")

    def read(element: Any) -> str:
        return "" if element.get("ref", "") in skip else runs(element)

    return Markup(paragraphs=(f"{_S}comment",), cell=_NONE, row=_NONE, text=read)


def _sheet_comments(zf: zipfile.ZipFile, sheet: str) -> tuple[list[str], list[str]]:
    """Return the threaded comment members and the note members of the worksheet member *sheet*."""
    threaded, notes = [], []
    for kind, member in relationships(zf, sheet).values():
        if member not in zf.NameToInfo:
            continue
        if kind == _THREADED:
            threaded.append(member)
        elif kind == _NOTES:
            notes.append(member)
    return threaded, notes


def read_sheet_comments(
    zf: zipfile.ZipFile, sheets: dict[str, str], location: str, budget: Budget
) -> Iterator[Part]:
    """Yield the threaded comments and notes of each worksheet (sheet name -> member) of an xlsx."""
    for name, sheet in sheets.items():
        where = f"{location}!{name}!comments"
        try:
            threaded, notes = _sheet_comments(zf, sheet)
        except ElementTree.ParseError as exc:
            yield problem_part("malformed", where, kind="xlsx", error=type(exc).__name__)
            continue
        if not threaded and not notes:
            continue
        refs: set[str] = set()
        damaged: list[str] = []
        texts = chain(
            _lines(zf, threaded, _threaded(refs), budget, damaged),
            _lines(zf, notes, _notes(refs), budget, damaged),
        )
        if not (yield from _stream(where, texts, damaged, budget, "xlsx")):
            return


def _stream(
    where: str, texts: Iterator[str], damaged: list[str], budget: Budget, kind: str
) -> Generator[Part, None, bool]:
    try:
        first = next(texts, None)
    except TooBig as exc:
        yield too_big(where, exc, budget)
        return False
    if first is not None and not (yield from streamed(where, chain([first], texts), budget)):
        return False
    for error in damaged:
        yield problem_part("malformed", where, kind=kind, error=error)
    return True


SLIDE_COMMENTS = Markup(
    paragraphs=(f"{_P}text", f"{_A}p"),  # legacy comments hold plain text, modern ones DrawingML
    cell=_NONE,
    row=_NONE,
    text=_text_of,
)


def read_slide_comments(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield the comments of a PowerPoint presentation (legacy and modern) as one part."""
    members = sorted(
        name for name in zf.NameToInfo if name.startswith("ppt/comments/") and name.endswith(".xml")
    )
    if members:
        yield from parts_of(zf, members, f"{location}!comments", SLIDE_COMMENTS, budget, "pptx")


def read_ods_comments(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield the comments on the cells of an OpenDocument spreadsheet.

    The sheets were parsed already (calamine or :mod:`.odsstream`): ``content.xml`` is only inflated
    again and searched for ``<office:annotation>`` elements, each parsed alone under a copy of the
    document's root tag (its namespaces), rather than the whole document parsed a second time.
    """
    where = f"{location}!comments"
    if "content.xml" not in zf.NameToInfo:
        return
    damaged: list[str] = []
    yield from _stream(where, _annotation_lines(zf, budget, damaged), damaged, budget, "ods")


_ODF_OFFICE = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ROOT = re.compile(rb"<([\w.-]+:)?[\w.-]+(?=[\s>/])")
_PREFIX = re.compile(rb"xmlns:([\w.-]+)\s*=\s*[\"']" + re.escape(_ODF_OFFICE))


def _annotation_lines(zf: zipfile.ZipFile, budget: Budget, damaged: list[str]) -> Iterator[str]:
    from lxml import etree

    from .odfxml import paragraph_text

    with open_member(zf, "content.xml", budget) as stream:
        root, fragments = _annotations(stream)
        if root is None:
            return
        opening, closing = root
        for fragment in fragments:
            try:
                element = etree.fromstring(opening + fragment + closing)  # noqa: S320 - lxml, no DTD
            except etree.XMLSyntaxError as exc:
                damaged.append(error_name(exc))
                return
            line = "\n".join(paragraph_text(p) for p in element.iter(_TEXT_P))
            if line.strip():
                yield line


def _annotations(stream: Any) -> tuple[tuple[bytes, bytes] | None, Iterator[bytes]]:
    """Return the root's (opening tag, closing tag) and the annotation elements of an ODF document."""
    buffer = b""
    root = None
    while root is None and len(buffer) < 1 << 20 and (block := stream.read(CHUNK)):
        buffer += block
        root = _root_tag(buffer)
    if root is None:
        return None, iter(())
    opening, name = root
    return (opening, b"</" + name + b">"), _elements(stream, buffer, opening)


def _elements(stream: Any, buffer: bytes, opening: bytes) -> Iterator[bytes]:
    """Yield each ``office:annotation`` element of the document read on from *buffer* (its head)."""
    prefix = (found.group(1) if (found := _PREFIX.search(opening)) else b"office") + b":annotation"
    start, end = re.compile(rb"<" + re.escape(prefix) + rb"(?=[\s/>])"), b"</" + prefix + b">"
    at = len(opening)
    while True:
        found = start.search(buffer, at)
        if found is not None:
            close = buffer.find(b">", found.end())
            empty = close >= 0 and buffer[close - 1] == 0x2F  # <office:annotation/>
            stop = close if empty else buffer.find(end, found.end()) if close >= 0 else -1
            if stop >= 0:
                if not empty:
                    yield buffer[found.start() : stop + len(end)]
                at = stop + 1
                continue
            buffer, at = buffer[found.start() :], 0  # an element cut by the block: read on
        else:
            buffer, at = buffer[-len(end) :], 0
        block = stream.read(CHUNK)
        if not block:
            return
        buffer += block


def _root_tag(head: bytes) -> tuple[bytes, bytes] | None:
    """Return the root element's opening tag (its namespaces) and name from the head of a document."""
    at = 0
    while (at := head.find(b"<", at)) >= 0 and head[at + 1 : at + 2] in (b"?", b"!"):
        at += 1
    if at < 0 or (match := _ROOT.match(head, at)) is None:
        return None
    close = head.find(b">", match.end())
    if close < 0:
        return None
    opening = head[at : close + 1]
    return (opening[:-2] + b">" if opening.endswith(b"/>") else opening), match.group()[1:]
