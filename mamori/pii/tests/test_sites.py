"""Addresses of places and things are no person's: an event's venue (issue 11, sites.py)."""

from __future__ import annotations

from collections import Counter

from mamori.pii import detect, detect_all
from mamori.pii.extract import extract

from .conftest import split_values


def _calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTART:20261208T100000\r\n{event}END:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


def _labels(data: bytes, name: str) -> Counter[str]:
    return Counter(s.label for part in extract(data, name=name) for s in detect(part.text))


def _corporate(data: bytes, name: str) -> Counter[str]:
    return Counter(s.label for part in extract(data, name=name) for s in detect_all(part.text).corporate)


def test_an_event_s_location_at_a_client_s_office_or_a_hall_is_the_venue_s_address() -> None:
    meetings = _calendar(
        "SUMMARY:月次レビュー\r\nLOCATION:株式会社北浜計器 本社 第3会議室（大阪市中央区北浜2-6-11）\r\n"
        "DESCRIPTION:議題：検収条件の確認\r\n",
        "SUMMARY:新製品説明会\r\nLOCATION:堂島リバーホール 4F（大阪市北区堂島浜1-3-20）\r\n",
        "SUMMARY:キックオフ\r\nLOCATION:〒530-0004 大阪府大阪市北区堂島浜1-3-20 堂島リバーホール\r\n",
        "SUMMARY:定例\r\nLOCATION:大阪市西区靱本町3-9-14\r\n",
    )
    assert _labels(meetings, "営業部予定.ics") == {}
    assert _corporate(meetings, "営業部予定.ics") == {"ADDRESS": 4, "POSTAL_CODE": 1}
    # the same as a raw iCalendar text given to `mamori pii detect`
    assert [s.label for s in detect(meetings.decode())] == []


def test_an_event_at_a_person_s_home_or_with_an_attendee_keeps_its_address_personal() -> None:
    visits = _calendar(
        "SUMMARY:現地打合せ\r\nLOCATION:藤枝様宅（静岡県藤枝市青木2-14-3）\r\n",
        "SUMMARY:筧 理沙様 打合せ\r\nLOCATION:静岡県焼津市小川新町4-2-8\r\nDESCRIPTION:施主\r\n",
        "SUMMARY:家庭訪問\r\nLOCATION:静岡県島田市本通5-7-1\r\n",
        "SUMMARY:面談\r\nATTENDEE;CN=宍戸 真帆:mailto:shishido@example.com\r\n"
        "LOCATION:静岡県静岡市葵区鷹匠1-12-5\r\n",
    )
    labels = _labels(visits, "訪問予定.ics")
    assert labels["ADDRESS"] == 4 and labels["PERSON"] >= 3
    # a memo's 場所： names a meeting's place; with its guest's 様 the place is the guest's home
    assert split_values("日時：12月9日 14時\n場所：静岡県静岡市葵区鷹匠1-12-5\n", "ADDRESS") == (
        [],
        ["静岡県静岡市葵区鷹匠1-12-5"],
    )
    assert split_values("日時：12月9日 14時（宍戸様）\n場所：静岡県静岡市葵区鷹匠1-12-5\n", "ADDRESS") == (
        ["静岡県静岡市葵区鷹匠1-12-5"],
        [],
    )


INSPECTION = """消防用設備等点検結果報告書

令和7年3月4日
西宮市消防局 予防課 御中

建物の名称：夙川レジデンス北館（兵庫県西宮市羽衣町7-30）
建物の所在地：〒662-0854 兵庫県西宮市羽衣町7-30
所在地\t兵庫県西宮市羽衣町7-30\t用途\t共同住宅
施設名　羽衣こども文庫（兵庫県西宮市羽衣町7-30 1F）

管理権原者
氏名：門倉 佳代子
住所：兵庫県芦屋市打出町4-18
電話：0797-31-4476

防火管理者：榎並 修平（兵庫県西宮市甲子園口2-5-9）
"""


def test_a_building_s_address_in_an_inspection_report_is_the_building_s() -> None:
    personal, corporate = split_values(INSPECTION, "ADDRESS")
    assert corporate == ["兵庫県西宮市羽衣町7-30"] * 4
    assert split_values(INSPECTION, "POSTAL_CODE") == ([], ["662-0854"])
    # its 管理権原者 and 防火管理者 are persons, with their own addresses and phone
    assert personal == ["兵庫県芦屋市打出町4-18", "兵庫県西宮市甲子園口2-5-9"]
    assert split_values(INSPECTION, "PHONE") == (["0797-31-4476"], [])
    assert {s.text for s in detect(INSPECTION) if s.label == "PERSON"} == {"門倉 佳代子", "榎並 修平"}


def test_a_house_named_as_the_building_and_a_plain_place_label_elsewhere_stay_personal() -> None:
    house = "防火対象物点検結果報告書\n建物の名称：千種 義之様邸（兵庫県西宮市苦楽園五番町3-8）\n"
    assert split_values(house, "ADDRESS") == (["兵庫県西宮市苦楽園五番町3-8"], [])
    # 所在地 outside a report on buildings is left to the usual reading
    assert split_values("実家の所在地：兵庫県西宮市苦楽園五番町3-8\n", "ADDRESS")[0] == [
        "兵庫県西宮市苦楽園五番町3-8"
    ]


def test_a_shop_s_own_contacts_under_its_sender_label_are_the_shop_s() -> None:
    # a shop's 送り状 template: the addressee's rows blank, the shop itself as ご依頼主
    one_line = "お届け先\n〒\n住所：\nお名前：　　　　　様\nTEL：\n\nご依頼主：アトリエ・ソラマメ TEL 0263-88-4512\n品名：\n"
    assert split_values(one_line, "PHONE") == ([], ["0263-88-4512"])
    block = "ご依頼主\n〒390-0811\n長野県松本市中央2-9-14\nてしごと雑貨 ことり\nTEL 0263-88-4512\nお届け先\n〒\n　　　　様\n"
    assert split_values(block, "ADDRESS") == ([], ["長野県松本市中央2-9-14"])
    assert split_values(block, "PHONE") == ([], ["0263-88-4512"])


def test_a_person_sending_under_the_sender_label_keeps_the_contacts_personal() -> None:
    assert split_values("ご依頼主：穂高 菜々子様 TEL 0263-88-4512\n", "PHONE") == (["0263-88-4512"], [])
    assert split_values("ご依頼主：穂高 0263-88-4512\n", "PHONE") == (["0263-88-4512"], [])
    assert split_values("ご依頼主：ソラマメ 090-4412-7781\n", "PHONE") == (["090-4412-7781"], [])  # a mobile
    block = "ご依頼主\n〒390-0811\n長野県松本市中央2-9-14\n穂高 菜々子\nTEL 0263-88-4512\n"
    assert split_values(block, "ADDRESS") == (["長野県松本市中央2-9-14"], [])
    assert split_values(block, "PHONE") == (["0263-88-4512"], [])


def test_the_stops_of_an_itinerary_own_the_contacts_in_their_brackets() -> None:
    itinerary = (
        "社員旅行 旅程表（1日目）\n\n"
        "8:30 会社前 集合・出発\n"
        "10:15 拝観 蓮華院（京都市左京区岩倉上蔵町98 TEL 075-701-2284）\n"
        "１２：００ 昼食 みやび亭（京都市左京区下鴨宮河町14 ＴＥＬ ０７５-７２２-５１９０）\n"
        "14:00～15:30 体験 ことの葉工房（京都市北区紫野東藤ノ森町6 TEL 075-491-3376）\n"
        "17:00 宿着\n"
    )
    assert [s.label for s in detect(itinerary)] == []
    assert Counter(s.label for s in detect_all(itinerary).corporate) == Counter(ADDRESS=3, PHONE=3)


def test_a_person_or_a_mobile_on_an_itinerary_s_line_stays_personal() -> None:
    itinerary = (
        "行程表\n"
        "10:00 面会 宇田 紗英様（京都市左京区岩倉上蔵町98 TEL 075-701-2284）\n"
        "12:00 昼食 みやび亭（京都市左京区下鴨宮河町14 TEL 080-5512-0431）\n"
        "16:00 休憩 幹事の自宅（京都市北区紫野東藤ノ森町6 TEL 075-491-3376）\n"
        "添乗員：宇田 紗英（携帯 090-7781-2045）\n"
    )
    labels = Counter(s.label for s in detect(itinerary))
    assert labels["PHONE"] == 4 and labels["ADDRESS"] == 2 and labels["PERSON"] >= 1
    # without an itinerary's title a timed line is a visit's (a care calendar): the home's
    visits = "10:00 訪問 西原（京都市左京区岩倉上蔵町98 TEL 075-701-2284）\n"
    assert [s.label for s in detect(visits)] == ["ADDRESS", "PHONE"]
