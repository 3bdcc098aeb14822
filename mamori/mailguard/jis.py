"""Decode Japanese mail charsets that Python's codecs get wrong or do not know.

Python's ``iso2022_jp`` codec fails on the NEC / IBM extension characters (①, ㈱, 髙...) that
Outlook writes as CP50220/CP50221, and labels such as ``windows-31j`` or ``x-sjis`` raise
``LookupError``. This module walks the ISO-2022-JP escape sequences itself, maps each JIS pair to
Shift_JIS and decodes with ``cp932``, and resolves the labels seen in Japanese mail.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

ESC = 0x1B
JIS_CODEC = "x-mamori-iso-2022-jp"

# Labels seen in Japanese mail, normalised (lower case, "_" -> "-"), mapped to a Python codec or
# to our ISO-2022-JP decoder. Shift_JIS is always decoded as cp932: the shift_jis codec fails on
# ①, ～ and ㈱, which every Windows mailer writes.
_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        [
            "shift-jis",
            "shift-jis-2004",
            "sjis",
            "x-sjis",
            "s-jis",
            "ms-kanji",
            "csshiftjis",
            "windows-31j",
            "cp932",
            "ms932",
            "x-ms-cp932",
            "ibm-943",
            "cswindows31j",
        ],
        "cp932",
    ),
    **dict.fromkeys(
        [
            "iso-2022-jp",
            "iso-2022-jp-ms",
            "cp50220",
            "cp50221",
            "cp50222",
            "csiso2022jp",
            "iso-2022-jp-1",
            "iso-2022-jp-2",
            "iso-2022-jp-3",
            "iso-2022-jp-2004",
            "iso-2022-jp-ext",
            "jis",
            "x-jis",
        ],
        JIS_CODEC,
    ),
    **dict.fromkeys(
        ["euc-jp", "x-euc-jp", "eucjp", "cseucpkdfmtjapanese", "cp51932", "euc-jp-ms", "ujis"], "euc_jp"
    ),
    **dict.fromkeys(["euc-jis-2004", "euc-jisx0213"], "euc_jis_2004"),
    **dict.fromkeys(["utf8", "utf-8", "x-utf-8"], "utf-8"),
    **dict.fromkeys(["us-ascii", "ascii", "ansi-x3.4-1968", "iso646-us"], "ascii"),
}
_UNKNOWN = {"", "unknown-8bit", "x-unknown", "unknown", "x-user-defined", "default", "8bit"}


@dataclass(frozen=True)
class Decoded:
    """Hold decoded text, the codec actually used and a problem note (empty when clean)."""

    text: str
    codec: str
    problem: str = ""


def resolve_charset(label: str | None) -> str | None:
    """Return the codec name for a MIME charset label, or None when unknown or unusable."""
    norm = (label or "").strip().strip("\"'").lower().replace("_", "-")
    if norm in _UNKNOWN:
        return None
    if norm in _ALIASES:
        return _ALIASES[norm]
    try:
        return codecs.lookup(norm).name
    except (LookupError, ValueError):
        return None


def jis_pair_to_sjis(j1: int, j2: int) -> bytes:
    """Map one JIS X 0208 row/cell pair (0x21-0x7E each) to its two Shift_JIS bytes."""
    s1 = ((j1 - 0x21) >> 1) + 0x81
    if s1 > 0x9F:
        s1 += 0x40
    if j1 & 1:
        s2 = j2 + 0x1F + (1 if j2 >= 0x60 else 0)
    else:
        s2 = j2 + 0x7E
    return bytes((s1, s2))


# Escape sequences -> mode. "kana" is JIS X 0201 katakana; "x0212"/"x0213" go through EUC.
_ESCAPES: dict[bytes, str] = {
    b"(B": "ascii",
    b"(J": "ascii",
    b"(H": "ascii",
    b"(I": "kana",
    b"$@": "x0208",
    b"$B": "x0208",
    b"$(B": "x0208",
    b"$(@": "x0208",
    b"$(D": "x0212",
    b"$(O": "x0213",
    b"$(Q": "x0213",
    b"$(P": "x0213p2",
}


class _JisDecoder:
    """Walk an ISO-2022-JP byte string and collect Unicode text."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.out: list[str] = []
        self.pending = bytearray()  # cp932 bytes not yet decoded
        self.pending_codec = "cp932"
        self.bad = 0

    def flush(self) -> None:
        if self.pending:
            text = bytes(self.pending).decode(self.pending_codec, errors="replace")
            self.bad += text.count("\ufffd")
            self.out.append(text)
            self.pending.clear()

    def emit(self, raw: bytes, codec: str) -> None:
        if codec != self.pending_codec:
            self.flush()
            self.pending_codec = codec
        self.pending += raw

    def run(self) -> str:
        data, i, mode, shifted = self.data, 0, "ascii", False
        while i < len(data):
            b = data[i]
            if b == ESC:
                for seq, new_mode in _ESCAPES.items():
                    if data.startswith(seq, i + 1):
                        mode, i = new_mode, i + 1 + len(seq)
                        break
                else:
                    self.bad += 1
                    i += 1
                continue
            if b in (0x0E, 0x0F):  # SO / SI: half-width katakana in CP50221
                shifted, i = b == 0x0E, i + 1
                continue
            if b in (0x0A, 0x0D):
                # RFC 1468 lines end in ASCII; mailers that forget the ESC ( B must not garble the next line.
                self.emit(bytes((b,)), "cp932")
                mode, shifted, i = "ascii", False, i + 1
                continue
            if (shifted or mode == "kana") and 0x21 <= b <= 0x5F:
                self.emit(bytes((b + 0x80,)), "cp932")
                i += 1
            elif mode.startswith("x02") and 0x21 <= b <= 0x7E and i + 1 < len(data):
                self._pair(mode, b, data[i + 1])
                i += 2
            else:
                # ASCII, or stray 8-bit bytes (raw Shift_JIS inside a "JIS" part): let cp932 try.
                self.emit(bytes((b,)), "cp932")
                i += 1
        self.flush()
        return "".join(self.out)

    def _pair(self, mode: str, j1: int, j2: int) -> None:
        if not 0x21 <= j2 <= 0x7E:
            self.bad += 1
            return
        if mode == "x0208":
            self.emit(jis_pair_to_sjis(j1, j2), "cp932")
        elif mode == "x0212":
            self.emit(bytes((0x8F, j1 | 0x80, j2 | 0x80)), "euc_jp")
        elif mode == "x0213":
            self.emit(bytes((j1 | 0x80, j2 | 0x80)), "euc_jis_2004")
        else:
            self.emit(bytes((0x8F, j1 | 0x80, j2 | 0x80)), "euc_jis_2004")


def decode_iso2022jp(data: bytes) -> Decoded:
    """Decode ISO-2022-JP including the CP50220/CP50221 NEC and IBM extension characters."""
    dec = _JisDecoder(data)
    text = dec.run()
    problem = f"{dec.bad} undecodable ISO-2022-JP sequence(s)" if dec.bad else ""
    return Decoded(text, "iso-2022-jp", problem)


def _strict(data: bytes, codec: str) -> str | None:
    if codec == JIS_CODEC:
        result = decode_iso2022jp(data)
        return None if result.problem else result.text
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def guess_decode(data: bytes) -> Decoded:
    """Decode bytes of unknown charset: ISO-2022-JP if escapes, else UTF-8, CP932, EUC-JP."""
    order = ([JIS_CODEC] if b"\x1b$" in data or b"\x1b(" in data else []) + ["utf-8", "cp932", "euc_jp"]
    for codec in order:
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, "iso-2022-jp" if codec == JIS_CODEC else codec)
    text = data.decode("cp932", errors="replace")
    return Decoded(text, "cp932", "undecodable bytes replaced")


def decode_bytes(data: bytes, label: str | None) -> Decoded:
    """Decode bytes declared as ``label``; fall back to guessing, and say so, when that fails."""
    codec = resolve_charset(label)
    if codec == JIS_CODEC:
        result = decode_iso2022jp(data)
        if not result.problem or b"\x1b" in data:
            return result
    elif codec is not None:
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, codec)
    guessed = guess_decode(data)
    if codec is None and label and label.strip().lower() not in _UNKNOWN:
        note = f"unknown charset {label!r}, decoded as {guessed.codec}"
    elif codec is not None:
        note = f"declared {label!r} but decoded as {guessed.codec}"
    else:
        note = ""
    problem = "; ".join(p for p in (note, guessed.problem) if p)
    return Decoded(guessed.text, guessed.codec, problem)
