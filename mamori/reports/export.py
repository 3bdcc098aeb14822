"""Write a draft (``content.Report``) as Word .docx (python-docx) or PDF (reportlab).

PDF fonts come from ``mamori.core.pdf`` (an embedded IPAex subset, else the built-in CID fonts).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from mamori.core.pdf import pdf_fonts
from mamori.reports.content import Report

FORMATS = ("docx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
#: Word's own Japanese faces; a reader without them substitutes its Japanese font.
DOCX_FONT = "游明朝"
DOCX_HEADING_FONT = "游ゴシック"


def render(report: Report, fmt: str) -> bytes:
    """Return the draft as ``fmt`` ("docx" or "pdf") bytes."""
    if fmt == "docx":
        return to_docx(report)
    if fmt == "pdf":
        return to_pdf(report)
    raise ValueError(f"unknown format {fmt!r}")


def _paragraph_lines(text: str) -> Iterable[str]:
    return text.splitlines() or [""]


def _set_font(style: object, name: str, size: float) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def to_docx(report: Report) -> bytes:
    """Return the draft as a Word document: title, header lines, one heading and paragraphs per item."""
    doc = Document()
    _set_font(doc.styles["Normal"], DOCX_FONT, 10.5)
    for name in ("Title", "Heading 2"):
        _set_font(doc.styles[name], DOCX_HEADING_FONT, 16 if name == "Title" else 12)
    doc.core_properties.title = report.title
    doc.core_properties.language = "ja-JP"
    doc.add_paragraph(report.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in report.header:
        doc.add_paragraph(line)
    for item in report.items:
        heading = f"{item.number}. {item.heading}" if item.number else item.heading
        doc.add_paragraph(heading, style="Heading 2")
        for line in _paragraph_lines(item.body):
            doc.add_paragraph(line)
    for line in report.closing:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _markup(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def to_pdf(report: Report) -> bytes:
    """Return the draft as an A4 PDF with Japanese fonts (byte-identical for the same draft)."""
    body_font, heading_font = pdf_fonts()
    body = ParagraphStyle("body", fontName=body_font, fontSize=10.5, leading=17, wordWrap="CJK")
    heading = ParagraphStyle(
        "heading", fontName=heading_font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=2, wordWrap="CJK"
    )
    title = ParagraphStyle(
        "title", fontName=heading_font, fontSize=15, leading=22, alignment=1, spaceAfter=10, wordWrap="CJK"
    )
    story: list[object] = [Paragraph(_markup(report.title), title)]
    story += [Paragraph(_markup(line) or "&nbsp;", body) for line in report.header]
    for item in report.items:
        text = f"{item.number}. {item.heading}" if item.number else item.heading
        story.append(Paragraph(_markup(text), heading))
        story.append(Paragraph(_markup(item.body), body))
    if report.closing:
        story.append(Spacer(1, 6 * mm))
        story += [Paragraph(_markup(line) or "&nbsp;", body) for line in report.closing]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=report.title,
        invariant=1,
    )

    def page_number(canvas: Any, document: Any) -> None:
        canvas.setFont(body_font, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{report.title}　{document.page}")

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)  # type: ignore[arg-type]
    return out.getvalue()
