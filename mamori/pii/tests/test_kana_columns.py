"""Katakana full names in a column with a kana header, with none, and katakana product names."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


_READINGS = ["イノウエ マサキ", "キムラ ユイ", "ハヤシ ソウタ", "マツモト アヤカ", "イシカワ リョウ"]


def test_a_kana_column_under_a_reading_header_holds_persons():
    rows = "".join(f"{i},{name},2025/0{i}/01\n" for i, name in enumerate(_READINGS, 1))
    assert _persons("No,氏名(カナ),登録日\n" + rows) == _READINGS


def test_a_column_of_katakana_full_names_without_a_header_holds_persons():
    rows = "".join(f"{i},{name},090-41{i}0-77{i}1\n" for i, name in enumerate(_READINGS, 1))
    assert _persons(rows) == _READINGS


def test_katakana_product_names_with_or_without_a_reading_header_name_no_one():
    goods = ["オーガニック コットン", "ステンレス ボトル", "ウール マフラー", "リネン シャツ"]
    rows = "".join(f"A00{i},{name},1200\n" for i, name in enumerate(goods, 1))
    assert _persons("商品コード,商品名(カナ),単価\n" + rows) == []
    assert _persons(rows) == []
