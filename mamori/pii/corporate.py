"""Tell a company's own contact data (head office, TEL/FAX, 振込先, info@) apart from a person's.

A phone number, address, postal code, bank account or e-mail address that sits in a block about an
organisation (株式会社 / 御中 / 本社 / 代表 / 振込先 ...) belongs to that organisation, and a role mailbox
(info@, noreply@, support@) belongs to nobody in particular: neither is personal data, and neither
makes a file "personal". Names are never corporate: ``担当：山田`` in such a block stays a PERSON.
A line that speaks of a person (様, 自宅, 携帯, 氏名) keeps its data personal. A table whose rows are
organisations or sites (a 店舗名 / 拠点名 / 取引先名 column and no person column) holds corporate data
on every row. Placeholder values (``user@example.com``, ``090-1234-5678``) are dropped first
(``placeholder.py``): they are nobody's.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

from mamori.pii.placeholder import drop_placeholders
from mamori.pii.spans import Span

# Labels that an organisation has too; identifiers such as My Number or a card never are corporate.
CORPORATE_LABELS = frozenset({"PHONE", "ADDRESS", "POSTAL_CODE", "EMAIL", "BANK_ACCOUNT"})

_ORG = re.compile(
    r"株式会社|有限会社|合同会社|合資会社|社団法人|財団法人|社会福祉法人|医療法人|学校法人|協同組合|"
    r"\(株\)|（株）|㈱|\(有\)|（有）|㈲|御中|本社|支社|営業所|事業所|出張所|工場|"
    r"代表電話|代表番号|代表 ?(?:TEL|Tel|電話)|会社概要|会社情報|振込先|お振込先|法人番号|登録番号|"
    r"適格請求書|発行元|担当部署|部署|相談室|事務局|窓口|お問い合わせ先|Co\.,? ?Ltd|Inc\.|Corporation|K\.K\.|LLC"
)
# Words that put a person on the line (or in the block): their data stays personal.
_PERSON_LINE = re.compile(
    r"様|殿|自宅|携帯|[Mm]obile|個人(?!情報)|本人|生年月日|お届け先|送付先|ご住所|お客様"
)
_PERSON_BLOCK = re.compile(r"氏名|自宅|個人番号|緊急連絡先|ご本人|生年月日|続柄|お客様情報")
ROLE_MAILBOX = re.compile(
    r"(?:info|information|noreply|no-reply|no_reply|donotreply|do-not-reply|support|sales|contact|"
    r"admin|office|webmaster|postmaster|hostmaster|service|services|help|helpdesk|inquiry|inquiries|"
    r"toiawase|otoiawase|hr|jinji|soumu|somu|eigyo|recruit|saiyo|press|pr|billing|invoice|accounting|"
    r"keiri|order|orders|shop|store|customer|cs|media|kouhou|koho|team|desk|center|marketing|news|"
    r"newsletter|notification|notifications|alert|alerts|system|abuse|security|privacy|legal|"
    r"kojinjoho|mailer-daemon|bounce|reception|uketsuke|general|staff)(?:[._+-][A-Za-z0-9]+)*@",
    re.IGNORECASE,
)
# Numbers no person has: free dial, navi dial and the like are always an organisation's.
_SERVICE_NUMBER = re.compile(r"\(?0(?:120|800|570|180|990)")
_BEFORE = 240  # characters of the block looked at before the line (a letterhead is a few lines)


def split(text: str, spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """Return ``(personal, corporate)``: the spans of ``text`` that belong to persons and to companies."""
    spans = drop_placeholders(text, spans)
    if not any(s.label in CORPORATE_LABELS for s in spans):
        return spans, []
    has_org = _ORG.search(text) is not None
    org_rows = _org_table_rows(text)
    person_starts = [s.start for s in spans if s.label == "PERSON"]
    personal: list[Span] = []
    corporate: list[Span] = []
    for span in spans:
        if span.label not in CORPORATE_LABELS:
            personal.append(span)
        elif span.label == "EMAIL" and ROLE_MAILBOX.match(span.text):
            corporate.append(span)
        elif span.label == "PHONE" and _SERVICE_NUMBER.match(unicodedata.normalize("NFKC", span.text)):
            corporate.append(span)
        elif org_rows and any(lo <= span.start < hi for lo, hi in org_rows):
            corporate.append(span)
        elif has_org and _in_company_block(text, span, person_starts):
            corporate.append(span)
        else:
            personal.append(span)
    return personal, corporate


# Header cells that name the organisation or site a row is about (not a person).
_ORG_HEADER = re.compile(
    r"^(?:店舗|店|拠点|事業所|営業所|支店|支社|施設|会社|企業|法人|取引先|仕入先|得意先|販売店|代理店|"
    r"発注先|委託先|外注先|協力会社|メーカー|銀行|団体|部署|部門)(?:名|名称)?$"
)
_PERSON_HEADER = re.compile(
    r"担当|氏名|名前|お名前|担当者|宛名|フリガナ|ふりがな|個人|生年月日|契約者|会員|顧客名|患者|社員"
)


def _org_table_rows(text: str) -> list[tuple[int, int]]:
    """Return the ranges of tables whose header names an organisation column and no person column."""
    ranges: list[tuple[int, int]] = []
    length = len(text)
    done = 0
    for hint in _ORG_HEADER_HINT.finditer(text):
        if hint.start() < done:
            continue
        start = text.rfind("\n", 0, hint.start()) + 1
        end = text.find("\n", hint.end())
        end = length if end < 0 else end
        line = text[start:end]
        done = end
        if not is_row(line):
            continue
        cells = [c.strip().strip('"') for c in line.split("\t" if "\t" in line else ",")]
        if not any(_ORG_HEADER.match(c) for c in cells) or any(_PERSON_HEADER.search(c) for c in cells):
            continue
        table_end = end
        while table_end < length:  # the table goes on while its lines are rows
            nxt = text.find("\n", table_end + 1)
            nxt = length if nxt < 0 else nxt
            if not is_row(text[table_end + 1 : nxt]):
                break
            table_end = nxt
        ranges.append((end, table_end))
        done = table_end
    return ranges


_ORG_HEADER_HINT = re.compile(
    r"(?:店舗|拠点|事業所|営業所|支店|施設|会社|企業|取引先|仕入先|得意先|販売店|代理店|委託先|部署)(?:名|名称)?(?=[\t,\r\n]|\Z)"
)


def is_row(line: str) -> bool:
    """Return whether *line* is a table row with two or more filled cells (not a letterhead line in a sheet)."""
    sep = "\t" if "\t" in line else ","
    return sum(1 for cell in line.split(sep) if cell.strip()) >= 2 and (sep == "\t" or line.count(",") >= 2)


def _in_company_block(text: str, span: Span, person_starts: list[int]) -> bool:
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if span.label == "EMAIL":
        return False  # a named mailbox (yamada@) is a person's even on a letterhead
    if _PERSON_LINE.search(line):
        return False
    if is_row(line):  # a table row: the company must be on the row itself
        i = bisect_left(person_starts, line_start)
        has_person = i < len(person_starts) and person_starts[i] < line_end
        return not has_person and _ORG.search(line) is not None
    lo = max(0, line_start - _BEFORE)
    blank = text.rfind("\n\n", lo, line_start)
    lo = blank + 2 if blank >= 0 else lo
    last = None
    for last in _ORG.finditer(text, lo, line_end):  # noqa: B007 - the nearest organisation word wins
        pass
    if last is None:
        return False  # a letterhead or signature names the organisation first, then its contacts
    between = text[last.end() : span.start]
    return _PERSON_LINE.search(between) is None and _PERSON_BLOCK.search(between) is None
