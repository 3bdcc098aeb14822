"""Test the validated identifiers: My Number, cards, bank accounts, licences, passports, insurance."""

from __future__ import annotations

import pytest

from mamori.pii import validators
from mamori.pii.tests.conftest import found

MY_NUMBER = "123456789018"  # valid check digit, fictional
CARD = "4111111111111111"
LICENCE = "301234567810"


def test_my_number_with_a_valid_check_digit_is_found_in_every_grouping() -> None:
    assert found(f"個人番号：{MY_NUMBER}") == [("MY_NUMBER", MY_NUMBER)]
    assert found("マイナンバー 1234 5678 9018") == [("MY_NUMBER", "1234 5678 9018")]
    assert found("個人番号：１２３４－５６７８－９０１８") == [("MY_NUMBER", "１２３４－５６７８－９０１８")]


def test_my_number_with_a_wrong_check_digit_is_not_reported() -> None:
    assert found("個人番号：123456789012") == []


def test_corporate_number_is_not_personal() -> None:
    assert found("法人番号 7123456789012") == []
    assert found("登録番号：T7123456789012") == []


def test_order_number_that_happens_to_pass_the_check_is_not_my_number() -> None:
    assert found(f"注文番号 {MY_NUMBER}") == []


@pytest.mark.parametrize("value", [CARD, "4111-1111-1111-1111", "4111 1111 1111 1111", "3530123456789018"])
def test_luhn_valid_cards_in_known_ranges_are_found(value: str) -> None:
    assert found(f"カード番号：{value}") == [("CREDIT_CARD", value)]


def test_invalid_and_masked_cards_are_not_reported() -> None:
    assert found("カード番号：4111 1111 1111 1112") == []
    assert found("ご登録のカード（****-****-****-1111）") == []
    assert not validators.is_card_number("9111111111111111")  # Luhn-valid but no issuer range


def test_jan_code_is_not_a_card() -> None:
    assert found("品番 JAN 4901234567894") == []


def test_bank_account_needs_account_context() -> None:
    assert found("みどり銀行 本店 普通 1234567") == [("BANK_ACCOUNT", "1234567")]
    assert found("口座番号：7654321") == [("BANK_ACCOUNT", "7654321")]
    assert found("社員番号 1234567") == []


def test_japan_post_bank_symbol_and_number_is_a_bank_account() -> None:
    assert found("ゆうちょ銀行\n記号番号：16650-67286531") == [("BANK_ACCOUNT", "16650-67286531")]


def test_drivers_licence_needs_context_and_a_valid_check_digit() -> None:
    assert found(f"運転免許証番号：第{LICENCE}号") == [("DRIVERS_LICENSE", LICENCE)]
    assert found("運転免許証番号：301234567820") == []


def test_passport_number_is_found_with_context() -> None:
    assert found("旅券番号：TK1234567") == [("PASSPORT", "TK1234567")]
    assert found("パスポート番号 AB1234567") == [("PASSPORT", "AB1234567")]
    assert found("品番 SKU41103690") == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("健康保険証 記号：1234 番号：56", "記号:1234 番号:56"),
        ("健康保険証 記号・番号：12345678-1234-01", "12345678-1234-01"),
        ("被保険者証記号番号：1234-5678", "1234-5678"),
    ],
)
def test_health_insurance_symbol_and_number_are_found(text: str, value: str) -> None:
    spans = found(text)
    assert [label for label, _ in spans] == ["HEALTH_INSURANCE"]
    assert spans[0][1].replace("：", ":") == value


def test_insurer_number_alone_is_not_reported() -> None:
    assert found("保険者番号：06139999") == []


def test_email_addresses_are_found_also_with_a_full_width_at_sign() -> None:
    assert found("連絡先 taro.yamada@example.com まで") == [("EMAIL", "taro.yamada@example.com")]
    assert found("メールアドレスをhanako_s@example.co.jpに変更") == [("EMAIL", "hanako_s@example.co.jp")]
    assert found("mail: jiro＠example.jp") == [("EMAIL", "jiro＠example.jp")]


def test_a_passport_number_after_a_nationality_s_code_is_a_passport() -> None:
    assert found("旅券番号　IDN　C7604315") == [("PASSPORT", "C7604315")]
    assert found("パスポート：ID / B2217640") == [("PASSPORT", "B2217640")]
    assert found("旅券（国籍 VN）C3418826") == [("PASSPORT", "C3418826")]
    assert found("パスポート番号 ID TR4418202") == [("PASSPORT", "TR4418202")]


def test_an_id_label_or_a_product_code_after_a_passport_word_is_no_nationality() -> None:
    assert found("パスポート 会員ID TK1234567") == []
    assert found("パスポートケース JAN 49123456") == []
    assert found("パスポートケース 品番 ID 49123456") == []


def test_a_passport_number_with_a_letter_after_its_digits_is_a_passport() -> None:
    assert found("旅券番号：P3381904B") == [("PASSPORT", "P3381904B")]
    assert found("Passport No.: P5520718C") == [("PASSPORT", "P5520718C")]
    rows = "氏名\t国籍\t旅券番号\nDELA CRUZ ANA\tPHL\tP3381904B\n"
    assert ("PASSPORT", "P3381904B") in found(rows)


def test_a_code_of_a_letter_seven_digits_and_a_letter_is_no_passport_without_the_label() -> None:
    assert found("型番 P3381904B\n") == []
    assert found("パスポートケース P3381904B\n") == []  # a product named by its case
    assert found("旅券番号：P3381904BX\n") == []  # a longer code


def test_a_passport_of_letters_and_digits_is_found_after_its_label() -> None:
    # Germany's numbers hold letters inside and at the end (C…, then no vowels): 9 characters
    assert found("旅券番号：HJ4TR7K2C") == [("PASSPORT", "HJ4TR7K2C")]
    assert found("Passport No.: F8LM2NX6R\n") == [("PASSPORT", "F8LM2NX6R")]
    assert found("旅券番号 DEU G3PWT9YXK\n") == [("PASSPORT", "G3PWT9YXK")]


def test_a_passport_column_holds_numbers_of_letters_and_digits() -> None:
    rows = "氏名\t国籍\t旅券番号\nKRAUSE Mia\tGermany\tHJ4TR7K2C\nLOPES Rui\tPortugal\tCB7204418\nWOLF Jan\tGermany\tKLV8TYXWM\n"
    assert [v for label, v in found(rows) if label == "PASSPORT"] == ["HJ4TR7K2C", "CB7204418", "KLV8TYXWM"]


def test_codes_of_letters_and_digits_are_no_passport_without_the_label_or_column() -> None:
    assert found("品番 HJ4TR7K2C\n") == []
    assert found("パスポートケース 品番 HJ4TR7K2C\n") == []  # the case's product code, its own label between
    assert found("パスポート 会員ID HJ4TR7K2C\n") == []
    assert found("型番\t名称\nHJ4TR7K2C\tパスポートケース（本革）\n") == []


@pytest.mark.parametrize(
    "text",
    [
        '<p>Enter your Passport No. (e.g. "RS0000000") as printed.</p>\n',
        "Passport No.: RS4471902 (sample)\n",
        "Example: Passport No. RS4471902\n",
        "旅券番号：TK0000000\n",  # zeros: a form's sample
        "Passport No.: 999999999\n",
        "個人番号：111111111118\n",  # one digit over and over, then its check digit
        "個人番号：000000000000\n",
        "カード番号 4444 4444 4444 4448\n",
    ],
)
def test_placeholders_of_identifiers_are_no_identifiers(text: str) -> None:
    assert found(text) == []


def test_a_passport_filled_in_after_an_example_s_bracket_is_found() -> None:
    assert found("Passport (e.g. TK…): RS4471902\n") == [("PASSPORT", "RS4471902")]
    assert found("Passport No.: RS4471902 (valid until 2031)\n") == [("PASSPORT", "RS4471902")]
    rows = "氏名\t旅券番号\nKRAUSE Mia\tHJ4TR7K2C\n佐藤 健\tTK0000000\n"
    assert [v for label, v in found(rows) if label == "PASSPORT"] == ["HJ4TR7K2C"]
