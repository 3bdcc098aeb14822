"""Read big OpenDocument spreadsheets (ods) row by row from the ``content.xml`` stream.

As for xlsx (:mod:`.xlsxstream`), python-calamine builds whole sheets in memory; an ods whose
``content.xml`` is bigger than ``STREAM_SHEET_BYTES`` is read here with lxml ``iterparse`` instead,
cells as calamine reads them: numbers (``1234``), dates (``1985-04-01``), times under a day
(``09:30:00``, longer ones as written, ``PT36H00M00S``), booleans, text. Calamine shows a sheet
from its first used column: rows are held until a value in column A settles it, and a big sheet
without one has its first used column found by a pass of its own.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from itertools import chain, groupby
from typing import Any

from .model import Budget, Part, one_row
from .odfxml import paragraph_text
from .xmlstream import TooBig, open_member, parts, release, too_big

_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"
_ANNOTATION = f"{_OFFICE}annotation"  # a comment on the cell, read apart (:mod:`.comments`)
_TABLE, _ROW = f"{_TABLE_NS}table", f"{_TABLE_NS}table-row"
_CELLS = (f"{_TABLE_NS}table-cell", f"{_TABLE_NS}covered-table-cell")
_REPEATED = f"{_TABLE_NS}number-columns-repeated"
_VALUE_TYPE = f"{_OFFICE}value-type"
_MAX_COLUMNS = 16384  # a row is never wider (LibreOffice pads rows with empty cells up to it)
_MAX_ROW_REPEAT = 1000  # a row with content repeated more often than this is written this often
_DURATION = re.compile(r"PT(\d+)H(\d+)M(\d+(?:\.\d+)?)S")
_CHECK_EVERY = 5000
_HELD_CELLS = 100_000  # cells of a sheet held while its first used column is unknown


def cell_value(cell: Any) -> str:
    """Return the text of one cell as calamine gives it."""
    kind = cell.get(_VALUE_TYPE)
    if kind is None:
        return ""
    if kind == "string" and len(cell) == 1:
        paragraph = cell[0]
        if paragraph.tag == _TEXT_P and not len(paragraph):
            return paragraph.text or ""  # one plain paragraph, the usual cell
    if kind in ("float", "percentage", "currency"):
        number = float(cell.get(f"{_OFFICE}value", "0"))
        return str(int(number)) if number.is_integer() else str(number)
    if kind == "date":
        value = cell.get(f"{_OFFICE}date-value", "")
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return str(moment.date()) if "T" not in value else str(moment)
    if kind == "time":
        value = cell.get(f"{_OFFICE}time-value", "")
        found = _DURATION.fullmatch(value)
        if found is None or int(found.group(1)) >= 24:
            return value
        seconds = float(found.group(3))
        return str(
            dt.time(
                int(found.group(1)), int(found.group(2)), int(seconds), round(seconds % 1 * 1e6) % 1000000
            )
        )
    if kind == "boolean":
        return str(cell.get(f"{_OFFICE}boolean-value", "false") == "true")
    texts = [paragraph_text(p) for p in cell.iter(_TEXT_P) if p.getparent().tag != _ANNOTATION]
    return "\n".join(texts) if texts else cell.get(f"{_OFFICE}string-value", "")


Cells = list[tuple[int, str]]  # (times repeated, text) of the cells of one row


def row_cells(row: Any) -> tuple[Cells, int | None]:
    """Return a row's cells up to the widest row a sheet can hold, and the column of its first value.

    Empty cells after the last text (LibreOffice pads rows up to the last column) are left out.
    """
    cells: Cells = []
    width = 0
    first = None
    for cell in row.iterchildren(*_CELLS):
        repeated = cell.get(_REPEATED)
        repeat = 1 if repeated is None else min(int(repeated or 1), _MAX_COLUMNS - width)
        if repeat <= 0:
            break
        if first is None and cell.get(_VALUE_TYPE) is not None:
            first = width
        width += repeat
        cells.append((repeat, cell_value(cell)))
    while cells and not cells[-1][1]:
        cells.pop()
    return cells, first


def cells_text(cells: Cells, skip: int) -> str:
    """Return *cells* joined by tabs from column *skip* on, each repeated cell written as often."""
    texts: list[str] = []
    for repeat, text in cells:
        if skip:
            repeat, skip = max(0, repeat - skip), max(0, skip - repeat)
        if repeat == 1:
            texts.append(text)
        elif repeat:
            texts.extend([text] * repeat)
    return one_row("\t".join(texts).rstrip("\t"))


def _rows(stream: Any, budget: Budget) -> Iterator[tuple[int, str, Any, int]]:
    """Yield (sheet number, sheet name, row element, row repeat) for each row, the row cleared after.

    An empty sheet yields one row ``None``, so that it still comes out as a part.
    """
    from lxml import etree

    sheet, name, seen = -1, "", True
    events = etree.iterparse(
        stream, events=("start", "end"), tag=(_TABLE, _ROW), resolve_entities=False, no_network=True
    )
    for count, (event, element) in enumerate(events):
        if element.tag == _TABLE:
            if event == "start":
                sheet, name, seen = sheet + 1, element.get(f"{_TABLE_NS}name", ""), False
            elif not seen:
                yield sheet, name, None, 1
            continue
        if event == "start":
            continue
        seen = True
        yield sheet, name, element, int(element.get(f"{_TABLE_NS}number-rows-repeated", "1") or 1)
        release(element)
        if count % _CHECK_EVERY == 0:
            budget.check_time()


def _first_columns(zf: zipfile.ZipFile, budget: Budget) -> dict[int, int]:
    """Return each sheet's first column holding a value (a pass of its own: only the value types are read)."""
    first: dict[int, int] = {}
    with open_member(zf, "content.xml", budget) as stream:
        for sheet, _, row, _ in _rows(stream, budget):
            column = 0
            for cell in row.iterchildren(*_CELLS) if row is not None else ():
                if cell.get(_VALUE_TYPE) is not None:
                    first[sheet] = min(first.get(sheet, column), column)
                    break
                column += int(cell.get(_REPEATED, "1") or 1)
    return first


def _lines(zf: zipfile.ZipFile, budget: Budget) -> Iterator[tuple[int, str, str | None]]:
    """Yield (sheet, sheet name, line or None for an empty row) of every row, in one pass in most sheets.

    A sheet shows from its first used column (as calamine shows it), which only its last row may
    tell. Rows are held until a value in column A settles it (most sheets: a few rows), or the sheet
    ends; a sheet that holds ``_HELD_CELLS`` cells first, with none in column A, has its first
    columns read by a pass of its own, so memory stays bounded.
    """
    known: dict[int, int] | None = None  # every sheet's first column, once a pass of its own ran
    held: list[tuple[Cells, int]] = []
    held_cells = 0
    current, first, settled = -1, None, False

    def flush(sheet: int, name: str, skip: int) -> Iterator[tuple[int, str, str | None]]:
        for cells, repeat in held:
            line = cells_text(cells, skip)
            for _ in range(min(repeat, _MAX_ROW_REPEAT) if line else 0):
                yield sheet, name, line
        held.clear()

    with open_member(zf, "content.xml", budget) as stream:
        name = ""
        for sheet, sheet_name, row, repeat in _rows(stream, budget):
            if sheet != current:
                yield from flush(current, name, first or 0)
                current, name, held_cells = sheet, sheet_name, 0
                first = None if known is None else known.get(sheet, 0)
                settled = known is not None
            if row is None:
                yield sheet, name, None
                continue
            cells, column = row_cells(row)
            if not settled and column is not None:
                first = column if first is None else min(first, column)
            if not cells:
                yield sheet, name, None
            elif settled:
                line = cells_text(cells, first or 0)
                for _ in range(min(repeat, _MAX_ROW_REPEAT) if line else 0):
                    yield sheet, name, line
                if not line:
                    yield sheet, name, None
            else:
                yield sheet, name, None  # the sheet is seen, whatever its held rows hold
                held.append((cells, repeat))
                held_cells += len(cells)
                if first == 0:
                    settled = True
                elif held_cells > _HELD_CELLS:
                    known = _first_columns(zf, budget)
                    first, settled = known.get(sheet, 0), True
                if settled:
                    yield from flush(sheet, name, first or 0)
        yield from flush(current, name, first or 0)


def read_streamed_ods(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield every sheet of the OpenDocument spreadsheet in *zf* in parts, streamed."""
    try:
        for _, group in groupby(_lines(zf, budget), key=lambda item: item[0]):
            head = next(group)
            texts = (line for _, _, line in chain([head], group) if line is not None)
            yield from parts(f"{location}!{head[1]}", texts, None)
    except TooBig as exc:
        yield too_big(location, exc, budget)
