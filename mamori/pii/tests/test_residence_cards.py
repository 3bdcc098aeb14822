"""Residence cards (在留カード) of foreign staff: no label of their own, so the holder's name says it."""

from __future__ import annotations

from mamori.pii import detect


def _labels(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in detect(text)]


def test_a_staff_lists_card_numbers_are_no_label_but_its_names_are_found():
    staff = (
        "No,氏名,国籍,在留資格,在留カード番号,在留期限\n"
        "1,TRAN THI HOA,ベトナム,特定技能,QR20481357ST,2027/02/28\n"
        "2,REYES JOSE,フィリピン,技能実習,UV97531864WX,2026/09/30\n"
    )
    assert _labels(staff) == [("PERSON", "TRAN THI HOA"), ("PERSON", "REYES JOSE")]


def test_the_name_of_a_copied_card_in_capitals_after_its_label_is_found():
    card = (
        "在留カード 写し\n氏名 TRAN THI HOA\n在留カード番号 QR20481357ST\n在留期間（満了日） 2027年2月28日\n"
    )
    assert _labels(card) == [("PERSON", "TRAN THI HOA")]


def test_words_in_capitals_of_a_team_or_a_company_after_a_label_name_no_one():
    assert _labels("担当：SALES TEAM TOKYO\n") == []
    assert _labels("氏名：AMAZON WEB SERVICES\n") == []
