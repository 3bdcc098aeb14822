"""Words of a business named in roman letters (Bay English Academy, hair salon Lino), for ``corporate.py``.

A salon, a school or a café often names itself in roman letters only, with no 株式会社, 教室 or 店: its
footer (〒… / TEL …) under `salon de Fleur` or `Oita Kids English Club` looked like nobody's. The kind of
business in the name (Academy, Salon, Club, Studio, Clinic …) says it is one, as 教室 or サロン do: a
block holding one and no person is the business's, as one with its opening hours or a role mailbox. A word
counts as a whole word only (not `hair` in `chair`), capitalised or in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

# A guide's access and stay: a taxi, a bus company or an inn named in roman letters right before its
# number (Taxi: Nara Kotsu Taxi 0742-…); elsewhere on a line (Taxi: call our driver …) a label, no name.
_BEFORE_NUMBER_WORDS = "Taxi Kotsu Transport Travel Tours Ryokan Inn Hostel Onsen Museum"
_CAPITALISED = (
    "Academy School Salon Club Studio Clinic Dental Shop Store Bakery Gym Fitness Atelier Boutique Hair Nail "
    "Beauty Kitchen Restaurant Bistro Trattoria Hotel Garden Gardens Farm Factory Works Lab Labo Yoga Dance "
    "Coffee Company Group Design Consulting Motors Garage Pharmacy Florist Realty Center Centre Eikaiwa Juku "
    + _BEFORE_NUMBER_WORDS
).split()
# in lower case too, the few that English prose about a person hardly uses: hair salon Lino, salon de Fleur
_LOWER = "salon atelier boutique bakery bistro trattoria eikaiwa".split()


def _branches() -> list[str]:
    by_first: dict[str, set[str]] = {}
    for word in _CAPITALISED:
        for w in (word, word.upper(), *([word.lower()] if word.lower() in _LOWER else [])):
            by_first.setdefault(w[0], set()).add(w[1:])
    # one branch a first letter, starting with it (corporate's organisation words must: the regex engine
    # skips to the letters that can start one); a letter before it or a small letter after it makes it
    # part of another word (chair, Clubhouse)
    return [
        rf"{first}(?<![A-Za-z]{first})(?:{'|'.join(sorted(rests, key=lambda r: (-len(r), r)))})(?![a-z])"
        for first, rests in sorted(by_first.items())
    ]


_BRAND = re.compile("|".join(_branches()))


def names_business(words: str) -> bool:
    """Return whether roman ``words`` hold a business's kind (``Photo Studio MIKI``, ``Atelier Mori``)."""
    return _BRAND.search(words) is not None


# Contacts a text may hold for its brand words to be looked for: a footer or a flyer holds a few, a list
# or a log of hundreds holds no business's own block worth reading every window of.
MOST_CONTACTS = 200


def read_contacts(starts: Iterable[int]) -> list[int]:
    """Return the contacts' starts as ``brand_words`` reads them: past ``MOST_CONTACTS`` it reads none,
    so one more stands for all the rest (a list's thousands need no look)."""
    return list(islice(starts, MOST_CONTACTS + 1))


def brand_words(text: str, starts: list[int], around: int) -> list[int]:
    """Return where a business's kind in roman letters (Academy, Salon) stands within ``around`` characters
    of the contacts at ``starts`` (sorted): ``corporate``'s signals of an organisation's block.

    ``corporate`` gives no bare mobile's start: a mobile under a studio's name is its instructor's.
    """
    found: list[int] = []
    if len(starts) > MOST_CONTACTS:
        return found
    end = -1
    for start in starts:
        lo, hi = max(end, start - around), min(len(text), start + around)
        for m in _BRAND.finditer(text, lo, hi) if lo < hi else ():
            if not _signed(text, m.start()) and (
                m.group().capitalize() not in _LABEL_ALONE or _NUMBER_AFTER.match(text, m.end())
            ):
                found.append(m.start())
                below = _heading_alone(text, m.start())
                if below >= 0:
                    found.append(below)  # the flyer's heading over its TEL's block: its owner too
        end = max(end, hi)
    return found


_LABEL_ALONE = frozenset(_BEFORE_NUMBER_WORDS.split())
_NUMBER_AFTER = re.compile(r"[ \t]*[(（]?(?:Tel|TEL|Phone|電話)?[.:：]?[ \t]*\+?[0-9０-９]")

_HEADING_MAX = 40  # characters of a heading's line (Bay English Academy 大分), not a paragraph's


def _heading_alone(text: str, pos: int) -> int:
    """Return where the block under the line at ``pos`` starts when that line is a heading alone between
    blank lines (or the text's start), else -1."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if (
        line_end < 0
        or line_end - line_start > _HEADING_MAX
        or (line_start > 0 and not text[: line_start - 1].endswith("\n") and text[:line_start].strip())
        or not text.startswith("\n", line_end + 1)
    ):
        return -1
    below = line_end + 1
    while below < len(text) and text[below] in "\r\n":
        below += 1
    return below if below < len(text) else -1


# A person's post on the brand's line (Yoga Instructor, Studio NAGI): a member's signature, not the
# business's own block.
_POST = re.compile(
    r"(?<![A-Za-z])(?:Instructor|Teacher|Stylist|Trainer|Coach|Therapist|Manager|Director|Owner|CEO|"
    r"President|Designer|Engineer|Nurse|Doctor|Dr\.|Staff|Assistant|Tutor|Lecturer|Founder|Driver|Guide)(?![a-z])",
    re.IGNORECASE,
)


def _signed(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    return _POST.search(text, line_start, len(text) if line_end < 0 else line_end) is not None
