"""Decode Japanese text of unknown encoding."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Labels seen in Japanese mail and files that Python's codec registry does not know, or decodes too
# strictly (``shift_jis`` fails on ①, ～, ㈱: always use cp932).
ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "iso-2022-jp": "iso-2022-jp",
    "cp50220": "iso-2022-jp",
    "cp50221": "iso-2022-jp",
    "iso-2022-jp-ms": "iso-2022-jp",
    "x-euc-jp": "euc_jp",
    "eucjp-ms": "euc_jp",
    "euc-jp-ms": "euc_jp",
}

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def normalise_label(label: str | None) -> str | None:
    """Return a Python codec name for a charset *label*, mapping Japanese aliases."""
    if not label:
        return None
    key = label.strip().strip('"').lower()
    key = ALIASES.get(key, key)
    if key == "iso-2022-jp":
        return key
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def _jis_to_sjis(c1: int, c2: int) -> bytes:
    s1 = (c1 + 1) // 2 + 0x70
    if s1 >= 0xA0:
        s1 += 0x40
    if c1 % 2:
        s2 = c2 + 0x1F + (1 if c2 >= 0x60 else 0)
    else:
        s2 = c2 + 0x7E
    return bytes((s1, s2))


_MODES = {b"$B": "jis", b"$@": "jis", b"(B": "ascii", b"(J": "ascii", b"(I": "kana"}
_ENTER = {"ascii": b"", "jis": b"\x1b$B", "kana": b"\x1b(I"}
# What Python's codec reads otherwise than the pair-by-pair mapping: other escapes (JIS-Roman, JIS X 0212,
# a lone ESC), SO / SI shifts, and 8-bit bytes (invalid in ISO-2022-JP).
_SLOW = re.compile(rb"\x1b(?!\$B|\$@|\(B|\(I)|[\x0e\x0f\x80-\xff]")
# Python's codec maps six JIS X 0208 characters to other code points than Windows (cp932) does.
_AS_CP932 = str.maketrans(
    {
        "\u301c": "\uff5e",
        "\u2016": "\u2225",
        "\u2212": "\uff0d",
        "\u00a2": "\uffe0",
        "\u00a3": "\uffe1",
        "\u00ac": "\uffe2",
    }
)


def _decode_pairs(data: bytes, mode: str) -> str:
    """Decode character by character, mapping each JIS pair to Shift_JIS (the NEC / IBM extensions too)."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte == 0x1B:
            seq = data[i + 1 : i + 3]
            if seq not in _MODES:
                raise UnicodeDecodeError("iso-2022-jp", data, i, i + 3, "unknown escape sequence")
            mode = _MODES[seq]
            i += 3
        elif byte > 0x7F:
            raise UnicodeDecodeError("iso-2022-jp", data, i, i + 1, "8-bit byte")
        elif mode == "jis" and byte not in (0x0A, 0x0D):
            if i + 1 >= n:
                raise UnicodeDecodeError("iso-2022-jp", data, i, n, "truncated pair")
            out += _jis_to_sjis(byte, data[i + 1])
            i += 2
        else:
            out.append(byte + 0x80 if mode == "kana" else byte)
            i += 1
    return out.decode("cp932")


def decode_iso2022jp_from(data: bytes, mode: str = "ascii") -> tuple[str, str]:
    """Decode ISO-2022-JP *data* that starts in *mode*; return the text and the mode at its end.

    A big file cut at line breaks decodes part by part, each part starting in the mode the one before
    ended in. Python's C codec decodes first (with its six differing characters mapped as Windows
    maps them); text it rejects (the NEC / IBM extensions: ①, ㈱) or reads otherwise (JIS-Roman,
    JIS X 0212) goes through the pair-by-pair mapping.
    """
    last = data.rfind(b"\x1b")
    end_mode = _MODES.get(data[last + 1 : last + 3], mode) if last >= 0 else mode
    if _SLOW.search(data) is None:
        try:
            return (_ENTER[mode] + data).decode("iso2022_jp_ext").translate(_AS_CP932), end_mode
        except UnicodeDecodeError:
            pass
    return _decode_pairs(data, mode), end_mode


def decode_iso2022jp(data: bytes) -> str:
    """Decode ISO-2022-JP including the NEC/IBM extensions Outlook writes (CP50220/50221).

    Python's ``iso2022_jp`` codecs reject or drop those characters (①, ㈱); mapping each JIS pair to
    Shift_JIS and decoding as cp932 keeps them. Raises ``UnicodeDecodeError`` on invalid input.
    """
    return decode_iso2022jp_from(data)[0]


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
_HALF_KANA = re.compile(r"[\uff61-\uff9f]")
_CONTROL = re.compile(r"[\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f]")


def _japanese_score(text: str) -> int:
    """Score how plausible *text* is as Japanese: kana and kanji up, half-width kana and controls down.

    Counted by regular expressions (C speed) rather than a loop over characters: half-width kana are
    what EUC-JP looks like when misread as cp932, private-use characters and controls a wrong codec.
    """
    return (
        2 * len(_JAPANESE.findall(text)) - 3 * len(_HALF_KANA.findall(text)) - 5 * len(_CONTROL.findall(text))
    )


def _strict(data: bytes, codec: str) -> str | None:
    try:
        if codec == "iso-2022-jp":
            return decode_iso2022jp(data)
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


# What text in UTF-16 holds: letters and punctuation of the scripts a Japanese office writes (ASCII and
# Latin-1, Greek and Cyrillic, general punctuation and symbols, CJK punctuation, kana, kanji and their
# extensions and compatibility forms, Hangul, full- and half-width forms) and line breaks. Binary data
# read as UTF-16 gives control characters (two NUL bytes, small integers), private-use characters and
# scattered code points of every block; text without a BOM must be almost all of the first.
_UTF16_TEXT = re.compile(
    "[\t\n\r\f\x20-\x7e\xa0-\u024f\u0370-\u04ff\u2000-\u2bff\u3000-\u9fff\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00010000-\U0010ffff]*"
)
_UTF16_MIN_TEXT = 0.98  # share of the sample that must read as such text
_UTF16_MIN_ASCII = 0.3  # share of ASCII characters that shows UTF-16 by itself
_UTF16_MIN_KANA = 0.1  # else the least share of kana among the other characters (Japanese text: 0.3-0.7)
_KANA = re.compile("[\u3041-\u30fa]")
_SAMPLE = 64 * 1024  # bytes looked at to tell text from binary


def utf16_codec(data: bytes) -> str | None:
    """Return ``utf-16-le`` or ``utf-16-be`` when *data*, without a BOM, is UTF-16 text, else ``None``.

    Windows tools write UTF-16 with a BOM, but exports without one exist; their NUL bytes (the high
    byte of every ASCII character) would make them look binary. The byte order is the one with NUL
    bytes on the high side (odd offsets little-endian), and the first 64 KiB must then decode and
    read as text: at least 98 % letters, digits, punctuation and line breaks of the scripts above,
    a line break or space, and either 30 % ASCII or 10 % kana among the other characters (a dBASE
    file of ASCII records read two bytes at a time gives "kanji", never kana).
    """
    head = data[: min(len(data), _SAMPLE) & ~1]
    high_le, high_be = head[1::2].count(0), head[0::2].count(0)
    if not high_le and not high_be:
        return None
    codec = "utf-16-le" if high_le >= high_be else "utf-16-be"
    try:
        text = codecs.getincrementaldecoder(codec)("strict").decode(head)  # a pair cut at the end waits
    except UnicodeDecodeError:
        return None
    if not text or not any(c in text for c in "\n \u3000"):
        return None
    readable = sum(len(m.group()) for m in _UTF16_TEXT.finditer(text) if m.group())
    if readable < _UTF16_MIN_TEXT * len(text):
        return None
    # ASCII read two bytes at a time also gives "text" (kanji, symbols): unless most characters are
    # ASCII (a NUL high byte), the text must hold the kana that Japanese is never written without.
    ascii_chars = max(high_le, high_be)
    if ascii_chars >= _UTF16_MIN_ASCII * len(text):
        return codec
    kana = len(_KANA.findall(text))
    return codec if kana >= _UTF16_MIN_KANA * (len(text) - ascii_chars) else None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode *data* to text and return ``(text, encoding used)``.

    Order: a BOM; the *declared* charset; ISO-2022-JP when escape sequences are present (it is also
    valid ASCII); UTF-8; then cp932 and EUC-JP, choosing the more Japanese-looking when both decode;
    then charset-normalizer's guess; last, UTF-8 with replacement characters.
    """
    for bom, bom_codec in _BOMS:
        if data.startswith(bom) and (text := _strict(data, bom_codec)) is not None:
            return text, bom_codec
    label = normalise_label(declared)
    if label and (text := _strict(data, label)) is not None:
        return text, label
    if b"\x00" in data[:_SAMPLE] and (codec := utf16_codec(data)) is not None:
        if (text := _strict(data, codec)) is not None:
            return text, codec
        return data.decode(codec, errors="replace"), f"{codec} (with replacements)"
    if b"\x1b$" in data and (text := _strict(data, "iso-2022-jp")) is not None:
        return text, "iso-2022-jp"
    if (text := _strict(data, "utf-8")) is not None:
        return text, "utf-8"
    candidates = [(c, t) for c in ("cp932", "euc_jp") if (t := _strict(data, c)) is not None]
    if len(candidates) == 1:  # nothing to choose: scoring a 6 MB text counts its 600,000 kanji
        return candidates[0][1], candidates[0][0]
    if candidates:
        codec, text = max(candidates, key=lambda ct: _japanese_score(ct[1]))
        return text, codec
    best = charset_normalizer.from_bytes(data[: 1024 * 1024]).best()
    if best is not None and (text := _strict(data, best.encoding)) is not None:
        return text, best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"


# Bytes that text in any encoding we read never holds (C0 controls but tab, line breaks, form feed and
# the ESC of ISO-2022-JP; DEL). Shift_JIS, EUC-JP and UTF-8 use only bytes 0x20 and up for characters.
_NOT_TEXT = bytes(b for b in range(0x20) if b not in b"\t\n\v\f\r\x1b\x1a") + b"\x7f"
_MAX_CONTROL_SHARE = 0.02  # text files hold a stray control byte now and then, never 2 %


_STRAY_NULS = 4


def looks_binary(data: bytes) -> bool:
    """Tell whether *data* looks like a binary file rather than text.

    Binary: more than ``_STRAY_NULS`` NUL bytes in the first 8 KiB (or more than one a KiB) (UTF-16 text excepted, with a BOM or
    without: see :func:`utf16_codec`), or more than 2 % control bytes (and at least 8) in the first
    64 KiB. A stray NUL or two in text (a broken export, a padded record) leave it text: binary
    formats hold dozens in their first 8 KiB, and the control bytes of the rest still tell.
    """
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:_SAMPLE]
    if b"\x00" in head:
        if utf16_codec(data) is not None:
            return False
        nuls = head.count(b"\x00")
        if nuls > _STRAY_NULS or nuls * 1024 > len(head):  # stray: a few in kilobytes of text
            return True
        sample = sample.replace(b"\x00", b"")
    controls = len(sample) - len(sample.translate(None, _NOT_TEXT))
    return controls >= 8 and controls > _MAX_CONTROL_SHARE * len(sample)


CSV_SUFFIXES = frozenset({".csv", ".tsv", ".tab", ".txt", ".dat", ".prn"})
_MAX_CELL_LINES = 20  # a quoted cell of more lines is prose in quotes, not a cell


def fold_quoted_breaks(text: str) -> str:
    """Return CSV *text* with the line breaks inside quoted cells made spaces, one for one.

    A cell of two lines (``"山田 太郎\\n（ヤマダ タロウ）"``, an address and its building) would else
    split its row in two: its second half under the wrong headers, counted as another person. Only a
    quote at a cell's start opens a cell and only one before a separator or a line end closes it; an
    unclosed quote leaves the rest of the text as it is.
    """
    return fold_quoted_cells(text)[0]


def fold_quoted_cells(text: str) -> tuple[str, int]:
    """Return *text* folded as :func:`fold_quoted_breaks` does, and where a cell left open starts.

    The second value is the start of the line holding a quoted cell that opens and does not close
    within ``_MAX_CELL_LINES`` lines of the text's end, or ``len(text)``: a streamed CSV holds that
    line back for the next part, so that a cell cut between two parts is folded too.
    """
    if '"' not in text:
        return text, len(text)
    out: list[str] = []
    done = 0
    open_cell = -1
    at = text.find('"')
    while at >= 0:
        if at and text[at - 1] not in ",\t\n":
            at = text.find('"', at + 1)
            continue
        end = at + 1
        while (end := text.find('"', end)) >= 0 and text[end + 1 : end + 2] == '"':
            end += 2
        if end < 0:
            if text.count("\n", at) <= _MAX_CELL_LINES:
                open_cell = at
            break
        cell = text[at : end + 1]
        if text[end + 1 : end + 2] in ("", ",", "\t", "\n", "\r") and ("\n" in cell or "\r" in cell):
            if cell.count("\n") <= _MAX_CELL_LINES:
                out += [text[done:at], cell.replace("\r", " ").replace("\n", " ")]
                done = end + 1
        at = text.find('"', end + 1)
    if out:
        out.append(text[done:])
        text = "".join(out)
    return text, len(text) if open_cell < 0 else text.rfind("\n", 0, open_cell) + 1
