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
