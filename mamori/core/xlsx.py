"""The one Excel writer of every export: text is never a formula, every sheet prints on A4.

Every app's export builds :class:`Sheet` values and calls :func:`write`: XlsxWriter in constant-memory
mode (each row goes to disk as it comes, so a worker's memory stays flat at any size; about three times
faster than openpyxl's write-only mode), text is always written as text, and text cells that a spreadsheet
would run as a formula (``= + - @``, also full-width, and tab/CR in front) are prefixed with an
apostrophe, control characters are dropped (the rule of every export, ``mamori.cells``), and each sheet gets the print setup auditors expect: A4
landscape, fit to the page width, the header row repeated on every page, title and date in the header.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

import xlsxwriter
from django.http import FileResponse
from django.utils import timezone

from mamori.cells import drop_controls, neutralise

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": "#0B5FA5",
    "valign": "vcenter",
    "text_wrap": True,
}
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
PAPER_A4 = 9
# Text stays text: XlsxWriter would otherwise turn "=..." into a formula and "http..." into a link.
_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


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
    ws.set_paper(PAPER_A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_header(f"&L{_header_text(title)}&R{created.strftime('%Y-%m-%d %H:%M')}")
    ws.set_footer("&C&P / &N")


class _Formats:
    """The workbook's cell formats, made once each: number format and wrapping by column, dates by type."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.made: dict[tuple[str | None, bool], Any] = {}

    def get(self, number_format: str | None, wrap: bool) -> Any:
        key = (number_format, wrap)
        if key not in self.made:
            spec: dict[str, Any] = {"num_format": number_format} if number_format else {}
            if wrap:
                spec.update(text_wrap=True, valign="top")
            self.made[key] = self.book.add_format(spec) if spec else None
        return self.made[key]


def _write_sheet(ws: Any, sheet: Sheet, formats: _Formats) -> None:
    header = formats.book.add_format(HEADER)
    for index, column in enumerate(sheet.columns):
        ws.set_column(index, index, column.width)
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, [neutralise(column.header) for column in sheet.columns], header)
    plain = [formats.get(c.number_format, sheet.wrap) for c in sheet.columns]
    dates = formats.get(DATE, sheet.wrap)
    datetimes = formats.get(DATETIME, sheet.wrap)
    row_index = 0
    for row_index, row in enumerate(sheet.rows, start=1):
        for col, value in enumerate(row):
            cell_format = plain[col] if col < len(plain) else None
            if value is None or value == "":
                if cell_format is not None:
                    ws.write_blank(row_index, col, None, cell_format)
            elif isinstance(value, str):
                ws.write_string(row_index, col, neutralise(value), cell_format)
            elif isinstance(value, bool):
                ws.write_boolean(row_index, col, value, cell_format)
            elif isinstance(value, dt.datetime | dt.date):
                if cell_format is None or col >= len(sheet.columns) or not sheet.columns[col].number_format:
                    cell_format = datetimes if isinstance(value, dt.datetime) else dates
                ws.write_datetime(row_index, col, value, cell_format)
            elif isinstance(value, int | float | Decimal):
                ws.write_number(row_index, col, value, cell_format)
            else:
                ws.write_string(row_index, col, neutralise(str(value)), cell_format)
    ws.autofilter(0, 0, row_index, max(len(sheet.columns), 1) - 1)
    for offset, note in enumerate(sheet.notes, start=row_index + 1):
        ws.write_string(offset, 0, neutralise(note))


def write(target: IO[bytes] | str, *, title: str, sheets: Iterable[Sheet]) -> None:
    """Write the workbook of ``sheets`` to a file or path, every text neutralised, every sheet set to print."""
    title = drop_controls(title)
    with tempfile.TemporaryDirectory(prefix="mamori-xlsx-") as scratch:
        book = xlsxwriter.Workbook(target, {**_OPTIONS, "tmpdir": scratch})
        book.set_properties({"title": title[:200]})
        created = timezone.localtime()
        formats = _Formats(book)
        used: set[str] = set()
        for sheet in sheets:
            ws = book.add_worksheet(_sheet_name(drop_controls(sheet.name), used))
            _print_setup(ws, title, created)
            _write_sheet(ws, sheet, formats)
        if not used:
            _print_setup(book.add_worksheet("Sheet"), title, created)
        book.close()


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
