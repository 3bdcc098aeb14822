"""Test DATE_OF_BIRTH: 西暦 and 和暦 dates reported only in birth context."""

from __future__ import annotations

import pytest

from mamori.pii.tests.conftest import found


@pytest.mark.parametrize(
    "text, value",
    [
        ("生年月日：昭和60年4月1日", "昭和60年4月1日"),
        ("生年月日 S60.4.1", "S60.4.1"),
        ("生年月日:1985/04/01", "1985/04/01"),
        ("誕生日 1985-04-01", "1985-04-01"),
        ("平成7年5月16日生まれ", "平成7年5月16日"),
        ("1990年10月4日（満35歳）", "1990年10月4日"),
        ("生年月日：H06/08/07", "H06/08/07"),
        ("生年月日：１９８５年４月１日", "１９８５年４月１日"),
        ("生年月日 昭和六十年四月一日", "昭和六十年四月一日"),
        ("生年月日：令和元年5月1日", "令和元年5月1日"),
    ],
)
def test_birth_dates_are_found(text: str, value: str) -> None:
    assert found(text) == [("DATE_OF_BIRTH", value)]


@pytest.mark.parametrize(
    "text",
    [
        "有効期限：2030年4月1日",
        "出荷日：2026/12/21",
        "次回：2026/6/21",
        "令和7年2月13日",
        "契約日 2024-04-07",
    ],
)
def test_dates_that_are_not_birth_dates_are_not_reported(text: str) -> None:
    assert found(text) == []


def test_the_nearest_label_decides_on_a_line_with_two_dates() -> None:
    assert found("生年月日 1990-10-04 有効期限 2030-01-01") == [("DATE_OF_BIRTH", "1990-10-04")]


def test_a_label_on_the_line_above_counts() -> None:
    assert found("生年月日\n1985年4月1日\n") == [("DATE_OF_BIRTH", "1985年4月1日")]
    assert found("生年月日：1985年4月1日\n2024年4月1日 入社\n") == [("DATE_OF_BIRTH", "1985年4月1日")]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Date of Birth\t17 AUG 1973", "17 AUG 1973"),
        ("DOB: 03 MAR 1985", "03 MAR 1985"),
        ("Birth date 1985-03-03", "1985-03-03"),
        ("DATE OF BIRTH 09NOV1979", "09NOV1979"),
        ("Date of birth: March 3, 1985", "March 3, 1985"),
        ("DOB 21/06/1981", "21/06/1981"),
        ("Date of Birth\n17 AUG 1973\n", "17 AUG 1973"),
    ],
)
def test_english_birth_dates_of_forms_and_travel_documents_are_found(text: str, value: str) -> None:
    assert found(text) == [("DATE_OF_BIRTH", value)]


def test_a_travel_documents_issue_and_expiry_dates_are_not_birth_dates() -> None:
    text = (
        "Surname\tOKUMIYA\nDate of Birth\t17 AUG 1973\nDate of Issue\t17 AUG 2023\n"
        "Date of Expiry\t16 AUG 2033\n"
    )
    assert [v for label, v in found(text) if label == "DATE_OF_BIRTH"] == ["17 AUG 1973"]
    assert found("Issue date 17 AUG 2023") == []
    assert found("Expiry 16 AUG 2033") == []
    assert found("Date of birth 17 AUG 1973, Valid until 16 AUG 2033")[-1] == ("DATE_OF_BIRTH", "17 AUG 1973")


def test_a_date_before_a_word_that_begins_with_生_is_no_birth_date():
    # a site's daily log: 生コン (ready-mixed concrete), 生産; a birth date's 生 stays
    for text in (
        "2026/11/02 生コン打設 24m3。",
        "作業日報 2026年11月2日 生コン 24m3 受入",
        "2026/11/02 生産 120個",
    ):
        assert found(text) == []
    for text, date in (
        ("昭和59年7月3日生 男", "昭和59年7月3日"),
        ("1984/07/03生女", "1984/07/03"),
        ("S59.7.3生", "S59.7.3"),
    ):
        assert found(text) == [("DATE_OF_BIRTH", date)]
