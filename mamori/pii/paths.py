"""Find and mask person names in file paths (``応募書類/山田太郎_履歴書.docx``).

Shares are full of files and folders named after people: a CV, a personnel file, a customer's folder.
A path carries no context a label or honorific would give, so only a strong shape counts: a path part
(between ``/ _ - . ( )`` and spaces) that splits into a dictionary surname and a dictionary given name
(``山田太郎``, ``𠮷田美穂``), or a surname part followed by a given-name part (``山田_太郎``). Such a name is
masked like a PERSON value (``山田**``) wherever a path leaves the machine: the スキャン結果 page and its
uploads store and show the masked path only.
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import given_names, municipalities, surnames
from mamori.pii.names import KANJI
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_PART = re.compile(rf"[{KANJI}]{{2,7}}")
_SEPARATOR = re.compile(r"[ _\-\u3000・]")
_GIVEN_PART = re.compile(rf"[{KANJI}]{{1,3}}(?![{KANJI}])")
# One kanji after a surname and a separator that say what the file is, not whose (田中_済, 佐藤_正, 鈴木_旧).
_FILE_WORDS = frozenset("済新正原元上下中大小全旧控案改一二三甲乙前後")


# One-kanji "given names" that end place and company names far more often (宇都宮, 小田原, 伊藤忠).
_PLACE_ENDINGS = frozenset("原宮島川山田野沢澤井谷橋崎岡町村屋堂店館園寺坂浜松森林口本忠紅武丹")


def _split(token: str) -> int | None:
    """Return the length of the surname when ``token`` is surname + given name, both in the dictionaries.

    A name of two kanji (千葉, 西武, 京都) is too often a place or a company to tell from a path.
    """
    places = municipalities()
    if len(token) < 3 or any(token + s in places for s in "市区町村") or token.endswith(_PLACE_SUFFIX):
        return None
    sur, given = surnames(), given_names()
    for n in (2, 3, 1, 4):
        head, tail = token[:n], token[n:]
        if not tail or len(tail) > 3 or head not in sur or tail not in given:
            continue
        if len(tail) == 1 and (n == 1 or tail in _PLACE_ENDINGS):
            continue
        return n
    return None


_PLACE_SUFFIX = ("市", "区", "町", "村", "県", "郡", "駅", "店", "社", "所", "部", "課")


# Words of documents about one person: beside them, a surname followed by any given name is a name.
_PERSONAL_DOCUMENT = re.compile(
    r"履歴書|経歴書|応募|面接|内定|入社|退職|雇用契約|給与|賞与|源泉|扶養|身分証|免許証|保険証|住民票|診断書|"
    r"カルテ|問診|健康診断|人事|評価|誓約書"
)


def _split_by_document(path: str, token: str) -> int | None:
    """Return the length of the surname of ``token`` (柳田心春) when the path is a personal document's.

    Given names of today (心春, 陽翔) are not in the dictionary; in ``応募書類/履歴書_柳田心春.txt`` the
    document says that a dictionary surname followed by one to three more characters is a person.
    """
    if not _PERSONAL_DOCUMENT.search(path) or _PERSONAL_DOCUMENT.search(token):
        return None
    sur = surnames()
    for n in (2, 3):
        if n < len(token) <= n + 3 and token[:n] in sur and not token.endswith(_PLACE_SUFFIX):
            return n
    return None


def names_in_path(path: str) -> list[tuple[int, int, int]]:
    """Return (start, end, end of the surname) of the person names in ``path``."""
    found: list[tuple[int, int, int]] = []
    sur, given = surnames(), given_names()
    parts = list(_PART.finditer(path))
    for m in parts:
        if found and found[-1][1] > m.start():
            continue
        token = m.group()
        n = _split(token)
        if n is None:
            n = _split_by_document(path, token)
        if n is not None:
            found.append((m.start(), m.end(), m.start() + n))
            continue
        sep = _SEPARATOR.match(path, m.end())
        nxt = _GIVEN_PART.match(path, sep.end()) if sep and token in sur else None
        if (
            nxt is not None and nxt.group() in given and nxt.group() not in _FILE_WORDS
        ):  # 山田_太郎, 佐々木_隆
            found.append((m.start(), nxt.end(), m.end()))
    return found


def mask_path(path: str) -> str:
    """Return ``path`` with the given names masked (``山田太郎_履歴書.docx`` → ``山田**_履歴書.docx``)."""
    out = []
    last = 0
    for _start, end, surname_end in names_in_path(path):
        out.append(path[last:surname_end])
        out.append("**")
        last = end
    out.append(path[last:])
    return "".join(out)


# Paths written inside a text: a recent-files list, a backup or access log, a zip listing
# (C:\Users\…\履歴書_宇佐美結衣.txt, \\fs01\人事\…, /home/…/…): each is read as the scanner reads
# the path of a file.
_PATH_IN_TEXT = re.compile(
    r"(?:[A-Za-z]:\\|\\\\[\w.$-]+\\|/(?:home|Users|mnt|srv|share|data)/|~/)[^\t\n\r\"'<>|*?]+"
)
TRIGGERS = Triggers(search=(_PATH_IN_TEXT,))


def find_path_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the person names in the file paths a text holds."""
    hits: list[Hit] = []
    for m in _PATH_IN_TEXT.finditer(text):
        if m.group().isascii():
            continue
        hits.extend(
            (m.start() + start, m.start() + end, "PERSON", 2) for start, end, _ in names_in_path(m.group())
        )
    return hits
