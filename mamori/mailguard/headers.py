"""Decode raw mail header values: encoded-words, raw 8-bit Shift_JIS, RFC 2231 parameters.

The parser hands us header values as ASCII strings carrying any 8-bit bytes as surrogate escapes;
we recover those bytes and decode them ourselves (UTF-8, then CP932, then EUC-JP), because
``email.policy.default`` turns them into U+FFFD and its codecs miss the CP50220 characters.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from email.utils import getaddresses

from .domains import normalize_address
from .jis import decode_bytes, guess_decode

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)[ \t\r\n]+(=\?)")
_FOLD = re.compile(r"\r?\n(?=[ \t])")


def to_bytes(value: str) -> bytes:
    """Return the original bytes of a header string that may carry surrogate-escaped 8-bit bytes."""
    try:
        return value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape")


def unfold(value: str) -> str:
    """Remove header folding (CRLF followed by white space) and trailing line breaks."""
    return _FOLD.sub("", value).strip("\r\n")


def _decode_raw(value: str, problems: list[str], what: str) -> str:
    """Decode a header string whose 8-bit bytes were kept as surrogates."""
    try:
        raw = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value  # already real Unicode (a str built by our own code)
    if raw.isascii() and "\x1b" not in value:
        return value
    result = guess_decode(raw)
    problems.append(f"{what}: raw 8-bit header decoded as {result.codec}")
    return result.text


def _word_bytes(encoding: str, payload: str) -> bytes:
    if encoding in "Bb":
        padded = payload + "=" * (-len(payload) % 4)
        return base64.b64decode(padded, validate=False)
    return re.sub(
        rb"=([0-9A-Fa-f]{2})",
        lambda m: bytes((int(m.group(1), 16),)),
        payload.replace("_", " ").encode("ascii", "replace"),
    )


def decode_header_value(value: str, problems: list[str] | None = None, what: str = "header") -> str:
    """Decode one raw header value to Unicode, never raising.

    Adjacent encoded-words in the same charset are joined as bytes before decoding, since mailers
    split ISO-2022-JP and UTF-8 sequences across words.
    """
    problems = problems if problems is not None else []
    text = _decode_raw(unfold(value), problems, what)
    if "=?" not in text:
        return text  # no encoded-word: nothing more to decode
    text = _BETWEEN_WORDS.sub(r"\1\2", text)
    out: list[str] = []
    pos = 0
    # Runs of adjacent words in one charset, joined once at the end (linear in the header's length).
    chunks: list[tuple[str, list[bytes]]] = []

    def flush() -> None:
        for charset, pieces in chunks:
            result = decode_bytes(b"".join(pieces), charset.split("*")[0])
            if result.problem:
                problems.append(f"{what}: {result.problem}")
            out.append(result.text)
        chunks.clear()

    for match in _ENCODED_WORD.finditer(text):
        if match.start() > pos:
            flush()
            out.append(text[pos : match.start()])
        charset, encoding, payload = match.groups()
        try:
            data = _word_bytes(encoding, payload)
        except (binascii.Error, ValueError):
            problems.append(f"{what}: broken encoded-word")
            data = payload.encode("ascii", "replace")
        if chunks and chunks[-1][0].lower() == charset.lower():
            chunks[-1][1].append(data)
        else:
            chunks.append((charset, [data]))
        pos = match.end()
    flush()
    out.append(text[pos:])
    return "".join(out)


def parse_addresses(values: list[str], problems: list[str], what: str) -> list[tuple[str, str]]:
    """Split raw address header values into (decoded display name, lower-cased address) pairs."""
    # Raw Shift_JIS bytes include "\\", "@" and "[" as second bytes (表, ソ): decode them before
    # the address grammar sees them. Encoded-words stay encoded until each name is split off.
    unfolded = [_decode_raw(unfold(v), problems, what) for v in values]
    try:
        pairs = getaddresses(unfolded)
    except Exception:  # noqa: BLE001 - a malformed header must not stop the guard
        problems.append(f"{what}: unparsable address list")
        return []
    result = []
    for name, addr in pairs:
        addr = normalize_address(decode_header_value(addr, problems, what))  # some generators encode IDNs
        if "@" not in addr:
            if addr:
                problems.append(f"{what}: not an address: {addr[:40]!r}")
            continue
        result.append((decode_header_value(name, problems, what).strip(), addr))
    return result


def _split_params(value: str) -> list[str]:
    parts, buf, quoted, escaped = [], [], False, False
    for ch in value:
        if escaped:
            buf.append(ch)
            escaped = False
        elif ch == "\\" and quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
            buf.append(ch)
        elif ch == ";" and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p.strip() for p in parts]


def parse_params(value: str) -> tuple[str, dict[str, str | tuple[str, bytes]]]:
    """Split a Content-Type/Disposition value into its main value and raw parameters.

    RFC 2231 parameters (``name*0*=``, ``name*=charset''...``) are joined and returned as
    (charset, bytes); plain ones as strings with their quotes removed.
    """
    head, *rest = _split_params(unfold(value))
    plain: dict[str, str] = {}
    ext: dict[str, dict[int, tuple[bool, str]]] = {}
    for item in rest:
        key, sep, val = item.partition("=")
        if not sep:
            continue
        key, val = key.strip().lower(), val.strip()
        if len(val) >= 2 and val[0] == val[-1] == '"':
            val = val[1:-1]
        match = re.fullmatch(r"([^*]+)\*(?:(\d+)\*?|)(\*?)", key) if "*" in key else None
        if match:
            name, index = match.group(1), int(match.group(2) or 0)
            encoded = key.endswith("*")
            ext.setdefault(name, {})[index] = (encoded, val)
        else:
            plain[key] = val
    params: dict[str, str | tuple[str, bytes]] = dict(plain)
    for name, pieces in ext.items():
        charset, data = "", b""
        for index in sorted(pieces):
            encoded, val = pieces[index]
            if encoded and index == 0 and val.count("'") >= 2:
                charset, _lang, val = val.split("'", 2)
            raw = to_bytes(val)
            data += urllib.parse.unquote_to_bytes(raw) if encoded else raw
        params[name] = (charset, data)
    return head.strip().lower(), params


def decode_param(value: str | tuple[str, bytes] | None, problems: list[str], what: str) -> str:
    """Decode a parameter from :func:`parse_params` (RFC 2231, encoded-word or raw 8-bit)."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        charset, data = value
        result = decode_bytes(data, charset or None)
        if result.problem:
            problems.append(f"{what}: {result.problem}")
        return result.text
    return decode_header_value(value, problems, what)
