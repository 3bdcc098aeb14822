"""The issuer's representative a company's own document names (有限会社 比嘉造園 代表取締役 比嘉 盛男), for ``corporate.py``.

A quote, an invoice or a company profile prints its issuer's name, its representative's post and name, and
its contacts: the representative is named as the company's officer, as the commercial register makes
public, not as a person whose data the file holds. A name right after a company named with its legal form
(株式会社, 有限会社, ㈱ …) and the post of its head (代表取締役, 代表社員, 代表者) is that officer, in a document
titled as an issuer's (見積書, 請求書, 納品書, 会社概要) or carrying a qualified invoice issuer's number. Not a
name a 様 or 殿 follows (a customer's representative the quote is addressed to), nor a sole trader's name
(no legal form: 山田写真事務所 代表 山田 蓮).
"""

from __future__ import annotations

import re

from mamori.pii.spaced_titles import spaced
from mamori.pii.spans import Span

# Spaced out too (御 見 積 書, 請　求　書): a template's title.
ISSUER_TITLE = re.compile(
    spaced(
        ("見積書", "見積り書", "請求書", "納品書", "領収書", "注文書", "発注書", "注文請書", "検収書")
        + ("支払通知書", "会社概要", "会社案内")
    )
)
INVOICE_NUMBER = re.compile(r"登録番号\s*[:：]?\s*T\s?\d{13}")
TITLE_LINES = 200  # characters of a document's head that hold its title

_OFFICER = re.compile(
    r"(?:株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|（株）|㈱|\(有\)|（有）|㈲)[^\n]{0,30}?"
    r"[ \t\u3000]*\n?[ \t\u3000]*(?:代表者[ \t\u3000:：]*)?"
    r"(?:代表取締役(?:社長|会長)?|取締役社長|代表社員|代表理事|代表者)[ \t\u3000:：]*$"
)
_ADDRESSED = re.compile(r"[ \t\u3000]*(?:様|殿)")
_BEFORE = 60  # characters before the name that hold the company and the post (one or two lines)


def issuer_titled(text: str) -> bool:
    """Return whether ``text`` is titled as an issuer's document (見積書, 会社概要) or holds 登録番号 T…."""
    return ISSUER_TITLE.search(text, 0, TITLE_LINES) is not None or (
        "登録番号" in text and INVOICE_NUMBER.search(text) is not None
    )


def issuer_officers(text: str, spans: list[Span]) -> frozenset[int]:
    """Return the starts of the PERSON spans that name the issuer's representative after its post."""
    if "代表" not in text or not issuer_titled(text):
        return frozenset()
    officers = set()
    for span in spans:
        if span.label != "PERSON" or _ADDRESSED.match(text, span.end):
            continue
        lo = max(0, span.start - _BEFORE)
        if _OFFICER.search(text[lo : span.start]):
            officers.add(span.start)
    return frozenset(officers)
