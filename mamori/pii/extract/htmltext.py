"""Reduce HTML to its visible text, each table row on one line of tab-separated cells.

Tables come out as the rows of a spreadsheet do (see ``office._sheet_text``): one line per ``<tr>``,
its cells (``<td>`` and ``<th>``) joined by tabs, so that the table recognizer judges an HTML customer
list by its header row as it judges the same list saved as xlsx. A cell spanning columns is followed
by empty cells and one spanning rows leaves its column empty in the rows below, as a merged cell of a
spreadsheet does, so that every value stays under its header. A row that holds a long text or a
table (a page laid out in a table) is no data row: its cells come out one after the other, each from
a new line, with their line breaks, and a table inside as its own rows.

The parser is fed part by part (big pages are streamed): a row is written out when it ends, and a
row that grows past ``MAX_ROW_CHARS`` is written out as it comes, so memory stays bounded.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

# Tags that start a new line of text outside tables, and within a cell a line break of its value.
_BREAKS = frozenset(
    "br p div li h1 h2 h3 h4 h5 h6 hr dt dd ul ol dl pre blockquote address section article header footer "
    "nav aside form fieldset legend figure figcaption main".split()
)
_HIDDEN = frozenset({"script", "style", "template"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot", "colgroup", "caption"})
_PREFORMATTED = frozenset(
    {"pre", "textarea", "listing", "plaintext"}
)  # their white space is shown as written
_SPACE = re.compile(r"[ \t\r\n\f\xa0]+")  # what a browser shows as one space (not the ideographic one)
_WHITE = " \t\r\n\f"  # HTML's white space: a browser shows none of it at the start of a line
MAX_ROW_CHARS = 64 * 1024  # a row with more text is page layout, written out as it comes
MAX_CELL_CELLS = 1000  # the most columns a colspan, or rows a rowspan, is taken to cover
MAX_VALUE_CHARS = 256  # a cell with more text, or more lines, is prose rather than one value
MAX_VALUE_LINES = 4


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    for key, value in attrs:
        if key == name and value:
            digits = value.strip().split(".")[0]
            if digits.isdigit():
                return max(1, min(int(digits), MAX_CELL_CELLS))
    return 1


class _Table:
    """The open row and cell of one table, and the columns that cells from rows above still cover."""

    __slots__ = ("cell", "cell_span", "col", "covered", "row", "size", "spans", "spilled")

    def __init__(self) -> None:
        self.row: list[str] | None = None  # the values of the open row's cells
        self.cell: list[str | None] | None = None  # the open cell's text; None marks a line break
        self.col = 0  # the column of the next cell
        self.covered: frozenset[int] = frozenset()  # columns of the open row held by a rowspan above
        self.spans: dict[int, int] = {}  # column -> rows below the open one that a rowspan covers
        self.size = 0  # characters held in the open row
        self.spilled = False  # the open row was too long: its text goes straight out
        self.cell_span = (1, 1)  # colspan and rowspan of the open cell


class TextCollector(HTMLParser):
    """Collect the visible text of HTML fed to it in ``chunks``: tables as rows of tab-separated cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0
        self._pre = 0  # open <pre> elements
        self._tables: list[_Table] = []

    # -- output -------------------------------------------------------------------------------------

    def _newline(self) -> None:
        """Go to the start of a line, unless there already."""
        chunks = self.chunks
        if chunks and not chunks[-1].endswith("\n"):
            chunks.append("\n")

    def _line(self, text: str) -> None:
        """Write *text* on a line of its own."""
        self._newline()
        self.chunks.append(text + "\n")

    # -- tables -------------------------------------------------------------------------------------

    def _end_cell(self, table: _Table) -> None:
        cell = table.cell
        if cell is None:
            return
        table.cell = None
        if table.spilled:
            return
        colspan, rowspan = table.cell_span
        assert table.row is not None
        if None not in cell:  # no line break: the usual cell
            text = cell[0] if len(cell) == 1 else "".join(cell)  # type: ignore[arg-type]
            table.row.append(_SPACE.sub(" ", text).strip(" "))  # type: ignore[arg-type]
        else:
            lines = []
            start = 0
            for i in [*(i for i, piece in enumerate(cell) if piece is None), len(cell)]:
                line = _SPACE.sub(" ", "".join(cell[start:i])).strip(" ")  # type: ignore[arg-type]
                if line:
                    lines.append(line)
                start = i + 1
            table.row.append("\n".join(lines))
        if colspan > 1:
            table.row.extend([""] * (colspan - 1))
        if rowspan > 1:
            for column in range(table.col, table.col + colspan):
                table.spans[column] = max(table.spans.get(column, 0), rowspan - 1)
        table.col += colspan

    def _start_row(self, table: _Table) -> None:
        table.row, table.col, table.size, table.spilled = [], 0, 0, False
        spans = table.spans
        table.covered = frozenset(spans)
        for column in table.covered:
            if spans[column] > 1:
                spans[column] -= 1
            else:
                del spans[column]

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        row = table.row
        if row is None:
            return
        table.row = None
        if table.spilled:
            self._newline()
            return
        values = [value for value in row if value]
        line = "\t".join(row)
        if (
            len(values) > 1
            and max(map(len, values)) <= MAX_VALUE_CHARS
            and ("\n" not in line or all(value.count("\n") < MAX_VALUE_LINES for value in values))
        ):
            self._line(line.replace("\n", " ").rstrip("\t"))
        else:  # one value, or prose laid out in a table: each cell on lines of its own
            for value in values:
                self._line(value)

    def _spill(self, table: _Table) -> None:
        """Write out the open row so far: it holds too much text to be a row of values."""
        assert table.row is not None and table.cell is not None
        for value in table.row:
            if value:
                self._line(value)
        self._newline()
        self.chunks.extend("\n" if piece is None else piece for piece in table.cell)
        table.row, table.spilled = [], True
        table.cell = []

    def _start_cell(self, table: _Table, attrs: list[tuple[str, str | None]]) -> None:
        if table.row is None:
            self._start_row(table)
        else:
            self._end_cell(table)
        if table.spilled:
            self._newline()
        else:
            while table.col in table.covered:
                table.row.append("")  # type: ignore[union-attr]
                table.col += 1
        table.cell = []
        table.cell_span = (_span(attrs, "colspan"), _span(attrs, "rowspan")) if attrs else (1, 1)

    # -- parser events ------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._skip += 1
            return
        if tag in _PREFORMATTED:
            self._pre += 1
        tables = self._tables
        table = tables[-1] if tables else None
        if tag in ("td", "th") and table is not None:
            self._start_cell(table, attrs)
        elif tag == "tr" and table is not None:
            self._end_row(table)
            self._start_row(table)
        elif tag == "table":
            if table is not None and table.cell is not None and not table.spilled:
                self._spill(table)  # a table in a cell: the row is layout, written out in document order
            tables.append(_Table())
        elif tag in _SECTIONS and table is not None:
            self._end_row(table)
        elif table is None:
            if tag in _BREAKS or tag in ("tr", "td", "th"):
                self.chunks.append("\n")
        elif table.cell is not None and tag in _BREAKS:
            if table.spilled:
                self.chunks.append("\n")
            else:
                table.cell.append(None)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN and tag not in ("table", "tr", "td", "th"):
            self.handle_starttag(tag, attrs)  # <br/>, <hr/>: no content to wait for

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            if self._skip:
                self._skip -= 1
            return
        if tag in _PREFORMATTED and self._pre:
            self._pre -= 1
        tables = self._tables
        if not tables:
            return
        table = tables[-1]
        if tag in ("td", "th"):
            self._end_cell(table)
        elif tag in ("tr", "thead", "tbody", "tfoot"):
            self._end_row(table)
        elif tag == "table":
            self._end_row(table)
            tables.pop()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        tables = self._tables
        if not tables:
            self._text(data)
            return
        table = tables[-1]
        if table.cell is None:
            if (
                data and not data.isspace()
            ):  # text in a table outside its cells (a caption): a line of its own
                self._line(_SPACE.sub(" ", data).strip(" "))
        elif table.spilled:
            self._text(data)
        else:
            table.cell.append(data)
            table.size += len(data)
            if table.size > MAX_ROW_CHARS:
                self._spill(table)

    def _text(self, data: str) -> None:
        """Write text outside a table's values; at the start of a line without its white space.

        The source's line breaks are no breaks a reader sees: ``<br>`` then a new line in the source
        would else give a blank line, which splits one contact block (``〒…<br>\nTEL …``) in two.
        """
        chunks = self.chunks
        if not self._pre and (not chunks or chunks[-1].endswith("\n")):
            data = data.lstrip(_WHITE)
            if not data:
                return
        chunks.append(data)

    def close(self) -> None:
        """Read what is left and write out the rows of tables left open."""
        super().close()
        while self._tables:
            self._end_row(self._tables.pop())


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML document, table rows as lines of tab-separated cells."""
    collector = TextCollector()
    collector.feed(html)
    collector.close()
    return unicodedata.normalize("NFC", "".join(collector.chunks))
