"""Read big OpenDocument spreadsheets (ods) row by row from the ``content.xml`` stream.

As for xlsx (:mod:`.xlsxstream`), python-calamine builds whole sheets in memory; an ods whose
``content.xml`` is bigger than ``STREAM_SHEET_BYTES`` is read here with lxml ``iterparse`` instead,
cells as calamine reads them: numbers (``1234``), dates (``1985-04-01``), times under a day
(``09:30:00``, longer ones as written, ``PT36H00M00S``), booleans, text. A first pass finds each
sheet's first used column, since calamine shows a sheet from there.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from itertools import chain, groupby
from typing import Any

from .model import Budget, Part
from .odfxml import paragraph_text
from .xmlstream import TooBig, open_member, parts, release, too_big

_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"
_TABLE, _ROW = f"{_TABLE_NS}table", f"{_TABLE_NS}table-row"
_CELLS = (f"{_TABLE_NS}table-cell", f"{_TABLE_NS}covered-table-cell")
_REPEATED = f"{_TABLE_NS}number-columns-repeated"
_VALUE_TYPE = f"{_OFFICE}value-type"
_MAX_COLUMNS = 16384  # a row is never wider (LibreOffice pads rows with empty cells up to it)
_MAX_ROW_REPEAT = 1000  # a row with content repeated more often than this is written this often
_DURATION = re.compile(r"PT(\d+)H(\d+)M(\d+(?:\.\d+)?)S")
_CHECK_EVERY = 5000


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
    texts = [paragraph_text(p) for p in cell.iter(_TEXT_P)]
    return "\n".join(texts) if texts else cell.get(f"{_OFFICE}string-value", "")


def row_text(row: Any, skip: int) -> str:
    """Return a row's cells joined by tabs, from column *skip* on, up to the widest row a sheet can hold.

    Cells repeated (``number-columns-repeated``) are written as often; empty cells after the last
    value (LibreOffice pads rows up to the last column) are left out.
    """
    texts: list[str] = []
    width = empty = 0
    for cell in row.iterchildren(*_CELLS):
        repeated = cell.get(_REPEATED)
        repeat = 1 if repeated is None else min(int(repeated or 1), _MAX_COLUMNS - width)
        if repeat <= 0:
            break
        width += repeat
        text = cell_value(cell)
        if skip:
            repeat, skip = max(0, repeat - skip), max(0, skip - repeat)
        if not text:
            empty += repeat
            continue
        if empty:
            texts.extend([""] * empty)
            empty = 0
        if repeat == 1:
            texts.append(text)
        else:
            texts.extend([text] * repeat)
    return "\t".join(texts).rstrip("\t")


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
    """Return each sheet's first column holding a value (the first pass: only the value types are read)."""
    first: dict[int, int] = {}
    value_type = f"{_OFFICE}value-type"
    with open_member(zf, "content.xml", budget) as stream:
        for sheet, _, row, _ in _rows(stream, budget):
            column = 0
            for cell in row if row is not None else ():
                if cell.tag not in _CELLS:
                    continue
                if cell.get(value_type) is not None:
                    first[sheet] = min(first.get(sheet, column), column)
                    break
                column += int(cell.get(f"{_TABLE_NS}number-columns-repeated", "1") or 1)
    return first


def _lines(
    zf: zipfile.ZipFile, first: dict[int, int], budget: Budget
) -> Iterator[tuple[int, str, str | None]]:
    with open_member(zf, "content.xml", budget) as stream:
        for sheet, name, row, repeat in _rows(stream, budget):
            line = row_text(row, first.get(sheet, 0)) if row is not None else ""
            if not line:
                yield sheet, name, None
                continue
            for _ in range(min(repeat, _MAX_ROW_REPEAT)):
                yield sheet, name, line


def read_streamed_ods(zf: zipfile.ZipFile, location: str, budget: Budget) -> Iterator[Part]:
    """Yield every sheet of the OpenDocument spreadsheet in *zf* in parts, streamed."""
    try:
        first = _first_columns(zf, budget)
        for _, group in groupby(_lines(zf, first, budget), key=lambda item: item[0]):
            head = next(group)
            texts = (line for _, _, line in chain([head], group) if line is not None)
            yield from parts(f"{location}!{head[1]}", texts, None)
    except TooBig as exc:
        yield too_big(location, exc, budget)
