"""Read the text of PowerPoint 97-2003 presentations (.ppt): the text atoms of their record stream.

The ``PowerPoint Document`` stream of the OLE file is a tree of records ([MS-PPT] 2.3.1): a container
(``recVer`` 0xF) holds records, an atom holds data. Text typed on slides, in notes and on masters is in
``TextCharsAtom`` (UTF-16) and ``TextBytesAtom`` (one byte a character: the low byte of UTF-16, that is
Latin-1) records; a walk that steps into every container and over every atom finds them all, in the
order of the stream (slides in the order they were last saved, not always their show order).
Paragraphs (``\\r``) and line breaks (``\\v``) come one per line, each text box after the other.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from .model import Budget, Part

_CONTAINER = 0xF
_TEXT_CHARS = 0x0FA0
_TEXT_BYTES = 0x0FA8
_CHECK_EVERY = 20000  # records between two time-budget checks


class PptError(ValueError):
    """The record stream is not what [MS-PPT] describes (a damaged file)."""


def ppt_text(stream: bytes, budget: Budget | None = None) -> str:
    """Return the text of the text atoms of a ``PowerPoint Document`` *stream*, a text box a line."""
    out: list[str] = []
    at, end, seen = 0, len(stream), 0
    while at + 8 <= end:
        head = int.from_bytes(stream[at : at + 2], "little")
        kind = int.from_bytes(stream[at + 2 : at + 4], "little")
        size = int.from_bytes(stream[at + 4 : at + 8], "little")
        at += 8
        seen += 1
        if budget is not None and seen % _CHECK_EVERY == 0:
            budget.check_time()
        if head & 0xF == _CONTAINER:
            continue  # its records follow: step into it
        if at + size > end:
            raise PptError("a record runs past the end of the stream")
        if kind == _TEXT_CHARS:
            out.append(stream[at : at + size].decode("utf-16-le", errors="replace"))
        elif kind == _TEXT_BYTES:
            out.append(stream[at : at + size].decode("latin-1"))
        at += size
    return "\n".join(text.replace("\r", "\n").replace("\v", "\n") for text in out)


def read_ppt(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the text of a PowerPoint 97-2003 presentation (encryption was checked by the caller)."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        stream = ole.openstream("PowerPoint Document").read()
    finally:
        ole.close()
    budget.consume(len(stream))
    yield Part(location=location, text=ppt_text(stream, budget))
