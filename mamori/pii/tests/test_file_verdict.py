"""A file that holds only a place's contact (a fixed line, at most one address) is not personal."""

from __future__ import annotations

from pathlib import Path

import pytest

from mamori.pii.file_verdict import place_contact_only
from mamori.pii.scan_worker import Task, scan_file


def scanned(tmp_path: Path, text: str, name: str = "memo.txt") -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return scan_file(Task(str(path), path.stat().st_size, path.stat().st_mtime_ns))


PLACE_ONLY = [
    # A shop's auto-reply telling customers which number to call.
    "【自動応答】ご連絡ありがとうございます。本日の受付は終了しました。\n"
    "お急ぎの場合は 0279-64-3180 までお電話ください（9時〜17時）。\n",
    # A parcel's sender block with no one's name: a shop's return address, TEL and postal code.
    "送り主\n〒371-0846 群馬県前橋市元総社町2-14-7\nTEL 027-255-3190\n品名 りんご 10kg\n",
    # A manual pointing at a help desk on an IP phone.
    "操作で分からないことがあれば 050-3368-1204（平日10時〜16時）へお問い合わせください。\n",
]


@pytest.mark.parametrize("text", PLACE_ONLY)
def test_a_place_s_number_alone_is_counted_with_the_organisations_data(tmp_path, text):
    result = scanned(tmp_path, text)
    assert result["status"] == "clean" and result["counts"] == {} and result["persons"] == 0
    assert result["examples"] == [] and result["corporate_counts"].get("PHONE")


PERSONAL = [
    # A mobile is a person's phone, with no name beside it.
    ("折り返し希望　090-4471-2936　夕方以降", {"PHONE"}),
    # A name beside a fixed line.
    ("伝言：高崎の 小野寺 康介 様より、0270-24-5581 へお電話ください。", {"PERSON", "PHONE"}),
    # One's own new address alone (no phone): still about someone.
    ("引っ越し先\n〒371-0846 群馬県前橋市元総社町2-14-7 コーポ桜木203\n", {"ADDRESS"}),
    # Three fixed lines: a list, not one place's TEL and FAX.
    ("連絡網\n0270-31-1184\n0270-31-5527\n0270-32-0961\n", {"PHONE"}),
    # A fixed line with two addresses.
    (
        "旧住所：群馬県伊勢崎市三光町14-2\n新住所：群馬県伊勢崎市連取町1530-8\n自宅 0270-25-6613\n",
        {"ADDRESS", "PHONE"},
    ),
]


@pytest.mark.parametrize(("text", "kinds"), PERSONAL)
def test_a_mobile_a_name_an_address_alone_or_a_list_keeps_the_file_personal(tmp_path, text, kinds):
    result = scanned(tmp_path, text)
    assert result["status"] == "findings" and kinds <= set(result["counts"]) and result["persons"] >= 1


def test_the_rule_on_values_in_their_key_form():
    assert place_contact_only({"PHONE": {"0279643180"}})
    assert place_contact_only({"PHONE": {"0279752011", "0279752012"}, "ADDRESS": {"x"}, "POSTAL_CODE": {"y"}})
    assert place_contact_only({"PHONE": {"05033681204"}})
    assert not place_contact_only({})
    assert not place_contact_only({"ADDRESS": {"x"}})
    assert not place_contact_only({"PHONE": {"09044712936"}})
    assert not place_contact_only({"PHONE": {"447911123456"}})  # a foreign number
    assert not place_contact_only({"PHONE": {"0279643180"}, "PERSON": {"x"}})
    assert not place_contact_only({"PHONE": {"0279643180"}, "EMAIL": {"a@b.jp"}})
    assert not place_contact_only({"PHONE": {"0270311184", "0270315527", "0270320961"}})
    assert not place_contact_only({"PHONE": {"0279643180"}, "ADDRESS": {"x", "y"}})
