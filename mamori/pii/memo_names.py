"""Recognise PERSON in memo lines that open with a full name, a remark or a contact after it.

Notes kept in offices name people at a line's start with no label, the structure after the name says
what it is:

- a note on each person after a colon (``北条 亮介：要再検査``, ``・沢井 真由美：異常なし``), a remark in
  brackets after a bullet (``・木戸 翔（通院）``);
- a contact after an arrow, a colon or a blank (``伊達 直樹（管理者）→ 090-…``, ``小野寺 恵: kei@…``).

A name there is a surname, a space and a given name. A line whose surname and given name are both in the
dictionaries (a given name of today in hiragana too) is one alone, as is a line whose contact follows the
name; otherwise two lines or more of the text must have that shape, each with a dictionary surname or
given name (``細萱 修：欠席``). The space makes the cut: ``松本 出張：…`` is a trip, not a name, since 出張 is
no given name and the line has no other like it; relations, roles and departments (``not_a_name``) are
none.
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import given_names, municipalities, surnames
from mamori.pii.name_words import KANJI, plausible_unknown
from mamori.pii.names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_NAME = rf"([{KANJI}]{{1,4}}) ([{KANJI}]{{1,3}}|[\u3041-\u3096]{{2,4}})"
_BULLET = r"[・\-*●○◆■□◇▪•] ?"
_REMARK = r"(?: ?\([^()\n]{1,24}\))?"
_CONTACT = (
    r"(?:0\d{1,4}-\d{1,4}-\d{3,4}|0[5789]0\d{8}|0\d{9}|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})"
)
# A name, maybe a remark in brackets, then a colon (a note), or a contact after an arrow, a colon or blanks.
_NOTE = re.compile(
    rf"^(?:{_BULLET})?{_NAME}(?:さん|様)?{_REMARK} ?(?::|(?:→|->|⇒|=>) ?(?={_CONTACT}))", re.MULTILINE
)
_CONTACT_LINE = re.compile(
    rf"^(?:{_BULLET})?{_NAME}(?:さん|様)?{_REMARK}(?: ?[:→⇒\t]| ) ?{_CONTACT}", re.MULTILINE
)
# A remark in brackets after the name (・木戸 翔（通院）, 門田 拓真（東都栄養科学大学）).
_BULLETED = re.compile(rf"^{_BULLET}{_NAME}(?:さん|様)? ?\(", re.MULTILINE)
# Without a bullet, a name and brackets (田中 一郎（Ichiro TANAKA）) say nothing alone: two lines must.
_BRACKETED = re.compile(rf"^{_NAME}(?:さん|様)? ?\(", re.MULTILINE)
# A role, then the name on the rest of the line (credits, a programme: 舞台監督　岸本 恵理, 議長：相良 早苗 理事長).
_ROLE_LINE = re.compile(
    rf"^[^\sA-Za-z0-9:()]{{1,8}}(?: +|:) ?{_NAME}(?:さん|様)?(?: ?\([^()\n]{{1,24}}\))?(?: [^\s]{{1,6}})? *(?:[、,] ?|$)",
    re.MULTILINE,
)

_AT_LINE = rf"(?:^|\n)(?:{_BULLET})?[{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096]{{1,4}}(?:さん|様)?"
TRIGGERS = Triggers(
    search=(
        re.compile(rf"{_AT_LINE}(?: ?\([^()\n]{{1,24}}\))? ?(?::|→|->|⇒|=>|\t| [0A-Za-z])"),
        re.compile(rf"{_AT_LINE} ?\("),
        re.compile(
            rf"(?:^|\n)[^\sA-Za-z0-9:()]{{1,8}}(?: +|:) ?[{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096]{{1,4}}"
        ),
    )
)
MIN_LINES = 2


def find_memo_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the full names that open memo lines before a note or a contact."""
    sure: list[tuple[int, int]] = []
    likely: list[tuple[int, int]] = []
    seen: set[int] = set()
    shapes = (
        (_CONTACT_LINE, True),
        (_NOTE, False),
        (_BULLETED, False),
        (_BRACKETED, None),
        (_ROLE_LINE, False),
    )
    for pattern, alone in shapes:
        for m in pattern.finditer(text):
            if m.start(1) in seen:
                continue
            seen.add(m.start(1))
            if m.group(2) in _PARTICLES:  # 事務局長 難波 より: a signature's "from", no given name
                if pattern is _ROLE_LINE and _SIGNER.search(text, 0, m.start(1)) and m.group(1) in surnames():
                    sure.append((m.start(1), m.end(1)))
                continue
            found: re.Match[str] | None = m
            verdict = _verdict(text, m, alone)
            while found is not None and verdict is not None:  # 真鍋 千代子、桐谷 千代子: the names after it
                (sure if verdict else likely).append((found.start(1), found.end(2)))
                found = _MORE.match(text, found.end(2))
                verdict = None if found is None else _verdict(text, found, False)
    names = sure + likely if len(sure) + len(likely) >= MIN_LINES else sure
    return [(s, e, "PERSON", 2) for s, e in sorted(names)]


_PARTICLES = frozenset("より から まで です ほか など".split())
# The role before a signer's surname (事務局長, 担当, 幹事, 総務部): a word only a person or a unit is.
_SIGNER = re.compile(r"(?:長|担当|係|幹事|委員|代表|役|員|者|部|課|室|班|局|会|チーム|リーダー) +\Z")
_MORE = re.compile(rf"[、,] ?{_NAME}(?=[、,(\s]|$)")


def _verdict(text: str, m: re.Match[str], alone: bool | None) -> bool | None:
    """Return True for a sure name, False for a likely one (two lines of them make it), None for none."""
    first, second = m.group(1), m.group(2)
    sur = surnames()
    known_first, known_second = first in sur, second in given_names() or _hiragana(second)
    if known_first and known_second and second not in sur:
        if not_a_name(text, m.start(1), m.end(2)):
            return None
        return alone is not None  # 相良 早苗 (相良町 a town too), 野添 結衣; None: never alone
    if not (known_first or known_second) or not plausible_unknown(first + second):
        return None
    if (second in sur and not known_first) or _town(first) or _town(second):
        return None
    if not_a_name(text, m.start(1), m.end(2)):
        return None
    return bool(known_first and alone)


def _hiragana(word: str) -> bool:
    return all("\u3041" <= c <= "\u3096" for c in word)


def _town(word: str) -> bool:
    return any(word + end in municipalities() for end in "市町村区")
