import pytest

from mamori.incidents import reasons
from mamori.reference.citations import cite


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("APPI Art. 26(1), Enforcement Rules Art. 7(iv)", "個人情報保護法第26条第1項、施行規則第7条第4号"),
        (
            "APPI Art. 26(1), Enforcement Rules Art. 7(i)-(iv)",
            "個人情報保護法第26条第1項、施行規則第7条第1号～第4号",
        ),
        (
            "Enforcement Rules Art. 8(2); Act on Holidays of Administrative Organs Art. 1-2",
            "施行規則第8条第2項；行政機関の休日に関する法律第1条・第2条",
        ),
        ("PPC Guidelines (General Rules) 3-5-1-1", "個人情報保護委員会ガイドライン（通則編）3-5-1-1"),
        (
            "My Number Act Art. 29-4; PPC Rules on reporting My Number breaches",
            "番号法第29条の4；特定個人情報の漏えい等に関する報告等に関する規則",
        ),
        (
            "My Number Act Art. 29-4(1); PPC Rules on reporting My Number breaches Art. 2(iv)",
            "番号法第29条の4第1項；特定個人情報の漏えい等に関する報告等に関する規則第2条第4号",
        ),
        (
            "APPI Art. 26(1) proviso, Art. 26(2); PPC Guidelines (General Rules) 3-5-3-5",
            "個人情報保護法第26条第1項ただし書、同法第26条第2項；個人情報保護委員会ガイドライン（通則編）3-5-3-5",
        ),
        ("APPI Art. 41(9)", "個人情報保護法第41条第9項"),
        (
            "Enforcement Rules Art. 7; PPC Guidelines (General Rules) 3-5-1-1; PPC Q&A 6-1",
            "施行規則第7条；個人情報保護委員会ガイドライン（通則編）3-5-1-1；個人情報保護委員会「よくある質問」6-1",
        ),
    ],
)
def test_citations_are_rendered_in_japanese(article, expected):
    assert cite(article, "ja") == expected


def test_every_citation_of_the_rules_leaves_no_english_in_japanese():
    for article, _msgid in reasons.MESSAGES.values():
        text = cite(article, "ja").replace("PMK500", "")  # the document code stays as it is
        assert not any(c.isascii() and c.isalpha() for c in text), article


def test_english_citations_are_unchanged():
    assert cite(reasons.ART_26, "en") == reasons.ART_26
