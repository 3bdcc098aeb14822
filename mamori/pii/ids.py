"""Recognise EMAIL, PASSPORT and HEALTH_INSURANCE (記号・番号 with context)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mamori.pii.context import NEGATIVE, before
from mamori.pii.mailbox import in_url
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}$")
_EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
)
_CTX_PASSPORT = re.compile(r"旅券|パスポート|passport", re.IGNORECASE)
_HEALTH_TRIGGER = re.compile(r"記号|保険証番号")
_HEALTH_LABELLED = re.compile(
    r"記号[:： ]*(\d{1,8})[ ・,、]*番号[:： ]*\d{1,8}(?:[ ・,、]*枝番[:： ]*\d{1,3})?"
)
_HEALTH_PAIR = re.compile(r"[:： ]*(\d{1,8}[\-・ ]\d{1,8}(?:[\-・ ]\d{2,3})?)(?![\d\-])")
_HEALTH_PAIR_LABEL = re.compile(r"記号[・･]?番号|保険証番号|記号及び番号")
_CTX_HEALTH = re.compile(r"保険|被保険者")
_CTX_BANK = re.compile(r"ゆうちょ|銀行|口座|貯金")
# On the line above a card's 記号・番号 (保険者番号：… / 記号：… 番号：…): words of the card itself, not 保険料.
_CTX_CARD_ABOVE = re.compile(r"保険者番号|保険証|被保険者|健康保険|国民健康保険")
# Where none of these matches, the engine's prefilter skips the recognizer (tests/test_prefilter.py).
EMAIL_TRIGGERS = Triggers(search=(re.compile("@"),))
HEALTH_TRIGGERS = Triggers(search=(_HEALTH_TRIGGER,))


def find_emails(text: str) -> list[Hit]:
    """Return EMAIL hits: an ASCII local part, ``@`` and a dotted domain."""
    hits: list[Hit] = []
    pos = text.find("@")
    last_end = 0
    while pos >= 0:
        start = _local_start(text, max(last_end, pos - 64), pos)
        domain = _EMAIL_DOMAIN.match(text, pos + 1) if start >= 0 else None
        if domain:
            while text[start] == "." and start < pos:
                start += 1
            if (
                start < pos
                and not text[pos - 1] == "."
                and not _message_id(text, start, pos)
                and not in_url(text, start)
            ):
                hits.append((start, domain.end(), "EMAIL", 6))
                last_end = domain.end()
        pos = text.find("@", pos + 1)
    return hits


_LOCAL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-"


def _local_start(text: str, lo: int, pos: int) -> int:
    """Return where ``_EMAIL_LOCAL.search(text, lo, pos)`` starts, or -1 when it finds nothing.

    The run of a local part's characters before ``pos``, read back with ``str.rstrip``: the search
    tried each character of the 64 before every ``@`` (a log with a mailbox a line). Its ``$`` also
    matches before a line break that ends the window.
    """
    end = pos - 1 if pos > lo and text[pos - 1] == "\n" else pos
    start = lo + len(text[lo:end].rstrip(_LOCAL_CHARS))
    return start if start < end else -1


# A message's or a part's id in angle brackets is no mailbox: Message-ID:, References:, In-Reply-To:,
# Content-ID: of mail, message-id=<…> of a mail server's log; or a machine-made local part (a UUID).
_MESSAGE_ID_KEYS = ("message-id", "msgid", "content-id", "references", "in-reply-to")
# From a key to the ``<`` before the address: the key's value may list earlier ids (References:).
_MESSAGE_ID_VALUE = re.compile(r"\s*[=:]\s*(?:<[^<>\n]*>[\s,]*)*<")
_MACHINE_LOCAL = re.compile(r"(?=(?:[^0-9]*[0-9]){6})[0-9A-Fa-f.$=_-]{16,}")


def _message_id(text: str, start: int, at: int) -> bool:
    """Return whether the address at ``start`` (``@`` at ``at``) is a message id in ``<…>``, not a mailbox.

    The keys are looked for with string searches in the 400 characters before it (a case-folding
    regex searched there cost a third of the detection time of a mail server's log).
    """
    if not start or text[start - 1] != "<":
        return False
    if _MACHINE_LOCAL.fullmatch(text, start, at):
        return True
    lo = max(0, start - 400)
    window = text[lo:start].lower()
    for key in _MESSAGE_ID_KEYS:
        i = window.rfind(key)
        while i >= 0:
            if _MESSAGE_ID_VALUE.fullmatch(window, i + len(key)):
                return True
            i = window.rfind(key, 0, i)
    return False


def passport_at(text: str, start: int, end: int) -> Hit | None:
    """Return a PASSPORT hit for the digits ``text[start:end]`` with passport context, or None.

    A passport number is one or two capital letters glued before seven or eight digits (Japan's
    ``TK1234567``, ``E12345678``; one letter, seven digits and a letter: the Philippines' ``P1234567A``),
    or eight or nine digits alone (the United States' ``553532683``).
    The digit-run pass of ``numbers`` calls this for those runs, so that passports need no scan of
    their own. Product and order codes have the same shapes (``MB2493714``), so the shape alone is
    never enough: a 旅券 / パスポート / passport label (``Passport No.:``) must precede it on its line,
    with no other label (注文, ID …) after it.
    """
    digits = end - start
    letters = start
    while letters > 0 and start - letters < 2 and "A" <= text[letters - 1] <= "Z":
        letters -= 1
    if letters == start:
        if not 8 <= digits <= 9:
            return None
    elif not 7 <= digits <= 8:
        return None
    if letters and text[letters - 1].isascii() and text[letters - 1].isalnum():
        return None  # part of a longer code (ABC1234567, X-TK1234567 is cut at the dash)
    if (
        start - letters == 1
        and digits == 7
        and "A" <= text[end : end + 1] <= "Z"
        and not (text[end + 1 : end + 2].isascii() and text[end + 1 : end + 2].isalnum())
    ):
        end += 1  # the Philippines' P1234567A: a letter after the digits too
    elif end < len(text) and text[end].isascii() and text[end].isalnum():
        return None
    if len(set(text[start : start + digits])) == 1:
        return None  # TK0000000, 111111111: a form's or a help page's sample, issued to no one
    ctx = before(text, letters, 24)
    passport = None
    for passport in _CTX_PASSPORT.finditer(ctx):  # noqa: B007 - the last label counts
        pass
    if passport is None:
        return None
    between = _without_nationality(ctx[passport.end() :])
    if start - letters == 2 and digits == 7:  # Japan's own shape: any words but a negative between
        return (
            None if NEGATIVE.search(_NUMBER_WORD.sub("", between, count=1)) else (letters, end, "PASSPORT", 5)
        )
    # other shapes are product codes too (パスポートケース 49123456, a JAN-8): the label right before
    return (letters, end, "PASSPORT", 5) if _LABEL_END.fullmatch(between) else None


# A passport number of letters and digits with a letter after a digit (Germany's C7FG4KH3H, CMC3TYXHT; the
# Netherlands' …): no digit run holds it, so it is looked for after each passport label alone.
_ALNUM_PASSPORT = re.compile(r"(?<![0-9A-Za-z])(?=[A-Z]*\d+[A-Z])[A-Z0-9]{8,9}(?![0-9A-Za-z])")


def alnum_passports(text: str, labels: Iterable[int]) -> list[Hit]:
    """Return PASSPORT hits for numbers of letters and digits right after a passport label (旅券番号：…,
    ``Passport No.: C4HJ7R2K9``) ending at one of ``labels``: the label just before, a nationality's
    code between at most; never on its own, as product codes have every such shape."""
    hits: list[Hit] = []
    for label_end in labels:
        line_end = text.find("\n", label_end)
        m = _ALNUM_PASSPORT.search(
            text, label_end, min(label_end + 40, len(text) if line_end < 0 else line_end)
        )
        if m and _after_label(text, m.start()):
            hits.append((m.start(), m.end(), "PASSPORT", 5))
    return hits


def _after_label(text: str, start: int) -> bool:
    """Return whether a passport label stands right before ``start``: its number word, a colon, a
    nationality's code at most between."""
    ctx = before(text, start, 24)
    passport = None
    for passport in _CTX_PASSPORT.finditer(ctx):  # noqa: B007 - the last label counts
        pass
    return (
        passport is not None and _LABEL_END.fullmatch(_without_nationality(ctx[passport.end() :])) is not None
    )


# A nationality's code between the label and the number (旅券番号 IDN C7654321, パスポート：ID / B1234567, a
# roster's 国籍 cell before the number's): Indonesia's ID is no 会員ID label.
_NATIONALITY = re.compile(
    r"(?:^|(?<=[\s(（:：/／]))[(（]?(?:国籍\s*[:：]?\s*)?([A-Z]{2,3})[)）]?\s*[/／|｜・,、]?\s*\Z"
)


def _without_nationality(between: str) -> str:
    """Return the words between a passport label and its number less a nationality's code at their end."""
    m = _NATIONALITY.search(between)
    if m is None or m.group(1) == "NO" or (m.group(1) != "ID" and NEGATIVE.fullmatch(m.group(1))):
        return between
    return between[: m.start()]


# The word for "number" after the label: 旅券番号, Passport No., passport number (No. is else a negative).
_NUMBER_WORD = re.compile(r"\A\s*(?:番号|No\.?|NO\.?|Number|number|#)")
_LABEL_END = re.compile(r"\s*(?:の)?(?:番号|No\.?|NO\.?|Number|number|#)?\s*[:：]?\s*[(（]?")


def find_health_insurance(text: str) -> list[Hit]:
    """Return HEALTH_INSURANCE hits: 記号・番号 (and 枝番) of a health insurance card, with context."""
    if "記号" not in text and "保険証番号" not in text:
        return []  # the card's numbers are only found after these words: a substring search says
    hits: list[Hit] = []
    for t in _HEALTH_TRIGGER.finditer(text):
        ctx = before(text, t.start(), 24) + text[t.start() : t.start() + 12]
        if not _CTX_HEALTH.search(ctx) and not text.startswith("記号", t.start()):
            continue
        labelled = _HEALTH_LABELLED.match(text, t.start())
        if labelled and (
            _CTX_HEALTH.search(before(text, t.start(), 30))
            or _CTX_CARD_ABOVE.search(before(text, t.start(), 40, line=False))
        ):
            hits.append((t.start(), labelled.end(), "HEALTH_INSURANCE", 6))
            continue
        label = _HEALTH_PAIR_LABEL.match(
            text, t.start() - (2 if text[t.start() - 2 : t.start()] == "記号" else 0)
        )
        if label is None and not text.startswith("保険証番号", t.start()):
            continue
        pair = _HEALTH_PAIR.match(text, t.end() + (3 if text.startswith("記号・番号", t.start()) else 0))
        if pair is None and text.startswith("記号番号", t.start()):
            pair = _HEALTH_PAIR.match(text, t.start() + 4)
        if pair:
            bank = _CTX_BANK.search(before(text, t.start(), 40, line=False))
            hits.append((pair.start(1), pair.end(1), "BANK_ACCOUNT" if bank else "HEALTH_INSURANCE", 6))
    return hits
