"""Recognise PERSON in the display names of mail headers (``From: "山本 太一" <taichi@example.net>``).

``extract`` gives the headers of every .eml / .msg (and of mail attached to mail) as ``From: …`` lines.
A display name is a person when it reads as one: a dictionary name in kanji or kana, a katakana name of
two or more words, or a romaji name (Taro Yamada, YAMADA Taro, John Smith when the address holds the
name). Departments, companies and role mailboxes (営業部, 株式会社ABC, Support Team) are not.
"""

from __future__ import annotations

import re

from mamori.pii.names import has_kana_role, parse_kana_name, parse_name
from mamori.pii.spans import Hit

# A header line of the header block that opens a text (extract's ``!headers`` part, a saved mail).
_HEADER_LINE = re.compile(
    r"^(?:From|To|Cc|CC|Bcc|Reply-To|Sender|差出人|宛先|送信者): ?([^\n]+)", re.MULTILINE
)
_HEADER_START = (
    "From:",
    "To:",
    "Cc:",
    "Bcc:",
    "Reply-To:",
    "Sender:",
    "Subject:",
    "Date:",
    "Return-Path:",
    "Received:",
    "Message-ID:",
    "MIME-Version:",
    "Delivered-To:",
    "差出人",
    "宛先",
    "送信者",
)
# One mailbox of a header: a quoted or plain display name, then an optional <address>.
_MAILBOX = re.compile(r'[,; ]*(?:"([^"\n]*)"|([^,;<>"\n]*))(?: ?<([^<>@\s]*)@[^<>\s]*>)?[^,;\n]*')
_SUFFIX = re.compile(r"(?: ?(?:様|さん|殿)| ?[(（][^()（）]{0,20}[)）])+$")
_KANA_WORDS = re.compile(r"[\u30a1-\u30faー]{2,12}(?:[・ ][\u30a1-\u30faー]{1,12}){1,3}")
# A name written in romaji (YAMADA Taro, Taro Yamada): every word made of Japanese syllables.
_ROMAJI_WORD = re.compile(
    r"(?:(?:[kgsztdnhbpmr]y?|sh|ch|j|ts|f|w|y)?[aiueo]h?|n(?![aiueoy])|[kstpc](?=[kstpc]))+", re.IGNORECASE
)
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,15}(?: [A-Za-z]{2,15}){0,2}")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,2}")


def is_romaji_name(value: str) -> bool:
    """Return whether ``value`` is a name in romaji: one to three words of Japanese syllables."""
    return _LATIN_WORDS.fullmatch(value) is not None and all(
        _ROMAJI_WORD.fullmatch(word) for word in value.split(" ")
    )


_LAST_FIRST = re.compile(r"([A-Za-z][A-Za-z'\-]+), ?([A-Za-z][A-Za-z'\-]+)")


def is_display_name(name: str, local: str) -> bool:
    """Return whether display ``name`` of the mailbox ``local@…`` names a person."""
    if name.isascii():
        last_first = _LAST_FIRST.fullmatch(name)  # Outlook's "Yamada, Taro" and "Smith, John"
        if last_first:
            name = f"{last_first.group(2)} {last_first.group(1)}"
        if is_romaji_name(name) and " " in name:
            return True
        return _LATIN_NAME.fullmatch(name) is not None and _spelled_in(name.split(" "), local.lower())
    if _KANA_WORDS.fullmatch(name):
        return not has_kana_role(name)
    return parse_name(name, 0) == len(name) or parse_kana_name(name, 0, strict=True) == len(name)


def _spelled_in(words: list[str], local: str) -> bool:
    """Return whether the mailbox ``local`` spells the name (john.smith, jsmith, smithj for John Smith).

    Every word, or the last (the surname) with the first one's initial beside it: Support Team
    <support@…> and Sales Dept <sales@…> are not spelled out, so they are no persons.
    """
    words = [w.lower() for w in words]
    if all(w in local for w in words):
        return True
    first, last = words[0], words[-1]
    return len(last) >= 3 and any(
        form in local
        for form in (first[0] + last, first[0] + "." + last, last + first[0], last + "." + first[0])
    )


def find_mail_header_persons(text: str) -> list[Hit]:
    """Return PERSON hits for the display names in From / To / Cc lines that name persons.

    Only the header block that opens the text is read, up to its first empty line. Mailboxes are
    ``"名前" <addr>``, ``名前 <addr>`` or, in Outlook's .msg, a display name alone
    (``To: 佐藤 花子; 田中 一郎``), separated by commas or semicolons.
    """
    if not text.startswith(_HEADER_START):
        return []  # searching every text for header lines cost 4 % of detection on sparse text
    block_end = text.find("\n\n")
    hits: list[Hit] = []
    for line in _HEADER_LINE.finditer(text, 0, len(text) if block_end < 0 else block_end):
        for item in _MAILBOX.finditer(text, line.start(1), line.end(1)):
            group = 1 if item.group(1) is not None else 2
            start, end = item.span(group)
            while start < end and text[start] == " ":
                start += 1
            while end > start and text[end - 1] == " ":
                end -= 1
            suffix = _SUFFIX.search(text, start, end)
            if suffix:
                end = suffix.start()
            name = text[start:end]
            if name and "@" not in name and is_display_name(name, item.group(3) or ""):
                hits.append((start, end, "PERSON", 3))
    return hits
