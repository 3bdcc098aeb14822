"""Numbers that a program's source code or settings hold as constants: the program's or its company's.

``SUPPORT_TEL = "046-…"``, ``"office_tel": "03-…"`` and, in a .env or shell line, ``SUPPORT_TEL=052-…``
are no customer's phone; a bare lower-case key (``"tel": "090-…"``) is as likely a record of a
customer export. A module constant's literal that names a business (``SHIPPER = {"tel": "076-…", "addr":
"…", "name": "合資会社…"}``) holds that business's phone, address and postal code, unless a person is named
in it (a customer's record in a test's constant). Read by ``corporate.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from mamori.pii.name_words import business_name

# A constant of source code (SUPPORT_TEL = "046-…") or a settings key of the company's own contacts
# ("office_tel": "03-…"): the program's, or its company's, number. A bare lower-case key ("tel":
# "090-…") is as likely a record of a customer export.
_CONSTANT = re.compile(
    r"(?:\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|"
    r"\b[A-Za-z_]*(?i:support|office|company|corp|helpdesk|shop|store|hq|head_?office|call_?center|"
    r"reception|daihyo|honsha|sender|from)[A-Za-z_]*)[\"']?\s*[:=]\s*[\"']$"
)


def in_constant(text: str, start: int, label: str = "PHONE", person_starts: Sequence[int] = ()) -> bool:
    """Return whether the value at ``start`` is a phone number a constant of source code or a settings key
    holds, or a contact in a constant's literal that names a business (``person_starts``: names found)."""
    if start == 0:
        return False
    if label in _CONTACTS and _business_literal(text, start, person_starts):
        return True
    if label != "PHONE":
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


_CONTACTS = frozenset(("PHONE", "ADDRESS", "POSTAL_CODE"))
_LITERAL = 400  # characters of a constant's literal before a value of it
# An upper-case constant assigned a literal (SHIPPER = {, const SENDER = {, SHIPPER: dict[str, str] = {).
_ASSIGNED = re.compile(r"\b[A-Z][A-Z0-9_]+[ \t]*(?::[^=\n]{0,40})?=[ \t]*\Z")
_QUOTED = re.compile(r"\"([^\"\n]*)\"|'([^'\n]*)'")


def _business_literal(text: str, start: int, person_starts: Sequence[int]) -> bool:
    """Return whether ``start`` is a quoted value in a constant's literal that names a business and no person."""
    if text[start - 1] not in "\"'":
        return False
    brace = text.rfind("{", max(0, start - _LITERAL), start)
    if brace < 0 or text.find("}", brace, start) >= 0:
        return False
    if _ASSIGNED.search(text, text.rfind("\n", 0, brace) + 1, brace) is None:
        return False
    end = text.find("}", start)
    end = len(text) if end < 0 else end
    i = bisect_left(person_starts, brace)
    if i < len(person_starts) and person_starts[i] < end:
        return False  # a person named in the literal: a customer's record
    values = (m.group(1) or m.group(2) or "" for m in _QUOTED.finditer(text, brace, end))
    return any(business_name(v) for v in values if not any(c.isdigit() for c in v))  # a name, no address
