"""Test ADDRESS: prefecture, municipality, town, block number, building and room."""

from __future__ import annotations

import pytest

from mamori.pii.tests.conftest import found


@pytest.mark.parametrize(
    "value",
    [
        "東京都千代田区千代田1-1",
        "神奈川県横浜市港北区日吉本町3丁目2番1号",
        "北海道帯広市西十条五丁目16番5号",
        "大阪府 大阪市中央区本町2789番地24",
        "岡山県岡山市北区平河町6丁目3番20号 虎ノ門プラザ202号室",
        "津市上高野540番地9-1204",
        "奈良県生駒郡斑鳩町法隆寺1-2-3",
        "静岡県浜松市中央区若葉台2-3-4 サンハイツ101",
        "神奈川県 藤沢市鵠沼１－１２－１１－３０５",
    ],
)
def test_addresses_are_found_whole(value: str) -> None:
    assert found(f"住所：{value}\n") == [("ADDRESS", value)]


def test_town_names_outside_any_list_are_accepted_between_city_and_block() -> None:
    assert found("現住所：長野県松本市架空野原町12-3\n") == [("ADDRESS", "長野県松本市架空野原町12-3")]


@pytest.mark.parametrize(
    "text", ["市場調査の結果3件", "東京都の人口は多い", "大阪支店 会議室A", "町内会 2024年"]
)
def test_place_words_without_a_block_number_are_not_addresses(text: str) -> None:
    assert [label for label, _ in found(text) if label == "ADDRESS"] == []


def test_an_address_label_allows_an_address_without_block_number() -> None:
    assert found("住所：長野県松本市中山\n") == [("ADDRESS", "長野県松本市中山")]
    assert found("長野県松本市中山の工場") == []


def test_an_unknown_municipality_after_a_prefecture_and_floor_numbers_are_accepted() -> None:
    assert found("所在地：東京都架空市桜台2-3-4 ミライビル5F\n") == [
        ("ADDRESS", "東京都架空市桜台2-3-4 ミライビル5F")
    ]


def test_times_after_a_place_name_are_not_block_numbers() -> None:
    assert found("新宿区役所の窓口は8:30-17:15です。") == []


@pytest.mark.parametrize(
    "text",
    [
        "横浜市の3店舗",
        "東京都23区",
        "東京都港区で3件の事故",
        "大阪府の人口は880万人",
        "京都府京都市で2025年に",
    ],
)
def test_counts_and_years_after_a_place_are_not_addresses(text: str) -> None:
    assert found(text) == []


def test_sapporo_grid_addresses_are_found() -> None:
    assert found("住所：北海道札幌市北区北7条西5丁目6-1\n") == [
        ("ADDRESS", "北海道札幌市北区北7条西5丁目6-1")
    ]


def test_a_space_between_the_town_and_its_block_number_stays_in_the_address() -> None:
    assert [v for _label, v in found("宮城県仙台市若林区新寺 9-8-7 コーポ新寺201")] == [
        "宮城県仙台市若林区新寺 9-8-7 コーポ新寺201"
    ]
    assert [v for _label, v in found("北海道札幌市中央区北1条西 9-8")] == ["北海道札幌市中央区北1条西 9-8"]


def test_a_sentence_before_a_spaced_number_is_no_town() -> None:
    assert found("東京都で開催 2-3日の予定") == []


def test_an_event_s_place_and_a_range_of_days_or_months_is_no_address() -> None:
    prose = "研修会は愛知県で開催4-5日、説明会は京都府にて開催 9-11月、秋田市主催 3-4年生対象。\n"
    assert found(prose) == []


def test_a_block_number_of_many_parts_stays_whole() -> None:
    assert found("愛知県名古屋市中区栄3-4-15-802") == [("ADDRESS", "愛知県名古屋市中区栄3-4-15-802")]


def test_a_rate_table_s_route_before_its_size_and_price_columns_is_no_address() -> None:
    rates = (
        "鹿児島県発 北海道宛 120サイズ 2,530円\n長野県発 沖縄県宛60サイズ 1,540円\n松本市行き 2便 3,100円\n"
    )
    assert found(rates) == []


def test_a_town_that_starts_like_a_route_word_stays_an_address() -> None:
    assert found("北海道札幌市西区発寒6条9丁目2-14") == [("ADDRESS", "北海道札幌市西区発寒6条9丁目2-14")]


def test_a_pdfs_spaces_around_the_digits_stay_in_the_address() -> None:
    assert [v for _label, v in found("〒980-0811 宮城県仙台市青葉区一番町 2 丁目 8-15 ハイツ楓 203")] == [
        "980-0811",
        "宮城県仙台市青葉区一番町 2 丁目 8-15 ハイツ楓 203",
    ]
    assert [v for _label, v in found("宮城県仙台市青葉区一番町 2 丁目 8 番 15 号")] == [
        "宮城県仙台市青葉区一番町 2 丁目 8 番 15 号"
    ]


def test_a_road_number_after_a_ward_is_no_block() -> None:
    assert found("仙台市青葉区 4 号線沿いの店舗") == []
    assert found("仙台市青葉区4号線沿いの店舗") == []


def test_a_town_in_kana_before_a_spaced_block_number_is_read() -> None:
    assert found("奈良県奈良市あやめ池北 2 丁目 5-3") == [("ADDRESS", "奈良県奈良市あやめ池北 2 丁目 5-3")]
    assert found("板橋区ときわ台 4-12-6") == [("ADDRESS", "板橋区ときわ台 4-12-6")]
    assert found("横浜市西区みなとみらい 2-9-1") == [("ADDRESS", "横浜市西区みなとみらい 2-9-1")]


def test_a_particle_after_a_place_before_a_score_or_a_number_is_no_town() -> None:
    assert found("松本市と 2-1で勝利、長野県では 1-3、宮崎市ではなく 3-5\n") == []


def test_a_district_with_counts_is_no_address() -> None:
    table = "町名,戸数,人口\n松山市道後湯月町2丁目,310,720\n松山市道後湯月町3丁目,280,650\n"
    assert found(table) == []
    assert found("配達区域\t部数\n徳島市南昭和町4丁目\t380\n") == []
    assert found("新居浜市庄内町3丁目 415世帯、庄内町4丁目 388世帯。") == []
    # a customer's 住所 with its block, a 丁目 beside a number outside a district table stay addresses
    assert found("住所,電話\n松山市道後湯月町2丁目5-3,090-0000-1234\n")[0] == (
        "ADDRESS",
        "松山市道後湯月町2丁目5-3",
    )
    assert found("住所,年齢\n松山市道後湯月町2丁目,45\n") != []
    assert found("住所：松山市道後湯月町2丁目 8-14") == [("ADDRESS", "松山市道後湯月町2丁目 8-14")]


def test_an_address_cell_ending_in_chome_before_a_comma_keeps_its_chome() -> None:
    rows = "宇佐美 結衣,岐阜県大垣市郭町2丁目,45\n松田 健,岐阜県大垣市郭町3丁目,51\n"  # no header row
    assert [v for label, v in found(rows) if label == "ADDRESS"] == [
        "岐阜県大垣市郭町2丁目",
        "岐阜県大垣市郭町3丁目",
    ]
    assert found("宛先,区分\n岐阜県大垣市郭町2丁目5番,A\n")[0] == ("ADDRESS", "岐阜県大垣市郭町2丁目5番")
    # a comma after a digit still goes on with the number: no block there
    assert found("岐阜県大垣市郭町2,980円") == []


def test_a_district_and_its_count_in_prose_is_no_address() -> None:
    assert found("今月の配布先です。大垣市郭町2丁目は約1,150世帯、3丁目の世帯数は640です。") == []
    assert found("大垣市郭町2丁目（約900世帯）に配布") == []
    # the same district said of a place stays one
    assert found("実家は大垣市郭町2丁目にあります。") != []


def test_a_pdfs_spaces_around_a_sapporo_jo_stay_in_the_address() -> None:
    assert found("住所：北海道札幌市白石区本郷通 8 条 2-7-15") == [
        ("ADDRESS", "北海道札幌市白石区本郷通 8 条 2-7-15")
    ]
    assert found("札幌市中央区南 14 条西 9 丁目 3-2") == [("ADDRESS", "札幌市中央区南 14 条西 9 丁目 3-2")]


def test_a_town_in_hiragana_ending_in_no_is_read() -> None:
    assert found("茨城県つくば市みどりの3-21-4 グランみどりの205") == [
        ("ADDRESS", "茨城県つくば市みどりの3-21-4 グランみどりの205")
    ]


def test_a_particle_no_after_a_place_before_a_number_is_no_town() -> None:
    assert found("松本市の2-3丁目付近、東京都内の2-3社、仙台市からの3-5便\n") == []


def test_spaces_around_a_block_numbers_hyphens_stay_in_the_address() -> None:
    assert found("住所：千葉県市川市国府台 5 - 14 - 3 コーポ里見 101") == [
        ("ADDRESS", "千葉県市川市国府台 5 - 14 - 3 コーポ里見 101")
    ]


def test_a_spaced_score_after_a_place_is_no_address() -> None:
    assert found("決勝は市川市 3 - 1 で勝利、松戸市 2 - 2 の引き分け\n") == []


def test_a_rural_block_of_iwate_is_read_whole_to_its_banchi():
    for address in ("岩手県紫波郡雫石町大字長山第12地割45番地", "岩手県岩手郡葛巻町江刈第8地割77番地"):
        assert found(f"住所：{address}\n") == [("ADDRESS", address)]


def test_a_town_whose_name_holds_a_municipality_s_tail_starts_no_address() -> None:
    # 神崎郡市川町 gave 川町 as a municipality, so 湊川町 / 相川町 … began an address at 川町
    assert found("バス停,住所\n湊川町西口,\n") == []
    assert found("住所：湊川町西口1-2\n") == []
    # the town itself (兵庫県神崎郡市川町) and a city with 市 inside its name stay addresses
    assert found("兵庫県神崎郡市川町西川辺128-3\n") == [("ADDRESS", "兵庫県神崎郡市川町西川辺128-3")]
    assert found("千葉県市原市五井中央西1-2-3\n") == [("ADDRESS", "千葉県市原市五井中央西1-2-3")]
    assert found("神奈川県川崎市川崎区駅前本町11-2\n") == [("ADDRESS", "神奈川県川崎市川崎区駅前本町11-2")]


def test_a_score_after_a_place_with_no_town_is_no_address() -> None:
    assert found("県大会決勝 岐阜県 3-1で勝利\n") == []
    assert found("一回戦 大垣市 2-0 関市\n") == []
    # a town before the number keeps it an address, with or without a prefecture
    assert found("大垣市郭町3-1\n") == [("ADDRESS", "大垣市郭町3-1")]
    assert found("岐阜県 大垣市 3-1-5\n") == [("ADDRESS", "岐阜県 大垣市 3-1-5")]
