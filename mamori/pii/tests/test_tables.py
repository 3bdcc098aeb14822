"""Test CSV / TSV tables: cells are labelled by their column header and validated."""

from __future__ import annotations

import pytest

from mamori.pii import detect
from mamori.pii.tables import analyse_tables, find_table_values, header_label

CSV = (
    "氏名,フリガナ,生年月日,郵便番号,住所,電話番号,メールアドレス,個人番号,累計購入額\n"
    '早乙女 陽葵,サオトメ ヒマリ,1998/11/21,215-7570,"長野県松本市緑町3-2-1",052-516-3834,'
    'h.saotome@example.com,123456789018,"94,943,029円"\n'
)


def test_csv_cells_under_known_headers_are_reported_with_their_labels() -> None:
    labels = [(s.label, s.text) for s in detect(CSV)]
    assert labels == [
        ("PERSON", "早乙女 陽葵"),
        ("PERSON", "サオトメ ヒマリ"),
        ("DATE_OF_BIRTH", "1998/11/21"),
        ("POSTAL_CODE", "215-7570"),
        ("ADDRESS", "長野県松本市緑町3-2-1"),
        ("PHONE", "052-516-3834"),
        ("EMAIL", "h.saotome@example.com"),
        ("MY_NUMBER", "123456789018"),
    ]


def test_tsv_with_an_id_column_reports_only_personal_columns() -> None:
    text = "社員番号\t氏名\t所属\t生年月日\t入社日\nEMP0001\t二階堂 律\t法務部\t1983年3月23日\t2020/4/1\n"
    assert [(s.label, s.text) for s in detect(text)] == [
        ("PERSON", "二階堂 律"),
        ("DATE_OF_BIRTH", "1983年3月23日"),
    ]


def test_cells_that_fail_validation_are_not_reported() -> None:
    text = "氏名,個人番号,カード番号\n備考なし,123456789012,4111111111111112\n"
    assert detect(text) == []


def test_header_variants_are_understood() -> None:
    text = "お名前(漢字),携帯電話番号,メールアドレス(PC),生年月日(西暦)\n穂積 和奏,090-1234-5678,w.hozumi@example.jp,2001/2/3\n"
    assert [s.label for s in detect(text)] == ["PERSON", "PHONE", "EMAIL", "DATE_OF_BIRTH"]


def test_two_column_tables_are_tables_too() -> None:
    assert [(s.label, s.text) for s in detect("氏名,電話番号\n林 美咲,03-1234-5678\n")] == [
        ("PERSON", "林 美咲"),
        ("PHONE", "03-1234-5678"),
    ]


def test_a_row_whose_values_contain_header_words_does_not_restart_the_table() -> None:
    text = (
        "氏名,フリガナ,電話番号,備考\n"
        '"早乙女 陽葵","サオトメ ヒマリ","03-1234-5678","住所変更あり"\n'
        '"相良 文雄","サガラ フミオ","03-9307-4280","ご住所確認済"\n'
    )
    assert [s.label for s in detect(text)] == ["PERSON", "PERSON", "PHONE"] * 2


@pytest.mark.parametrize(
    "header",
    [
        "氏名（ローマ字）",
        "ローマ字氏名",
        "ローマ字",
        "英字",
        "Name",
        "NAME_EN",
        "name_en",
        "Name_Romaji",
        "english_name",
    ],
)
def test_a_romaji_name_column_holds_persons(header: str) -> None:
    text = f"社員番号,{header},内線\n1001,YAMADA Taro,2101\n1002,Hanako Suzuki,2102\n1003,OHNO Shinji,2103\n"
    assert [(s.label, s.text) for s in detect(text) if s.label == "PERSON"] == [
        ("PERSON", "YAMADA Taro"),
        ("PERSON", "Hanako Suzuki"),
        ("PERSON", "OHNO Shinji"),
    ]


def test_first_and_last_name_columns_in_romaji_hold_persons() -> None:
    text = "first_name,last_name,email\nTaro,Yamada,t@example.net\nJun,Ito,j@example.net\n"
    assert [s.text for s in detect(text) if s.label == "PERSON"] == ["Taro", "Yamada", "Jun", "Ito"]


def test_english_product_names_under_an_english_name_header_are_no_persons() -> None:
    text = "商品コード,NAME_EN,単価\nA-1,Ballpoint Pen,100\nA-2,Green Tea,200\nA-3,Notebook,300\n"
    assert [s for s in detect(text) if s.label == "PERSON"] == []


@pytest.mark.parametrize(
    ("header", "value", "label"),
    [
        ("氏　名", "五十嵐　陽翔", "PERSON"),  # a form's spaced-out header
        ("なまえ（カタカナ）", "クリバヤシ ヒカル", "PERSON"),  # a nursery's list
        ("扶養親族の氏名", "山田 花子", "PERSON"),
        ("オーナー名", "真鍋 さくら", "PERSON"),
        ("連帯保証人", "井上 健太", "PERSON"),
        ("緊急連絡先", "090-1234-8765", "PHONE"),
        ("住　所", "長野県松本市中央2-1-3", "ADDRESS"),
    ],
)
def test_headers_as_forms_and_ledgers_write_them(header: str, value: str, label: str) -> None:
    text = f"No\t{header}\t備考\n1\t{value}\t\n2\t{value}\t\n"
    assert [(s.label, s.text) for s in detect(text)] == [(label, value)] * 2


def test_values_with_single_characters_between_spaces_are_not_headers() -> None:
    assert header_label("林 学") is None and header_label("山田 太郎") is None


def test_a_column_of_known_full_names_without_a_header_holds_persons() -> None:
    # A shift table: staff down the first column, no 氏名 header, the days across.
    staff = ["早乙女 杏", "宇佐美 昭雄", "柳田 瑛太", "澤村 紬", "齋藤 結愛"]
    text = "2024年12月 勤務表\n\t1(日)\t2(月)\n" + "".join(f"{name}\t早\t休\n" for name in staff)
    assert [s.text for s in detect(text) if s.label == "PERSON"] == staff


@pytest.mark.parametrize(
    "column",
    [
        ["長野 松本", "長野 上田", "新潟 長岡", "山梨 甲府"],  # places under places
        ["渋谷 本店", "品川 本社", "高田 工場", "上田 倉庫"],  # sites
        ["田中 太郎", "田中 太郎", "田中 太郎", "田中 太郎"],  # one value repeated: a default, not a list
    ],
)
def test_columns_of_places_sites_or_one_repeated_value_are_no_name_list(column: list[str]) -> None:
    text = "".join(f"{value}\t{i}\t備考\n" for i, value in enumerate(column))
    assert find_table_values(text) == []


_PEOPLE = "氏名,電話番号,住所\n山田 太郎,090-1234-5678,東京都港区芝公園2-4-1\n佐藤 花子,080-2345-6789,大阪府豊中市新栄1-2-3\n"
_ORDERS = "注文番号,商品コード,数量\n245892152759,MB2493714,3\n245892152760,MB2493715,1\n"
_NO_HEADER = "1,2,3\n4,5,6\n"


@pytest.mark.parametrize(
    "parts",
    [
        [_PEOPLE, _ORDERS],
        [_ORDERS, _PEOPLE],
        [_PEOPLE, _PEOPLE],
        [_NO_HEADER, _PEOPLE, _ORDERS.rstrip("\n")],
        [_PEOPLE.replace(",", "\t"), _PEOPLE],
    ],
)
def test_tables_stacked_without_a_blank_line_are_judged_as_apart(parts: list[str]) -> None:
    whole = analyse_tables("".join(parts))
    hits: list[tuple[int, int, str, int]] = []
    quiet: list[tuple[int, int]] = []
    offset = 0
    for part in parts:  # each alone, then moved to where it sits in the whole text
        part_hits, part_quiet = analyse_tables(part)
        hits += [(s + offset, e + offset, label, p) for s, e, label, p in part_hits]
        quiet += [(s + offset, e + offset) for s, e in part_quiet]
        offset += len(part)
    assert sorted(whole[0]) == sorted(hits)
    assert sorted(whole[1]) == sorted(quiet)


DAYS = "\t" + "\t".join(f"12/{day}" for day in range(1, 11)) + "\n"


@pytest.mark.parametrize(
    "staff",
    [
        ["比嘉", "佐藤", "鈴木", "高橋", "田中"],  # surnames alone, as shift tables write them
        ["早乙女杏", "勅使河原陽翔", "比嘉湊", "金城健太郎"],  # full names without a space
        ["グエン ティ フオン", "NGUYEN THI HUONG", "スミス ジョン", "ブラウン エマ"],
    ],
)
def test_the_staff_down_the_side_of_a_shift_table_are_persons(staff: list[str]) -> None:
    text = (
        "物流センター 12月シフト\n"
        + DAYS
        + "".join(f"{name}\t" + "\t".join(["日勤"] * 10) + "\n" for name in staff)
    )
    assert [s.text for s in detect(text) if s.label == "PERSON"] == staff


@pytest.mark.parametrize(
    "rows",
    [
        ["松本", "塩尻", "安曇野", "岡谷", "諏訪"],
        ["A班", "B班", "C班", "D班"],
        ["会議室A", "会議室B", "応接室", "和室"],
    ],
)
def test_places_teams_and_rooms_down_a_calendar_are_no_persons(rows: list[str]) -> None:
    text = "配送予定\n" + DAYS + "".join(f"{row}\t" + "\t".join(["○"] * 10) + "\n" for row in rows)
    assert [s for s in detect(text) if s.label == "PERSON"] == []


def test_foreign_names_under_name_en_are_persons_when_the_row_is_a_persons() -> None:
    people = (
        "氏名,NAME_EN,電話番号\n山田 太郎,Taro Yamada,090-1234-5678\nスミス ジョン,John Smith,090-2345-6789\n"
    )
    assert [s.text for s in detect(people) if s.label == "PERSON"] == [
        "山田 太郎",
        "Taro Yamada",
        "スミス ジョン",
        "John Smith",
    ]
    products = "品番,NAME_EN,単価\nA-1,Ballpoint Pen,120\nA-2,Desk Lamp,3000\nA-3,Note Book,200\n"
    assert [s.text for s in detect(products) if s.label == "PERSON"] == []


def test_the_reading_of_a_company_column_is_no_person() -> None:
    from mamori.pii import detect

    text = "取引先名,取引先名（カナ）,担当者,担当者（カナ）\n有限会社アオバ精密,アオバセイミツ,荻原 千夏,オギワラ チナツ\n"
    assert [s.text for s in detect(text) if s.label == "PERSON"] == ["荻原 千夏", "オギワラ チナツ"]


def test_service_accounts_and_header_words_are_no_persons() -> None:
    from mamori.pii import detect

    text = "displayName,mail\nAnna Schmidt,anna@example.com\nBackup Service,backup@example.com\n"
    assert [s.text for s in detect(text) if s.label == "PERSON"] == ["Anna Schmidt"]
    text = "氏名\t金融機関\t口座番号\n荻原 千夏\t長野銀行\t8614447\n"
    assert [s.text for s in detect(text) if s.label == "PERSON"] == ["荻原 千夏"]


def test_a_blank_form_s_label_under_a_name_header_is_no_name():
    # a vertical form read across: 代表者 heads a column whose cell is the next label, 借主
    blank = "代表者\t＿＿＿＿＿＿\n借主\t＿＿＿＿＿＿＿＿ 様\n"
    assert [s for s in detect(blank) if s.label == "PERSON"] == []
    filled = "代表者\t保証人\n松本 一郎\t竹内 次郎\n"
    assert [s.text for s in detect(filled) if s.label == "PERSON"] == ["松本 一郎", "竹内 次郎"]


def test_a_card_column_of_a_shop_s_order_export_is_read_under_its_english_header() -> None:
    # An order export's card_no column beside an order_id: one number of an unknown issuer (3520…) made
    # the unlabelled column fail its check-digit share, and all its cards were lost; read by the header,
    # each card is judged alone.
    text = (
        "order_id,ordered_at,name,tel,card_no,exp,amount\n"
        "A-1001,2026-10-01 10:12,森岡 千晶,090-2200-5678,5326018159083011,09/28,5300\n"
        "A-1002,2026-10-02 10:12,宍倉 大輔,090-2201-5678,5361318609139090,09/28,5301\n"
        "A-1003,2026-10-03 10:12,葉山 陽菜,090-2202-5678,5460308246281942,09/28,5302\n"
        "A-1004,2026-10-04 10:12,犬養 瑛太,090-2203-5678,5421993518190935,09/28,5303\n"
        "A-1005,2026-10-05 10:12,柘植 美咲,090-2204-5678,5386579754323190,09/28,5304\n"
        "A-1006,2026-10-06 10:12,務台 悠真,090-2205-5678,5387574911862528,09/28,5305\n"
        "A-1007,2026-10-07 10:12,蔵永 和夫,090-2206-5678,3520760189555976,09/28,5306\n"
        "A-1008,2026-10-08 10:12,日比野 千代子,090-2207-5678,5471147104974652,09/28,5307\n"
        "A-1009,2026-10-09 10:12,森岡 千晶,090-2208-5678,4752917034236676,09/28,5308\n"
        "A-1010,2026-10-10 10:12,宍倉 大輔,090-2209-5678,4276842684656329,09/28,5309\n"
        "A-1011,2026-10-11 10:12,葉山 陽菜,090-2210-5678,4223307924402680,09/28,5310\n"
        "A-1012,2026-10-12 10:12,犬養 瑛太,090-2211-5678,5399528907866667,09/28,5311\n"
    )
    cards = [s.text for s in detect(text) if s.label == "CREDIT_CARD"]
    assert cards == [
        "5326018159083011",
        "5361318609139090",
        "5460308246281942",
        "5421993518190935",
        "5386579754323190",
        "5387574911862528",
        "5471147104974652",
        "4752917034236676",
        "4276842684656329",
        "4223307924402680",
        "5399528907866667",
    ]


def test_a_column_of_order_numbers_is_no_card_column_whatever_its_check_digits() -> None:
    for header in ("card_type", "discard_no", "card"):
        assert header_label(header) is None, header


def test_a_reading_of_an_address_is_no_name_column() -> None:
    rows = "氏名,氏名(カナ),住所,住所(カナ)\n汐見 蓮,シオミ レン,宮崎県都城市姫城町 8-21,ミヤコノジョウシ\n"
    assert [s.text for s in detect(rows) if s.label == "PERSON"] == ["汐見 蓮", "シオミ レン"]


def test_a_hotel_s_guarantee_card_column_is_a_card_column() -> None:
    rows = (
        "R001,大森 千景,090-1111-2222,4526018159083012,12/28\n"
        "R002,河野 健吾,090-3333-4444,5661318609139097,01/29\n"  # passes Luhn, no issuer's range
        "R003,広瀬 大輔,090-5555-6666,3582199351819099,03/27\n"
    )
    for header in (
        "保証カード",
        "GuaranteeCard",
        "デポジットカード",
        "クレジット",
        "Credit Card",
        "payment_card",
    ):
        text = f"予約番号,宿泊者,電話,{header},有効期限\n{rows}"
        cards = [s.text for s in detect(text) if s.label == "CREDIT_CARD"]
        assert cards == ["4526018159083012", "3582199351819099"], header
    # a settlement's, a point card's or a member card's number is no credit card
    for header in ("決済", "決済番号", "ポイントカード", "会員カード", "カード種別"):
        assert header_label(header) != "CREDIT_CARD", header


def test_a_birth_date_of_eight_digits_is_read_under_a_birth_date_header() -> None:
    text = "受付番号,患者氏名,生年月日\n00001,大森 千景,19580312\n00002,河野 健吾,19720905\n"
    assert [s.text for s in detect(text) if s.label == "DATE_OF_BIRTH"] == ["19580312", "19720905"]
    # the same digits under another date's header, or no date at all (month 13), are none
    other = "受付番号,患者氏名,受付日\n00001,大森 千景,20261203\n00002,河野 健吾,20261204\n"
    assert [s for s in detect(other) if s.label == "DATE_OF_BIRTH"] == []
    bad = "受付番号,患者氏名,生年月日\n00001,大森 千景,19581312\n00002,河野 健吾,19720945\n"
    assert [s for s in detect(bad) if s.label == "DATE_OF_BIRTH"] == []


def test_okurigana_inside_a_header_cell_keeps_the_header_row() -> None:
    rows = (
        "受付日,児童名,お預かり時刻,振り込み日\n"
        "2025/06/02,雲母坂 透,8:10,6/20\n2025/06/02,百目鬼 恵,8:25,6/21\n2025/06/03,五百旗頭 翠,8:40,6/20\n"
    )
    assert [s.text for s in detect(rows) if s.label == "PERSON"] == ["雲母坂 透", "百目鬼 恵", "五百旗頭 翠"]


def test_a_particle_between_kanji_still_makes_a_cell_a_value() -> None:
    # は, に, で between kanji are words of a sentence, not a header's okurigana
    assert header_label("氏名は別紙") is None
    assert header_label("住所に変更") is None
    assert header_label("引き取り者") == "PERSON"


def test_the_my_number_or_pension_number_column_of_a_social_insurance_form() -> None:
    # 算定基礎届 / 資格取得届 word the column 個人番号又は基礎年金番号: each cell is judged by its length
    rows = (
        "整理番号\t被保険者氏名\t個人番号又は基礎年金番号\n"
        "1\t雲母坂 透\t526018159084\n2\t百目鬼 恵\t4411-203958\n3\t五百旗頭 翠\t301661318600\n"
    )
    assert [(s.label, s.text) for s in detect(rows) if s.label != "PERSON"] == [
        ("MY_NUMBER", "526018159084"),
        ("MY_NUMBER", "301661318600"),
    ]
    assert header_label("個人番号または基礎年金番号") == "MY_NUMBER"


def test_a_pension_number_column_alone_or_a_failing_twelve_digit_cell_holds_no_my_number() -> None:
    rows = "No\t氏名\t基礎年金番号\n1\t雲母坂 透\t4411-203958\n2\t百目鬼 恵\t526018159084\n"
    assert [s.label for s in detect(rows) if s.label == "MY_NUMBER"] == []
    rows = "No\t氏名\t個人番号又は基礎年金番号\n1\t雲母坂 透\t526018159085\n"
    assert [s.label for s in detect(rows) if s.label == "MY_NUMBER"] == []


def test_a_heads_post_under_a_person_column_is_no_name() -> None:
    rota = "日付\t作業\t担当\n6/2\t滅菌\t副院長\n6/3\t発注\t事務長\n6/4\t清掃\t副園長\n6/5\t点検\t院長\n"
    assert detect(rota) == []


def test_a_person_among_posts_under_a_person_column_is_still_a_name() -> None:
    rota = "日付\t作業\t担当\n6/2\t滅菌\t副院長\n6/3\t発注\t雲母坂 透\n6/4\t清掃\t事務長\n"
    assert [s.text for s in detect(rota)] == ["雲母坂 透"]


def test_a_caretaker_column_holds_persons_not_identifiers() -> None:
    # 管理人 is a person's role, not 管理番号: its names are read and the row's mobile is theirs
    roster = "物件,管理人,連絡先\nコーポ若葉,羽賀 淳之介,090-5521-8830\nハイツ楓,春日 美樹,080-3390-1174\n"
    assert [s.label for s in detect(roster)] == ["PERSON", "PHONE", "PERSON", "PHONE"]
    assert header_label("管理人") == "PERSON" and header_label("管理人名") == "PERSON"
    # a managing company and a management number stay what they were
    assert header_label("管理番号") == "ID" and header_label("管理会社") == "ID"
    managed = "物件名,管理会社,電話\nコーポ若葉,若葉ハウジング,03-5521-8830\nハイツ楓,楓地所,03-3390-1174\n"
    assert detect(managed) == []


def test_a_meeting_of_parents_in_an_event_plan_makes_no_column_of_names():
    plan = (
        "月\t行事\t会場\n4\t入園式\t遊戯室\n6\t保護者会\t各教室\n7\tたなばた\t園庭\n9\tうんどうかい\t園庭\n"
    )
    assert [s.text for s in detect(plan)] == []
    plan = "日付,催し,対象\n5/10,参加者懇談会,全員\n5/20,ゆうやけ散歩,低学年\n6/1,ドッジボール,高学年\n"
    assert [s.text for s in detect(plan)] == []


def test_a_column_headed_by_the_guardian_still_holds_names():
    roster = "児童番号\t保護者\t電話\n1\t東 美和\t048-822-1100\n2\t望月 隆\t048-822-1101\n"
    assert [s.text for s in detect(roster) if s.label == "PERSON"] == ["東 美和", "望月 隆"]


def test_a_vertical_form_s_field_of_nationality_is_no_name_under_its_name_row():
    contract = "氏名\tレ・ティ・フオン\n国籍\tベトナム\n生年月日\t2000-08-19\n"
    assert [(s.label, s.text) for s in detect(contract)] == [
        ("PERSON", "レ・ティ・フオン"),
        ("DATE_OF_BIRTH", "2000-08-19"),
    ]
    roster = "氏名\t国籍\n中島 美香\t日本\n宮田 翔\t日本\n"  # a table headed 氏名 / 国籍 keeps its names
    assert [s.text for s in detect(roster)] == ["中島 美香", "宮田 翔"]


def test_a_blank_name_field_of_a_template_heads_no_column_of_the_labels_below() -> None:
    # an empty estimate: お客様名 then blanks and 様, the next row's first cell a label (車種, 品名)
    template = "御見積書\nお客様名\t\u3000\u3000\u3000様\n車種\t\t車台番号\nNo\t作業内容\t金額\n"
    assert detect(template) == []
    assert detect("納品書\nご依頼主\t\u3000御中\n品名\t\t数量\n") == []
    # filled in, the customer's name is found, and so is a customer row below the blank field
    filled = "御見積書\nお客様名\t森岡 達也\u3000様\n車種\tフィット\t車台番号\tGK3-1102834\n"
    assert [(s.label, s.text) for s in detect(filled)] == [("PERSON", "森岡 達也")]
    rows = "お客様名\t\u3000\u3000様\n車種\t\t車台番号\n森岡 達也\t090-3321-7781\n"
    assert [s.label for s in detect(rows)] == ["PERSON", "PHONE"]
