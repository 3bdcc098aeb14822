"""Recognise EMAIL, PASSPORT and HEALTH_INSURANCE (記号・番号 with context)."""

from __future__ import annotations

import re

from mamori.pii.context import NEGATIVE, before
from mamori.pii.mailbox import in_url
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}$")
_EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
)
_PASSPORT = re.compile(r"[A-Z]{2}\d{7}(?![0-9A-Za-z])")
_CTX_PASSPORT = re.compile(r"旅券|パスポート|passport", re.IGNORECASE)
_HEALTH_TRIGGER = re.compile(r"記号|保険証番号")
_HEALTH_LABELLED = re.compile(
    r"記号[:： ]*(\d{1,8})[ ・,、]*番号[:： ]*\d{1,8}(?:[ ・,、]*枝番[:： ]*\d{1,3})?"
)
_HEALTH_PAIR = re.compile(r"[:： ]*(\d{1,8}[\-・ ]\d{1,8}(?:[\-・ ]\d{2,3})?)(?![\d\-])")
_HEALTH_PAIR_LABEL = re.compile(r"記号[・･]?番号|保険証番号|記号及び番号")
_CTX_HEALTH = re.compile(r"保険|被保険者")
_CTX_BANK = re.compile(r"ゆうちょ|銀行|口座|貯金")
# Where none of these matches, the engine's prefilter skips the recognizer (tests/test_prefilter.py).
EMAIL_TRIGGERS = Triggers(search=(re.compile("@"),))
HEALTH_TRIGGERS = Triggers(search=(_HEALTH_TRIGGER,))


def find_emails(text: str) -> list[Hit]:
    """Return EMAIL hits: an ASCII local part, ``@`` and a dotted domain."""
    hits: list[Hit] = []
    pos = text.find("@")
    last_end = 0
    while pos >= 0:
        local = _EMAIL_LOCAL.search(text, max(last_end, pos - 64), pos)
        domain = _EMAIL_DOMAIN.match(text, pos + 1)
        if local and domain:
            start = local.start()
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


def passport_at(text: str, start: int) -> Hit | None:
    """Return a PASSPORT hit for two letters and seven digits at ``start`` with passport context.

    The digit-run pass of ``numbers`` calls this for every seven-digit run glued to letters, so that
    passports need no scan of their own. Product and order codes have the same shape (``MB2493714``),
    so the shape alone is never enough: a 旅券 / パスポート / passport label must precede it on its line.
    """
    m = _PASSPORT.match(text, start)
    if m is None or (start and text[start - 1].isascii() and text[start - 1].isalnum()):
        return None
    ctx = before(text, start, 24)
    passport = _CTX_PASSPORT.search(ctx)
    if passport and not NEGATIVE.search(ctx[passport.end() :]):
        return (start, m.end(), "PASSPORT", 5)
    return None


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
        if labelled and _CTX_HEALTH.search(before(text, t.start(), 30)):
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
