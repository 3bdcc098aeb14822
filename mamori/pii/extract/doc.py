"""Read the text of Word 97-2003 documents (.doc): the piece table of the ``WordDocument`` stream.

A .doc is an OLE compound file (read with :mod:`olefile`). Its text is found as [MS-DOC] describes
it: the FIB at the head of the ``WordDocument`` stream gives the lengths of the document's parts
(body, footnotes, headers, comments, endnotes, text boxes) and where the piece table (``Clx``)
lies in the ``0Table`` or ``1Table`` stream; each piece of the table is a run of characters stored
either as UTF-16 (all Japanese text) or "compressed", one byte a character in code page 1252.

Paragraphs come one per line, table cells tab-separated with a row a line, as the docx reader
gives them; field codes (``HYPERLINK "..."``) are left out and their shown results kept. Word 6 /
95 files (their text in the writer's ANSI code page, another FIB) are reported as unsupported.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Callable, Iterator

from .model import Budget, Part, gettext_noop, problem_part

_WIDENT = 0xA5EC
_NFIB_WORD97 = 0x006A  # 0x0065-0x0069: Word 6 / 95; Word 97 and every later Word write 0x00C1
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_FC_CLX = 33  # index of the fcClx / lcbClx pair in FibRgFcLcb97
_FC_BTE_PAPX = 13  # index of fcPlcfBtePapx / lcbPlcfBtePapx: where the paragraphs' properties are
_SPRM_TTP = 0x2417  # sprmPFTtp: this paragraph mark ends a table row
_SPRM_TDEF_TABLE = 0xD608  # the one variable operand with a 2-byte length
_SPRM_CHG_TABS = 0xC615  # a variable operand that may hold a length of 255 and a layout of its own
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # operand size by spra (the top 3 bits of a sprm)
_ROW = "\x1d"  # stands for a row's end mark between doc_text and plain_text
_CCP_FIELDS = range(3, 11)  # ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx
_COMPRESSED = 0x40000000
_FC_MASK = 0x3FFFFFFF
# Characters of Word's text stream that are marks, not text: 0x01 picture, 0x02 note reference,
# 0x05 comment anchor, 0x08 drawn object, 0x1F optional hyphen; 0x1E is a non-breaking hyphen.
_MARKS = str.maketrans(
    {
        "\r": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x0e": "\n",
        "\x1e": "-",
        **{c: None for c in "\x00\x01\x02\x03\x04\x05\x06\x08\x1f"},
    }
)


class DocError(ValueError):
    """The ``WordDocument`` stream is not what [MS-DOC] describes (a damaged file)."""


class Word95(Exception):
    """A Word 6 / 95 document: another FIB and text in the writer's code page, not read."""


def _u16(data: bytes, at: int) -> int:
    if at + 2 > len(data):
        raise DocError("FIB cut short")
    return int.from_bytes(data[at : at + 2], "little")


def _u32(data: bytes, at: int) -> int:
    if at + 4 > len(data):
        raise DocError("FIB cut short")
    return int.from_bytes(data[at : at + 4], "little")


def _fib_fields(word: bytes) -> tuple[int, int, Callable[[int], tuple[int, int]], bool]:
    """Return (flags, characters of text, a reader of FibRgFcLcb97's pairs, encrypted) from the FIB."""
    if _u16(word, 0) != _WIDENT:
        raise DocError("not a Word document (wIdent)")
    nfib, flags = _u16(word, 2), _u16(word, 0x0A)
    if nfib < _NFIB_WORD97:
        raise Word95
    encrypted = bool(flags & _F_ENCRYPTED)  # RC4 or XOR obfuscation (fObfuscated says which)
    at = 32
    csw = _u16(word, at)
    at += 2 + 2 * csw
    cslw = _u16(word, at)
    if cslw <= max(_CCP_FIELDS):
        raise DocError("FibRgLw too short")
    ccps = [_u32(word, at + 2 + 4 * i) for i in _CCP_FIELDS]
    at += 2 + 4 * cslw
    cb_rg_fc_lcb = _u16(word, at)
    if cb_rg_fc_lcb <= _FC_CLX:
        raise DocError("FibRgFcLcb too short")
    pairs = at + 2

    def fc_lcb(index: int) -> tuple[int, int]:
        return _u32(word, pairs + 8 * index), _u32(word, pairs + 8 * index + 4)

    total = ccps[0] + sum(ccps[1:]) + (1 if any(ccps[1:]) else 0)  # the subdocuments end in one more mark
    return flags, total, fc_lcb, encrypted


def _pieces(clx: bytes) -> list[tuple[int, int, int]]:
    """Return the pieces (first CP, last CP + 1, FcCompressed) of the piece table in *clx*."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers of the pieces, skipped
        at += 3 + int.from_bytes(clx[at + 1 : at + 3], "little")
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise DocError("no piece table (Pcdt) in the Clx")
    lcb = int.from_bytes(clx[at + 1 : at + 5], "little")
    plc = clx[at + 5 : at + 5 + lcb]
    if len(plc) != lcb or (lcb - 4) % 12:
        raise DocError("piece table cut short")
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc)
    fcs = [int.from_bytes(plc[4 * (n + 1) + 8 * i + 2 : 4 * (n + 1) + 8 * i + 6], "little") for i in range(n)]
    return [(cps[i], cps[i + 1], fcs[i]) for i in range(n)]


def doc_text(
    word: bytes, table: bytes, fc_clx: int, lcb_clx: int, total: int, row_ends: frozenset[int] = frozenset()
) -> str:
    """Return the raw text (Word's marks still in) of the first *total* characters of the pieces.

    A 0x07 mark whose paragraph ends at a file offset of *row_ends* (see :func:`row_end_offsets`) ends
    a table row; it comes as ``_ROW`` so that :func:`plain_text` tells it from a cell's end.
    """
    out: list[str] = []
    for first, end, fc in _pieces(table[fc_clx : fc_clx + lcb_clx]):
        end = min(end, total)
        if first >= end:
            continue
        count = end - first
        if fc & _COMPRESSED:
            start, width = (fc & _FC_MASK) // 2, 1
            raw = word[start : start + count]
            text = raw.decode("cp1252", errors="replace")
        else:
            start, width = fc & _FC_MASK, 2
            raw = word[start : start + 2 * count]
            text = raw.decode("utf-16-le", errors="replace")
        if len(raw) < width * count:
            raise DocError("a piece lies past the end of the WordDocument stream")
        if row_ends and "\x07" in text:
            text = _mark_rows(text, start, width, row_ends)
        out.append(text)
    return "".join(out)


def _mark_rows(text: str, start: int, width: int, row_ends: frozenset[int]) -> str:
    chars = list(text)
    at = text.find("\x07")
    while at >= 0:
        if start + width * (at + 1) in row_ends:
            chars[at] = _ROW
        at = text.find("\x07", at + 1)
    return "".join(chars)


def row_end_offsets(word: bytes, table: bytes, fc: int, lcb: int) -> frozenset[int]:
    """Return the file offsets just after the paragraph marks that end a table row.

    The paragraphs' properties lie in 512-byte pages (``PapxFkp``) listed by the ``PlcBtePapx`` at
    *fc* in the table stream; a row's end mark carries ``sprmPFTtp``. Unreadable pages give nothing,
    and :func:`plain_text` then guesses the rows from the marks alone.
    """
    plc = table[fc : fc + lcb]
    if lcb < 12 or len(plc) != lcb or (lcb - 4) % 8:
        return frozenset()
    n = (lcb - 4) // 8
    ends = set()
    for i in range(n):
        pn = int.from_bytes(plc[4 * (n + 1) + 4 * i : 4 * (n + 2) + 4 * i], "little") & 0x3FFFFF
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        if 4 * (crun + 1) + 13 * crun > 511:
            continue
        for j in range(crun):
            offset = 2 * page[4 * (crun + 1) + 13 * j]
            if offset and _ends_row(page, offset):
                ends.add(int.from_bytes(page[4 * (j + 1) : 4 * (j + 2)], "little"))
    return frozenset(ends)


def _ends_row(page: bytes, at: int) -> bool:
    """Tell whether the ``PapxInFkp`` at *at* of *page* sets ``sprmPFTtp`` (its istd skipped)."""
    cb = page[at]
    start, size = (at + 1, 2 * cb - 1) if cb else (at + 2, 2 * page[at + 1] if at + 1 < len(page) else 0)
    grpprl = page[start + 2 : start + size]
    i = 0
    while i + 2 < len(grpprl):
        sprm = int.from_bytes(grpprl[i : i + 2], "little")
        i += 2
        if sprm == _SPRM_TTP:
            return grpprl[i] == 1
        spra = sprm >> 13
        if spra != 6:
            i += _OPERAND[spra]
        elif sprm == _SPRM_TDEF_TABLE:
            i += 1 + int.from_bytes(grpprl[i : i + 2], "little")
        elif sprm == _SPRM_CHG_TABS and grpprl[i] == 0xFF:
            return False  # a layout of its own; the row marks are guessed
        else:
            i += 1 + grpprl[i]
    return False


def _drop_field_codes(text: str) -> str:
    """Keep what fields show (0x14 .. 0x15), drop their codes (0x13 .. 0x14); fields nest."""
    if "\x13" not in text:
        return text
    out: list[str] = []
    stack: list[bool] = []  # per open field: True while in its code part
    for piece in re.split("([\x13\x14\x15])", text):
        if piece == "\x13":
            stack.append(True)
        elif piece == "\x14":
            if stack:
                stack[-1] = False
        elif piece == "\x15":
            if stack:
                stack.pop()
        elif not any(stack):
            out.append(piece)
    return "".join(out)


def plain_text(raw: str) -> str:
    """Turn Word's text stream into lines: paragraphs by line, cells by tab, a table row a line.

    A cell ends in 0x07 and so does the row after its last cell. When the rows' end marks are known
    (``_ROW``, from the paragraphs' properties) every cell keeps its place, an empty one too; else two
    marks in a row (or a mark at a line end) close the row, and an empty last cell is lost.
    """
    text = _drop_field_codes(raw).translate(_MARKS)
    if _ROW in text:
        return text.replace("\x07" + _ROW, "\n").replace(_ROW, "\n").replace("\x07", "\t")
    return text.replace("\x07\x07", "\x07\n").replace("\x07\n", "\n").replace("\x07", "\t")


def read_doc(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the text of a Word 97-2003 document; encrypted → ``encrypted``, damaged → ``malformed``."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        word = ole.openstream("WordDocument").read()
        try:
            flags, total, fc_lcb, encrypted = _fib_fields(word)
        except Word95:
            yield problem_part("unsupported", location, kind=gettext_noop("Word 6.0/95 (.doc)"))
            return
        if encrypted:
            yield problem_part("encrypted", location)
            return
        table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise DocError(f"no {table_name} stream")
        table = ole.openstream(table_name).read()
    finally:
        ole.close()
    budget.consume(len(word) + len(table))
    row_ends = row_end_offsets(word, table, *fc_lcb(_FC_BTE_PAPX))
    text = plain_text(doc_text(word, table, *fc_lcb(_FC_CLX), total, row_ends))
    yield Part(location=location, text=text)
