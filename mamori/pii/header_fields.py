"""Read a header cell that names a party's contact field by the field: お届け先電話番号 is a phone column.

Carriers' and shops' exports prefix each column with the party it belongs to (お届け先, ご依頼主,
注文者, 請求先): the party's word (届け先, 依頼主) names no person and no address by itself there, the
field after it (電話番号, 郵便番号, 住所１) says what the column holds.
"""

from __future__ import annotations

import re

from mamori.pii import validators

_FIELDS = {
    "電話番号": "PHONE", "電話": "PHONE", "TEL": "PHONE", "携帯番号": "PHONE", "携帯電話": "PHONE",
    "FAX番号": "PHONE", "FAX": "PHONE", "郵便番号": "POSTAL_CODE", "〒": "POSTAL_CODE", "住所": "ADDRESS",
    "メールアドレス": "EMAIL", "連絡先": "PHONE",
}  # fmt: skip
PARTY_FIELD = re.compile(
    r"\A(?:お?届け?先|ご?依頼主|差出人|送り?主|注文者|購入者|請求先|送付先|発送元|荷送人|荷受人|受取人|申込者|契約者|"
    r"保護者|保証人|連帯保証人|世帯主|入居者|利用者|患者|本人)"
    rf"({'|'.join(sorted(_FIELDS, key=len, reverse=True))})[0-9]?\Z"
)
_MAX = 16  # characters of a header cell


def party_field(cell: str) -> str | None:
    """Return the label of a party's contact field header (``ご依頼主郵便番号`` → POSTAL_CODE), or None."""
    if len(cell) > _MAX:
        return None
    field = PARTY_FIELD.search(cell)
    return None if field is None else _FIELDS[field.group(1)]


# Split contact columns: a phone in three cells (注文者電話番号1 / 2 / 3: 090 | 3312 | 7781), a postal code in
# two (郵便番号1 / 2), an address in parts (都道府県 / 郡市区 / 以降の住所, 住所1 … 住所4, お届け先住所1行目,
# Billing Street / Billing City / Billing Province). Each part is that field of the row's person.
_PARTY = (
    r"(?:お?届け?先|ご?依頼主|差出人|送り?主|注文者|購入者|請求先|送付先|配送先|発送元|荷送人|荷受人|受取人|"
    r"申込者|契約者|顧客|会員|自宅|現)?[\s_・]?"
)
_NUMBERED = re.compile(
    rf"{_PARTY}(住所|所在地|電話番号|電話|TEL|携帯番号|携帯電話|携帯|郵便番号|〒)[\s_\-]?"
    r"(?:[0-9]|[0-9]行目|[(（][0-9][)）]|[(（](?!カナ|かな|フリガナ|ふりがな)[^()（）\s]{1,8}[)）])"  # 電話番号(市外局番)
)
_PLACE = "都道府県名?|郡市区(?:町村)?|市区郡|市区町村名?|市町村名?|区市町村|町域名?|町名|町村名"
_STREET = "番地|丁目番地|町名番地|(?:それ)?以降の住所|住所以降|番地以降|建物名?|建物名・部屋番号|マンション名|ビル名|部屋番号"
# 住所 may stand between the party and the part: 楽天 RMS's 注文者住所都道府県 / 注文者住所それ以降の住所.
_ADDRESS_WORD = re.compile(rf"{_PARTY}(?:住所[\s_・]?)?(?:({_STREET})|{_PLACE})")
_ENGLISH_PART = re.compile(
    r"(?i:(?:(?:billing|shipping|ship[ _\-]to|bill[ _\-]to|ship|bill|delivery|customer|buyer|recipient|home|"
    r"mailing)[ _\-])?(?:address[ _\-]?(?:line[ _\-]?)?[1-4](?P<street>)|"
    r"(?<=[ _\-])(?:street(?P<street2>)|city|province|state|prefecture|town|ward)))"
)
# A value's shape, two digits or @: a part's header holds one digit (電話番号2, Address Line 1), more
# only in parentheses.
_VALUE = re.compile(r"@|[0-9].*[0-9]", re.DOTALL)
_PART_LABELS = {"住": "ADDRESS", "所": "ADDRESS", "電": "PHONE", "T": "PHONE", "携": "PHONE", "郵": "POSTAL_CODE", "〒": "POSTAL_CODE"}  # fmt: skip
_PERSONAL = frozenset(
    ("PERSON", "PERSON_EN", "KANA", "NAME_PART", "ROMAJI", "PHONE", "EMAIL", "DATE_OF_BIRTH")
)


def _part(cell: str) -> tuple[str, bool] | None:
    """Return the field a header cell heads a part of (``電話番号2`` → PHONE) and whether it is a street's."""
    if len(cell) > 24:
        return None
    if "(" not in cell and "（" not in cell and _VALUE.search(cell):
        return None  # a phone, a date, an e-mail address
    m = _NUMBERED.fullmatch(cell)
    if m is not None:
        return _PART_LABELS[m.group(1)[0]], True
    m = _ADDRESS_WORD.fullmatch(cell)
    if m is not None:
        return "ADDRESS", m.group(1) is not None
    m = _ENGLISH_PART.fullmatch(cell) if cell.isascii() else None
    if m is not None:
        return "ADDRESS", m.group("street") is not None or m.group("street2") is not None
    return None


def split_parts(cells: list[str], labels: list[str | None]) -> None:
    """Label the columns of a split phone, postal code or address in a header row (in place).

    Two cells of a field or more are parts (``PHONE_PART``: 090 | 3312 | 7781); a numbered cell alone is
    the whole field (住所1 over 東京都千代田区…). Places alone (都道府県, 市区町村, City) head a list of
    regions: they are parts of an address only beside a street's part or a person's column.
    """
    parts = [_part(cell) for cell in cells]
    if not any(parts):
        return
    personal = any(label in _PERSONAL for label, part in zip(labels, parts, strict=True) if part is None)
    for field in ("PHONE", "POSTAL_CODE", "ADDRESS"):
        where = [i for i, part in enumerate(parts) if part is not None and part[0] == field]
        streets = [i for i in where if parts[i][1]]  # type: ignore[index]
        if len(where) >= 2 and (field != "ADDRESS" or streets or personal):
            for i in where:
                labels[i] = field + "_PART"
        elif len(streets) == 1 and _NUMBERED.fullmatch(cells[streets[0]]):
            labels[streets[0]] = field  # 住所1 alone, 注文者電話番号1 alone: the whole number


def _phone_part(value: str) -> bool:
    digits = re.sub(r"[\s\-()]", "", value)
    return _DIGIT_GROUP.fullmatch(digits) is not None or validators.is_phone_number(
        digits.replace("+81", "0")
    )


_DIGIT_GROUP = re.compile(r"\d{2,5}")
_NO_VALUE = re.compile(r"[\-ー－―‐・*＊]+|なし|無し|不明|(?i:n/?a|none|null)")

# A template's blank where a place goes (〇〇県〇〇市〇〇町, ○○マンション 101): no one's address; not a
# number in kanji (大字山田二〇〇番地).
_BLANK_MARKS = re.compile(r"(?<![一二三四五六七八九十百千〇])[○〇×＊*]{2}")

# The cells of a part column: digits of a phone's or a postal code's group, any words of an address but
# a template's blanks
PART_VALID = {
    "PHONE_PART": _phone_part,
    "POSTAL_CODE_PART": lambda v: re.fullmatch(r"\d{3}|\d{4}|\d{3}-?\d{4}", v) is not None,
    "ADDRESS_PART": lambda v: (
        len(v) <= 80
        and _NO_VALUE.fullmatch(v) is None
        and re.search(r"\w", v) is not None
        and _BLANK_MARKS.search(v) is None
    ),
}
