"""A number an English sentence gives as a desk's (through the office (…), call the front desk at …).

A school's handbook for its foreign teachers or a hotel's guide for guests says whose number it is in
English, as 事務局 or 受付 say it in Japanese: `the office`, `our front desk`, `the reception`, `the
school` right before the number (and its `at`, `on`, `:` or parenthesis) own it. A person's own desk
(`my office`, `her office`) does not: only `the`, `our` and `this` go before the desk.
"""

from __future__ import annotations

import re

_DESK = re.compile(
    r"(?<![A-Za-z])(?:the|our|this)\s+(?:main\s+|head\s+|school\s+|general\s+)?"
    r"(?:office|front\s+desk|reception(?:\s+desk)?|school|academy|clinic|studio|salon|shop|store|"
    r"help\s?desk|hotline|switchboard|hospital|hotel|center|centre|company|station|secretariat)"
    r"(?:'s)?(?:\s+(?:phone|telephone|tel\.?|number|line|directly))*"
    r"\s*(?:at|on|via|is|:)?\s*[(（]?\s*$",
    re.IGNORECASE,
)
_LOOK_BACK = 60  # characters before the number: the sentence's words that say whose it is


def desk_phone(text: str, start: int) -> bool:
    """Return whether the phone at ``start`` follows a desk an English sentence names (the office (…))."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - _LOOK_BACK) : start]
    low = before.lower()
    if "the " not in low and "our " not in low and "this " not in low:
        return False  # cheaper than the regex: no English article before the number
    return _DESK.search(before) is not None
