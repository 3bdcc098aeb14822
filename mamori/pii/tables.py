"""Recognise values in CSV / TSV tables by their column headers (氏名, 住所, 生年月日, 個人番号, ...).

A header line names the columns; each cell under a known header is validated for that label (a date
under 生年月日, a name shape under 氏名, a valid check digit under 個人番号) before it is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import accumulate, compress, cycle, islice, repeat
from operator import add

from mamori.pii import id_columns, name_columns, name_headers, records, row_keys, validators
from mamori.pii.accounts import kana_organisation
from mamori.pii.address import is_address
from mamori.pii.csv_cells import cells as _cells
from mamori.pii.csv_cells import quoted_cell as _quoted_cell
from mamori.pii.csv_cells import quoted_rows, unprefixed
from mamori.pii.dates import is_birth_date_cell
from mamori.pii.dictionaries import surnames
from mamori.pii.foreign_phones import is_foreign_number
from mamori.pii.form_rows import field_word, form_value
from mamori.pii.header_fields import PART_VALID, split_parts
from mamori.pii.mail_names import is_romaji_name
from mamori.pii.name_words import DEPARTMENT_WORDS, ROLES_ALONE
from mamori.pii.names import ROLE_WORD, parse_kana_name, parse_name, plausible_unknown
from mamori.pii.org_names import common_words
from mamori.pii.public_bodies import public_body
from mamori.pii.spans import Hit
from mamori.pii.table_headers import ANY_HEADER as _ANY_HEADER
from mamori.pii.table_headers import ANY_HEADER_ASCII as _ANY_HEADER_ASCII
from mamori.pii.table_headers import ANY_HEADER_JA as _ANY_HEADER_JA
from mamori.pii.table_headers import ANY_ID_HEADER as _ANY_ID_HEADER
from mamori.pii.table_headers import HEADER_KANA as _HEADER_KANA
from mamori.pii.table_headers import ID_HEADER_START as _ID_HEADER_START
from mamori.pii.table_headers import NOT_HEADER as _NOT_HEADER
from mamori.pii.table_headers import SPACED as _SPACED
from mamori.pii.table_headers import header_label
from mamori.pii.table_headers import id_words as _id_words

_SEPARATORS = re.compile(r"[\s\-()]")
_POSTAL = re.compile(r"\d{3}-?\d{4}")
_PHONE = re.compile(r"[\d\-() +]{10,16}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_BANK = re.compile(r"\d{6,8}")
# under a 旅券 header: foreign passports too (nine digits in the United States, letters and digits elsewhere,
# a letter inside or last: Germany's C7FG4KH3H, the Philippines' P1234567A)
_PASSPORT = re.compile(r"[A-Z]{0,2}\d{7,9}|(?=[A-Z]*\d)[A-Z0-9]{8,9}|[A-Z]\d{7}[A-Z]")


def _sample_digits(value: str) -> bool:
    """Return whether a value's digits are seven or more of one digit: a sample (TK0000000), no one's."""
    digits = "".join(filter(str.isdigit, value))
    return len(digits) >= 7 and len(set(digits)) == 1


_HEALTH = re.compile(r"[\d\-・ ]{4,24}")


def _digits(value: str) -> str:
    return _SEPARATORS.sub("", value)


_SPACED_NAME = name_columns.SPACED_NAME


_FOREIGN_NAME = name_columns.FOREIGN_NAME  # グエン・ヴァン・ナム, John Smith, SMITH JOHN


def _two_names(value: str) -> bool:
    """A cell of two lines, folded (クリバヤシ アキオ 栗林 昭雄: a reading and a name): two names."""
    return split_names(value) is not None


def split_names(value: str) -> tuple[str, str] | None:
    """Return the two names a folded cell cuts into at a space (a reading and a name, or two persons)."""
    cuts = [i for i, ch in enumerate(value) if ch == " "]
    if len(cuts) >= 3:
        for i in cuts[1:-1]:
            if _is_name(value[:i]) and _is_name(value[i + 1 :]):
                return value[:i], value[i + 1 :]
    return None


_NICKNAME = re.compile(r"[\u3041-\u3096ー]{1,10}(?:さん|ちゃん|くん)")


def _is_name(value: str) -> bool:
    if (
        value in DEPARTMENT_WORDS
        or _NICKNAME.fullmatch(value)
        or value in ROLES_ALONE
        or name_columns.FILLER.fullmatch(value)
    ):
        return False  # 人事 or 副院長 under 担当, ぽんたさん, 同上 / 長男 / (空き): no one's name
    if public_body(value):
        return False  # 八戸市, 七戸町役場 under 発注者: the public body that ordered the work
    if _KATAKANA_START.match(value) and kana_organisation(value):
        return False  # ユウゲンガイシヤ マルサン, カ)ホクリク under 振込依頼人名: a company paying
    if _LOST_KANJI.search(value):  # ?田 直樹: 𠮷田 saved as CP932, which has no 𠮷; 〓 a system's mark for it
        known = _LOST_KANJI.sub("某", value, count=2)
        return _LOST_KANJI.search(known) is None and name_columns.unknown_surname_name(known)
    if value.count(" ") >= 3 and _two_names(value):
        return True
    if _SPACED_NAME.fullmatch(value) and plausible_unknown(value.replace(" ", "")):
        return True
    if _FOREIGN_NAME.fullmatch(value):
        return ROLE_WORD.search(value) is None  # not Backup Service, Support Team
    if len(value) == 2 and common_words(value, verbal=True):
        return False  # 清掃, 巡回 under 拾得者: a duty (柚子, a common noun, is a given name too)
    if parse_name(value, 0, strong=True) == len(value) or parse_kana_name(value, 0) == len(value):
        # a vertical form read across: its next label under a name header (代表者 / 借主 ＿＿ 様) is no name
        return value in surnames() or header_label(value) != "PERSON"  # 武者, 本名: surnames too
    return name_columns.unknown_surname_name(value)  # 務台 ひかり: the column vouches for the surname


_KATAKANA_START = re.compile(r"[\u30a1-\u30fa]")
_LOST_KANJI = re.compile(r"[?？〓]")
_DAY = re.compile(r"\d{1,2}(?:/\d{1,2})?(?:\([日月火水木金土祝]\))?|[日月火水木金土]")
MIN_DAYS = 7


def _calendar(columns: list[_Column]) -> bool:
    """Tell whether a table is headed by days (``1(日) 2(月) …``, ``12/1 12/2 …``) across its columns."""
    return sum(1 for column in columns[1:] if column.values and _DAY.fullmatch(column.values[0])) >= MIN_DAYS


_LATIN_PERSON = re.compile(r"[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'.\-]*){1,2}")
# Columns that make a row a person's: beside one, a NAME_EN value that is no romaji is a foreign name.
_PERSONAL_COLUMNS = frozenset(("PERSON", "PERSON_EN", "KANA", "ADDRESS", "PHONE", "EMAIL", "DATE_OF_BIRTH"))
_VALID: dict[str, Callable[[str], bool]] = {
    "PERSON": _is_name,
    "KANA": lambda v: (parse_kana_name(v, 0) == len(v) or _two_names(v)) and not kana_organisation(v),
    "ROMAJI": is_romaji_name,
    # First Name / Last Name of a contacts export: romaji or, in Japanese ones, 堀之内 and 奈緒
    "NAME_PART": lambda v: (
        is_romaji_name(v)
        or _LATIN_PERSON.fullmatch(v) is not None
        or (not v.isascii() and (_is_name(v) or name_columns.name_part(v)))  # 亮 under 注文者名前
    ),
    # a romaji column of a table that also holds names or contacts: John Smith, SMITH John too
    "LATIN": lambda v: is_romaji_name(v) or _LATIN_PERSON.fullmatch(v) is not None,
    # under Customer, Client, Owner: a name that names no organisation (Acme Trading is none)
    "PERSON_EN": lambda v: _is_name(v) and not (v.isascii() and name_headers.ORGANISATION.search(v)),
    "DATE_OF_BIRTH": is_birth_date_cell,  # 1958/03/12, S33.3.12, 19580312
    "POSTAL_CODE": lambda v: _POSTAL.fullmatch(v) is not None,
    "ADDRESS": is_address,
    "PHONE": lambda v: (
        (_PHONE.fullmatch(v) is not None and validators.is_phone_number(_digits(v).replace("+81", "0")))
        or (v[:1] == "+" and is_foreign_number(v))
    ),  # +44 7700 900123: a foreign guest's
    "EMAIL": lambda v: _EMAIL.fullmatch(v) is not None,
    "MY_NUMBER": lambda v: validators.is_my_number(_digits(v)),
    "CREDIT_CARD": lambda v: validators.is_card_number(_digits(v)),
    "BANK_ACCOUNT": lambda v: _BANK.fullmatch(v) is not None,
    "DRIVERS_LICENSE": lambda v: validators.is_drivers_license(_digits(v)),
    "PASSPORT": lambda v: _PASSPORT.fullmatch(v) is not None and not _sample_digits(v),
    "HEALTH_INSURANCE": lambda v: _HEALTH.fullmatch(v) is not None,
    **PART_VALID,
}


def is_column_value(label: str, value: str) -> bool:
    """Return whether ``value`` is valid in a column headed for ``label`` (a name under 氏名)."""
    return bool(_VALID[label](value))


def _header(text: str, cells: list[tuple[int, int]]) -> list[str | None] | None:
    """Return the label of each column when the cells look like a header row, else None.

    A header row has two labelled cells (personal or identifier columns), or one labelled cell and
    only header-shaped others (``商品コード,商品名,単価``).
    """
    values = [text[s:e] for s, e in cells]
    labels = list(map(_cell_label, values))
    name_headers.honorific_column(labels, values)  # お届け先名 | 敬称: who 様 is said to
    name_headers.card_holder_column(labels, values)  # Card Name | Card Last4: the card's holder
    name_headers.pet_columns(labels, values)  # 名前 | 犬種 | 飼い主: the pets' names
    name_headers.display_name_columns(labels, values)  # 友だち追加日 | 表示名 | メッセージ: LINE's friends
    split_parts(values, labels)  # 電話番号1 | 電話番号2 | 電話番号3, 都道府県 | 以降の住所 (header_fields.py)
    labelled = sum(1 for x in labels if x)
    if labelled >= 2 or (labelled == 1 and len(cells) >= 2 and all(map(_qualified_header, values))):
        return id_columns.refine(values, labels)  # 記号 / 番号 of a card, a document's number
    return None


def _header_memo(
    text: str, line: str, start: int, sep: str, not_headers: set[object]
) -> list[str | None] | None:
    """Return ``_header`` of a row, remembering in ``not_headers`` the rows that were no header: a row
    that differs from one of them only in numbers (row_keys.py) is no header either."""
    key, cells = row_keys.key(text, line, start, sep)
    if key in not_headers:
        return None
    header = _header(text, _cells(line, start, sep) if cells is None else cells)
    if header is None:
        not_headers.add(key)
    return header


def _cell_label(cell: str) -> str | None:
    """Return the label of a cell of a row that may be a header row.

    A cell with a space, a digit or @ is a value, never a column name (see header_label): a data row
    of a customer list is told apart without filling header_label's cache with its values. A header
    holds a digit or @ only in parentheses (``氏名(1)``): a cell with one and no parenthesis (a phone,
    a date, an e-mail address) is a value without a look. Every data row holding a header word (the
    ``メール`` of an address's ラ・メール 305) is checked as a header row, and most of its cells are these.
    """
    if _VALUE_CHAR.search(cell) is None:
        return header_label(cell)
    if "(" not in cell and "（" not in cell and _DIGIT_OR_AT.search(cell):
        return None
    if _SPACED.fullmatch(cell) or _WORDS.fullmatch(cell) or (len(cell) <= 24 and name_headers.header(cell)):
        return header_label(cell)
    return None


_VALUE_CHAR = re.compile(r"[\s\d@]")
_DIGIT_OR_AT = re.compile(r"[\d@]")
_WORDS = re.compile(
    r"[A-Za-z][A-Za-z\-]* [A-Za-z][A-Za-z\-]*(?: [A-Za-z][A-Za-z\-]*)?\.?"
)  # First Name, E-mail Address, Passport No.


def _header_shaped(cell: str) -> bool:
    # lists for children write their headers in hiragana (くらす, おむかえ); 4月, 5月, 1(日) …; English
    # headers of two or three words (Guest Name, Date of Birth, Passport No.)
    if _HIRAGANA_WORD.fullmatch(cell) or _MONTH.fullmatch(cell) or _DAY.fullmatch(cell):
        return True
    if name_columns.name_header(cell) or _WORDS.fullmatch(cell) or name_headers.english_shaped(cell):
        return True
    return 0 < len(cell) <= 16 and not _NOT_HEADER.search(_HEADER_KANA.sub("", cell))


def _qualified_header(cell: str) -> bool:
    """Return whether ``cell`` is header-shaped, maybe with a qualifier: a unit or a year in brackets, a
    count (体重 (kg), ワクチン(2025), 接種 1回目), as a pet register's or a checkup's headers write them."""
    if _header_shaped(cell):
        return True
    bare = _QUALIFIER.sub("", cell)
    return bare != cell and _header_shaped(bare)


_QUALIFIER = re.compile(r" ?[(（][^()（）\n]{1,12}[)）]| ?\d{1,2}回目")
_HIRAGANA_WORD = re.compile(r"[\u3041-\u3096ー]{2,6}")
_MONTH = re.compile(r"\d{1,2}月(?:分)?|\d{1,2}/\d{1,2}")


def _two_header_words(line: str) -> bool:
    """Return whether ``line`` may be a header row: it holds a header word (personal or identifier).

    A row without one (an address at ``user@mail.example.jp``, a data row) is not classified.
    """
    # each Japanese word holds a kanji or kana: an ASCII line (a log's) is not searched for them
    return (
        (not line.isascii() and _ANY_HEADER_JA.search(line) is not None)
        or _ANY_HEADER_ASCII.search(line) is not None
        or _id_words(line)
    )


# Checksum labels: a column whose values mostly fail the check digit holds other numbers.
_CHECKSUM = {
    "MY_NUMBER": validators.is_my_number,
    "CREDIT_CARD": validators.is_card_number,
    "DRIVERS_LICENSE": validators.is_drivers_license,
}
MIN_COLUMN = 4  # cells a column needs before the share of valid check digits judges it
_DIGITS_ONLY = re.compile(r"[\d\- ]{12,23}")


def find_table_values(text: str) -> list[Hit]:
    """Return hits for cells under known column headers of CSV / TSV tables in ``text``."""
    return analyse_tables(text)[0]


def as_rows(text: str, original: str | None = None) -> str:
    """Return *text* with fixed-width, ／-separated and paragraph records as tab-separated rows, same length.

    *original*: the text before NFKC, as long, whose ideographic spaces pad a fixed-width export.
    """
    return records.as_rows(text, header_label, _ANY_HEADER, original)


def analyse_tables(text: str, original: str | None = None) -> tuple[list[Hit], list[tuple[int, int]]]:
    """Return the hits of table cells and the cells that hold identifiers which are no personal data.

    A column is judged as a whole: by its header (個人番号 vs 伝票番号 / 注文番号 / 商品コード) and by the
    share of its values that pass the check digit (a column of real My Numbers passes 100 %, shipping
    numbers about 10 %). The second list (``start, end``) is blanked for the other recognizers.
    Rows are only collected while the table goes on; they are split into columns when it ends.
    """
    text = as_rows(text, original)
    if "," not in text and "\t" not in text:
        return [], []
    hits: list[Hit] = []
    quiet: list[tuple[int, int]] = []
    block: _Block | None = None
    offset = 0
    lines = text.split("\n")
    last = len(lines) - 1
    not_headers: set[object] = set()  # rows judged no header, long numbers masked (_header_memo)
    # Inside a table, the next header word at or after a row's start is searched in the text and
    # reused for the rows before it: on a list, one search for many rows instead of one per row.
    next_word = next_ascii = next_id = -1
    if text.isascii():
        next_word = len(text) + 1  # no Japanese header word in an ASCII text (a log)
    for i, line in enumerate(lines):
        start, offset = offset, offset + len(line) + 1
        line_sep = "\t" if "\t" in line else ","
        if line_sep not in line:
            if block is not None:
                block.close(text, hits, quiet)
                block = None
            continue
        if block is None:
            if i == last or ("," not in lines[i + 1] and "\t" not in lines[i + 1]):
                continue  # a lone line with a comma (prose): a table of one row has no column to judge
            words = _two_header_words(line)
        else:
            if next_word < start:
                next_word = _next(_ANY_HEADER_JA, text, start)
            if next_ascii < start:
                next_ascii = _next(_ANY_HEADER_ASCII, text, start)
            if next_id < start:
                next_id = _next(_ANY_ID_HEADER, text, start)
            words = min(next_word, next_ascii, next_id) < offset or _ID_HEADER_START.match(line) is not None
        if block is None and not words and line.count(line_sep) < 2:
            continue  # prose with a comma, no table open: nothing to split
        if words:
            header = _header_memo(text, line, start, line_sep, not_headers)
            if header is not None and _form_row(header, lines[i : i + 2], line_sep):
                header = None  # Surname<TAB>KOMINE / Passport Number<TAB>…: a form's rows (name_fields.py)
            if header is not None:
                if block is not None:
                    block.close(text, hits, quiet)
                block = _Block(header, line_sep, [text[s:e] for s, e in _cells(line, start, line_sep)])
                continue
        if block is None or line_sep != block.sep:
            if block is not None:
                block.close(text, hits, quiet)
            block = _Block([None] * len(_cells(line, start, line_sep)), line_sep)  # no header row
        if block.first < 0:
            block.first = start
        block.end = start + len(line)
    if block is not None:
        block.close(text, hits, quiet)
    return hits, quiet


def _form_row(header: list[str | None], rows: list[str], sep: str) -> bool:
    """Return whether a header of a label and a value is a vertical form's first row: the next row is a
    known label and a value, or a field's words (TICKET NUMBER) and a value when the first value is one
    for its label (PASSENGER NAME<TAB>KOMINE/HARUKA MS)."""
    if len(header) != 2 or header[0] is None or len(rows) < 2:
        return False
    if form_value(rows[0].partition(sep)[2]):
        return True  # 管理者<TAB>（氏名）＿＿＿ in a blank template, 施主<TAB>七戸町: a value, no column's header
    if header[1] is not None:
        return False
    key, _, value = rows[1].partition(sep)
    if not value or sep in value:
        return False
    if header_label(key) is not None:
        return True
    return field_word(key) and _VALID.get(header[0], bool)(rows[0].partition(sep)[2])


def _next(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Return where ``pattern`` (literals without a line break) next matches from ``pos``, or past the text."""
    m = pattern.search(text, pos)
    return len(text) + 1 if m is None else m.start()


class _Column:
    """Hold the filled cells of one column, top to bottom: their values, and where they are.

    A cell starts at ``offsets[i]`` characters into the row that starts at ``rows[i]``: offsets within a
    row are small numbers, so the absolute positions are only computed for the cells a judge emits.
    """

    __slots__ = ("lengths", "offsets", "rows", "values")

    def __init__(self, values: list[str], rows: list[int], offsets: list[int], lengths: list[int]) -> None:
        self.values = values
        self.rows = rows
        self.offsets = offsets
        self.lengths = lengths

    def cells(self, keep: list[bool] | None = None) -> list[tuple[int, int]]:
        """Return (start, end) of every cell, or of those ``keep`` marks."""
        if keep is None:
            starts = list(map(add, self.rows, self.offsets))
            return list(zip(starts, map(add, starts, self.lengths), strict=True))
        starts = list(map(add, compress(self.rows, keep), compress(self.offsets, keep)))
        return list(zip(starts, map(add, starts, compress(self.lengths, keep)), strict=True))

    def hits(self, keep: list[bool], label: str) -> Iterator[Hit]:
        """Return the hits of the cells ``keep`` marks, under ``label``."""
        starts = list(map(add, compress(self.rows, keep), compress(self.offsets, keep)))
        return zip(starts, map(add, starts, compress(self.lengths, keep)), repeat(label), repeat(9))


class _Block:
    """Hold one table (its column labels and the span of its rows) and judge each column when it ends."""

    def __init__(self, labels: list[str | None], sep: str, heads: list[str] | None = None) -> None:
        self.labels = labels
        self.sep = sep
        self.heads = heads  # the header row's cells, when the table has one
        self.first = -1  # start of the first row; rows are consecutive lines up to ``end``
        self.end = -1

    def close(self, text: str, hits: list[Hit], quiet: list[tuple[int, int]]) -> None:
        if self.first < 0:
            return
        columns = self._columns(text)
        duty = _calendar(columns)  # a shift or duty table: the days across, the staff down the side
        pets = (
            name_headers.pet_name_columns(self.heads, self.labels, [c.values for c in columns])
            if self.heads and "PERSON" in self.labels
            else ()
        )  # 名前 | 種類 (犬, 猫) | 年齢: the animals' names
        animals = name_headers.animal_columns(self.heads) if self.heads else ()  # ペット名: ハナちゃん
        for i, (label, column) in enumerate(zip(self.labels, columns, strict=True)):
            if not column.values or i in pets or i in animals:
                quiet.extend(column.cells() if i in pets or i in animals else ())  # no one's name
                continue
            if duty and label is None:
                duty = False  # only the first filled column holds the staff
                names = name_columns.widen(column.values, name_columns.duty_names(column.values))
                if names is not None:
                    hits.extend(column.hits(names, "PERSON"))
                    continue
            if label == "ID":
                quiet.extend(column.cells())
            elif label in id_columns.LABELS:
                kinds = id_columns.kind_column(self.labels)
                id_columns.judge(text, label, column, None if kinds is None else columns[kinds], hits, quiet)
            elif label is None:
                _judge_unlabelled(column, hits, quiet)
            elif label == "ROMAJI" and not _PERSONAL_COLUMNS.isdisjoint(self.labels):
                _judge_labelled("LATIN", column, hits, quiet)  # Ballpoint Pen under NAME_EN stays out
            else:
                _judge_labelled(label, column, hits, quiet)

    def _columns(self, text: str) -> list[_Column]:
        """Return each column's filled cells, split from the rows in bulk when no cell needs trimming."""
        sep, first, width = self.sep, self.first, len(self.labels)
        region = text[first : self.end]
        if sep == "," and (quoted := quoted_rows(region)) is not None:  # "…","…": the values between
            return self._columns_of_even_rows(*quoted, first + 1, region.count("\n") + 1)
        if (
            _quoted_cell(region, sep)
            or " " + sep in region
            or sep + " " in region
            or " \n" in region
            or "\n " in region
        ):
            return self._columns_cell_by_cell(text)
        if region[:1] == " " or region[-1:] == " ":
            return self._columns_cell_by_cell(text)
        lines = region.split("\n")
        if set(map(str.count, lines, repeat(sep))) == {width - 1}:
            return self._columns_of_even_rows(
                region.replace("\n", sep).split(sep), width, [1], first, len(lines)
            )
        rows = [line.split(sep) for line in lines]
        if min(map(len, rows)) < width:
            return self._columns_cell_by_cell(text)  # short rows: their cells fill fewer columns
        steps = [len(line) + 1 for line in lines]
        steps[-1] = first
        steps.insert(0, steps.pop())
        starts = list(accumulate(steps))  # where each row starts
        ones = [1] * len(rows)
        offsets = [0] * len(rows)
        columns: list[_Column] = []
        for values in islice(zip(*rows, strict=False), width):
            lengths = list(map(len, values))
            if all(lengths):
                columns.append(_Column(list(values), starts, offsets, lengths))
            else:  # drop the empty cells
                columns.append(
                    _Column(
                        list(compress(values, lengths)),
                        list(compress(starts, lengths)),
                        list(compress(offsets, lengths)),
                        list(compress(lengths, lengths)),
                    )
                )
            offsets = list(map(add, map(add, offsets, lengths), ones))
        return columns

    def _columns_of_even_rows(
        self, cells: list[str], width: int, gaps: list[int], first: int, count: int
    ) -> list[_Column]:
        """Return the columns of rows of ``width`` cells each: every ``width``-th cell of all.

        The first cell starts at ``first``, the next ones ``gaps`` (in turn) after the one before ends;
        columns past a row's cells are empty.
        """
        lengths = list(map(len, cells))
        starts = list(accumulate(map(add, lengths, cycle(gaps)), initial=first))
        zeros = [0] * count
        columns = []
        for j in range(len(self.labels)):
            if j >= width:
                columns.append(_Column([], [], [], []))
                continue
            values, rows, sizes = cells[j::width], starts[j : len(cells) : width], lengths[j::width]
            if all(sizes):
                columns.append(_Column(values, rows, zeros, sizes))
            else:  # drop the empty cells
                columns.append(
                    _Column(
                        list(compress(values, sizes)),
                        list(compress(rows, sizes)),
                        zeros[: len(sizes) - sizes.count(0)],
                        list(compress(sizes, sizes)),
                    )
                )
        return columns

    def _columns_cell_by_cell(self, text: str) -> list[_Column]:
        columns = [_Column([], [], [], []) for _ in self.labels]
        offset = self.first
        for line in text[self.first : self.end].split("\n"):
            for column, (s, e) in zip(columns, _cells(line, offset, self.sep), strict=False):
                if s < e:
                    column.values.append(text[s:e])
                    column.rows.append(s)
                    column.offsets.append(0)
                    column.lengths.append(e - s)
            offset += len(line) + 1
        return columns


def _validate(label: str, values: list[str]) -> list[bool]:
    """Return whether each value is valid for ``label``, each distinct value validated once."""
    valid = _VALID[label]
    verdicts: dict[str, bool] = dict.fromkeys(values, False)
    for value in verdicts:
        verdicts[value] = bool(valid(value))
    return list(map(verdicts.__getitem__, values))


_NAMES = frozenset(("KANA", "ROMAJI", "LATIN", "NAME_PART", "PERSON_EN"))


def _judge_labelled(label: str, column: _Column, hits: list[Hit], quiet: list[tuple[int, int]]) -> None:
    if label.removesuffix("_PART") in ("PHONE", "POSTAL_CODE") and any(v[:1] == "'" for v in column.values):
        column.values, column.offsets, column.lengths = unprefixed(
            column.values, column.offsets, column.lengths
        )
    good = _validate(label, column.values)
    if label in _CHECKSUM:
        numbers = [_DIGITS_ONLY.fullmatch(value) is not None for value in column.values]
        if sum(numbers) >= MIN_COLUMN and sum(good) * 2 < sum(numbers):
            quiet.extend(column.cells(numbers))  # ポイントカード番号: mostly failing check digits
            return
    out = "PERSON" if label in _NAMES else label.removesuffix("_PART")  # PHONE_PART: a phone's part
    hits.extend(column.hits(good, out))
    if label == "PERSON" and not all(good):  # 仁科 とし子、杉原 節子: several names in a cell
        bad = [not g for g in good]
        for value, (start, _) in zip(compress(column.values, bad), column.cells(bad), strict=True):
            hits.extend(name_columns.names_in_cell(value, start, _is_name))


def _judge_unlabelled(column: _Column, hits: list[Hit], quiet: list[tuple[int, int]]) -> None:
    values = column.values
    if len(values) < MIN_COLUMN:
        return
    names = name_columns.column_names(values)
    if names is not None:  # a list of names; or 補助科目: employees beside banks (name_columns.py)
        hits.extend(column.hits(names, "PERSON"))
        return
    if not all(map(_DIGITS_ONLY.fullmatch, values)):
        return
    passed = 0
    lengths = set()
    for value in values:
        digits = _digits(value)
        if not 12 <= len(digits) <= 19 or len(digits) == 13:
            return  # phone numbers and the like: not a column of check-digit identifiers
        lengths.add(12 if len(digits) == 12 else 16)
        check = _CHECKSUM["MY_NUMBER"] if len(digits) == 12 else _CHECKSUM["CREDIT_CARD"]
        passed += check(digits)
    if passed < 0.9 * len(values):
        quiet.extend(column.cells())  # 12-digit shipping numbers: about one in ten passes the My Number check
    elif passed == len(values) and len(lengths) == 1:
        # a headerless column whose every value passes: the numbers themselves say what they are
        label = "MY_NUMBER" if lengths == {12} else "CREDIT_CARD"
        hits.extend((s, e, label, 9) for s, e in column.cells())
