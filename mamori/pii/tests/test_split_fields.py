"""Test contact fields a shop's, marketplace's or carrier's export splits over several columns."""

from __future__ import annotations

from mamori.pii import detect, detect_all


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in detect(text)]


def test_a_phone_in_three_cells_and_a_postal_code_in_two_are_the_orderers() -> None:
    text = (
        "注文番号,注文者氏名,注文者電話番号1,注文者電話番号2,注文者電話番号3,郵便番号1,郵便番号2\n"
        "R-2041,森川 勇気,090,3312,7781,462,0844\n"
        "R-2042,木下 真奈美,080,5521,0093,812,0011\n"
    )
    assert _found(text) == [
        ("PERSON", "森川 勇気"),
        ("PHONE", "090"),
        ("PHONE", "3312"),
        ("PHONE", "7781"),
        ("POSTAL_CODE", "462"),
        ("POSTAL_CODE", "0844"),
        ("PERSON", "木下 真奈美"),
        ("PHONE", "080"),
        ("PHONE", "5521"),
        ("PHONE", "0093"),
        ("POSTAL_CODE", "812"),
        ("POSTAL_CODE", "0011"),
    ]


def test_an_address_split_into_prefecture_city_and_the_rest_is_found_part_by_part() -> None:
    text = "購入者,都道府県,郡市区,以降の住所\n早瀬 奏太,愛知県,名古屋市北区,清水4-12-3\n"
    assert _found(text) == [
        ("PERSON", "早瀬 奏太"),
        ("ADDRESS", "愛知県"),
        ("ADDRESS", "名古屋市北区"),
        ("ADDRESS", "清水4-12-3"),
    ]


def test_numbered_address_lines_are_parts_of_the_addressees_address() -> None:
    text = (
        "お届け先郵便番号,お届け先氏名,お届け先敬称,お届け先住所1行目,お届け先住所2行目,お届け先住所3行目,内容品\n"
        "1010047,鹿嶋 遥,様,東京都千代田区,内神田9-8-7,コーポ内神田203,文具\n"
    )
    assert _found(text) == [
        ("POSTAL_CODE", "1010047"),
        ("PERSON", "鹿嶋 遥"),
        ("ADDRESS", "東京都千代田区"),
        ("ADDRESS", "内神田9-8-7"),
        ("ADDRESS", "コーポ内神田203"),
    ]


def test_a_header_of_numbered_address_cells_opens_a_table() -> None:
    # 住所1 holds a digit: before, no cell of the row read as a header and the names went unread too
    text = "名前,住所1,住所2,住所3\n柚木 智也,大阪府,大阪市北区,梅田9-8-7\n"
    assert _found(text) == [
        ("PERSON", "柚木 智也"),
        ("ADDRESS", "大阪府"),
        ("ADDRESS", "大阪市北区"),
        ("ADDRESS", "梅田9-8-7"),
    ]


def test_billing_street_city_and_province_are_the_buyers_address() -> None:
    text = (
        "Billing Name,Billing Street,Billing City,Billing Province,Billing Zip\n"
        "Kenta Morioka,9-8-7 Uchikanda,Chiyoda-ku,Tokyo,101-0047\n"
    )
    assert _found(text) == [
        ("PERSON", "Kenta Morioka"),
        ("ADDRESS", "9-8-7 Uchikanda"),
        ("ADDRESS", "Chiyoda-ku"),
        ("ADDRESS", "Tokyo"),
        ("POSTAL_CODE", "101-0047"),
    ]


def test_a_table_of_regions_without_a_street_or_a_person_is_no_address() -> None:
    text = "都道府県,市区町村,人口,世帯数\n東京都,千代田区,66000,37000\n大阪府,大阪市北区,140000,80000\n"
    assert detect(text) == []


def test_the_split_contacts_of_a_list_of_sites_are_the_organisations() -> None:
    text = (
        "施設名,住所1,住所2,電話番号1,電話番号2,電話番号3\n"
        "市民体育館,長野県長野市,稲里町9-8,026,221,4455\n"
        "市民プール,長野県長野市,若里9-7,026,228,1100\n"
    )
    found = detect_all(text)
    assert found.personal == []
    assert {s.label for s in found.corporate} == {"ADDRESS", "PHONE"}


def test_an_empty_or_dashed_address_line_is_no_address() -> None:
    text = "氏名,住所1,住所2\n塩見 和樹,京都府京都市左京区,-\n"
    assert _found(text) == [("PERSON", "塩見 和樹"), ("ADDRESS", "京都府京都市左京区")]


def test_a_marketplaces_hyphenated_field_names_of_the_buyer_and_the_shipment() -> None:
    text = (
        "order-id\tbuyer-name\tbuyer-phone-number\tship-address-1\tship-address-2\tship-city\tship-state\t"
        "ship-postal-code\n"
        "503-0000001-0000001\t柚木 智也\t09044127781\t内神田9-8-7\tコーポ内神田203\t千代田区\t東京都\t101-0047\n"
    )
    assert _found(text) == [
        ("PERSON", "柚木 智也"),
        ("PHONE", "09044127781"),
        ("ADDRESS", "内神田9-8-7"),
        ("ADDRESS", "コーポ内神田203"),
        ("ADDRESS", "千代田区"),
        ("ADDRESS", "東京都"),
        ("POSTAL_CODE", "101-0047"),
    ]


def test_a_split_field_named_by_its_part_in_brackets() -> None:
    text = (
        "氏名,電話番号(市外局番),電話番号(市内局番),電話番号(加入者番号),住所(都道府県),住所(市区町村),住所(番地)\n"
        "柚木 智也,026,221,4455,長野県,長野市,稲里町9-8\n"
    )
    assert [label for label, _ in _found(text)] == ["PERSON"] + ["PHONE"] * 3 + ["ADDRESS"] * 3


def test_an_address_split_with_the_word_jusho_before_each_part() -> None:
    text = (
        "受注番号\t注文者住所都道府県\t注文者住所郡市区\t注文者住所それ以降の住所\n"
        "300128-20250105-0001\t宮城県\t仙台市青葉区\t一番町2-8-15 ハイツ楓203\n"
        "300128-20250105-0002\t福岡県\t北九州市小倉北区\t魚町1-4-3\n"
    )
    assert _found(text) == [
        ("ADDRESS", "宮城県"),
        ("ADDRESS", "仙台市青葉区"),
        ("ADDRESS", "一番町2-8-15 ハイツ楓203"),
        ("ADDRESS", "福岡県"),
        ("ADDRESS", "北九州市小倉北区"),
        ("ADDRESS", "魚町1-4-3"),
    ]
    regions = "住所都道府県,住所市区町村,人口\n宮城県,仙台市,1090000\n福岡県,北九州市,930000\n"
    assert _found(regions) == []  # places alone head a table of regions, even after 住所


def test_a_template_s_blanks_in_a_split_address_are_no_address() -> None:
    template = (
        "会員番号,氏名,郵便番号,住所1,住所2,電話番号\n"
        "M-0001,見本 花子,000-0000,〇〇県〇〇市〇〇町,7-8-9,000-0000-0000\n"
        "M-0002,,,○○県○○郡○○村,××ハイツ 203,\n"
    )
    assert _found(template) == []


def test_a_block_number_in_a_split_address_stays_found_beside_a_real_place() -> None:
    members = (
        "会員番号,氏名,郵便番号,住所1,住所2,電話番号\n"
        "M-0001,梶浦 千里,606-8305,京都府京都市左京区吉田河原町,7-8-9,075-761-3320\n"
        "M-0002,宍戸 諒,520-0044,滋賀県大津市京町,三丁目二〇〇番地,077-524-1187\n"
    )
    assert [label for label, _ in _found(members)].count("ADDRESS") == 4
    # one blank on a real row (the phone not given) leaves its block number its address's
    one_blank = members.replace("075-761-3320", "000-0000-0000")
    assert ("ADDRESS", "7-8-9") in _found(one_blank)
