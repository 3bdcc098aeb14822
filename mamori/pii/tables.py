"""Recognise values in CSV / TSV tables by their column headers (氏名, 住所, 生年月日, 個人番号, ...).

A header line names the columns; each cell under a known header is validated for that label (a date
under 生年月日, a name shape under 氏名, a valid check digit under 個人番号) before it is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from mamori.pii import validators
from mamori.pii.address import find_addresses
from mamori.pii.dates import is_date
from mamori.pii.names import parse_kana_name, parse_name, plausible_unknown
from mamori.pii.spans import Hit

_CSV_CELL = re.compile(r'"(?:[^"\n]|"")*"|[^,\n]*')
_TSV_CELL = re.compile(r"[^\t\n]*")
# Header words, tried in order on a header cell (exact cells first, then these patterns).
_HEADERS: dict[str, str] = {"〒": "POSTAL_CODE", "カナ": "KANA", "連絡先": "PHONE", "所在地": "ADDRESS"}
_HEADER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"フリガナ|ふりがな|カナ|セイメイ|読み"), "KANA"),
    (re.compile(r"氏名|名前|担当者|契約者|申込者|名義人"), "PERSON"),
    (re.compile(r"生年月日|誕生日"), "DATE_OF_BIRTH"),
    (re.compile(r"郵便番号|郵便"), "POSTAL_CODE"),
    (re.compile(r"住所|送付先|届け先"), "ADDRESS"),
    (re.compile(r"電話|携帯|TEL|Tel|FAX|Fax"), "PHONE"),
    (re.compile(r"メール|[Ee]-?mail|EMAIL"), "EMAIL"),
    (re.compile(r"個人番号|マイナンバー"), "MY_NUMBER"),
    (re.compile(r"カード番号"), "CREDIT_CARD"),
    (re.compile(r"口座番号"), "BANK_ACCOUNT"),
    (re.compile(r"免許"), "DRIVERS_LICENSE"),
    (re.compile(r"旅券|パスポート"), "PASSPORT"),
    (re.compile(r"保険証|被保険者証"), "HEALTH_INSURANCE"),
)


# Literals only, so the regex engine scans for their first characters: is any header word present at all?
_ANY_HEADER = re.compile(
    "フリガナ|ふりがな|カナ|セイメイ|読み|氏名|名前|担当者|契約者|申込者|名義人|生年月日|誕生日|郵便|〒|住所|送付先|"
    "届け先|所在地|電話|携帯|連絡先|TEL|Tel|FAX|Fax|メール|mail|Mail|MAIL|個人番号|マイナンバー|カード番号|口座番号|"
    "免許|旅券|パスポート|保険証"
)


_HEADER_KANA = re.compile(r"ふりがな|^[おご]|届け")
_NOT_HEADER = re.compile(r"[\s\d@\u3041-\u3096]")


@lru_cache(maxsize=4096)
def header_label(cell: str) -> str | None:
    """Return the label of a header cell (``携帯電話番号`` → PHONE) or None for other columns."""
    if not cell or len(cell) > 16 or _NOT_HEADER.search(_HEADER_KANA.sub("", cell)):
        return None  # a value such as ヒルマ ワカナ or 住所変更あり, not a column name
    if cell in _HEADERS:
        return _HEADERS[cell]
    return next((label for pattern, label in _HEADER_PATTERNS if pattern.search(cell)), None)


_SEPARATORS = re.compile(r"[\s\-()]")
_POSTAL = re.compile(r"\d{3}-?\d{4}")
_PHONE = re.compile(r"[\d\-() +]{10,16}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_BANK = re.compile(r"\d{6,8}")
_PASSPORT = re.compile(r"[A-Z]{2}\d{7}")
_HEALTH = re.compile(r"[\d\-・ ]{4,24}")


def _digits(value: str) -> str:
    return _SEPARATORS.sub("", value)


_SPACED_NAME = re.compile(
    r"[\u4e00-\u9fff\u3005\u30f6\u30ce]{1,4} [\u4e00-\u9fff\u3005\u3041-\u3096\u30a1-\u30faー]{1,4}"
)


def _is_name(value: str) -> bool:
    if _SPACED_NAME.fullmatch(value) and plausible_unknown(value.replace(" ", "")):
        return True
    return parse_name(value, 0, strong=True) == len(value) or parse_kana_name(value, 0) == len(value)


def _is_address(value: str) -> bool:
    hits = find_addresses(value)
    return bool(hits) and hits[0][0] == 0 and hits[0][1] == len(value)


_VALID: dict[str, Callable[[str], bool]] = {
    "PERSON": _is_name,
    "KANA": lambda v: parse_kana_name(v, 0) == len(v),
    "DATE_OF_BIRTH": is_date,
    "POSTAL_CODE": lambda v: _POSTAL.fullmatch(v) is not None,
    "ADDRESS": _is_address,
    "PHONE": lambda v: (
        _PHONE.fullmatch(v) is not None and validators.is_phone_number(_digits(v).replace("+81", "0"))
    ),
    "EMAIL": lambda v: _EMAIL.fullmatch(v) is not None,
    "MY_NUMBER": lambda v: validators.is_my_number(_digits(v)),
    "CREDIT_CARD": lambda v: validators.is_card_number(_digits(v)),
    "BANK_ACCOUNT": lambda v: _BANK.fullmatch(v) is not None,
    "DRIVERS_LICENSE": lambda v: validators.is_drivers_license(_digits(v)),
    "PASSPORT": lambda v: _PASSPORT.fullmatch(v) is not None,
    "HEALTH_INSURANCE": lambda v: _HEALTH.fullmatch(v) is not None,
}


def _cells(line: str, offset: int, sep: str) -> list[tuple[int, int]]:
    """Return (start, end) of each cell's value, quotes and surrounding spaces removed."""
    if sep == "\t" or '"' not in line:
        pieces = line.split(sep)  # no quoting to honour: the cells are the pieces between separators
    else:
        pieces = [m.group() for m in _cells_quoted(line)]
    cells: list[tuple[int, int]] = []
    s = offset
    for raw in pieces:
        if not raw or (raw[0] not in ' "' and raw[-1] not in ' "'):
            cells.append((s, s + len(raw)))  # the usual cell: nothing to strip
            s += len(raw) + 1
            continue
        lo, hi = 0, len(raw)
        if len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"':
            lo, hi = 1, hi - 1
        while lo < hi and raw[lo] == " ":
            lo += 1
        while hi > lo and raw[hi - 1] == " ":
            hi -= 1
        cells.append((s + lo, s + hi))
        s += len(raw) + 1
    return cells


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


def _header(text: str, cells: list[tuple[int, int]]) -> list[str | None] | None:
    """Return the label of each column when the cells look like a header row, else None."""
    labels = [header_label(text[s:e]) for s, e in cells]
    return labels if sum(1 for x in labels if x) >= 2 else None


def _two_header_words(line: str) -> bool:
    """Return whether ``line`` holds two header words: a header row needs two labelled cells.

    A header word never spans a separator, so two labelled cells mean at least two matches; a row
    with one (an address at ``user@mail.example.jp``) is not split and classified as a header.
    """
    words = _ANY_HEADER.finditer(line)
    return next(words, None) is not None and next(words, None) is not None


def find_table_values(text: str) -> list[Hit]:
    """Return hits for cells under known column headers of CSV / TSV tables in ``text``."""
    if ("," not in text and "\t" not in text) or not _ANY_HEADER.search(text):
        return []
    hits: list[Hit] = []
    columns: list[str | None] | None = None
    sep = ","
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        line_sep = "\t" if "\t" in line else ","
        if line_sep not in line:
            columns = None
            continue
        maybe_header = _two_header_words(line)
        if columns is None and not maybe_header:
            continue  # prose with a comma, no table open: nothing to split
        cells = _cells(line, start, line_sep)
        header = _header(text, cells) if maybe_header else None
        if header is not None:
            columns, sep = header, line_sep
            continue
        if columns is None or line_sep != sep:
            continue
        hits.extend(_row_hits(text, cells, columns))
    return hits


def _row_hits(text: str, cells: list[tuple[int, int]], columns: list[str | None]) -> list[Hit]:
    """Return the hits of one table row: each cell validated for its column's label."""
    hits: list[Hit] = []
    for (s, e), label in zip(cells, columns, strict=False):
        if label and s < e and _VALID[label](text[s:e]):
            hits.append((s, e, "PERSON" if label == "KANA" else label, 9))
    return hits
