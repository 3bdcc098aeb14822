"""A business's head named in its own flyer, price list or brochure footer is its letterhead's, not a person's."""

from __future__ import annotations

import pytest

from mamori.pii import detect, detect_all


def _labels(text: str) -> list[str]:
    return [s.label for s in detect(text)]


def _corporate(text: str) -> list[str]:
    return [s.text for s in detect_all(text).corporate if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "head"),
    [
        (
            "ひまわり鍼灸整骨院　施術料金表\n初診料 2,000円　施術料 1,000円\n〒020-0866 盛岡市本宮3丁目14-7\n"
            "TEL 019-555-0377\n院長　千葉 昌平\n",
            "千葉 昌平",
        ),
        (
            "こども英語クラブ　体験レッスンのご案内\n月謝 7,700円\n〒980-0811 仙台市青葉区一番町2丁目4-1 "
            "TEL 022-555-0261\n運営：株式会社杜ラーニング 代表取締役 阿部 直人\n",
            "阿部 直人",
        ),
        (
            "はなまる保育園 入園のしおり\n〒030-0801 青森市新町1丁目2-5 TEL 017-555-0140\n園長　工藤 由紀子\n",
            "工藤 由紀子",
        ),
        (
            "学習塾ステップ　夏期講習のご案内\n〒990-0039 山形市香澄町2丁目1-1\nTEL 023-555-0119\n塾長 遠藤 健\n",
            "遠藤 健",
        ),
    ],
    ids=["clinic-price-list", "brochure-footer", "nursery", "cram-school"],
)
def test_the_head_in_a_business_s_own_block_is_corporate(text, head):
    assert _labels(text) == []
    assert _corporate(text) == [head]


def test_staff_an_addressee_and_a_head_away_from_the_business_s_block_stay_persons():
    block = "ひまわり鍼灸整骨院\n〒020-0866 盛岡市本宮3丁目14-7\nTEL 019-555-0377\n"
    assert _labels(block + "担当：菊地 真由\n") == ["PERSON"]  # a named staff member
    assert _labels(block + "副院長 菊地 真由\n") == ["PERSON"]  # not the head
    addressed = "ひまわり鍼灸整骨院\n院長 千葉 昌平 様\n〒020-0866 盛岡市本宮3丁目14-7\nTEL 019-555-0377\n"
    assert _labels(addressed)[0] == "PERSON"  # a letter to the clinic's head
    assert _labels("院長 千葉 昌平\n携帯 090-1234-5678\n") == ["PERSON", "PHONE"]  # no business's block
    home = "院長 千葉 昌平\n自宅 〒020-0866 盛岡市本宮3丁目14-7\nTEL 019-555-0377\n"
    assert "PERSON" in _labels(home)  # the head's own home


def test_a_professional_body_in_brackets_after_the_head_keeps_the_office_s_block_corporate():
    office = (
        "みさと司法書士事務所\n"
        "代表司法書士 三郷 康平（京都司法書士会所属）\n"
        "〒604-8162 京都府京都市中京区烏丸通六角下る七観音町62 烏丸ビル5F\n"
        "TEL 075-212-4406 FAX 075-212-4407\n"
        "info@misato-shihou.example.jp\n"
    )
    assert _labels(office) == ["PERSON"]
    assert _labels(office.replace("会所属", "会 伏見支部 所属")) == ["PERSON"]
    assert _labels(office.replace("（京都司法書士会所属）", "")) == ["PERSON"]


def test_an_employee_s_field_of_affiliation_keeps_the_record_personal():
    # the field 所属 of a form read as rows (所属<TAB>…) names where the employee works, under the company's name
    record = (
        "株式会社みさと物産\n住所変更届\n\n所属\t総務部 庶務課\n"
        "新住所\t〒604-8162 京都府京都市中京区烏丸通六角下る七観音町62\n新電話番号\t075-212-4406\n"
    )
    assert sorted(_labels(record)) == ["ADDRESS", "PHONE", "POSTAL_CODE"]
