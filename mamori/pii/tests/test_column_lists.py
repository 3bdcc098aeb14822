"""Names listed one a line under a name column's header alone on its line: a one-column export."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_a_one_column_list_under_a_name_header_lists_persons():
    owners = "飼い主名\n乙部 透\n門別 沙耶\n鵡川 亮介\n\n以上3件\n"
    assert _persons(owners) == ["乙部 透", "門別 沙耶", "鵡川 亮介"]
    readings = "参加者名（カナ）\nオトベ トオル\nモンベツ サヤ\n"
    assert _persons(readings) == ["オトベ トオル", "モンベツ サヤ"]


def test_a_column_of_words_or_of_pets_under_a_header_lists_no_persons():
    assert _persons("受講者\n初級\n中級\n上級\n") == []
    assert _persons("名前\nポチ\nタマ\nモモ\n") == []
    assert _persons("氏名\n住所\n電話番号\n生年月日\n") == []
    assert _persons("参加者\n松本市\n長野市\n") == []
