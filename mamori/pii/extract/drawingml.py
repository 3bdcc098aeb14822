"""Read the text of PowerPoint files (pptx) by streaming each slide's XML (:mod:`.xmlstream`).

Slides come in the order of the presentation, one location each (``!slide3``), their speaker notes
after their shapes, then the comments (``!comments``); text boxes and placeholders give a line per paragraph, tables a line per row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from itertools import chain
from xml.etree import ElementTree

from .comments import read_slide_comments
from .model import Budget, Part
from .xmlstream import Markup, member_lines, relationships, runs_text, streamed

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
DRAWING = Markup(
    paragraphs=(f"{_A}p",),
    cell=f"{_A}tc",
    row=f"{_A}tr",
    text=runs_text(f"{_A}t", {f"{_A}br": "\n"}),
    containers=(f"{_P}sp", f"{_P}graphicFrame", f"{_P}pic", f"{_P}cxnSp"),
)


def slide_members(zf: zipfile.ZipFile) -> list[tuple[str, str | None]]:
    """Return (slide member, its notes member or None) in the order of the presentation."""
    presentation = ElementTree.fromstring(zf.read("ppt/presentation.xml"))  # noqa: S314 - small part
    rels = relationships(zf, "ppt/presentation.xml")
    slides = []
    for slide in presentation.iter(f"{_P}sldId"):
        member = rels.get(slide.get(f"{_R}id", ""), ("", ""))[1]
        if member in zf.NameToInfo:
            notes = [
                m for kind, m in relationships(zf, member).values() if kind == _NOTES and m in zf.NameToInfo
            ]
            slides.append((member, notes[0] if notes else None))
    return slides


def read_slides(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield one location per slide of the presentation in *zf*, its notes included."""
    for number, (slide, notes) in enumerate(slide_members(zf), start=1):
        budget.check_time()
        texts = member_lines(zf, slide, DRAWING, budget)
        if notes:
            texts = chain(texts, member_lines(zf, notes, DRAWING, budget))
        if not (yield from streamed(f"{location}!slide{number}", texts, budget)):
            return
    yield from read_slide_comments(zf, location, budget)
