"""Judge identifier columns that only their table tells apart from an order's or a product's numbers.

``tables.header_label`` reads one header cell; these columns need the whole header row, and a row's
other cells:

- a health insurance card written as the card prints it: ``記号`` then ``番号`` (then ``枝番``) in a
  header row that also speaks of insurance (``保険者番号``, ``保険証``, ``被保険者``). Alone, ``番号`` is a
  record's number and ``記号`` a product's mark; the insurer's own number (``保険者番号``) names the
  insurer, nobody's card, and stays an identifier of no person;
- the number of the document a person showed (``確認書類番号``, ``本人確認書類番号``, ``証明書番号``: a
  古物台帳, a hotel's register, a contract) is the identifier that the row's document column names
  (``確認方法``, ``確認書類``: 運転免許証, パスポート, 健康保険証, マイナンバーカード) when the value
  validates as one (a licence's check digit, a passport's letters and digits); without a document
  column, a column whose twelve-digit numbers all pass the licence check digit holds licences.

Nothing here reads a bare code: a lot number, an order number or a product code is never an
identifier unless a header and the row say which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from mamori.pii import validators
from mamori.pii.spans import Hit

HEALTH_PART = "HEALTH_PART"  # 記号 / 番号 / 枝番 of a card, in a row about insurance
DOC_NUMBER = "DOC_NUMBER"  # the number of the identity document a person showed
DOC_KIND = "DOC_KIND"  # which document that was (運転免許証, パスポート ...)
LABELS = frozenset({HEALTH_PART, DOC_NUMBER, DOC_KIND})

_INSURANCE = re.compile(r"保険者|保険証|健康保険|国民健康保険|国保|社保|(?i:insur)")
_CARD_PARTS = ("記号", "番号", "枝番")
_CARD_PAIR = re.compile(r"(?:保険証?|被保険者証?)?記号[・･/／]?番号")
_DOC_NUMBER = re.compile(
    r"^(?:本人)?(?:確認)?(?:書類|証明書|身分証明書|身分証)(?:の)?(?:番号|No\.?|記号番号)$"
    r"|^(?i:id[ _]?(?:document|doc)[ _]?(?:no\.?|number))$"
)
_DOC_KIND = re.compile(
    r"^(?:本人)?確認(?:方法|書類|書類名|書類の種類|種別)$|^(?:身分証明書|証明書|提示書類)(?:の種類|種別)?$"
    r"|^(?i:id[ _]?(?:document|doc)?[ _]?type)$"
)
_PASSPORT = re.compile(r"[A-Z]{0,2}\d{6,9}|(?=[A-Z]*\d)[A-Z0-9]{8,9}")  # C7FG4KH3H: Germany's
_HEALTH = re.compile(r"[\d\-・ ]{4,24}")
_PART = re.compile(r"[^\s,]{0,4}?\d[\d\-・ ]{0,11}")  # 記号 28281, 番号 62, 記号 愛知12
_DIGITS = re.compile(r"[\d\- ]{12,15}")
_MIN_CELLS = 4  # twelve-digit numbers a document column needs to be judged by its check digits alone


def refine(cells: Sequence[str], labels: list[str | None]) -> list[str | None]:
    """Return the header row's labels with the columns that the row as a whole identifies."""
    names = [cell.replace(" ", "").replace("\u3000", "") for cell in cells]
    insurance = any(_INSURANCE.search(name) for name in names)
    out = list(labels)
    for i, name in enumerate(names):
        if _DOC_NUMBER.match(name):
            out[i] = DOC_NUMBER
        elif _DOC_KIND.match(name) and out[i] is None:
            out[i] = DOC_KIND
        elif insurance and _CARD_PAIR.fullmatch(name):
            out[i] = HEALTH_PART
        elif insurance and name == "記号" and i + 1 < len(names) and names[i + 1] == "番号":
            out[i] = out[i + 1] = HEALTH_PART
            if i + 2 < len(names) and names[i + 2] == "枝番":
                out[i + 2] = HEALTH_PART
    return out


class Column(Protocol):
    """The cells of one table column, as ``tables`` holds them."""

    values: list[str]

    def cells(self, keep: list[bool] | None = None) -> list[tuple[int, int]]: ...

    def hits(self, keep: list[bool], label: str) -> Iterator[Hit]: ...


def judge(
    text: str,
    label: str,
    column: Column,
    kinds: Column | None,
    hits: list[Hit],
    quiet: list[tuple[int, int]],
) -> None:
    """Report the identifiers of one column ``refine`` labelled; ``kinds`` is the row's document column."""
    if label == DOC_KIND:
        return
    if label == HEALTH_PART:
        keep = [_PART.fullmatch(value) is not None for value in column.values]
        hits.extend(column.hits(keep, "HEALTH_INSURANCE"))
        return
    quiet.extend(column.cells())  # a document's number is no phone or account, whatever it reads as
    cells = column.cells()
    if kinds is not None:
        kind_of = {
            text.rfind("\n", 0, s) + 1: value
            for (s, _e), value in zip(kinds.cells(), kinds.values, strict=True)
        }
        for (start, end), value in zip(cells, column.values, strict=True):
            found = document_identifier(kind_of.get(text.rfind("\n", 0, start) + 1, ""), value)
            if found is not None:
                hits.append((start, end, found, 9))
        return
    digits = [value for value in column.values if _DIGITS.fullmatch(value)]
    if len(digits) >= _MIN_CELLS and all(validators.is_drivers_license(_plain(d)) for d in digits):
        keep = [_DIGITS.fullmatch(value) is not None for value in column.values]
        hits.extend(column.hits(keep, "DRIVERS_LICENSE"))


def kind_column(labels: Sequence[str | None]) -> int | None:
    """Return the index of the row's document column, or None."""
    return next((i for i, label in enumerate(labels) if label == DOC_KIND), None)


def _plain(value: str) -> str:
    return value.replace("-", "").replace(" ", "")


# Which document a kind names, and how its number must read to be one.
_DOCUMENTS: tuple[tuple[re.Pattern[str], str, Callable[[str], bool]], ...] = (
    (re.compile(r"免許"), "DRIVERS_LICENSE", lambda v: validators.is_drivers_license(_plain(v))),
    (
        re.compile(r"旅券|パスポート|(?i:passport)"),
        "PASSPORT",
        lambda v: _PASSPORT.fullmatch(v.replace(" ", "")) is not None,
    ),
    (
        re.compile(r"保険証|保険者証|資格確認書"),
        "HEALTH_INSURANCE",
        lambda v: _HEALTH.fullmatch(v) is not None,
    ),
    (re.compile(r"マイナンバー|個人番号"), "MY_NUMBER", lambda v: validators.is_my_number(_plain(v))),
)


def document_identifier(kind: str, value: str) -> str | None:
    """Return the label of ``value`` as the number of the document ``kind`` names, or None."""
    for pattern, label, valid in _DOCUMENTS:
        if pattern.search(kind):
            return label if valid(value.strip()) else None
    return None
