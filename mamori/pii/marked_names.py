"""Recognise PERSON in a surname alone that the shape of its line marks as a person's.

Records, plans and results name persons by the surname only, with no honorific and no label the name
rules know; the line around it says it is a person:

- a label of a person's part in a record (``学生：宍倉（文学部3年）``, ``相談者：堀``, ``患者：宍倉``);
- a timed line of an itinerary or a day's plan, the surname before what a person does (``05:50 岩崎 出発``,
  ``18:10 宍倉 帰社``);
- a scorer and the minute of the goal (``𠮷田（前半21分）``);
- a household in an address: surname + 邸 (``宍倉邸``; not ``旧宍倉邸``, a museum) and, after a block
  number, surname + 方 (``…9-8-7 井出方``: care of), the surname read as a person's by the analyser
  (``葉山邸``: a project named after a place);
- a member's code and surname, lines under a heading of members (``男性会員`` / ``M0123 高畑``);
- an airline's name of a passenger, surname / given name and a title (``HOSOKAWA/RYOTA MR``), or without
  a title after a label of a passenger or a name (``PASSENGER NAME: KOMINE/HARUKA``);
- a letter's salutation, a line of a surname and 様 alone before a greeting (``薬袋様`` / ``いつもお世話に…``):
  any kanji a name can hold, even a surname the analyser reads as common words (薬 + 袋, 雲母);
- a surname, a space and a desk before 様 (``北村 受付様``: whoever sits at the reception, by name);
- a funeral notice's deceased, a full name before 儀 after a relation or at a line's start
  (``亡父 村瀬トメ吉 儀``, ``故 早川 キヨ 儀``: the given name in katakana too, an old woman's);
- a full name standing as a word of a calendar event's summary (``SUMMARY:添乗 TK3021 野沢 千秋``: the
  staff on duty after the tour's code).

But for a salutation, the surname must be in the dictionaries (with the given name after it, if any, of a surname and a given
name) and no word that reads as another thing. In a timed line it must also read as a person's to the
analyser and be no municipality's name: ``06:00 松本 出発`` leaves from the city; a bare 発 / 着 in a
text naming a flight or a train, or beside another such line's town (``10:20 那覇 着``), is an itinerary's
place: ``7:35 羽田 発``.
"""

from __future__ import annotations

import re

from mamori.pii.analyser import reads_as_name
from mamori.pii.dictionaries import given_names, given_readings, municipalities, surnames, to_katakana
from mamori.pii.name_words import COMPANY_END, KANJI, ROLES_ALONE, plausible_unknown
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_SURNAME = rf"([{KANJI}]{{1,4}})(?: ([{KANJI}]{{1,3}}))?"
_ROLE = (
    "学生|生徒|児童|園児|患者|相談者|来談者|面談者|対象者|受講生|研修生|実習生|訪問者|来訪者|依頼者|"
    "当事者|被害者|加害者|通報者|申出人|相手方"
)
_ROLE_LABEL = re.compile(rf"(?:^|\n)[・\-*]? ?(?:{_ROLE}) ?: ?{_SURNAME}(?=[(\n]|\Z| \()")
_ACTION = (
    "出発|到着|着|発|集合|合流|帰着|帰社|帰宅|出社|退社|出勤|退勤|入室|退室|入場|退場|迎え|お迎え|送迎|"
    "引継ぎ|引き継ぎ|交代|点呼|起床|就寝|離席|戻り|外出|来社|挨拶|報告|発表|司会|乾杯|説明|チェックイン|チェックアウト"
)
_TIMED = re.compile(
    rf"(?:^|\n)\d{{1,2}}:\d{{2}}(?: ?[~-] ?\d{{1,2}}:\d{{2}})? +{_SURNAME} +(?:{_ACTION})(?=[ \n、。(]|\Z)"
)
# What follows a name, searched first (a literal the regex engine skips to), then the name before it.
_GOAL = re.compile(r"\((?:前半|後半|延長前半|延長後半) ?\d{1,3}分(?:\+\d{1,2})?\)")
_RESIDENCE = re.compile(rf"邸(?![{KANJI}])")
_CARE_OF = re.compile(r"方(?=[ \n]|様|\Z)")
_BEFORE = {
    _GOAL: re.compile(rf"(?<![{KANJI}])([{KANJI}]{{1,4}})\Z"),
    _RESIDENCE: re.compile(rf"(?<![{KANJI}旧])([{KANJI}]{{2,4}})\Z"),  # 官邸, 別邸, 旧古河邸: no household
    _CARE_OF: re.compile(rf"\d(?:番地?|号)? ([{KANJI}]{{2,4}})\Z"),
}
_SALUTATION = re.compile(rf"(?:^|\n)([{KANJI}]{{2,4}}) ?(?:様|さま|殿) ?\n")
_GREETING = re.compile(
    r"いつも|平素|拝啓|謹啓|前略|お世話に|はじめまして|初めまして|このたび|この度|先日は|ご無沙汰|お疲れ様|"
    r"こんにちは|突然のご連絡|ありがとうございます"
)
_ROLE_END = frozenset("者員社部課局長人主所店室係班会生先方家客校院園県府庁署省団協組")
_HEADING = re.compile(r"(?:^|\n)[^\n]{0,12}(?:会員|メンバー|名簿|参加者|男性|女性)[^\n]{0,12}\n\n?")
_MEMBER = re.compile(rf"[A-Z]{{0,3}}-?\d{{2,6}}[ \t]+{_SURNAME}[ \t]*(?=\n|\Z)")

# A PNR's name: the title makes it one (TOKYO/OSAKA is a route); the slash first, then the surname before it.
_PNR = re.compile(r"/[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)? (?:MR|MRS|MS|MISS|MSTR|DR|CHD|INF)\b")
_PNR_SURNAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Z'\-]+\Z")
# A PNR's name without a title after a label of a passenger or a name at a line's or a cell's start
# (PASSENGER NAME: KOMINE/HARUKA, Name (as in passport)\tYAMADA/TARO): the label makes it one.
_PNR_LABELLED = re.compile(
    r"(?:^|\n|\t|\|)[ \t]*(?:(?:[Pp]assenger|PASSENGER|PAX|[Pp]ax|[Tt]ravell?er|TRAVELL?ER|[Gg]uest|GUEST)"
    r"(?: ?(?:[Nn]ame|NAME))?|[Nn]ame|NAME|搭乗者名?|旅客名|氏名)"
    r"(?: ?[(（][^)）\n]{0,30}[)）])?[ \t]*[:：]?[ \t]*\n?[ \t]*"
    r"([A-Z][A-Z'\-]+/[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)?)(?![A-Za-z/])"
)
_NOT_PNR_PARTS = frozenset("AND OR NA TBA TBD NONE NIL UNKNOWN".split())

# A surname at a desk addressed by name (北村 受付様), and a funeral notice's deceased before 儀.
_DESK_ADDRESSEE = re.compile(
    rf"(?<![{KANJI}])([{KANJI}]{{1,4}}) (?:受付|総務|経理|人事|庶務|広報|事務|会計|窓口|フロント|営業)(?:様|さま|殿)"
)
_FUNERAL = re.compile(
    rf"(?:^|\n|亡(?:祖?[父母]|夫|妻|兄|姉|弟|妹)|故) ?([{KANJI}]{{1,4}}) ?"
    r"([\u4e00-\u9fff]{1,3}|[\u30a1-\u30fa][\u30a1-\u30faー]{1,3}[\u4e00-\u9fff]?|[\u3041-\u3096]{2,4}) ?儀(?=[ \n、。]|\Z)"
)
# A calendar event's summary (SUMMARY:添乗 TK3021 野沢 千秋), and a full name as a word of it.
_SUMMARY = re.compile(r"^(?:SUMMARY|DESCRIPTION)(?:;[^:\n]*)?:([^\n]+)", re.MULTILINE)
_WORD_NAME = re.compile(
    rf"(?<![^ /・:])([{KANJI}]{{1,4}}) ([{KANJI}]{{1,3}}|[\u3041-\u3096]{{2,4}})(?=[ /・(\\\r]|$)"
)

# The prefilter's triggers: the whole shapes, so that a list's 地方 or 邸宅 does not run every pattern.
TRIGGERS = Triggers(
    search=(
        _ROLE_LABEL,
        _TIMED,
        re.compile(rf"[{KANJI}]\((?:前半|後半|延長前半|延長後半) ?\d{{1,3}}分"),
        re.compile(rf"[{KANJI}]{{2}}邸(?![{KANJI}])"),
        re.compile(rf"\d(?:番地?|号)? [{KANJI}]{{2,4}}方(?=[ \n]|様|\Z)"),
        _HEADING,
        _PNR,
        _PNR_LABELLED,
        _SALUTATION,
        _DESK_ADDRESSEE,
        _FUNERAL,
        _SUMMARY,
    )
)
MIN_MEMBERS = 2


def find_marked_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the surnames their line marks as persons' (a role label, a timed plan, …)."""
    hits: list[Hit] = []
    colon = ":" in text
    for m in _ROLE_LABEL.finditer(text) if colon else ():
        hits.extend(_name(text, m))
    timetable: bool | None = None  # looked up at the first bare 発 / 着
    for m in _TIMED.finditer(text) if colon else ():
        if m.group(1) in _PLACE_LIKE or _town(m.group(1)) or not reads_as_name(m.group(1)):
            continue
        if m.group(0)[-2] == " " and (
            timetable if timetable is not None else (timetable := _timetable(text))
        ):
            continue  # 7:35 羽田 発 / 10:20 那覇 着: an itinerary's airports and stations
        hits.extend(_name(text, m))
    for after, before in _BEFORE.items():
        for a in after.finditer(text):
            name = before.search(text, max(0, a.start() - 8), a.start())
            if name is not None and (after is _GOAL or reads_as_name(name.group(1))):  # 葉山邸: a place's
                hits.extend(_name(text, name))
    if "\n" in text and any(word in text for word in _GROUP_WORDS):
        hits.extend(_members(text))
    for m in _SALUTATION.finditer(text) if "様\n" in text or "さま\n" in text or "殿\n" in text else ():
        if _salutation(text, m):
            hits.append((m.start(1), m.end(1), "PERSON", 2))
    for m in _DESK_ADDRESSEE.finditer(text) if " " in text else ():
        if m.group(1) not in _PLACE_LIKE and not _town(m.group(1)):
            hits.extend(_name(text, m))
    hits.extend(_funeral(text) if "儀" in text else ())
    for summary in _SUMMARY.finditer(text) if ":" in text else ():
        for m in _WORD_NAME.finditer(text, summary.start(1), summary.end(1)):
            hits.extend(_name(text, m))
    for m in _PNR.finditer(text) if "/" in text else ():
        surname = _PNR_SURNAME.search(text, max(0, m.start() - 30), m.start())
        if surname is not None:
            hits.append((surname.start(), m.end(), "PERSON", 2))
    for m in _PNR_LABELLED.finditer(text) if "/" in text else ():
        family, given = m.group(1).split(" ")[0].split("/")
        if _name_part(family) and _name_part(given) and not {family, given} & _NOT_PNR_PARTS:
            hits.append((m.start(1), m.end(1), "PERSON", 2))
    return hits


_GROUP_WORDS = ("会員", "メンバー", "名簿", "参加者", "男性", "女性")


_PLACE_LIKE = frozenset("本社 支社 本店 現地 会場 駅前 自宅 空港 全員 各自 一同".split())


def _name(text: str, m: re.Match[str]) -> list[Hit]:
    """Return the hit of a dictionary surname (and given name) in groups 1 (and 2) of ``m``, if it is one."""
    surname = m.group(1)
    given = m.group(2) if m.re.groups >= 2 else None
    if surname not in surnames() or (given is not None and given not in given_names()):
        return []
    end = m.end(2) if given is not None else m.end(1)
    return [] if not_a_name(text, m.start(1), end) else [(m.start(1), end, "PERSON", 2)]


def _funeral(text: str) -> list[Hit]:
    """Return the deceased a funeral notice names before 儀: a dictionary surname and a given name (a
    dictionary one or its reading in kana), the run cut where the dictionaries say when nothing parts it."""
    hits: list[Hit] = []
    sur, given, readings = surnames(), given_names(), given_readings()
    for m in _FUNERAL.finditer(text):
        first, second = m.group(1), m.group(2)
        if m.end(1) == m.start(2) and first not in sur:  # 村瀬清子 read as 村瀬清 + 子: cut it again
            run = first + second
            cut = next((n for n in (2, 3, 1) if run[:n] in sur and run[n:] in given), 0)
            first, second = run[:cut], run[cut:]
        reading = to_katakana(second.rstrip("吉衛門助郎"))
        if first in sur and (second in given or reading in readings):
            if not not_a_name(text, m.start(1), m.end(2)):
                hits.append((m.start(1), m.end(2), "PERSON", 2))
    return hits


def _salutation(text: str, m: re.Match[str]) -> bool:
    """Return whether the line of ``m`` is a letter's salutation to a person: a greeting within two lines
    below, and a run that is no role, group, company, place or word of time (ご担当者様, 株主様, 山田工業様)."""
    run = m.group(1)
    if run[-1] in _ROLE_END or run in ROLES_ALONE or run in COMPANY_END or not plausible_unknown(run):
        return False
    below = text[m.end() : m.end() + 120].split("\n", 3)[:3]
    return any(_GREETING.search(line) for line in below)


def _name_part(word: str) -> bool:
    """Return whether ``word`` can be a part of a PNR name: two letters or more, a vowel (HND/CTS is a route)."""
    return len(word) > 1 and any(vowel in word for vowel in "AEIOUY")


# A flight or a train (JAL903, NH 464便, のぞみ21号, 特急あずさ): a timed line's bare 発 / 着 is a place's.
_TRANSPORT = re.compile(
    r"(?<![A-Za-z])[A-Z]{2,3} ?\d{2,4}(?!\d)|便(?![利箋りせ乗])|\d{1,4}号(?![室車線館棟])|特急|快速|新幹線"
)
_BARE_MOVE = re.compile(rf"(?:^|\n)\d{{1,2}}:\d{{2}}[^\n]*? ([{KANJI}]{{1,4}}) +[発着](?=[ \n、。(]|\Z)")


def _timetable(text: str) -> bool:
    """Return whether the timed lines' bare 発 / 着 (7:35 羽田 発) are those of an itinerary's places: the
    text names a flight or a train, or another such line's word is a municipality (那覇 着) or a place."""
    if _TRANSPORT.search(text):
        return True
    return any(m.group(1) in _PLACE_LIKE or _town(m.group(1)) for m in _BARE_MOVE.finditer(text))


def _town(word: str) -> bool:
    return any(word + end in municipalities() for end in "市町村区")


def _members(text: str) -> list[Hit]:
    """Return the surnames of lines of a member's code and surname right under a heading of members."""
    hits: list[Hit] = []
    for heading in _HEADING.finditer(text):
        found: list[Hit] = []
        pos = heading.end()
        while (m := _MEMBER.match(text, pos)) is not None:
            if not _town(m.group(1)):  # A100 松本: a branch's or a route's place
                found.extend(_name(text, m))
            pos = m.end() + 1
        if len(found) >= MIN_MEMBERS:
            hits.extend(found)
    return hits
