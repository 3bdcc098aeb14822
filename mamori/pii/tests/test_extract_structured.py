"""JSON, JSON Lines and XML exports: records become table rows, so fields are judged by their names."""

from __future__ import annotations

import json
from collections import Counter
from xml.etree import ElementTree as ET

from mamori.pii import detect
from mamori.pii.extract import extract
from mamori.pii.extract.structured import json_text, xml_text

PATIENTS = [
    {"id": "R1", "patient": {"name": "桧山 文子", "name_kana": "ヒヤマ フミコ", "tel": "090-8992-5705"}},
    {"id": "R2", "patient": {"name": "比嘉 湊", "name_kana": "ヒガ ミナト", "tel": "070-4155-9938"}},
    {"id": "R3", "patient": {"name": "宇佐美 光", "name_kana": "ウサミ ヒカル", "tel": "029-454-5068"}},
]


def _labels(data: bytes, name: str) -> Counter[str]:
    return Counter(s.label for part in extract(data, name=name) for s in detect(part.text))


def test_a_json_export_of_records_is_read_as_a_table() -> None:
    data = json.dumps({"exported": "2024-11-10", "items": PATIENTS}, ensure_ascii=False, indent=2)
    text = json_text(data)
    assert text is not None and "id\tname\tname_kana\ttel" in text
    assert _labels(data.encode(), "予約.json") == {"PERSON": 6, "PHONE": 3}


def test_json_lines_are_one_record_each() -> None:
    data = "\n".join(json.dumps(p, ensure_ascii=False) for p in PATIENTS) + "\n"
    assert _labels(data.encode(), "予約.jsonl") == {"PERSON": 6, "PHONE": 3}


def test_an_xml_export_in_shift_jis_is_read_by_its_declaration() -> None:
    root = ET.Element("inquiries")
    for i, (student, guardian, tel) in enumerate(
        [("一ノ瀬 瑛太", "澤村 朔", "080-2253-3596"), ("海老原 陽翔", "剱持 智恵子", "090-5880-8112")]
    ):
        entry = ET.SubElement(root, "entry", id=str(9000 + i))
        for tag, value in (("student_name", student), ("guardian_name", guardian), ("tel", tel)):
            ET.SubElement(entry, tag).text = value
    data = ET.tostring(root, encoding="shift_jis", xml_declaration=True)
    assert b"Shift_JIS" in data[:60] or b"shift_jis" in data[:60]
    assert _labels(data, "申込.xml") == {"PERSON": 4, "PHONE": 2}


def test_product_names_and_company_fields_of_an_export_are_no_persons() -> None:
    items = [
        {"sku": "MB2493714", "name": "ボールペン 黒", "maker": {"name": "株式会社サンプル文具"}},
        {"sku": "MB2493715", "name": "蛍光ペン 黄", "maker": {"name": "株式会社サンプル文具"}},
    ]
    assert _labels(json.dumps(items, ensure_ascii=False).encode(), "商品.json") == {}


def test_what_does_not_parse_is_read_as_plain_text() -> None:
    broken = '{"name": "桧山 文子", "tel": "090-8992-5705",'  # cut off
    assert json_text(broken) is None
    assert _labels(broken.encode(), "cut.json")["PHONE"] == 1
    assert xml_text(b"<a><b>090-8992-5705</a>") is None
    assert _labels(b"<a><b>090-8992-5705</a>", "cut.xml")["PHONE"] == 1


def test_xml_entities_are_neither_fetched_nor_expanded(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("090-1111-2222", encoding="utf-8")
    xxe = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><r><tel>&x;</tel></r>'
    text = xml_text(xxe.encode())
    assert text is None or "090-1111-2222" not in text
    laughs = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    laughs += "]><r>&i;</r>"
    text = xml_text(laughs.encode())
    assert text is None or len(text) < 10_000


def test_vcards_are_read_as_forms_also_old_phones_shift_jis() -> None:
    import vobject

    book = vobject.vCard()
    book.add("n").value = vobject.vcard.Name(family="犬養", given="あおい")
    book.add("fn").value = "犬養 あおい"
    tel = book.add("tel")
    tel.value, tel.type_param = "070-7573-4744", "CELL"
    data = book.serialize().encode("utf-8")
    assert _labels(data, "連絡先.vcf") == {"PERSON": 1, "PHONE": 1}
    # vCard 2.1 of a Japanese feature phone: the name in quoted-printable Shift_JIS (山田 太郎)
    old = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8E=52=93=63;=91=BE=98=59\r\n"
        b"TEL;CELL:090-1234-5678\r\nEND:VCARD\r\n"
    )
    parts = list(extract(old, name="phone.vcf"))
    assert "氏名：山田 太郎" in parts[0].text
    assert _labels(old, "phone.vcf") == {"PERSON": 1, "PHONE": 1}
    assert _labels(b"BEGIN:VCARD\r\nFN:\xff\r\n", "broken.vcf") == {}  # unreadable: read as text


def _calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{event}END:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//JA\r\n{body}END:VCALENDAR\r\n".encode()


def test_an_icalendar_event_s_ids_are_no_mailboxes_and_its_people_are_read() -> None:
    # a club's calendar: its UIDs (digits or an Outlook hex id before @) hold nobody's mailbox
    events = _calendar(
        "DTSTART;VALUE=DATE:20261207\r\nSUMMARY:もちつき会\r\nUID:7730159284@club.example.jp\r\n",
        "DTSTART;VALUE=DATE:20261214\r\nSUMMARY:クリスマス会\r\nLOCATION:市民会館 第2会議室\r\n"
        "UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5@club.example.jp\r\n",
    )
    assert _labels(events, "行事.ics") == {}
    # a pharmacy's shifts: the worker is named in the SUMMARY, attendees by CN=, a folded line unfolded
    shifts = _calendar(
        "SUMMARY:日勤 宇佐美 光\r\nUID:1@shift.example.jp\r\n",
        'SUMMARY:夜勤 比嘉 湊\r\nORGANIZER;CN="桧山 文子":mailto:hiyama@shift.exa\r\n mple.jp\r\n'
        "UID:2@shift.example.jp\r\n",
    )
    text = next(iter(extract(shifts, name="シフト.ics"))).text
    assert "UID" not in text and "主催者：桧山 文子 <hiyama@shift.example.jp>" in text
    assert _labels(shifts, "シフト.ics") == {"PERSON": 3, "EMAIL": 1}
    # not a calendar: read as plain text
    assert _labels(b"memo 090-8992-5705\n", "memo.ics") == {"PHONE": 1}
