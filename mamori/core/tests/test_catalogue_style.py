"""The Japanese catalogue writes Japanese punctuation inside Japanese sentences (：（）、not : ( ) ,)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import mamori

JAPANESE = r"[\u3040-\u30ff\u4e00-\u9fff]"
ASCII_NEXT_TO_JAPANESE = re.compile(rf"{JAPANESE}[(),:;!?]|[(,:;!?]{JAPANESE}| · ")


def test_no_ascii_punctuation_inside_japanese_sentences():
    mo = Path(mamori.__file__).parent / "locale" / "ja" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    offending = []
    for key, text in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or "Markdown" in msgid:  # Markdown syntax is shown as typed
            continue
        plain = re.sub(r"%\(\w+\)[sd]", "X", text)
        if ASCII_NEXT_TO_JAPANESE.search(plain):
            offending.append(text)
    assert offending == []
