"""Test NFKC normalisation and the offset map back to the original text."""

from __future__ import annotations

from mamori.pii import detect, detect_all
from mamori.pii.normalize import normalize


def test_full_width_text_keeps_its_offsets() -> None:
    norm = normalize("電話：０９０－１２３４－５６７８")
    assert norm.text == "電話:090-1234-5678"
    assert norm.breaks == []


def test_half_width_kana_with_voicing_marks_maps_back_to_the_original_offsets() -> None:
    text = "ｶﾞｸｾｲ ﾃﾞｽ 電話 090-1234-5678 です"
    spans = detect(text)
    assert [(s.label, s.text) for s in spans] == [("PHONE", "090-1234-5678")]
    assert text[spans[0].start : spans[0].end] == "090-1234-5678"


def test_expanding_compatibility_characters_map_back() -> None:
    text = "㈱ミライ 担当：山田 太郎\n電話 03-1234-5678"
    result = detect_all(text)
    assert [s.text for s in result.personal] == ["山田 太郎"]
    assert [s.text for s in result.corporate] == ["03-1234-5678"]  # the company's number
    assert all(text[s.start : s.end] == s.text for s in result.personal + result.corporate)


def test_spans_are_sorted_frozen_and_carry_the_original_substring() -> None:
    spans = detect("氏名：山田 太郎\nメール yamada@example.com")
    assert spans == sorted(spans)
    assert spans[1].text == "yamada@example.com"


def test_crlf_line_ends_do_not_break_tables_or_offsets() -> None:
    text = "氏名,電話番号,生年月日\r\n二階堂 律,03-1234-5678,1990/1/2\r\n"
    spans = detect(text)
    assert [(s.label, s.text) for s in spans] == [
        ("PERSON", "二階堂 律"),
        ("PHONE", "03-1234-5678"),
        ("DATE_OF_BIRTH", "1990/1/2"),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


_MEMOS = [
    # a client's 御中 block, a blank line, then a customer's own mobile and home address
    "株式会社みなと商事 御中\n電話 086-221-4410\n\n090-3385-1276\n岡山市北区奉還町2-3-4\n",
    # a clinic's header, then a patient's mobile on its own line
    "さくら整形外科クリニック 御中\nTEL 086-221-4410 FAX 086-221-4411\n\n下記の患者さまの件です。\n"
    "折り返しは患者さまの携帯 090-3385-1276 までお願いします。\n",
    # a company letterhead alone: all of it the company's
    "株式会社みなと商事\n〒700-0901 岡山市北区本町6-30\nTEL 086-221-4410\n\n見積の件、承知しました。\n",
]


def _found(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    found = detect_all(text)
    return [(s.label, s.text) for s in found.personal], [(s.label, s.text) for s in found.corporate]


def test_a_crlf_text_is_read_as_the_same_text_with_lf_line_ends() -> None:
    # A Windows memo's blank line ends a block as an LF file's does: the customer's mobile and
    # address after a client's 御中 block were the client's before (CRLF CRLF read as " \n \n").
    for memo in _MEMOS:
        assert _found(memo.replace("\n", "\r\n")) == _found(memo)
    personal, corporate = _found(_MEMOS[0].replace("\n", "\r\n"))
    assert personal == [("PHONE", "090-3385-1276"), ("ADDRESS", "岡山市北区奉還町2-3-4")]
    assert corporate == [("PHONE", "086-221-4410")]


def test_old_mac_line_ends_are_line_ends() -> None:
    for memo in _MEMOS:
        assert _found(memo.replace("\n", "\r")) == _found(memo)
    text = _MEMOS[1].replace("\n", "\r")
    spans = detect_all(text).personal
    assert [s.text for s in spans] == ["090-3385-1276"]
    assert all(text[s.start : s.end] == s.text for s in spans)
