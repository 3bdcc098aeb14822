"""Read the text of RTF documents (WordPad, Word, LibreOffice, TextEdit) with :mod:`striprtf`.

striprtf decodes ``\\uN`` escapes (skipping their fallback characters, ``\\ucN``), ``\\'xx`` bytes in
the document's code page (``\\ansicpg932``) or the font's charset (``\\fcharset128`` = CP932), and
skips ``\\*`` destinations, font and colour tables, pictures and document properties; headers,
footers and footnotes are read (as lines after a line break). Table cells
come tab-separated with a row a line, as the other readers give them: ``\\cell`` is turned into a
tab before striprtf sees it (striprtf writes ``|``, which would glue a cell to its column's header
for :mod:`mamori.pii.tables`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Budget, Part
from .text import decode_bytes

_CELL = re.compile(rb"\\(?:nest)?cell(?![a-zA-Z])(-?\d+)? ?")
# Headers, footers and footnotes are text a person wrote (担当：山田); striprtf skips them as destinations.
_MARGINS = re.compile(rb"\\(?:(?:header|footer)[lrf]?|footnote)(?![a-zA-Z])(-?\d+)? ?")
# A group opening, or an escape (``\\{`` is a brace of the text) to leave alone.
_GROUP = re.compile(rb"\\[^a-zA-Z0-9]|\{")
_BIN = re.compile(rb"\\bin(\d{1,10}) ?")


def _one_group_a_line(data: bytes) -> bytes:
    """Start each group on a line of its own; RTF ignores line breaks in its markup.

    striprtf first rewrites hyperlink fields with a regular expression whose ``.*`` runs along a line:
    on a long line of unclosed ``{\\field{\\*\\fldinst{HYPERLINK`` groups its time grows with the cube
    of the line (13 KB took 0.5 s, so a crafted attachment could hold the mail guard). A line that
    holds one group opening at most cannot match, so the rewrite is skipped; the fields' shown text
    (``\\fldrslt``) is read all the same.
    """
    return _GROUP.sub(lambda m: b"\n{" if m.group() == b"{" else m.group(), data)


def _drop_binary(data: bytes) -> bytes:
    """Cut the raw bytes of ``\\binN`` (pictures, objects) out before the markup is edited or decoded."""
    out, at = [], 0
    while (found := data.find(b"\\bin", at)) >= 0:
        match = _BIN.match(data, found)
        if match is None:
            out.append(data[at : found + 4])
            at = found + 4
            continue
        out.append(data[at:found])
        at = match.end() + int(match.group(1))
    out.append(data[at:])
    return b"".join(out)


def rtf_source(data: bytes) -> str:
    """Return the RTF markup of *data* as text.

    RTF is 7-bit: what is not ASCII is escaped. Some writers put raw 8-bit text in it all the same
    (old Japanese tools: Shift_JIS bytes); such a file is decoded as text files are (UTF-8, CP932 ...).
    """
    if data.isascii():
        return data.decode("ascii")
    return decode_bytes(data)[0]


def rtf_text(data: bytes) -> str:
    """Return the plain text of the RTF document *data*."""
    from striprtf.striprtf import rtf_to_text

    data = data.removeprefix(b"\xef\xbb\xbf").lstrip()  # what editors leave before {\\rtf is no text
    markup = _MARGINS.sub(rb"\\par ", _CELL.sub(rb"\\tab ", _drop_binary(data)))
    source = rtf_source(_one_group_a_line(markup))
    return rtf_to_text(source, encoding="cp1252", errors="replace").replace("\t\n", "\n")


def read_rtf(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the text of an RTF document."""
    budget.check_time()
    yield Part(location=location, text=rtf_text(data))
