"""Read the text of Word documents (docx) by streaming their XML, with bounded memory (:mod:`.xmlstream`).

Body paragraphs come one per line, table rows as tab-separated cells (nested tables and text boxes
included), in document order, in parts of about a million characters (``Part.offset``); headers and
footers come as a part after them, then review comments, footnotes and endnotes (:mod:`.comments`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from .comments import read_word_notes
from .model import Budget, Part
from .xmlstream import Markup, TooBig, member_lines, runs_text, streamed, too_big

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD = Markup(
    paragraphs=(f"{_W}p",),
    cell=f"{_W}tc",
    row=f"{_W}tr",
    text=runs_text(f"{_W}t", {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}),
)
_MARGINS = re.compile(r"word/(?:header|footer)\d*\.xml")


def _margins(zf: zipfile.ZipFile, budget: Budget) -> Iterator[str]:
    for member in zf.infolist():
        if _MARGINS.fullmatch(member.filename):
            yield from member_lines(zf, member.filename, WORD, budget)


def read_wordml(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield the body of the Word document in *zf*, then its headers and footers, comments and notes."""
    if not (yield from streamed(location, member_lines(zf, "word/document.xml", WORD, budget), budget)):
        return
    margins_at = f"{location}!header-footer"
    try:
        margins = list(_margins(zf, budget))  # small: read whole, to say nothing when they are empty
    except TooBig as exc:
        yield too_big(margins_at, exc, budget)
        return
    if any(margins) and not (yield from streamed(margins_at, margins, budget)):
        return
    yield from read_word_notes(zf, location, budget, WORD)
