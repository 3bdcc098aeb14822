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
