"""Contact data of organisations named without a legal form: CRM exports, seeds of sites, venues."""

from __future__ import annotations

from mamori.pii import detect, detect_all


def _labels(text: str) -> list[str]:
    return [s.label for s in detect(text)]


def test_a_crm_account_export_is_a_table_of_organisations_by_its_english_header():
    export = (
        "Account ID,Account Name,Industry,Phone,Fax,Billing Address,Type\n"
        "001000000000011,岡崎鋳造,製造,0564-21-3344,0564-21-3345,愛知県岡崎市康生町5-6,Customer\n"
        "001000000000012,刈谷化工,製造,0566-55-7788,0566-55-7789,愛知県刈谷市相生町7-8,Prospect\n"
    )
    assert _labels(export) == []
    assert len(detect_all(export).corporate) == 6
    # a CRM account's size column (Employees) names no person
    sized = export.replace(",Type\n", ",Employees,Type\n").replace(",Customer\n", ",120,Customer\n")
    assert _labels(sized.replace(",Prospect\n", ",45,Prospect\n")) == []
    vendors = "Vendor,Phone,Address\n西尾精密,0563-54-1201,愛知県西尾市寄住町1-2\n碧南金型,0566-41-0012,愛知県碧南市松本町3-4\n"
    assert _labels(vendors) == []


def test_a_contact_export_with_a_person_column_stays_personal():
    contacts = (
        "Account Name,First Name,Last Name,Mobile\n"
        "岡崎鋳造,千景,大森,090-4411-2290\n"
        "刈谷化工,健吾,河野,080-5512-7731\n"
    )
    assert _labels(contacts).count("PHONE") == 2
    customers = "Customer Name,Phone\n大森 千景,090-4411-2290\n河野 健吾,080-5512-7731\n"
    assert _labels(customers).count("PHONE") == 2  # a shop's customers: no organisation header


def test_a_seed_of_facilities_is_the_facilities_contacts_on_every_row():
    seed = (
        "INSERT INTO facility (code, name, tel, address) VALUES\n"
        "('OK-PL-01', '市民温水場', '0564-23-0000', '愛知県岡崎市康生通西1-1'),\n"
        "('OK-TR-02', '研修棟', '0564-23-0000', '愛知県岡崎市康生通西1-1'),\n"
        "('OK-KD-03', '第二会議棟', '0564-23-0000', '愛知県岡崎市康生通西1-1');\n"
    )
    assert _labels(seed) == []
    members = seed.replace("facility", "member")
    assert "PHONE" in _labels(members)
    staffed = seed.replace("(code, name, tel, address)", "(code, manager_name, tel, address)")
    assert "PHONE" in _labels(staffed)  # the columns name a person


def test_a_venue_named_before_its_tel_owns_it():
    leaflet = "冬のおすすめ\n駅から歩いて行ける場所\n岡崎市民プール TEL 0564-22-3039\n"
    assert _labels(leaflet) == []
    assert _labels("冬のおすすめ\n駅から歩いて行ける場所\n弓道場 TEL 0564-22-3039\n") == []
    # a person named on the line keeps it theirs
    assert _labels("夏休みの予定\nプールの後\n大森 千景さん TEL 0564-22-3039\n") == ["PERSON", "PHONE"]


def test_a_list_of_venues_is_the_venues_contacts_on_every_row():
    venues = (
        "忘年会 会場候補一覧\n"
        "No,会場名,住所,電話,収容人数\n"
        "1,ラ・フォンテーヌ,宮城県仙台市青葉区一番町3丁目7-1,022-211-4410,80\n"
        "2,杜の迎賓館 翠,宮城県仙台市宮城野区榴岡4丁目2-8,022-292-3355,120\n"
    )
    assert _labels(venues) == []
    assert len(detect_all(venues).corporate) == 4
    assert _labels(venues.replace("会場名", "会場")) == []
    assert _labels(venues.replace("No,会場名,住所,電話,収容人数", "No,Venue,Address,Phone,Capacity")) == []
    # who sits at which venue: a person column keeps the addresses theirs
    guests = venues.replace("No,会場名,住所", "No,会場名,氏名,住所").replace(
        ",宮城県", ",大森 千景,宮城県", 1
    )
    assert _labels(guests)[:2] == ["PERSON", "ADDRESS"]


def test_a_leaflet_s_spots_ending_like_places_own_the_tel_after_them():
    leaflet = (
        "しまなみ 一日おさんぽマップ\n"
        "・大三島ふれあい海水浴場 TEL 0897-82-0011\n"
        "・のんびり釣り場 TEL 0897-83-1520\n"
        "・レモンの丘観光農園 TEL 0897-84-2203\n"
        "・来島海峡見晴らし館 TEL 0898-41-7717\n"
    )
    assert _labels(leaflet) == []
    assert _labels("冬のおすすめ\nカモメの楽園島 TEL 0897-82-0011\n") == []


def test_a_name_that_ends_like_a_place_before_its_tel_stays_a_person_s():
    # a surname (中島, 馬場) or a given name (美園) ends like a spot; 本人職場 is where a person is reached
    assert _labels("緊急連絡網\n中島 TEL 0897-82-0011\n") == ["PHONE"]
    assert _labels("緊急連絡網\n二年 馬場 TEL 0897-82-0011\n") == ["PHONE"]
    assert _labels("緊急連絡網\n田中美園 TEL 0897-82-0011\n") == ["PHONE"]
    assert _labels("緊急連絡先\n本人職場 TEL 0897-82-0011\n") == ["PHONE"]


def test_a_business_named_in_roman_letters_by_its_kind_owns_its_footer():
    price_list = (
        "nail atelier Mimosa\nPRICE LIST\nワンカラー 5,500円\nフット 7,700円\n"
        "〒812-0011 福岡市博多区博多駅前3-9-12 2F\nTEL 092-471-5520\n"
    )
    assert _labels(price_list) == []
    assert _labels("Kokura Music Studio\n北九州市小倉北区魚町2丁目6-10\nTEL 093-521-4490\n") == []
    assert _labels("HAKATA DANCE ACADEMY\n福岡市博多区博多駅前3-9-12\nTEL 092-471-5520\n") == []


def test_a_person_named_in_roman_letters_or_a_word_holding_a_kind_keeps_the_footer_personal():
    person = "Emily Clark\n福岡市博多区博多駅前3-9-12 2F\nTEL 092-471-5520\n"
    assert _labels(person) == ["ADDRESS", "PHONE"]
    # a freelancer's invoice: the account its holder's name in kana follows stays theirs
    invoice = (
        "お振込先 福岡銀行 本店 普通 3318420 カスガ ミキ\n春日 美樹（Photo Studio MIKI）\nTEL 092-471-5520\n"
    )
    assert "BANK_ACCOUNT" in _labels(invoice)
    chair = "the chair\n福岡市博多区博多駅前3-9-12\nTEL 092-471-5520\n"  # hair in chair names no salon
    assert _labels(chair) == ["ADDRESS", "PHONE"]
    # a member's signature under the studio's name: their post on its line, or a bare mobile
    signed = "--\nPilates Trainer, Studio KAZE\n092-471-5520\n"
    assert "PHONE" in _labels(signed)
    assert "PHONE" in _labels("--\nStudio KAZE\n080-4471-5520\n")


def test_a_care_office_named_station_owns_its_tel():
    fees = (
        "ご利用料金（介護保険）\n訪問看護I1（20分未満） 314単位\n※自己負担は1〜3割です。\n"
        "訪問看護ステーションあじさい　TEL 096-362-7780\n"
    )
    assert _labels(fees) == []
    assert _labels("デイサービスひまわり\n〒861-8035 熊本市東区御領6丁目1-5\nTEL 096-389-1104\n") == []
    # the patient's own line stays theirs
    assert _labels("利用者 大森 千景様 訪問看護ステーションあじさい\n緊急連絡先 090-4411-2290\n") == [
        "PERSON",
        "PHONE",
    ]


def test_a_number_an_english_sentence_gives_as_a_desk_s_is_the_organisation_s():
    handbook = (
        "## Absences\nIf you are sick, do not message students directly. "
        "All calls go through the office (093-521-4490) before 8:30.\n"
    )
    assert _labels(handbook) == []
    assert _labels("Guests should call the front desk at 093-521-4490 for late check-in.\n") == []
    assert _labels("Please phone our reception on 093-521-4490.\n") == []


def test_a_person_s_own_desk_in_english_keeps_the_number_personal():
    assert _labels("If I am out, call my office at 093-521-4490.\n") == ["PHONE"]
    assert _labels("Ask the teacher at 090-4411-2290 about the trip.\n") == ["PHONE"]


def test_a_business_s_name_in_roman_letters_as_a_heading_owns_the_block_under_it():
    flyer = "Kokura Music Studio\n\n春の体験レッスン 受付中\nTEL 093-521-4490\n"
    assert _labels(flyer) == []
    # a line of a paragraph is no heading, nor one with a person's post (a member's signature)
    assert _labels("前回のメモ\nKokura Music Studio\n\nTEL 093-521-4490\n") == ["PHONE"]
    assert _labels("Piano Teacher, Kokura Music Studio\n\nTEL 093-521-4490\n") == ["PHONE"]


def test_a_two_column_list_of_sites_is_a_table_of_sites_too():
    stops = "巡回バス 停留所一覧\n停留所名,所在地\n湊川町西口,兵庫県神戸市兵庫区湊川町1-2\n新開地駅北,兵庫県神戸市兵庫区新開地2-3-5\n"
    assert _labels(stops) == []
    # a two-column list of persons stays theirs, and a comma in prose makes no row
    assert _labels("氏名,住所\n春日 美樹,兵庫県神戸市兵庫区湊川町1-2\n") == ["PERSON", "ADDRESS"]
    assert _labels("所在地,ご担当\n兵庫県神戸市兵庫区湊川町1-2,春日 美樹\n")[0] == "ADDRESS"


def test_a_desk_column_of_sections_in_a_list_of_sites_is_no_person_column():
    buildings = (
        "棟番号,建物名,所在地,戸数,営業担当,管理人室TEL\n"
        "B11,メゾン本郷台,神奈川県横浜市栄区小菅ケ谷1-2-3,24,横浜営業所,045-891-2201\n"
        "B12,ルミエール大船,神奈川県鎌倉市大船2-3-4,36,第3課,0467-45-7702\n"
    )
    assert _labels(buildings) == []


def test_a_desk_column_of_persons_or_a_surname_keeps_the_list_of_sites_personal():
    buildings = (
        "棟番号,建物名,所在地,戸数,営業担当,管理人室TEL\n"
        "B11,メゾン本郷台,神奈川県横浜市栄区小菅ケ谷1-2-3,24,{},045-891-2201\n"
        "B12,ルミエール大船,神奈川県鎌倉市大船2-3-4,36,第3課,0467-45-7702\n"
    )
    for desk in ("阿部", "西山"):
        assert "ADDRESS" in _labels(buildings.format(desk))


def test_a_list_of_facilities_with_the_unit_in_charge_is_the_facilities_contacts():
    facilities = (
        "施設名\t所在地\tTEL\t担当部署\n"
        "さざなみ交流プラザ\t滋賀県大津市打出浜3-8\t077-522-4190\t生涯学習課\n"
        "比良のかぜテラス\t滋賀県大津市南小松1102\t077-596-3318\t観光振興課\n"
        "ゆうひ体験農園\t滋賀県高島市今津町弘川77\t0740-22-6051\t連携推進室\n"
    )
    assert _labels(facilities) == []
    assert len(detect_all(facilities).corporate) == 6
    # a comma-separated or slash-separated copy is read the same, and 所管課 is a unit too
    assert _labels(facilities.replace("\t", ",")) == []
    assert _labels(facilities.replace("\t", " ／ ").replace("担当部署", "所管課")) == []


def test_a_list_of_persons_with_the_unit_in_charge_stays_personal():
    visitors = (
        "氏名\t住所\tTEL\t担当部署\n"
        "今中 沙耶\t滋賀県大津市打出浜3-8\t077-522-4190\t生涯学習課\n"
        "森 啓太\t滋賀県高島市今津町弘川77\t090-7762-1034\t観光振興課\n"
    )
    assert _labels(visitors) == ["PERSON", "ADDRESS", "PHONE", "PERSON", "ADDRESS", "PHONE"]
    # a facility's contact person keeps the list personal
    staffed = "施設名\t所在地\t担当者\nさざなみ交流プラザ\t滋賀県大津市打出浜3-8\t今中 沙耶\n"
    assert "ADDRESS" in _labels(staffed)
    # a section's line over a name signs a mail; only a row's last cell over the next row is no signature
    assert _labels("以上、よろしくお願いします。\n生涯学習課\n比良 真一\n") == ["PERSON"]


def _json_spans(records: list[dict[str, object]]) -> tuple[list[str], list[str]]:
    import json

    from mamori.pii.extract import extract

    data = json.dumps(records, ensure_ascii=False).encode()
    found = [detect_all(part.text) for part in extract(data, name="master.json")]
    return [s.label for d in found for s in d.personal], [s.label for d in found for s in d.corporate]


def test_a_json_master_of_inns_is_the_inns_contacts_on_every_row():
    inns = [
        {"id": 7, "name": "かじか荘 別館", "pref": "岐阜県", "tel": "0577-32-1184"},
        {"id": 8, "name": "山あいの宿 ほたる", "pref": "岐阜県", "tel": "0577-34-6620"},
        {"id": 9, "name": "旅館 こがね", "pref": "岐阜県", "tel": "0576-25-3391"},
        {"id": 10, "name": "湯宿 しずく", "pref": "長野県", "tel": "0263-94-2217"},
        {"id": 11, "name": "ホテル乗鞍", "pref": "長野県", "tel": "0263-93-5506"},
    ]
    personal, corporate = _json_spans(inns)
    assert personal == []
    assert corporate.count("PHONE") == 5


def test_a_json_list_of_customers_or_of_owners_beside_their_inn_stays_personal():
    customers = [
        {"id": 1, "name": "川端 美沙緒", "tel": "0577-32-1184"},
        {"id": 2, "name": "富永 蒼", "tel": "090-4471-2086"},
        {"id": 3, "name": "日比野 紗季", "tel": "0263-94-2217"},
    ]
    personal, _ = _json_spans(customers)
    assert personal.count("PHONE") == 3 and personal.count("PERSON") == 3
    # a sole trader named in a list of inns stays a person, and so does the list's owner column
    owners = [
        {"name": "旅館 こがね", "owner": "川端 美沙緒", "tel": "0576-25-3391"},
        {"name": "ホテル乗鞍", "owner": "富永 蒼", "tel": "0263-93-5506"},
        {"name": "かじか荘 別館", "owner": "日比野 紗季", "tel": "0577-32-1184"},
    ]
    personal, _ = _json_spans(owners)
    assert personal.count("PERSON") >= 3 and personal.count("PHONE") == 3


def test_a_taxi_or_an_inn_named_in_roman_letters_before_its_number_owns_it():
    access = (
        "Getting here\n"
        "Taxi: Yoshino Kotsu Taxi 0746-32-2281\n"
        "Stay: Ryokan Sakuragi TEL 0746-32-5504\n"
        "Bus: Route 5 from Yoshino Station, get off at Nakasenbon\n"
    )
    assert _labels(access) == []
    assert len(detect_all(access).corporate) == 2


def test_a_driver_or_a_mobile_under_a_taxi_label_stays_personal():
    driver = "Getting here\nTaxi: ask for our driver Shun Okabe 0746-32-2281\n"
    assert _labels(driver) == ["PHONE"]
    mobile = "Getting here\nTaxi: Yoshino Kotsu Taxi 080-3312-7745\n"
    assert _labels(mobile) == ["PHONE"]  # a bare mobile is the driver's own
