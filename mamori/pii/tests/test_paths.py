"""Person names in file paths are found by a strong shape only and masked (``山田**_履歴書.docx``)."""

from __future__ import annotations

import pytest

from mamori.pii.paths import mask_path, names_in_path


@pytest.mark.parametrize(
    ("path", "masked"),
    [
        ("総務/採用/応募書類/山田太郎_履歴書.docx", "総務/採用/応募書類/山田**_履歴書.docx"),
        ("人事/山田_太郎/評価.xlsx", "人事/山田**/評価.xlsx"),
        ("𠮷田美穂 源泉徴収票.pdf", "𠮷田** 源泉徴収票.pdf"),
        ("C:\\共有\\髙橋翔.xlsx", "C:\\共有\\髙橋**.xlsx"),
        ("岡﨑彩花_面接記録.docx", "岡﨑**_面接記録.docx"),
    ],
)
def test_names_in_file_and_folder_names_are_masked(path, masked):
    assert mask_path(path) == masked


@pytest.mark.parametrize(
    "path",
    [
        "営業/見積書/見積書_Q2024-0315_東和精機御中.xlsx",
        "経理/中村屋_請求書.pdf",
        "拠点/宇都宮/小田原/千葉/京都.txt",  # places that split into surname + given name
        "取引先/伊藤忠/伊勢丹/西武/丸紅.csv",  # companies that do too
        "大阪支店/田中.txt",  # a surname alone says nothing about whom
        "会議録_山本課長.docx",
    ],
)
def test_places_companies_and_bare_surnames_are_left_alone(path):
    assert names_in_path(path) == []
    assert mask_path(path) == path


@pytest.mark.parametrize(
    ("path", "masked"),
    [
        ("応募書類/履歴書_柳田心春.txt", "応募書類/履歴書_柳田**.txt"),  # 心春 is in no dictionary
        ("人事/評価_中村陽翔.xlsx", "人事/評価_中村**.xlsx"),
        ("人事/評価_松本支店.xlsx", "人事/評価_松本支店.xlsx"),  # a branch, not a name
        ("営業/松本工場_見積.xlsx", "営業/松本工場_見積.xlsx"),  # no personal document: left alone
    ],
)
def test_beside_a_personal_document_a_surname_with_any_given_name_is_masked(path: str, masked: str) -> None:
    assert mask_path(path) == masked


def test_paths_written_in_a_text_name_their_persons() -> None:
    from mamori.pii import detect

    text = (
        "C:\\Users\\soumu01\\Documents\\応募\\履歴書_荻原千夏.pdf\n"
        "\\\\fs01\\人事\\面接\\評価シート_滝沢亮.xlsx\n"
        "/home/share/人事/雇用契約書_宮下凛.docx\n"
        "C:\\Users\\soumu01\\Documents\\規程\\就業規則_2024.txt\n"
        "C:\\Program Files\\松本工業\\setup.log\n"
    )
    assert [s.text for s in detect(text) if s.label == "PERSON"] == ["荻原千夏", "滝沢亮", "宮下凛"]


def test_a_one_kanji_given_name_after_a_surname_and_a_separator_is_masked() -> None:
    assert mask_path("体験記_2025/堀内_隆.docx") == "体験記_2025/堀内**.docx"
    for path in ("見積/田中_済.pdf", "規程/佐藤_正.pdf", "営業/松本_出張報告.xlsx", "拠点/千葉_支店.pdf"):
        assert mask_path(path) == path  # what the file is, not whose
