"""Read a table's header cells: which label a column's header names (携帯電話番号 → PHONE, 氏名 → PERSON).

``tables`` finds the header row and validates the cells under each column; the words and patterns of
the headers, and ``header_label`` for one cell, are here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii import name_columns, name_headers
from mamori.pii.header_fields import PARTY_FIELD, party_field
from mamori.pii.literals import words_pattern
from mamori.pii.required_chars import required

# Header words, tried in order on a header cell (exact cells first, then these patterns).
_HEADERS: dict[str, str] = {"〒": "POSTAL_CODE", "カナ": "KANA", "連絡先": "PHONE", "所在地": "ADDRESS"}
_HEADER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"フリガナ|ふりがな|カナ|ヨミガナ|よみがな|セイメイ|読み|^よみ$|(?i:kana|furigana)"), "KANA"),
    (
        re.compile(
            r"^(?:NAME|[Nn]ame)_?(?:EN|en|En|ROMAJI|[Rr]omaji|ROMAN|[Rr]oman)$|^(?:[Ee]nglish|ENGLISH)_?(?:[Nn]ame|NAME)$|"
            r"^(?:ローマ字|英字|ROMAJI|[Rr]omaji)$"
        ),
        "ROMAJI",
    ),
    (
        re.compile(r"^(?:[Ff]irst|[Ll]ast|[Ff]amily|[Gg]iven|FIRST|LAST|FAMILY|GIVEN)_?(?:[Nn]ame|NAME)$"),
        "NAME_PART",
    ),
    (
        re.compile(
            r"氏名|名前|宛名|名義|受取人|契約者|対応者|担当者|申込者|依頼人|依頼主|差出人|送り主|受講者|参加者|"
            r"保護者(?!同伴|同意|同行|承諾|確認|有無|参加|送迎)|患者名|顧客名|会員名|利用者名|入居者|世帯主|記入者|オーナー名|家主|貸主|借主|保証人|お客様名|"
            r"生徒名|児童名|園児名|^(?!.*(?<![作従就])業者)[^\s]{1,6}者名?$|姓名|^なまえ$|"
            # who a row is about, said as a clause before 人 (医療を受けた人, 対象の人), and a return's dependants
            r"^[^\s]{1,7}[たの]人(?:名|氏名)?$|^代理人(?:名|氏名)?$|^扶養親族(?:名|氏名)?$|"
            # rosters, duty and shift lists: 職員, スタッフ名, 講師, 担当医, 当番 (not 社員番号: anchored)
            r"^(?:職員|社員|従業員|スタッフ|メンバー|講師|選手|ドライバー|乗務員|医師|看護師|生徒|担当医|主治医|"
            r"担当|当番|宛先|管理人)(?:名|氏名)?$|^姓$|^名$|^[Nn]ame$|^NAME$|^full_?name$|"
            # the field names of JSON / XML exports and web forms (student_name, guardianName)
            r"^(?i:(?:student|guardian|parent|patient|customer|client|member|contact|user|applicant|"
            r"owner|holder|recipient|sender|employee|staff|person|real|display|author)_?(?:full_?)?name)$"
        ),
        "PERSON",
    ),
    (re.compile(r"生年月日|誕生日|^(?i:birth_?date|date_?of_?birth|dob|birthday)$"), "DATE_OF_BIRTH"),
    (re.compile(r"郵便番号|郵便|^(?i:zip_?code|zip|postal_?code|post_?code)$"), "POSTAL_CODE"),
    (re.compile(r"住所|送付先|届け先|^(?i:(?:home_?|street_?)?address|addr)$"), "ADDRESS"),
    (
        re.compile(
            r"電話|携帯|TEL|Tel|FAX|Fax|連絡先$|"
            r"^(?i:(?:home_?|mobile_?|cell_?)?(?:tel|phone|mobile|telephone)(?:_?(?:no|number))?)$"
        ),
        "PHONE",
    ),
    (re.compile(r"メール|[Ee]-?mail|EMAIL|^(?i:mail(?:_?address)?)$"), "EMAIL"),
    (re.compile(r"個人番号|マイナンバー"), "MY_NUMBER"),
    (
        re.compile(
            r"カード番号|^(?:クレジット(?:カード)?|(?:保証|デポジット|決済|お?支払い?)カード)(?:番号|No\.?)?$|"
            r"^(?i:(?:credit_?)?card_?(?:no|num|number)|cc_?(?:no|num|number)|"
            r"(?:credit|guarantee|deposit|payment)_?card(?:_?(?:no|num|number))?)$"
        ),
        "CREDIT_CARD",
    ),
    (re.compile(r"口座番号"), "BANK_ACCOUNT"),
    (re.compile(r"免許"), "DRIVERS_LICENSE"),
    (re.compile(r"旅券|パスポート|(?i:passport)"), "PASSPORT"),
    (
        re.compile(r"保険証(?!券)|被保険者証|被保険者(?:記号|番号)"),
        "HEALTH_INSURANCE",
    ),  # 保険証券番号: a policy, no card
)


# Literals only, so the regex engine scans for their first characters: is any header word present at all?
# Searched as two patterns, the Japanese words and the ASCII ones: in one, each letter of a log was a
# first character to try all 106 words at (92 ms on 3 MB of a Django log, 31 ms as two).
_HEADER_WORDS = (
    "フリガナ|ふりがな|カナ|ヨミガナ|よみがな|セイメイ|読み|氏名|名前|宛名|名義|受取人|対応者|依頼|差出人|送り主|受講者|参加者|保護者|"
    "患者名|顧客名|会員名|利用者名|入居者|世帯主|記入者|姓|Name|name|NAME|ローマ字|英字|"
    "担当者|契約者|申込者|名義人|生年月日|誕生日|郵便|〒|住所|送付先|"
    "届け先|所在地|電話|携帯|連絡先|TEL|Tel|FAX|Fax|メール|mail|Mail|MAIL|個人番号|マイナンバー|カード番号|口座番号|"
    "免許|旅券|パスポート|保険証|者|オーナー|家主|貸主|借主|保証人|お客様|生徒|児童|園児|管理人|"
    "氏 名|住 所|電 話|携 帯|名 前|生 年|姓名|職員|社員|従業員|スタッフ|メンバー|講師|選手|ドライバー|乗務員|医師|"
    "看護師|担当|当番|宛先|なまえ|よみ|た人|の人|代理人|扶養親族|"  # headers spaced out in forms (氏　名)
    "kana|furigana|birth|dob|zip|postal|post|address|addr|tel|phone|mobile|assport|ASSPORT|"
    "card_n|cardn|cardN|Card N|Card_N|CardN|CARD_N|CARD N|cc_n|"  # field names of exports
    "クレジット|保証カード|デポジットカード|決済カード|支払カード|支払いカード|redit Card|reditCard|redit_card|"
    "uaranteeCard|uarantee Card|uarantee_card|epositCard|eposit Card|eposit_card|aymentCard|ayment Card|ayment_card|"
    + name_columns.HEADER_WORDS  # ご芳名, 喪主, 故人名, 本名, じどうのなまえ (name_columns.py)
    + "|"
    + name_headers.HEADER_WORDS  # Guest, Attendee, 氏(請求先), お届け先名, 敬称 (name_headers.py)
).split("|")
ANY_HEADER = words_pattern(_HEADER_WORDS)  # all of them, for records.as_rows
ANY_HEADER_JA = words_pattern(w for w in _HEADER_WORDS if not w.isascii())
ANY_HEADER_ASCII = words_pattern(w for w in _HEADER_WORDS if w.isascii())  # a trie: see literals.py


# Columns of identifiers that belong to an order, a product or a record, not to a person.
# Two patterns: one of literals the regex engine can skip to, searched anywhere, and one anchored at the
# start (an anchored branch in the first would make every search try every position).
ANY_ID_HEADER = re.compile(
    r"番号|コード|ID|Id|_id|JAN|SKU|品番|型番|伝票|注文|受注|発注|管理(?![人者員])|ロット|シリアル|製番|追跡|No\b|NO\b"
)
ID_HEADER_START = re.compile(r"(?:id|no|num|code|sku|jan|order|ship|invoice|lot|serial)(?:_|$)")


def id_words(cell: str) -> bool:
    """Return whether ``cell`` (or a line) holds a word of an identifier column (伝票番号, SKU, order_id)."""
    return ANY_ID_HEADER.search(cell) is not None or ID_HEADER_START.match(cell) is not None


HEADER_KANA = re.compile(
    r"ふりがな|^[おご]|届け|の|^なまえ|^よみ$|[をが](?=[\u4e00-\u9fff])|[\u3041-\u3096]{1,3}(?=人(?:名|氏名)?$)|"
    r"(?<=又)は|または|"  # 個人番号又は基礎年金番号: the 算定基礎届's own column
    r"(?<=[\u4e00-\u9fff])(?:(?![はにでともへやをがの])[\u3041-\u3096]){1,2}(?=[\u4e00-\u9fff])"
)  # なまえ（カタカナ）  # 扶養親族の氏名, 緊急時の連絡先, 医療を受けた人; okurigana, no particle: 引き取り時刻, お預かり日
NOT_HEADER = re.compile(r"[\s\d@\u3041-\u3096]")
SPACED = re.compile(r"[\u3400-\u9fff\u30a1-\u30fa](?: +[\u3400-\u9fff\u30a1-\u30fa])+")


_OWNER = re.compile(r"飼い?主|オーナー")


# A meeting of persons a role word names (保護者会, 入居者説明会, 参加者懇談会): an event, no one's name.
_MEETING = re.compile(r"[^\s]{1,6}者(?:会|総会|説明会|懇談会|面談|集会|会議|交流会)")


@lru_cache(maxsize=4096)
def header_label(cell: str) -> str | None:
    """Return the label of a header cell (``携帯電話番号`` → PHONE) or None for other columns.

    Forms space out short headers (``氏　名``, ``住　所``, normalised to ``氏 名``): single characters
    between spaces are read as one word.
    """
    if _CASELESS.fullmatch(cell) and _HEADER_CHARS.isdisjoint(cell):
        return None  # a name such as 一瀨渚: no character that any header below needs
    if _MEETING.fullmatch(cell):
        return None  # 保護者会, 利用者説明会: a meeting of the persons (an event plan's row), no column of theirs
    named = name_headers.header(cell)
    if named is not None:
        return named  # Guest name, Name (EN), 氏(請求先), お届け先名 (name_headers.py)
    contact = name_headers.whose_contact(cell)
    if contact is not None:
        return header_label(contact)  # Billing Phone, Shipping Zip: the phone and zip of the billing
    if SPACED.fullmatch(cell):
        cell = cell.replace(" ", "")
    elif " " in cell and cell.isascii():
        cell = cell.replace(" ", "_")  # Outlook's and Google's exports: First Name, Mobile Phone
    if name_headers.ANIMAL_HEADER.search(cell) and not _OWNER.search(cell):
        return None  # ペットの名前, 愛犬名: an animal's name (飼い主名 is the owner's)
    if name_columns.name_header(cell):
        return "PERSON"
    field = party_field(cell)
    if field is not None:
        return field  # お届け先電話番号, ご依頼主住所１: a party's contact field
    if not cell or len(cell) > 16 or NOT_HEADER.search(HEADER_KANA.sub("", cell)):
        return None  # a value such as ヒルマ ワカナ or 住所変更あり, not a column name
    if cell in _HEADERS:
        return _HEADERS[cell]
    label = next((label for pattern, label in _HEADER_PATTERNS if pattern.search(cell)), None)
    if label is None and id_words(cell):
        return "ID"
    return (
        None if label == "KANA" and _ORGANISATION_HEADER.search(cell) else label
    )  # 取引先名（カナ）, 住所(カナ)


# Every regular expression and word by which header_label can label a cell of kanji and kana (such a cell has
# no space and no ASCII: never SPACED, never English). A cell holding none of the characters one of which
# every match of them needs (required_chars.py) is labelled None: the names of a customer list, mostly.
_CASELESS = re.compile(
    r"[\u3005\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u3400-\u4dbf\u4e00-\u9fff]+"
)
_LABELLING = (
    *name_headers.JAPANESE_HEADERS,  # name_headers.header's and whose_contact's
    name_columns.NAME_HEADER,
    PARTY_FIELD,
    *(pattern for pattern, _label in _HEADER_PATTERNS),
    ANY_ID_HEADER,
    ID_HEADER_START,
)
_NEEDED = [required(pattern) for pattern in _LABELLING]
_HEADER_CHARS: frozenset[str] = frozenset().union(
    *(chars for chars in _NEEDED if chars is not None), *_HEADERS, *name_headers.PARTS_ALONE
)
if None in _NEEDED:  # a pattern that can match without any known character: no cell is spared
    _CASELESS = re.compile(r"(?!)")


# A reading of no person's name: an organisation's (取引先名（カナ）), an address's (住所(カナ), 所在地フリガナ)
# or a product's (商品名(カナ): a shop's katakana product names were read as persons).
_ORGANISATION_HEADER = re.compile(
    r"取引先|会社|法人|店舗|店名|業者|仕入先|得意先|団体|事業所|施設|銀行|支店|住所|所在地|番地|建物|町名|"
    r"商品|品名|製品|品目|品番|メニュー|銘柄|書名|曲名|作品"
)
