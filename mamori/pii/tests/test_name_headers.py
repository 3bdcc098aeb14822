"""Headers of name columns as exports and registers write them: English, split, carriers', 敬称."""

from __future__ import annotations

from mamori.pii import detect
from mamori.pii.tables import header_label


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def _labels(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in detect(text)]


def test_english_nouns_of_persons_head_name_columns():
    roster = "No,Pupil,Year,Club\n1,Kaito Enomoto,2,Chess\n2,Rina Hasegawa,1,Art\n3,Ji-woo Park,3,Chess\n"
    assert _persons(roster) == ["Kaito Enomoto", "Rina Hasegawa", "Ji-woo Park"]
    register = (
        "Arrival\tGuest Name\tCountry\tPassport No.\tNights\n"
        "2025-03-02\tOlivia Brandt\tAustria\tU1928374\t2\n"
        "2025-03-02\tTomasz Nowak\tPoland\tEA4412098\t1\n"
    )
    assert _persons(register) == ["Olivia Brandt", "Tomasz Nowak"]
    badges = "Visitors (EN)\tHost\nIngrid Solberg\t総務\nPedro Almeida\t営業\n"
    assert _persons(badges) == ["Ingrid Solberg", "Pedro Almeida"]
    bilingual = "Name (JP),Name (Romaji),Team\n芦田 真央,Mao Ashida,QA\n川端 俊,Shun Kawabata,Dev\n"
    assert _persons(bilingual) == ["芦田 真央", "Mao Ashida", "川端 俊", "Shun Kawabata"]


def test_a_noun_a_company_can_be_too_keeps_only_its_persons():
    ledger = "Client,Invoice total\nBluefin Trading Ltd.,4200\nHarbor Light Studios,900\nKeiko Imai,1500\n"
    assert _persons(ledger) == ["Keiko Imai"]


def test_names_of_things_and_companies_are_no_name_headers():
    for header in ("Company Name", "Product name", "File Name", "Store Name", "Host name", "Item"):
        assert header_label(header) not in ("PERSON", "PERSON_EN")
    goods = "Item,Product name,Qty\n1,Blue Ridge Kettle,3\n2,Maple Desk Lamp,1\n"
    assert _persons(goods) == []


def test_a_shop_exports_split_names_and_whose_contacts():
    base = "注文ID,氏(配送先),名(配送先),氏(カナ),名(カナ)\nA-31,沼田,柚子,ヌマタ,ユズ\nA-32,菱沼,航平,ヒシヌマ,コウヘイ\n"
    assert _persons(base) == ["沼田", "柚子", "ヌマタ", "ユズ", "菱沼", "航平", "ヒシヌマ", "コウヘイ"]
    stores = "購入者 姓\t購入者 名\t数量\n河津\t茉莉\t1\n広沢\t慎吾\t2\n"
    assert _persons(stores) == ["河津", "茉莉", "広沢", "慎吾"]
    shop = (
        "Name,Billing Name,Billing Zip,Billing Phone,Lineitem name\n"
        "#5101,Sayaka Noguchi,'062-0931,'+819045557788,Green tea 100g\n"
        "#5102,Ren Utsumi,'861-8001,+81 80 3344 1290,Hojicha 200g\n"
    )
    assert _labels(shop) == [
        ("PERSON", "Sayaka Noguchi"),
        ("POSTAL_CODE", "062-0931"),
        ("PHONE", "+819045557788"),
        ("PERSON", "Ren Utsumi"),
        ("POSTAL_CODE", "861-8001"),
        ("PHONE", "+81 80 3344 1290"),
    ]


def test_carriers_addressee_columns_and_the_honorific_beside_a_name():
    label = "お届け先名,敬称,お届け先郵便番号,品名\n稲垣 詩織,様,,りんご\n名取 大樹,様,,梨\n"
    assert _persons(label) == ["稲垣 詩織", "名取 大樹"]
    unheaded = "宛先コード,,敬称,備考\nK-01,相沢 美帆,様,\nK-02,氷見 和也,様,再送\n"
    assert _persons(unheaded) == ["相沢 美帆", "氷見 和也"]


def test_a_worker_is_a_person_and_a_contractor_a_company():
    log = "日付,作業者,内容\n5/7,及川 陽太,ろ過器洗浄\n5/8,栗林 茜,薬品補充\n"
    assert _persons(log) == ["及川 陽太", "栗林 茜"]
    assert header_label("作業者") == header_label("従業者") == "PERSON"
    assert header_label("協力業者") is None


def test_a_marketplace_splits_surname_and_given_name_and_a_given_name_may_be_one_kanji():
    rms = "受注番号,注文者名字,注文者名前,注文者名字フリガナ\n2025-0301,真壁,楓,マカベ\n2025-0302,浜野,湊人,ハマノ\n"
    assert _persons(rms) == ["真壁", "楓", "マカベ", "浜野", "湊人", "ハマノ"]


def test_a_cell_of_several_names_gives_each_name():
    program = (
        "演題,座長,共同演者\n口腔ケアの実際,宍戸 真弓,江角 亜矢子、森末 祐介\n嚥下食,上杉 令子,菅谷／戸田\n"
    )
    assert _persons(program) == ["宍戸 真弓", "江角 亜矢子", "森末 祐介", "上杉 令子", "菅谷", "戸田"]
    assert _persons("講演者,備考\n石黒 早紀,ほか2名\n丸茂 歩美、ほか2名,\n") == ["石黒 早紀", "丸茂 歩美"]


def test_days_across_do_not_hide_the_name_column_of_a_shift_grid():
    grid = "12月 勤務表\n氏名,1(月),2(火),3(水),4(木)\n笹倉咲良,早,遅,休,早\n寺尾大翔,休,早,遅,早\nグエン,早,早,休,遅\n計,3,3,2,3\n"
    assert _persons(grid) == ["笹倉咲良", "寺尾大翔", "グエン"]


def test_who_teaches_trains_or_guides_heads_a_column_of_persons():
    studio = "インストラクター,クラス,曜日\n汐見 梨花,リズムヨガ,火\n榊 勇吾,体幹トレ,木\n"
    assert _persons(studio) == ["汐見 梨花", "榊 勇吾"]
    tour = "日程,添乗員,ガイド\n5/10,乙部 和真,三国 紗良\n5/11,乙部 和真,日置 湊\n"
    assert _persons(tour) == ["乙部 和真", "三国 紗良", "乙部 和真", "日置 湊"]
    assert header_label("担当講師") == header_label("トレーナー") == header_label("Instructor") == "PERSON"


def test_travel_and_meeting_exports_name_their_persons_in_english():
    manifest = "Name (as in passport),Nationality\nHOSOKAWA RYOTA,Japan\nLINDQVIST EMMA,Sweden\n"
    assert _persons(manifest) == ["HOSOKAWA RYOTA", "LINDQVIST EMMA"]
    visa = "SURNAME,GIVEN NAME,Date of Birth\nHOSOKAWA,RYOTA,1990-04-05\nSAEKI,MIO,1992-11-30\n"
    assert _persons(visa) == ["HOSOKAWA", "RYOTA", "SAEKI", "MIO"]
    zoom = "Invitee Name,Email\n曽我 透,t.soga@example.com\n湯浅 真琴,makoto@example.com\n"
    assert _persons(zoom) == ["曽我 透", "湯浅 真琴"]
    pnr = "NAME,FLIGHT,SEAT\nHOSOKAWA/RYOTA MR,NH0123,32A\nSAEKI/MIO MS,NH0123,32B\n"
    assert _persons(pnr) == ["HOSOKAWA/RYOTA MR", "SAEKI/MIO MS"]


def test_a_column_of_what_a_guardian_does_holds_no_names():
    camp = "氏名,保護者同伴,学年\n真柴 陽向,あり,3\n井坂 このみ,なし,4\n堀北 蒼,父,5\n"
    assert _persons(camp) == ["真柴 陽向", "井坂 このみ", "堀北 蒼"]
    contacts = "氏名,保護者連絡先\n真柴 陽向,090-4412-7781\n"
    assert _labels(contacts) == [("PERSON", "真柴 陽向"), ("PHONE", "090-4412-7781")]
    assert header_label("保護者同伴") is None and header_label("保護者氏名") == "PERSON"


def test_a_payment_exports_card_name_beside_the_cards_fields_is_the_holders():
    export = (
        "id,Created (UTC),Amount,Customer ID,Card Last4,Card Brand,Card Exp Month,Card Name\n"
        "ch_3Qx01,2025-01-05 10:12,4800,cus_A1,4242,Visa,7,SAKI MORIKAWA\n"
        "ch_3Qx02,2025-01-05 11:40,1200,cus_A2,5454,MasterCard,11,Kenta Horiuchi\n"
        "ch_3Qx03,2025-01-06 09:03,9900,cus_A3,0005,Amex,3,Example Trading Inc\n"
    )
    assert _persons(export) == ["SAKI MORIKAWA", "Kenta Horiuchi"]


def test_a_card_shops_card_name_is_no_persons():
    stock = "Card Name,Rarity,Price\nPikachu,C,100\nDark Magician,SR,800\nBlue Eyes White Dragon,UR,9000\n"
    assert _persons(stock) == []


def test_a_party_to_a_contract_and_whoever_collects_a_child_head_name_columns():
    ledger = "号室\t転借人\t月額賃料\n101\t雲母坂 透\t52000\n102\t百目鬼 恵\t49000\n103\t五百旗頭 翠\t55000\n"
    assert _persons(ledger) == ["雲母坂 透", "百目鬼 恵", "五百旗頭 翠"]
    pickups = "日付\t組\tお迎えの方\n5/1\tばら\t雲母坂 透\n5/2\tゆり\t百目鬼 恵\n5/3\tばら\t五百旗頭 翠\n"
    assert _persons(pickups) == ["雲母坂 透", "百目鬼 恵", "五百旗頭 翠"]
    for header in ("賃借人", "借受人名", "お迎え者", "引取者"):
        assert header_label(header) == "PERSON", header


def test_a_web_forms_question_about_whose_name_heads_a_name_column():
    for header in ("ご本人のお名前", "保護者様お名前", "お子さまのお名前", "ご利用者様氏名"):
        assert header_label(header) == "PERSON", header
    assert header_label("お子様のお名前（ふりがな）") == "KANA"


def test_a_things_name_and_a_companys_are_still_no_name_headers():
    for header in ("物件名", "商品名", "会社のお名前", "ペットのお名前", "迎え", "貸付金"):
        assert header_label(header) is None, header
    flats = "号室\t物件名\t月額賃料\n101\tコーポ若葉\t52000\n102\tハイツ白山\t49000\n"
    assert _persons(flats) == []


def test_a_display_name_column_of_a_chat_export_holds_its_customers():
    talk = (
        "友だち追加日,表示名,最終メッセージ日時,メッセージ,対応スタッフ\n"
        "2026/3/14,儀間美咲,2026/10/2 18:20,明日の15時に変更できますか,受付\n"
        "2026/5/30,りょうこ☕,2026/10/3 9:02,了解です,MIKI\n"
        "2026/8/1,新垣 拓也,2026/10/4 12:45,駐車場はありますか,受付\n"
    )
    assert [s.text for s in detect(talk) if s.label == "PERSON"] == ["儀間美咲", "りょうこ", "新垣 拓也"]
    members = "会員番号\tニックネーム\t登録日\nM-104\t宮平 晴美\t2025/4/1\nM-105\t大城 蓮\t2025/4/3\n"
    assert [s.text for s in detect(members) if s.label == "PERSON"] == ["宮平 晴美", "大城 蓮"]


def test_a_display_name_column_of_goods_or_screens_holds_no_persons():
    goods = "商品コード,表示名,単価\nC-01,ブレンドコーヒー,450\nC-02,抹茶ラテ,520\nC-03,煎茶,380\n"
    assert detect(goods) == []
    screens = "画面ID\t表示名\t権限\nS01\t売上一覧\t管理者\nS02\t在庫照会\t一般\n"
    assert detect(screens) == []


def test_handles_in_a_nickname_column_of_an_export_of_posts_are_no_persons():
    posts = (
        "post_id,item_code,stars,nickname,age_group,comment\n"
        "88,TW-3,4,匿名希望,30代,使いやすい\n"
        "89,TW-3,5,いちご,50代,リピートします\n"
        "90,TW-7,2,Nick Name,非公開,届くのが遅い\n"
    ).replace("Nick Name", "ぽん太")
    assert _persons(posts) == []
    assert _persons(posts.replace("nickname", "Nick_Name")) == []
    # 匿名希望 under a name header is nobody's name either
    assert _persons("氏名,電話番号\n匿名希望,03-3401-2277\n赤嶺 夏美,090-7721-4410\n") == ["赤嶺 夏美"]


def test_a_nickname_column_beside_members_or_mail_columns_keeps_its_names():
    members = "member_id,nickname,email\n7,比嘉 光,hikari@example.jp\n8,金城 優斗,yuto@example.jp\n"
    assert _persons(members) == ["比嘉 光", "金城 優斗"]


def test_a_name_cell_ending_in_pictographs_keeps_the_name_before_them():
    talk = "友だち追加日\t表示名\tメッセージ\n2026/2/1\tまりな🌸\t了解です\n2026/2/3\t仲宗根 彩★\tはい\n"
    assert _persons(talk) == ["まりな", "仲宗根 彩"]
    assert _persons("氏名,備考\n★★,退会\n🌸🌸,\n宮平 晴美,\n") == ["宮平 晴美"]


def test_a_pet_s_name_column_names_no_one_though_its_cells_say_chan_or_kun() -> None:
    salon = (
        "予約日\t飼い主\tペット名\t電話\n"
        "12/03\t羽鳥 まどか\tハナちゃん\t090-3318-2270\n"
        "12/04\t久住 大翔\tコハルちゃん\t080-6624-1193\n"
        "12/05\t門脇 智美\tレンくん\t070-2281-5546\n"
    )
    assert _persons(salon) == ["羽鳥 まどか", "久住 大翔", "門脇 智美"]
    assert _persons(salon.replace("ペット名", "愛犬の名前").replace("\t", ",")) == [
        "羽鳥 まどか",
        "久住 大翔",
        "門脇 智美",
    ]


def test_a_child_s_name_with_chan_under_a_person_s_header_stays_a_person() -> None:
    nursery = "予約日\t保護者\tお子様の名前\t電話\n12/03\t羽鳥 まどか\t羽鳥 ハナちゃん\t090-3318-2270\n"
    assert "羽鳥 まどか" in _persons(nursery)
    assert any("ハナ" in name for name in _persons(nursery))
