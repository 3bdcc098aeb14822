"""Read office documents: spreadsheets (xlsx, xls, ods), Word, PowerPoint, ODF text and OLE files."""

from __future__ import annotations

import gc
import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any
from xml.etree import ElementTree

from .archive import check_bomb
from .model import Budget, Part, problem_part

_ROW_CHECK = 5000  # rows between two time-budget checks


def _zip_guard(data: bytes, location: str, budget: Budget) -> Part | None:
    """Return a problem part when an OOXML / ODF container is an archive bomb, else ``None``."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        problem = check_bomb(zf, location, budget)
        if problem is None:
            budget.consume(sum(info.file_size for info in zf.infolist()))
        return problem


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 09012345678 stored as a number reads back as 9012345678.0
    return str(value)


def _sheet_text(rows: Iterable[list[Any]], budget: Budget) -> str:
    lines = []
    for n, row in enumerate(rows):
        if n % _ROW_CHECK == 0:
            budget.check_time()
        line = "\t".join(_cell(v) for v in row).rstrip("\t")
        if line:
            lines.append(line)
    return "\n".join(lines)


def read_spreadsheet(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield one part per sheet of an xlsx, xls or ods workbook (cells tab-separated, rows by line)."""
    from python_calamine import CalamineWorkbook, PasswordError

    if data.startswith(b"PK") and (problem := _zip_guard(data, location, budget)):
        yield problem
        return
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        yield problem_part("encrypted", location)
        return
    try:
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            yield Part(location=f"{location}!{name}", text=_sheet_text(sheet.iter_rows(), budget))
    finally:
        workbook.close()


def _docx_tables(tables: Iterable[Any]) -> Iterator[str]:
    for table in tables:
        for row in table.rows:
            seen: list[Any] = []
            cells = []
            for cell in row.cells:
                if cell._tc in seen:  # merged cells repeat the same element
                    continue
                seen.append(cell._tc)
                cells.append(cell.text)
                yield from _docx_tables(cell.tables)
            yield "\t".join(cells)


def _docx_text_boxes(body: Any) -> Iterator[str]:
    """Yield the paragraphs of text boxes, which python-docx's paragraph list leaves out."""
    from docx.oxml.ns import qn

    for box in body.iter(qn("w:txbxContent")):
        for paragraph in box.iter(qn("w:p")):
            yield "".join(node.text or "" for node in paragraph.iter(qn("w:t")))


def read_docx(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the body (paragraphs and tables) of a Word document, then its headers and footers."""
    import docx

    if problem := _zip_guard(data, location, budget):
        yield problem
        return
    document = docx.Document(io.BytesIO(data))
    try:
        yield from _docx_parts(document, location)
    finally:
        del document
        gc.collect(1)  # python-docx's reference cycles hold whole lxml trees that only a collection frees


def _docx_parts(document: Any, location: str) -> Iterator[Part]:
    body = [p.text for p in document.paragraphs]
    body.extend(_docx_tables(document.tables))
    body.extend(_docx_text_boxes(document.element.body))
    yield Part(location=location, text="\n".join(body))
    margins: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer):
            margins.extend(p.text for p in part.paragraphs)
            margins.extend(_docx_tables(part.tables))
    if any(margins):
        yield Part(location=f"{location}!header-footer", text="\n".join(margins))


def _shape_texts(shapes: Iterable[Any]) -> Iterator[str]:
    for shape in shapes:
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            yield shape.text_frame.text
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                yield "\t".join(cell.text for cell in row.cells)
        if hasattr(shape, "shapes"):  # group shape
            yield from _shape_texts(shape.shapes)


def read_pptx(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield one part per slide of a PowerPoint file, its notes included."""
    import pptx

    if problem := _zip_guard(data, location, budget):
        yield problem
        return
    presentation = pptx.Presentation(io.BytesIO(data))
    try:
        for number, slide in enumerate(presentation.slides, start=1):
            budget.check_time()
            texts = list(_shape_texts(slide.shapes))
            if slide.has_notes_slide:
                texts.append(slide.notes_slide.notes_text_frame.text)
            yield Part(location=f"{location}!slide{number}", text="\n".join(texts))
    finally:
        del presentation
        gc.collect(1)  # as for docx: free the lxml trees held by reference cycles now


def read_odf(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the text of an OpenDocument text or presentation file (paragraph by paragraph)."""
    if problem := _zip_guard(data, location, budget):
        yield problem
        return
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = ElementTree.fromstring(zf.read("content.xml"))  # noqa: S314 - size checked, no DTDs in ODF
    ns = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    paragraphs = ["".join(el.itertext()) for el in root.iter() if el.tag in (f"{ns}p", f"{ns}h")]
    yield Part(location=location, text="\n".join(paragraphs))


def _ole_is_encrypted(data: bytes) -> bool:
    import msoffcrypto

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # noqa: BLE001 - not an Office file msoffcrypto knows (e.g. .msg)
        return False


def read_ole(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the parts of an OLE compound file: legacy xls, Outlook .msg, or encrypted OOXML.

    A password-protected xlsx/docx/pptx is an OLE file holding an ``EncryptionInfo`` stream, so
    encryption is checked first.
    """
    import olefile

    if _ole_is_encrypted(data):
        yield problem_part("encrypted", location)
        return
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        streams = {"/".join(entry) for entry in ole.listdir()}
    finally:
        ole.close()
    if "Workbook" in streams or "Book" in streams:
        yield from read_spreadsheet(data, location, depth, budget)
    elif "__properties_version1.0" in streams:
        from .mail import read_msg

        yield from read_msg(data, location, depth, budget)
    elif "WordDocument" in streams:
        yield problem_part("unsupported", location, kind="Word 97-2003 (.doc)")
    elif "PowerPoint Document" in streams:
        yield problem_part("unsupported", location, kind="PowerPoint 97-2003 (.ppt)")
    else:
        yield problem_part("unsupported", location, kind="OLE compound file")
