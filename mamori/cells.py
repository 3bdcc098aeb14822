"""Make text safe in a spreadsheet cell, and undo it on import: the one rule of every CSV and Excel export.

A spreadsheet runs text that starts with ``= + - @`` (also full-width, and tab or CR in front) as a
formula ("CSV injection"). :func:`neutralise` prefixes such text with an apostrophe and drops control
characters; text that itself starts with an apostrophe gets one more, so :func:`restore` can give back
exactly what was written (the ledger's import reads its own exports losslessly). Pure: no Django.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

FORMULA_STARTS = frozenset("=+-@\t\r")
QUOTE = "'"
# XML 1.0 forbids these (openpyxl would raise) and no cell needs them. Newline and tab inside text stay.
# A lone sign is text in every spreadsheet (and a ledger's usual "none"): it stays as it is.
_INERT = frozenset({"-", "+"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _needs_quote(first: str) -> bool:
    return first == QUOTE or unicodedata.normalize("NFKC", first) in FORMULA_STARTS


def drop_controls(text: str) -> str:
    """Return ``text`` without the control characters no cell, sheet name or title may hold."""
    return _CONTROL.sub("", text)


def neutralise(value: Any) -> Any:
    """Return a cell value that no spreadsheet runs as a formula (text only; numbers and dates unchanged)."""
    if not isinstance(value, str) or not value:
        return value
    text = drop_controls(value)
    if not text or unicodedata.normalize("NFKC", text) in _INERT:
        return text
    return QUOTE + text if _needs_quote(text[0]) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise` on text read back from a file (an apostrophe it added is removed)."""
    if len(text) > 1 and text[0] == QUOTE and _needs_quote(text[1]):
        return text[1:]
    return text
