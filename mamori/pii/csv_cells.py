"""Split the rows of a CSV / TSV table into cells, as ``tables.py`` reads them.

A cell that starts with a quote is read as quoted (it may hold the separator, ``""`` is a quote) and
its quotes are stripped, as are the spaces around any cell. Moved out of ``tables.py`` (600 lines).
"""

from __future__ import annotations

import re

_CSV_CELL = re.compile(r'"(?:[^"\n]|"")*"|[^,\n]*')


def cells(line: str, offset: int, sep: str) -> list[tuple[int, int]]:
    """Return (start, end) of each cell's value, quotes and surrounding spaces removed."""
    if sep == "\t" or not quoted_cell(line, sep):
        pieces = line.split(sep)  # no quoting to honour: the cells are the pieces between separators
    else:
        pieces = [m.group() for m in _cells_quoted(line)]
    found: list[tuple[int, int]] = []
    s = offset
    for raw in pieces:
        if not raw or (raw[0] not in ' "' and raw[-1] not in ' "'):
            found.append((s, s + len(raw)))  # the usual cell: nothing to strip
            s += len(raw) + 1
            continue
        lo, hi = 0, len(raw)
        if len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"':
            lo, hi = 1, hi - 1
        while lo < hi and raw[lo] == " ":
            lo += 1
        while hi > lo and raw[hi - 1] == " ":
            hi -= 1
        found.append((s + lo, s + hi))
        s += len(raw) + 1
    return found


def quoted_cell(text: str, sep: str) -> bool:
    """Return whether a cell of the rows in ``text`` may start or end with a quote: only one that starts
    with one is read as quoted (_CSV_CELL); a log's ``INFO "GET / HTTP/1.1" 200`` has it inside its cell."""
    edges = (sep + '"', '"' + sep, '\n"', '"\n')
    return '"' in text and ('"' in (text[:1], text[-1:]) or any(edge in text for edge in edges))


def _cells_quoted(line: str) -> list[re.Match[str]]:
    """Return the raw cells of a CSV line with quoted cells (which may hold commas)."""
    cells = []
    pos = 0
    while pos <= len(line):
        m = _CSV_CELL.match(line, pos)
        if m is None:  # cannot happen: the pattern matches the empty string
            break
        cells.append(m)
        pos = m.end() + 1
    return cells


def unprefixed(
    values: list[str], offsets: list[int], lengths: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """Drop the apostrophe that keeps a zip's or phone's leading zero as text (Shopify: ``'150-0001``).

    Return the cells' values, their offsets into their rows and their lengths without it.
    """
    cut = [value[:1] == "'" and len(value) > 1 for value in values]
    return (
        [value[1:] if c else value for value, c in zip(values, cut, strict=True)],
        [offset + c for offset, c in zip(offsets, cut, strict=True)],
        [length - c for length, c in zip(lengths, cut, strict=True)],
    )
