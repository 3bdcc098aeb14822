"""A shop sending its own parcels: the contacts under ご依頼主 on a shipping label that names no person.

A shop's label or 送り状 template prints the shop itself as the sender (``ご依頼主：はなみずき雑貨店 TEL
03-…``, or ご依頼主 over its 〒, address, name and TEL) and leaves the addressee's rows blank. The sender
named there is a business, not a person, when its name is none the name readers take for a person's: no
name found in the field, no word of a person (様, 殿, さん, 自宅, 携帯), and a name that is neither a
surname and given name (``山田 太郎``, ``佐藤``) nor a katakana word the analyser reads as a person's
(``ナナミ``, ``スミス``). A mobile number is left to the usual reading (a person's, unless an
organisation's block holds it), and so is a sender named in roman letters (``Green Leaf`` or a foreigner).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from operator import attrgetter

from mamori.pii.analyser import katakana_person
from mamori.pii.names import parse_name
from mamori.pii.spans import Span

# A sender's label at its line's start, then its value on the line (or nothing: the field is below).
_SENDER = re.compile(
    r"[ \t\u3000]*(?:ご|お)?(?:依頼主|差出人|発送元|荷送人|送り主|発送者)(?:様)?[ \t\u3000]*(?:[:：\t][ \t\u3000]*)?"
)
_SENDER_WORDS = ("依頼主", "差出人", "発送元", "発送者", "荷送人", "送り主")
_SENDER_WORD = re.compile("|".join(_SENDER_WORDS))
# Another party's label: the sender's field ends there (お届け先 below it, 品名).
_OTHER = re.compile(r"[ \t\u3000]*(?:お?届け?先|宛先|受取人|荷受人|品名|品目|内容品|備考|記事)")
_PERSON = re.compile(
    r"(?<![仕模同多異一神皆])様(?![式子々相])|さま|さん|殿(?<!御殿)|自宅|携帯|本人|個人|氏名|名前|お名前"
)
_MOBILE = re.compile(r"\(?0[789]0")
# What the field holds besides its sender's name: contacts' labels, digits and marks.
_NOT_NAME = re.compile(
    r"TEL|Tel|tel|ＴＥＬ|FAX|Fax|電話番号|電話|℡|☎|住所|郵便番号|〒|[0-9０-９\-－‐()（）:：・.,、/／\s]+"
)
_KANA_OR_KANJI = re.compile(
    r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff][\u3041-\u30ff\u3400-\u9fff\uf900-\ufaffー]+"
)
_KATAKANA = re.compile(r"[\u30a1-\u30faー]+")
_START = attrgetter("start")
_FIELD_LINES = 6  # lines of a sender's field under its label (〒, address, building, name, TEL)


def shop_sender(text: str, span: Span, spans: list[Span], person_starts: list[int]) -> bool:
    """Return whether the phone, address or postal code ``span`` is a shop's own under the ご依頼主 it sends as.

    ``spans`` are all the values found (sorted by start), taken out of the sender's name;
    ``person_starts`` the starts of the names found.
    """
    start = span.start
    if (
        span.label not in ("PHONE", "ADDRESS", "POSTAL_CODE")
        or not _has_sender(text)
        or _MOBILE.match(text, start)
    ):
        return False
    field = _field(text, start)
    if field is None:
        return False
    lo, hi = field
    i = bisect_left(person_starts, lo)
    if (i < len(person_starts) and person_starts[i] < hi) or _PERSON.search(text, lo, hi):
        return False
    first = bisect_left(spans, lo, key=_START)
    values = [(s.start, s.end) for s in spans[first : bisect_left(spans, hi, key=_START)]]
    names = _name_words(text, lo, hi, values)
    return bool(names) and not any(_personal(name) for name in names)


@lru_cache(maxsize=1)
def _has_sender(text: str) -> bool:
    """Return whether ``text`` holds a sender's word at all: asked once per text (its hash is kept), not per value."""
    return any(word in text for word in _SENDER_WORDS)


def _field(text: str, start: int) -> tuple[int, int] | None:
    """Return the bounds of the sender's field that holds ``start``, or None when it is in none."""
    line_start = text.rfind("\n", 0, start) + 1
    if _SENDER_WORD.search(text, max(0, line_start - 200), start) is None:
        return None  # most contacts have no sender's label near them
    label = _SENDER.match(text, line_start)
    if label is not None:
        line_end = text.find("\n", start)
        if label.end() < start and text[label.end() : start].strip():  # ご依頼主：name TEL … on one line
            return label.end(), len(text) if line_end < 0 else line_end
    pos = line_start
    for _ in range(_FIELD_LINES):  # the label alone on a line above, no blank line or other party between
        if pos == 0:
            return None
        prev = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev : pos - 1]
        if not line.strip() or _OTHER.match(line):
            return None
        label = _SENDER.fullmatch(line)
        if label is not None:
            return pos, _field_end(text, pos)
        pos = prev
    return None


def _field_end(text: str, pos: int) -> int:
    """Return where the sender's field starting at ``pos`` ends: a blank line, another party or its last line."""
    for _ in range(_FIELD_LINES):
        end = text.find("\n", pos)
        if end < 0:
            return len(text)
        nxt = end + 1
        if nxt >= len(text) or text[nxt] == "\n" or _OTHER.match(text, nxt) or _SENDER.match(text, nxt):
            return end
        pos = nxt
    return pos


def _name_words(text: str, lo: int, hi: int, values: list[tuple[int, int]]) -> list[str]:
    """Return the words of the field ``text[lo:hi]`` left when its values and their labels are taken out."""
    chars = list(text[lo:hi])
    for s, e in values:
        for k in range(max(s, lo), min(e, hi)):
            chars[k - lo] = " "
    rest = _NOT_NAME.sub(" ", "".join(chars))
    return [m.group() for m in _KANA_OR_KANJI.finditer(rest)] if not re.search(r"[A-Za-z]{2}", rest) else []


def _personal(word: str) -> bool:
    """Return whether ``word`` may be a person's name: a surname (and given name) or a katakana person."""
    if parse_name(word, 0, strong=True) == len(word):
        return True
    return _KATAKANA.fullmatch(word) is not None and katakana_person(word)
