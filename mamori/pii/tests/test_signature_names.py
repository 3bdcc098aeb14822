"""Name lines of signatures and contact footers: a bracket or a reading after the name, or its contacts below."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def _labels(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in detect(text)]


def test_a_name_with_the_business_it_works_under_in_brackets_signs_the_mail():
    mail = "ご確認ありがとうございます。\n\n橘 沙織（Atelier Saori）\n携帯 080-5521-7736\nsaori@example.net\n"
    assert _labels(mail) == [
        ("PERSON", "橘 沙織"),
        ("PHONE", "080-5521-7736"),
        ("EMAIL", "saori@example.net"),
    ]
    credits = "出演者\n橘 沙織（Atelier Saori）\n早川 美穂（Studio Miho）\n"
    assert _persons(credits) == ["橘 沙織", "早川 美穂"]


def test_a_business_in_brackets_after_a_labelled_name_is_no_reading_of_it():
    assert _persons("担当：早川 美穂(Studio Miho)\n") == ["早川 美穂"]
    assert _persons("担当：早川 美穂(Office Miho)\n") == ["早川 美穂"]
    assert _persons("担当：早川 美穂(Miho Hayakawa)\n") == ["早川 美穂", "Miho Hayakawa"]


def test_a_name_and_its_reading_in_brackets_or_after_a_slash_sign_the_mail():
    signature = "以上、よろしくお願いいたします。\n\n安里 結衣（アサト ユイ）\nyui.asato@example.org\n"
    assert _persons(signature) == ["安里 結衣", "アサト ユイ"]
    unknown = "--\n上江洲 陽菜 / ウエズ ヒナ\n090-6612-4470\n"
    assert _persons(unknown) == ["上江洲 陽菜", "ウエズ ヒナ"]


def test_headings_with_an_english_name_or_a_reading_in_brackets_name_no_one():
    assert _persons("中央 公園（Central Park）\n") == []
    assert _persons("会社 概要（Company Profile）\n") == []
    assert _persons("長野 本店（Nagano Main Store）\n") == []
    assert _persons("中央 公園（チュウオウ コウエン）\n") == []
    assert _persons("営業 報告（11月分）\n") == []


def test_a_name_no_dictionary_holds_over_its_phone_and_mailbox_is_the_footers_person():
    flyer = "第5回 ふれあい餅つき大会\nのお知らせ\n\n上江洲 陽菜\nTEL 098-873-4410\nhina.u@example.jp\n"
    assert _labels(flyer)[0] == ("PERSON", "上江洲 陽菜")


def test_a_desk_or_a_heading_over_a_number_is_no_footers_person():
    assert _persons("ご案内\n\n総合 受付\nTEL 098-873-4410\n") == []
    assert _persons("ご案内\n\n予約 専用\n098-873-4410\n") == []
    assert _persons("ご案内\n\n中央 公園\nTEL 098-873-4410\n") == []


def test_a_name_before_its_phone_and_mailbox_on_a_footers_line_is_its_person():
    notice = "青葉台中学校\n吹奏楽部 保護者会より\n\n上江洲 陽菜 TEL 090-6612-4470 hina.u@example.jp\n"
    assert _labels(notice) == [
        ("PERSON", "上江洲 陽菜"),
        ("PHONE", "090-6612-4470"),
        ("EMAIL", "hina.u@example.jp"),
    ]


def test_a_desk_or_a_place_before_a_number_on_a_footers_line_is_no_person():
    assert _persons("ご案内\n\n総合受付 TEL 03-1234-5678\n") == []
    assert _persons("ご案内\n\n中央 公園 TEL 03-1234-5678\n") == []
    assert _persons("ご案内\n\n予約専用 03-1234-5678\n") == []
