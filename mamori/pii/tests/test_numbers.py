"""Test the digit-run recognizers: PHONE, POSTAL_CODE and their decoys."""

from __future__ import annotations

import pytest

from mamori.pii import detect, detect_all
from mamori.pii.tests.conftest import found


@pytest.mark.parametrize(
    "text, value",
    [
        ("TEL：03-1234-5678", "03-1234-5678"),
        ("携帯 090-1234-5678", "090-1234-5678"),
        ("IP電話 050-1234-5678", "050-1234-5678"),
        ("フリーダイヤル 0120-123-456", "0120-123-456"),
        ("電話：0312345678", "0312345678"),
        ("携帯：０８０－１２３４－５６７８", "０８０－１２３４－５６７８"),
        ("連絡先 +81-90-1234-5678", "+81-90-1234-5678"),
        ("TEL (03)1234-5678", "(03)1234-5678"),
        ("電話 070ー1234ー5678", "070ー1234ー5678"),
    ],
)
def test_phone_numbers_in_every_usual_style_are_found(text: str, value: str) -> None:
    everything = detect_all(text)  # a free-dial number is recognised, and then kept apart as corporate
    assert ("PHONE", value) in [(s.label, s.text) for s in everything.personal + everything.corporate]


def test_phone_in_parentheses_is_reported_without_the_parentheses() -> None:
    assert found("山田様（090-1234-5678）より") == [("PERSON", "山田"), ("PHONE", "090-1234-5678")]


@pytest.mark.parametrize(
    "text",
    [
        "顧客ID 0934310453",  # an unhyphenated ten-digit ID without phone context
        "注文番号 090-1234-5678",
        "請求額 1,234,567円",
        "090-0000-00",
    ],
)
def test_number_decoys_are_not_phones(text: str) -> None:
    assert not [v for label, v in found(text) if label == "PHONE"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("〒123-4567 東京都", "123-4567"),
        ("郵便番号：1234567", "1234567"),
        ("〒１２３－４５６７", "１２３－４５６７"),
    ],
)
def test_postal_codes_with_context_are_found(text: str, value: str) -> None:
    assert ("POSTAL_CODE", value) in found(text)


def test_postal_code_followed_by_an_address_needs_no_mark() -> None:
    assert ("POSTAL_CODE", "100-0001") in found("100-0001 東京都千代田区千代田1-1")


def test_product_code_shaped_like_a_postal_code_is_not_reported() -> None:
    assert found("複合機トナー\t741-5991\t43個") == []


def test_an_amount_beside_a_direct_debit_in_a_statement_is_no_account():
    # 口座振替 in a statement's 摘要 names the kind of payment; the next cell is its amount
    statement = (
        "日付,摘要,お支払金額,お預り金額,残高\n"
        "2025/04/07,口座振替 ﾅｶﾞﾉｶﾞｽ,3318420,,48120553\n"
        "2025/04/10,口座引落 ｼﾅﾉﾃﾞﾝｷ,1172080,,46948473\n"
    )
    assert [s for s in detect(statement) if s.label == "BANK_ACCOUNT"] == []
    # the account a direct debit is drawn from is still an account
    assert [s.text for s in detect("口座振替の口座：普通 4481207\n")] == ["4481207"]
    assert [s.text for s in detect("引落口座 4481207\n")] == ["4481207"]


def test_a_phone_label_after_an_identifiers_word_and_a_slash_after_the_number_keep_the_phone() -> None:
    # 保険 in a firm's name before its TEL, a customer's mobile after a word about a card
    assert found("保険証の写しは後日 連絡先 080-4417-2093\n") == [("PHONE", "080-4417-2093")]
    assert found("携帯：070-5529-8116／平日夜のみ\n") == [("PHONE", "070-5529-8116")]
    pair = detect_all("あおば損害保険TEL 0266-52-7301／FAX 0266-52-7302\n")
    assert [s.text for s in pair.corporate] == ["0266-52-7301", "0266-52-7302"]
    assert pair.personal == []


def test_an_identifiers_word_nearest_the_number_and_a_digit_after_the_slash_still_say_no_phone() -> None:
    assert found("保険証番号 0266527301\n") == []
    assert found("TEL 保険者番号 0266527301\n") == []
    assert found("内線表 0266-52-7301/2\n") == []
