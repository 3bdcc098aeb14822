"""Company data, identifiers and product codes are no personal data; the cases named in issue 11."""

from __future__ import annotations

from mamori.pii import detect, detect_all

from .conftest import found


def test_a_product_code_is_no_passport_but_a_labelled_passport_is():
    assert found("品番 MB2493714 ボルト M8") == []
    assert found("MB2493714,六角ボルト,120") == []
    assert found("旅券番号：TK1234567") == [("PASSPORT", "TK1234567")]


def test_numbers_after_a_log_key_are_identifiers_of_that_key():
    line = "2026-01-05 10:00:01 INFO ship_no=123456789018 order=4111111111111111 id=123456789018"
    assert found(line) == []
    assert found("tel=090-1234-5678") == [("PHONE", "090-1234-5678")]


def test_a_column_of_shipping_numbers_is_judged_by_its_header_and_its_check_digits():
    shipping = "伝票番号,お届け日,金額\n" + "".join(f"1234567890{i:02d},2026/01/01,1200\n" for i in range(30))
    assert found(shipping) == []
    headerless = "".join(f"2026/01/01,1234567890{i:02d},1200\n" for i in range(30))
    assert found(headerless) == []  # about one in ten passes the My Number check: not My Numbers


def test_a_column_of_valid_my_numbers_is_reported():
    from stdnum.jp import in_

    numbers = [f"{n}{in_.calc_check_digit(str(n))}" for n in range(12345678901, 12345678911)]
    text = "社員番号,個人番号\n" + "".join(f"E{i},{n}\n" for i, n in enumerate(numbers))
    assert [label for label, _ in found(text)] == ["MY_NUMBER"] * 10


def test_a_customer_phone_after_product_words_is_still_a_phone():
    assert found("商品の返品希望。連絡先：070-1234-5678") == [("PHONE", "070-1234-5678")]


def test_headings_relations_and_devices_are_no_names():
    assert found("第10章 仕様") == []
    assert found("続柄 長男") == []
    assert found("担当 携帯 090-1234-5678") == [("PHONE", "090-1234-5678")]
    assert found("名誉会長に就任した。") == []
    assert found("事象分類：紛失\n滅失 毀損") == []


def test_names_people_actually_write():
    assert found("グエン・ヴァン・ナムさんから電話") == [("PERSON", "グエン・ヴァン・ナム")]
    assert found("山﨑 太郎様") == [("PERSON", "山﨑 太郎")]
    assert found("𠮷田 太郎様") == [("PERSON", "𠮷田 太郎")]
    assert found("髙橋様") == [("PERSON", "髙橋")]
    table = "〒,住所,建物,宛名,敬称\n100-0001,東京都千代田区千代田1-1,,山﨑 花子,様\n100-0001,東京都千代田区千代田1-2,,John Smith,様\n"
    assert [v for label, v in found(table) if label == "PERSON"] == ["山﨑 花子", "John Smith"]
    account = "銀行名,口座番号,口座名義\nみずほ,1234567,ヤマダ タロウ\n"
    assert ("PERSON", "ヤマダ タロウ") in found(account)


def test_a_company_block_is_corporate_and_its_named_employee_is_a_person():
    text = (
        "株式会社サンプル商事 本社\n〒100-0001 東京都千代田区千代田1-1\n"
        "TEL 03-1234-5678 FAX 03-1234-5679\n担当：山田\ninfo@sample.example.jp\n"
    )
    result = detect_all(text)
    assert [(s.label, s.text) for s in result.personal] == [("PERSON", "山田")]
    assert sorted(s.label for s in result.corporate) == ["ADDRESS", "EMAIL", "PHONE", "PHONE", "POSTAL_CODE"]


def test_our_transfer_account_is_corporate_and_a_customer_address_is_not():
    invoice = "株式会社サンプル商事\nお振込先：みずほ銀行 新宿支店 普通 1234567\n"
    assert detect(invoice) == []
    assert [s.label for s in detect_all(invoice).corporate] == ["BANK_ACCOUNT"]
    slip = "お届け先：〒100-0001\n東京都千代田区千代田1-1\n山田 花子 様\nご依頼主：株式会社サンプル商事\n"
    assert {s.label for s in detect(slip)} == {"POSTAL_CODE", "ADDRESS", "PERSON"}


def test_a_role_mailbox_is_corporate_and_a_named_one_is_personal():
    result = detect_all("連絡先 noreply@example.jp / yamada.taro@example.jp")
    assert [s.text for s in result.corporate] == ["noreply@example.jp"]
    assert [s.text for s in result.personal] == ["yamada.taro@example.jp"]


def test_service_numbers_are_nobody_s():
    result = detect_all("お客様相談室 0120-123-456\nナビダイヤル ０５７０－０１２－３４５")
    assert result.personal == []
    assert [s.label for s in result.corporate] == ["PHONE", "PHONE"]
    assert [s.text for s in detect("本書の担当部署：品質保証部 電話 03-1234-5678")] == []


# Company-only documents of organisations that are not 株式会社, written apart from the held-out share.
NOT_COMPANIES = {
    "a clinic's card": "ひまわり内科医院\n〒150-0001 東京都渋谷区神宮前1丁目2-3 神宮前ビル3F\nTEL 03-3400-1234 / FAX 03-3400-1235\n",
    "a school's branch": "【お知らせ】北口校の電話番号は 045-312-7788 になりました。",
    "a ward office": "お問い合わせ：横浜市中区役所 戸籍課 045-224-8123（平日 8:45〜17:00）",
    "an NPO's office": (
        "特定非営利活動法人 あおぞらの会\n〒221-0835 神奈川県横浜市神奈川区鶴屋町2丁目24-2\n"
        "TEL 045-410-2233\nMail: jimu@aozora.example.org"
    ),
    "shops without 株式会社": (
        "納品先名,納品先住所,電話番号,数量\nスーパーたなか 駅前店,東京都練馬区豊玉北5丁目17-1,03-3991-2211,12\n"
        "ドラッグ山本 本町店,大阪府大阪市中央区本町2丁目3-4,06-6263-1100,5\n"
    ),
    "a source constant": "OFFICE_PHONE = '03-5555-4321'\nTIMEOUT = 30\n",
    "a property listing": (
        "物件名,所在地,間取り,賃料\nメゾン青葉 203,神奈川県横浜市青葉区青葉台1丁目6-3,1LDK,78000\n"
        "コーポ緑 101,神奈川県横浜市緑区中山2丁目1-9,2DK,65000\n"
    ),
    "a page's footer": (
        "あおば整骨院\n\nお客様の声\n丁寧でした（T様）\n\n"
        "〒150-0002 東京都渋谷区渋谷2丁目1-1\nTEL 03-6427-0001 / info@aoba.example.jp\n"
    ),
    "message ids": (
        "Message-ID: <20241112.0930.4711@mail.example.co.jp>\nReferences: <ab12@mx.example.jp>\n"
        " <c0ffee00-1234-5678-9abc-def012345678@mx.example.jp>\n"
        "Nov 12 09:00:00 mx1 postfix/cleanup[3000]: 0D1C746F0E: message-id=<kk.77@mx.example.jp>\n"
    ),
    "head counts in minutes": "第12回 運営委員会\n出席：委員9名、顧問2名、理事7名\n",
    "a business without its legal form": "鈴木工務店\n〒399-0001 長野県松本市宮田1-2\nTEL 0263-58-1111",
    "a hall as a venue": "会場：松本市音楽文化ホール\n〒390-0303 長野県松本市浅間温泉2丁目2-1 TEL 0263-46-2200",
    "a section of a city office": "申請先：松本市 環境政策課 0263-34-3000",
    "a shop's hours below its contacts": (
        "〒390-0811 長野県松本市中央1丁目10-2\nTEL 0263-32-1234\n営業時間 10:00-19:00 定休日 水曜"
    ),
    "a settings file": '{\n  "office_tel": "03-5555-1234",\n  "timeout": 30\n}',
    "a role word last in the mailbox": "お問い合わせ: web-info@shop.example.co.jp",
    "a list of contractors": "業者名,所在地,電話\n松本水道サービス,長野県松本市島立1020-5,0263-47-2200\n",
    "a list of sites": "所在地,用途,面積\n長野県松本市笹賀5652-1,倉庫,120㎡\n長野県塩尻市広丘野村1500-3,事務所,80㎡\n",
    "a job offer": "勤務地：長野県松本市中央2丁目3-4\n応募・問合せ：TEL 0263-32-7777（採用担当）",
    "directions to a shop": "〒390-0811 長野県松本市中央1丁目10-2\n松本駅から徒歩5分",
    "an invoice's issuer": "請求元：やまだデザイン室\n〒390-0874 長野県松本市大手3丁目8-13\nTEL 0263-36-0001",
    "a returns address": "返品先：〒399-0701 長野県塩尻市広丘吉田1000 ホームライフ物流倉庫 返品係",
    "a meeting point and a co-op's office": (
        "集合場所：城山公園 北口（長野県松本市蟻ケ崎2丁目5-1）\n"
        "協力：JA松本 支所 〒390-1701 長野県松本市梓川倭1000 TEL 0263-78-2111"
    ),
    "a shop that moves": "店舗移転のお知らせ\n新住所：〒390-0811 長野県松本市中央2丁目3-4\n新電話番号 0263-33-7788",
    "a paediatrician, a shrine and a salon": (
        "やまだ小児科\n〒390-0811 長野県松本市中央3丁目2-2 TEL 0263-33-0002\n\n"
        "深志神社 社務所 TEL 0263-32-1214\n\nヘアサロン KAZE\n長野県松本市中央1丁目2-3\n0263-33-9999"
    ),
    "a café and a tavern": "Café Lumière 松本駅前 長野県松本市深志1丁目1-1 MIDORI 3F 0263-39-0000\n居酒屋 たぬき 0263-36-2222",
    "a temple's office": "お問い合わせ：寺務所 0263-77-2020",
    "a golf club": "松川ゴルフ倶楽部 長野県下伊那郡松川町上片桐2000 TEL 0265-36-1111",
    "roles with さん": "各班の班長さんが当番を決めてください。部長さんにも回覧します。園長先生のお話\n",
    "offices addressed by their title": "後援名義使用承認申請書\n横浜市長 様\n神奈川県知事 様\n",
}


def test_contacts_of_clinics_schools_offices_and_shops_are_no_personal_data():
    for kind, text in NOT_COMPANIES.items():
        assert detect(text) == [], kind
    assert [s.label for s in detect_all(NOT_COMPANIES["a page's footer"]).corporate] == [
        "POSTAL_CODE",
        "ADDRESS",
        "PHONE",
        "EMAIL",
    ]


def test_personal_data_beside_an_organisation_is_still_found():
    def labels(text: str) -> set[str]:
        return {s.label for s in detect(text)}

    assert labels("さくら歯科クリニック 問診票\nお名前：鈴木 一郎\n電話番号：090-3876-2211\n") == {
        "PERSON",
        "PHONE",
    }
    clinic = "さくら歯科クリニック\n患者氏名：鈴木 一郎\nご住所：〒390-0001 長野県松本市寿北2丁目3-4\n"
    assert labels(clinic) == {"PERSON", "POSTAL_CODE", "ADDRESS"}
    shop_column = "顧客名,住所,電話,購入店\n佐藤 花子,東京都世田谷区太子堂2丁目1-5,090-2231-8876,渋谷店\n"
    assert labels(shop_column) == {"PERSON", "ADDRESS", "PHONE"}
    school = "みらい進学塾 駅前校\n生徒氏名：田中 さくら\n保護者連絡先：090-4455-6677\n"
    assert labels(school) == {"PERSON", "PHONE"}
    # A mobile after a name the engine does not know, on a department's line, is that person's.
    assert labels("緊急連絡網\n3 物流センター グエン ヴァン ナム → 090-7781-2036\n") == {"PHONE"}
    booking = detect_all(
        "予約確認\nお名前：高橋 健 様\nご連絡先：080-2211-9087\n\nあおば整骨院\nTEL 03-6427-0001\n"
    )
    assert [s.text for s in booking.personal if s.label == "PHONE"] == ["080-2211-9087"]
    assert [s.text for s in booking.corporate] == ["03-6427-0001"]
    letter = "みらい進学塾\n〒390-0001 長野県松本市寿北2丁目3-4\n山田 太郎 様\n"  # the addressee's block
    assert labels(letter) == {"PERSON", "POSTAL_CODE", "ADDRESS"}
    assert labels('{"name": "佐藤 花子", "tel": "090-3312-7788"}') >= {"PHONE"}  # a lower-case key
    order = "ご注文者：佐藤 花子\nお届け先：東京都世田谷区太子堂2丁目1-5\nTEL 090-2231-8876\n営業時間外はメールで。"
    assert labels(order) == {"PERSON", "ADDRESS", "PHONE"}
    assert labels("経理課 山田 太郎 03-3861-2202") == {"PERSON", "PHONE"}
    # Column names of a fixed-width list are no organisation, and a padded mobile is still a mobile.
    listing = "受付日     申込者氏名     電話番号        希望物件\n2024/10/10 真鍋　美紀     080-1990-2276   サンライズ桜台\n"
    assert "PHONE" in labels(listing)
    reply = "御手洗様\n\n初日は正門守衛所へお越しください。当日の連絡は070-3754-7071あてにいたします。\n"
    assert "PHONE" in labels(reply)
    moving = (
        "転居のお知らせ\n新住所：〒390-0811 長野県松本市中央2丁目3-4\n山田 花子\n"  # a person moves: 転居
    )
    assert labels(moving) >= {"POSTAL_CODE", "ADDRESS"}
    contacts = "取引先名,担当者,住所,電話\n株式会社みなと商事,山田 太郎,東京都港区芝5丁目1-1,03-3451-0001\n"
    assert labels(contacts) == {"PERSON", "ADDRESS", "PHONE"}


def test_the_location_of_a_flat_to_let_is_the_propertys_not_a_persons():
    sheet = (
        "コーポ川岸 103号室 入居者募集\n"
        "家賃 52,000円 敷金 1ヶ月\n所在地：新潟県長岡市川岸町3丁目8-14\n間取り 1K 構造 軽量鉄骨2階建\n"
        "設備仕様 エアコン 取引態様 仲介\n"
    )
    result = detect_all(sheet)
    assert result.personal == []
    assert [s.label for s in result.corporate] == ["ADDRESS"]


def test_a_persons_address_in_a_lettings_sheet_and_a_location_without_a_property_stay_personal():
    sheet = "入居者募集\n所在地 新潟県長岡市川岸町3丁目8-14\n構造 木造\n賃料 48,000円\n住所 新潟県長岡市表町1-2-3\n"
    assert found(sheet) == [("ADDRESS", "新潟県長岡市表町1-2-3")]
    assert found("所在地 新潟県長岡市川岸町3丁目8-14\n") == [("ADDRESS", "新潟県長岡市川岸町3丁目8-14")]
    signed = "入居者 雲母坂 透 様\n所在地 新潟県長岡市川岸町3丁目8-14\n間取り 1K 賃料 48,000円\n"
    assert ("ADDRESS", "新潟県長岡市川岸町3丁目8-14") in found(signed)


def test_a_customer_desk_named_with_o_kyaku_sama_is_the_company_s():
    for text in (
        "お問い合わせ：株式会社みなと交通 お客様相談室 TEL 078-333-1234（平日9時～17時）",
        "有限会社サンプル商会 お客様専用ダイヤル 06-6543-2100",
        "株式会社やまびこ観光\nお客様センター 0742-20-1234",
    ):
        result = detect_all(text)
        assert result.personal == [] and [s.label for s in result.corporate] == ["PHONE"], text


def test_the_customer_s_own_number_stays_personal():
    assert found("株式会社みなと交通\nお客様 TEL 078-333-1234") == [("PHONE", "078-333-1234")]
    assert found("お客様 090-1234-5678 から返品の連絡") == [("PHONE", "090-1234-5678")]


def test_a_desk_named_for_what_it_does_owns_the_number_after_it():
    # ヘルプデスク, ダイヤル, ホットライン: where callers are answered, as サポートセンター is
    assert detect("問い合わせ先：電子申請ヘルプデスク 050-3876-1204\n") == []
    assert detect("操作のご質問：会計ソフト ホットライン 03-5210-8814\n") == []
    assert _corporate("ご相談は 介護相談ダイヤル 0776-54-3390 まで\n") == ["0776-54-3390"]
    # a person named at the desk, or a customer who writes of her desktop PC, keeps the number
    assert found("問い合わせ先：ヘルプデスク（担当：森田 智也）050-3876-1204\n") == [
        ("PERSON", "森田 智也"),
        ("PHONE", "050-3876-1204"),
    ]
    assert ("PHONE", "0465-32-7781") in found(
        "山内 恵美様\nデスクトップパソコン修理のご依頼\nご連絡先 0465-32-7781\n"
    )


def test_a_landline_a_notice_asks_anyone_to_call_is_the_sender_s():
    reply = (
        "【越後オート】\nご予約はお名前と車種をお送りください。\n営業時間 9:00〜18:00\n"
        "お急ぎの方は 0256-33-1942 までお電話ください。\n"
    )
    assert detect(reply) == []
    assert detect("ご不明な点がある場合は 0256-33-1942 へご連絡ください。\n") == []
    assert detect("ご質問のある方は 0256-33-1942 までお気軽にお問い合わせください。\n") == []
    # a mobile, a home's number, a caller named on the line, a letter asking one reader: a person's
    assert found("お急ぎの方は 080-4411-1942 までお気軽にお電話ください。\n") == [("PHONE", "080-4411-1942")]
    assert found("不在の場合は自宅 0256-33-1942 までお電話ください。\n") == [("PHONE", "0256-33-1942")]
    assert ("PHONE", "0256-33-1942") in found("何かあれば 0256-33-1942 までお電話ください。\n山田 花子\n")


def test_a_recipient_named_as_a_shop_keeps_its_address_and_phone_the_shop_s():
    fax = (
        "発注書\n株式会社越中銘醸 御中（FAX 0766-22-4411）\n品番 TY-105 × 6本\n"
        "お届け先：角屋商店　〒921-8012 石川県金沢市額新町1-8-2　TEL 076-298-1150\n"
    )
    assert detect(fax) == []
    for shop in ("松井酒店", "みどり薬局", "有限会社丸十"):
        assert detect(f"納品先：{shop} 〒920-0961 石川県金沢市香林坊1-3-9 TEL 076-231-4471\n") == []
    # a person, a bare surname (土屋 ends like a shop), a clerk named after the shop: personal
    person = "お届け先：清水 健一 様　〒920-0961 石川県金沢市香林坊1-3-9　TEL 076-231-4471\n"
    assert [label for label, _ in found(person)] == ["PERSON", "POSTAL_CODE", "ADDRESS", "PHONE"]
    for name in ("土屋", "松井酒店 森 恵子様"):
        text = f"お届け先：{name}　〒920-0961 石川県金沢市香林坊1-3-9　TEL 076-231-4471\n"
        assert ("PHONE", "076-231-4471") in found(text), name


def test_a_constant_naming_a_business_holds_its_contacts_in_source_code():
    one_line = 'SENDER = {"tel": "0766-22-4410", "zip": "933-0023", "addr": "富山県高岡市末広町2-8", "name": "合資会社末広酒造"}\n'
    assert detect(one_line) == []
    spread = (
        'SHIPPER: dict[str, str] = {\n    "name": "株式会社能登醤油",\n    "tel": "0768-22-5150",\n'
        '    "zip": "927-1214",\n    "addr": "石川県輪島市河井町3-11",\n}\n'
    )
    assert detect(spread) == []
    # a customer's record, or a constant naming a person: personal
    for head in ("customer = ", "SENDER = ", "SAMPLE_ORDER = "):
        record = (
            head
            + '{"tel": "0766-22-4410", "addr": "富山県高岡市末広町2-8", "name": "末広 和也", "shop": "末広酒店"}\n'
        )
        assert {label for label, _ in found(record)} == {"PHONE", "ADDRESS", "PERSON"}, head


def _corporate(text: str) -> list[str]:
    return [s.text for s in detect_all(text).corporate]
