"""Extract text from files and mail attachments for personal-information detection.

``extract(path_or_bytes, name, limits)`` yields :class:`Part` objects: a location such as
``archive.zip!/名簿.xlsx!Sheet1``, its text, the encoding used when one was guessed, and problems
(``encrypted``, ``too_large``, ``ratio_exceeded``, ``depth_exceeded``, ``timeout``, ``malformed``,
``unsupported``, ``binary`` ...) as :class:`Problem` records. It never raises for bad input.

Formats: text and CSV (UTF-8, CP932, EUC-JP, ISO-2022-JP, UTF-16 with or without a BOM), HTML (each
table row one line of tab-separated cells, as a spreadsheet's), xlsx / xlsm / xlsb / xls / ods,
docx, Word 97-2003 .doc, pptx, PowerPoint 97-2003 .ppt, odt / odp, RTF, PDF (text layer), .eml
(with attachments), Outlook .msg, Outlook .pst / .ost (libpff, read on demand), zip (CP932 names),
tar, gzip / bzip2 / xz. Not read, reported
``unsupported``: Word 6/95 .doc, RAR, 7-Zip, images, programs (under names that say so). Binary
content under a name that claims text or a format we read (an executable or image renamed
``名簿.csv``), or of no known format, is reported ``binary``: not read.
A plain-text or HTML file bigger than ``STREAM_SIZE`` given by path is streamed in several parts
(``offset``); the XML of docx, pptx, odt / odp and of xlsx sheets over ``STREAM_SHEET_BYTES`` is
streamed too, a long document or sheet coming in parts of about a million characters. Comments and
notes come after the text as parts of their own (``a.docx!comments``, ``a.docx!footnotes``,
``a.xlsx!Sheet1!comments``, ``a.pptx!comments``, ``a.ods!comments``; see :mod:`.comments`).
The mail guard passes attachments as bytes: ``extract(payload, name="名簿.xlsx", limits=Limits())``.
"""

from .core import extract, kind_of
from .model import INCOMPLETE, MESSAGES, Limits, Part, Problem
from .model import LABELS as PROBLEM_LABELS
from .stream import STREAM_SIZE
from .text import decode_bytes, decode_iso2022jp

__all__ = [
    "INCOMPLETE",
    "MESSAGES",
    "Limits",
    "Part",
    "PROBLEM_LABELS",
    "Problem",
    "STREAM_SIZE",
    "decode_bytes",
    "decode_iso2022jp",
    "extract",
    "kind_of",
]
