"""Write check-and-act documents (plan, checklist, report, review minutes) as .docx (A4) and .xlsx.

One neutral shape, :class:`Doc` (title, header lines, tables), rendered by python-docx and openpyxl, so
that every export of this app looks the same and carries the same figures as the page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from mamori.core import xlsx

DOCX_FONT = "游明朝"
DOCX_HEADING_FONT = "游ゴシック"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Table:
    heading: str
    columns: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)


@dataclass
class Doc:
    title: str
    header: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    landscape: bool = False


def _font(style: Any, name: str, size: float) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def to_docx(doc: Doc) -> bytes:
    """Return the document as Word (A4, Japanese fonts, one table per section)."""
    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if doc.landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if doc.landscape else WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    _font(word.styles["Normal"], DOCX_FONT, 10)
    for name in ("Title", "Heading 2"):
        _font(word.styles[name], DOCX_HEADING_FONT, 16 if name == "Title" else 12)
    word.core_properties.title = doc.title
    word.core_properties.language = "ja-JP"
    word.add_paragraph(doc.title, style="Title")
    for line in doc.header:
        word.add_paragraph(line)
    for table in doc.tables:
        word.add_paragraph(table.heading, style="Heading 2")
        grid = word.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        for cell, name in zip(grid.rows[0].cells, table.columns, strict=True):
            cell.text = name
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = _text(value)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_xlsx(doc: Doc) -> bytes:
    """Return the document as Excel: a cover sheet, then one sheet per table (the shared print setup)."""
    cover = xlsx.Sheet("概要", [xlsx.Column(doc.title, 90)], [[line] for line in doc.header])
    tables = [
        xlsx.Sheet(
            table.heading,
            [xlsx.Column(name, 40 if i else 18) for i, name in enumerate(table.columns)],
            ([v if isinstance(v, int | float) else _text(v) for v in row] for row in table.rows),
            wrap=True,
        )
        for table in doc.tables
    ]
    return xlsx.to_bytes(title=doc.title, sheets=[cover, *tables])


def render(doc: Doc, fmt: str) -> bytes:
    """Return ``doc`` as "docx" or "xlsx" bytes."""
    if fmt == "docx":
        return to_docx(doc)
    if fmt == "xlsx":
        return to_xlsx(doc)
    raise ValueError(f"unknown format {fmt!r}")
