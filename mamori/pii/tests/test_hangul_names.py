"""Korean full names in Hangul after a name's label, in a signature and in a mail header."""

from __future__ import annotations

from mamori.pii import detect, detect_all

_INQUIRY = """From: <h.yoon1994@naver.com>
To: info@sakura-onsen.example.jp
Subject: 객실 문의 / 予約の問い合わせ

안녕하세요.
다음 달 부모님과 함께 3박 예정인데 가족탕이 있는지 궁금합니다.

성함: 윤하린
연락처: 010-5903-2176

감사합니다.
윤하린 드림
"""


def test_a_korean_family_s_inquiry_to_a_role_mailbox_gives_its_sender_name_and_mobile():
    found = detect_all(_INQUIRY)
    assert [(s.label, s.text) for s in found.personal] == [
        ("EMAIL", "h.yoon1994@naver.com"),
        ("PERSON", "윤하린"),
        ("PHONE", "010-5903-2176"),
        ("PERSON", "윤하린"),
    ]
    assert [s.text for s in found.corporate] == ["info@sakura-onsen.example.jp"]


def test_a_hangul_name_after_a_japanese_label_after_thanks_and_as_a_display_name_is_a_person():
    text = 'From: "남궁민서" <minseo.ng@gmail.com>\n\nお名前：서지호\n\n고맙습니다!\n남궁민서\n'
    assert [s.text for s in detect(text) if s.label == "PERSON"] == ["남궁민서", "서지호", "남궁민서"]


def test_a_korean_company_s_notice_names_no_person():
    notice = (
        "From: 한빛여행 고객센터 <help@hanbit-tour.example.co.kr>\n\n"
        "협회는 어제 성명서를 발표했습니다.\n"
        "담당: 홍보팀\n이름: 고객센터\n성명: 홍길동 (작성 예시)\n"
        "대표전화: 1588-3521\n주문번호: 010-2231-4456\n\n감사합니다.\n고객지원팀\n"
    )
    assert [s for s in detect(notice) if s.label in ("PERSON", "PHONE")] == []
