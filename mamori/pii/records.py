"""Read records that are neither comma- nor tab-separated as table rows, without moving a character.

:mod:`mamori.pii.tables` judges CSV / TSV columns by their headers. People and tools also write
records other ways; :func:`as_rows` rewrites them in place into tab-separated rows, each change one
character for one character, so that every offset into the text stays true:

- fixed-width exports: columns aligned by spaces (``sqlite3 -column``, ``column -t``, mainframe /
  COBOL and accounting exports padded by bytes, which is display width in Shift_JIS, Excel's .prn).
  The blank before each header cell's start (left-aligned values) or after its end (right-aligned
  numbers) that stays blank on every row becomes a tab. Columns are measured both in characters
  (``sqlite3`` pads by characters) and in display width (full-width characters take two);
- separated records: ``No ／ 氏名 ／ 住所``, Markdown and psql tables (``| 氏名 | 電話 |``), box
  drawing (``│``): the separators become tabs, rule lines (``|----|``, ``├──┼──┤``) rows of dashes;
- paragraph records: under such a header, one field a line and a blank line between records
  (``1`` / ``山田 太郎`` / ``090-…`` / ``東京都…``): a record's line breaks become tabs.

A block is rewritten only when its first line is a header: two or more cells that *header_label*
(the table module's own) names. Rows go on while they keep to the header's columns.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

HeaderLabel = Callable[[str], "str | None"]

_SEPARATORS = ("／", "｜", "│", "|", " / ")
_RULE = re.compile(r"[\s\-=+─━┌┐└┘├┤┬┴┼│|:]+")
_JUNCTIONS = str.maketrans({c: "\t" for c in "+┼├┤┬┴┌┐└┘|│"})
_GAP = re.compile(r"[ \u3000]{2,}")
# Each branch a literal, so that a search skips to the characters that can start one (a branch that is
# a class made it try every position: 17 ms on 6 MB of business prose, 6.9 ms this way).
_PREFILTER = re.compile(r"  |\u3000\u3000|／|｜|│|\|| / ")
# _PREFILTER's literals, looked for with str.find over a whole text: the regex tried each character of a
# 1 MB customer list against their first characters (40 M instructions, 10 M this way, callgrind).
_PREFILTER_LITERALS = ("  ", "\u3000\u3000", "／", "｜", "│", "|", " / ")
_DIGITS = re.compile(r"\d\D*\d\D*\d\D*\d")  # a header line holds at most three digits (住所2)
_CELL = re.compile(r"[^\s／｜│|/]+(?: [^\s／｜│|/]+)*")
MAX_LINE = 2000


def as_rows(
    text: str, header_label: HeaderLabel, header_words: re.Pattern[str], original: str | None = None
) -> str:
    """Return *text* with fixed-width, separated and paragraph records rewritten as tab-separated rows.

    *original* is the text before NFKC when it is as long (each ideographic space made a space): a
    fixed-width export padded with ideographic spaces (a レセコン's 全角 fields) is measured on it, each of
    them two columns wide, as the export's Shift_JIS bytes were.

    Only lines where *header_words* (literals of header words) match are tried as headers. A header
    holds a separator or a gap (``_PREFILTER``) too, and those are found far faster than the hundreds
    of header words: the lines holding one are each asked for a header word, in order. Searching the
    text for the header words first took 0.3 s a megabyte of an access log (every letter a word's first
    character to try them all at), three quarters of its detection, to find none.
    """
    if not any(literal in text for literal in _PREFILTER_LITERALS):  # _PREFILTER.search(text) is None
        return text
    lines: list[str] | None = None
    starts: list[int] = []
    done = 0  # lines before this index are settled
    at = 0
    while (match := _PREFILTER.search(text, at)) is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        at = end + 1
        line = text[start:end]
        if (
            "\t" in line
            or len(line) > MAX_LINE
            or _DIGITS.search(line)  # a log's line: its time stamp (_header, asked before the words)
            or header_words.search(line) is None
            or not (
                _header(line, header_label)
                # 性別　生年月日: cells an ideographic space parts, which NFKC made one space
                or (original is not None and _wide_header(original[start:end], header_label))
            )
        ):
            continue
        if lines is None:
            lines = text.split("\n")
            starts = [0, *accumulate(len(x) + 1 for x in lines)]
        i = bisect_right(starts, start) - 1
        if i < done:
            continue
        wide = None if original is None else _Wide(original, starts)
        done = _separated(lines, i, header_label) or _fixed(lines, i, header_label, wide) or i + 1
        if len(lines) != len(starts) - 1:  # paragraph records joined: count the lines again
            starts = [0, *accumulate(len(x) + 1 for x in lines)]
        at = max(at, starts[done])  # the rows of the table just read are settled
    if lines is None:
        return text
    rows = "\n".join(lines)
    return rows if len(rows) == len(text) else text  # never moves a character (a safeguard)


def _header(line: str, header_label: HeaderLabel) -> bool:
    """Tell whether *line* names two or more columns between separators or gaps of blanks."""
    if _PREFILTER.search(line) is None or _DIGITS.search(line):
        return False
    return _labelled(_CELL.findall(line), header_label)


def _wide_header(line: str, header_label: HeaderLabel) -> bool:
    """Tell whether *line* (before NFKC) names two or more columns, its cells read by :func:`_wide_cells`."""
    if _PREFILTER.search(line) is None or _DIGITS.search(line):
        return False
    return _labelled([cell for _, _, cell in _wide_cells(line, header_label)], header_label)


def _wide_cells(line: str, header_label: HeaderLabel) -> list[tuple[int, int, str]]:
    """Return the (start, end, text) of each cell of a header line padded with ideographic spaces.

    A cell ends at an ideographic space, and at an ASCII space too when the words it joins name no
    header and one of them does: a レセコン's export parts its fields by one space and pads them with
    ideographic spaces inside (``患者番号 氏名　　　 カナ氏名``), while ``Date of Birth`` stays one cell.
    """
    cells: list[tuple[int, int, str]] = []
    for match in _CELL_RUN.finditer(line):
        cell = match.group()
        if " " in cell and header_label(cell) is None:
            words = list(_WORD.finditer(cell))
            if any(header_label(word.group()) is not None for word in words):
                at = match.start()
                cells.extend((at + w.start(), at + w.end(), w.group()) for w in words)
                continue
        cells.append((match.start(), match.end(), cell))
    return cells


_WORD = re.compile(r"\S+")


def _labelled(cells: list[str], header_label: HeaderLabel) -> bool:
    return sum(1 for cell in cells if cell and header_label(cell) is not None) >= 2


# Separated records ------------------------------------------------------------------------------


def _separated(lines: list[str], i: int, header_label: HeaderLabel) -> int:
    """Rewrite a separated table whose header is ``lines[i]``; return the index after it, or 0."""
    header = lines[i]
    for sep in _SEPARATORS:
        count = header.count(sep)
        if not count or not _labelled([c.strip() for c in header.split(sep)], header_label):
            continue
        lines[i] = _tabs(header, sep)
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if "\t" in line or not line.strip():
                break
            if line.count(sep) == count:
                lines[j] = _tabs(line, sep)
            elif _RULE.fullmatch(line):
                lines[j] = line.translate(_JUNCTIONS)
            else:
                break
            j += 1
        if j == i + 1:
            return _paragraphs(lines, i, count + 1)
        return j
    return 0


def _tabs(line: str, sep: str) -> str:
    if sep == " / ":
        return line.replace(" / ", " \t ")
    return line.replace(sep, "\t")


def _paragraphs(lines: list[str], i: int, fields: int) -> int:
    """Join records of one field a line under the header ``lines[i]``; return the index after them.

    Records are groups of *fields* lines after blank lines. The line break before each blank line
    becomes a tab and the blank line joins the line before it, so that the header and each record
    are one line: the text keeps its length.
    """
    j = i + 1
    merged = [lines[i]]
    while j + fields < len(lines) and not lines[j].strip() and "\t" not in lines[j]:
        group = lines[j + 1 : j + 1 + fields]
        if any(not line.strip() or "\t" in line for line in group):
            break
        after = j + 1 + fields
        if after < len(lines) and lines[after].strip():
            break  # more lines than fields: no record layout
        merged[-1] += "\t" + lines[j]  # the blank line, after its line break turned into a tab
        merged.append("\t".join(group))
        j = after
    if len(merged) == 1:
        return i + 1
    lines[i:j] = merged
    return i + len(merged)


# Fixed-width records ----------------------------------------------------------------------------


def _columns(line: str, mode: int) -> list[int]:
    """Return the column at which each character of *line* starts, and where it ends.

    *mode* 0 counts characters (``sqlite3`` pads so), 1 display width (full-width characters take two,
    as Shift_JIS bytes do), 2 display width with a space between two full-width characters taken as
    two: an ideographic space (山田　太郎) that NFKC made a space before the table pass.
    """
    cols, at = [], 0
    wide = [mode and unicodedata.east_asian_width(ch) in "WF" for ch in line]
    for k, _ch in enumerate(line):
        cols.append(at)
        if wide[k] or (
            mode == 2 and line[k] == " " and 0 < k < len(line) - 1 and wide[k - 1] and wide[k + 1]
        ):
            at += 2
        else:
            at += 1
    cols.append(at)
    return cols


def _occupied(line: str, cols: list[int]) -> int:
    """Return a bit mask of the columns *line* fills with other than blanks."""
    mask = 0
    for k, ch in enumerate(line):
        if ch != " " and ch != "\u3000":
            mask |= ((1 << (cols[k + 1] - cols[k])) - 1) << cols[k]
    return mask


class _Wide:
    """The lines of the text before NFKC, by index, for mode 3: its ideographic spaces kept."""

    def __init__(self, original: str, starts: list[int]) -> None:
        self.original, self.starts = original, starts

    def __getitem__(self, j: int) -> str:
        return self.original[self.starts[j] : self.starts[j + 1] - 1]


def _line_columns(lines: list[str], j: int, mode: int, wide: _Wide | None) -> list[int]:
    """Return the columns of ``lines[j]`` (see :func:`_columns`); mode 3 measures the line before NFKC."""
    if mode == 3 and wide is not None:
        return _columns(wide[j], 1)
    return _columns(lines[j], mode)


def _fixed(lines: list[str], i: int, header_label: HeaderLabel, wide: _Wide | None = None) -> int:
    """Rewrite a fixed-width table whose header is ``lines[i]``; return the index after it, or 0."""
    if _GAP.search(lines[i].strip()) is None:
        return 0
    modes = (1, 2, 0) if wide is None else (3, 1, 2, 0)
    found = [(f[0], f[1], mode) for mode in modes if (f := _fixed_rows(lines, i, header_label, mode, wide))]
    by_rows = None if wide is None else _by_rows(lines, i, header_label, wide)
    if wide is not None and by_rows is not None and all(max(f[1]) >= by_rows[2] for f in found):
        # every reading by the header has a column no row reaches: the header is padded otherwise
        end, boundaries, _ = by_rows
        for k in range(i + 1, end):
            lines[k] = _cut(lines[k], boundaries, _columns(wide[k], 1), True)
        lines[i] = _cut_cells(lines[i], wide[i], header_label)
        return end
    if not found:
        return 0
    end = max(f[0] for f in found)
    ties = [f for f in found if f[0] == end]
    # Of tables as long, the one that cuts no cell at a lone blank (西脇　康平: the space inside a name,
    # one column wide where it took two) is the right reading; else the first mode's.
    _, boundaries, mode = (
        ties[0]
        if len(ties) == 1
        else min(ties, key=lambda f: _lone_cuts(lines, range(i + 1, end), f[1], f[2], wide))
    )
    for j in range(i, end):
        lines[j] = _cut(lines[j], boundaries, _line_columns(lines, j, mode, wide), mode == 3)
    return end


def _by_rows(
    lines: list[str], i: int, header_label: HeaderLabel, wide: _Wide
) -> tuple[int, list[int], int] | None:
    """Read a table padded with ideographic spaces by its rows' columns alone.

    An export's header is often padded in characters where its rows are padded to the fields' bytes: it
    then keeps to no column of them. The runs of columns some row fills, as many as the header's cells
    (parted by blanks), are the columns, in order. Return the end of the table, the column of each
    boundary and the width the rows fill, or None.
    """
    cells = [cell for _, _, cell in _wide_cells(wide[i], header_label)]
    if len(cells) < 2 or not _labelled(cells, header_label):
        return None
    filled = grown = end = 0
    j = i + 1
    while j < len(lines) and "\t" not in lines[j] and lines[j].strip() and len(lines[j]) <= MAX_LINE:
        grown |= _occupied(wide[j], _columns(wide[j], 1))
        runs = len(_runs(grown))
        if runs < len(cells):
            break
        j += 1
        if runs == len(cells):
            filled, end = grown, j
    if end < i + 3:  # two rows at least
        return None
    return end, [start - 1 for start, _ in _runs(filled)[1:]], filled.bit_length()


_CELL_RUN = re.compile(r"\S+(?: \S+)*")


def _cut_cells(line: str, source: str, header_label: HeaderLabel) -> str:
    """Put a tab after each cell of *source* (the line before NFKC), in *line*."""
    chars = list(line)
    for _, end, _ in _wide_cells(source, header_label):
        if end < len(chars):
            chars[end] = "\t"
    return "".join(chars)


def _runs(mask: int) -> list[tuple[int, int]]:
    """Return the (start, end) of each run of set bits of *mask*, lowest first."""
    runs, at = [], 0
    while mask >> at:
        if mask >> at & 1:
            start = at
            while mask >> at & 1:
                at += 1
            runs.append((start, at))
        else:
            at += 1
    return runs


def _lone_cuts(lines: list[str], rows: range, boundaries: list[int], mode: int, wide: _Wide | None) -> int:
    """Return how many cuts of *rows* at *boundaries* fall on a blank between two other characters."""
    count = 0
    for j in rows:
        line = lines[j]
        cols = _line_columns(lines, j, mode, wide)
        index = {c: k for k, c in enumerate(cols[:-1])}
        for boundary in boundaries:
            k = index.get(boundary)
            if (
                k is not None
                and 0 < k < len(line) - 1
                and line[k] == " "
                and line[k - 1] != " " != line[k + 1]
            ):
                count += 1
    return count


def _fixed_rows(
    lines: list[str], i: int, header_label: HeaderLabel, mode: int, wide: _Wide | None
) -> tuple[int, list[int]] | None:
    """Return the end of the table headed by ``lines[i]`` and the column of each boundary, or None."""
    header = lines[i]
    cols = _line_columns(lines, i, mode, wide)
    # mode 3: a header cell ends at an ideographic space (性別　生年月日), which NFKC made a space
    if mode == 3 and wide is not None:
        cells = [(cols[start], cols[end], cell) for start, end, cell in _wide_cells(wide[i], header_label)]
    else:
        cells = [(cols[m.start()], cols[m.end()], m.group()) for m in _CELL_RUN.finditer(header)]
    if len(cells) < 2 or not _labelled([c[2] for c in cells], header_label):
        return None
    # Each boundary lies just before the next cell's start (left-aligned) or just after its cell's end.
    left = [start - 1 for start, _, _ in cells[1:]]
    right = [end for _, end, _ in cells[:-1]]
    left_ok, right_ok = [True] * len(left), [True] * len(right)
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if "\t" in line or not line.strip() or len(line) > MAX_LINE:
            break
        if _RULE.fullmatch(line):  # ------ under the header: cut where the columns are
            j += 1
            continue
        mask = _occupied(line, _line_columns(lines, j, mode, wide))
        new_left = [ok and not mask >> c & 1 for ok, c in zip(left_ok, left, strict=True)]
        new_right = [ok and not mask >> c & 1 for ok, c in zip(right_ok, right, strict=True)]
        if not all(a or b for a, b in zip(new_left, new_right, strict=True)):
            break
        left_ok, right_ok = new_left, new_right
        j += 1
    if j == i + 1:
        return None
    return j, [lo if ok else hi for lo, hi, ok in zip(left, right, left_ok, strict=True)]


def _cut(line: str, boundaries: list[int], cols: list[int], inside: bool = False) -> str:
    """Put a tab at each boundary column of *line* that it reaches (a blank there, or a rule line's).

    *inside*: a boundary may fall in the second half of a blank two columns wide (an ideographic space).
    """
    index = {c: k for k, c in enumerate(cols[:-1])}
    chars = list(line)
    rule = _RULE.fullmatch(line) is not None
    for boundary in boundaries:
        k = index.get(boundary)
        if k is None and inside and boundary < cols[-1]:
            k = bisect_right(cols, boundary) - 1
        if k is not None and (rule or chars[k] in " \u3000"):
            chars[k] = "\t"
    return "".join(chars)


# Records of labelled lines --------------------------------------------------------------------

_LABEL_LINE = re.compile(r"^[ \t\u3000]*([^\s：:]{1,12})[ \u3000]*[：:]", re.MULTILINE)


def label_records(text: str, header_label: HeaderLabel) -> list[tuple[int, int]]:
    """Return the (start, end) of each record written as labelled lines (``氏名：…`` / ``住所：…`` …).

    A record starts at a line labelled as the record before it started (``氏名：`` again), or after
    more than one other line, and ends with the line of its last labelled line; ``氏名：… 住所：…
    電話：…`` on one line is a record of its own. A record holds two fields or more: a lone
    ``出席者：山本、中村`` lists persons, it is none. Labels that name no personal data (``件名：``,
    ``日時：``) are no fields.
    """
    if "：" not in text and ":" not in text:
        return []
    kinds: dict[str, str | None] = {}

    def kind_of(word: str) -> str | None:
        if word not in kinds:
            kind = header_label(word)
            kinds[word] = None if kind == "ID" else kind
        return kinds[word]

    found: list[tuple[int, int]] = []
    first: str | None = None
    start = last_end = -1
    fields = 0
    for match in _LABEL_LINE.finditer(text):
        kind = kind_of(match.group(1))
        if kind is None:
            continue
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        if first is None or kind == first or text.count("\n", last_end, match.start()) > 2:
            if fields >= 2:
                found.append((start, last_end))
            first, start, fields = kind, match.start(), 0
        fields += 1 + sum(1 for word in _INLINE_LABEL.findall(text, match.end(), line_end) if kind_of(word))
        last_end = line_end
    if fields >= 2:
        found.append((start, last_end))
    return found


_INLINE_LABEL = re.compile(r"[ \u3000]([^\s：:]{1,12})[ \u3000]*[：:]")
