"""Full names that open memo lines: a note after a colon, a remark after a bullet, a contact after an arrow."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_a_note_after_each_name_makes_a_list_of_persons():
    checkup = (
        "面談記録（10月）\n梅津 雄大：異動希望なし\n早瀬 ちひろ：時短勤務を継続\n細萱 修：来期に再面談\n"
    )
    assert _persons(checkup) == ["梅津 雄大", "早瀬 ちひろ", "細萱 修"]
    absent = "本日の欠席\n・梅津 雄大（通院のため）\n"
    assert _persons(absent) == ["梅津 雄大"]


def test_a_contact_after_a_name_vouches_for_it_alone():
    memo = "夜間の連絡先\n早瀬 ちひろ（当番）→ 080-4417-2093\n"
    assert _persons(memo) == ["早瀬 ちひろ"]
    assert _persons("梅津 雄大: yudai.umezu@example.com\n") == ["梅津 雄大"]


def test_places_trips_and_departments_before_a_colon_are_no_names():
    assert _persons("長野 松本：特急あずさ\n東京 大阪：新幹線\n") == []
    assert _persons("松本 出張：11日から\n") == []
    assert _persons("営業 二課：定例会議\n総務 人事：面談日程\n") == []
    assert _persons("第3条 甲：乙に対し通知する。\n") == []


def test_a_surname_ending_in_a_section_word_is_a_name():
    assert _persons("・南条 芽依（発熱）\n・北条 大雅（通院）\n") == ["南条 芽依", "北条 大雅"]
