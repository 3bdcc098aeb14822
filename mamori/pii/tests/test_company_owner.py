"""Who owns a contact block: an organisation named in a heading above it or under its address, or a person."""

from __future__ import annotations

from mamori.pii import detect, detect_all


def _labels(text: str) -> list[str]:
    return [s.label for s in detect(text)]


def _corporate(text: str) -> list[str]:
    return [s.text for s in detect_all(text).corporate]


def test_a_branch_named_in_a_heading_above_its_block_owns_its_contacts():
    page = (
        "お問い合わせ\n\n製品に関するご質問は下記までご連絡ください。\n\n"
        "東京営業所\n\n〒105-0014 東京都港区芝2丁目14-5 芝ビル4F\nTEL 03-5442-1180 / FAX 03-5442-1181\n\n"
        "大阪営業所\n\n〒532-0011 大阪府大阪市淀川区西中島5-9-12\nTEL 06-6305-2271\n"
    )
    assert _labels(page) == []
    assert "06-6305-2271" in _corporate(page)


def test_a_heading_that_is_a_sentence_or_a_person_owns_nothing():
    # The line above is a paragraph's, not a heading alone between blank lines.
    memo = "お客様から電話あり。\n東京営業所の件\n\n〒105-0014 東京都港区芝2丁目14-5\n"
    assert "ADDRESS" in _labels(memo)
    hr = "人事部\n\n新住所：〒252-0303 神奈川県相模原市南区相模大野6-15-22\n"  # a labelled field
    assert "ADDRESS" in _labels(hr)


def test_an_organisation_named_under_an_unlabelled_address_owns_it():
    school = (
        "出願書類の郵送先\n〒602-0898 京都府京都市上京区相国寺門前町647-22\n"
        "洛北学院高等学校 入試広報室\n電話 075-211-4321（平日9:00～16:00）\n"
    )
    assert _labels(school) == []
    label = "ご依頼主\n  〒541-0053 大阪府大阪市中央区本町3-5-7 本町ビル2F\n  株式会社フレッシュマート 通販事業部\n"
    assert _labels(label) == []


def test_a_recipient_above_a_sender_line_keeps_their_data():
    slip = (
        "お届け先：〒264-1651\n山梨県甲府市鍛冶ケ沢4丁目12-22 グランドハイツ 501\n小島幸子 様\n"
        "TEL 0365394575\nご依頼主　日本ホールディングス合同会社\n"
    )
    assert {"PHONE", "ADDRESS"} <= set(_labels(slip))
    addressee = "〒390-0001 長野県松本市寿北2丁目3-4\n山田 太郎 様\n株式会社みなと商事 御中\n"
    assert "ADDRESS" in _labels(addressee)
    labelled = "住所：埼玉県川口市芝新町4-12-8\n株式会社ホームライフ\n"  # a form's field
    assert "ADDRESS" in _labels(labelled)


def test_an_employee_record_under_a_department_is_personal():
    record = (
        "住所変更届\n\n所属：製造部 第二課\n社員番号：20415\n"
        "新住所：〒252-0303 神奈川県相模原市南区相模大野6-15-22 サンハイツ203\n新電話番号：042-745-8813\n"
    )
    assert sorted(_labels(record)) == ["ADDRESS", "PHONE", "POSTAL_CODE"]


EXHIBITORS = (
    "小間番号,出展者名,所在地,電話番号,出展製品\n"
    "A-01,株式会社北辰精機,愛知県名古屋市中村区名駅3-22-4,052-581-3302,精密ボールねじ\n"
    "A-02,三協化成工業株式会社,大阪府東大阪市高井田元町2-8-12,06-6781-5520,射出成形品\n"
    "A-03,有限会社タカノ鉄工,新潟県燕市吉田東栄町1-15,0256-63-8811,板金加工\n"
    "B-01,エムケーソリューションズ,福岡県福岡市博多区博多駅前2-1-1,092-477-6600,IoTゲートウェイ\n"
    "B-02,ミナト計測,神奈川県横浜市港北区新横浜2-5-10,045-475-9912,レーザー変位計\n"
)


def test_a_column_mostly_of_companies_makes_a_list_of_organisations():
    assert _labels(EXHIBITORS) == []
    assert "045-475-9912" in _corporate(EXHIBITORS)


def test_a_list_of_persons_with_their_employer_stays_personal():
    contacts = (
        "会社名,担当者名,電話番号\n株式会社北辰精機,山田 太郎,090-1111-2233\n"
        "三協化成工業株式会社,佐藤 花子,080-2222-3344\n有限会社タカノ鉄工,鈴木 一郎,070-3333-4455\n"
    )
    assert _labels(contacts).count("PHONE") == 3
    staff = (
        "氏名,勤務先,自宅住所\n山田 太郎,株式会社北辰精機,長野県松本市寿北2丁目3-4\n"
        "佐藤 花子,三協化成工業株式会社,長野県松本市中央2丁目3-4\n鈴木 一郎,有限会社タカノ鉄工,長野県松本市島立817-1\n"
    )
    assert _labels(staff).count("ADDRESS") == 3


def test_a_transfer_list_to_companies_in_bank_notation_is_theirs_and_a_payroll_is_personal():
    suppliers = (
        "振込先銀行コード,振込先支店コード,預金種目,口座番号,受取人名,金額\n"
        "0143,101,1,1234561,カ）ヤマトセイコウ,320000\n0143,205,1,2345672,ユ）サカモトシヨウテン,44000\n"
        "0009,301,1,3456783,ダイワケミカル（カ,9000\n"
    )
    assert _labels(suppliers) == []
    payroll = (
        "振込先銀行コード,振込先支店コード,預金種目,口座番号,受取人名,金額\n"
        "0143,101,1,1234561,ヤマダ タロウ,320000\n0143,205,1,2345672,サトウ ハナコ,280000\n"
        "0009,301,1,3456783,スズキ イチロウ,300000\n"
    )
    assert _labels(payroll).count("BANK_ACCOUNT") == 3


def test_a_main_number_is_the_organisation_s():
    page = "お問い合わせ\n\n社会医療法人 青葉会 青葉中央病院\n\n代表 022-711-3355\n"
    assert _labels(page) == []
    assert _labels("代表取締役 山田 太郎\n携帯 090-1234-5678\n") == ["PERSON", "PHONE"]


def test_a_record_of_an_organisation_in_label_value_rows_is_its_own():
    profile = "会社概要\n名称\tくるみ建築設計事務所\n所在地\t〒399-8205 長野県安曇野市豊科5520-3\nTEL\t0263-72-5566\n"
    assert _labels(profile) == []
    person = (
        "氏名\t山田 太郎\n所在地\t〒399-8205 長野県安曇野市豊科5520-3\n"  # a person's record stays theirs
    )
    assert "ADDRESS" in _labels(person)
    employee = "勤務先\t株式会社北辰精機\n自宅住所\t長野県安曇野市豊科5520-3\n"
    assert "ADDRESS" in _labels(employee)


def test_a_table_of_sites_whose_first_column_holds_full_names_is_personal():
    clients = (
        "施主名\t物件\t連絡先\n青木 陽菜\t塩尻市広丘 平屋\t090-7773-8260\n"
        "上條 さくら\t安曇野市穂高 新築\t090-6726-8775\n山﨑 愛\t松本市里山辺 リノベ\t070-4304-6279\n"
    )
    assert _labels(clients).count("PHONE") == 3
    vendors = (
        "取引先名,取引先名（カナ）,郵便番号,住所,電話番号\n"
        "中部ロジテック,チュウブロジテック,460-0008,愛知県名古屋市中区栄4-1-1,052-261-1001\n"
    )
    assert [s for s in _labels(vendors) if s != "PERSON"] == []  # the reading of the organisation's name


def test_a_list_of_insurers_is_a_list_of_organisations():
    insurers = (
        "保険者番号,保険者名,電話\n01200016,全国健康保険協会 長野支部,026-238-1250\n"
        "06200107,セイコーエプソン健康保険組合,0266-52-3131\n32200012,長野県市町村職員共済組合,026-235-2400\n"
        "138222,松本市（国民健康保険）,0263-34-3212\n"
    )
    assert _labels(insurers) == []


def test_a_number_the_reader_is_told_to_call_is_the_provider_s():
    assert _labels("蔵見学のご案内\n予約：電話 0261-62-3125 または Webフォーム\n定員：各回15名\n") == []
    assert _labels("ご不明な点は 0567-26-4400（平日9:00-17:00）まで。\n") == []
    assert _labels("お問い合わせは 0567-26-4400 まで\n") == []
    # A customer's mobile, a caller named on the line: theirs.
    assert _labels("連絡先：090-3318-5524（10:00-12:00なら可）\n") == ["PHONE"]
    assert "PHONE" in _labels("問合せ 山口様 0263-33-1234 駐車場について\n")


def test_a_number_to_call_in_brackets_or_at_a_department_is_the_provider_s():
    # お電話（number 受付 hours）: the desk's hours inside the bracket after the number
    assert (
        _labels("体験のご予約は、お電話（0263-88-4512 受付 14:00～21:00 日祝休）またはフォームから。\n") == []
    )
    assert _labels("お問い合わせ：編集部 0263-88-4513\n") == []  # a department's desk
    # a surname that ends like a department (長谷部), a mobile with a time: a person's
    assert _labels("お問い合わせ：長谷部 0263-88-4513\n") == ["PHONE"]
    assert _labels("連絡先：090-3318-5524 受付 10:00～12:00\n") == ["PHONE"]


def test_a_birth_date_every_row_shares_and_a_number_of_zeros_are_defaults():
    rows = "".join(f"T{i:09d},テスト患者{i:02d},2000-01-01,000-0000-0000\n" for i in range(1, 8))
    assert _labels("patient_id,name,birth_date,tel\n" + rows) == []
    real = "".join(f"P{i},2000-01-{i + 1:02d}\n" for i in range(8))
    assert _labels("patient_id,birth_date\n" + real).count("DATE_OF_BIRTH") == 8
    assert _labels("電話番号：0263-00-0000") == []  # no local exchange starts with 0
    assert _labels("電話番号：0263-32-1000") == ["PHONE"]


def test_a_form_s_applicant_owns_the_contact_rows_below_an_organisation_s_name():
    form = "宴会申込書\n申込者\t佐々木 達也\n団体名\t松本深志高校 同窓会\n連絡先\t080-7983-4085\n日時\t12月7日 18:00\n"
    assert "PHONE" in _labels(form)
    licence = "商号又は名称\tひかり不動産株式会社\n代表者氏名\t代表取締役\n主たる事務所\t〒390-0811 長野県松本市中央2丁目1-27\n"
    assert _labels(licence) == []  # an officer (代表者氏名) is no subject of the record


def test_an_address_book_export_with_a_company_column_stays_personal():
    contacts = (
        "First Name,Last Name,Company,Job Title,Business Phone,Mobile Phone,E-mail Address\n"
        "誠,堀之内,株式会社三河ファクトリー,購買課 課長,0564-22-1180,080-5542-0193,m.horinouchi@mikawa-f.example.co.jp\n"
        "奈緒,鈴村,東海電材株式会社,営業部,052-251-8800,,suzumura@tokai-denzai.example.jp\n"
        "Maria,Santos,Nagoya Robotics Inc.,Sales Manager,052-990-1200,,maria.santos@nagoya-robotics.example.com\n"
    )
    assert _labels(contacts).count("EMAIL") == 3


def test_the_reading_of_an_organisation_s_name_is_no_person_and_a_settings_constant_is_the_program_s():
    vendors = (
        "取引先名,取引先名（カナ）,郵便番号,住所,電話番号\n"
        "中部ロジテック株式会社,チュウブロジテック,460-0008,愛知県名古屋市中区栄4-1-1,052-261-1001\n"
        "東海電材株式会社,トウカイデンザイ,496-0046,愛知県津島市百町字旭44,0567-26-4400\n"
    )
    assert _labels(vendors) == []
    assert _labels("APP_ENV=production\nSUPPORT_TEL=052-561-7739\n") == []
    assert _labels("tel=090-1234-5678\n") == ["PHONE"]  # a lower-case key of a record


def test_an_account_held_by_a_person_is_personal_whoever_is_named_above():
    invoice = (
        "請求書\n株式会社ツバサ電装 デザイン室 御中\n"
        "お振込先 大垣共立銀行 岐阜駅前支店 普通 2281904 クリハラ レン\n"
    )
    assert "BANK_ACCOUNT" in _labels(invoice)
    ours = "お振込先 大垣共立銀行 岐阜駅前支店 普通 2281904 カ）ツバサデンソウ\n株式会社ツバサ電装\n"
    assert _labels(ours) == []


def test_test_data_keys_model_documents_and_a_licence_s_own_layout():
    assert _labels("payment:\n  test-card: 4111111111111111\n") == []
    assert _labels("card_no: 4111111111111111\n") == ["CREDIT_CARD"]
    assert (
        _labels("遺言書の文例（文例中の氏名は架空のものです）\n遺言者 甲野太郎は、次のとおり遺言する。\n")
        == []
    )
    assert "PERSON" in _labels("遺言者 甲野太郎は、次のとおり遺言する。\n")  # not a model: a name
    licence = (
        "運転免許証（写し）\n氏名 森田 隆之\n免許の条件等 眼鏡等\n番号 第 301992184560 号\n愛知県公安委員会\n"
    )
    assert "DRIVERS_LICENSE" in _labels(licence)
    assert "DRIVERS_LICENSE" not in _labels("受付番号 第 301992184560 号\n")  # no licence above


def test_a_value_like_取引先_in_a_row_is_no_header_of_a_list_of_organisations():
    book = (
        "氏名,郵便番号,住所1,電話番号,会社名,分類\r\n"
        "鈴村 健一,461-0001,愛知県名古屋市東区泉1-21-3,052-962-7731,鈴村税理士事務所,顧問\r\n"
        "Lee Junho,541-0041,大阪府大阪市中央区北浜2-1-5,06-6201-3344,大和計装株式会社,取引先\r\n"
        "猪俣 圭介,444-0044,愛知県岡崎市康生通南1-6,0564-21-6630,,社長友人\r\n"
    )
    assert "0564-21-6630" in [s.text for s in detect_all(book).personal]


def test_a_booking_section_s_number_is_the_provider_s_and_a_booking_memo_s_mobile_the_guest_s():
    page = "季節のコース\n\nご予約\n\nお電話またはWebにて承ります。\nTEL 075-241-3380\n\n京料理 はなぶさ\n"
    assert "PHONE" not in _labels(page)
    assert _labels("予約専用ダイヤル 0268-23-1177\n\nうえだ内科クリニック\n") == []
    memo = "ご予約\n\n2/5 19:00 4名\n090-4412-8830\n"
    assert _labels(memo) == ["PHONE"]


def test_a_mobile_under_a_person_marked_in_the_block_is_theirs():
    memo = "合同会社そらいろ 設立\n代表社員予定：巾 達也（1957/11/20生）\n本店：長野県松本市桐2-4-7\n連絡先 090-9411-2604\n"
    assert "090-9411-2604" in [s.text for s in detect_all(memo).personal]
    letter = "有限会社あおば物産 営業部 担当：伊集院 慧\n直通 090-2921-1786\n"
    assert "090-2921-1786" in [s.text for s in detect_all(letter).personal]
    office = "有限会社あおば物産 営業部 担当：伊集院 慧\n代表 03-3861-2202\n"  # a landline stays the office's
    assert "03-3861-2202" in [s.text for s in detect_all(office).corporate]


def test_an_insurance_policy_number_is_no_health_insurance_card():
    cars = (
        "車両No,登録番号,車名,車検満了,保険証券番号,使用部署\n"
        "1,名古屋 300 あ 12-34,プリウス,2025/06/30,1234-5678901,営業部\n"
        "2,名古屋 300 い 56-78,ハイエース,2025/09/30,2234-5678902,物流\n"
    )
    assert "HEALTH_INSURANCE" not in _labels(cars)
    assert "HEALTH_INSURANCE" in _labels("氏名,保険証番号\n山田 太郎,12345678\n")


def test_an_api_description_s_example_values_are_placeholders():
    spec = (
        "components:\n  schemas:\n    Customer:\n      example:\n"
        '        name: "山田 太郎"\n        tel: "090-0000-0000"\n        email: "taro@example.com"\n'
    )
    assert _labels(spec) == []
    assert _labels("連絡先 taro@example.com まで") == ["EMAIL"]  # no example key: kept


def test_a_company_after_a_label_that_says_it_is_one_owns_its_number():
    report = (
        "エレベーター保守点検報告\n保守会社：ミナモトリフト東濃サービス（0572-21-4460）\n担当：水野 圭太\n"
    )
    assert _labels(report) == ["PERSON"]
    assert "0572-21-4460" in _corporate(report)


def test_a_fax_the_reader_is_told_to_send_to_is_the_organiser_s():
    notice = "陶芸講座のご案内\n\n参加：申込書に記入のうえファクスでお申し込みください（FAX 0572-22-1180）\n"
    assert _labels(notice) == []
    assert "0572-22-1180" in _corporate(notice)


# Consignees of the shipping exports below: phone, postal code, address.
_CONSIGNEES = [
    ("09022113450", "468-0011", "愛知県名古屋市天白区平針2-4-1"),
    ("0561-82-3310", "489-0805", "愛知県瀬戸市陶原町3-12"),
    ("07011255662", "507-0033", "岐阜県多治見市本町5-8"),
    ("058-262-4410", "500-8856", "岐阜県岐阜市橋本町1-10"),
]


def test_a_carrier_export_to_companies_is_theirs_and_to_persons_personal():
    # Every column is prefixed with its party (お届け先…): the 名称 cells say whether they are companies.
    header = "お届け先電話番号,お届け先郵便番号,お届け先住所１,お届け先名称１,お届け先名称２,個数\n"
    companies = [
        ("株式会社東山化工", "資材部 御中"),
        ("有限会社瀬戸窯材", "購買課 御中"),
        ("多治見セラ株式会社", ""),
        ("岐阜精機株式会社", "製造部 御中"),
    ]
    rows = "".join(",".join([*p, *c, "1"]) + "\n" for p, c in zip(_CONSIGNEES, companies, strict=True))
    assert _labels(header + rows) == []
    persons = ["水野 圭太", "樋口 彩葉", "加藤 美緒", "杉浦 拓真"]
    rows = "".join(",".join([*p, n, "", "1"]) + "\n" for p, n in zip(_CONSIGNEES, persons, strict=True))
    assert {"PHONE", "ADDRESS", "PERSON"} <= set(_labels(header + rows))


def test_the_shipper_s_own_contacts_repeated_on_every_row_of_a_shipping_export_are_the_shipper_s():
    header = "伝票No,お届け先電話番号,お届け先郵便番号,お届け先住所,ご依頼主電話番号,ご依頼主郵便番号,ご依頼主住所,品名\n"
    shipper = "052-220-1180,460-0008,愛知県名古屋市中区栄3-1-1"
    rows = "".join(f"{i},{','.join(c)},{shipper},煎茶\n" for i, c in enumerate(_CONSIGNEES[:3]))
    found = detect_all(header + rows)
    assert [s.text for s in found.personal if s.label == "PHONE"] == [c[0] for c in _CONSIGNEES[:3]]
    assert [s.text for s in found.corporate if s.label == "PHONE"] == ["052-220-1180"] * 3
    # returns sent by customers: the senders differ, and are theirs
    returns = "".join(
        f"{i},052-220-1180,460-0008,愛知県名古屋市中区栄3-1-1,{','.join(c)},返品\n"
        for i, c in enumerate(_CONSIGNEES[:3])
    )
    personal = [s.text for s in detect_all(header + returns).personal if s.label == "PHONE"]
    assert {c[0] for c in _CONSIGNEES[:3]} <= set(personal)


def test_a_shop_named_without_an_organisation_word_owns_its_page():
    notice = "特定商取引法に基づく表記\n\n販売業者：甘味処 しのぶ庵\n所在地：〒390-0811 長野県松本市中央2-5-14\n電話：0263-33-4120\n"
    assert _labels(notice) == []
    footer = "今朝の釣果はアジ20匹でした。\n\n釣具のミサゴ　TEL 0263-88-2701\n"
    assert _labels(footer) == []
    block = "手打ち蕎麦 たかむら\n〒399-8301 長野県安曇野市穂高有明2186-3\nTEL 0263-83-5521\n"
    assert _labels(block) == []


def test_a_sole_trader_s_own_name_under_a_business_label_stays_a_person():
    form = "販売業者：山本 健一\n住所：長野県松本市中央2-5-14\n携帯：090-4411-2203\n"
    assert "PERSON" in _labels(form)


def test_a_club_of_volunteers_owns_its_contacts_and_its_roster_stays_personal():
    entry = "大会参加申込書\n\nチーム名：北丘ミニバスケットボール少年団\n電話：0572-27-3150\n"
    assert _labels(entry) == []
    roster = (
        "北丘ミニバスケットボール少年団 連絡網\n\n学年\t選手名\t保護者\t電話\n"
        "6年\t杉浦 湊\t杉浦 由美\t090-3312-4471\n5年\t丹羽 蒼\t丹羽 恵\t080-5521-0093\n"
    )
    assert _labels(roster).count("PHONE") == 2


def test_an_association_of_a_profession_owns_its_contacts():
    letterhead = "会員各位\n\n研修会のご案内\n\n岐阜県行政書士会 東濃支部\n〒507-0033 岐阜県多治見市本町3-8\nTEL 0572-23-1150\n"
    assert _labels(letterhead) == []
    alumni = "恵那高校 同窓会 事務局\n電話 0573-25-2210\n"
    assert _labels(alumni) == []


def test_a_letterhead_s_tel_and_fax_pair_is_the_sender_s():
    slip = "納品書\n\n有限会社かねや陶器店 様\n\n品名\t数量\n織部小鉢\t20\n\n丸伊窯元\n岐阜県土岐市駄知町2116\nTEL 0572-59-3311 FAX 0572-59-3312\n"
    assert _labels(slip) == []
    customer = (
        "顧客カード\nお名前：森 早紀\n住所：岐阜県土岐市駄知町2116\nTEL 0572-59-3311 FAX 0572-59-3312\n"
    )
    assert _labels(customer).count("PHONE") == 2
    home = "岐阜県土岐市駄知町2116\nTEL 0572-59-3311 FAX 0572-59-3311\n"  # a home's fax shares its number
    assert "PHONE" in _labels(home)


def test_a_number_to_ask_a_role_at_is_the_organisation_s():
    letter = "保護者の皆様へ\n\n遠足の実施について\n\nお問い合わせは教務主任まで（0572-22-1130）\n"
    assert _labels(letter) == []
    person = "お問い合わせは林 結衣まで（0572-22-1130）\n"
    assert "PHONE" in _labels(person)


def test_a_newspaper_dealer_s_number_to_apply_at_is_the_dealer_s():
    flyer = "地域ミニコミ紙の定期購読\nお申込み：北斗新聞 みなみ台販売所 TEL 047-381-2276\n"
    assert "PHONE" not in _labels(flyer)
    note = "みなみ台販売所の配達員 片桐 悠真さん（携帯 080-4417-2290）\n"
    assert "080-4417-2290" in [s.text for s in detect(note)]


def test_an_organisation_named_under_the_address_of_a_destination_heading_owns_it():
    page = (
        "書類の送付先\n〒460-0008 愛知県名古屋市中区栄三丁目15番33号 栄ビル4F\n"
        "株式会社ミドリ精工 総務部 採用係\nTEL 052-261-4471\n\n"
        "お問い合わせ\n〒730-0011 広島県広島市中区基町10-52\nひろしま芸術振興財団\n電話 082-228-1101\n"
    )
    assert _labels(page) == []


def test_a_person_named_under_the_address_of_a_destination_heading_keeps_it():
    slip = "書類の送付先\n〒390-0811 長野県松本市中央1-2-3\n片桐 悠真 様\nTEL 0263-33-1234\n"
    assert _labels(slip) == ["POSTAL_CODE", "ADDRESS", "PERSON", "PHONE"]


QUOTE_PDF = (
    "御見積書\n"
    "青木町商工会 御中 No. E-25-0201\n"
    "件名：会報の制作・印刷\n"
    "みどり印刷株式会社\n"
    "TEL 0263-72-5104 FAX 0263-72-5106\n"
    "品名 仕様 数量 単価 金額\n"
    "印刷 2000 92 184000\n"
    "合計 202400\n"
    "2025年2月3日\n"
    "〒390-0811 長野県松本市中央2丁目4-15\n"
    "登録番号 T1234567890123\n"
)


def test_an_issuer_s_address_far_from_its_name_is_the_issuer_s():
    # a workbook's PDF prints the issuer's 〒 and address after the totals, far from its name and TEL
    assert _labels(QUOTE_PDF) == []
    # a web page's footer: the address, blank lines, then the clinic's name
    page = (
        "お知らせ｜あずさ眼科\n\n年末年始の休診のお知らせ\n12月29日～1月3日は休診です。\n\n"
        "〒390-0815 長野県松本市深志1丁目7-3\n\n\n"
        "医療法人 あずさ会 あずさ眼科 TEL 0263-26-8148\n© 2025 あずさ眼科\n"
    )
    assert _labels(page) == []


def test_a_customer_s_address_on_an_issuer_s_document_stays_personal():
    # a recipient marked 様 (a surname no dictionary knows), a 送付先 block, a person named anywhere
    to_person = QUOTE_PDF.replace("青木町商工会 御中", "蔵永 様\n〒399-8205 長野県安曇野市豊科南穂高1187-3")
    assert "ADDRESS" in _labels(to_person)
    ship_to = QUOTE_PDF + "\n送付先：〒399-8205 長野県安曇野市豊科南穂高1187-3\n"
    assert "ADDRESS" in _labels(ship_to)
    named = (
        QUOTE_PDF.replace("青木町商工会 御中", "川端 美沙緒 様")
        + "\n〒399-8205 長野県安曇野市豊科南穂高1187-3\n"
    )
    assert "ADDRESS" in _labels(named)
    # a form is no issuer's document: an applicant's address stays personal
    form = "入会申込書\n住所\t長野県安曇野市豊科南穂高1187-3\n\nみどり印刷株式会社\n© 2025 みどり印刷\n"
    assert "ADDRESS" in _labels(form)


def test_a_page_listing_lone_addresses_keeps_them():
    # three addresses and no name on a page with a copyright line: a list, no issuer's own address
    page = (
        "".join(f"〒390-08{i}1 長野県松本市中央{i}丁目{i}-5\n\n" for i in range(1, 4))
        + "みどり印刷株式会社\n© 2025 みどり印刷\n"
    )
    assert _labels(page).count("ADDRESS") == 3


def test_a_notice_s_sentence_about_its_patients_names_no_one_in_the_footer_s_block():
    notice = (
        "薬局の体制について\n株式会社あおば薬品 あおば薬局\n・後発医薬品の使用に取り組んでいます。\n"
        "・同意をいただいた患者様には、担当の薬剤師が継続して対\n応します。\n"
        "〒320-0801 栃木県宇都宮市池上町 9-8-7 TEL 028-600-1111 FAX 028-600-1112\n"
    )
    assert detect(notice) == []
    assert _corporate(notice) == ["320-0801", "栃木県宇都宮市池上町 9-8-7", "028-600-1111", "028-600-1112"]
    # a patient's field or a named patient keeps the block personal
    assert _labels("あおば薬局 お薬手帳\n患者様の連絡先 028-600-2222\n") == ["PHONE"]
    record = "あおば薬局\n患者氏名 川端 典子\n〒320-0801 栃木県宇都宮市池上町 9-8-7 TEL 028-600-3333\n"
    assert _labels(record) == ["PERSON", "POSTAL_CODE", "ADDRESS", "PHONE"]
    shipping = "あおば薬局\n患者様には下記へお届けします。\n送付先 〒320-0801 栃木県宇都宮市池上町 9-8-7\n"
    assert _labels(shipping) == ["POSTAL_CODE", "ADDRESS"]


def test_a_web_page_s_fields_each_between_blank_lines_belong_to_the_page_s_company():
    page = (
        "会社概要｜株式会社ヒガシ工房\n\n所在地\n〒530-0001 大阪府大阪市北区梅田9-8-7\n\n"
        "電話\n06-6123-4567（平日9時〜17時）\n\nメール\nrecruit@higashi.example.com\n"
    )
    assert detect(page) == []
    assert _corporate(page) == [
        "530-0001",
        "大阪府大阪市北区梅田9-8-7",
        "06-6123-4567",
        "recruit@higashi.example.com",
    ]
    assert detect(page[: page.index("\n\nメール")] + "\n") == []  # the phone's field last on the page
    # a person's field above (担当者, 氏名) or a person on a field's line keeps the contacts personal
    assert _labels("株式会社ヒガシ工房\n\n担当者\n川端 典子\n\n電話\n06-6123-4567\n") == ["PERSON", "PHONE"]
    member = "会員情報｜株式会社ヒガシ工房\n\n氏名\n川端 典子\n\n住所\n〒530-0001 大阪府大阪市北区梅田9-8-7\n\n電話\n090-1234-5678\n"
    assert _labels(member) == ["PERSON", "POSTAL_CODE", "ADDRESS", "PHONE"]
    addressed = "株式会社ヒガシ工房 採用係\n\n住所\n〒530-0001 大阪府大阪市北区梅田9-8-7 川端 典子 様\n\n電話\n06-6123-4567\n"
    assert _labels(addressed) == ["POSTAL_CODE", "ADDRESS", "PERSON", "PHONE"]
    named = (
        "株式会社ヒガシ工房\n\n住所\n川端 典子\n〒530-0001 大阪府大阪市北区梅田9-8-7\n\n電話\n06-6123-4567\n"
    )
    assert "06-6123-4567" not in _corporate(named)


def test_a_town_or_city_named_with_the_kanji_of_an_honorific_marks_no_person() -> None:
    # 殿 is an honorific after a name (山田 太郎殿), but 殿町 and 御殿場市 are places: a letterhead at
    # such an address is still the company's.
    for head, address in (
        ("株式会社みずうみ設計", "島根県松江市殿町31"),
        ("御殿場グリーン株式会社", "静岡県御殿場市川島田77"),
    ):
        found = detect_all(f"{head}\n〒690-0887 {address}\nTEL 0852-27-6630 / FAX 0852-27-6631\n")
        assert found.personal == []
        assert {s.label for s in found.corporate} == {"POSTAL_CODE", "ADDRESS", "PHONE"}


def test_a_name_with_the_honorific_dono_keeps_the_contact_under_it_personal() -> None:
    found = detect_all(
        "株式会社みずうみ設計 御中\n\n森岡 千晶殿\n〒412-0001 静岡県御殿場市川島田77\nTEL 0550-82-1234\n"
    )
    assert {s.label for s in found.personal} == {"PERSON", "POSTAL_CODE", "ADDRESS", "PHONE"}


def test_a_job_offer_s_application_desk_under_its_heading_is_the_employer_s():
    # a recruiting page whose employer is named only in its <title>: 応募先 / 応募・お問い合わせ head the desk
    page = (
        "求人情報｜みやま精機\n\n募集要項\n\n職種：検査スタッフ\n\n応募先\n\n"
        "〒390-0852 長野県松本市島立 1123-4\nTEL 0263-47-2210\n\n"
        "応募・お問い合わせ\n\n\n電話\n0263-47-2211\n\n採用窓口\n\nmiyama.saiyo@gmail.com\n"
    )
    assert _labels(page) == []
    assert {"0263-47-2210", "0263-47-2211", "長野県松本市島立 1123-4"} <= set(_corporate(page))


def test_an_applicant_s_own_contacts_under_an_applicant_heading_stay_personal():
    record = "応募者\n\n〒390-0852 長野県松本市島立 1123-4\nTEL 0263-47-2210\n"
    assert {"ADDRESS", "PHONE"} <= set(_labels(record))
    entry = "応募\n\n氏名：桐谷 紗希\n電話：0263-47-2210\n"
    assert "PHONE" in _labels(entry)


def test_a_filing_s_party_owns_the_address_under_it_though_the_block_names_a_registry():
    filing = "宮崎地方法務局 御中\n相続人\n　汐見 咲良\n　宮崎県都城市姫城町 8-21\n"
    assert "宮崎県都城市姫城町 8-21" in [s.text for s in detect_all(filing).personal]
    company = "申請人 株式会社ひむか建設\n宮崎県都城市姫城町 8-21\nTEL 0986-22-7310\n"
    assert _labels(company) == []


def test_an_employee_s_address_column_in_a_list_by_site_is_the_employee_s():
    staff = (
        "社員番号,事業所名,従業員住所,事業所電話\n"
        "S01,本社,宮崎県都城市姫城町 8-21,0986-22-7310\n"
        "S02,日南営業所,宮崎県日南市岩崎 3-5-9,0987-23-4410\n"
    )
    detection = detect_all(staff)
    assert [s.text for s in detection.personal] == ["宮崎県都城市姫城町 8-21", "宮崎県日南市岩崎 3-5-9"]
    assert [s.text for s in detection.corporate] == ["0986-22-7310", "0987-23-4410"]


def test_a_list_of_sites_with_their_own_address_column_stays_the_company_s():
    sites = (
        "事業所名,所在地,電話,従業員数\n"
        "本社,宮崎県都城市姫城町 8-21,0986-22-7310,42\n"
        "日南営業所,宮崎県日南市岩崎 3-5-9,0987-23-4410,9\n"
    )
    assert _labels(sites) == []


def test_a_consultation_record_s_client_owns_the_contacts_under_the_centre_s_name():
    record = "みやこ消費生活相談センター 相談記録\n\n相談者 渡久地 朋美（40代）\n電話 098-861-3374\n当センターから折り返し済み。\n"
    assert "098-861-3374" in [s.text for s in detect_all(record).personal]
    memo = "当センターにて受付。\n相談者の連絡先 098-861-3374\n"
    assert _labels(memo) == ["PHONE"]


def test_a_centre_s_notice_to_whoever_consults_keeps_its_number():
    notice = "みやこ消費生活相談センター\n\nご相談者の方はお電話ください。\nTEL 098-861-3300\n"
    assert _labels(notice) == []


def test_the_issuer_s_representative_in_its_own_quote_is_its_officer():
    quote = (
        "御見積書\n熊本市 公園緑地課 御中\n件名 街路樹剪定 一式\n合計 1,408,000円\n"
        "株式会社 緑水園芸　代表取締役　宇土 晴彦\n〒861-4101 熊本県熊本市南区近見3丁目5-8\n"
        "TEL 096-354-2110\n登録番号 T6330001012345\n"
    )
    assert _labels(quote) == []
    assert "宇土 晴彦" in _corporate(quote)
    profile = "会社概要\n会社名\t株式会社 緑水園芸\n代表者\t代表取締役 宇土 晴彦\n設立\t1998年4月\n"
    assert _labels(profile) == []


def test_an_addressee_s_representative_or_a_sole_trader_stays_a_person():
    addressed = "御見積書\n株式会社 緑水園芸\n代表取締役 宇土 晴彦 様\n\n合計 1,408,000円\n"
    assert _labels(addressed) == ["PERSON"]  # the customer's representative the quote is addressed to
    trader = "請求書\n宇土写真事務所 代表 宇土 晴彦\n合計 55,000円\n"
    assert _labels(trader) == ["PERSON"]  # no legal form: a sole trader, a person
    assert _labels("代表取締役 宇土 晴彦\n携帯 090-1234-5678\n") == ["PERSON", "PHONE"]  # no issuer's title


def test_a_notice_speaking_of_the_readers_home_leaves_its_group_mailbox_the_organisations():
    poster = (
        "体験モニター募集\n内容：ご自宅に試作の空気清浄機を2週間設置します\nお問い合わせ\n"
        "南海大学 工学部 大気計測研究室\nTEL 088-631-2201\nE-mail taiki-lab@nankai-u.example.ac.jp\n"
    )
    assert _labels(poster) == []
    # counter: a field of a person's home keeps the mailbox on its block personal
    form = (
        "モニター登録\nご自宅住所：高知県高知市春野町西分1203\n"
        "南海大学 工学部 大気計測研究室\nE-mail taiki-lab@nankai-u.example.ac.jp\n"
    )
    assert "EMAIL" in _labels(form)
