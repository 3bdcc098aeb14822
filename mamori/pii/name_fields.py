"""PERSON in fields that a form, a roster or a grid makes name fields, without a label before each name.

- A vertical form's row ``相談者<TAB>澤村 千鶴`` (a docx or xlsx form read as tab-separated cells): the
  row's first cell is a name header of ``tables`` (相談者, 氏名, 相手方) and the second a name; a foreign
  name (``TRAN VAN DUC``, its reading ``チャン・ヴァン・ドゥック`` beside フリガナ) is one name.
- English honorifics, as さん in Japanese: ``Mr. Ryuichi Shoji, Ms. Yukiko Imamura`` (a hotel's guests);
  a passport page's ``Surname / Given names: DAVID MILLER`` at a line's start, and ``Name: Taro Yamada``
  when the name is romaji (not ``Name: Production Server``), or any full name in roman letters
  (``Name: Liam Carter``, ``Name: NGUYEN VAN THANH``) when the record's lines around it hold a field only a
  person's record has (Email, Phone, Nationality, Date of Birth, Room, Check-in …; not a menu's Allergies) and the name no word
  of a business, a place or a thing (``Name: Harbour Books Ltd`` / ``Phone: …``, ``Name: Lake View Suite``).
- A roster of offices, a role and a person a line (``会長　𠮷田 結衣`` / ``会計　松沢 昌平`` /
  ``監事　望月 葵、小口 蓮``): when three lines or more in a row are a word and a full name, and two of
  the words end like an office (会長, 部長, 委員), every line's full names are persons, whatever the role.
- A list after an attendance label (``出席：矢島、巾、中島、濵田、上條``): when most of its items are
  dictionary surnames or names, the others of one to four name kanji are surnames too (巾, 濵田); the
  label's own parser stops at the first it does not know.
- A grid of full names without a space (a seating chart: ``一ノ瀬あおい<TAB>海老原美紀<TAB>雨宮稔``):
  three rows or more of two cells or more, 80 % of the cells names that split into a dictionary
  surname and a given name.
- A profile's post and name on two lines (``院長`` / ``澤村 千鶴（歯学博士）``: a page's <dt> and <dd>).
- A name key's value in raw JSON (``"name": "川端 美沙緒"``): each value alone, so one real name among a
  fixture's test users is found; a form's sample name (山田 太郎) is a stand-in.
Each rule is structure (a form's row, a line shape repeated, a list's share of known names).
"""

from __future__ import annotations

import re

from mamori.pii.brand_words import names_business
from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.mail_names import is_romaji_name
from mamori.pii.name_columns import FOREIGN_NAME, unknown_surname_name
from mamori.pii.name_words import HEAD_POSTS, KANJI, NON_NAME, plausible_unknown
from mamori.pii.names import ROLE_WORD, parse_name
from mamori.pii.placeholder import is_sample_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit
from mamori.pii.tables import header_label

_FORM_ROW = re.compile(rf"^([{KANJI}\u30a1-\u30fa]{{2,8}})\t([^\t\n]{{2,24}})", re.MULTILINE)
# A passport page's or an English form's name fields (Surname / Given names: DAVID MILLER, Name: Taro Yamada).
# The value after a colon, or after a tab in a saved page's or a ticket's label / value rows (Surname<TAB>KOMINE).
_PASSPORT_NAME = re.compile(
    r"^(?:Surname|SURNAME|Family [Nn]ame|FAMILY NAME|Given [Nn]ames?|GIVEN NAMES?|First(?: \(Given\))? [Nn]ame|"
    r"FIRST NAME|Last [Nn]ame|LAST NAME)"
    r"(?: ?/ ?(?:Given [Nn]ames?|GIVEN NAMES?|Surname|SURNAME))?(?: ?: ?|\t)"
    r"([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,3}) *\r?$",
    re.MULTILINE,
)
_ENGLISH_NAME = re.compile(
    r"^(?:(Full [Nn]ame|FULL NAME|Guest [Nn]ame|GUEST NAME|Passenger(?: [Nn]ame)?|PASSENGER(?: NAME)?)|Name|NAME)"
    r"(?: ?: ?|\t)(?P<name>[A-Za-z]+(?: [A-Za-z]+){1,2}) *\r?$",
    re.MULTILINE,
)
# A field of a person's record near a bare Name: line (Email:, Nationality:, Room:, 国籍：).
_PERSON_FIELD = re.compile(
    r"^[ \t]*(?:E-?mail|Phone|Tel|Mobile|Cell|Address|Nationality|Date of Birth|DOB|Birthday|Gender|Sex|Age|"
    r"Passport|Room|Check-?in|Check-?out|Arrival|Departure|Occupation|Visa|Emergency|"
    r"国籍|電話|携帯|住所|生年月日|性別|年齢|連絡先|メール|部屋|旅券)[^:：\t\n]{0,12}(?::|：|\t)",
    re.IGNORECASE | re.MULTILINE,
)
# Words of a place or a thing a record names (a room type, a server, a plan), beside ROLE_WORD's and a
# business's kind (brand_words).
_THING_WORD = re.compile(
    r"\b(?:Room|Suite|Hall|Plan|Server|Floor|Building|Tower|Park|Station|Street|Road|Avenue|View|Edition|"
    r"Series|Model|Pack|Set|Box|Kit|Course|Menu|Class|Event|Festival|Bridge|Book|Books)\b",
    re.IGNORECASE,
)
_RECORD = 300  # characters each way of a bare Name: line that its record's other fields stand in
# An English form's emergency contact: a name, then a relation in brackets, a number or the line's end.
_EMERGENCY = re.compile(
    r"^(?:Emergency [Cc]ontact|EMERGENCY CONTACT)(?: [Nn]ame| [Pp]erson)?(?: ?: ?|\t)"
    r"([A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){1,2})(?= ?\([A-Za-z -]{2,20}\)|[ \t]*(?:\r?$|[,/]|\+?\d))",
    re.MULTILINE,
)
# A name of any language after a label only a person's name has (Full Name<TAB>Emily Rose Clark): capitalised.
_LATIN_FULL = re.compile(r"[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){1,2}|[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){1,2}")
_MISTER = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Mx|Dr)\.? ([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")
_FULL = rf"[{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096\u30a1-\u30fa]{{1,4}}"
_ROSTER_LINE = re.compile(rf"^([{KANJI}]{{2,6}})[ :]+({_FULL}(?:、{_FULL})*)(?=[(\s、]|$)", re.MULTILINE)
_OFFICE_END = ("長", "役", "員", "事", "問", "監")
# A profile's role and name on two lines, as a page's <dt>院長</dt><dd>…</dd> or a 会社概要 prints them
# (院長 / 瀬川 聡（歯学博士）): the role is a post only a person holds.
_PROFILE = re.compile(
    r"^(?:"
    + "|".join(HEAD_POSTS)
    + r"|担当医|主治医|歯科医師|獣医師|医師|税理士|弁護士|司法書士|行政書士|社会保険労務士|運営責任者|監督|講師)\n"
    rf"([{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096]{{1,4}})(?: ?\([^()\n]{{1,30}}\))? *$",
    re.MULTILINE,
)
_ATTENDANCE = re.compile(r"(?:出席者?|欠席者?|参加者?|メンバー)[:：] ?([^\n]{2,200})")
# A name key's value in raw JSON or a script's object literal ("name": "川端 美沙緒", 'customer_name': …):
# a fixture or an API example pasted as text, where the structured reader never sees it as a table.
_JSON_NAME = re.compile(
    r"[\"'](?:(?:full|person|user|customer|contact|member|patient|student|employee|guest|applicant|owner|"
    r"real)[_-]?)?(?:[Nn]ame|NAME)[\"'][ \t]*:[ \t]*[\"']([^\"'\n]{2,24})[\"']"
    r"|[\"'](?:氏名|名前|お名前|顧客名|会員名|利用者名)[\"'][ \t]*:[ \t]*[\"']([^\"'\n]{2,24})[\"']"
)
_KANJI_FULL = re.compile(rf"[{KANJI}]{{1,4}} [{KANJI}\u3041-\u3096]{{2,4}}")
_GRID_ROW = re.compile(
    rf"^[{KANJI}\u3041-\u3096]{{2,7}}(?:\t[{KANJI}\u3041-\u3096]{{2,7}})+\r?$", re.MULTILINE
)

TRIGGERS = Triggers(
    search=(
        _FORM_ROW,
        _PASSPORT_NAME,
        _ENGLISH_NAME,
        _EMERGENCY,
        _MISTER,
        _ROSTER_LINE,
        _ATTENDANCE,
        _GRID_ROW,
        _PROFILE,
        _JSON_NAME,
    )
)


def _name(value: str) -> bool:
    return parse_name(value, 0, strong=True) == len(value) or unknown_surname_name(value)


def _form_rows(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _FORM_ROW.finditer(text):
        value = m.group(2)
        cut = re.match(r"[^(（]+", value)
        name = cut.group().rstrip() if cut else value
        label = header_label(m.group(1))
        if label == "PERSON" and " " in name and _name(name):
            hits.append((m.start(2), m.start(2) + len(name), "PERSON", 3))
        elif label in ("PERSON", "KANA") and FOREIGN_NAME.fullmatch(name) and not ROLE_WORD.search(name):
            hits.append(
                (m.start(2), m.start(2) + len(name), "PERSON", 3)
            )  # TRAN VAN DUC, チャン・ヴァン・ドゥック
    return hits


def _roster(text: str) -> list[Hit]:
    lines = list(_ROSTER_LINE.finditer(text))
    hits: list[Hit] = []
    run: list[re.Match[str]] = []
    for i, m in enumerate(lines):
        run.append(m)
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is not None and text.count("\n", m.end(), following.start()) <= 1:
            continue  # the next roster line is on the next line: the run goes on
        offices = sum(1 for r in run if r.group(1).endswith(_OFFICE_END))
        if len(run) >= 3 and offices >= 2:
            for r in run:
                pos = r.start(2)
                for name in r.group(2).split("、"):
                    if _name(name):
                        hits.append((pos, pos + len(name), "PERSON", 3))
                    pos += len(name) + 1
        run = []
    return hits


_ITEM = re.compile(rf"[{KANJI}]{{1,4}}")


def _attendance(text: str) -> list[Hit]:
    hits: list[Hit] = []
    family = surnames()
    for m in _ATTENDANCE.finditer(text):
        items = m.group(1).split("、")
        if len(items) < 3:
            continue
        known = sum(1 for item in items if item in family or parse_name(item, 0) == len(item))
        if known * 3 < len(items) * 2:
            continue
        pos = m.start(1)
        for item in items:
            if _ITEM.fullmatch(item) and (
                item in family or plausible_unknown(item) or (len(item) == 1 and item not in NON_NAME)
            ):
                hits.append((pos, pos + len(item), "PERSON", 2))
            pos += len(item) + 1
    return hits


def _grid(text: str) -> list[Hit]:
    rows = list(_GRID_ROW.finditer(text))
    if len(rows) < 3:
        return []
    cells: list[tuple[int, str]] = []
    for row in rows:
        pos = row.start()
        for cell in row.group().rstrip("\r").split("\t"):
            cells.append((pos, cell))
            pos += len(cell) + 1
    names = [(pos, cell) for pos, cell in cells if len(cell) >= 3 and parse_name(cell, 0) == len(cell)]
    if len(names) * 5 < len(cells) * 4:
        return []
    return [(pos, pos + len(cell), "PERSON", 3) for pos, cell in names]


def find_field_persons(text: str) -> list[Hit]:
    """Return the names of forms' rows, English honorifics, rosters of offices, attendance lists and grids."""
    hits = _form_rows(text) if "\t" in text else []
    hits += [(m.start(1), m.end(1), "PERSON", 3) for m in _MISTER.finditer(text)]
    hits += [(m.start(1), m.end(1), "PERSON", 3) for m in _PASSPORT_NAME.finditer(text)]
    hits += [
        (m.start("name"), m.end("name"), "PERSON", 3)
        for m in _ENGLISH_NAME.finditer(text)
        if is_romaji_name(m["name"])
        or (
            _LATIN_FULL.fullmatch(m["name"])
            and not ROLE_WORD.search(m["name"])
            and (m[1] or _in_a_persons_record(text, m))
        )
    ]  # Name: Taro Yamada, not Name: Production Server; Full Name: Emily Rose Clark
    hits += [
        (m.start(1), m.end(1), "PERSON", 3) for m in _EMERGENCY.finditer(text) if not ROLE_WORD.search(m[1])
    ]
    hits += _roster(text) + _attendance(text)
    for m in _PROFILE.finditer(text):
        first, _, given = m.group(1).partition(" ")
        if (first in surnames() or len(given) >= 2 and given in given_names()) and _name(m.group(1)):
            hits.append((m.start(1), m.end(1), "PERSON", 3))
    if "\t" in text:
        hits += _grid(text)
    return hits + _json_names(text) if ":" in text else hits


def _in_a_persons_record(text: str, m: re.Match[str]) -> bool:
    """Return whether the bare ``Name:`` line *m* is a person's: its record (the lines up to a blank line,
    within ``_RECORD`` characters) holds a person's field, and its value names no thing."""
    if _THING_WORD.search(m["name"]) or names_business(m["name"]):
        return False
    start, end = m.span()
    lo = text.rfind("\n\n", max(0, start - _RECORD), start)
    lo = max(0, start - _RECORD) if lo < 0 else lo
    hi = text.find("\n\n", end, end + _RECORD)
    hi = min(len(text), end + _RECORD) if hi < 0 else hi
    return _PERSON_FIELD.search(text, lo, hi) is not None


def _json_names(text: str) -> list[Hit]:
    """Return the persons' names among a name key's values in raw JSON: each value is looked at alone, so a
    real name among a fixture's test users (テストユーザー1) is found and the test users stay none; a
    form's sample name (山田 太郎) is a fixture's stand-in."""
    hits: list[Hit] = []
    for m in _JSON_NAME.finditer(text):
        group = 1 if m.group(1) is not None else 2
        value = m.group(group)
        given = value.rpartition(" ")[2]
        named = len(value) >= 3 and (
            parse_name(value, 0, strict=True) == len(value)
            or (parse_name(value, 0) == len(value) and len(given) >= 2 and " " not in value)
            or (
                _KANJI_FULL.fullmatch(value) is not None
                and (parse_name(value, 0) == len(value) or given in given_names())
                and plausible_unknown(value.partition(" ")[0])
            )  # a surname the dictionaries lack: 柚木崎 千歳
        )  # 長野 県, 田中 alone, 田中 テスト, 中央 公園: no full name
        if named and not ROLE_WORD.search(value) and not is_sample_name(value):
            hits.append((m.start(group), m.end(group), "PERSON", 3))
    return hits
