"""Read big xlsx worksheets row by row from their XML stream, with bounded memory.

python-calamine (the reader of every other workbook) builds a whole sheet in memory before its first
row comes out; a sheet of tens of MiB of XML is read here instead with lxml ``iterparse``, each row
turned into a line of tab-separated cells and cleared. Cells read as calamine reads them: shared and
inline strings (phonetic guides left out), numbers (``1234`` for whole numbers), booleans
(``True``), dates, times and durations by their number format (``1985-04-01``, ``09:30:00``,
``1 day, 12:00:00``), the cached result of formulas. Only the shared-string table is held whole.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from .model import Budget, MiB, Part, one_row
from .xmlstream import TooBig, open_member, parts, release, too_big

STREAM_SHEET_BYTES = 16 * MiB  # a workbook with a worksheet bigger than this (inflated) is streamed
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _SI, _T, _R, _V, _IS = (f"{_NS}{tag}" for tag in ("row", "c", "si", "t", "r", "v", "is"))
_DATE_IDS = frozenset([*range(14, 23), *range(27, 37), 45, 47, *range(50, 59)])
_DURATION_IDS = frozenset([46])
_CHECK_EVERY = 5000  # rows between two time-budget checks
_MEMO = 65536  # texts of date and duration serials kept for reuse
_COLUMN = re.compile(r"[A-Z]+")
_NOT_CODE = re.compile(r'"[^"]*"|\\.|_.|\*.')  # quoted text, escaped and padding characters
_BRACKETS = re.compile(r"\[([^\]]*)\]")


def format_kind(code: str) -> str:
    """Return ``date`` (dates, times, both), ``duration`` ([h]:mm) or ``number`` for a number format."""
    code = _NOT_CODE.sub("", code)
    if any(inside.lower() in ("h", "hh", "m", "mm", "s", "ss") for inside in _BRACKETS.findall(code)):
        return "duration"
    code = _BRACKETS.sub("", code)
    return "date" if re.search(r"[dmyhsDMYHS]", code) else "number"


def _styles(zf: zipfile.ZipFile) -> list[str]:
    """Return the kind (``date``, ``duration``, ``number``) of each cell style of the workbook."""
    if "xl/styles.xml" not in zf.NameToInfo:
        return []
    root = ElementTree.fromstring(zf.read("xl/styles.xml"))  # noqa: S314 - small part, no DTDs in OOXML
    codes = {int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in root.iter(f"{_NS}numFmt")}
    kinds = []
    for xfs in root.iter(f"{_NS}cellXfs"):
        for xf in xfs.iter(f"{_NS}xf"):
            number = int(xf.get("numFmtId", "0"))
            if number in codes:
                kinds.append(format_kind(codes[number]))
            else:
                kinds.append(
                    "date" if number in _DATE_IDS else "duration" if number in _DURATION_IDS else "number"
                )
    return kinds


def _epoch(zf: zipfile.ZipFile) -> bool:
    """Tell whether the workbook counts dates from 1904 (old Mac Excel)."""
    head = zf.read("xl/workbook.xml")[:4096]
    return b'date1904="1"' in head or b'date1904="true"' in head


def _string_item(element: Any) -> str:
    """Return the text of a shared or inline string: its runs, without the phonetic guides (rPh)."""
    texts = []
    for child in element:
        if child.tag == _T:
            texts.append(child.text or "")
        elif child.tag == _R:
            texts.extend(t.text or "" for t in child.iter(_T))
    return "".join(texts)


def shared_strings(zf: zipfile.ZipFile, budget: Budget) -> list[str]:
    """Return the shared-string table, streamed from its XML."""
    from lxml import etree

    if "xl/sharedStrings.xml" not in zf.NameToInfo:
        return []
    strings = []
    with open_member(zf, "xl/sharedStrings.xml", budget) as stream:
        for _, element in etree.iterparse(stream, tag=_SI, resolve_entities=False, no_network=True):
            strings.append(_string_item(element))
            release(element)
    return strings


def _date(serial: float, base1904: bool) -> Any:
    """Return a cell's serial number as calamine gives it: a date, a time (under 1) or a date and time."""
    if serial < 1:
        seconds = round(serial * 86400)
        return dt.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    base = dt.datetime(1904, 1, 1) if base1904 else dt.datetime(1899, 12, 30 if serial >= 60 else 31)
    moment = base + dt.timedelta(days=serial)
    moment = moment.replace(microsecond=0) + dt.timedelta(seconds=round(moment.microsecond / 1e6))
    return moment.date() if float(serial).is_integer() else moment


class _Sheet:
    """Turn the cells of one worksheet into text as calamine's values would read.

    Values repeat in a sheet (dates of birth, flags, small numbers): the text of a number under a date
    or duration style is kept per style kind and serial, at most ``_MEMO`` of them.
    """

    def __init__(self, strings: list[str], styles: list[str], base1904: bool) -> None:
        self.strings = strings
        self.styles = styles
        self.base1904 = base1904
        # the kind of each style by its attribute as written (s="3"); other spellings go through int()
        self.kinds: dict[str | None, str] = {str(i): kind for i, kind in enumerate(styles)}
        self.kinds[None] = styles[0] if styles else "number"
        self.memo: dict[tuple[str, str], str] = {}

    def kind(self, style: str | None) -> str:
        """Return the kind of the cell style *style* (the ``s`` attribute): date, duration or number."""
        kind = self.kinds.get(style)
        if kind is None:
            number = int(style or 0)
            kind = self.styles[number] if 0 <= number < len(self.styles) else "number"
        return kind

    def value(self, cell: Any) -> str:
        """Return the text of one ``<c>`` element."""
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = next(cell.iterchildren(_IS), None)
            return _string_item(inline) if inline is not None else ""
        text = _v_text(cell) or ""
        if kind == "s":
            index = int(text) if text.isdigit() else -1
            return self.strings[index] if 0 <= index < len(self.strings) else ""
        if kind == "b":
            return str(text == "1" or text.lower() == "true") if text else ""
        if kind != "n" or not text:
            return text  # str (formula text), e (error), d (ISO date)
        return self.number(text, self.kind(cell.get("s")))

    def number(self, text: str, kind: str) -> str:
        """Return the text of the number *text* under a style of *kind*."""
        if kind == "number":
            if text.isdigit() and text.isascii() and len(text) < 16 and (text[0] != "0" or text == "0"):
                return text  # a whole number as written: float() and back would give it again
            number = float(text)
            return str(int(number)) if number.is_integer() else str(number)
        key = (kind, text)
        if (memo := self.memo.get(key)) is not None:
            return memo
        number = float(text)
        if kind == "date":
            try:
                out = str(_date(number, self.base1904))
            except (OverflowError, ValueError):
                out = text
        else:
            out = str(dt.timedelta(seconds=round(number * 86400)))
        if len(self.memo) >= _MEMO:
            self.memo.clear()
        self.memo[key] = out
        return out


def _v_text(cell: Any) -> str | None:
    """Return the text of a cell's ``<v>`` child (usually its first child), as ``findtext`` would.

    ``findtext`` compiles and walks a path on each call; this costs a tenth of it.
    """
    if not len(cell):
        return None
    child = cell[0]
    if child.tag != _V:
        child = next(cell.iterchildren(_V), None)
        if child is None:
            return None
    return child.text or ""


def _column(ref: str | None) -> int:
    """Return the 0-based column of a cell reference (``C7`` -> 2), or -1 without one."""
    found = _COLUMN.match(ref or "")
    if found is None:
        return -1
    number = 0
    for letter in found.group():
        number = number * 26 + ord(letter) - 64
    return number - 1


_DIGITS = "0123456789"


def sheet_lines(stream: Any, sheet: _Sheet, budget: Budget) -> Iterator[str]:
    """Yield the non-empty rows of one worksheet as tab-separated cells, from its first used column.

    The common cells (shared strings, plain numbers) are read in this loop, without a call per
    cell; the column of a reference is kept per letters (``AB`` of ``AB12``).
    """
    from lxml import etree

    first = 0
    strings, count_strings = sheet.strings, len(sheet.strings)
    kinds, number, value = sheet.kinds, sheet.number, sheet.value
    columns: dict[str, int] = {}
    events = etree.iterparse(
        stream, events=("end",), tag=(_ROW, f"{_NS}dimension"), resolve_entities=False, no_network=True
    )
    for count, (_, row) in enumerate(events):
        if row.tag != _ROW:  # <dimension ref="B2:F900"/>, before the rows
            first = max(0, _column(row.get("ref")))
            continue
        cells: list[str] = []
        for cell in row.iterchildren(_CELL):
            ref = cell.get("r")
            if ref is None:
                position = len(cells)
            else:
                letters = ref.rstrip(_DIGITS)
                column = columns.get(letters)
                if column is None:
                    column = _column(letters)
                    if len(letters) <= 3:  # no more than 18,278 such keys
                        columns[letters] = column
                position = column - first if column >= 0 else len(cells)
                if position < len(cells) or position < 0:
                    continue  # out of order or before the used range: calamine would not show it either
                if position > len(cells):
                    cells.extend([""] * (position - len(cells)))
            kind = cell.get("t")
            if kind == "s":
                text = _v_text(cell) or ""
                index = int(text) if text.isdigit() else -1
                cells.append(strings[index] if 0 <= index < count_strings else "")
            elif (
                kind == "inlineStr" and len(cell) == 1 and (inline := cell[0]).tag == _IS and len(inline) == 1
            ):
                run = inline[0]  # <is><t>text</t></is>, as XlsxWriter writes it
                cells.append((run.text or "") if run.tag == _T else _string_item(inline))
            elif kind is None and (style := kinds.get(cell.get("s"))) is not None:
                serial = _v_text(cell)
                cells.append(number(serial, style) if serial else "")
            else:
                cells.append(value(cell))
        line = one_row("\t".join(cells).rstrip("\t"))
        if line:
            yield line
        release(row)
        if count % _CHECK_EVERY == 0:
            budget.check_time()


def read_streamed_workbook(
    zf: zipfile.ZipFile, paths: dict[str, str], location: str, budget: Budget
) -> Iterator[Part]:
    """Yield every worksheet of the workbook in *zf* (sheet name -> member) in parts, streamed."""
    try:
        strings = shared_strings(zf, budget)
    except TooBig as exc:
        yield too_big(location, exc, budget)
        return
    sheet = _Sheet(strings, _styles(zf), _epoch(zf))
    for name, member in paths.items():
        if member not in zf.NameToInfo:
            continue
        where = f"{location}!{name}"
        try:
            with open_member(zf, member, budget) as stream:
                yield from parts(where, sheet_lines(stream, sheet, budget), None)
        except TooBig as exc:
            yield too_big(where, exc, budget)
            return
