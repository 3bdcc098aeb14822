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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
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


def render(report: Report, fmt: str) -> bytes:
    """Return the draft as ``fmt`` ("docx" or "pdf") bytes."""
    if fmt == "docx":
        return to_docx(report)
    if fmt == "pdf":
        return to_pdf(report)
    raise ValueError(f"unknown format {fmt!r}")


def _paragraph_lines(text: str) -> Iterable[str]:
    return text.splitlines() or [""]


def _set_font(style: Any, name: str, size: float, *, bold: bool = False) -> None:
    """Give a style a Japanese face, a size, black text and the ja-JP language (w:lang)."""
    font = style.font
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "ja-JP")  # the Japanese text; Latin runs keep the reader's default


def _document(report: Report) -> Any:
    """Return an empty A4 document in a plain Japanese business style, authored by the organisation."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    _set_font(doc.styles["Normal"], DOCX_FONT, 10.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(2)
    props = doc.core_properties
    props.title = report.title
    props.language = "ja-JP"
    props.author = props.last_modified_by = report.author or "mamori"
    props.comments = ""
    return doc


def _line(doc: Any, text: str, *, align: Any = None, bold: bool = False, size: float | None = None) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align


def _items_docx(doc: Any, report: Report) -> None:
    for item in report.items:
        heading = f"{item.number}. {item.heading}" if item.number else item.heading
        _line(doc, heading, bold=True)
        for line in _paragraph_lines(item.body):
            _line(doc, line)


def to_docx(report: Report) -> bytes:
    """Return the draft as a Word document (A4, ja-JP): a report, or a letter in business form."""
    doc = _document(report)
    letter = report.letter
    if letter is not None:
        _line(doc, letter.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _line(doc, letter.addressee)
        for line in letter.sender:
            _line(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _line(doc, "")
        _line(doc, report.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=13)
        _line(doc, "")
        for line in letter.opening:
            _line(doc, line)
        _line(doc, "敬具", align=WD_ALIGN_PARAGRAPH.RIGHT)
        _line(doc, "記", align=WD_ALIGN_PARAGRAPH.CENTER)
        _items_docx(doc, report)
        if letter.desk:
            _line(doc, f"{len(report.items) + 1}. お問い合わせ窓口", bold=True)
            for line in letter.desk:
                _line(doc, line)
        _line(doc, "以上", align=WD_ALIGN_PARAGRAPH.RIGHT)
    else:
        _line(doc, report.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14)
        for line in report.header:
            _line(doc, line)
        _items_docx(doc, report)
        for line in report.closing:
            _line(doc, line)
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
    right = ParagraphStyle("right", parent=body, alignment=2)
    center = ParagraphStyle("center", parent=body, alignment=1)
    items: list[object] = []
    for item in report.items:
        text = f"{item.number}. {item.heading}" if item.number else item.heading
        items.append(Paragraph(_markup(text), heading))
        items.append(Paragraph(_markup(item.body), body))
    letter = report.letter
    story: list[object]
    if letter is not None:
        story = [Paragraph(_markup(letter.date), right), Paragraph(_markup(letter.addressee), body)]
        story += [Paragraph(_markup(line), right) for line in letter.sender]
        story += [Spacer(1, 4 * mm), Paragraph(_markup(report.title), title)]
        story += [Paragraph(_markup(line), body) for line in letter.opening]
        story += [Paragraph("敬具", right), Paragraph("記", center), *items]
        if letter.desk:
            story.append(Paragraph(_markup(f"{len(report.items) + 1}. お問い合わせ窓口"), heading))
            story += [Paragraph(_markup(line), body) for line in letter.desk]
        story.append(Paragraph("以上", right))
    else:
        story = [Paragraph(_markup(report.title), title)]
        story += [Paragraph(_markup(line) or "&nbsp;", body) for line in report.header]
        story += items
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
        author=report.author,
        lang="ja-JP",
        invariant=1,
    )

    def page_number(canvas: Any, document: Any) -> None:
        canvas.setFont(body_font, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{report.title}　{document.page}")

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)  # type: ignore[arg-type]
    return out.getvalue()
