"""Instructors named after their lesson in the cells of a timetable with no name header."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_an_instructor_after_the_lesson_in_a_timetables_cell_is_a_person():
    week = (
        "時間,月,水,金\n"
        "10:00,ヨガ 江藤 早紀,陰ヨガ 江藤 早紀,\n"
        "13:00,ピラティス(初級) 沢口 亮,,バレトン 柏木 真澄 先生\n"
    )
    assert _persons(week) == ["江藤 早紀", "江藤 早紀", "沢口 亮", "柏木 真澄"]
    grid = "月\t火\n書道 小池 直美\t英会話 片岡 健一\n"
    assert _persons(grid) == ["小池 直美", "片岡 健一"]
    glued = "土,日\nフラダンス 小池直美,太極拳 片岡健一\n"
    assert _persons(glued) == ["小池直美", "片岡健一"]


def test_a_sheet_of_only_lesson_cells_names_its_instructors():
    assert _persons("ズンバ 沢口 亮,ヨガ 小池 直美\nストレッチ 片岡 健一,ヨガ 小池 直美\n") == [
        "沢口 亮",
        "小池 直美",
        "片岡 健一",
        "小池 直美",
    ]


def test_rooms_routes_and_words_after_a_word_in_a_cell_are_no_instructors():
    assert _persons("会場\t本館 大会議室\t別館 和室\n控室\t本館 小会議室\t別館 洋室\n") == []
    assert _persons("列車\t特急 松本 行\t快速 上田 行\n") == []
    assert _persons("曜日,月,火\nクラス,ヨガ 初級 A,ヨガ 中級 B\n") == []
    assert _persons("教室,土,日\n本館,書道 大人初級,絵画 小学生\n") == []
    assert _persons("商品,原料米\n純米吟醸,兵庫県産 山田錦\n") == []
