"""The fast paths of the passes over digit-dense logs find exactly what their plain definitions find."""

from __future__ import annotations

import random
import re

import pytest

from mamori.pii import chat_lines, corporate, ids
from mamori.pii.chat_lines import find_chat_line_persons, heading_fields, said_fields
from mamori.pii.ids import find_emails
from mamori.pii.mailbox import in_url
from mamori.pii.numbers import NUMBER_RUN, classify, find_numbers
from mamori.pii.tests.test_fast_paths import _skips_to_first_characters
from mamori.pii.word_index import WordIndex

_CHAT_PIECES = (
    *("\n", "\n", "[", "]", "(", ")", " ", "  ", "\t", ":", ",", "\r", "x", "年", "月", "日"),
    *("12", "8", "05", ":30", "10:05", "2024/11/20 ", "2024-11-20 ", "11/20 ", "(水) ", "午後", "AM", " pm"),
    *("- ", "From ", " to Everyone", "山田 太郎", "鴨下 匠", "web01"),
)


def _plain_fields(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span(1 if m.start(1) >= 0 else 2) for m in pattern.finditer(text)]


def _chat_texts() -> list[str]:
    rng = random.Random(11)
    texts = ["".join(rng.choice(_CHAT_PIECES) for _ in range(rng.randrange(1, 40))) for _ in range(3000)]
    return [
        *texts,
        "[2024/11/20 8:10] 鴨下 匠\nおはようございます\n[2024/11/20 8:12] 降旗 悠真\n了解です",
        "鴨下 匠  8:10\nおはよう\n降旗 悠真\t8:12 PM\n了解",
        "2024-11-20 8:10 鴨下 匠: 本文\n2024-11-20 8:11 降旗 悠真: 返事\n",
        "08:10:22 From 鴨下 匠 to Everyone: 本文\n08:11:02 From 降旗 悠真 : 返事",
    ]


def test_the_speakers_of_a_chat_are_read_line_by_line_as_a_scan_of_the_whole_text_reads_them() -> None:
    for text in _chat_texts():
        assert said_fields(text) == _plain_fields(chat_lines._SAID, text), repr(text)
        assert heading_fields(text) == _plain_fields(chat_lines._HEADING, text), repr(text)


def test_the_speakers_of_a_chat_copied_from_teams_are_still_found_and_a_log_s_hosts_are_not() -> None:
    teams = "[11/20 8:10] 鴨下 匠\nおはようございます\n[11/20 8:12] 降旗 悠真\n了解です\n"
    found = {teams[s:e] for s, e, _label, _priority in find_chat_line_persons(teams)}
    assert found == {"鴨下 匠", "降旗 悠真"}
    log = "2024/11/01 08:10:00\tPRESS-SP29\tRUN\n2024/11/01 08:10:04\tPRESS-LS40\tSTOP\n"
    assert find_chat_line_persons(log) == []


@pytest.mark.parametrize("name", ["_SAID_AFTER_BREAK", "_BRACKET_LINE", "_TIME_AT_END"])
def test_the_line_finders_of_a_chat_skip_to_their_first_character(name: str) -> None:
    assert _skips_to_first_characters(getattr(chat_lines, name))


# Twelve-digit numbers that pass the My Number and the licence check digits, and JAN codes.
_TWELVE = ("123456789018", "301992184560", "020949539216", "497365326808")
_WORDS = ("合計 ", "商品", "TEL ", "注文番号:", "番号 第 ", " 号", "カード:", "\n", "  ", "ID=", "No.")


def test_a_twelve_digit_run_in_a_text_without_a_licence_or_my_number_word_is_nobody_s() -> None:
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice(_WORDS) + rng.choice(_TWELVE) for _ in range(rng.randrange(1, 8)))
        runs = [m for m in NUMBER_RUN.finditer(text) if m.group().rstrip(" ").isdigit()]
        twelve = [m for m in runs if len(m.group().rstrip(" ")) == 12]
        assert all(classify(text, m.start(), m.start() + 12, m.group()[:12]) is None for m in twelve), text
        assert find_numbers(text) == [], text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("個人番号：123456789018", "MY_NUMBER"),
        ("My Number 123456789018", "MY_NUMBER"),
        ("免許証番号 301992184560", "DRIVERS_LICENSE"),
        ("運転免許証\n番号 第 301992184560 号", "DRIVERS_LICENSE"),
    ],
)
def test_a_twelve_digit_run_after_its_word_is_still_read(text: str, label: str) -> None:
    assert [hit[2] for hit in find_numbers(text)] == [label]


_SEVEN = ("1234567", "5302677", "0010012")
_SEVEN_PIECES = ("合計 ", "bytes ", "TEL ", "No.", "\n", "  ", " ", "size=", "番号", "振込先 ", "残高 ")


def test_a_seven_digit_run_in_a_text_without_a_postal_or_account_word_is_nobody_s() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(_SEVEN_PIECES) + rng.choice(_SEVEN) for _ in range(rng.randrange(1, 8)))
        sevens = [m for m in NUMBER_RUN.finditer(text) if re.fullmatch(r"\d{7} ?", m.group())]
        assert all(classify(text, m.start(), m.start() + 7, m.group()[:7]) is None for m in sevens), text
        assert find_numbers(text) == [], text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("〒1234567 東京都", "POSTAL_CODE"),
        ("郵便番号 1234567", "POSTAL_CODE"),
        ("ZIP 1234567", "POSTAL_CODE"),
        ("普通 1234567", "BANK_ACCOUNT"),
        ("口座番号 7654321", "BANK_ACCOUNT"),
        ("backup 5302677 bytes\n振込先 当座 7654321", "BANK_ACCOUNT"),
    ],
)
def test_a_seven_digit_run_after_its_word_is_still_read(text: str, label: str) -> None:
    assert [hit[2] for hit in find_numbers(text)] == [label]


_MAIL_PIECES = (
    "\n",
    " ",
    "=",
    "to",
    "user12",
    ".",
    "-",
    "_",
    "+",
    "%",
    "@",
    "example.net",
    "山田",
    "://",
    "https",
    "<",
    "'",
)


def test_a_mailbox_s_local_part_is_read_back_as_the_search_of_its_pattern_reads_it() -> None:
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice(_MAIL_PIECES) for _ in range(rng.randrange(1, 30)))
        pos = rng.randrange(len(text) + 1)
        lo = rng.randrange(max(0, pos - 64), pos + 1)
        local = ids._EMAIL_LOCAL.search(text, lo, pos)
        assert ids._local_start(text, lo, pos) == (local.start() if local else -1), (text, lo, pos)


def _in_url_plain(text: str, start: int) -> bool:
    lo = max(0, start - 200)
    token_start = max(text.rfind(c, lo, start) for c in " \t\n\"'<(=") + 1
    return "://" in text[max(lo, token_start) : start + 1]


def test_a_mailbox_is_told_from_a_url_s_credentials_as_the_token_before_it_tells() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice(_MAIL_PIECES) for _ in range(rng.randrange(1, 60)))
        start = rng.randrange(len(text) + 1)
        assert in_url(text, start) is _in_url_plain(text, start), (text, start)
    assert find_emails("dsn=https://key@sentry.example.com/1 to=yamada@example.com") == [(40, 58, "EMAIL", 6)]


def margin_of(pattern: re.Pattern[str], lookahead: int = 2) -> int:
    """Return the longest match of ``pattern`` and ``lookahead``, its longest negative look-ahead (情報)."""
    from re import _parser  # type: ignore[attr-defined]  # noqa: PLC0415  # the compiler's own widths

    return int(_parser.parse(pattern.pattern, pattern.flags).getwidth()[1]) + lookahead


_BLOCK_PIECES = (
    *("\n", "\n\n", " ", "\u3000", ":", "：", "1", "０", "A", "Ａ", "x", "user12@example.net", "情報", "情"),
    *(
        "株式会社",
        "会社",
        "代表",
        "物件",
        "校",
        "店",
        "長",
        "局",
        "結局",
        "課",
        "日課",
        "室",
        "号室",
        "営業部",
        "部",
    ),
    *("様", "仕様", "殿", "御殿", "御殿場", "個人", "携帯", "氏名", "お客様", "本人", "所属", "(", "0"),
)


@pytest.mark.parametrize(
    ("pattern", "margin"),
    [(corporate._PERSON_WORDS, corporate._PERSON_MARGIN), (corporate._ORG, corporate._ORG_MARGIN)],
)
def test_a_window_is_searched_from_the_index_as_the_window_itself_is_searched(
    pattern: re.Pattern[str], margin: int
) -> None:
    assert margin >= margin_of(pattern)
    rng = random.Random(3)
    for _ in range(200):
        text = "".join(rng.choice(_BLOCK_PIECES) for _ in range(rng.randrange(1, 120)))
        index = WordIndex(pattern, text, margin)
        for _ in range(40):
            lo = rng.randrange(len(text) + 1)
            hi = rng.randrange(lo, len(text) + 1)
            assert index.found(lo, hi) is (pattern.search(text, lo, hi) is not None), (text, lo, hi)
        assert index.starts is not None  # past the first searches, the index answered


# The digit runs as first written: the class of first characters, then look-behinds on what it took.
_PLAIN_NUMBER_RUN = re.compile(
    r"[+(0-9](?:(?<=\+)81[ -]?|(?<=\()|(?<=\d))[\d() -]{5,}\d\)?(?![0-9A-Za-z_*]|[.,:/]\d|-\d)"
)
_RUN_PIECES = (
    *"0123456789" * 3,
    *"+81|+81 |+81-|+|(|)| |-|-|.|,|:|/|*|_|a|Z|\n|\t".split("|"),
    *("٣", "０", "〒", "TEL ", "090-1234-5678", "(03)", "2024-11-12 08:00:00", "4111 1111 1111 1111"),
)


def test_the_digit_runs_are_the_runs_of_their_plain_definition() -> None:
    rng = random.Random(17)
    texts = ["".join(rng.choice(_RUN_PIECES) for _ in range(rng.randrange(1, 50))) for _ in range(20000)]
    for text in texts:
        fast = [m.span() for m in NUMBER_RUN.finditer(text)]
        assert fast == [m.span() for m in _PLAIN_NUMBER_RUN.finditer(text)], repr(text)
