"""Numbers of other countries written with their country code after a phone label."""

from __future__ import annotations

from mamori.pii import detect


def _phones(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PHONE"]


def test_a_foreign_number_after_a_phone_label_is_a_phone():
    record = "講師情報\n氏名\tLiam O'Neill\nMobile\t+353 87 412 9905\n緊急連絡先（母国）：+353 1 555 0142\n"
    assert _phones(record) == ["+353 87 412 9905", "+353 1 555 0142"]
    assert _phones("Emergency contact: Grace Wong (mother) +852 9123 4567\n") == ["+852 9123 4567"]


def test_a_signed_number_without_a_label_or_an_organisations_is_no_persons_phone():
    assert _phones("前年比 +12 345 678 円\nversion +1.2.3\n差額 +44 7700 900123\n") == []
    letterhead = (
        "Harbour Books Ltd.\n21 Quay Street, Dublin\nTel +353 1 555 0142\ninfo@harbour-books.example.ie\n"
    )
    assert _phones(letterhead) == []


def test_a_foreign_number_under_a_phone_column_is_a_phone():
    guests = "宿泊者名\t電話番号\t国籍\nHART OLIVER\t+447700900441\tGBR\nWONG GRACE\t+852 9123 4567\tHKG\n"
    assert _phones(guests) == ["+447700900441", "+852 9123 4567"]


def test_signed_figures_under_a_phone_column_are_no_phones():
    assert _phones("品名,電話\nA,+12 345\nB,+1.5\n") == []


def test_a_korean_mobile_after_a_phone_word_is_a_phone():
    assert _phones("연락처: 010-7712-3094\n휴대폰 011-482-5571\n携帯（韓国）：010 3345 9021\n") == [
        "010-7712-3094",
        "011-482-5571",
        "010 3345 9021",
    ]


def test_a_number_shaped_like_a_korean_mobile_without_a_phone_word_is_none():
    assert _phones("주문번호: 010-2231-4456\n受付番号 010-5566-7788\n대표전화: 1588-3521\n") == []
