"""Japanese fonts for the PDFs mamori writes (report drafts, training certificates).

A TrueType Japanese font (IPAex, Debian ``fonts-ipaexfont-*``) is embedded as a subset with a ToUnicode
map, so every reader shows and extracts the text without fonts of its own. Without those files the
built-in CID fonts HeiseiMin-W3 / HeiseiKakuGo-W5 are used: no file needed, but the reader supplies the
glyphs (Acrobat and poppler do, with their Japanese language packs).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

#: TrueType faces embedded when present: (registered name, path) for body and headings.
TTF_BODY = ("MamoriMincho", Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"))
TTF_HEADING = ("MamoriGothic", Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"))
CID_BODY = "HeiseiMin-W3"
CID_HEADING = "HeiseiKakuGo-W5"


def pdf_fonts() -> tuple[str, str]:
    """Register and return the (body, heading) PDF fonts: embedded TrueType if present, else CID."""
    registered = pdfmetrics.getRegisteredFontNames()
    if TTF_BODY[1].is_file() and TTF_HEADING[1].is_file():
        for name, path in (TTF_BODY, TTF_HEADING):
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(path)))
        return TTF_BODY[0], TTF_HEADING[0]
    for name in (CID_BODY, CID_HEADING):
        if name not in registered:
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    return CID_BODY, CID_HEADING
