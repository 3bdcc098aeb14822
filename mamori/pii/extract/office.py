"""Read office documents: spreadsheets (xlsx, xls, ods), Word, PowerPoint, ODF text and OLE files."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePath
from typing import Any
from xml.etree import ElementTree

from .archive import check_bomb
from .model import Budget, Part, gettext_noop, one_row, problem_part

_ROW_CHECK = 5000  # rows between two time-budget checks
# Sheet XML bytes kept per character of content budget: calamine parses a whole sheet before the
# first row comes out, so a budgeted read hands it only the head of each big sheet. Inline strings
# take about 7 bytes of XML per character of text; shared strings far fewer.
_XML_BYTES_PER_CHAR = 16
_RELS_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _zip_guard(zf: zipfile.ZipFile, location: str, budget: Budget) -> Part | None:
    """Return a problem part when an OOXML / ODF container is an archive bomb, else ``None``."""
    problem = check_bomb(zf, location, budget)
    if problem is None:
        budget.consume(sum(info.file_size for info in zf.infolist()))
    return problem


def _read_guarded(
    data: bytes,
    location: str,
    budget: Budget,
    reader: Callable[[zipfile.ZipFile, str, Budget], Iterator[Part]],
) -> Iterator[Part]:
    """Open an OOXML / ODF container once: check it against archive bombs, then let *reader* read it."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if problem := _zip_guard(zf, location, budget):
            yield problem
            return
        yield from reader(zf, location, budget)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 09012345678 stored as a number reads back as 9012345678.0
    return str(value)


def _sheet_text(rows: Iterable[list[Any]], budget: Budget) -> tuple[str, bool]:
    """Return the sheet's rows as text and whether rows were left unread (content budget spent).

    Rows are converted lazily, so with ``max_part_chars`` set only the first rows cost anything;
    every row, empty ones included, counts at least its line break against the budget.
    """
    max_chars = budget.limits.max_part_chars
    lines: list[str] = []
    used = 0
    for n, row in enumerate(rows):
        if max_chars is not None and used >= max_chars:
            return "\n".join(lines), True
        if n % _ROW_CHECK == 0:
            budget.check_time()
        line = one_row("\t".join([v if v.__class__ is str else _cell(v) for v in row]).rstrip("\t"))
        used += len(line) + 1
        if line:
            lines.append(line)
    return "\n".join(lines), False


def _cut_sheet_xml(zf: zipfile.ZipFile, member: str, max_bytes: int) -> bytes | None:
    """Return the head of a worksheet's XML up to its last whole row, closed; None if no row ends there."""
    with zf.open(member) as fh:
        head = fh.read(max_bytes)
    match = re.search(rb"<(\w+:)?sheetData[\s>]", head)
    if match is None:
        return None
    prefix = match.group(1) or b""
    end = head.rfind(b"</" + prefix + b"row>")
    if end < match.end():
        return None
    end += len(prefix) + 6
    return head[:end] + b"</" + prefix + b"sheetData></" + prefix + b"worksheet>"


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Return the zip member of each sheet of an xlsx workbook, by sheet name."""
    from .xmlstream import relationships

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))  # noqa: S314 - small, no DTDs in OOXML
    targets = relationships(zf, "xl/workbook.xml")
    return {
        sheet.get("name", ""): targets.get(sheet.get(f"{_RELS_NS}id", ""), ("", "xl"))[1]
        for sheet in workbook.iter(f"{ns_main}sheet")
    }


def _head_of_sheets(data: bytes, max_chars: int) -> tuple[bytes, set[str]]:
    """Return an xlsx whose big worksheets are cut to their first rows, and the names of the cut sheets.

    Only OOXML workbooks with XML sheets are cut; anything unexpected returns *data* unchanged.
    """
    max_bytes = max_chars * _XML_BYTES_PER_CHAR
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "xl/workbook.xml" not in zf.namelist():
                return data, set()
            big = {
                info.filename
                for info in zf.infolist()
                if info.filename.startswith("xl/worksheets/")
                and info.filename.endswith(".xml")
                and info.file_size > max_bytes
            }
            cut = {name: head for name in big if (head := _cut_sheet_xml(zf, name, max_bytes)) is not None}
            if not cut:
                return data, set()
            names = {name for name, path in _sheet_paths(zf).items() if path in cut}
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dest:
                for info in zf.infolist():
                    dest.writestr(info.filename, cut.get(info.filename) or zf.read(info))
            return out.getvalue(), names
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return data, set()  # let calamine read (and report) the original


def _has_big_sheet(zf: zipfile.ZipFile) -> bool:
    """Tell whether an xlsx workbook has a worksheet too big to build in memory (see :mod:`.xlsxstream`)."""
    from . import xlsxstream

    return "xl/workbook.xml" in zf.NameToInfo and any(
        info.filename.startswith("xl/worksheets/") and info.file_size > xlsxstream.STREAM_SHEET_BYTES
        for info in zf.infolist()
    )


def _big_ods(zf: zipfile.ZipFile) -> bool:
    """Tell whether an OpenDocument spreadsheet's content is too big to build in memory."""
    from . import xlsxstream

    info = zf.NameToInfo.get("content.xml")
    return (
        info is not None
        and "xl/workbook.xml" not in zf.NameToInfo
        and info.file_size > xlsxstream.STREAM_SHEET_BYTES
    )


def read_spreadsheet(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield one part per sheet of an xlsx, xls or ods workbook (cells tab-separated, rows by line).

    The notes and comments on cells come after the sheets (``!Sheet1!comments``, see :mod:`.comments`).

    An xlsx workbook with a worksheet of more than ``STREAM_SHEET_BYTES`` of XML, or an ods whose
    content is that big, is streamed row by row, each sheet in parts of about a million characters. With a content budget
    (``max_part_chars``) big xlsx sheets are cut to their head before parsing and rows stop once the
    budget is used; such sheets are marked ``truncated``.
    """
    from python_calamine import CalamineWorkbook, PasswordError

    from .odsstream import read_streamed_ods
    from .xlsxstream import read_streamed_workbook

    cut_sheets: set[str] = set()
    max_chars = budget.limits.max_part_chars
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if problem := _zip_guard(zf, location, budget):
                yield problem
                return
            if max_chars is None and _has_big_sheet(zf):
                yield from read_streamed_workbook(zf, _sheet_paths(zf), location, budget)
                yield from _sheet_comments(zf, location, budget)
                return
            if max_chars is None and _big_ods(zf):
                yield from read_streamed_ods(zf, location, budget)
                yield from _sheet_comments(zf, location, budget)
                return
    if max_chars is not None and data.startswith(b"PK"):
        data, cut_sheets = _head_of_sheets(data, max_chars)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        yield problem_part("encrypted", location)
        return
    try:
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            text, truncated = _sheet_text(sheet.iter_rows(), budget)
            yield Part(location=f"{location}!{name}", text=text, truncated=truncated or name in cut_sheets)
    finally:
        workbook.close()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            yield from _sheet_comments(zf, location, budget)


def _sheet_comments(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield the notes and comments on the cells of an xlsx or ods workbook (:mod:`.comments`)."""
    from .comments import read_ods_comments, read_sheet_comments

    if "xl/workbook.xml" in zf.NameToInfo:
        yield from read_sheet_comments(zf, _sheet_paths(zf), location, budget)
    elif "content.xml" in zf.NameToInfo:
        yield from read_ods_comments(zf, location, budget)


def read_docx(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the body (paragraphs and tables) of a Word document, then its headers and footers.

    The XML is streamed (see :mod:`.wordml`): memory does not follow the size of the document.
    """
    from .wordml import read_wordml

    yield from _read_guarded(data, location, budget, read_wordml)


def read_pptx(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield one part per slide of a PowerPoint file, its notes included (XML streamed, see :mod:`.drawingml`)."""
    from .drawingml import read_slides

    yield from _read_guarded(data, location, budget, read_slides)


def read_odf(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the text of an OpenDocument text or presentation file (XML streamed, see :mod:`.odfxml`)."""
    from .odfxml import read_content

    yield from _read_guarded(data, location, budget, read_content)


def _ole_is_encrypted(data: bytes) -> bool:
    import msoffcrypto

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # noqa: BLE001 - not an Office file msoffcrypto knows (e.g. .msg)
        return False


_THUMBS = frozenset({"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db"})  # Explorer's thumbnails, an OLE file
_OLE_SUFFIXES = frozenset({".msg", ".xls", ".doc", ".ppt", ".pps", ".pot", ".dot", ".xlt"})


def read_ole(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the parts of an OLE compound file: legacy xls, doc and ppt, Outlook .msg, or encrypted OOXML.

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
        from .doc import read_doc

        yield from read_doc(data, location, depth, budget)
    elif "PowerPoint Document" in streams:
        from .ppt import read_ppt

        yield from read_ppt(data, location, depth, budget)
    elif "Catalog" in streams or PurePath(location.rsplit("!", 1)[-1]).name.lower() in _THUMBS:
        yield problem_part("skipped", location, kind=gettext_noop("Windows thumbnail cache"))
    elif (suffix := PurePath(location.rsplit("!", 1)[-1]).suffix.lower()) in _OLE_SUFFIXES:
        # named as a format we read, but none of its streams: cut short or damaged (a .msg copied half)
        yield problem_part("malformed", location, kind=suffix.lstrip("."))
    else:
        yield problem_part("unsupported", location, kind=gettext_noop("OLE compound file"))
