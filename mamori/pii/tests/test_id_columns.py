"""Identifiers that only their table or record says are one: a card's 記号 / 番号, a document's number, passports in English."""

from __future__ import annotations

from mamori.pii import detect
from mamori.pii.tests.conftest import found

LICENCES = ("390996030824", "952890786666", "682828807290", "675136134125")  # valid check digits, fictional
NOT_A_LICENCE = "834170471874"


def _labels(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for span in detect(text):
        out.setdefault(span.label, []).append(span.text)
    return out


def test_symbol_and_number_beside_an_insurer_number_are_a_health_insurance_card() -> None:
    sheet = (
        "診察券No\tお名前\t保険種別\t保険者番号\t記号\t番号\t枝番\n"
        "A-0192\t柊 千草\t協会けんぽ\t01130012\t4471\t1203\t01\n"
        "A-0193\t真壁 丈\t国保\t138941\t川崎34\t882\t00\n"
        "A-0194\t大路 美結\t組合健保\t06271143\t95\t31\t02\n"
    )
    labels = _labels(sheet)
    assert labels["HEALTH_INSURANCE"] == ["4471", "1203", "01", "川崎34", "882", "00", "95", "31", "02"]
    assert "01130012" not in sum(labels.values(), [])  # the insurer's number names the insurer


def test_symbol_and_number_columns_without_insurance_are_no_card() -> None:
    parts = "品番,記号,番号,数量\nBX-20,K7,1203,4\nBX-21,K8,1204,2\nBX-22,K9,1205,6\n"
    assert "HEALTH_INSURANCE" not in _labels(parts)
    premiums = "契約者,保険料,記号,番号\n大路 美結,4200,12,345\n真壁 丈,3800,13,346\n"  # 保険料 is no card
    assert "HEALTH_INSURANCE" not in _labels(premiums)


def test_a_card_written_over_two_lines_of_a_record_is_found() -> None:
    record = "被保険者証\n保険者番号：01130012\n記号：4471　番号：1203\n"
    assert found(record) == [("HEALTH_INSURANCE", "記号：4471　番号：1203")]


def test_a_document_number_is_what_the_row_says_was_shown() -> None:
    register = (
        "買取日,お客様名,ご住所,本人確認書類,書類番号\n"
        f"11/2,長瀬 大樹,静岡県浜松市中央区砂山町3-1,運転免許証,{LICENCES[0]}\n"
        "11/3,Lena Hoffmann,東京都台東区浅草2-4-1,パスポート,C4RJ72N19\n"
        f"11/5,入江 朋美,静岡県磐田市見付12-8,運転免許証,{NOT_A_LICENCE}\n"
        "11/6,三國 遥,静岡県掛川市連雀5-3,健康保険証,4471-1203\n"
    )
    labels = _labels(register)
    assert labels["DRIVERS_LICENSE"] == [LICENCES[0]]  # the third row's number fails the check digit
    assert labels["PASSPORT"] == ["C4RJ72N19"]
    assert labels["HEALTH_INSURANCE"] == ["4471-1203"]


def test_a_document_number_column_of_licences_alone_is_read_by_its_check_digits() -> None:
    rows = "".join(f"{i},{n}\n" for i, n in enumerate(LICENCES, 1))
    assert _labels("受付,確認書類番号\n" + rows)["DRIVERS_LICENSE"] == list(LICENCES)
    serials = "受付,確認書類番号\n" + rows + f"5,{NOT_A_LICENCE}\n"  # one that fails: no column of licences
    assert "DRIVERS_LICENSE" not in _labels(serials)


def test_a_licence_number_in_a_record_that_names_the_licence_above() -> None:
    record = f"本人確認\n確認書類：運転免許証\n確認書類番号：{LICENCES[1]}\n"
    assert found(record) == [("DRIVERS_LICENSE", LICENCES[1])]
    assert found(f"確認書類：健康保険証\n確認書類番号：{LICENCES[1]}\n") == []
    assert found(f"受付番号：{LICENCES[1]}\n") == []


def test_passport_numbers_of_other_countries_under_an_english_label() -> None:
    assert found("PASSPORT NO. 912804416") == [("PASSPORT", "912804416")]
    assert found("Passport number: E48213377") == [("PASSPORT", "E48213377")]
    assert found("旅券番号：C5521904") == [("PASSPORT", "C5521904")]
    assert found("Order No.: 912804416") == []
    assert found("Passport No. requested, booking 912804416") == []
    assert found("Lot EB20419336") == []
    assert found("パスポートケース 49123456 ネイビー") == []  # a product and its JAN-8
    assert found("Passport holder E1234567") == []


def test_an_english_guest_register_with_passport_numbers() -> None:
    register = (
        "Guest Name,Nationality,Passport No.,Room,Check-in\n"
        "Olivia Grant,USA,912804416,305,2025-03-02\n"
        "Mateo Rossi,ITA,YA4471203,306,2025-03-02\n"
        "Chen Jing,CHN,E48213377,410,2025-03-03\n"
    )
    assert _labels(register)["PASSPORT"] == ["912804416", "YA4471203", "E48213377"]
    codes = "Item,Code No.,Qty\nBallpoint Pen,912804416,3\nStapler,912804417,1\n"
    assert "PASSPORT" not in _labels(codes)
