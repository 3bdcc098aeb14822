"""Read the text layer of PDF files with pdfium."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.name_words import KANJI

from .model import Budget, Part, problem_part

FPDF_ERR_PASSWORD = 4  # pdfium's error code for a missing or wrong password
# A table cell printed to PDF wraps where the column ends, and the page's text has a line break there: in a
# number (`新寺 3-` / `5-12`) or between an address's town and its block number (`…町中氷鉋` / `1523-14`).
# Such a break is no line of the document: the two halves are joined, as the cell holds them.
_WRAPPED_NUMBER = re.compile(r"(?<=\d[-‐‑–−－])[ \t]*\r?\n(?=\d)")
_BLOCK_NEXT = re.compile(r"[ \t]*\r?\n(?=\d{1,5}(?:[-‐‑–−－]\d{1,5})+)")
_TOWN_TAIL = re.compile(r"\S*[都道府県市区町村郡]\S*[都道府県市区町村郡][^\s\d、。，,:：()（）]{1,12}\Z")
# A name wrapped in a cell: a surname ends the line, the given name alone opens the next (`桐山` / `千代子`).
# LibreOffice also breaks inside the given name (`宍倉 喜` / `久代`).
_NAME_BREAK = re.compile(rf"[ \t]*\r?\n([{KANJI}]{{1,3}})(?=[ \t\r\n]|\Z)")
_LINE_END = re.compile(rf"(?:(?<![{KANJI}])([{KANJI}]{{1,4}}) )?(?<![{KANJI}])([{KANJI}]{{1,4}})[ \t]*\Z")


def unwrap(text: str) -> str:
    """Return a PDF page's text with the line breaks a table cell's wrap put inside a number or address joined.

    An address's break is one after a word of two or more of 都道府県市区町村郡 and a town name
    (`長野県長野市稲里町中氷鉋`), before a block number with a hyphen (`1523-14`); a name's is one after a
    dictionary surname, before a given name that is no surname alone on the line's start (`桐山` / `千代子`).
    """
    if "\n" not in text:
        return text
    text = _WRAPPED_NUMBER.sub("", text)
    text = _join_names(text)
    out: list[str] = []
    done = 0
    for found in _BLOCK_NEXT.finditer(text):
        line = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
        if _TOWN_TAIL.search(line[-40:]):
            out += [text[done : found.start()]]
            done = found.end()
    return "".join(out) + text[done:] if out else text


def _join_names(text: str) -> str:
    """Return ``text`` with the breaks inside a name (a surname, the given name wrapped under it) joined."""
    out: list[str] = []
    done = 0
    for m in _NAME_BREAK.finditer(text):
        end = _LINE_END.search(text, max(0, m.start() - 12), m.start())
        if end is None:
            continue
        first, last, rest = end.group(1), end.group(2), m.group(1)
        if _full_name(last, rest):
            out += [text[done : m.start()], " "]  # 桐山 / 千代子
        elif first is not None and len(last) <= 2 and _full_name(first, last + rest):
            out += [text[done : end.start(2)], last]  # 宍倉 喜 / 久代
        else:
            continue
        done = m.start(1)
    return "".join(out) + text[done:] if out else text


def _full_name(surname: str, given: str) -> bool:
    return surname in surnames() and given in given_names() and given not in surnames()


def read_pdf(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield one part per page with text; report password-protected and image-only PDFs.

    A PDF with only an owner password (printing or copying restricted) opens without a password and
    is read normally; one with a user password is reported as ``encrypted``.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == FPDF_ERR_PASSWORD:
            yield problem_part("encrypted", location)
        else:
            yield problem_part("malformed", location, kind="PDF", error=str(exc)[:80])
        return
    try:
        found_text = False
        for index in range(len(document)):
            budget.check_time()
            page = document[index]
            try:
                textpage = page.get_textpage()
                text = unwrap(textpage.get_text_range())
                textpage.close()
            finally:
                page.close()
            if text.strip():
                found_text = True
                budget.consume(len(text))
                yield Part(location=f"{location}!p{index + 1}", text=text)
        if not found_text and len(document):
            yield problem_part("no_text", location)
    finally:
        document.close()
