"""A shop sending its own parcels: the contacts under ご依頼主 on a shipping label that names no person.

A shop's label or 送り状 template prints the shop itself as the sender (``ご依頼主：はなみずき雑貨店 TEL
03-…``, or ご依頼主 over its 〒, address, name and TEL) and leaves the addressee's rows blank. The sender
named there is a business, not a person, when its name is none the name readers take for a person's: no
name found in the field, no word of a person (様, 殿, さん, 自宅, 携帯), and a name that is neither a
surname and given name (``山田 太郎``, ``佐藤``) nor a katakana word the analyser reads as a person's
(``ナナミ``, ``スミス``). A mobile number is left to the usual reading (a person's, unless an
organisation's block holds it), and so is a sender named in roman letters (``Green Leaf`` or a foreigner).

A recipient (お届け先, 送付先, 納品先) is a person's unless it names a business: its contacts are a shop's
only when every word of its name says so by a legal form or a business's ending (``お届け先：清水酒店 〒…
TEL …``, …商店, …薬局; ``name_words.business_name``) and none is a person's name (土屋 ends in 屋).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from mamori.pii.analyser import katakana_person
from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.name_words import business_name
from mamori.pii.names import parse_name
from mamori.pii.spans import Span

# A party's label at its line's start, then its value on the line (or nothing: the field is below).
_LABEL_END = r"(?:様)?[ \t\u3000]*(?:[:：\t][ \t\u3000]*)?"
_SENDER = re.compile(rf"[ \t\u3000]*(?:ご|お)?(?:依頼主|差出人|発送元|荷送人|送り主|発送者){_LABEL_END}")
_SENDER_WORDS = ("依頼主", "差出人", "発送元", "発送者", "荷送人", "送り主")
_RECIPIENT = re.compile(rf"[ \t\u3000]*(?:お?届け?先|送付先|納品先|配送先){_LABEL_END}")
_RECIPIENT_WORDS = ("届け先", "届先", "送付先", "納品先", "配送先")
# Another party's label or a parcel's field: a party's field ends there (お届け先 below ご依頼主, 品名).
_FIELDS = r"|品名|品目|内容品|備考|記事"
_OTHER = re.compile(rf"[ \t\u3000]*(?:お?届け?先|宛先|受取人|荷受人{_FIELDS})")
_OTHER_THAN_RECIPIENT = re.compile(rf"[ \t\u3000]*(?:(?:ご|お)?(?:{'|'.join(_SENDER_WORDS)}){_FIELDS})")


class _Party(NamedTuple):
    label: re.Pattern[str]  # the party's label opening a line
    word: re.Pattern[str]  # any of its label's words, looked for near a value first
    other: re.Pattern[str]  # a line opening the next field: the party's field ends before it


_SENDER_PARTY = _Party(_SENDER, re.compile("|".join(_SENDER_WORDS)), _OTHER)
_RECIPIENT_PARTY = _Party(_RECIPIENT, re.compile("|".join(_RECIPIENT_WORDS)), _OTHER_THAN_RECIPIENT)
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
    if span.label not in ("PHONE", "ADDRESS", "POSTAL_CODE") or _MOBILE.match(text, start):
        return False
    sender, recipient = _parties(text)
    if sender and (names := _field_names(text, start, _SENDER_PARTY, spans, person_starts)):
        return not any(_personal(name) for name in names)
    if recipient and (names := _field_names(text, start, _RECIPIENT_PARTY, spans, person_starts)):
        names = [name for name in names if name != "御中"]  # 清水酒店 御中: a business addressed
        return bool(names) and all(business_name(name) and not _dictionary_name(name) for name in names)
    return False


def _field_names(
    text: str, start: int, party: _Party, spans: list[Span], person_starts: list[int]
) -> list[str]:
    """Return the name words of ``party``'s field that holds ``start`` when it names no person, else []."""
    field = _field(text, start, party)
    if field is None:
        return []
    lo, hi = field
    i = bisect_left(person_starts, lo)
    if (i < len(person_starts) and person_starts[i] < hi) or _PERSON.search(text, lo, hi):
        return []
    first = bisect_left(spans, lo, key=_START)
    values = [(s.start, s.end) for s in spans[first : bisect_left(spans, hi, key=_START)]]
    return _name_words(text, lo, hi, values)


@lru_cache(maxsize=1)
def _parties(text: str) -> tuple[bool, bool]:
    """Return whether ``text`` holds a sender's and a recipient's word: asked once per text (its hash is
    kept), not per value."""
    return any(word in text for word in _SENDER_WORDS), any(word in text for word in _RECIPIENT_WORDS)


def _field(text: str, start: int, party: _Party) -> tuple[int, int] | None:
    """Return the bounds of ``party``'s field that holds ``start``, or None when it is in none."""
    line_start = text.rfind("\n", 0, start) + 1
    if party.word.search(text, max(0, line_start - 200), start) is None:
        return None  # most contacts have no party's label near them
    label = party.label.match(text, line_start)
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
        if not line.strip() or party.other.match(line):
            return None
        label = party.label.fullmatch(line)
        if label is not None:
            return pos, _field_end(text, pos, party)
        pos = prev
    return None


def _field_end(text: str, pos: int, party: _Party) -> int:
    """Return where ``party``'s field starting at ``pos`` ends: a blank line, another party or its last line."""
    for _ in range(_FIELD_LINES):
        end = text.find("\n", pos)
        if end < 0:
            return len(text)
        nxt = end + 1
        if (
            nxt >= len(text)
            or text[nxt] == "\n"
            or party.other.match(text, nxt)
            or party.label.match(text, nxt)
        ):
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


def _dictionary_name(word: str) -> bool:
    """Return whether ``word`` is a dictionary surname, alone or with a dictionary given name (土屋, 新堂
    健); 松井 + 酒店 is none, though ``_personal`` reads any word after a surname as its given name."""
    sur, given = surnames(), given_names()
    return any(word[:n] in sur and (n == len(word) or word[n:] in given) for n in range(1, len(word) + 1))


def _personal(word: str) -> bool:
    """Return whether ``word`` may be a person's name: a surname (and given name) or a katakana person."""
    if parse_name(word, 0, strong=True) == len(word):
        return True
    return _KATAKANA.fullmatch(word) is not None and katakana_person(word)
