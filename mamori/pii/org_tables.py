"""Find tables whose rows are organisations or sites by their header row (店舗名, 取引先名, 所在地).

A table whose header names an organisation column (店舗名, 拠点名, 取引先名, 物件名, 業者名, 所在地, 会場名) and no
person column (オーナー名, 入居者, any column the table reader takes for names) holds organisations'
contact data on every row; a column of readings (取引先名（カナ）) holds the organisations' names. In a
list of accounts the bank and branch columns name every account's bank, no organisation the rows are
about. ``name_column`` tells the header cells that head persons' names from a party's contact field.
"""

from __future__ import annotations

import re

from mamori.pii.accounts import company_reading
from mamori.pii.departments import SURNAMES_IN_BU
from mamori.pii.literals import words_pattern
from mamori.pii.owner import column_cells, header_rows, names_by_value
from mamori.pii.tables import header_label

# Header cells that name the organisation or site a row is about (not a person).
_ORG_HEADER = re.compile(
    r"^(?:店舗|店|拠点|事業所|営業所|支店|支社|施設|会社|企業|法人|取引先|仕入先|得意先|販売店|代理店|"
    r"発注先|委託先|外注先|協力会社|メーカー|銀行|団体|部署|部門|物件|建物|校舎|教室|医療機関|病院|学校|"
    r"[^\s]{0,4}業者|所在地|"
    # a list of venues (a party's or an event's): 会場名 銀座ルミエール, though no ホール names it
    r"(?:開催)?会場|宴会場|式場|開催場所)(?:名|名称)?$"
    # a CRM's or an accounting export's English header: Salesforce's Account Name, a vendor master's Vendor
    r"|^(?i:(?:account|company|organi[sz]ation|vendor|supplier|facility|store|branch|venue)(?:[ _]?name)?)$"
)
_PERSON_HEADER = re.compile(
    r"担当|氏名|名前|お名前|担当者|宛名|フリガナ|ふりがな|個人|生年月日|契約者|会員|顧客名|患者|社員|"
    r"オーナー|所有者|家主|貸主|借主|入居者|申込者|保護者|生徒|利用者|受取人|届け先|送付先|世帯主|"
    # what only persons have: a job title, a mobile, a first or last name (an address book's export)
    r"役職|肩書|携帯|(?i:first[ _]?name|last[ _]?name|given[ _]?name|family[ _]?name|full[ _]?name|job[ _]?title|mobile)"
)
# The unit in charge of a row (a facility's 担当部署, a list's 所管課): a section's name, no person's.
_UNIT_IN_CHARGE = re.compile(
    r"(?:担当|所管|主管)(?:部署|部門|部局|部課|課|係|室|窓口|セクション|事業所|営業所|支店)(?:名|名称)?"
)
_PERSONAL_COLUMNS = frozenset({"PERSON", "KANA", "ROMAJI", "DATE_OF_BIRTH", "MY_NUMBER"})


def person_column(cell: str) -> bool:
    """Return whether a header cell names persons (担当者, 講師名, 生年月日); 口座名義 may be a company's.

    The unit in charge (担当部署, 担当課, 所管部署) names a desk of the organisation, no person.
    """
    if _UNIT_IN_CHARGE.fullmatch(cell):
        return False
    if _PERSON_HEADER.search(cell):
        return True
    return "名義" not in cell and header_label(cell) in _PERSONAL_COLUMNS


def name_column(cell: str) -> bool:
    """Return whether a header cell heads names of persons, not a party's contact field or 名称.

    A carrier's export prefixes every column with its party (お届け先電話番号, お届け先名称１): the
    field decides, and a 名称 is what an organisation is called.
    """
    return person_column(cell) and _CONTACT_FIELD.search(cell) is None


_CONTACT_FIELD = re.compile(r"電話|TEL|Tel|FAX|Fax|携帯|郵便|〒|住所|メール|mail|番号|コード|名称")
# A contact field a person's word says is a person's (従業員住所, 自宅電話, 本人携帯): a staff list by site.
_STAFF_WHO = ("従業員", "職員", "社員", "スタッフ", "自宅", "本人")
_STAFF_FIELD = re.compile(
    rf"(?:{'|'.join(_STAFF_WHO)})(?:の)?(?:住所|現住所|電話|電話番号|携帯|連絡先|メール|郵便番号|〒)"
)


def staff_cells(text: str) -> list[tuple[int, int]]:
    """Return the cells of the columns a header says hold a person's contact (従業員住所, 自宅電話): an
    employee's, though the row names the site they work at before it (本社, 天文館店)."""
    cells: list[tuple[int, int]] = []
    # none of its words in an ASCII text; the words as strings first (a list's 0.2 MB: 2.7 M instructions,
    # 7.1 M for the regex's check of every character against its first characters)
    if text.isascii() or not any(who in text for who in _STAFF_WHO) or _STAFF_FIELD.search(text) is None:
        return cells
    for end, done, header in header_rows(text, _STAFF_FIELD, is_row):
        for col, cell in enumerate(header):
            if _STAFF_FIELD.search(cell):
                cells.extend(column_cells(text, end + 1, done(), col))
    return sorted(cells)


def org_table_rows(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the ranges of tables whose header names an organisation column and no person column.

    And the cells of their columns of readings (取引先名（カナ）): the organisations' names in kana.
    """
    ranges: list[tuple[int, int]] = []
    readings: list[tuple[int, int]] = []
    hint = _ORG_HEADER_HINT_ASCII if text.isascii() else _ORG_HEADER_HINT
    for end, table_end, cells in header_rows(text, hint, _org_row):
        accounts = any("口座" in c for c in cells)  # a bank and its branch name every account's bank
        if not any(_ORG_HEADER.match(c) and not (accounts and _BANK_HEADER.match(c)) for c in cells) or any(
            person_column(c)
            and not _ORG_HEADER.match(_READING.sub("", c))
            and not _HEAD_COUNT.match(c)
            and not (_DESK_HEADER.fullmatch(c) and _unit_column(text, end, table_end(), col))
            for col, c in enumerate(cells)
        ):  # 取引先名（カナ） is the reading of the organisation's name, no person column
            continue
        done = table_end()  # looked up for a header naming organisations only
        if not names_by_value(text, end, done):
            ranges.append((end, done))
            for col, cell in enumerate(cells):
                if _READING.search(cell) and _ORG_HEADER.match(_READING.sub("", cell)):
                    readings.extend(column_cells(text, end + 1, done, col))
            if accounts:
                readings.extend(_company_holders(text, end, done, cells))
    return ranges, readings


def _company_holders(text: str, end: int, done: int, cells: list[str]) -> list[tuple[int, int]]:
    """Return the 口座名義 cells that read the company of their row's organisation column (株式会社ミナト物産 /
    ﾐﾅﾄﾌﾞｯｻﾝ): the company's name in bank kana, though no ``(ｶ`` says so."""
    holder = next((col for col, c in enumerate(cells) if "名義" in c), None)
    org = next(
        (col for col, c in enumerate(cells) if _ORG_HEADER.match(c) and not _BANK_HEADER.match(c)), None
    )
    if holder is None or org is None:
        return []
    rows = {text.rfind("\n", 0, a): (a, b) for a, b in column_cells(text, end + 1, done, org)}
    found = []
    for a, b in column_cells(text, end + 1, done, holder):
        company = rows.get(text.rfind("\n", 0, a))
        if company and company_reading(text[company[0] : company[1]].strip('"'), text[a:b].strip('"')):
            found.append((a, b))
    return found


# A desk's column (フロント担当, 営業担当) whose every cell names a section (第1課, 千葉営業所): the unit in
# charge of each site, no person; 担当者 and 担当者名 head persons, and a surname cell (阿部) keeps it one.
_DESK_HEADER = re.compile(r"[^\s担]{1,6}担当")
_UNIT_CELL = re.compile(
    r"[^\s]{0,10}(?:課|室|係|班|営業所|支店|支社|事業所|出張所|センター|グループ|チーム)|[^\s]{1,10}部"
)


def _unit_column(text: str, end: int, done: int, col: int) -> bool:
    """Return whether the filled cells of column ``col`` below the header ending at ``end`` all name units."""
    filled = [c for a, b in column_cells(text, end + 1, done, col) if (c := text[a:b].strip().strip('"'))]
    return bool(filled) and all(
        _UNIT_CELL.fullmatch(c) and not (c.endswith("部") and c in SURNAMES_IN_BU) for c in filled
    )


# A CRM account's size (Employees, Members): how many, no person's name.
_HEAD_COUNT = re.compile(r"(?i:(?:number[ _]?of[ _]?)?(?:employees|members))$")
_READING = re.compile(r"[(（](?:カナ|かな|フリガナ|ふりがな|読み|よみ)[)）]$")
_BANK_HEADER = re.compile(r"^(?:銀行|支店|金融機関|本支店)(?:名|名称)?$")


# The header words, a branch per first character (a trie of the rests after it, ``literals.words_pattern``)
# before its suffix; in an ASCII text (a log) only the English ones are looked for. A branch per word
# tried 18 English words at each of a log's lower-case a, b, c, f, o, s, v: a 6.9 MB mail log took
# 180 M instructions a MB, 108 M with the English branches alone. Only where a match starts is read
# (``header_rows``), and that is where some word and its suffix match, as before.
_ORG_HEADER_WORDS = (
    "店舗 拠点 事業所 営業所 支店 施設 会社 企業 取引先 仕入先 得意先 販売店 代理店 委託先 部署 物件 "
    "建物 校舎 教室 医療機関 病院 学校 業者 所在地 会場 式場 開催場所"
).split()
_ORG_HEADER_WORDS_EN = [
    w
    for word in "Account Company Organization Organisation Vendor Supplier Facility Store Branch Venue".split()
    for w in (word, word.lower())
]


def _by_first_character(words: list[str], suffix: str) -> list[str]:
    """Return a branch per first character of ``words`` (two or more characters each): it, a trie of the
    rests (``literals.words_pattern``) and ``suffix``; each branch opens with its literal character."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    return [f"{re.escape(c)}(?:{words_pattern(rest).pattern}){suffix}" for c, rest in sorted(rests.items())]


_ORG_HEADER_HINT_EN = _by_first_character(_ORG_HEADER_WORDS_EN, r"(?:[ _]?[Nn]ame)?\"?(?=[\t,\r\n]|\Z)")
_ORG_HEADER_HINT = re.compile(
    "|".join(_by_first_character(_ORG_HEADER_WORDS, r"(?:名|名称)?(?=[\t,\r\n]|\Z)") + _ORG_HEADER_HINT_EN)
)
_ORG_HEADER_HINT_ASCII = re.compile("|".join(_ORG_HEADER_HINT_EN))  # the same matches in an ASCII text


def is_row(line: str) -> bool:
    """Return whether *line* is a table row with two or more filled cells (not a letterhead line in a sheet)."""
    if "\t" in line:
        sep = "\t"
    elif line.count(",") >= 2:
        sep = ","
    else:
        return False
    filled = 0
    for cell in line.split(sep):  # stop at the second filled cell: a row of a list is looked at per line
        if cell and not cell.isspace():
            filled += 1
            if filled == 2:
                return True
    return False


def _org_row(line: str) -> bool:
    """Return whether *line* is a row of a list of sites: ``is_row``'s, or two filled cells a comma
    splits (停留所名,所在地: a two-column CSV; not ``Hello, world``, spaced as prose is)."""
    if is_row(line):
        return True
    cells = line.split(",")
    return len(cells) == 2 and all(c.strip() and c == c.strip() for c in cells)


# A seed or a dump's INSERT into a table of organisations or sites (facility, stores, branches, vendors):
# every row of its VALUES is one, though its names carry no org word (屋内プール, 弓道場).
_ORG_INSERT = re.compile(
    r"INSERT\s+INTO\s+[`\"\[]?(?:\w+[`\"\]]?\.[`\"\[]?)?(?:m_|mst_|t_)?"
    r"(?:facilit(?:y|ies)|venues?|sites?|stores?|shops?|branch(?:es)?|offices?|compan(?:y|ies)|vendors?|"
    r"suppliers?|partners?|dealers?|agenc(?:y|ies)|organi[sz]ations?|accounts?|clinics?|hospitals?|schools?|"
    r"spots?|attractions?|locations?)[`\"\]]?\s*(\([^)]*\))?\s*VALUES\b",
    re.IGNORECASE,
)
_PERSON_FIELD = re.compile(
    r"person|contact_name|manager|owner|staff|first_?name|last_?name|mobile|birth", re.I
)


def org_insert_rows(text: str) -> list[tuple[int, int]]:
    """Return the ranges of the VALUES of INSERT statements into a table of organisations or sites.

    Not when the statement's columns name a person (contact_person, manager_name, mobile).
    """
    if "INSERT" not in text and "insert" not in text:
        return []
    ranges = []
    for match in _ORG_INSERT.finditer(text):
        if match.group(1) and _PERSON_FIELD.search(match.group(1)):
            continue
        end = text.find(";", match.end())
        ranges.append((match.end(), len(text) if end < 0 else end))
    return ranges
