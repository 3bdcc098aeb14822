"""Read a header cell that names a party's contact field by the field: お届け先電話番号 is a phone column.

Carriers' and shops' exports prefix each column with the party it belongs to (お届け先, ご依頼主,
注文者, 請求先): the party's word (届け先, 依頼主) names no person and no address by itself there, the
field after it (電話番号, 郵便番号, 住所１) says what the column holds.
"""

from __future__ import annotations

import re

_FIELDS = {
    "電話番号": "PHONE", "電話": "PHONE", "TEL": "PHONE", "携帯番号": "PHONE", "携帯電話": "PHONE",
    "FAX番号": "PHONE", "FAX": "PHONE", "郵便番号": "POSTAL_CODE", "〒": "POSTAL_CODE", "住所": "ADDRESS",
    "メールアドレス": "EMAIL",
}  # fmt: skip
_PARTY_FIELD = re.compile(
    r"\A(?:お?届け?先|ご?依頼主|差出人|送り?主|注文者|購入者|請求先|送付先|発送元|荷送人|荷受人|受取人|申込者|契約者)"
    rf"({'|'.join(sorted(_FIELDS, key=len, reverse=True))})[0-9]?\Z"
)
_MAX = 16  # characters of a header cell


def party_field(cell: str) -> str | None:
    """Return the label of a party's contact field header (``ご依頼主郵便番号`` → POSTAL_CODE), or None."""
    if len(cell) > _MAX:
        return None
    field = _PARTY_FIELD.search(cell)
    return None if field is None else _FIELDS[field.group(1)]
