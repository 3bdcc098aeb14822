"""A table cell printed to PDF wraps where its column ends: a number or an address cut there is joined again."""

from __future__ import annotations

from pathlib import Path

import pytest

from mamori.pii import detect
from mamori.pii.extract import extract
from mamori.pii.extract.pdf import unwrap

from .extract_samples import convert


@pytest.fixture(scope="module")
def form_pdf(tmp_path_factory) -> Path:
    from docx import Document
    from docx.shared import Cm

    root = tmp_path_factory.mktemp("wrap")
    doc = Document()
    doc.add_heading("入 会 申 込 書", 1)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in [
        ("氏名", "秋葉 多恵子"),
        ("現住所", "〒381-2215 長野県長野市稲里町中氷鉋1523-14 グリーンコート稲里 305"),
        ("勤務先", "〒390-0811 長野県松本市中央四丁目西堀通り商店街ビル 2-18-7"),
        ("電話", "090-2231-7784"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(2.5), Cm(6.2)
    doc.save(str(root / "申込書.docx"))
    [pdf] = convert([root / "申込書.docx"], "pdf", root)
    return pdf


def test_an_address_wrapped_in_a_narrow_cell_is_read_whole(form_pdf):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(form_pdf))
    raw = document[0].get_textpage().get_text_range()
    document.close()
    assert "中氷鉋\r\n1523-14" in raw  # LibreOffice wrapped the cell there: the case under test
    text = "".join(part.text for part in extract(form_pdf))
    addresses = [span.text for span in detect(text) if span.label == "ADDRESS"]
    assert any(address.startswith("長野県長野市稲里町中氷鉋1523-14") for address in addresses)


@pytest.fixture(scope="module")
def roster_pdf(tmp_path_factory) -> Path:
    from docx import Document
    from docx.shared import Cm

    root = tmp_path_factory.mktemp("names")
    doc = Document()
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    for row in [("項目", "内容", "備考"), ("氏名", "宍倉 喜久代", "会員"), ("氏名", "日比野 千代子", "家族")]:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    for column, width in zip(table.columns, (Cm(1.5), Cm(2.0), Cm(3)), strict=True):
        column.width = width
    doc.save(str(root / "名簿.docx"))
    [pdf] = convert([root / "名簿.docx"], "pdf", root)
    return pdf


def test_a_name_wrapped_in_a_narrow_cell_is_read_whole(roster_pdf):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(roster_pdf))
    raw = document[0].get_textpage().get_text_range()
    document.close()
    assert "日比野\r\n千代子" in raw and "宍倉 喜\r\n久代" in raw  # where LibreOffice wrapped the cells
    text = "".join(part.text for part in extract(roster_pdf))
    assert [span.text for span in detect(text) if span.label == "PERSON"] == ["宍倉 喜久代", "日比野 千代子"]


@pytest.mark.parametrize(
    ("wrapped", "joined"),
    [
        ("現住所 宮城県仙台市若林区新寺 3-\r\n5-12 203号", "現住所 宮城県仙台市若林区新寺 3-5-12 203号"),
        ("携帯 080-\n4471-2290\n", "携帯 080-4471-2290\n"),
        (
            "福岡県北九州市小倉北区紺屋町\r\n12-8 紺屋町ハイツ",
            "福岡県北九州市小倉北区紺屋町12-8 紺屋町ハイツ",
        ),
        ("氏名 桐山\r\n千代子\r\n", "氏名 桐山 千代子\r\n"),  # a surname, the given name under it
        ("1\t宍倉 喜\n久代\t会員", "1\t宍倉 喜久代\t会員"),  # a break inside the given name
    ],
)
def test_breaks_inside_a_number_or_before_an_addresss_block_are_joined(wrapped, joined):
    assert unwrap(wrapped) == joined


@pytest.mark.parametrize(
    "text",
    [
        "第3章 市場\r\n1-2 概要",  # a heading, then a section number
        "納品先：松本市\r\n2-3 営業日以内に発送",  # one municipality word is no town before a block
        "合計 12\r\n3 件",
        "2024年度\r\n4-6月の実績",
        "会場：松本\r\n健康診断のお知らせ",  # a place, then a word that opens a line
        "佐藤\r\n中村\r\n",  # two surnames, one a line
        "桐山\r\n千代田区",
    ],
)
def test_real_line_breaks_stay(text):
    assert unwrap(text) == text
