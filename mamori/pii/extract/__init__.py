"""Extract text from files and mail attachments for personal-information detection.

``extract(path_or_bytes, name, limits)`` yields :class:`Part` objects: a location such as
``archive.zip!/名簿.xlsx!Sheet1``, its text, the encoding used when one was guessed, and problems
(``encrypted``, ``too_large``, ``ratio_exceeded``, ``depth_exceeded``, ``timeout``, ``malformed``,
``unsupported``, ...) as :class:`Problem` records. It never raises for bad input.
"""

from .core import extract, kind_of
from .model import INCOMPLETE, MESSAGES, Limits, Part, Problem
from .text import decode_bytes, decode_iso2022jp

__all__ = [
    "INCOMPLETE",
    "MESSAGES",
    "Limits",
    "Part",
    "Problem",
    "decode_bytes",
    "decode_iso2022jp",
    "extract",
    "kind_of",
]
