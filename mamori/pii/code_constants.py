"""Numbers that a program's source code or settings hold as constants: the program's or its company's.

``SUPPORT_TEL = "046-…"``, ``"office_tel": "03-…"`` and, in a .env or shell line, ``SUPPORT_TEL=052-…``
are no customer's phone; a bare lower-case key (``"tel": "090-…"``) is as likely a record of a
customer export. Read by ``corporate.py``.
"""

from __future__ import annotations

import re

# A constant of source code (SUPPORT_TEL = "046-…") or a settings key of the company's own contacts
# ("office_tel": "03-…"): the program's, or its company's, number. A bare lower-case key ("tel":
# "090-…") is as likely a record of a customer export.
_CONSTANT = re.compile(
    r"(?:\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|"
    r"\b[A-Za-z_]*(?i:support|office|company|corp|helpdesk|shop|store|hq|head_?office|call_?center|"
    r"reception|daihyo|honsha|sender|from)[A-Za-z_]*)[\"']?\s*[:=]\s*[\"']$"
)


def in_constant(text: str, start: int) -> bool:
    """Return whether the number at ``start`` is the value of a constant of source code or a settings key."""
    if start == 0:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if text[start - 1] not in "\"'":  # a .env or shell line: SUPPORT_TEL=052-…
        return _ENV_CONSTANT.fullmatch(text, line_start, start) is not None
    # _CONSTANT ends in ``[:=]\s*`` before the quote: a quoted CSV cell ("…","090-…") has a comma there,
    # and the search of the line up to each of its cells cost a quarter of an order export's detection.
    k = start - 2
    while k >= line_start and text[k].isspace():
        k -= 1
    if k < line_start or text[k] not in ":=":
        return False
    return _CONSTANT.search(text, line_start, start) is not None


_ENV_CONSTANT = re.compile(r"[ \t]*(?:export[ \t]+)?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+[ \t]*=[ \t]*")
