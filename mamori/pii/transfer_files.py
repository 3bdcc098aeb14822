"""Recognise the payees of a 全銀 (Zengin) transfer file: BANK_ACCOUNT and PERSON, told by the records.

Offices send their bank the payroll (給与振込, 賞与振込), the month's payments (総合振込) and direct
debits (口座振替) as a 全銀協 fixed-width file: records of 120 characters in CP932, with or without a line
break after each, no label anywhere:

- a header record: ``1``, the kind (``21`` 総合振込, ``11`` / ``12`` 給与 / 賞与, ``71`` / ``72`` the same
  after 2019, ``91`` 口座振替), the code kind (0 / 1), the payer's code (10 digits), the payer's name in
  half-width kana (40 columns: ``ｶ)ﾎｸﾘｸｾｲﾐﾂ``), the date, the payer's bank, branch and own account;
- data records: ``2``, the payee's bank code (4) and name (15), branch code (3) and name (15), a clearing
  code (4), the account's kind (1: 1 普通, 2 当座, 4 貯蓄, 9 other), the account number (7), the holder
  in half-width kana (30 columns: ``ｻｸﾗｲ ﾐﾂｵ``), the amount (10 digits), then codes;
- a trailer (``8``, count and total) and an end record (``9``).

The header says the format; in a text that opens a line with one, each data record's holder is read as
``accounts`` reads a holder written after an account: an organisation's name in bank kana (``ｶ)…``,
``…(ｶ``, ``…ｼﾖｳﾃﾝ``) is a supplier's account and reported as nothing; a person's name, two kana words, is
a PERSON and its account a BANK_ACCOUNT. Payroll pays persons only, so there any holder of two words
or more that is no organisation is one; a general transfer or a debit also pays companies whose
bank name carries no legal form (``ﾎｸﾘｸ ﾃﾞﾝｷ``), so there the first word must read as a surname
(bank kana writes small kana large: ``ｼﾖｳｼﾞ`` is ショウジ). The header's payer and its own account
are the company's and reported as nothing.

Offsets are those of the normalised text the engine reads: NFKC made the half-width kana full-width
and joined their voiced marks (``ﾜﾀﾅﾍﾞ`` → ``ワタナベ``), so fields are read by their shape, not their
columns.
"""

from __future__ import annotations

import re
from functools import cache

from mamori.pii.accounts import kana_organisation
from mamori.pii.dictionaries import surname_readings
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

# The header record: kind, code kind, payer's code, the payer's name, then MMDD and the bank code.
_HEADER = re.compile(r"(?:\A\ufeff?|\n)1(11|12|21|71|72|91)[0-9]\d{10}[^\d\n]{1,40}?\d{8}")
_PAYROLL = frozenset({"11", "12", "71", "72"})
# A data record, at a line's start or right after the last record (files without line breaks): the
# bank's and the branch's codes with their names (kana, maybe blank), the clearing code (digits or
# blanks), the account's kind and number, the holder, the amount.
_KANA = "\u30a1-\u30fa\u30fc\u3099\u309a"
_DATA = re.compile(
    rf"2\d{{4}}[^\d\n]{{0,15}}\d{{3}}[^\d\n]{{0,15}}(?:\d{{4}}| {{4}})[1249](\d{{7}})"
    rf"([{_KANA}A-Z][{_KANA}A-Z ().,/\-]{{0,29}}?) *\d{{10}}"
)
_WORD = re.compile(rf"[{_KANA}]{{1,15}}")
_SMALL_TO_LARGE = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")

TRIGGERS = Triggers(search=(_HEADER,))


def find_transfer_persons(text: str) -> list[Hit]:
    """Return BANK_ACCOUNT and PERSON hits for the payees of a 全銀 transfer file's data records."""
    hits: list[Hit] = []
    headers = list(_HEADER.finditer(text))
    for i, header in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        payroll = header.group(1) in _PAYROLL
        for record in _DATA.finditer(text, header.end(), end):
            if not _at_record_start(text, record.start()):
                continue
            holder = record.group(2).rstrip()
            if person_holder(holder, payroll):
                hits.append((record.start(1), record.end(1), "BANK_ACCOUNT", 4))
                hits.append((record.start(2), record.start(2) + len(holder), "PERSON", 3))
    return hits


def _at_record_start(text: str, pos: int) -> bool:
    """Return whether a data record can start at ``pos``: after a line break, or after the blanks or
    digits that end the record before it in a file without line breaks."""
    return pos > 0 and (text[pos - 1] in "\n \r" or text[pos - 1].isdigit())


def person_holder(holder: str, payroll: bool) -> bool:
    """Return whether a transfer record's holder in kana is a person: two kana words or more, no
    organisation's (a bank's legal form, an ending like ｼﾖｳﾃﾝ); outside payroll the first word a
    surname's reading, small kana written large as banks write them (``ｼﾖｳｼﾞ ｹﾝ``)."""
    words = holder.split()
    if len(words) < 2 or not all(map(_WORD.fullmatch, words)) or kana_organisation(holder):
        return False
    return payroll or words[0].translate(_SMALL_TO_LARGE) in _large_surname_readings()


@cache
def _large_surname_readings() -> frozenset[str]:
    return frozenset(r.translate(_SMALL_TO_LARGE) for r in surname_readings())
