"""Read and write the ledger as Excel (.xlsx) and CSV (UTF-8 or CP932) with Japanese headers.

Pure (no Django): rows are dicts of column field → value (``columns.COLUMNS``), the department by name.
Reading never stops at the first bad cell: every problem is reported with its line (the spreadsheet's
row number) and header, so the user fixes the file once. Writing then reading a file gives the same
rows (the round trip is lossless): text that a spreadsheet would run as a formula is written with a
leading apostrophe (``mamori.cells.neutralise``), which reading removes again (``restore``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from mamori.cells import neutralise, restore
from mamori.ledger.columns import (
    BOOL,
    BOOL_LABELS,
    CHOICE,
    COLUMNS,
    DATE,
    EXPORT_ONLY_HEADERS,
    FALSE_WORDS,
    INT,
    LIST,
    LIST_SEPARATOR,
    TRUE_WORDS,
    Column,
)

SHEET_TITLE = "個人情報管理台帳"
REQUIRED_HEADERS = ("部門", "業務", "情報名")
ENCODINGS = ("utf-8-sig", "cp932", "euc-jp")
_LIST_SPLIT = re.compile(r"[、,，;；\n／/]")
_COUNT = re.compile(r"約?([0-9][0-9,]*)\s*(件|人|名)?")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?")
_ERA = re.compile(r"(令和|平成|R|H)\s*(\d{1,2}|元)[年.](\d{1,2})[月.](\d{1,2})日?")
_ERA_START = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988}


class FileError(ValueError):
    """Say why a file cannot be read at all (not a spreadsheet, no header row ...)."""


@dataclass
class ReadResult:
    """The rows read from a file, the problems by line, and how it was read."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str = ""


def _norm(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


_HEADERS: dict[str, Column] = {_norm(c.header): c for c in COLUMNS}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return restore(str(value).strip())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _norm(_text(value))
    if not text:
        return None
    era = _ERA.fullmatch(text)
    if era:
        year = 1 if era[2] == "元" else int(era[2])
        return dt.date(_ERA_START[era[1]] + year, int(era[3]), int(era[4]))
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError("not a date (YYYY-MM-DD or 令和N年M月D日)")
    return dt.date(int(match[1]), int(match[2]), int(match[3]))


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _norm(_text(value)).casefold()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError("write あり or なし (or leave it empty when not recorded)")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    text = _norm(_text(value))
    if not text:
        return None
    match = _COUNT.fullmatch(text)
    if not match:
        raise ValueError("not a whole number of persons")
    return int(match[1].replace(",", ""))


def _choice(value: Any, column: Column) -> str:
    text = _norm(_text(value))
    if not text:
        return ""
    labels = column.labels or {}
    for code, label in labels.items():
        if text in (_norm(label), code):
            return code
    raise ValueError("use one of: " + " / ".join(labels.values()))


def parse_cell(column: Column, value: Any) -> Any:
    """Return the typed value of one cell of ``column``, or raise ``ValueError`` saying what is wrong."""
    if column.kind == LIST:
        return [part.strip() for part in _LIST_SPLIT.split(_text(value)) if part.strip()]
    if column.kind == BOOL:
        return _bool(value)
    if column.kind == INT:
        return _int(value)
    if column.kind == DATE:
        return _date(value)
    if column.kind == CHOICE:
        return _choice(value, column)
    return _text(value)


def _read_table(table: list[list[Any]], result: ReadResult) -> ReadResult:
    header_at = next(
        (n for n, row in enumerate(table[:10]) if "情報名" in {_norm(_text(v)) for v in row}), None
    )
    if header_at is None:
        raise FileError("no header row with 情報名 in the first 10 rows; use the blank template")
    headers = [_norm(_text(v)) for v in table[header_at]]
    missing = [h for h in REQUIRED_HEADERS if h not in headers]
    if missing:
        raise FileError("missing column(s): " + ", ".join(missing))
    unknown = [h for h in headers if h and h not in _HEADERS and h not in EXPORT_ONLY_HEADERS]
    if unknown:
        result.warnings.append("ignored column(s): " + ", ".join(unknown))
    for offset, cells in enumerate(table[header_at + 1 :], start=header_at + 2):
        if not any(_text(v) for v in cells):
            continue
        row: dict[str, Any] = {}
        for header, value in zip(headers, cells, strict=False):
            column = _HEADERS.get(header)
            if column is None:
                continue
            try:
                row[column.field] = parse_cell(column, value)
            except ValueError as exc:
                result.errors.append((offset, f"{column.header}: {_text(value)!r}: {exc}"))
        for required in ("department", "process", "name"):
            if not row.get(required):
                result.errors.append((offset, f"{_column_header(required)}: empty"))
        result.rows.append((offset, row))
    return result


def _column_header(field_name: str) -> str:
    return next(c.header for c in COLUMNS if c.field == field_name)


def read_xlsx(data: bytes) -> ReadResult:
    """Read the first sheet (or the one named 個人情報管理台帳) of an .xlsx / .xls / .ods file."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for every kind of broken file
        raise FileError(f"not a readable spreadsheet ({exc})") from None
    names = workbook.sheet_names
    name = SHEET_TITLE if SHEET_TITLE in names else names[0]
    table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return _read_table(table, ReadResult(encoding="xlsx"))


def decode(data: bytes) -> tuple[str, str]:
    """Return the text of CSV bytes and the encoding used: UTF-8 (with or without BOM), CP932, EUC-JP."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise FileError("the file is neither UTF-8 nor Shift_JIS (CP932) nor EUC-JP text")


def read_csv(data: bytes) -> ReadResult:
    """Read a CSV file in UTF-8, CP932 or EUC-JP (said in ``encoding``)."""
    text, encoding = decode(data)
    table = [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    return _read_table(table, ReadResult(encoding="utf-8" if encoding == "utf-8-sig" else encoding))


def read_file(name: str, data: bytes) -> ReadResult:
    """Read an uploaded ledger file by its extension (.xlsx/.xlsm/.xls/.ods or .csv/.txt)."""
    if name.lower().endswith((".csv", ".txt")):
        return read_csv(data)
    return read_xlsx(data)


def cell_text(column: Column, value: Any) -> str:
    """Return the text of one value as written to CSV (and shown in the template's examples)."""
    if value is None or value == "":
        return ""
    if column.kind == LIST:
        return LIST_SEPARATOR.join(value)
    if column.kind == BOOL:
        return BOOL_LABELS[bool(value)]
    if column.kind == CHOICE:
        return (column.labels or {}).get(value, value)
    if column.kind == DATE:
        return value.isoformat()
    return str(value)


def _cell_value(column: Column, value: Any) -> Any:
    if column.kind in (INT, DATE) and value not in (None, ""):
        return value
    return cell_text(column, value)


def headers(extra: bool) -> list[str]:
    """Return the header row (with the export-only workflow columns when ``extra``)."""
    return [c.header for c in COLUMNS] + (list(EXPORT_ONLY_HEADERS) if extra else [])


def write_csv(
    rows: Iterable[Mapping[str, Any]], extras: Iterable[list[str]] | None = None, encoding: str = "utf-8"
) -> bytes:
    """Return the rows as CSV bytes in ``encoding`` ("utf-8" is written with a BOM for Excel).

    Raises ``UnicodeEncodeError`` when a character has no CP932 code (use UTF-8 then).
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    extra_rows = list(extras) if extras is not None else None
    writer.writerow(headers(extra_rows is not None))
    for n, row in enumerate(rows):
        cells = [cell_text(c, row.get(c.field)) for c in COLUMNS]
        cells += extra_rows[n] if extra_rows is not None else []
        writer.writerow([neutralise(cell) for cell in cells])
    text = out.getvalue()
    return text.encode("utf-8-sig") if encoding == "utf-8" else text.encode(encoding)


def _print_setup(sheet: Any, printed: dt.datetime | None) -> None:
    """A4 landscape, one page wide, the header row on every page, title and date in the page header.

    The same print setup as every other export (``mamori.core.xlsx``); this workbook is written with
    openpyxl because it must keep drop-down lists and be read back by the import.
    """
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.left.text = SHEET_TITLE
    if printed is not None:
        sheet.oddHeader.right.text = printed.strftime("%Y-%m-%d %H:%M")
    sheet.oddFooter.center.text = "&P / &N"


def write_xlsx(
    rows: Iterable[Mapping[str, Any]],
    extras: Iterable[list[str]] | None = None,
    printed: dt.datetime | None = None,
) -> bytes:
    """Return the rows as an .xlsx workbook: one sheet, Japanese headers, drop-down lists for choices.

    ``printed`` is the date and time shown in the printed page header.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    extra_rows = list(extras) if extras is not None else None
    sheet.append(headers(extra_rows is not None))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for n, row in enumerate(rows):
        values = [_cell_value(c, row.get(c.field)) for c in COLUMNS]
        values += extra_rows[n] if extra_rows is not None else []
        sheet.append([neutralise(value) for value in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    last = max(sheet.max_row, 200)
    for index, column in enumerate(COLUMNS, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = 28 if column.kind in ("long", LIST) else 16
        labels = (
            list(column.labels.values())
            if column.labels
            else list(BOOL_LABELS.values())
            if column.kind == BOOL
            else None
        )
        if labels:
            validation = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
            validation.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "D2"
    _print_setup(sheet, printed)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
