"""Keys of table rows for ``tables``' memo of rows that are no header row.

Every rule of a header row (``tables._header``: a cell's label, a field's part, a header's shape, the
columns of honorifics, pets, cards and display names) reads these cells alike: a number of one or two
digits (a day's column, 1 to 31), and a longer number or one with separators too long for a month
(12/31): a receipt's number, a JAN code, an amount, a time. None has a label or a part, and none but
the short ones is header-shaped. A row that holds a header word (クレジット in a sales list's payment
column) is judged once for all the rows that differ from it only in such cells.
"""

from __future__ import annotations

import re

from mamori.pii.csv_cells import cells as _cells

_SHORT_NUMBER = re.compile(r"[0-9]{1,2}")
_LONG_NUMBER = re.compile(r"[0-9]{3,}|[0-9][0-9/:.\-+ ]{5,}")
# The same classes as whole cells of a row that needs no trimming (no quote, no blank at a cell's edge),
# masked in the row's text itself: its key is found without splitting it into cells.
_NUMBER_CELLS = {
    sep: re.compile(rf"(?<![^{sep}])(?:{_SHORT_NUMBER.pattern}|{_LONG_NUMBER.pattern})(?![^{sep}])")
    for sep in (",", "\t")
}


def masked(cell: str) -> str:
    """Return the cell every header rule reads as it reads ``cell``: ``00`` for a short number, ``000000`` for a long one."""
    if _SHORT_NUMBER.fullmatch(cell):
        return "00"
    return "000000" if _LONG_NUMBER.fullmatch(cell) else cell


def _mask_number(m: re.Match[str]) -> str:
    return "00" if m.end() - m.start() <= 2 else "000000"


def key(text: str, line: str, start: int, sep: str) -> tuple[object, list[tuple[int, int]] | None]:
    """Return the key of the row ``line`` (at ``start`` in ``text``) and its cells when they were split."""
    if '"' in line or " " + sep in line or sep + " " in line or line[:1] == " " or line[-1:] == " ":
        cells = _cells(line, start, sep)
        return tuple(masked(text[s:e]) for s, e in cells), cells
    return _NUMBER_CELLS[sep].sub(_mask_number, line), None  # the cells are the pieces between separators
