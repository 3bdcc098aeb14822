"""The persons estimate of ``mamori scan``: records of a table, one person per filled-in form."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from mamori.pii.scan_worker import Task, scan_file

RESUME = [
    ("ふりがな", "やまだ たろう"),
    ("氏名", "山田 太郎"),
    ("生年月日", "1998年6月14日（満26歳）"),
    ("現住所", "〒214-0014 神奈川県川崎市多摩区登戸2618-3 コーポ登戸201"),
    ("電話", "090-6623-1187"),
    ("E-mail", "taro.y0614@gmail.com"),
]


def _scan(path: Path) -> dict:
    return scan_file(Task(str(path), path.stat().st_size, path.stat().st_mtime_ns))


def test_a_resume_written_as_a_table_of_fields_is_one_person(tmp_path):
    doc = Document()
    doc.add_heading("履歴書", 1)
    table = doc.add_table(rows=0, cols=2)
    for label, value in RESUME:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    path = tmp_path / "山田太郎_履歴書.docx"
    doc.save(str(path))
    result = _scan(path)
    assert {"PERSON", "PHONE", "EMAIL", "ADDRESS", "DATE_OF_BIRTH"} <= set(result["counts"])
    assert result["persons"] == 1


def test_a_records_table_counts_its_rows_and_names_in_prose_count_each(tmp_path):
    rows = [("氏名", "電話番号", "住所")] + [
        ("山田 太郎", "090-6623-1187", "東京都目黒区中町2-1-3"),
        ("佐藤 花子", "080-1129-4478", "神奈川県横浜市港北区日吉4-5-6"),
        ("鈴木 一郎", "070-7781-2036", "大阪府大阪市北区梅田1-2-3"),
    ]
    listing = tmp_path / "顧客.csv"
    listing.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    assert _scan(listing)["persons"] == 3
    minutes = tmp_path / "議事録.txt"
    minutes.write_text(
        "出席者：山本、中村、小林の3名。経理の伊藤が不在のため次回に持ち越し。\n"
        "新人研修は小林が担当し、グエンさんにも補助をお願いする。\n",
        encoding="utf-8",
    )
    assert _scan(minutes)["persons"] == 5  # four kanji names and a katakana one: no reading to fold


def test_a_person_in_two_tables_of_a_database_counts_once_and_a_staff_name_joins_nothing(tmp_path):
    import sqlite3

    path = tmp_path / "shop.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE members(id INTEGER PRIMARY KEY, 氏名 TEXT, 電話番号 TEXT, メールアドレス TEXT)")
    db.execute(
        "CREATE TABLE shipments(id INTEGER PRIMARY KEY, 伝票番号 TEXT, お届け先氏名 TEXT, 住所 TEXT, 担当者 TEXT)"
    )
    db.execute("CREATE TABLE staff(id INTEGER PRIMARY KEY, 氏名 TEXT, 内線 TEXT)")
    members = [
        ("熊谷 遼", "090-3381-2207", "ryo.k@example.net", "長野県松本市中央2-4-11"),
        ("新田 沙織", "080-5526-1934", "saori.n@example.org", "長野県長野市南長野3-1-8"),
        ("湊 健吾", "070-2249-6610", "kengo.m@example.jp", "長野県上田市材木町1-2-3"),
    ]
    for n, (name, phone, mail, address) in enumerate(members, 1):
        db.execute("INSERT INTO members VALUES (?, ?, ?, ?)", (n, name, phone, mail))
        db.execute(
            "INSERT INTO shipments VALUES (?, ?, ?, ?, ?)", (n, f"S{4400 + n}", name, address, "西岡 直樹")
        )
    db.execute("INSERT INTO shipments VALUES (4, 'S4404', '大庭 美帆', '長野県飯田市本町1-15', '西岡 直樹')")
    db.execute("INSERT INTO staff VALUES (1, '西岡 直樹', '214')")
    db.commit()
    db.close()
    # three members, one more consignee, the staff member once: not 3 + 4 + 1
    assert _scan(path)["persons"] == 5


def test_a_folded_cell_of_two_persons_counts_two_and_a_name_with_its_reading_one(tmp_path):
    import csv

    rows = [
        ("契約者", "住所", "電話"),
        ("杉浦 陽介\n杉浦 真理子", "静岡県浜松市中区元城町103-2", "090-7712-5543"),
        ("桑田 和也\nクワタ カズヤ", "静岡県静岡市葵区追手町9-6", "080-3321-7765"),
        ("江藤 美咲", "静岡県沼津市大手町2-8-1", "070-6612-9043"),
    ]
    path = tmp_path / "契約者.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    assert _scan(path)["persons"] == 4


def test_a_values_key_form_drops_what_its_plain_definition_drops():
    """Repeats count once under their key: lower case, only word characters, @ and . (ASCII by a table)."""
    import re
    import unicodedata

    from mamori.pii.scan_worker import _identity

    def plain(label: str, value: str) -> str:
        value = unicodedata.normalize("NFKC", value).lower()
        return value.replace(" ", "") if label == "PERSON" else re.sub(r"[^\w@.]|_", "", value)

    every_ascii = "".join(map(chr, range(128)))
    values = [every_ascii, "090-1234-5678", "(03) 1234_5678", "Taro.Yamada+x@Example.COM", "０９０－１２３４"]
    values += ["山田_太郎@例え.jp", "ＡＢ－12", "x\u00e9-1"]
    for value in values:
        for label in ("PHONE", "EMAIL", "PERSON"):
            assert _identity(label, value) == plain(label, value)
    assert _identity("PHONE", "090-1234-5678") == _identity("PHONE", "０９０（１２３４）５６７８")
