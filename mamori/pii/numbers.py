"""Recognise digit-run identifiers: PHONE, POSTAL_CODE, MY_NUMBER, CREDIT_CARD, BANK_ACCOUNT, DRIVERS_LICENSE.

One compiled pass finds every run of digits with separators; each run is then classified by its digit
count and grouping, validated (check digits, issuer ranges, numbering plan) and confirmed by the words
before it on the same line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii import validators
from mamori.pii.address import find_addresses
from mamori.pii.context import NEGATIVE, before
from mamori.pii.ids import alnum_passports, passport_at
from mamori.pii.spans import Hit

# No leading look-behind: it would disable the regex engine's first-character scan (30 → 500 MB/s). The
# opening is a branch per first character, each a literal (+81, (, a digit): the engine still skips to
# them, and tries one branch where the class and three look-behinds after it cost 30 % more instructions
# (1,025 -> 731 M on 3.2 MB of a held-out share's texts; the same matches).
NUMBER_RUN = re.compile(
    r"(?:\+81[ -]?|\(|" + "|".join("0123456789") + r")[\d() -]{5,}\d\)?(?![0-9A-Za-z_*]|[.,:/]\d|-\d)"
)
_GLUED_BEFORE = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.-/*")
_GROUPS = re.compile(r"\d+")
_PASSPORT_WORDS = ("旅券", "パスポート", "assport", "ASSPORT")
_PASSPORT_WORD = re.compile("|".join(_PASSPORT_WORDS))
# A passport number with a letter after its digits (the Philippines' P1234567A): the digit runs end before
# a letter, so such numbers are looked for apart, only in a text that names a passport.
_LETTER_AFTER = re.compile(r"(?<![0-9A-Za-z])[A-Z](\d{7})[A-Z](?![0-9A-Za-z])")
_CTX_MY_NUMBER = re.compile(r"個人番号|マイナンバー|my ?number", re.IGNORECASE)
_CTX_LICENSE = re.compile(r"免許")
# Every word a twelve-digit run needs before it or above it to be a licence or a My Number (see classify):
# a text without one (a POS journal's JAN codes, a log's shipping numbers) holds neither.
# Case spelled out: an IGNORECASE search loses the regex engine's scan for its first characters and
# tried every character of a log (Unicode case folding adds no other letters to these).
_CTX_TWELVE = re.compile(r"免許|個人番号|マイナンバー|[Mm][Yy] ?[Nn][Uu][Mm][Bb][Ee][Rr]")
_CTX_CARD = re.compile(r"カード|card|クレジット|VISA|Master|JCB|AMEX", re.IGNORECASE)
# 口座 in a transaction's kind (口座振替 ﾄｳｷﾖｳｶﾞｽ, 口座引落: a statement's 摘要) labels no account: the amount
# in the next cell is a payment.
_CTX_BANK = re.compile(r"普通|当座|口座(?!振替|振込|引落|引き落|自動|振り替|入金|出金|残高)|預金|貯金")
_CTX_POSTAL = re.compile(r"〒|郵便|[Zz]ip|ZIP")
# The words of _CTX_POSTAL and _CTX_BANK: a text without any holds no seven-digit postal code or account.
_SEVEN_WORDS = ("〒", "郵便", "zip", "Zip", "ZIP", "普通", "当座", "口座", "預金", "貯金")
_CTX_PHONE = re.compile(r"電話|TEL|Tel|tel|携帯|連絡先|FAX|Fax|Mobile|mobile|Phone|phone|架電|折り返し|様\(")
_CTX_NOT_PHONE = re.compile(r"免許|個人番号|マイナンバー|カード|口座|保険")
_CTX_ANY = re.compile(
    r"電話|TEL|Tel|tel|携帯|連絡先|FAX|Fax|Mobile|mobile|Phone|phone|個人番号|マイナンバー|カード|口座|免許|〒|郵便"
)
# ``key=value`` / ``key: value`` in logs and config: the number belongs to that key.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.\-]{0,30}) ?[=:] ?[\"']?$")
_PII_KEY = re.compile(
    r"tel|phone|fax|mobile|cell|zip|postal|post_?code|my[ _]?number|個人番号|マイナンバー|電話|携帯|連絡先|kojin|card|cc_?num|pan|account|acct|"
    r"kouza|license|licence|passport|insurance|hoken|contact|renraku",
    re.IGNORECASE,
)
# A key that says its value is test data (test-card:, dummy_tel=, sample_phone:, mock_card_no:).
_TEST_KEY = re.compile(r"(?:^|[._-])(?:test|dummy|sample|mock|fake|example)(?:[._-]|$)", re.IGNORECASE)
_TEL = frozenset({"TEL", "FAX"})
_LENGTHS = frozenset({7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})
_SHORTEST = min(_LENGTHS)
_CARD_GROUPS = {(16,), (15,), (14,), (13,), (19,), (4, 4, 4, 4), (4, 6, 5), (4, 6, 4), (4, 4, 4, 4, 3)}


def find_numbers(text: str) -> list[Hit]:
    """Return hits for every digit-run identifier in normalised ``text``."""
    hits: list[Hit] = []
    passports = any(word in text for word in _PASSPORT_WORDS)  # a substring search: most texts have none
    twelve: bool | None = None  # whether the text holds a word twelve digits need: asked once
    seven: bool | None = None  # the same for seven digits in one group (_seven_digits)
    for m in NUMBER_RUN.finditer(text):
        start = m.start()
        before = text[start - 1] if start else ""
        if before == "=" and _not_pii_key(text, start - 1):
            continue  # ship_no=123456789012 in a log: the fast way out for the commonest case
        if before and before in _GLUED_BEFORE and text[start - 3 : start].upper() not in _TEL:
            run = m.group().rstrip(" ")
            if len(run) in (7, 8) or " " in run:  # else neither a passport nor a number after a space
                hits.extend(_after_glued(text, start, run, passports))
            continue
        run = m.group().rstrip(" ")
        if len(run) == 7 and run.isdigit():
            if seven is None:
                seven = any(word in text for word in _SEVEN_WORDS)
            if not seven:
                continue  # a log's byte count: seven digits need a postal or an account word before them
        if len(run) == 12 and run.isdigit():
            if twelve is None:
                twelve = _CTX_TWELVE.search(text) is not None
            if not twelve:
                continue  # a JAN code in a journal: twelve digits need a licence or My Number word
        if " " not in run and _digit_count(run) not in _LENGTHS:
            if passports and len(run) in (8, 9) and _PASSPORT_WORD.search(text, max(0, start - 24), start):
                hit = passport_at(text, start, start + len(run))  # Passport No.: 553532683
                if hit is not None:
                    hits.append(hit)
            continue  # 2026-07-17 in a log: no other identifier has eight digits
        if _digit_count(run) not in _LENGTHS and max(map(len, run.split(" "))) < _SHORTEST:
            continue  # 200 30644 in an access log: neither the run nor a piece of it has the digits
        start, run = _trim_parens(start, run)
        hit = classify(text, start, start + len(run), run)
        if hit is not None:
            hits.append(hit)
        elif " " in run:
            hits.extend(_classify_pieces(text, start, run))
    if passports:
        found = (passport_at(text, m.start(1), m.end(1)) for m in _LETTER_AFTER.finditer(text))
        hits.extend(hit for hit in found if hit is not None)
        hits.extend(alnum_passports(text, (m.end() for m in _PASSPORT_WORD.finditer(text))))
    return hits


_KEY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,30}")


def _digit_count(run: str) -> int:
    """Return the digits in a run of ``NUMBER_RUN`` (digits and ``+() -``) without a regex."""
    return len(run) - run.count("-") - run.count(" ") - run.count("(") - run.count(")") - run.count("+")


def _not_pii_key(text: str, equals: int) -> bool:
    """Return whether the ``key`` of ``key=`` ending at ``equals`` names no personal identifier.

    The key runs back to a space, tab or comma, at most 31 characters; a log separates with spaces.
    """
    lo = equals - 31 if equals > 31 else 0
    key = text[text.rfind(" ", lo, equals) + 1 or lo : equals]
    if "\t" in key or "," in key:
        key = key.rsplit("\t", 1)[-1].rsplit(",", 1)[-1]
    return _plain_key(key)


@lru_cache(maxsize=1024)
def _plain_key(key: str) -> bool:
    """Return whether ``key`` is a log / config key that names no personal identifier (cached)."""
    return _KEY_NAME.fullmatch(key) is not None and not _PII_KEY.search(key)


def _trim_parens(start: int, run: str) -> tuple[int, str]:
    """Drop a leading ``(`` or trailing ``)`` that has no partner inside the run."""
    if run.endswith(")") and run.count(")") > run.count("("):
        run = run[:-1]
    if run.startswith("(") and (run.count("(") > run.count(")") or run.endswith(")")):
        if not re.match(r"\(0\d{1,4}\)", run):
            start, run = start + 1, run[1:].removesuffix(")")
    return start, run


def _after_glued(text: str, start: int, run: str, passports: bool) -> list[Hit]:
    """Classify a run glued to a letter: a passport (``TK1234567``) and any number after a space.

    ``passports`` says whether the text has a passport word at all (product codes have the shape).
    """
    head, _sep, rest = run.partition(" ")
    hits = []
    if passports and len(head) in (7, 8) and head.isdigit():
        hit = passport_at(text, start, start + len(head))
        if hit is not None:
            hits.append(hit)
    if rest:
        offset = start + len(head) + 1
        hit = classify(text, offset, offset + len(rest), rest)
        hits.extend([hit] if hit else _classify_pieces(text, offset, rest))
    return hits


def _classify_pieces(text: str, offset: int, run: str) -> list[Hit]:
    """Classify the space-separated pieces of a run that was not one identifier as a whole."""
    hits = []
    for piece in run.split(" "):
        # fewer than seven characters hold fewer digits than any identifier (200 30644 in an access log)
        if len(piece) >= _SHORTEST:
            hit = classify(text, offset, offset + len(piece), piece)
            if hit is not None:
                hits.append(hit)
        offset += len(piece) + 1
    return hits


def classify(text: str, start: int, end: int, run: str) -> Hit | None:
    """Return the hit for one digit run at ``start:end`` or None when it is no personal identifier."""
    found = _GROUPS.findall(run)
    digits = "".join(found)
    if len(digits) not in _LENGTHS:
        return None
    groups = tuple(len(g) for g in found)
    ctx = before(text, start, 24)
    key = _KEY.search(ctx)
    if key and not _PII_KEY.search(ctx[max(0, key.start() - 8) : key.end()]):
        return None  # ship_no=123456789012, order: 4111...: an identifier of that key, whatever it passes
    if key and _TEST_KEY.search(key.group(1)):
        return None  # test-card: 4111111111111111, dummy_tel=…: a program's test data, nobody's
    negative = _negative(ctx)
    n = len(digits)
    if n == 12 and groups in {(12,), (4, 4, 4)}:
        if (
            _licence_framed(text, start, end) or _licence_document(text, ctx, start)
        ) and validators.is_drivers_license(digits):
            return (start, end, "DRIVERS_LICENSE", 5)
        return _twelve_digits(digits, ctx, negative, start, end)
    if 13 <= n <= 19 and groups in _CARD_GROUPS and validators.is_card_number(digits):
        # One random 16-digit identifier in ten passes Luhn: an ungrouped run needs a card label.
        if not negative and (_CTX_CARD.search(ctx) or (n != 13 and len(groups) >= 3)):
            return (start, end, "CREDIT_CARD", 5)
        return None
    if n == 7:
        return _seven_digits(text, groups, ctx, negative, start, end)
    if run.startswith("+81"):
        digits = "0" + digits[2:]
        n = len(digits)
    if 10 <= n <= 11 and (max(groups) <= 5 or len(groups) == 1) and validators.is_phone_number(digits):
        plain_ok = len(groups) > 1 or _CTX_PHONE.search(ctx) is not None
        if plain_ok and not negative and not _not_phone_word(ctx[-10:]):
            return (start, end, "PHONE", 4)
    return None


def _not_phone_word(tail: str) -> bool:
    """Return whether an identifier's word (免許, 口座, 保険) is nearer the number than any phone label.

    ``ひまわり保険TEL 0263-…`` and ``保険証の件 連絡先 090-…`` are phones: the label after the word decides.
    """
    last = None
    for last in _CTX_NOT_PHONE.finditer(tail):  # noqa: B007 - the last match is wanted
        pass
    return last is not None and _CTX_PHONE.search(tail, last.end()) is None


def _negative(ctx: str) -> bool:
    """Return whether a non-personal label (注文, 伝票, 商品 ...) is the nearest label before the number.

    ``商品の返品希望。連絡先：070-…`` names a phone: the label nearest to the number decides.
    """
    tail = ctx[-14:]
    last_negative = None
    for last_negative in NEGATIVE.finditer(tail):  # noqa: B007 - the last match is wanted
        pass
    if last_negative is None:
        return False
    labels = [m.end() for m in _CTX_ANY.finditer(tail)]
    return not labels or labels[-1] <= last_negative.start()


# A licence's own layout: 番号 第 301992184560 号 under a 運転免許証 title some lines above.
_FRAMED_BEFORE = re.compile(r"第\s*\Z")
_FRAMED_AFTER = re.compile(r"\s*号")
_LICENCE_TITLE = "運転免許"
_TITLE_WINDOW = 300  # characters above the number the title may be (a scanned card's lines)


def _licence_framed(text: str, start: int, end: int) -> bool:
    """Return whether a 12-digit run is framed 第 … 号 with 運転免許 in the lines above it."""
    return (
        _FRAMED_BEFORE.search(text, max(0, start - 4), start) is not None
        and _FRAMED_AFTER.match(text, end) is not None
        and text.find(_LICENCE_TITLE, max(0, start - _TITLE_WINDOW), start) >= 0
    )


# The number of the document a person showed (確認書類番号：…, 本人確認書類の番号), a licence when the record
# says so (確認方法：運転免許証) in the lines above it.
_DOCUMENT_LABEL = re.compile(r"(?:書類|証明書|身分証)(?:の)?(?:番号|No\.?)[\s:：]*\Z")
_RECORD_WINDOW = 160  # characters above the number the document's kind may be named (a record's lines)


def _licence_document(text: str, ctx: str, start: int) -> bool:
    """Return whether a 12-digit run is a document's number in a record that names a driving licence."""
    return (
        _DOCUMENT_LABEL.search(ctx) is not None
        and text.find(_LICENCE_TITLE, max(0, start - _RECORD_WINDOW), start) >= 0
    )


def _twelve_digits(digits: str, ctx: str, negative: bool, start: int, end: int) -> Hit | None:
    if _CTX_LICENSE.search(ctx) and validators.is_drivers_license(digits):
        return (start, end, "DRIVERS_LICENSE", 5)
    # One random 12-digit identifier in ten passes the check digit: a My Number needs its label (a
    # column of them is recognised by the table pass: header or a share of valid check digits).
    if _CTX_MY_NUMBER.search(ctx) and validators.is_my_number(digits):  # the label first: JAN codes have none
        return (start, end, "MY_NUMBER", 5)
    return None


def _address_follows(text: str, end: int) -> bool:
    """Return whether an address starts within a few characters after ``end``."""
    window = text[end : end + 48]
    return any(s <= 4 for s, _e, _l, _p in find_addresses(window))


def _seven_digits(
    text: str, groups: tuple[int, ...], ctx: str, negative: bool, start: int, end: int
) -> Hit | None:
    tail = ctx[-8:]
    if groups == (3, 4):
        if _CTX_POSTAL.search(tail) or (not negative and _address_follows(text, end)):
            return (start, end, "POSTAL_CODE", 4)
        return None
    if groups != (7,):
        return None
    if _CTX_POSTAL.search(tail):
        return (start, end, "POSTAL_CODE", 4)
    if _CTX_BANK.search(ctx) and not NEGATIVE.search(tail):
        return (start, end, "BANK_ACCOUNT", 4)
    return None
