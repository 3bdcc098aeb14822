"""Move exposed recipients out of To/Cc, touching only those header lines.

The envelope keeps every recipient, so the mail still reaches them, as Bcc. Only the To and Cc
fields are rebuilt; every other byte (other headers, body) is left as it was, and this must run
before DKIM signing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from email.utils import formataddr, getaddresses

from .headers import unfold

_FIELD_START = re.compile(rb"^[!-9;-~]+:")
UNDISCLOSED = b"To: undisclosed-recipients:;"


def _split(raw: bytes) -> tuple[list[bytes], bytes, bytes]:
    """Return (header fields with their folded lines, line ending, the rest from the blank line on)."""
    eol = b"\r\n" if b"\r\n" in raw[:2000] else b"\n"
    end = raw.find(eol + eol)
    head, rest = (raw, b"") if end < 0 else (raw[:end], raw[end + 2 * len(eol) :])
    fields: list[bytes] = []
    for line in head.split(eol):
        if fields and line[:1] in (b" ", b"\t"):
            fields[-1] += eol + line
        else:
            fields.append(line)
    return fields, eol, rest


def _fold(name: str, items: list[str], eol: bytes) -> bytes:
    lines, current = [], f"{name}: "
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "")
        if len(current) + len(piece) > 76 and current.strip() != f"{name}:":
            lines.append(current.rstrip())
            current = " "
        current += piece + " "
    lines.append(current.rstrip())
    return eol.join(line.encode("ascii", "surrogateescape") for line in lines)


def _rewrite_field(field: bytes, drop: set[str], eol: bytes) -> bytes | None:
    """Return the field without the dropped addresses, None if none is left, or it unchanged."""
    name, _, value = field.decode("ascii", "surrogateescape").partition(":")
    pairs = getaddresses([unfold(value)])
    kept = [(n, a) for n, a in pairs if a.lower() not in drop]
    if len(kept) == len(pairs):
        return field
    if not kept:
        return None
    try:
        return _fold(name, [formataddr((n, a)) for n, a in kept], eol)
    except (UnicodeError, ValueError):
        return field  # an undecodable name: leave the header as it was rather than damage it


def move_to_bcc(raw: bytes, addresses: Iterable[str]) -> bytes:
    """Return the mail with ``addresses`` removed from its To and Cc headers (body byte-identical)."""
    drop = {a.lower() for a in addresses}
    if not drop:
        return raw
    fields, eol, rest = _split(raw)
    out: list[bytes] = []
    had_to = False
    for field in fields:
        if not _FIELD_START.match(field) or field.split(b":", 1)[0].strip().lower() not in (b"to", b"cc"):
            out.append(field)
            continue
        is_to = field.split(b":", 1)[0].strip().lower() == b"to"
        had_to = had_to or is_to
        new = _rewrite_field(field, drop, eol)
        if new is not None:
            out.append(new)
    if had_to and not any(f.lower().startswith(b"to:") for f in out):
        out.insert(0, UNDISCLOSED)
    has_body = raw.find(eol + eol) >= 0
    return eol.join(out) + (eol + eol + rest if has_body else b"")
