"""Sample data of developers' pages and forms' instructions: test cards and filled-in examples are nobody's."""

from __future__ import annotations

import json

from mamori.pii import detect
from mamori.pii.extract import extract
from mamori.pii.tests.conftest import found


def _labels(text: str) -> list[str]:
    return [s.label for s in detect(text)]


TEST_CARD_PAGE = (
    "## 決済の結合テスト\n\n"
    "テスト環境では下記のテストカードで決済を確認してください。有効期限は未来の日付、CVC は任意の3桁です。\n\n"
    "| ブランド | カード番号 | 結果 |\n"
    "| --- | --- | --- |\n"
    "| Visa | 4242 4242 4242 4242 | 成功 |\n"
    "| Mastercard | 5555 5555 5555 4444 | 成功 |\n"
    "| American Express | 3782 822463 10005 | 成功 |\n"
    "| JCB | 3530 1113 3330 0000 | 成功 |\n"
    "| Visa（3Dセキュア） | 4569 0000 0000 0005 | 認証画面 |\n"
    "| JCB（与信エラー） | 3540 0000 0000 0001 | カード会社で拒否 |\n"
)


def test_a_developer_s_page_of_test_cards_holds_no_card():
    assert _labels(TEST_CARD_PAGE) == []


def test_published_test_numbers_are_no_cards_in_a_text_about_testing():
    readme = "決済モジュールの単体テストでは 4111111111111111 と 4012 8888 8888 1881 を使う。\n"
    assert _labels(readme) == []


def test_a_card_on_a_test_page_s_line_or_under_its_heading_is_a_test_card():
    assert _labels("sandbox card: 4980 1234 5678 9011 (exp 12/30)\n") == []
    assert _labels("ステージングの決済確認\n\n4980-1234-5678-9011 / 12/30 / 123\n") == []


def test_a_real_card_outside_a_test_context_stays_a_card():
    assert _labels("お客様のカード番号：4980 1234 5678 9011\n") == ["CREDIT_CARD"]
    assert _labels("カード番号：4111 1111 1111 1111\n") == ["CREDIT_CARD"]  # no word of testing
    # a real card met in a test system is a leak of a cardholder's number
    assert _labels("テスト環境のログに本番のカード番号 4980 1234 5678 9011 が残っていた\n") == ["CREDIT_CARD"]


def test_a_customer_list_far_below_a_test_note_keeps_its_cards():
    customers = "".join(f"{n:04d}\tカード 4980 1234 5678 9011\n" for n in range(80))
    assert (
        _labels("テスト環境は別紙参照\n" + "\n" * 2 + "x" * 1600 + "\n" + customers).count("CREDIT_CARD")
        == 80
    )


def test_an_insurance_card_s_numbers_shown_as_an_example_are_nobody_s():
    instructions = (
        "■ 被保険者証の記号・番号の書き方\n"
        "保険証に記載の記号・番号をそのまま記入してください。\n"
        "例）記号 27 番号 4410\n"
        "記入例：記号 3108 番号 52 枝番 02\n"
        "【記入例】\n"
        "被保険者証 記号 6021 番号 118\n"
    )
    assert _labels(instructions) == []


def test_the_card_a_person_filled_in_beside_the_example_is_still_found():
    form = (
        "被保険者証の記号・番号（例：記号 27 番号 4410）：記号 5173 番号 296\n"
        "【記入例】\n"
        "記号 6021 番号 118\n"
        "\n"
        "保険証 記号 8842 番号 17\n"
    )
    found = [s.text for s in detect(form) if s.label == "HEALTH_INSURANCE"]
    assert found == ["記号 5173 番号 296", "記号 8842 番号 17"]
    assert _labels("例の件、保険証の記号 5173 番号 296 で照会済み\n") == ["HEALTH_INSURANCE"]


SAMPLE_FORM = (
    "介護サービス 利用申込書（記入例）\n"
    "※記入例です。実際にはご本人またはご家族がご記入ください。\n"
    "利用者氏名\t川端　太郎\n"
    "住所\t〒399-0000 長野県安曇野市○○町4-5-6\n"
    "電話番号\t0263-00-0000\n"
)


def test_a_sample_document_s_address_and_postal_code_are_the_sample_s():
    # the title says 記入例 and its name and phone are samples: its address is one too
    assert _labels(SAMPLE_FORM) == []
    assert _labels("届出書 記載例\n届出人 川端 太郎\n住所 〒390-0874 長野県松本市大手3丁目8-13\n") == []
    # a postal code of a town's first digits and 0000 in an example text is a sample's
    assert _labels("入力例\n郵便番号：〒390-0000\n") == []


def test_a_form_filled_in_from_a_template_keeps_its_address():
    # the title still says 記入例, but the values are a person's: nothing else in it is a sample
    filled = SAMPLE_FORM.replace("川端　太郎", "川端　美沙緒").replace("〒399-0000", "〒399-8205")
    filled = filled.replace("○○町4-5-6", "豊科南穂高1187-3").replace("0263-00-0000", "0263-71-4482")
    assert sorted(_labels(filled)) == ["ADDRESS", "PERSON", "PHONE", "POSTAL_CODE"]
    # a form that points to its 記入例 elsewhere is no sample
    form = "申請書\n※記入例は裏面\n申請者氏名 川端 太郎\n住所 長野県松本市大手3丁目8-13\n"
    assert "ADDRESS" in _labels(form)


def test_a_layout_guide_s_sample_card_is_nobody_s():
    guide = "名刺データの例\n会社名\t株式会社サンプル\n氏名\t見本 一郎\nTEL\t03-0000-0000\nMail\tinfo@example.com\n"
    assert _labels(guide) == []
    assert _labels("氏名：ミホン イチロウ\n") == []  # "sample" in the surname's place
    assert _labels("名刺の作成例です\n氏名：高遠 一郎\n") == ["PERSON"]  # no heading of its own


def _fixture(address: str, n: int = 5) -> str:
    records = ",\n".join(
        f'  {{"id": {i}, "name": "テストユーザー{i}", "email": "user{i:02d}@example.com", '
        f'"tel": "080-0000-{i:04d}", "zip": "390-0811", "address": "{address}"}}'
        for i in range(1, n + 1)
    )
    return "[\n" + records + "\n]\n"


def test_a_developer_s_fixture_of_dummy_users_holds_no_one():
    # reserved-domain mailboxes, phones of a 0000 block, one address on every record
    assert _labels(_fixture("長野県松本市中央1-1-1")) == []
    api_doc = (
        "### POST /v1/orders\n```json\n"
        '{"customer": {"name": "テスト 太郎", "email": "test@example.com", "tel": "090-0000-0000"},\n'
        ' "shipping": {"zip": "390-0811", "pref": "長野県", "address1": "松本市中央1-1-1"}}\n```\n'
        "レスポンス: `201 Created`（例: `ORD-20250101-000123`）\n"
    )
    assert _labels(api_doc) == []


def test_a_real_name_among_a_fixture_s_dummy_users_is_found():
    # a real person's record pasted into a fixture of test users is a leak; the test users stay none
    fixture = _fixture("長野県松本市中央1-1-1").replace('"テストユーザー3"', '"柚木崎 千歳"')
    assert _labels(fixture).count("PERSON") == 1
    assert "PERSON" not in _labels(_fixture("長野県松本市中央1-1-1"))
    # a form's sample name is a fixture's stand-in
    assert "PERSON" not in _labels(_fixture("長野県松本市中央1-1-1").replace("テストユーザー3", "鈴木 一郎"))


def test_an_export_with_zeroed_contacts_keeps_its_real_addresses_and_names():
    # an anonymised export: many addresses, or a person named, are someone's
    towns = ["中央1-1-1", "大手2-3-4", "深志3-5-7", "城西1-8-2", "島内4-4-1"]
    rows = ",\n".join(
        f'  {{"email": "user{i:02d}@example.com", "tel": "080-0000-{i:04d}", "address": "長野県松本市{t}"}}'
        for i, t in enumerate(towns, 1)
    )
    assert _labels("[\n" + rows + "\n]\n").count("ADDRESS") == 5
    names = ["川端 美沙緒", "川端 健司", "川端 由佳"]
    family = "氏名,メール,電話,住所\n" + "".join(
        f"{name},user{i:02d}@example.com,080-0000-{i:04d},長野県松本市中央1-1-1\n"
        for i, name in enumerate(names, 1)
    )
    assert _labels(family).count("ADDRESS") == 3  # a family's records at one address
    # a phone of a real block that ends in 1-9 stays a phone
    assert _labels("携帯：080-4000-0101\n") == ["PHONE"]


def test_stand_ins_beside_a_person_or_outside_examples_stay_found():
    # a 0000 block beside a named person is a stand-in for a real number, and so are the sample name and
    # the counting number outside a text of examples
    assert _labels("氏名,電話\n川端 美沙緒,090-0000-1001\n") == ["PERSON", "PHONE"]
    assert _labels("代表 山田 太郎\n携帯 090-1234-5678\n") == ["PERSON", "PHONE"]
    # reserved-domain mailboxes alone: tests put real-looking people there
    assert _labels("連絡先 user01@example.com\n連絡先 user02@example.com\n") == ["EMAIL", "EMAIL"]


def test_numbered_dummy_mailboxes_and_the_sample_names_beside_them_are_a_fixture_s():
    # test1@ / user_02@ at a reserved domain beside a form's sample names are a fixture's users; a
    # real-looking name there is a pasted record
    seed = "id,name,email\n1,松本 太郎,test1@example.com\n2,木村 花子,user2@example.com\n"
    assert _labels(seed) == []
    assert _labels(seed.replace("木村 花子", "柚木崎 千歳")) == ["PERSON", "EMAIL", "PERSON", "EMAIL"]
    assert _labels("id,name,email\n1,松本 太郎,matsumoto@example.com\n") == ["PERSON", "EMAIL"]


def test_a_documentation_s_request_example_shows_samples():
    doc = (
        "# 会員API\n\n## 会員登録\n\n### リクエスト例\n\n```json\n"
        '{"name": "鈴木 一郎", "email": "ichiro.suzuki@example.com", "tel": "03-1234-5678",\n'
        ' "zip": "390-0811", "address": "長野県松本市中央2-1-1"}\n```\n\n'
        '## Example response\n\n    {"id": 42, "name": "鈴木 一郎"}\n'
    )
    assert _labels(doc) == []


def test_a_real_record_in_a_json_export_without_an_example_heading_stays_found():
    export = '[{"name": "宮坂 亮介", "tel": "03-1234-5678", "address": "長野県松本市中央2-1-1"}]\n'
    assert _labels(export) == ["PERSON", "PHONE", "ADDRESS"]
    # under a sample heading a realistic record with real-shaped numbers is still someone's
    pasted = "## サンプル\n\n" + '{"name": "柚木崎 千歳", "tel": "0263-39-4417"}\n'
    assert _labels(pasted) == ["PERSON", "PHONE"]


def test_a_document_titled_sample_shows_samples():
    # （見本） marks an example text; a first line saying only SAMPLE titles a sample document
    mihon = "入会申込書（見本）\n氏名 信州 花子\n住所 〒390-0811 長野県松本市中央1-2-3\n電話 0263-00-0000\n"
    assert _labels(mihon) == []
    assert _labels("SAMPLE\n申込書\n氏名 山田 太郎\n住所 長野県松本市中央1-2-3\n") == []
    # a letter about product samples (商品見本) to a customer is no sample
    letter = "商品見本送付のご案内\n信州 花子 様\n〒390-0811 長野県松本市中央1-2-3\n"
    assert _labels(letter) == ["PERSON", "POSTAL_CODE", "ADDRESS"]


def test_a_sample_document_s_birth_date_and_place_named_sample_are_the_sample_s():
    # the sample name dropped (見本 一郎): the birth date beside it is the sample's too, spaced as PDFs give it
    form = "国民健康保険 給付申請書（記入例）\n世帯主氏名 見本 一郎\n生年月日 昭和52年9月14日\n"
    assert _labels(form) == []
    spaced = "交付申請書（見本）\n氏名 見本 花子\n生年月日 昭和 52 年 9 月 14 日\n"
    assert _labels(spaced) == []
    # the issuing city in the surname's place and a hiragana given name: the sample's name, its date too
    city = "福祉サービス申請書（記入例）\n氏名 旭川 ふみ子\n生年月日 昭和31年3月8日\n"
    assert _labels(city) == []


def test_a_form_filled_in_from_a_sample_keeps_its_person_s_birth_date():
    # a real name titled so keeps its date; a hiragana given name after a real surname is a person's
    filled = "給付申請書（記入例）\n氏名 森下 ふみ子\n生年月日 昭和31年3月8日\n"
    assert _labels(filled) == ["PERSON", "DATE_OF_BIRTH"]
    # no sample title: a place-like surname is still a name
    assert _labels("申請書\n氏名 旭川 ふみ子\n生年月日 昭和31年3月8日\n") == ["PERSON", "DATE_OF_BIRTH"]


def test_a_value_marked_example_after_it_is_a_placeholder():
    assert _labels("工事台帳（記入例）\n主任技術者名 工務 三郎（記入例）\n") == []
    assert _labels("届出書\n担当者 信濃 五郎 (例)\n") == []
    # what someone filled in beside a bracket that is not only an example mark stays
    assert _labels("届出書\n担当者 信濃 五郎（例：山田 太郎）\n") == ["PERSON"]


def test_a_guide_s_sample_name_split_into_surname_and_given_name_fields_keeps_no_sample_address():
    guide = "【記入例】\n② 氏名：（氏）見本　（名）花子\n⑤ 住所：〒102-0001 東京都千代田区九段北9-8-7\n"
    assert _labels(guide) == []
    assert _labels(guide.replace("（氏）見本　（名）花子", "見本 花子")) == []
    # a template filled in with a real name keeps its address
    filled = guide.replace("見本", "川端").replace("花子", "典子")
    assert _labels(filled) == ["POSTAL_CODE", "ADDRESS"]
    # a guide whose title is no 記入例, its sample record under a 【記入例】 mark further down
    manual = "資格取得届 記入の手引き\nさくら健康保険組合\n\n" + guide.replace("見本", "保険")
    assert _labels(manual) == []
    assert _labels(manual.replace("保険　（名）花子", "川端　（名）典子")) == ["POSTAL_CODE", "ADDRESS"]


def test_a_fixture_s_numbered_users_and_test_surnames_are_placeholders_on_the_table_path():
    rows = "".join(f"テスト,ユーザー{i},user{i}@example.com\n" for i in range(1, 4))
    assert detect("last_name,first_name,email\n" + rows) == []
    fixture = json.dumps(
        [{"family": "ダミー", "given": f"会員{i}", "mail": f"demo_{i}@example.jp"} for i in range(1, 4)],
        ensure_ascii=False,
    ).encode()
    assert [s for part in extract(fixture, name="members.json") for s in detect(part.text)] == []
    # a real name beside a numbered test mailbox (and the mailbox), or one at a real domain, stay
    kept = detect("氏名,email\n大森 千景,test2@example.com\n河野 健吾,user7@gmail.com\n")
    assert [s.text for s in kept] == ["大森 千景", "test2@example.com", "河野 健吾", "user7@gmail.com"]


def test_a_sample_record_under_a_marked_heading_or_title_is_the_sample_all_the_way_down():
    heading = "利用申込書\n【記載例】\n氏名\t甲斐 花子\nふりがな\tかい はなこ\nフリガナ\tカイ ハナコ\n生年月日\t昭和22年9月14日\n"
    assert _labels(heading) == []
    title = "賃貸借申込書（記入例）\n申込者 信州 太郎\nフリガナ シンシュウ タロウ\n生年月日 平成3年11月27日\n"
    assert _labels(title) == []


def test_the_record_after_the_sample_block_and_a_title_that_only_mentions_the_sample_keep_their_values():
    after = (
        "【記入例】\n氏名\t甲斐 花子\nフリガナ\tカイ ハナコ\n\n氏名\t雲母坂 透\nフリガナ\tキララザカ トオル\n"
    )
    assert [t for label, t in found(after) if label == "PERSON"] == ["雲母坂 透", "キララザカ トオル"]
    mention = (
        "申込書（記入例は裏面）\n申込者 雲母坂 透\nフリガナ キララザカ トオル\n生年月日 昭和50年3月19日\n"
    )
    assert _labels(mention) == ["PERSON", "PERSON", "DATE_OF_BIRTH"]
    next_part = (
        "【記入例】\n氏名\t甲斐 花子\nフリガナ\tカイ ハナコ\n【ご本人記入欄】\nフリガナ\tキララザカ トオル\n"
    )
    assert [t for label, t in found(next_part) if label == "PERSON"] == ["キララザカ トオル"]


def test_a_real_record_after_the_sample_block_keeps_its_birth_date():
    form = (
        "【記入例】\n氏名 甲斐 花子\n生年月日 昭和45年4月1日\n\n"
        "受付No.3\n氏名 雲母坂 透\n生年月日 平成4年1月1日\n住所 長野県上田市材木町2-6-11\n"
    )
    assert [(label, t) for label, t in found(form) if label != "POSTAL_CODE"] == [
        ("PERSON", "雲母坂 透"),
        ("DATE_OF_BIRTH", "平成4年1月1日"),
        ("ADDRESS", "長野県上田市材木町2-6-11"),
    ]
    colon = "例：\n氏名 山田 花子\n生年月日 昭和50年1月1日\n\n氏名 雲母坂 透\n生年月日 昭和61年7月23日\n"
    assert [t for label, t in found(colon) if label == "DATE_OF_BIRTH"] == ["昭和61年7月23日"]


def test_the_sample_block_s_values_and_an_inline_example_s_stay_dropped():
    # no real person after the block: what follows is the sample's still
    tail = "【記入例】\n氏名 山田 花子\n生年月日 昭和50年1月1日\n\n住所 長野県上田市材木町2-6-11\n電話 090-1234-5678\n"
    assert _labels(tail) == []
    # a heading marked inside a line (電話（例：…）) still makes the whole text one that shows examples
    inline = "氏名 雲母坂 透\n電話（例：090-1234-5678）\n緊急連絡 090-1234-5678\n"
    assert _labels(inline) == ["PERSON"]


def test_a_real_record_after_the_sample_of_a_form_titled_as_one_keeps_its_birth_date():
    title = "入会申込書（記入例）\n氏名 山田 花子\n生年月日 昭和50年1月1日\n\n氏名 雲母坂 透\n生年月日 昭和61年7月23日\n"
    assert [t for label, t in found(title) if label == "DATE_OF_BIRTH"] == ["昭和61年7月23日"]
    # the sample alone, its values all the sample's
    alone = "入会申込書（記入例）\n氏名 山田 花子\n生年月日 昭和50年1月1日\n住所 長野県上田市材木町2-6-11\n"
    assert _labels(alone) == []


def test_the_example_row_of_an_import_template_names_no_one():
    template = (
        "送付先氏名,送付先郵便番号,送付先住所,送付先電話\n"
        "山田 花子,000-0000,大阪府○○市○○町4-5-6,06-0000-0000\n"
    )
    assert [s for s in detect(template) if s.label == "PERSON"] == []
    sender = template.replace("電話\n", "電話,ご依頼主名,ご依頼主電話\n").replace(
        "0000\n", "0000,こもれび商店,0422-21-5566\n"
    )
    assert detect(sender) == []  # the shop's own number beside no one's record
    blanks = "会員名,住所,電話\n鈴木 一郎,北海道××市××1-1,011-000-0000\n"
    assert [s for s in detect(blanks) if s.label == "PERSON"] == []


def test_a_sample_name_on_a_line_of_real_values_is_kept():
    row = "送付先氏名,送付先郵便番号,送付先住所,送付先電話\n山田 花子,530-0001,大阪府大阪市北区梅田1-2-3,06-6345-2211\n"
    assert "山田 花子" in [s.text for s in detect(row) if s.label == "PERSON"]
