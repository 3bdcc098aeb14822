"""Read the text of OpenDocument text and presentation files (odt, odp) by streaming ``content.xml``.

Paragraphs and headings come one per line, table rows as tab-separated cells (:mod:`.xmlstream`);
``text:s`` / ``text:tab`` / ``text:line-break`` become spaces, tabs and line breaks.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any

from .model import Budget, Part
from .xmlstream import Markup, member_lines, streamed

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_SPACE, _TAB, _BREAK = f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"
_MAX_SPACES = 100  # text:c of one text:s; a hostile file could ask for billions


def _spaces(node: Any) -> str:
    try:
        count = int(node.get(f"{_TEXT}c", "1"))
    except ValueError:
        count = 1
    return " " * max(1, min(count, _MAX_SPACES))


def paragraph_text(element: Any) -> str:
    """Return the text of one ODF paragraph, spaces, tabs and line breaks included."""
    for node in element.iter(_SPACE, _TAB, _BREAK):
        node.text = _spaces(node) if node.tag == _SPACE else "\t" if node.tag == _TAB else "\n"
    return "".join(element.itertext())


ODF = Markup(
    paragraphs=(f"{_TEXT}p", f"{_TEXT}h"),
    cell=f"{_TABLE}table-cell",
    row=f"{_TABLE}table-row",
    text=paragraph_text,
)


def read_content(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield the text of the OpenDocument in *zf*, in parts of about a million characters."""
    yield from streamed(location, member_lines(zf, "content.xml", ODF, budget), budget)
