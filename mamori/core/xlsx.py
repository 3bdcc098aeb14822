"""The one Excel writer of every export: text is never a formula, every sheet prints on A4.

Every app's export builds :class:`Sheet` values and calls :func:`write`: openpyxl's write-only mode (rows
go to disk as they come, so a worker's memory stays flat at any size), text cells that a spreadsheet
would run as a formula (``= + - @``, also full-width, and tab/CR in front) are prefixed with an
apostrophe, control characters are dropped, and each sheet gets the print setup auditors expect: A4
landscape, fit to the page width, the header row repeated on every page, title and date in the header.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B5FA5")
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
FORMULA_STARTS = frozenset("=+-@\t\r")
# XML 1.0 forbids these; openpyxl would raise on them. Newline and tab inside text stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def neutralise(value: Any) -> Any:
    """Return a cell value that no spreadsheet runs as a formula (text only; numbers and dates unchanged)."""
    if not isinstance(value, str) or not value:
        return value
    text = _CONTROL.sub("", value)
    if text and unicodedata.normalize("NFKC", text[0]) in FORMULA_STARTS:
        return "'" + text
    return text


@dataclass
class Column:
    """One column: its header, width in characters and number format."""

    header: str
    width: int = 16
    number_format: str | None = None


@dataclass
class Sheet:
    """One sheet: a header row, then the rows (any iterable: it is read once, as it is written)."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    wrap: bool = False
    notes: Sequence[str] = field(default_factory=tuple)


def _sheet_name(text: str, used: set[str]) -> str:
    name = "".join(c for c in text if c not in "[]:*?/\\")[:28] or "Sheet"
    base, n = name, 2
    while name in used:
        name, n = f"{base[:25]}({n})", n + 1
    used.add(name)
    return name


def _header_text(text: str) -> str:
    return text.replace("&", "&&")[:200]  # '&' starts a header code in Excel


def _print_setup(ws: Any, title: str, created: dt.datetime) -> None:
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.oddHeader.left.text = _header_text(title)
    ws.oddHeader.right.text = created.strftime("%Y-%m-%d %H:%M")
    ws.oddFooter.center.text = "&P / &N"


def _write_sheet(ws: Any, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, value=neutralise(column.header))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    formats = {i: c.number_format for i, c in enumerate(sheet.columns) if c.number_format}
    wrap = Alignment(wrap_text=True, vertical="top") if sheet.wrap else None
    count = 0
    for row in sheet.rows:
        values: list[Any] = [neutralise(v) for v in row]
        if formats or wrap is not None:
            values = [_styled(ws, v, formats.get(i), wrap) for i, v in enumerate(values)]
        ws.append(values)
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(sheet.columns), 1))}{count + 1}"
    for note in sheet.notes:
        ws.append([neutralise(note)])


def _styled(ws: Any, value: Any, number_format: str | None, alignment: Alignment | None) -> Any:
    """Return the value, or a cell carrying its number format and alignment when it has any."""
    if value is None or (number_format is None and alignment is None):
        return value
    cell = WriteOnlyCell(ws, value=value)
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    return cell


def write(target: IO[bytes] | str, *, title: str, sheets: Iterable[Sheet]) -> None:
    """Write the workbook of ``sheets`` to a file or path, every text neutralised, every sheet set to print."""
    book = Workbook(write_only=True)
    title = _CONTROL.sub("", title)
    book.properties.title = title[:200]
    created = timezone.localtime()
    used: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(_sheet_name(_CONTROL.sub("", sheet.name), used))
        _print_setup(ws, title, created)
        _write_sheet(ws, sheet)
    if not used:
        ws = book.create_sheet("Sheet")
        _print_setup(ws, title, created)
    book.save(target)


def to_bytes(*, title: str, sheets: Iterable[Sheet]) -> bytes:
    """Return the workbook as bytes (small exports: documents, one campaign)."""
    with tempfile.TemporaryFile() as spool:
        write(spool, title=title, sheets=sheets)
        spool.seek(0)
        return spool.read()


def response(*, filename: str, title: str, sheets: Iterable[Sheet]) -> FileResponse:
    """Return a streamed download of the workbook, built in a temporary file (no copy in memory)."""
    spool = tempfile.TemporaryFile(prefix="mamori-export-", suffix=".xlsx")  # noqa: SIM115 - closed by the response
    try:
        write(spool, title=title, sheets=sheets)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=CONTENT_TYPE)
