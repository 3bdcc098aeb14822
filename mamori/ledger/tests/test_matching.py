"""Test matching scanned folders to ledger rows by location and department (pure, no database)."""

from __future__ import annotations

import pytest

from mamori.ledger.matching import Location, Place, match, normalise, paths_in

PLACES = [
    Place(
        "HR-1",
        "人事部",
        r"ファイルサーバ \\FS01\人事\給与 及び 施錠キャビネット",
        ("氏名", "口座番号", "マイナンバー"),
    ),
    Place("SL-1", "営業部", "販売管理システム", ("氏名", "住所", "電話番号", "メールアドレス")),
    Place("CS-1", "カスタマーサポート部", "PC-CS-07 のローカルフォルダ", ("氏名", "電話番号")),
]


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        (r"\\FS01\人事\給与", ["//fs01/人事/給与"]),
        ("//fs01/営業/顧客/", ["//fs01/営業/顧客"]),
        (r"D:\顧客データ、紙は書庫", ["d:/顧客データ"]),
        ("/srv/share/ｼｮｳﾋﾝ（共有）", ["/srv/share/ショウヒン"]),
        ("給与システム（クラウド）", []),
    ],
)
def test_paths_are_found_in_the_storage_text(text, paths):
    assert paths_in(text) == paths


def test_normalise_treats_case_separators_and_width_alike():
    assert normalise(r"\\FS01\人事\\給与\\") == normalise("//fs01/人事/給与") == "//fs01/人事/給与"


def test_a_folder_under_a_rows_path_is_covered_by_that_row():
    (m,) = match(
        [Location("FS01", r"\\fs01\人事\給与\2026年度", 120, {"PERSON": 120, "MY_NUMBER": 118})], PLACES
    )
    assert m.rows == ("HR-1",) and m.by == "path" and not m.unregistered


def test_a_sibling_folder_with_the_same_prefix_is_not_covered():
    (m,) = match([Location("FS01", r"\\fs01\人事\給与2", 3, {"PERSON": 3})], PLACES)
    assert m.by != "path"


def test_a_row_naming_the_machine_covers_its_folders():
    (m,) = match([Location("pc-cs-07", r"C:\Users\sato\Desktop", 40, {"PERSON": 40, "PHONE": 40})], PLACES)
    assert m.rows == ("CS-1",) and m.by == "machine"


def test_a_department_folder_is_covered_when_its_rows_declare_the_data_found():
    (m,) = match([Location("FS01", "//fs01/営業部/見積", 12, {"PERSON": 12, "EMAIL": 10})], PLACES)
    assert m.by == "department" and m.rows == ("SL-1",) and m.department == "営業部"


def test_data_the_department_does_not_declare_is_unregistered_with_items_prefilled():
    (m,) = match(
        [Location("FS01", "//fs01/営業部/採用応募", 30, {"PERSON": 30, "DATE_OF_BIRTH": 30, "EMAIL": 0})],
        PLACES,
    )
    assert m.unregistered and m.department == "営業部"
    assert m.items == ("氏名", "生年月日")


def test_a_folder_nobody_declares_is_unregistered():
    (m,) = match(
        [Location("PC-99", "/home/tanaka/Downloads", 500, {"PERSON": 500, "CREDIT_CARD": 3})], PLACES
    )
    assert m.unregistered and m.department == "" and m.items == ("氏名", "クレジットカード番号")


def test_kinds_the_matching_rows_do_not_declare_are_unregistered_too():
    (m,) = match([Location("FS01", r"\\fs01\人事\給与", 5, {"PERSON": 5, "DATE_OF_BIRTH": 5})], PLACES)
    assert m.rows == ("HR-1",) and m.unregistered and m.undeclared == ("生年月日",)
