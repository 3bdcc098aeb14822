"""A cell of two lines (Alt+Enter) in xlsx, ods, xls and CSV files is one cell of one row, not a second record."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mamori.pii.extract import Limits, extract, xlsxstream
from mamori.pii.extract.text import fold_quoted_breaks
from mamori.pii.scan_worker import Task, scan_file

from .extract_samples import convert

ROWS = [
    ("氏名", "住所", "電話番号"),
    ("山田 太郎\n（ヤマダ タロウ）", "東京都千代田区丸の内1-1-1\nグランドタワー101", "090-1234-5678"),
    ("佐藤 花子", "大阪府大阪市北区梅田2-2-2\r\nメゾン梅田202", "080-2345-6789"),
    ("鈴木 一郎", "愛知県名古屋市中区栄3-3-3", "070-3456-7890"),
    ("高橋 美咲", "福岡県福岡市博多区博多駅前4-4-4", "090-4567-8901"),
]


@pytest.fixture(scope="module")
def lists(tmp_path_factory) -> Path:
    import openpyxl

    root = tmp_path_factory.mktemp("cells")
    book = openpyxl.Workbook()
    for row in ROWS:
        book.active.append(row)
    book.save(root / "list.xlsx")
    with open(root / "list.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(ROWS)  # quotes the cells that hold a line break
    convert([root / "list.xlsx"], "ods", root)
    convert([root / "list.xlsx"], "xls:MS Excel 97", root)
    return root


def lines_of(path: Path) -> list[str]:
    parts = list(extract(path, name=path.name))
    assert [p.code for part in parts for p in part.problems] == []
    return "\n".join(part.text for part in parts).splitlines()


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("name", ["list.xlsx", "list.ods", "list.xls", "list.csv"])
def test_a_two_line_cell_stays_in_its_row(lists, name, streamed, monkeypatch):
    if streamed and name in ("list.xls", "list.csv"):
        pytest.skip("only xlsx and ods sheets are streamed")
    monkeypatch.setattr(xlsxstream, "STREAM_SHEET_BYTES", 0 if streamed else 1 << 40)
    lines = lines_of(lists / name)
    assert len(lines) == len(ROWS)
    assert lines[1].split("\t" if "\t" in lines[1] else ",")[-1] == "090-1234-5678"
    assert "グランドタワー101" in lines[1] and "メゾン梅田202" in lines[2]


@pytest.mark.parametrize("name", ["list.xlsx", "list.csv"])
def test_a_two_line_cell_is_one_person(lists, name):
    path = lists / name
    stat = path.stat()
    result = scan_file(Task(str(path), stat.st_size, stat.st_mtime_ns))
    assert result["counts"]["PHONE"] == 4 and result["counts"]["ADDRESS"] == 4
    assert result["persons"] == 4


def test_a_streamed_csv_folds_its_two_line_cells_also_across_a_part_boundary(tmp_path, monkeypatch):
    from mamori.pii.extract import stream

    monkeypatch.setattr(stream, "PIECE", 4096)  # many parts: cells cut at every place between them
    rows = ["会員名,所在地,携帯"]
    for n in range(400):
        rows.append(
            f'"森岡 {n}号\n（モリオカ）","長野県上田市天神{n % 9 + 1}-{n % 30 + 1}\n上田ハイツ{n}",070-8{n:03d}-{n:04d}'
        )
    text = "\n".join(rows) + "\n"
    path = tmp_path / "会員.csv"
    path.write_text(text, encoding="utf-8")
    parts = list(stream.stream_text(path, path.name, stream.Budget(Limits(), path.name)))
    assert len(parts) > 5
    assert [part.offset for part in parts] == [sum(len(p.text) for p in parts[:k]) for k in range(len(parts))]
    lines = "".join(part.text for part in parts).splitlines()
    assert len(lines) == 401
    assert all(line.endswith(f"070-8{n:03d}-{n:04d}") for n, line in enumerate(lines[1:]))
    assert "".join(part.text for part in parts) == fold_quoted_breaks(text)


def test_a_stray_quote_in_a_streamed_csv_holds_back_no_more_than_a_cell(tmp_path, monkeypatch):
    from mamori.pii.extract import stream

    monkeypatch.setattr(stream, "PIECE", 1024)
    text = '品番,備考\nA-1,"3.5インチ\n' + "".join(f"A-{n},在庫あり\n" for n in range(2000))
    path = tmp_path / "在庫.csv"
    path.write_text(text, encoding="utf-8")
    parts = list(stream.stream_text(path, path.name, stream.Budget(Limits(), path.name)))
    assert "".join(part.text for part in parts) == text
    assert max(len(part.text) for part in parts) < 3 * 1024
