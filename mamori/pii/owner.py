"""Find the organisation that owns a contact block when it is not named before the value in the block.

``corporate.py`` gives a value to the organisation named before it in its block (the lines between
blank lines). Two layouts name the owner elsewhere:

- a heading: a web page or a notice puts the name of a branch or office on a line of its own, then a
  blank line, then its contacts (``東京営業所`` / blank / ``〒105-0014 東京都港区…`` / ``TEL 03-…``). The
  heading is a short line alone between blank lines, with no label, no sentence and no person;
- a mailing block written address first: ``〒602-0898 京都府京都市…`` / ``洛北学院高等学校 入試広報室`` /
  ``電話 075-…``, the sender of a label, the place to send an application to. The value's line holds no
  label (a form's ``住所：`` is a person's field) and one of the next two lines of the block is the
  organisation's name: short, no label, no sentence, no person. A recipient (``山田 太郎 様``) on the next
  line keeps it personal (``corporate._ADDRESSEE``, checked before).

Both are structure: the organisation words themselves are ``corporate._ORG``'s.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator

from mamori.pii.dictionaries import surnames
from mamori.pii.names import parse_name
from mamori.pii.spans import Span

_HEADING_MAX = 30  # characters of a heading naming a branch or an office
_NAME_LINE_MAX = 40  # characters of a line that names an organisation under an address
_NOT_A_NAME = re.compile(r"[:：。、\t]|[,，](?=.*[,，])")  # a label, a sentence, a table row


def heading_owner(text: str, block_start: int, org: re.Pattern[str], person: re.Pattern[str]) -> int:
    """Return the end of an organisation heading alone above the block starting at ``block_start``, or -1.

    ``block_start`` must follow a blank line; the heading line must itself follow a blank line (or open
    the text), hold an organisation word (``org``) and nothing ``person`` matches. Fields of a page's
    record above the block, each a label and a value between blank lines (所在地 / 〒…), are looked over.
    """
    for _ in range(_FIELD_BLOCKS):
        if block_start < 2 or text[block_start - 2 : block_start] != "\n\n":
            return -1
        end = block_start - 1
        while end > 0 and text[end - 1] == "\n":
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        if start > 1 and text[start - 2] != "\n" and not text[:start].isspace():
            # the line before is part of a paragraph, not a heading; a web page's field of its own
            # (所在地 / 〒… between blank lines) above a field (電話 / 06-…) is looked over
            if not _field_block(text, block_start) or not _field_block(text, text.rfind("\n\n", 0, end) + 2):
                return -1
            block_start = text.rfind("\n\n", 0, end) + 2
            if person.search(text, block_start, end):
                return -1
            continue
        line = text[start:end].strip()
        if not line or len(line) > _HEADING_MAX or _NOT_A_NAME.search(line) or person.search(line):
            return -1
        return end if org.search(line) or _CONTACT_HEADING.fullmatch(line) else -1
    return -1


# A web page's record turned to text puts each field under its own label between blank lines (所在地 /
# 〒… / 電話 / 06-…): the fields above a field are looked over, up to the page's heading.
_FIELD_BLOCKS = 6
_FIELD_LABEL = re.compile(
    r"[ \t\u3000]*(?:所在地|本社所在地|住所|電話(?:番号)?|TEL|Tel|FAX|Fax|ファックス|ファクス|"
    r"(?:E-?[Mm]ail|メール)(?:アドレス)?|営業時間|受付時間|定休日|アクセス|URL|ホームページ)[ \t\u3000]*"
)
_FIELD_LINES = 2  # lines of a field's block: its label and its value's one line


def _field_block(text: str, start: int) -> bool:
    """Return whether the block at ``start`` is a field alone: a label line, then its value on one line."""
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1] in "\r\n":
        end -= 1  # the text's last block and its line end
    label_end = text.find("\n", start, end)
    return (
        label_end > 0
        and text.count("\n", start, end) < _FIELD_LINES
        and _FIELD_LABEL.fullmatch(text, start, label_end) is not None
    )


# A section's heading that says "how to reach us" (ご予約, お問い合わせ, アクセス): the contacts under it
# are the page's organisation's.
_CONTACT_WORD = (
    r"(?:ご?予約|お?問い?合わ?せ(?:先|窓口)?|アクセス|お?申し?込み?"
    # a job offer's desk (応募先, 応募・お問い合わせ, 採用窓口): the employer's, where applicants write
    r"|応募(?:先|窓口|方法|受付|書類(?:の?送付先)?)?|採用(?:窓口|担当|係|に関する(?:お?問い?合わ?せ)?))"
)
_CONTACT_HEADING = re.compile(rf"[■◆●【\[]?\s*{_CONTACT_WORD}(?:\s*[・／/&＆]\s*{_CONTACT_WORD})*\s*[】\]]?")


def named_below(
    text: str,
    block_start: int,
    line_start: int,
    value_start: int,
    line_end: int,
    org: re.Pattern[str],
    person: re.Pattern[str],
    person_starts: list[int],
) -> bool:
    """Return whether a line right under the value's unlabelled line names an organisation.

    The value's line must hold no label before the value (``住所：`` is a form's, often a person's), the
    block before it names no person (a recipient's 〒 / address / 小島幸子 様 / TEL … above a sender's
    line ``ご依頼主 …合同会社`` is the recipient's); one of the two next lines, before a blank line, is
    an organisation's name and names no person.
    """
    if _NOT_A_NAME.search(text, line_start, value_start) or _marks_person(
        text, block_start, value_start, person
    ):
        return False
    i = bisect_left(person_starts, block_start)
    if i < len(person_starts) and person_starts[i] < value_start:
        return False
    pos = line_end
    for _ in range(2):
        if pos >= len(text) or text.startswith("\n\n", pos):
            return False
        start = pos + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if line and len(line) <= _NAME_LINE_MAX and not _NOT_A_NAME.search(line) and org.search(line):
            i = bisect_left(person_starts, start)
            named = i < len(person_starts) and person_starts[i] < end
            return not named and person.search(line) is None
        pos = end
    return False


# A heading that says where to send (書類の送付先, お届け先): the line under the address says to whom.
_DESTINATION = frozenset(("送付先", "お届け先"))


def _marks_person(text: str, start: int, end: int, person: re.Pattern[str]) -> bool:
    """Return whether ``person`` matches in ``text[start:end]`` other than as a destination's heading."""
    for m in person.finditer(text, start, end):
        if m.group() not in _DESTINATION:
            return True
    return False


# 株式会社 カ, 有限会社 ユ, 合同会社 ド, 医療法人 イ, 学校法人 ガク, 社会福祉法人 フク, 財団 ザイ, 社団 シヤ
_BANK_FORMS = "カ|ユ|ド|イ|ガク|フク|ザイ|シヤ|ｶ|ﾕ|ﾄﾞ|ｲ|ｶﾞｸ|ﾌｸ|ｻﾞｲ|ｼﾔ"
# A legal form: the value-side mark of an organisation in a list (株式会社北辰精機, 三協化成工業㈱, …健康保険組合).
# Every branch starts with a literal, so that a search skips to the characters that can start one (a
# branch starting with a group or a class made each search try every position: 17 ms a 1 MB list).
_LEGAL_FORM = re.compile(
    r"株式会社|有限会社|合同会社|合資会社|㈱|㈲|（株）|\(株\)|（有）|\(有\)|法人|協会|組合|共済|機構|連合会|公社|"
    + "|".join(f"{form}[)）]" for form in _BANK_FORMS.split("|"))
    + rf"|\((?:{_BANK_FORMS})(?=[,\t\r\n\"]|\Z)|（(?:{_BANK_FORMS})(?=[,\t\r\n\"]|\Z)"
)
# A legal form as banks abbreviate it in an account holder's name (カ）ヤマトセイコウ, ダイワケミカル（カ).
_BANK_LEGAL = re.compile(rf"^(?:{_BANK_FORMS})[)）]|[(（](?:{_BANK_FORMS})[)）]?$")
_BANK_COLUMN = re.compile(r"銀行|支店|金融機関")
_MIN_ROWS = 3  # data rows a table needs before its columns are judged by their values
_SAMPLE_ROWS = 200  # rows a column is judged on
_ORG_SHARE = 0.5  # of a column's filled cells that carry an organisation word


def org_column_tables(
    text: str,
    org: re.Pattern[str],
    person_column: Callable[[str], bool],
    is_row: Callable[[str], bool],
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the row ranges of lists of organisations found by their values, and their name cells.

    A column in which half or more of the filled cells name an organisation (a legal form or an
    organisation word: 株式会社北辰精機, ミナト計測所) is a column of organisations, whatever its header
    says (出展者名, 社名, 請求先); its other cells name organisations too (エムケーソリューションズ). The
    table is a list of organisations, and its contacts theirs, when no other column's header names
    persons (担当者, 氏名: a contact list of persons at companies stays personal).
    """
    ranges: list[tuple[int, int]] = []
    name_cells: list[tuple[int, int]] = []
    done = 0
    length = len(text)
    for match in _LEGAL_FORM.finditer(text):
        mark = match.start()
        if mark < done:
            continue
        start = text.rfind("\n", 0, mark) + 1
        end = text.find("\n", mark)
        end = length if end < 0 else end
        done = end
        if not is_row(text[start:end]):
            continue
        while start > 0:  # up to the table's first row
            prev = text.rfind("\n", 0, start - 1) + 1
            if not is_row(text[prev : start - 1]):
                break
            start = prev
        done = end = table_end(text, end, is_row)
        found = _org_column(text, start, end, org, person_column)
        if found is not None and not names_by_value(text, found[0], end):
            first_row_end, cells = found
            ranges.append((first_row_end, end))
            name_cells.extend(cells)
    # a master's name column (a JSON master of inns read as a table: name, tel): judged by its values
    keyed = any(word in text for word in _NAME_KEY_WORDS)
    for end, last, _cells in header_rows(text, _NAME_KEY, is_row) if keyed else ():
        if any(lo <= end <= hi for lo, hi in ranges):
            continue  # read above, by a legal form in its rows
        start = text.rfind("\n", 0, end) + 1
        found = _org_column(text, start, last(), org, person_column)
        if found is not None and not names_by_value(text, found[0], last()):
            ranges.append((found[0], last()))
            name_cells.extend(found[1])
    return ranges, name_cells


def org_cell_name(span: Span, cells: list[tuple[int, int]]) -> bool:
    """Return whether ``span`` is a PERSON that is a whole cell of a column of organisations.

    A single katakana word (エムケーソリューションズ) among company names is one more company, and so is
    a name the dictionaries do not read as a full name (民宿 しらかべ among inns); a name of several
    katakana words (グエン・ヴァン・ナム) or a full name (山田 太郎, a sole trader) stays a person.
    """
    if span.label != "PERSON" or not (
        _KATAKANA_WORD.fullmatch(span.text)
        or (_KANJI.search(span.text) and parse_name(span.text, 0) != len(span.text))
    ):
        return False
    i = bisect_left(cells, (span.start + 1, 0)) - 1
    return i >= 0 and cells[i][0] <= span.start and span.end <= cells[i][1]


_KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー\uff66-\uff9f]+")  # half-width too: ﾐﾅﾄﾌﾞｯｻﾝ
_KANJI = re.compile(r"[\u3400-\u9fff]")

# The header of a master's name column: an export's name key or 名称 (a list of inns or shops).
_NAME_KEY = re.compile(r"(?<![^\t,\n\"])\"?(?:name|Name|NAME|名称)\"?(?=[\t,\r\n]|\Z)")
_NAME_KEY_WORDS = ("name", "Name", "NAME", "名称")


def header_rows(
    text: str, word: re.Pattern[str], is_row: Callable[[str], bool]
) -> Iterator[tuple[int, Callable[[], int], list[str]]]:
    """Yield the end of each header row that holds ``word``, the end of its table, and its cells.

    A header opens its table: a word in a cell of a row below it (取引先 as a row's 分類) is a value.
    The table's end is a call, looked up once when asked: by the caller for a header it reads, or here
    when another match follows. A mailing list's 建物 column (a header word of sites) sits beside 宛名,
    so its table is no organisations' and its 6,000 rows need not be walked.
    """
    done = 0
    last: _TableEnd | None = None
    for match in word.finditer(text):
        if match.start() < done:
            continue
        if last is not None:
            done, last = last(), None  # the table goes on while its lines are rows
            if match.start() < done:
                continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        done = end = len(text) if end < 0 else end
        line = text[start:end]
        if not is_row(line) or (start > 1 and is_row(text[text.rfind("\n", 0, start - 1) + 1 : start - 1])):
            continue
        last = _TableEnd(text, end, is_row)
        yield end, last, [cell.strip().strip('"') for cell in line.split("\t" if "\t" in line else ",")]


class _TableEnd:
    """The end of the table whose header row ends at ``end`` (``table_end``), computed at the first call."""

    __slots__ = ("done", "end", "is_row", "text")

    def __init__(self, text: str, end: int, is_row: Callable[[str], bool]) -> None:
        self.text, self.end, self.is_row = text, end, is_row
        self.done = -1

    def __call__(self) -> int:
        if self.done < 0:
            self.done = table_end(self.text, self.end, self.is_row)
        return self.done


def table_end(text: str, end: int, is_row: Callable[[str], bool]) -> int:
    """Return the end of the last row of the table whose row ends at ``end``."""
    length = len(text)
    while end < length:
        nxt = text.find("\n", end + 1)
        nxt = length if nxt < 0 else nxt
        if not is_row(text[end + 1 : nxt]):
            break
        end = nxt
    return end


def _org_column(
    text: str, start: int, end: int, org: re.Pattern[str], person_column: Callable[[str], bool]
) -> tuple[int, list[tuple[int, int]]] | None:
    """Return the header's end and the cells of the table's organisation column, or None."""
    lines = text[start:end].split("\n")
    sep = "\t" if "\t" in lines[0] else ","
    rows = [line.split(sep) for line in lines]
    if len(rows) < _MIN_ROWS + 1:
        return None
    header, data = rows[0], rows[1:]
    persons = [i for i, cell in enumerate(header) if person_column(cell.strip().strip('"'))]
    if len(persons) > 1:
        return None  # a list of persons (氏名, 生年月日 ...), perhaps with their employer
    sample = data[:_SAMPLE_ROWS]
    accounts = any("口座" in cell for cell in header)
    for col in persons or range(len(header)):  # a person-like header may head the organisations (出展者名)
        if accounts and _BANK_COLUMN.search(header[col]):
            continue  # the banks and branches of a list of accounts: every account names one
        filled = [c for row in sample if col < len(row) and (c := row[col].strip().strip('"'))]
        if len(filled) < _MIN_ROWS or sum(
            1 for c in filled if org.search(c) or _BANK_LEGAL.search(c)
        ) < _ORG_SHARE * len(filled):
            continue
        return start + len(lines[0]), column_cells(text, start + len(lines[0]), end, col)
    return None


def column_cells(text: str, start: int, end: int, col: int) -> list[tuple[int, int]]:
    """Return the bounds of column ``col``'s cells in the table rows of ``text[start:end]``."""
    lines = text[start:end].split("\n")
    sep = "\t" if "\t" in text[start : text.find("\n", start + 1)] else ","
    cells = []
    pos = start
    for line in lines:
        row = line.split(sep)
        if col < len(row):
            cell_start = pos + sum(len(c) + 1 for c in row[:col])
            cells.append((cell_start, cell_start + len(row[col])))
        pos += len(line) + 1
    return cells


_NAME_SHARE = 0.5  # of a column's cells that read as full names: a column of persons whatever its header


def names_by_value(text: str, start: int, end: int) -> bool:
    """Return whether a column of the table rows in ``text[start:end]`` holds persons' full names.

    A header the engine does not know (施主名, 故人名) does not make the rows organisations' when half
    or more of a column's cells are a name with a space (青木 陽菜); a store (渋谷店) is no full name.
    """
    lines = text[start:end].strip("\n").split("\n")[:_SAMPLE_ROWS]
    if not lines:
        return False
    sep = "\t" if "\t" in lines[0] else ","
    columns: dict[int, list[str]] = {}
    for line in lines:
        for i, cell in enumerate(line.split(sep)):
            cell = cell.strip().strip('"')
            if cell:
                columns.setdefault(i, []).append(cell)
    for cells in columns.values():
        named = sum(1 for c in cells if " " in c and parse_name(c, 0) == len(c))
        if len(cells) >= _MIN_ROWS and named >= _NAME_SHARE * len(cells):
            return True
    return False


# The reader is told to call this number for a service: to book, apply, ask or order (予約：電話 …,
# お問い合わせは … まで, お申込み TEL …). The number is the provider's.
_CALL_US = re.compile(
    r"(?:ご?予約|お?申し?込み?|お?問い?合わ?せ|ご?注文|お?見積り?)(?:先|窓口|専用|受付|ダイヤル|番号){0,3}"
    r"(?:[はも][^\s、。()（）\d]{1,8}まで\s*[(（]?)?"  # お問い合わせは教頭まで（0572-…）
    r"(?:[はも:：、]|\s)*(?:(?:ください|下さい)[。]?[(（]?)?"  # FAXでお申し込みください（FAX 086-…）
    r"(?:(?P<desk>[\u4e00-\u9fff]{1,6}(?:部|課|室|係))\s*)?"  # お問い合わせ：制作部 0955-…: a department's
    r"(?:(?:お?電話|TEL|Tel|℡|☎|FAX|Fax|ファクス|ファックス)(?:番号)?(?:[:：]|\s)*[(（]?)?\Z"  # お電話（…）
)
# A character each of _CALL_US's words holds (予約, 申込, 問合せ, 注文, 見積): without one, it cannot match.
_CALL_US_CHARS = frozenset("約込問注積")
# Opening hours right after the number (03-1234-5678（平日9:00-17:00）): a desk's, no person's.
# Or a desk's word then its hours inside the same bracket (（0225-…  受付 13:00～20:00）).
_HOURS_AFTER = re.compile(
    r"\s*(?:[(（][^()（）\n]{0,12}?|(?:受付|営業|平日|対応)[^()（）\n\d]{0,4})"
    r"\d{1,2}[:：]\d{2}\s*[-~〜～－]\s*\d{1,2}[:：]\d{2}"
)
MOBILE = re.compile(r"[(（]?[0０][7-9７-９][0０]")  # a mobile number's start (070, 080, 090)
# A notice telling whoever it concerns to call (お急ぎの方は 0258-… までお電話ください, ご不明な点は … へ
# ご連絡ください): its reader is anyone the case fits (…の方は, …の場合は, …際は), not one person.
_ANYONE = re.compile(r"(?:方|場合|際|時|とき|点)(?:は|には)[、,\s]*\Z")
_CALL_AFTER = re.compile(
    r"\s*(?:まで|へ|に)\s*(?:お気軽に|お早めに|直接)?(?:お電話|ご連絡|お問い?合わ?せ|ご相談)を?(?:ください|下さい|願います)"
)


def _anyone_calls(before: str, text: str, end: int) -> bool:
    """Return whether the number ending at ``end`` is one a notice tells anyone it concerns to call."""
    return _ANYONE.search(before) is not None and _CALL_AFTER.match(text, end) is not None


def reader_calls(text: str, start: int, end: int, person: re.Pattern[str], person_starts: list[int]) -> bool:
    """Return whether the phone number at ``text[start:end]`` is one the reader is told to call.

    A label that asks the reader to book, apply, ask or order right before the number, or opening hours
    right after it, or a notice's words asking anyone the case fits to call it (お急ぎの方は … までお電話
    ください), on a line that names no person: the organisation's number. Mobiles are left alone (a
    customer's ``連絡先：090-…（10:00-12:00なら可）``).
    """
    if MOBILE.match(text, start):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - 16) : start]
    call = _CALL_US.search(before) if not _CALL_US_CHARS.isdisjoint(before) else None
    if call is not None and call.group("desk") in surnames():
        call = None  # お問い合わせ：長谷部 0955-…: a person's surname, no department
    if call is None and not _HOURS_AFTER.match(text, end, line_end) and not _anyone_calls(before, text, end):
        return False
    i = bisect_left(person_starts, line_start)
    if i < len(person_starts) and person_starts[i] < line_end:
        return False
    return person.search(text, line_start, line_end) is None


# A column of the sender's contacts in a shipping export (ご依頼主電話番号, 差出人住所, 発送元郵便番号).
_SENDER_WORDS = ("依頼主", "差出人", "発送元", "荷送人", "出荷元", "送り主")
_SENDER = re.compile("|".join(_SENDER_WORDS))
_SENDER_FIELD = re.compile(r"電話|TEL|Tel|FAX|携帯|郵便|〒|住所|メール|mail")
_SAME_SHARE = 0.8  # of a sender column's cells that hold one value: the shipper's own


def sender_columns(text: str, is_row: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Return the cells of sender contact columns that hold one value down the table: the shipper's own.

    A carrier's export (Yamato B2, e飛伝) repeats the shipping company's depot or office on every row
    under ご依頼主電話番号 / ご依頼主住所: that number is the company's, never a consignee's. A column
    whose values differ (customers sending their returns) is left to the other rules.
    """
    cells: list[tuple[int, int]] = []
    if text.isascii() or not any(word in text for word in _SENDER_WORDS):
        return cells  # none of _SENDER's words (each opens with a kanji: none in a log), as strings searched
    for end, done, header in header_rows(text, _SENDER, is_row):
        for col, name in enumerate(header):
            if not (_SENDER.search(name) and _SENDER_FIELD.search(name)):
                continue
            column = [(s, e) for s, e in column_cells(text, end + 1, done(), col) if text[s:e].strip(' "')]
            values = [text[s:e].strip(' "') for s, e in column]
            if len(values) >= _MIN_ROWS and max(map(values.count, set(values))) >= _SAME_SHARE * len(values):
                cells.extend(column)
    return cells


# Labels whose value is the name of a business (a 特定商取引法 page, a 会社概要, a form's 屋号).
_BUSINESS_NAMES = "販売業者 販売事業者 事業者名 屋号 店名 店舗名 商号 会社名 法人名 団体名 名称".split()
_BUSINESS_WORDS = re.compile("|".join(_BUSINESS_NAMES))
_BUSINESS_LABEL = re.compile(rf"(?:{_BUSINESS_WORDS.pattern})[ \t\u3000]*[:：]?[ \t\u3000]*\Z")


def without_business_names(text: str, spans: list[Span]) -> list[Span]:
    """Return ``spans`` without the PERSON values of labels that name a business (``販売業者 京菓子処 こまち``).

    A sole trader's own name there (``屋号 山田 太郎``, a dictionary surname and given name) stays a person.
    """
    # _BUSINESS_WORDS.search(text) as strings: a str search skips where a regex checks every character
    if text.isascii() or not any(word in text for word in _BUSINESS_NAMES):
        return list(spans)  # no label of a business anywhere: one search, not one per name of a list
    kept = []
    for span in spans:
        if span.label == "PERSON":
            line_start = text.rfind("\n", 0, span.start) + 1
            if _BUSINESS_LABEL.search(text, max(line_start, span.start - 12), span.start) and parse_name(
                span.text, 0, strict=True
            ) != len(span.text):
                continue
        kept.append(span)
    return kept


_FAX = re.compile(r"(?:FAX|Fax|fax|ファックス|ファクス)\s*(?:番号)?\s*[:：.]?\s*\Z")
_PAIR_SPAN = 80  # characters between a TEL number and the FAX number of one letterhead


def fax_beside_phone(text: str, spans: list[Span]) -> list[int]:
    """Return where a FAX number stands beside another phone number of its block (``TEL … FAX …``).

    A letterhead's or a footer's pair: few persons have a fax line of their own (a home's fax shares
    its phone's number), and a record that lists one names its person (the caller keeps those blocks
    personal).
    """
    phones = [span for span in spans if span.label == "PHONE"]  # a window before each: no scan of the text
    found = []
    for k, span in enumerate(phones):
        if not _FAX.search(text, max(0, span.start - 10), span.start):
            continue
        for other in phones[max(0, k - 1) : k + 2]:
            lo, hi = sorted((other.start, span.start))
            if other.text != span.text and hi - lo <= _PAIR_SPAN and "\n\n" not in text[lo:hi]:
                found.append(span.start)
                break
    return found
