"""The head a business names in its own contact block (院長 千葉 昌平 under its 〒 and TEL), for ``engine.py``.

A clinic's price list, a school's brochure footer (運営：株式会社… 代表取締役 …), a shop's flyer or its web
page print the business's name, address and TEL and, beside them, its head by post: 院長, 園長, 塾長, 店主,
代表, 代表取締役, 理事長. That is the business's own letterhead data, as the officer of a company's own quote
is (``officers.py``): a corporate PERSON, not a private individual whose data the file holds.

The head is read so only when the contacts of the block (four lines before the name, three after) were
all found an organisation's and at least one was: a personal phone or address beside it, a name a 様 or
殿 follows (the customer's head addressed), a staff member named by another word (担当：…, a 副院長) and
any head named away from such a block stay personal.
"""

from __future__ import annotations

import re

from mamori.pii.spans import Span

_POST = re.compile(
    r"(?<![前元副旧故])(?:院長|医院長|園長|校長|塾長|教室長|館長|所長|店主|店長|オーナー|"
    r"代表(?:取締役(?:社長|会長)?|者|社員|理事)?|取締役社長|理事長|社長)[ \t\u3000]*[:：]?[ \t\u3000]*$"
)
_ADDRESSED = re.compile(r"[ \t\u3000]*(?:様|殿|さん|宛)")
_CONTACTS = frozenset({"PHONE", "ADDRESS", "POSTAL_CODE", "EMAIL", "BANK_ACCOUNT"})
_LINES_BEFORE, _LINES_AFTER = 4, 3


def business_heads(text: str, personal: list[Span], corporate: list[Span]) -> tuple[list[Span], list[Span]]:
    """Move to ``corporate`` the PERSON spans that name a business's head in its own contact block."""
    if not corporate or not any(s.label == "PERSON" for s in personal):
        return personal, corporate
    heads = [s for s in personal if s.label == "PERSON" and _head(text, s, personal, corporate)]
    if not heads:
        return personal, corporate
    moved = {s.start for s in heads}
    return (
        [s for s in personal if s.start not in moved or s.label != "PERSON"],
        sorted(corporate + heads, key=lambda s: s.start),
    )


def _head(text: str, span: Span, personal: list[Span], corporate: list[Span]) -> bool:
    line_start = text.rfind("\n", 0, span.start) + 1
    if not _POST.search(text, line_start, span.start) or _ADDRESSED.match(text, span.end):
        return False
    lo, hi = _block(text, line_start, span.end)
    if any(lo <= s.start < hi and s.label in _CONTACTS for s in personal):
        return False
    return any(lo <= s.start < hi and s.label in _CONTACTS for s in corporate)


def _block(text: str, line_start: int, end: int) -> tuple[int, int]:
    """Return the span of the lines around a name: four before its line, three after."""
    lo = line_start
    for _ in range(_LINES_BEFORE):
        if lo == 0:
            break
        lo = text.rfind("\n", 0, lo - 1) + 1
    hi = end
    for _ in range(_LINES_AFTER + 1):
        nxt = text.find("\n", hi)
        if nxt < 0:
            return lo, len(text)
        hi = nxt + 1
    return lo, hi
