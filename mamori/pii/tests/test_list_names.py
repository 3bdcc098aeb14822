"""Test PERSON in lists of names without a label (``list_names.py``): rotas, orders, bookings."""

from __future__ import annotations

import pytest

from mamori.pii import detect


def persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_a_duty_rota_of_bare_surnames_names_each() -> None:
    text = "給湯室 掃除当番\n12/2 荻原\n12/3 滝沢\n12/4 矢島\n12/5 空き\n12/6 宮下\n片付けもお願いします。\n"
    assert persons(text) == ["荻原", "滝沢", "矢島", "宮下"]


def test_a_running_order_with_two_names_a_line() -> None:
    text = "発表順\n第1週 荻原 千夏、滝沢 亮\n第2週 矢島 隼人、宮下 りん\n第3週 丸山 大樹、市川 萌\n"
    assert persons(text) == ["荻原 千夏", "滝沢 亮", "矢島 隼人", "宮下 りん", "丸山 大樹", "市川 萌"]


def test_bookings_by_time_with_glued_names_and_remarks() -> None:
    text = "12/3\n9:00 荻原千夏\n9:30 鰐淵大輔（初診）\n10:00 空き\n10:30 滝沢亮（再診）\n"
    assert persons(text) == ["荻原千夏", "鰐淵大輔", "滝沢亮"]


def test_a_booking_sheet_with_a_chair_column_between_time_and_name() -> None:
    text = "歯科 予約表\n9:00　C2　柏木 真澄　定期検診\n9:30　C1　宇佐美 千尋　抜歯\n10:00-10:30　2診　根岸 大吾　仮歯\n"
    assert persons(text) == ["柏木 真澄", "宇佐美 千尋", "根岸 大吾"]
    ranges = "11:00-11:30 柏木 真澄 初診\n11:30-12:00 根岸 大吾 再診\n"
    assert persons(ranges) == ["柏木 真澄", "根岸 大吾"]


@pytest.mark.parametrize(
    "text",
    [
        "9:00 A1 会議室 準備\n10:00 B2 本社 打合せ\n11:00 A1 倉庫 棚卸\n",  # rooms and tasks
        "7:10 1番 松本 行き\n7:40 2番 長野 行き\n8:05 1番 上田 行き\n",  # a timetable's platforms and towns
        "13:00-13:10 開会 挨拶\n13:10-14:00 基調 講演\n14:00-14:30 質疑 応答\n",  # a programme
    ],
)
def test_time_lists_of_rooms_towns_or_items_name_nobody(text: str) -> None:
    assert persons(text) == []


def test_two_bulleted_full_names_are_a_list() -> None:
    text = "今月の退職者\n・荻原 千夏（事務職、自己都合）\n・滝沢 りん（契約満了）\n"
    assert persons(text) == ["荻原 千夏", "滝沢 りん"]


def test_one_bulleted_line_of_a_full_name_alone_names_it() -> None:
    # a name alone on a line is one; a bullet before it takes nothing away
    assert persons("見学希望\n・須藤 亜希子\n") == ["須藤 亜希子"]
    assert persons("・須藤 あかり\n") == ["須藤 あかり"]


@pytest.mark.parametrize(
    "text",
    ["・松本 出張\n", "・須藤 工業\n", "・中村 工務店\n", "・上野 動物園\n", "・東京 本社\n"],
)
def test_one_bulleted_line_of_a_trip_a_firm_or_a_remark_names_nobody(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "出張予定\n12/2 松本 出張\n12/3 長野 出張\n12/4 上田 出張\n",  # towns and trips
        "巡回\n12/2 松本\n12/3 長野\n12/4 上田\n12/5 岡谷\n",  # a route of municipalities
        "議題\n1. 予算 報告\n2. 行事 予定\n3. 会計 監査\n",  # words, no names
        "手順\n・電源 投入\n・設定 確認\n",
        "1. 田中 一郎\n",  # one line is no list
    ],
)
def test_lists_of_places_or_words_name_nobody(text: str) -> None:
    assert persons(text) == []


def test_children_listed_by_their_names_in_hiragana() -> None:
    text = "食物アレルギー一覧\nおぎわら ちなつ（1年）… 卵\nたきざわ りょう（2年）… 小麦\nみやした ゆいと（3年）… なし\n"
    assert persons(text) == ["おぎわら ちなつ", "たきざわ りょう", "みやした ゆいと"]
    assert persons("おしらせ\nきょうは えんそく です\nあした の よてい\n") == []


def test_credits_name_their_persons_after_a_role_in_english() -> None:
    text = "・会社案内（2024）AD：荻原千夏 / Photo：滝沢亮 / Copy：宮下 凛\n"
    assert persons(text) == ["荻原千夏", "滝沢亮", "宮下 凛"]
    assert persons("Note: 松本城\nPlace: 長野県庁\nSpot: 上高地\n") == []  # places, no names


def test_surnames_in_their_variant_kanji_are_known() -> None:
    # 濵 (浜), 條 (条), 冨 (富): the dictionaries hold the common form only
    assert persons("当番\n11/4 濵田\n11/5 上條\n11/6 冨田\n") == ["濵田", "上條", "冨田"]


def test_a_programme_names_the_speakers_before_their_talks_titles() -> None:
    text = "研究発表会 次第\n13:00 丸山 大輔「地域交通の課題」\n13:20 大塚 美咲『商店街の再生』\n13:40 平林 健「空き家の活用」\n"
    assert persons(text) == ["丸山 大輔", "大塚 美咲", "平林 健"]


def test_a_visit_round_names_the_family_of_each_house():
    rounds = "往診ルート\n9:40 鰺坂 宅（鍵は左の鉢）\n10:20 能登谷宅\n11:05 柾木 涼子\n11:50 能登谷 蒼 宅\n"
    assert [s.text for s in detect(rounds) if s.label == "PERSON"] == [
        "鰺坂",
        "能登谷",
        "柾木 涼子",
        "能登谷 蒼",
    ]
    places = "13:30 本社\n14:10 自宅\n14:50 松本宅配センター\n15:30 住宅展示場\n"
    assert [s.text for s in detect(places) if s.label == "PERSON"] == []


def test_a_roster_memo_of_numbered_pupils_names_each() -> None:
    # a teacher's notes by class number (出席番号): 番, the pupil's name, a colon and a remark
    memo = (
        "所見メモ\n1番 北条 さつき：図書係として本の整理に励んだ。\n2番 梶原 陽翔：計算が速く正確になった。\n"
        "3番 森下 和夫：清掃に黙々と取り組んだ。\n"
    )
    assert persons(memo) == ["北条 さつき", "梶原 陽翔", "森下 和夫"]


def test_numbered_bus_stops_name_no_one() -> None:
    assert persons("のりば案内\n1番 松本駅前：市街地方面\n2番 浅間温泉：温泉方面\n3番 新村：大学方面\n") == []
