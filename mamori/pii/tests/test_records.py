"""Fixed-width, separated and paragraph records read as table rows, on lists written by real tools."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from mamori.pii import detect, records
from mamori.pii.scan_worker import Task, scan_file
from mamori.pii.tables import _ANY_HEADER, header_label

PEOPLE = [
    ("山田 太郎", "090-1234-5678", "東京都千代田区丸の内1-1-1", "1980/04/01"),
    ("佐藤 花子", "080-2345-6789", "大阪府大阪市北区梅田2-2-2", "1975/12/24"),
    ("グエン・ヴァン・ナム", "070-3456-7890", "愛知県名古屋市中区栄3-3-3", "1990/07/07"),
    ("髙橋 一郎", "090-4567-8901", "福岡県福岡市博多区博多駅前4-4-4", "1966/02/28"),
    ("中村 美咲", "080-5678-9012", "北海道札幌市中央区北一条西5-5", "2001/09/15"),
]
NAMES = [p[0] for p in PEOPLE]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("records") / "customers.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE c(No INTEGER, 氏名 TEXT, 電話番号 TEXT, 住所 TEXT, 生年月日 TEXT)")
        db.executemany("INSERT INTO c VALUES (?, ?, ?, ?, ?)", [(i, *p) for i, p in enumerate(PEOPLE, 1)])
    return path


def sqlite_cli(database: Path, *mode: str) -> str:
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 command line is not installed")
    command = ["sqlite3", "-header", *mode, str(database), "SELECT * FROM c"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def persons(text: str) -> list[str]:
    return [span.text for span in detect(text) if span.label == "PERSON"]


@pytest.mark.parametrize(
    "mode",
    [("-column",), ("-box",), ("-markdown",), ("-separator", " ／ "), ("-separator", " | ")],
    ids=["column", "box", "markdown", "slash", "pipe"],
)
def test_every_name_and_birth_date_of_a_sqlite3_listing_is_found(database, mode):
    text = sqlite_cli(database, *mode)
    rows = records.as_rows(text, header_label, _ANY_HEADER)
    assert len(rows) == len(text) and rows != text
    assert persons(text) == NAMES
    assert [s.text for s in detect(text) if s.label == "DATE_OF_BIRTH"] == [p[3] for p in PEOPLE]


def test_columns_aligned_by_display_width_with_column_t(database):
    if shutil.which("column") is None:
        pytest.skip("column (util-linux) is not installed")
    tsv = sqlite_cli(database, "-separator", "\t")
    text = subprocess.run(
        ["column", "-t", "-s", "\t"], input=tsv, check=True, capture_output=True, text=True
    ).stdout
    assert "グエン・ヴァン・ナム  070" in text  # padded by display width, unlike sqlite3's -column
    assert persons(text) == NAMES


def test_paragraph_records_under_a_slash_header_are_rows():
    body = "\n\n".join(
        "\n".join((str(i), name, phone, address)) for i, (name, phone, address, _) in enumerate(PEOPLE, 1)
    )
    text = f"名簿\nNo ／ 氏名 ／ 電話番号 ／ 住所\n\n{body}\n\n以上\n"
    rows = records.as_rows(text, header_label, _ANY_HEADER)
    assert len(rows) == len(text)
    assert rows.splitlines()[2] == f"1\t{NAMES[0]}\t{PEOPLE[0][1]}\t{PEOPLE[0][2]}\t"
    assert persons(text) == NAMES


def test_tables_after_paragraph_records_are_read_at_their_own_lines():
    # Joining a record's lines shortens the list of lines: a header further down was looked up at its
    # old index, past the end (an IndexError that stopped the file's detection) or on another line.
    first = "\n\n".join(f"{name}\n{phone}" for name, phone, _a, _b in PEOPLE[:2])
    second = "\n".join(f"{i} ／ {name} ／ {phone}" for i, (name, phone, _a, _b) in enumerate(PEOPLE[2:], 3))
    text = f"名前 ／ 連絡先\n\n{first}\n\n以上\n\nNo ／ 氏名 ／ 電話番号\n{second}\n"
    rows = records.as_rows(text, header_label, _ANY_HEADER)
    assert len(rows) == len(text)
    assert rows.splitlines()[-1] == f"5 \t {NAMES[4]} \t {PEOPLE[4][1]}"
    assert persons(text) == NAMES


def test_prose_and_aligned_logs_are_left_alone():
    text = (
        "2024-10-10 12:00:01  INFO  user=3  order=4411  shipped\n"
        "2024-10-10 12:00:02  INFO  user=4  order=4412  shipped\n"
        "本日の会議は  午後3時から。資料／議事録は共有フォルダへ。\n"
        "項目 ／ 内容\n"
    )
    assert records.as_rows(text, header_label, _ANY_HEADER) == text


def scan(path: Path) -> dict:
    stat = path.stat()
    return scan_file(Task(str(path), stat.st_size, stat.st_mtime_ns))


def test_a_record_of_labelled_lines_is_one_person_however_many_phones(tmp_path):
    blocks = [
        f"氏名：{n}\n住所：{a}\n電話：{t}\n携帯：090-9999-{i}000" for i, (n, t, a, _) in enumerate(PEOPLE)
    ]
    path = tmp_path / "顧客メモ.txt"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    result = scan(path)
    assert result["counts"]["PHONE"] == 10
    assert result["persons"] == 5


def test_a_fixed_width_list_counts_its_records(database, tmp_path):
    path = tmp_path / "list.txt"
    path.write_text(sqlite_cli(database, "-column"), encoding="utf-8")
    assert scan(path)["persons"] == 5


def test_a_fixed_width_name_with_an_ideographic_space_is_not_cut_in_two():
    text = (
        "社員番号  氏名          所属\n"
        "1042      椎名　瑞穂    経理\n"
        "1043      楠本　隼人    品質保証\n"
        "1044      宇佐見　葵    経理\n"
    )
    assert [s.text for s in detect(text) if s.label == "PERSON"] == [
        "椎名\u3000瑞穂",
        "楠本\u3000隼人",
        "宇佐見\u3000葵",
    ]


def _padded(cells: tuple[str, ...], widths: tuple[int, ...], by_chars: bool = False) -> str:
    """Pad each cell with ideographic spaces to its display width (or its width in characters)."""
    out = []
    for cell, width in zip(cells, widths, strict=True):
        used = len(cell) if by_chars else sum(2 if ord(ch) > 0xFF else 1 for ch in cell)
        pad = width - used
        out.append(cell + ("\u3000" * pad if by_chars else "\u3000" * (pad // 2) + " " * (pad % 2)))
    return "\u3000".join(out).rstrip("\u3000 ")


# A legacy clinic system's patient master: 全角 fields padded with ideographic spaces to their bytes.
_MASTER = (
    ("診察券番号", "氏名", "ヨミガナ", "性別", "生年月日"),
    ("30150007", "相馬菜々子", "ソウマナナコ", "2", "19540823"),
    ("30150008", "関亮", "セキリョウ", "1", "19671130"),
    ("30150009", "小松崎聡", "コマツザキサトシ", "1", "19920206"),
    ("30150010", "浅利キヨ", "アサリキヨ", "2", "19341209"),
)
_WIDTHS = (10, 10, 16, 4, 8)


@pytest.mark.parametrize("header_by_chars", [False, True], ids=["display-width", "header-in-characters"])
def test_a_fixed_width_export_padded_with_ideographic_spaces_is_read_as_its_ascii_twin(header_by_chars):
    header = _padded(_MASTER[0], _WIDTHS, header_by_chars)
    rows = [_padded(row, _WIDTHS) for row in _MASTER[1:]]
    text = "\n".join([header, *rows]) + "\n"
    twin = "\n".join([header.replace("\u3000", "  "), *(r.replace("\u3000", "  ") for r in rows)]) + "\n"
    found = [(s.label, s.text) for s in detect(text)]
    expected = [
        (label, value)
        for row in _MASTER[1:]
        for label, value in (("PERSON", row[1]), ("PERSON", row[2]), ("DATE_OF_BIRTH", row[4]))
    ]
    assert found == expected
    if not header_by_chars:  # padded with spaces, a header in characters keeps to no column at all
        assert [(s.label, s.text) for s in detect(twin)] == expected


def test_a_name_with_an_ideographic_space_in_an_export_padded_with_them_stays_whole():
    widths = (10, 14, 8)
    lines = [
        _padded(("診察券番号", "氏名", "生年月日"), widths),
        _padded(("30150021", "相馬　菜々子", "19540823"), widths),
        _padded(("30150022", "関　亮", "19671130"), widths),
        _padded(("30150023", "小松崎　聡", "19920206"), widths),
    ]
    assert persons("\n".join(lines)) == ["相馬\u3000菜々子", "関\u3000亮", "小松崎\u3000聡"]


def _one_space_apart(rows: list[tuple[str, ...]], chars: tuple[int, ...]) -> str:
    """Join fields by one ASCII space, each padded inside with ideographic spaces to *chars* characters."""
    out = []
    for row in rows:
        cells = [
            cell + ("\u3000" if ord(cell[0]) > 0xFF else " ") * (width - len(cell))
            for cell, width in zip(row, chars, strict=True)
        ]
        out.append(" ".join(cells).rstrip())
    return "\n".join(out) + "\n"


_BILLING = _one_space_apart(
    [
        ("患者番号", "氏名", "カナ氏名", "性別", "生年月日"),
        ("00000317", "高野美咲", "タカノミサキ", "2", "19690512"),
        ("00000318", "岩城大輔", "イワキダイスケ", "1", "19850207"),
        ("00000319", "今井キミ", "イマイキミ", "2", "19381130"),
    ],
    (4, 10, 10, 2, 4),
)


def test_an_export_of_fields_one_space_apart_padded_inside_with_ideographic_spaces_is_read():
    # A clinic's billing system: the header reads 患者番号 氏名 as one cell where one ASCII space parts them.
    text = _BILLING
    found = [(s.label, s.text) for s in detect(text)]
    assert found == [
        ("PERSON", "高野美咲"),
        ("PERSON", "タカノミサキ"),
        ("DATE_OF_BIRTH", "19690512"),
        ("PERSON", "岩城大輔"),
        ("PERSON", "イワキダイスケ"),
        ("DATE_OF_BIRTH", "19850207"),
        ("PERSON", "今井キミ"),
        ("PERSON", "イマイキミ"),
        ("DATE_OF_BIRTH", "19381130"),
    ]


def test_each_row_of_an_export_padded_with_ideographic_spaces_is_one_person(tmp_path):
    path = tmp_path / "KANJA.TXT"
    path.write_bytes(_BILLING.replace("\n", "\r\n").encode("cp932"))
    assert scan(path)["persons"] == 3


def test_a_product_master_of_fields_one_space_apart_stays_quiet():
    text = _one_space_apart(
        [
            ("商品コード", "商品名", "メーカー名", "単価", "登録日"),
            ("40000012", "ボールペン黒", "ミナト文具", "120", "20260401"),
            ("40000013", "クリアファイル", "ミナト文具", "80", "20260402"),
            ("40000014", "付箋ミニ", "北斗紙工", "150", "20260403"),
        ],
        (5, 10, 10, 4, 4),
    )
    assert detect(text) == []
