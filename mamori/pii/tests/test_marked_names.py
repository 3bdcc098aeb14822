"""Surnames alone that the shape of their line marks as persons': a role label, a timed plan, a scorer."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_a_surname_after_a_label_of_a_persons_part_in_a_record():
    memo = "面談記録\n学生：宍倉（文学部3年）\n内容：就職の相談\n"
    assert _persons(memo) == ["宍倉"]
    assert _persons("相談者：井ノ口\n") == ["井ノ口"]


def test_what_fills_a_role_label_and_is_no_surname_is_no_person():
    assert _persons("学生：一般\n学生：10名\n対象者：全員\n生徒：未定\n") == []


def test_a_surname_before_what_a_person_does_in_a_timed_plan():
    plan = "当日の行程\n05:50 岩崎 出発\n06:20 高速入口\n07:30 宍倉 合流\n"
    assert _persons(plan) == ["岩崎", "宍倉"]


def test_a_place_in_a_timed_plan_is_no_person():
    route = "06:00 松本 出発\n08:00 長野 着\n12:00 上野 着\n13:00 本社 集合\n"
    assert _persons(route) == []


def test_an_itinerary_s_airports_and_stations_before_a_bare_departure_or_arrival_are_no_persons():
    trip = "社員旅行 行程\n8:10 羽田 発\n10:45 那覇 着\n16:30 那覇 発\n19:05 羽田 着\n"
    assert _persons(trip) == []  # 那覇 is a town: the bare 発 / 着 lines are places
    assert _persons("出張日程\n7:05 羽田 発 NH463\n") == []  # a flight named


def test_a_surname_before_a_bare_arrival_in_a_plan_of_persons_stays_a_person():
    plan = "受付当番\n8:40 宍倉 着\n8:50 岩崎 着\n"
    assert _persons(plan) == ["宍倉", "岩崎"]


def test_a_scorer_before_the_minute_of_the_goal():
    assert _persons("得点\n𠮷田（前半21分）\n大城（後半45分+2）\n") == ["𠮷田", "大城"]
    assert _persons("会議（前半30分）、休憩（後半10分）") == []


def test_a_household_named_in_an_address():
    assert _persons("工事場所：世田谷区桜丘9-8-7 宍倉邸\n") == ["宍倉"]
    assert _persons("送付先：長野県松本市中央9-8-7 井出方\n") == ["井出"]


def test_a_museums_old_house_and_words_ending_in_ho_are_no_household():
    assert _persons("旧古河邸の庭園を見学。首相官邸、別邸、地方の両方。") == []


def test_members_codes_and_surnames_under_a_heading_of_members():
    listing = "男性会員\nM0123 高畑\nM0124 井ノ口\nM0125 真壁\n"
    assert _persons(listing) == ["高畑", "井ノ口", "真壁"]


def test_codes_and_places_under_a_heading_of_shops_are_no_members():
    assert _persons("店舗一覧\nS01 松本\nS02 長野\nS03 上田\n") == []
    assert _persons("会員特典\nA100 松本\nA200 上田\n") == []


def test_a_project_named_after_a_place_and_a_house_is_no_household():
    assert _persons("業種\t会社\t案件\n左官\t例示左官店\t葉山邸 改修\n") == []


def test_an_airlines_passenger_name_with_its_title():
    ticket = "e-ticket receipt\nPassenger: HOSOKAWA/RYOTA MR\nFlight: NH0123 TOKYO/OSAKA\n"
    assert _persons(ticket) == ["HOSOKAWA/RYOTA MR"]


def test_an_airlines_passenger_name_without_a_title_after_a_passenger_or_name_label():
    itinerary = "ITINERARY RECEIPT\nPASSENGER NAME: KOMINE/HARUKA\nFLIGHT NH0061 HND/CTS\n"
    assert _persons(itinerary) == ["KOMINE/HARUKA"]
    assert _persons("Name: TAKENOUCHI/RIKU\n") == ["TAKENOUCHI/RIKU"]
    assert _persons("Name (as in passport)\tOKUMIYA/SAYAKA\n") == ["OKUMIYA/SAYAKA"]
    assert _persons("PASSENGER NAME\nSHIRAKAWA/MEI\n") == ["SHIRAKAWA/MEI"]


def test_a_route_a_code_pair_or_a_blank_after_a_label_is_no_passenger_name():
    assert _persons("ROUTE: TYO/OSA\nName: N/A\nName: AND/OR\nName\tHND/CTS\nUsername: ADMIN/ROOT\n") == []
    assert _persons("Segment HND/CTS, fare basis Y/C\n") == []


def test_a_letters_salutation_names_a_surname_the_analyser_reads_as_words():
    assert _persons("薬袋様\n\nいつも大変お世話になっております。\n") == ["薬袋"]
    assert _persons("雲母 様\n先日はありがとうございました。\n") == ["雲母"]


def test_a_salutation_to_a_role_a_group_or_a_company_names_no_person():
    for whom in ("ご担当者", "株主", "山田工業", "総務課", "病院", "長野県", "本日"):
        assert _persons(f"{whom}様\nいつもお世話になっております。\n") == [], whom
    assert _persons("薬袋様\n請求書を送付します。\n") == []  # no greeting: a label, a list


def test_a_surname_at_a_desk_before_sama_is_a_person():
    # 北村 受付様 gave nothing: the desk after the name read as the name's second word
    assert _persons("送付先：桐山 受付様\n") == ["桐山"]
    assert _persons("本社 受付様\n大阪 受付様\n") == []


def test_a_funeral_notice_names_the_deceased_before_gi():
    notice = "亡母 宮坂ハル 儀\nかねてより療養中のところ永眠いたしました\n"
    assert _persons(notice) == ["宮坂ハル"]
    assert _persons("故 村瀬清子儀 葬儀告別式は下記の通り\n") == ["村瀬清子"]
    assert _persons("本日の葬儀 式次第\n礼儀 作法の講習\n") == []


def test_a_full_name_as_a_word_of_a_calendar_event_s_summary_is_a_person():
    event = "BEGIN:VEVENT\nSUMMARY:添乗 TK3021 野沢 千秋\nDTSTART:20261114T070000\nEND:VEVENT\n"
    assert _persons(event) == ["野沢 千秋"]
    assert _persons("SUMMARY:定例 会議 本社 大会議室\nSUMMARY:大阪 出張\n") == []
