"""Name columns that the header patterns alone miss: their headers, rare surnames, months across, mixed columns."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_guest_book_funeral_and_radio_headers_are_name_columns():
    book = "No,ご芳名,ご関係\n1,唐沢 蓮,友人\n2,一志 拓海,近所\n3,務台 ひかり,親戚\n"
    assert _persons(book) == ["唐沢 蓮", "一志 拓海", "務台 ひかり"]
    funeral = "施行番号\t故人名\t喪主\n24-301\t布山 博之\t巾 竜也\n24-302\t細萱 陽菜\t清水 正則\n"
    assert _persons(funeral) == ["布山 博之", "巾 竜也", "細萱 陽菜", "清水 正則"]
    radio = "当選日\tラジオネーム\t本名\n2024/11/26\t北アルプス太郎\t一志 拓海\n2024/11/17\tねこ好き主婦\t市川 千尋\n"
    assert _persons(radio) == ["一志 拓海", "市川 千尋"]  # the radio names are nobody's
    children = "学年\tじどうのなまえ\tアレルギー\n2\tかみじょう ゆうま\t小麦\n1\tこばやし ひなた\t卵\n"
    assert _persons(children) == ["かみじょう ゆうま", "こばやし ひなた"]


def test_an_unknown_surname_needs_a_name_header_or_a_column_of_names():
    assert _persons("No,品名,数量\n1,務台 ひかり,3\n2,巾 竜也,4\n") == []
    farmers = "契約農家,地区,電話\n" + "".join(
        f"{name},穂高,0263-82-{i:04d}\n"
        for i, name in enumerate(("青木 誠", "中島 達也", "丸山 健太", "細萱 修", "清水 孝"), 1201)
    )
    assert "細萱 修" in _persons(farmers)  # the known names of the column vouch for it


def test_months_across_make_a_header_row():
    sheet = "班,氏名,4月,5月,6月\n1,両角めぐみ,○,○,×\n1,佐々木勝,○,×,○\n2,胡桃沢健太,×,○,○\n"
    assert _persons(sheet) == ["両角めぐみ", "佐々木勝", "胡桃沢健太"]


def test_full_names_among_banks_in_a_journal_column_and_not_in_a_column_of_goods():
    journal = "取引No,借方勘定科目,貸方勘定科目,貸方補助科目,貸方金額(円)\n"
    for account, sub in (
        ("未払金", "森田 隆之"),
        ("普通預金", "三菱UFJ"),
        ("未払金", "真壁 恵理"),
        ("未払金", "五十嵐 千里"),
        ("普通預金", "三菱UFJ"),
    ):
        journal += f"1,旅費交通費,{account},{sub},4200\n"
    assert _persons(journal) == ["森田 隆之", "真壁 恵理", "五十嵐 千里"]
    goods = "No,品名,数量\n1,長野 りんご,3\n2,松本 一本ねぎ,4\n3,安曇野 わさび,2\n4,信州 そば,5\n"
    assert _persons(goods) == []


def test_a_column_of_names_keeps_a_surname_before_a_word_that_is_a_place_too():
    # A seating chart: its columns of full names vouch for 蛭田 大和 (大和 is a surname and a place).
    rows = (
        "齋藤 結愛\t四方田 悠真\t蛭田 大和\t薬師寺 あおい\t真鍋 美紀\t野々村 稔",
        "仲宗根 凛\t芹沢 颯太\t五十嵐 さくら\t渡邉 千鶴\t長谷部 恵美\t鬼塚 結愛",
        "早乙女 悠真\t宇佐美 大和\t柳田 あおい\t勅使河原 美紀\t澤村 稔\t剱持 凛",
        "金城 颯太\t二階堂 杏\t栗林 昭雄\t犬養 瑛太\t小野寺 陽翔\t濱田 紬",
        "御手洗 琴音\t廣瀬 ひなた\t桧山 龍之介\t比嘉 光\t一ノ瀬 蓮\t海老原 芽依",
    )
    persons = _persons("中3Bクラス 座席表（12月〜）\n【 ホワイトボード 】\n" + "\n".join(rows))
    assert "蛭田 大和" in persons and "宇佐美 大和" in persons and len(persons) == 30


def test_a_header_saying_who_a_row_is_about_before_人_names_a_column_of_persons():
    # a medical-expense statement: family members with today's given names the dictionary lacks
    members = ("梶原 陽翔", "梶原 勝", "梶原 大和", "梶原 誠", "梶原 結菜", "梶原 湊")
    sheet = "医療を受けた人\t病院・薬局名\t支払額\n" + "".join(
        f"{name}\t北町クリニック\t{i * 1000}\n" for i, name in enumerate(members, 1)
    )
    assert _persons(sheet) == list(members)
    dependants = "扶養親族\t続柄\t生年\n梶原 陽翔\t子\t2015\n梶原 勝\t父\t1950\n梶原 誠\t子\t2018\n"
    assert _persons(dependants) == ["梶原 陽翔", "梶原 勝", "梶原 誠"]


def test_a_header_ending_in_人_that_is_no_person_names_no_column():
    # a count of persons and an organisation are no name headers
    assert _persons("区分\t対象の人数\t料金\n大人\t2\t3000\n子供\t1\t1000\n") == []
    assert _persons("法人\t所在地\n北辰工業 株式会社\t松本市\n丸山 商事\t塩尻市\n") == []


def test_what_a_roster_writes_in_a_name_cell_for_no_one_is_no_person():
    roster = (
        "番号,氏名,続柄,携帯\n1,宮本 空,本人,090-4417-2230\n2,同上,妻,\n3,〃,次男,\n4,未定,,\n"
        "5,欠番,,\n6,（空き）,,\n7,本人,,\n8,長女,,\n9,孫 美玲,,\n"
    )
    assert _persons(roster) == ["宮本 空", "孫 美玲"]  # a given name 空, a surname 孫 stay names


def test_a_pet_register_s_bare_name_column_holds_the_animals_and_its_owner_column_the_persons():
    register = "No,名前,犬種,飼い主,電話\n1,ポチ,柴犬,宮本 空,090-4417-2230\n2,モモ,トイプードル,荻野 潤,090-4417-2231\n"
    assert _persons(register) == ["宮本 空", "荻野 潤"]
    assert _persons("ペットの名前,年齢\nココ,3\nレオ,5\n") == []
    # a clinic's 患者名 without an animal's column is a column of persons
    assert _persons("患者名,年齢\nハナ,3\n宮本 空,41\n") == ["ハナ", "宮本 空"]


def test_an_owner_column_beside_headers_with_units_or_counts_is_a_column_of_persons():
    clinic = "飼い主名,ペット名,体重 (kg),混合ワクチン 1回目\n灰原 巧,ラテ,4.2,済\n百武 真帆,コタロウ,7.9,\n"
    assert _persons(clinic) == ["灰原 巧", "百武 真帆"]
    checkup = "飼い主名\t動物\t体重（kg）\n灰原 巧\t猫\t4.2\n百武 真帆\t犬\t7.9\n"
    assert _persons(checkup) == ["灰原 巧", "百武 真帆"]


def test_a_bare_name_column_beside_animals_kinds_holds_pets_and_beside_other_kinds_persons():
    assert _persons("名前,種類,年齢\nラテ,猫,4\nコタロウ,犬,7\nきなこ,うさぎ,2\n") == []
    assert _persons("名前\t種類\t年齢\nラテ\tトイプードル\t4\nコタロウ\t柴\t7\n") == []
    members = "名前,種類,年齢\n灰原 巧,正会員,41\n百武 真帆,賛助会員,37\n"
    assert _persons(members) == ["灰原 巧", "百武 真帆"]


def test_the_owner_column_of_a_lost_property_book_holds_persons():
    book = "受付日,品名,持ち主,返却日\n2026/11/9,傘,與那覇 結衣,2026/11/10\n2026/11/10,財布,不明,\n2026/11/12,鍵,渡慶次 蓮,\n"
    assert _persons(book) == ["與那覇 結衣", "渡慶次 蓮"]


def test_an_owner_column_of_departments_or_shared_goods_holds_no_persons():
    assets = "品名,持ち主,設置場所\nノートPC,総務部,2F\nプロジェクター,共用,会議室\nデジカメ,営業課,3F\n"
    assert _persons(assets) == []


def test_a_name_whose_kanji_the_encoding_lost_is_still_a_name_under_a_name_header():
    # 𠮷田 saved from Excel as CP932 (which has no 𠮷) becomes ?田; an old system writes 〓 for it
    members = "会員番号,氏名,電話番号\n1001,?田 直樹,090-1111-2222\n1002,佐藤 花子,090-1111-3333\n1003,〓田 陽菜,090-1111-4444\n"
    assert _persons(members) == ["?田 直樹", "佐藤 花子", "〓田 陽菜"]


def test_question_marks_alone_or_a_garbled_cell_are_no_name():
    garbled = "会員番号,氏名,電話番号\n1001,??? ??,090-1111-2222\n1002,?,090-1111-3333\n1003,???田 ?,090-1111-4444\n"
    assert _persons(garbled) == []


def test_a_duty_in_a_name_column_is_no_name() -> None:
    # a lost-and-found log: the finder is sometimes a duty (清掃, 巡回), not a person
    log = "拾得日\t拾得場所\t品名\t拾得者\n12/1\t2階トイレ\t傘\t清掃\n12/2\t食堂\t眼鏡\t巡回\n12/3\t会議室\t手帳\t篠塚\n"
    # a surname and given names that are common nouns too (森林, 柚子) stay persons
    assert _persons(log + "12/4\t駐車場\t鍵\t柚子\n12/5\t売店\t財布\t森林\n") == ["篠塚", "柚子", "森林"]
