"""Normalise text to NFKC and keep a map of its offsets back to the original text.

Detection runs on the NFKC form (full-width digits and letters become ASCII, the ideographic space a
space) plus a fold of dash look-alikes between digits to ``-``. Most of these changes keep the length,
so the offset map only records breakpoints where a run changed length (half-width kana with voicing
marks, ``㈱`` and the like); texts without such runs map back by identity at no cost.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

# Characters NFKC may change; runs of anything else are left alone without looking at them. Runs are
# written ``[c][c]*``, not ``[c]+``: a pattern that starts with a class lets the regex engine skip to its
# characters, one that starts with a repeat tries a match at every position (4 times slower).
_STABLE = r"\x00-\x7e\u3001-\u3002\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff"
_UNSTABLE = re.compile(rf"[^{_STABLE}][^{_STABLE}]*")
_DASHES = "\u30fc\u2212\u2010\u2011\u2012\u2013\u2014\u2015\uff70\u30fb"  # ー − ‐ ‑ ‒ – — ― ｰ ・
_DASH_BETWEEN_DIGITS = re.compile(rf"[{_DASHES}](?<=\d.)(?=\d)")
_HALF_WIDTH_MARKS = "\uff9e\uff9f"
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000][\uff01-\uff5e\u3000]*")
_FULL_WIDTH_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _fold_full_width(m: re.Match[str]) -> str:
    return m.group().translate(_FULL_WIDTH_TABLE)


@dataclass
class Normalized:
    """Hold the normalised text and the breakpoints that map its offsets to the original."""

    text: str
    original_length: int
    # (first normalised offset after a length change, original minus normalised offset from there on)
    breaks: list[tuple[int, int]] = field(default_factory=list)

    def to_original(self, pos: int) -> int:
        """Return the original offset of the normalised offset ``pos``."""
        if not self.breaks:
            return pos
        i = bisect_right(self._keys, pos) - 1
        return pos if i < 0 else min(pos + self.breaks[i][1], self.original_length)

    def __post_init__(self) -> None:
        self._keys = [b[0] for b in self.breaks]


# The common full-width characters of Japanese business text, folded with str.replace: a text holding
# no other character that NFKC changes then needs no regex pass at all.
_COMMON_WIDE = (("\uff08", "("), ("\uff09", ")"), ("\uff1a", ":"), ("\u3000", " "), ("\uff0c", ","))


def _fold_dashes(text: str) -> str:
    """Fold dash look-alikes between digits to ``-``.

    Most texts hold ー and ・ only in words: each occurrence is looked at with a string search, and the
    regex pass runs only when one stands between digits (or when dashes are too many to look at one by
    one), since scanning for the class cost a pass over every character.
    """
    if text.isascii():
        return text
    for dash in _DASHES:
        count = text.count(dash)
        if not count:
            continue
        if count > len(text) >> 6:
            return _DASH_BETWEEN_DIGITS.sub("-", text)
        at = text.find(dash)
        while at >= 0:
            if _DASH_BETWEEN_DIGITS.match(text, at):
                return _DASH_BETWEEN_DIGITS.sub("-", text)
            at = text.find(dash, at + 1)
    return text


def _split_units(run: str) -> list[str]:
    """Split a run into units that normalise independently (a half-width kana keeps its mark)."""
    units: list[str] = []
    for ch in run:
        if ch in _HALF_WIDTH_MARKS and units:
            units[-1] += ch
        else:
            units.append(ch)
    return units


def fold_line_ends(text: str) -> str:
    """Read CRLF and old-Mac CR line ends as LF, one character for one, so offsets stay put.

    A CRLF becomes a space and a newline, except that a blank line (CRLF CRLF) becomes four
    newlines: a block ends at a blank line, and a Windows memo's blank line must end it as an LF
    file's does. A lone CR is a line end of its own.
    """
    if "\r" not in text:
        return text
    text = text.replace("\r\n\r\n", "\n\n\n\n").replace("\r\n", " \n")
    return text.replace("\r", "\n")


def normalize(text: str) -> Normalized:
    """Return the NFKC form of ``text`` with the map of its offsets back to ``text``."""
    text = fold_line_ends(text)
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return Normalized(_fold_dashes(text), len(text))
    # Full-width ASCII and the ideographic space are most of what NFKC changes in Japanese business
    # text, and they map one to one: fold them first and most texts need no offset map at all. The
    # commonest few go by str.replace; the regex pass only when something else is left to normalise.
    text_in = text
    for wide, narrow in _COMMON_WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", text):
        return Normalized(_fold_dashes(text), len(text))
    text = _FULL_WIDTH.sub(_fold_full_width, text)
    if unicodedata.is_normalized("NFKC", text):
        return Normalized(_fold_dashes(text), len(text))
    parts: list[str] = []
    breaks: list[tuple[int, int]] = []
    last = 0
    out_len = 0
    delta = 0
    for m in _UNSTABLE.finditer(text):
        run = m.group()
        norm = unicodedata.normalize("NFKC", run)
        parts.append(text[last : m.start()])
        out_len += m.start() - last
        last = m.end()
        if len(norm) == len(run):
            parts.append(norm)
            out_len += len(norm)
            continue
        for unit in _split_units(run):
            n = unicodedata.normalize("NFKC", unit)
            parts.append(n)
            out_len += len(n)
            if len(n) != len(unit):
                delta += len(unit) - len(n)
                breaks.append((out_len, delta))
    parts.append(text[last:])
    return Normalized(_fold_dashes("".join(parts)), len(text_in), breaks)
