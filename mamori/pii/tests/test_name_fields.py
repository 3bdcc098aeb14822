"""Names in fields that a form, a roster, an attendance list, a grid or an English honorific makes name fields."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_a_vertical_forms_rows():
    form = "法律相談受付票\n相談者\t澤村 千鶴\n住所\t北海道札幌市中央区大通西20丁目3-18\n相手方\t剱持 恵美（元交際相手）\n"
    assert _persons(form) == ["澤村 千鶴", "剱持 恵美"]
    assert _persons("受付票\n相手方\t株式会社アルファ\n") == []


def test_english_honorifics():
    assert _persons("Guests: Mr. Ryuichi Shoji, Ms. Yukiko Imamura") == ["Ryuichi Shoji", "Yukiko Imamura"]
    page = "Passport copy check \nSurname / Given names: DAVID MILLER \nNationality: USA\nName: Taro Yamada\n"
    assert _persons(page) == ["DAVID MILLER", "Taro Yamada"]
    assert _persons("[server]\nName: Production Server\nAccount Name: SYSTEM\n") == []


def test_a_roster_of_offices_reads_every_role():
    roster = "会長　𠮷田 結衣\n副会長　山﨑 健太\n会計　松沢 昌平\n書記　土屋 明美\n監事　望月 葵、小口 蓮\n"
    assert _persons(roster) == ["𠮷田 結衣", "山﨑 健太", "松沢 昌平", "土屋 明美", "望月 葵", "小口 蓮"]
    # Lines of a word and a pair of words that are no roster: no office, so nothing is read.
    assert _persons("会計 報告\n書記 交代\n監事 選任\n") == []


def test_an_attendance_list_vouches_for_its_unknown_surnames():
    assert _persons("出席：矢島、巾、中島、柳沢、濵田、上條") == [
        "矢島",
        "巾",
        "中島",
        "柳沢",
        "濵田",
        "上條",
    ]
    assert _persons("参加：比嘉、金城、仲宗根、事務局") == ["比嘉", "金城", "仲宗根"]


def test_a_grid_of_names_without_spaces():
    grid = "一ノ瀬あおい\t海老原美紀\t雨宮稔\n齋藤颯太\t四方田杏\t蛭田昭雄\n真鍋陽翔\t野々村紬\t芹沢ひなた\n"
    assert len(_persons(grid)) == 9
    assert _persons("営業部\t総務部\t経理部\n東京本社\t大阪支店\t名古屋支店\n朝礼\t会議\t研修\n") == []


def test_a_foreign_name_in_a_vertical_form_is_one_name():
    resume = "履歴書\n氏名\tPHAM QUOC BAO\nフリガナ\tファム・クオック・バオ\n生年月日\t1998年7月3日\n"
    persons = [s.text for s in detect(resume) if s.label == "PERSON"]
    assert persons == ["PHAM QUOC BAO", "ファム・クオック・バオ"]
    assert [s.text for s in detect("部署\tQuality Team\n担当\tSupport Desk\n") if s.label == "PERSON"] == []


def test_a_profile_pages_role_then_the_name_with_a_remark_on_the_next_line():
    page = "スタッフ紹介\n院長\n梶谷 宗一郎（歯学博士）\n経歴\n歯科大学卒業\n副院長\n堀内 美穂\n"
    assert _persons(page) == ["梶谷 宗一郎", "堀内 美穂"]
    assert _persons("院長ごあいさつ\n院長の梶谷 宗一郎です。開院して10年になります。\n") == ["梶谷 宗一郎"]


def test_a_role_above_words_or_hours_names_nobody():
    page = "講師\n募集 中（未経験可）\n店長\n営業 時間\n医師\n外来 担当（月・水）\n院長\n人事 異動（4月）\n"
    assert _persons(page) == []
    assert _persons("本日の会議 資料です。\n") == []


def test_an_english_forms_label_and_value_rows_are_no_table():
    page = "Application summary\nSurname\tMORIKAWA\nFirst (Given) Name\tSAKI\nPassport Number\tRX4401937\nCountry\tJAPAN\n"
    found = [(s.label, s.text) for s in detect(page)]
    assert found == [("PERSON", "MORIKAWA"), ("PERSON", "SAKI"), ("PASSPORT", "RX4401937")]
    ticket = "Full Name\tSaki Morikawa\nPassport No.\tRX4401937\n"
    assert [(s.label, s.text) for s in detect(ticket)] == [
        ("PERSON", "Saki Morikawa"),
        ("PASSPORT", "RX4401937"),
    ]
    eticket = "PASSENGER NAME\tMORIKAWA/SAKI MS\nTICKET NUMBER\t2051234567890\n"
    assert _persons(eticket) == ["MORIKAWA/SAKI MS"]  # the field's label is no name


def test_a_two_column_table_and_a_blank_english_form_stay_what_they_are():
    table = "Name\tCompany\nJohn Smith\tAcme Corp\nTaro Yamada\tExample KK\n"
    assert _persons(table) == ["John Smith", "Taro Yamada"]
    blank = "Surname\tAs shown in passport\nGiven Names\t(in capitals)\nPassport Number\t\n"
    assert [(s.label, s.text) for s in detect(blank)] == []


def test_a_name_keys_value_in_raw_json():
    assert _persons('{"id": 7, "name": "柚木崎 千歳", "plan": "basic"}') == ["柚木崎 千歳"]
    assert _persons("const user = { customer_name: 'x', 'fullName': '穂積 恭平' };") == ["穂積 恭平"]
    assert _persons('{"氏名": "穂積恭平"}') == ["穂積恭平"]


def test_a_name_keys_value_that_is_no_full_name_is_no_person():
    text = (
        '[{"name": "テストユーザー1"}, {"name": "東京 本社"}, {"name": "長野 県"}, {"name": "総務 部"},\n'
        ' {"productName": "柚木崎 千歳"}, {"name": "田中"}, {"name": "新宿 店"}]'
    )
    assert _persons(text) == []


def test_a_foreign_name_after_a_label_only_a_person_has_is_read():
    form = "Full Name\tOliver James Hart\nNationality\tAustralia\nDate of Birth\t14 MAR 1992\n"
    assert _persons(form) == ["Oliver James Hart"]
    assert _persons("Emergency contact: Fiona Hart (sister) +61 412 555 019\n") == ["Fiona Hart"]
    assert _persons("Emergency Contact Name\tFiona Hart\n") == ["Fiona Hart"]


def test_a_bare_name_label_or_a_desk_as_emergency_contact_keeps_needing_a_person():
    assert _persons("Name: Staging Database\nFull Name\tCustomer Support Team\n") == []
    assert _persons("Emergency contact: Front Desk (24h)\nEmergency contact: Head Office\n") == []


def test_a_foreign_name_after_a_bare_name_label_in_a_persons_record_is_a_person():
    guest = "宿泊カード\nName: Oliver Grant\nRoom: 306\nCheck-in: 2026/11/20\n"
    trainee = "実習生記録\nName: PHAM THI HUONG\nNationality: Vietnam\nDate of Birth: 12 MAR 2001\n"
    assert _persons(guest) == ["Oliver Grant"]
    assert _persons(trainee) == ["PHAM THI HUONG"]
    assert _persons("Name: Sofia Marquez\nE-mail: sofia.m@example.com\n") == ["Sofia Marquez"]


def test_a_thing_or_a_business_after_a_bare_name_label_beside_a_persons_field_is_none():
    records = (
        "Name: Garden View Suite\nRoom: 1201\n\n"
        "Name: Maple Leaf Bakery\nPhone: 045-201-7788\n\n"
        "Name: Production Server\nAddress: 10.0.3.21\n\n"
        "Name: Matcha Soy Latte\nPrice: 520\nAllergies: soy\n\n"
        "Name: Quiet Harbor\nGenre: Jazz\n"
    )
    assert _persons(records) == []
