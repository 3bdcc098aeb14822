"""Split the rows of a CSV / TSV table into cells, as ``tables.py`` reads them.

A cell that starts with a quote is read as quoted (it may hold the separator, ``""`` is a quote) and
its quotes are stripped, as are the spaces around any cell. Moved out of ``tables.py`` (600 lines).
"""

from __future__ import annotations

import re
from itertools import repeat

from mamori.pii.spans import Hit

_CSV_CELL = re.compile(r'"(?:[^"\n]|"")*"|[^,\n]*')


def cells(line: str, offset: int, sep: str) -> list[tuple[int, int]]:
    """Return (start, end) of each cell's value, quotes and surrounding spaces removed."""
    if sep == "\t" or not quoted_cell(line, sep) or not opens_quoted(line, sep):
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


def opens_quoted(line: str, sep: str) -> bool:
    """Return whether a cell of *line* (one line) starts with a quote, the only cells read as quoted.

    A JSON-lines log's cells (``{"ts": "…", "level": "INFO", …}`` split at its commas) start with a brace
    or a blank: the pieces between separators are its cells, without a regular expression per cell.
    """
    return line[:1] == '"' or sep + '"' in line or "\n" in line


def quoted_rows(region: str) -> tuple[list[str], int, list[int]] | None:
    """Return the values of rows that quote every cell, the cells of a row, and the gaps between values.

    ``"318722-…","発送済","岩渕",…``: a marketplace's export quotes each cell. When every row has as many
    and no value holds a quote or a blank at its ends, the cells are the pieces between ``","``, as
    ``cells`` reads them one row at a time (a third of such an export's table pass). A row may end in a
    blank after its last quote (a CR that normalising made a space), then every row does. The gaps
    between one value's end and the next one's start, in turn: 3 (``","``), and at a row's end 3 or 4.
    None when the rows are not all so.
    """
    count = region.count("\n") + 1
    width = region[: region.find("\n") % (len(region) + 1)].count('","') + 1
    tail = 1 if region[-2:] == '" ' else 0
    end = '"' + " " * tail
    if (
        region[:1] != '"'
        or region[-1 - tail :] != end
        or ' "' in region
        or region.count('" ') != tail * count  # a value starts with a blank, or a row does not end so
        or region.count('"') != 2 * width * count  # with the checks below: no quote inside a value
        or region.count(end + '\n"') != count - 1  # every row starts and ends with a quote
        or set(map(str.count, region.split("\n"), repeat('","'))) != {width - 1}
    ):
        return None
    values = region[1 : len(region) - 1 - tail].replace(end + '\n"', '","').split('","')
    return values, width, [3] * (width - 1) + [3 + tail]


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


def signature_hits(text: str, pos: int, hits: list[Hit]) -> list[Hit]:
    """Return the *hits* under a label that ends its line at *pos* (部 over a signature's name).

    None when the label is a table row's last cell (担当部署: 観光振興課 over the next row's first cell;
    a row is cut by a tab, two commas or two spaced slashes, ``／`` after NFKC: a date's 2026/12/01 is
    no row), and no hit before a colon (a field: 出席: …).
    """
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    if "\t" in line or line.count(",") >= 2 or line.count(" / ") >= 2:
        return []
    return [h for h in hits if text[h[1] : h[1] + 1] not in ":："]
