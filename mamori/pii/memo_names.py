"""Recognise PERSON in memo lines that open with a full name, a remark or a contact after it.

Notes kept in offices name people at a line's start with no label, the structure after the name says
what it is:

- a note on each person after a colon (``北条 亮介：要再検査``, ``・沢井 真由美：異常なし``), a remark in
  brackets after a bullet (``・木戸 翔（通院）``);
- a contact after an arrow, a colon or a blank (``伊達 直樹（管理者）→ 090-…``, ``小野寺 恵: kei@…``).
- a credit's line, one enough (``撮影：春日 美樹（…）``, ``文：…``): a dictionary surname and given name;
- minutes' lines after a label (``出席　理事3名（伊達 直樹、小野寺 恵、北条 亮介）``, ``議事録署名人　伊達 直樹　小野寺 恵``,
  ``欠席　北条 亮介理事``) when every item of the line is a name, a head count or a remark in brackets.

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
from mamori.pii.name_words import KANJI, ROLES_ALONE, plausible_unknown
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

# The given name ends before a title glued to it (木暮 翼理事); the role line takes the title.
_GLUED_TITLE = "副?理事長?|監事|幹事|副?委員長?|顧問|院長"
_NAME = rf"([{KANJI}]{{1,4}}) ((?:(?!{_GLUED_TITLE})[{KANJI}]){{1,3}}|[\u3041-\u3096]{{2,4}})"
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
# An organisation in those brackets, where the person works or studies (県立看護大学, 南城市社協, 株式会社…):
# one line is enough.
_AFFILIATION = re.compile(
    r"\([^()\n]{0,20}?(?:大学|短大|大学院|高校|高等学校|中学校?|小学校|学校|学院|学園|病院|クリニック|医院|"
    r"市役所|区役所|役所|役場|県庁|社協|協議会|協会|組合|財団|法人|株式会社|有限会社|\(株\)|会社|センター|"
    r"事務所|研究所|事務局|支店|営業所|工業|商事|銀行)\)"
)
# A group of a neighbourhood association or a class, numbered or lettered (1班, 第2班, A組, 3組長): a role.
_GROUP = r"第?[0-9A-Za-z]{1,2}[班組]長?"
# A role, then the name on the rest of the line (credits, a programme: 舞台監督　岸本 恵理, 議長：相良 早苗 理事長).
_ROLE_LINE = re.compile(
    rf"^(?:[^\sA-Za-z0-9:()]{{1,8}}|{_GROUP})(?: +|:) ?{_NAME}(?:さん|様|{_GLUED_TITLE})?(?: ?\([^()\n]{{1,24}}\))?(?: [^\s]{{1,6}})? *(?:[、,] ?|$)",
    re.MULTILINE,
)
# A credit's role (撮影：, 文：, イラスト：): one line of it names a person, whose given name may be a surname too.
_CREDIT = re.compile(
    r"\n?(?:撮影|写真|文|絵|取材|編集|構成|監修|題字|イラスト|デザイン|作画|作詞|作曲|編曲|演出|脚本|原作|翻訳|執筆)"
    r"(?: +|:)"
)

# A result line of a school's or a cram school's page: the school, 合格 / 進学 / 入学 and the pupil's name
# (福島県立安積高等学校 合格　三浦 真一（郡山第二中出身）, 東北大学 工学部 合格 堀内 拓真さん).
_RESULT = re.compile(
    r"^(?:[^\s]{1,20} ){0,2}[^\s]{0,20}(?:学校|高校|大学|学部|学科|高専|学院|学園|中学) ?(?:合格|進学|入学)(?: +|:) ?"
    rf"{_NAME}(?:さん|くん|様)?{_REMARK} *$",
    re.MULTILINE,
)
# Minutes name who attended, was absent, chairs or signs after a label at a line's start and a colon or
# a blank: 出席　理事5名（相馬 健吾、木暮 翼）、監事1名（真鍋）, 欠席　木暮 翼理事, 議事録署名人　相馬 健吾　木暮 翼.
_MINUTES = re.compile(
    rf"^(?:{_BULLET})?(?:出席者?|欠席者?|参加者|陪席者?|来賓|議事録署名人|署名人|書記|議長|司会者?)(?: ?: ?| +)([^\n]+)",
    re.MULTILINE,
)
# A role and a head count opening a bracketed list (理事5名（, 委員 3名: ), or a count alone (計8名).
_COUNT = re.compile(rf"(?:[{KANJI}]{{1,6}} ?)?\d{{1,3}} ?[名人](?: ?中 ?\d{{1,3}} ?[名人])? ?(?:[(:] ?)?")
_RUN = re.compile(
    rf"([{KANJI}]{{1,8}})(?: ([{KANJI}]{{1,5}}|[\u3041-\u3096]{{2,4}})(?![{KANJI}\u3041-\u3096]))?"
)
# Titles minutes write after a name, glued or not (木暮 翼理事, 相馬監事, 真鍋 様).
_AFTER_NAME = re.compile(r"(?:副?理事長?|監事|幹事|副?委員長?|顧問|副?会長|会計|書記|院長|様|さん|氏)\Z")
_SKIP = re.compile(r"[ 、,・)]+|\([^()\n]{1,24}\)|以上|ほか|他")

_AT_LINE = rf"(?:^|\n)(?:{_BULLET})?[{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096]{{1,4}}(?:さん|様)?"
TRIGGERS = Triggers(
    search=(
        re.compile(rf"{_AT_LINE}(?: ?\([^()\n]{{1,24}}\))? ?(?::|→|->|⇒|=>|\t| [0A-Za-z])"),
        re.compile(rf"{_AT_LINE} ?\("),
        re.compile(
            rf"(?:^|\n)(?:[^\sA-Za-z0-9:()]{{1,8}}|{_GROUP})(?: +|:) ?[{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096]{{1,4}}"
        ),
        _MINUTES,
        _RESULT,
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
        (_RESULT, True),
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
            if pattern is _BRACKETED and _AFFILIATION.match(text, m.end() - 1):
                verdict = _verdict(text, m, True)  # 門脇 彩乃（県立看護大学）: where the person belongs
            elif pattern is _ROLE_LINE and _CREDIT.match(text, m.start()):
                verdict = _credited(text, m)  # 撮影：春日 美樹: a credit names who made the work
            else:
                verdict = _verdict(text, m, alone)
            while found is not None and verdict is not None:  # 真鍋 千代子、桐谷 千代子: the names after it
                (sure if verdict else likely).append((found.start(1), found.end(2)))
                found = _MORE.match(text, found.end(2))
                verdict = None if found is None else _verdict(text, found, False)
    for m in _MINUTES.finditer(text):
        sure.extend(_minutes_names(text, m.start(1), m.end(1)))
    names = sure + likely if len(sure) + len(likely) >= MIN_LINES else sure
    return [(s, e, "PERSON", 2) for s, e in sorted(names)]


_PARTICLES = frozenset("より から まで です ほか など".split())


def _minutes_names(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """Return the names of a minutes line's value, when every item of it is a name, a role's head count
    or a remark in brackets; a line with any other word (出席 予定どおり, 議長 互選により選出) names none."""
    found: list[tuple[int, int]] = []
    maybe: list[tuple[int, int]] = []
    while pos < end:
        skip = _SKIP.match(text, pos, end) or _COUNT.match(text, pos, end)
        if skip:
            pos = skip.end()
            continue
        m = _RUN.match(text, pos, end)
        if m is None:
            return []
        first, second = m.group(1), m.group(2)
        if second and (second in surnames() and second not in given_names() or _AFTER_NAME.match(second)):
            second = None  # 相馬 木暮: two surnames listed; 木暮 翼 理事: a title after the name
        last = _strip_title(second or first)
        if second:
            name_end = m.start(2) + len(last)
            sur, given = (
                first in surnames(),
                last in given_names() or _hiragana(last) and last not in _PARTICLES,
            )
            known = (sur or given) and plausible_unknown(first + last) and not (_town(first) and not given)
            known = known and (
                sur or not _hiragana(last)
            )  # 市長 ほか: a kana given name after a surname only
        else:
            name_end = m.start(1) + len(last)
            known = last in surnames() and (len(last) >= 2 or len(last) < len(first))
        if not known and second and plausible_unknown(first + last) and len(first) <= 4:
            maybe.append(
                (m.start(1), name_end)
            )  # 巾 竜也: a name no dictionary holds, if a known one is listed
        elif not known or not last or not_a_name(text, m.start(1), name_end):
            if first in ROLES_ALONE and not second:
                pos = m.end(1)
                continue  # 会長 相馬 健吾: a role before the name
            return []
        else:
            found.append((m.start(1), name_end))
        pos = m.end(2) if second else m.end(1)
    return found + maybe if found else []


def _strip_title(word: str) -> str:
    title = _AFTER_NAME.search(word)
    return word[: title.start()] if title else word


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


def _credited(text: str, m: re.Match[str]) -> bool | None:
    """Return True when a credit's line names a dictionary surname and given name (春日 美樹: a town's name
    and a surname too, which a memo line alone does not take), else what a role line's verdict is."""
    if (
        m.group(1) in surnames()
        and m.group(2) in given_names()
        and not not_a_name(text, m.start(1), m.end(2))
    ):
        return True
    return _verdict(text, m, False)


def _hiragana(word: str) -> bool:
    return all("\u3041" <= c <= "\u3096" for c in word)


def _town(word: str) -> bool:
    return any(word + end in municipalities() for end in "市町村区")
