"""Stream a big plain-text file (text, CSV, log) or HTML page from disk with bounded memory.

The encoding is chosen as :func:`decode_bytes` chooses it, by reading the file once through
incremental decoders (ISO-2022-JP too, cut at line breaks); the text then comes out as parts of about
``PIECE`` bytes, cut at line ends, each with the character ``offset`` of its first character in the
whole text. HTML is fed part by part to the parser that keeps its visible text.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, BinaryIO

from .htmltext import TextCollector
from .model import Budget, MiB, Part, problem_part
from .text import (
    _BOMS,
    _SAMPLE,
    CSV_SUFFIXES,
    _japanese_score,
    decode_iso2022jp_from,
    fold_quoted_cells,
    utf16_codec,
)

STREAM_SIZE = 8 * MiB  # plain-text files bigger than this are streamed rather than read whole
PIECE = MiB  # bytes read per part
_SCORE_BYTES = 4 * MiB  # bytes of text scored to choose between cp932 and EUC-JP


class Iso2022JpDecoder:
    """Decode ISO-2022-JP block by block: each block up to its last line break, in the mode carried over."""

    def __init__(self, errors: str = "strict") -> None:
        self.mode = "ascii"
        self.rest = b""

    def decode(self, block: bytes, final: bool = False) -> str:
        data = self.rest + block
        cut = len(data) if final else data.rfind(b"\n") + 1
        self.rest = data[cut:]
        text, self.mode = decode_iso2022jp_from(data[:cut], self.mode)
        return text


def _decoder(codec: str, errors: str) -> Any:
    if codec == "iso-2022-jp":
        return Iso2022JpDecoder(errors)
    return codecs.getincrementaldecoder(codec)(errors)


def _decodes(fh: BinaryIO, codec: str, skip: int = 0) -> bool:
    """Tell whether the whole file decodes strictly as *codec* (read from *skip* on)."""
    fh.seek(skip)
    decoder = _decoder(codec, "strict")
    try:
        while block := fh.read(PIECE):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _score(fh: BinaryIO, codec: str) -> int:
    fh.seek(0)
    return _japanese_score(fh.read(_SCORE_BYTES).decode(codec, "ignore"))


def _has_escape(fh: BinaryIO) -> bool:
    """Tell whether the file holds ``ESC $`` (ISO-2022-JP), across block boundaries too."""
    fh.seek(0)
    tail = b""
    while block := fh.read(PIECE):
        if b"\x1b$" in tail + block[:1] or b"\x1b$" in block:
            return True
        tail = block[-1:]
    return False


def choose_encoding(fh: BinaryIO) -> tuple[str, str]:
    """Return ``(codec, errors)`` to decode the file as ``decode_bytes`` would."""
    fh.seek(0)
    head = fh.read(4)
    for bom, codec in _BOMS:
        if head.startswith(bom) and _decodes(fh, codec):
            return codec, "strict"
    fh.seek(0)
    sample = fh.read(_SAMPLE)
    if b"\x00" in sample and (utf16 := utf16_codec(sample)) is not None:
        return utf16, "strict" if _decodes(fh, utf16) else "replace"
    if _has_escape(fh) and _decodes(fh, "iso-2022-jp"):
        return "iso-2022-jp", "strict"
    if _decodes(fh, "utf-8"):
        return "utf-8", "strict"
    candidates = [codec for codec in ("cp932", "euc_jp") if _decodes(fh, codec)]
    if candidates:
        return max(candidates, key=lambda codec: _score(fh, codec)), "strict"
    import charset_normalizer

    fh.seek(0)
    best = charset_normalizer.from_bytes(fh.read(MiB)).best()
    if best is not None and _decodes(fh, best.encoding):
        return best.encoding, "strict"
    return "utf-8", "replace"


def stream_text(path: str | os.PathLike[str], location: str, budget: Budget) -> Iterator[Part]:
    """Return the parts of a big plain-text file.

    The caller has seen from the file's head that it is plain text. With ``max_part_chars`` set,
    reading stops after that many characters and the last part is marked ``truncated``. The line
    breaks inside quoted cells of a CSV / TSV / .txt file are made spaces as when it is read whole,
    a cell cut between two parts too.
    """
    fh = open(path, "rb")  # noqa: SIM115 - closed by the generator, or here
    try:
        chosen = choose_encoding(fh)
    except BaseException:
        fh.close()
        raise
    fold = PurePath(location.rsplit("!", 1)[-1]).suffix.lower() in CSV_SUFFIXES
    return _pieces(fh, location, chosen, budget, fold)


def stream_html(path: str | os.PathLike[str], location: str, budget: Budget) -> Iterator[Part]:
    """Yield the visible text of a big HTML file in parts, fed to the parser piece by piece."""
    collector = TextCollector()
    offset = 0
    for part in stream_text(path, location, budget):
        if part.problems:
            yield part
            return
        collector.feed(part.text)
        if part.truncated:
            collector.close()
        text = unicodedata.normalize("NFC", "".join(collector.chunks))
        collector.chunks.clear()
        if text or not offset:
            yield Part(location, text, part.encoding, offset=offset, truncated=part.truncated)
            offset += len(text)
        if part.truncated:
            return
    collector.close()
    if collector.chunks:
        yield Part(location, unicodedata.normalize("NFC", "".join(collector.chunks)), offset=offset)


def _pieces(
    fh: BinaryIO, location: str, chosen: tuple[str, str], budget: Budget, fold: bool
) -> Iterator[Part]:
    codec, errors = chosen
    encoding = codec if errors == "strict" else f"{codec} (with replacements)"
    max_chars = budget.limits.max_part_chars
    decoder = _decoder(codec, errors)
    offset = 0
    carry = ""
    with fh:
        fh.seek(0)
        try:
            while True:
                budget.check_time()
                block = fh.read(PIECE)
                text = carry + decoder.decode(block, final=not block)
                if block:  # hold back the last, unfinished line for the next part
                    line_end = text.rfind("\n") + 1
                    text, carry = (text[:line_end], text[line_end:]) if line_end else (text, "")
                if fold:
                    text, open_at = fold_quoted_cells(text)
                    if block and open_at < len(text):  # a quoted cell goes on in the next block
                        text, carry = text[:open_at], text[open_at:] + carry
                if max_chars is not None and offset + len(text) > max_chars:
                    yield Part(location, text[: max_chars - offset], encoding, offset=offset, truncated=True)
                    return
                if text:
                    yield Part(location, text, encoding, offset=offset)
                    offset += len(text)
                if not block:
                    return
        except OSError as exc:
            yield problem_part("unreadable", location, reason=exc.strerror or type(exc).__name__)
