"""Big xlsx sheets are streamed row by row and read exactly as python-calamine reads them whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mamori.pii.extract import extract, xlsxstream
from mamori.pii.extract.xmlstream import PIECE_CHARS

from .extract_samples import EMAIL, NAME, PHONE, convert, make_xlsx

FORMATS = [
    "h:mm",
    "yyyy/mm/dd",
    "[h]:mm",
    "mm:ss",
    "0.00",
    '"m"0',
    'ggge"年"m"月"d"日"',
    "[$-411]ge.m.d",
    "d-mmm",
    "@",
    "0%",
    "#,##0",
    "yyyy\\-mm",
    "[Red]0.0",
    "m/d/yy h:mm AM/PM",
    "[$¥-411]#,##0",
    "0.00E+00",
    "[mm]:ss",
    "hh:mm:ss.0",
]
VALUES = [1, 0, 1.5, 25.5, 31138, 31138.375, 60, 61, 0.25, 0.1 + 0.2, 2958465]
NUMBERS = [1234567890123, 9012345678, 1e20, -3.5, 0.1 + 0.2]


def texts(path: Path, streamed: bool, monkeypatch) -> dict[str, str]:
    """Return location -> whole text of a workbook, read streamed or by calamine."""
    monkeypatch.setattr(xlsxstream, "STREAM_SHEET_BYTES", 0 if streamed else 1 << 40)
    out: dict[str, list[str]] = {}
    for part in extract(path, name=path.name):
        assert not part.problems, part.problems
        out.setdefault(part.location, []).append(part.text)
    return {location: "".join(pieces) for location, pieces in out.items()}


def xlsxwriter_book(path: Path, date_1904: bool = False) -> Path:
    """Write a workbook with XlsxWriter: every kind of number format, booleans, formulas, rich text."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"date_1904": date_1904})
    grid = book.add_worksheet("書式")
    for row, code in enumerate(FORMATS):
        style = book.add_format({"num_format": code})
        grid.write_string(row + 2, 2, code)  # data starts at C3: calamine drops the empty columns
        for column, value in enumerate(VALUES):
            grid.write_number(row + 2, column + 3, value, style)
    grid.write_row(len(FORMATS) + 3, 3, NUMBERS)
    people = book.add_worksheet("名簿")
    people.write_row(0, 0, ["氏名", "メール", "電話", "生年月日", "会員", "計算"])
    birth = book.add_format({"num_format": "yyyy/mm/dd"})
    bold = book.add_format({"bold": True})
    for n in range(40):
        people.write_string(n + 1, 0, f"{NAME}{n}")
        people.write_rich_string(n + 1, 1, bold, "taro", f".yamada{n}@example.com")
        people.write_string(n + 1, 2, PHONE)
        people.write_datetime(n + 1, 3, dt.datetime(1950 + n, 1 + n % 12, 1 + n % 28), birth)
        people.write_boolean(n + 1, 4, n % 2 == 0)
        people.write_formula(n + 1, 5, f'=A{n + 2}&"様"', None, f"{NAME}{n}様")
    people.write_string(50, 8, "離れたセル")
    book.close()
    return path


@pytest.mark.parametrize("date_1904", [False, True])
def test_a_streamed_xlsxwriter_workbook_reads_as_calamine_reads_it(tmp_path, monkeypatch, date_1904):
    path = xlsxwriter_book(tmp_path / "book.xlsx", date_1904)
    whole, streamed = texts(path, False, monkeypatch), texts(path, True, monkeypatch)
    assert list(whole) == ["book.xlsx!書式", "book.xlsx!名簿"]
    assert streamed == whole
    serial_31138 = "1989-04-02" if date_1904 else "1985-04-01"  # the same serial number, two epochs
    assert serial_31138 in whole["book.xlsx!書式"] and "25 days, 12:00:00" in whole["book.xlsx!書式"]
    assert (
        f"{NAME}3\ttaro.yamada3@example.com\t{PHONE}\t1953-04-04\tFalse\t{NAME}3様" in whole["book.xlsx!名簿"]
    )


def test_workbooks_from_openpyxl_and_libreoffice_stream_as_calamine_reads_them(tmp_path, monkeypatch):
    roster = make_xlsx(tmp_path / "roster.xlsx")
    mixed = xlsxwriter_book(tmp_path / "mixed.xlsx")
    converted = convert([mixed], "ods", tmp_path)
    (tmp_path / "lo").mkdir()
    [again] = convert(converted, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    for path in (roster, again):
        whole = texts(path, False, monkeypatch)
        assert texts(path, True, monkeypatch) == whole, path.name
    assert f"{NAME}\t{EMAIL}\t{PHONE}" in texts(roster, True, monkeypatch)["roster.xlsx!名簿"]


def test_a_big_sheet_comes_in_parts_with_offsets_and_every_row(tmp_path, monkeypatch):
    rows = [("氏名", "メール", "電話")] + [(f"{NAME}{n}", f"u{n}@example.jp", PHONE) for n in range(40_000)]
    path = make_xlsx(tmp_path / "big.xlsx", rows=rows)
    monkeypatch.setattr(xlsxstream, "STREAM_SHEET_BYTES", 0)
    parts = [p for p in extract(path, name="big.xlsx") if p.location == "big.xlsx!名簿"]
    assert len(parts) >= 2 and parts[1].offset >= PIECE_CHARS
    lines = "".join(p.text for p in parts).splitlines()
    assert len(lines) == 40_001 and lines[-1] == f"{NAME}39999\tu39999@example.jp\t{PHONE}"


def test_number_formats_are_told_apart_like_calamine():
    assert xlsxstream.format_kind('ggge"年"m"月"d"日"') == "date"
    assert xlsxstream.format_kind("[h]:mm:ss") == "duration"
    assert xlsxstream.format_kind('"m"0') == "number"
    assert xlsxstream.format_kind("[$¥-411]#,##0") == "number"
    assert xlsxstream.format_kind("General") == "number"


def tricky_book(path: Path) -> Path:
    """Write with openpyxl what LibreOffice turns into repeated rows and cells, merges and line breaks."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "顧客"
    sheet["C3"] = "氏名"
    sheet["D3"] = "備考"
    sheet["C4"] = NAME
    sheet["D4"] = "一行目\n二行目"
    sheet.merge_cells("C5:D5")
    sheet["C5"] = "結合したセル"
    for row in range(6, 16):  # ten identical rows: number-rows-repeated in the ods
        sheet.cell(row, 3, "同じ行")
        sheet.cell(row, 6, 0.25).number_format = "0%"
    sheet["E17"] = dt.datetime(1985, 4, 1, 9, 30, 15)
    sheet["E18"] = dt.time(23, 59, 59)
    sheet["E19"] = True
    sheet["E20"] = 1234.5
    sheet["E20"].number_format = "¥#,##0"
    book.create_sheet("空")
    book.save(path)
    return path


@pytest.mark.parametrize("held", [100_000, 3], ids=["rows-held", "first-columns-pass"])
def test_big_ods_spreadsheets_stream_as_calamine_reads_them(tmp_path, monkeypatch, held):
    from mamori.pii.extract import odsstream

    monkeypatch.setattr(
        odsstream, "_HELD_CELLS", held
    )  # 3: the sheets from column C take a pass of their own
    sources = [tricky_book(tmp_path / "tricky.xlsx"), xlsxwriter_book(tmp_path / "mixed.xlsx")]
    for path in convert(sources, "ods", tmp_path):
        whole = texts(path, False, monkeypatch)
        assert texts(path, True, monkeypatch) == whole, path.name
    tricky = texts(tmp_path / "tricky.ods", True, monkeypatch)
    assert list(tricky) == ["tricky.ods!顧客", "tricky.ods!空"]
    lines = tricky["tricky.ods!顧客"].splitlines()
    assert lines[:2] == ["氏名\t備考", f"{NAME}\t一行目 二行目"] and lines.count("同じ行\t\t\t0.25") == 10


def _rezip(path: Path, member: str, mutate) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            data = source.read(info)
            dest.writestr(info.filename, mutate(data) if info.filename == member else data)
    return out.getvalue()


@pytest.mark.parametrize("held", [100_000, 3])
def test_damaged_sheet_xml_streamed_gives_problems_never_an_exception(tmp_path, monkeypatch, held):
    import random

    from mamori.pii.extract import INCOMPLETE, odsstream

    monkeypatch.setattr(xlsxstream, "STREAM_SHEET_BYTES", 0)
    monkeypatch.setattr(odsstream, "_HELD_CELLS", held)
    xlsx = xlsxwriter_book(tmp_path / "mixed.xlsx")
    (ods,) = convert([tricky_book(tmp_path / "tricky.xlsx")], "ods", tmp_path)
    rng = random.Random(held)

    def damage(data: bytes) -> bytes:
        buf = bytearray(data)
        kind = rng.randrange(3)
        if kind == 0:
            return bytes(buf[: rng.randrange(len(buf))])  # cut
        if kind == 1:
            for _ in range(rng.randint(1, 10)):
                buf[rng.randrange(len(buf))] = rng.choice(b'<>"&=/x0 9\xff')
            return bytes(buf)
        text = bytes(buf)  # attribute values a writer would never write
        return text.replace(b'number-columns-repeated="', b'number-columns-repeated="x').replace(
            b' r="', b' r="$'
        )

    for path, member in ((xlsx, "xl/worksheets/sheet2.xml"), (ods, "content.xml")):
        for _ in range(15):
            parts = list(extract(_rezip(path, member, damage), name=path.name))
            assert parts and all(isinstance(p.text, str) for p in parts)
            assert {p.code for part in parts for p in part.problems} <= INCOMPLETE
