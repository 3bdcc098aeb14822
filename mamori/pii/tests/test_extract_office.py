"""Office and PDF extraction on files written by LibreOffice, openpyxl, python-docx and python-pptx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mamori.pii.extract import extract

from .extract_samples import (
    EMAIL,
    NAME,
    PHONE,
    blank_pdf,
    convert,
    encrypt_ooxml,
    encrypted_pdf,
    make_docx,
    make_html,
    make_pptx,
    make_xlsx,
    protect_with_libreoffice,
    zip_bytes,
)


@pytest.fixture(scope="module")
def office_dir(tmp_path_factory) -> Path:
    """Return a directory of xlsx/docx/pptx plus xls, ods, docx and pdf converted by LibreOffice."""
    root = tmp_path_factory.mktemp("office")
    xlsx = make_xlsx(root / "roster.xlsx")
    letter = make_docx(root / "letter.docx")
    make_pptx(root / "deck.pptx")
    html = make_html(root / "page.html")
    convert([xlsx], "xls", root)
    convert([xlsx], "ods", root)
    convert([html], "docx:MS Word 2007 XML", root)
    convert([letter], "pdf:writer_pdf_Export", root)
    return root


def parts_of(path: Path):
    return list(extract(path, name=path.name))


def all_text(parts) -> str:
    return "\n".join(p.text for p in parts)


def codes(parts) -> list[str]:
    return [problem.code for part in parts for problem in part.problems]


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.xls", "roster.ods"])
def test_spreadsheet_yields_one_part_per_sheet_with_tab_separated_cells(office_dir, name):
    parts = parts_of(office_dir / name)
    assert [p.location for p in parts] == [f"{name}!名簿", f"{name}!メモ"]
    assert f"{NAME}\t{EMAIL}\t{PHONE}" in parts[0].text
    assert codes(parts) == []


def test_numbers_stored_as_floats_read_back_without_decimal_point(tmp_path):
    path = make_xlsx(tmp_path / "n.xlsx", rows=[("番号",), (1234567890123,)])
    assert "1234567890123\n" in parts_of(path)[0].text + "\n"


def test_docx_from_python_docx_has_body_tables_and_footer(office_dir):
    parts = parts_of(office_dir / "letter.docx")
    text = all_text(parts)
    assert NAME in text and f"電話\t{PHONE}" in text
    assert parts[-1].location == "letter.docx!header-footer"
    assert "hanako.sato@example.com" in parts[-1].text


def test_docx_written_by_libreoffice_is_read(office_dir):
    text = all_text(parts_of(office_dir / "page.docx"))
    assert NAME in text and EMAIL in text and PHONE in text


def test_pptx_yields_slides_with_notes(office_dir):
    parts = parts_of(office_dir / "deck.pptx")
    assert [p.location for p in parts] == ["deck.pptx!slide1"]
    assert EMAIL in parts[0].text and PHONE in parts[0].text


def test_pdf_from_libreoffice_yields_text_per_page(office_dir):
    parts = parts_of(office_dir / "letter.pdf")
    assert parts[0].location == "letter.pdf!p1"
    assert NAME in parts[0].text and PHONE in parts[0].text


def test_password_protected_xlsx_and_docx_are_reported_encrypted(office_dir, tmp_path):
    for source in ("roster.xlsx", "letter.docx"):
        target = encrypt_ooxml(office_dir / source, tmp_path / source)
        parts = parts_of(target)
        assert codes(parts) == ["encrypted"], source
        assert parts[0].location == source


def test_password_protected_pdf_is_reported_encrypted():
    parts = list(extract(encrypted_pdf(), name="secret.pdf"))
    assert codes(parts) == ["encrypted"]


def test_pdf_without_text_layer_is_reported_as_not_checked():
    parts = list(extract(blank_pdf(), name="scan.pdf"))
    assert codes(parts) == ["no_text"]


@pytest.mark.parametrize(
    "name", ["roster.xlsx", "roster.xls", "roster.ods", "letter.docx", "deck.pptx", "letter.pdf"]
)
def test_truncated_office_file_is_reported_malformed_not_raised(office_dir, name):
    data = (office_dir / name).read_bytes()
    parts = list(extract(data[: len(data) // 2], name=name))
    assert codes(parts) and set(codes(parts)) <= {"malformed"}, parts


def test_legacy_word_document_is_read(office_dir, tmp_path):
    (doc,) = convert([office_dir / "page.html"], "doc:MS Word 97", tmp_path)
    parts = parts_of(doc)
    assert codes(parts) == [] and NAME in all_text(parts)  # more in test_extract_doc.py


def test_password_protected_opendocument_is_reported_encrypted(office_dir):
    # LibreOffice keeps the mimetype and manifest readable and encrypts content.xml; the manifest says so.
    manifest = (
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data '
        b'manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>'
    )
    data = zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "META-INF/manifest.xml": manifest,
            "content.xml": bytes(range(256)),
        }
    )
    assert codes(extract(data, name="secret.ods")) == ["encrypted"]


def test_docx_text_boxes_are_read(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("本文")
    paragraph._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            f"<w:p><w:r><w:t>連絡先 {PHONE}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    document.save(tmp_path / "box.docx")
    assert f"連絡先 {PHONE}" in all_text(parts_of(tmp_path / "box.docx"))


@pytest.mark.parametrize(("target", "name"), [("MS Excel 97:xls", "roster.xls"), ("calc8:ods", "roster.ods")])
def test_spreadsheets_saved_with_a_password_by_libreoffice_are_reported_encrypted(
    office_dir, tmp_path, target, name
):
    (protected,) = protect_with_libreoffice([office_dir / "roster.xlsx"], target, tmp_path)
    parts = parts_of(protected)
    assert codes(parts) == ["encrypted"]
    assert parts[0].location == name


def test_pdf_exported_by_libreoffice_with_an_opening_password_is_reported_encrypted(office_dir, tmp_path):
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"himitsu"}}'
    (pdf,) = convert([office_dir / "letter.docx"], f"pdf:writer_pdf_Export:{options}", tmp_path)
    assert codes(parts_of(pdf)) == ["encrypted"]


def test_pdf_with_only_a_permissions_password_is_read(office_dir, tmp_path):
    options = (
        '{"RestrictPermissions":{"type":"boolean","value":"true"},'
        '"PermissionPassword":{"type":"string","value":"himitsu"},"Printing":{"type":"long","value":"0"}}'
    )
    (pdf,) = convert([office_dir / "letter.docx"], f"pdf:writer_pdf_Export:{options}", tmp_path)
    import pypdf

    assert pypdf.PdfReader(pdf).is_encrypted  # restricted, but opens without a password
    assert PHONE in all_text(parts_of(pdf))


def _big_xlsx(rows: int) -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws.append(["番号", "氏名"])
    for i in range(rows):
        ws.append([i, f"架空 太郎{i}"])
    wb.create_sheet("小")["A1"] = "小さい表"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_without_a_content_budget_every_row_is_read():
    [sheet, small] = extract(_big_xlsx(20_000), "big.xlsx")
    assert sheet.text.count("\n") == 20_000
    assert sheet.text.endswith("19999\t架空 太郎19999")
    assert not sheet.truncated and not small.truncated


def test_a_content_budget_stops_reading_rows_and_marks_the_sheet_truncated():
    from mamori.pii.extract import Limits

    [sheet, small] = extract(_big_xlsx(20_000), "big.xlsx", Limits(max_part_chars=5000))
    assert sheet.location == "big.xlsx!名簿" and sheet.truncated
    assert 4000 < len(sheet.text) <= 5000
    assert sheet.text.startswith("番号\t氏名\n0\t架空 太郎0\n")
    assert sheet.text.endswith(sheet.text.splitlines()[-1]) and "\t" in sheet.text.splitlines()[-1]
    assert (small.text, small.truncated) == ("小さい表", False)


def test_a_content_budget_cuts_any_part_at_a_line_break():
    from mamori.pii.extract import Limits

    text = "".join(f"行{i:05d}\n" for i in range(10_000))
    [part] = extract(text.encode(), "long.txt", Limits(max_part_chars=1000))
    assert part.truncated and len(part.text) <= 1000
    assert part.text.splitlines()[-1] == f"行{len(part.text.splitlines()) - 1:05d}"
    [whole] = extract(text.encode(), "long.txt")
    assert whole.text.rstrip("\n") == text.rstrip("\n") and not whole.truncated


def test_a_reader_out_of_memory_is_named_so_not_a_damaged_file():
    from lxml import etree

    from mamori.pii.extract.core import error_name

    assert error_name(MemoryError()) == "MemoryError"
    assert error_name(etree.XMLSyntaxError("unknown error", None, 0, 0)) == "MemoryError"
    try:
        etree.fromstring(b"<a><b></a>")
    except etree.XMLSyntaxError as exc:
        assert error_name(exc) == "XMLSyntaxError"  # a real syntax error keeps its name


def _big_docx(path: Path, paragraphs: int) -> Path:
    """Write a Word document of *paragraphs* numbered clauses, a nested table, a person and a footer."""
    import docx

    document = docx.Document()
    document.add_paragraph(f"担当者：{NAME} 電話 {PHONE}")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外側"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "氏名"
    inner.cell(0, 1).text = NAME
    document.add_paragraph("CLAUSES")
    document.add_paragraph(f"連絡先 {EMAIL}")
    document.sections[0].footer.paragraphs[0].text = "社外秘 フッター"
    base = path.with_suffix(".base.docx")
    document.save(str(base))
    clauses = "".join(
        f"<w:p><w:r><w:t>第{n}条 甲は乙に対して業務を委託する。</w:t></w:r></w:p>" for n in range(paragraphs)
    )
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":  # python-docx adds paragraphs in quadratic time
                data = data.replace(b"<w:p><w:r><w:t>CLAUSES</w:t></w:r></w:p>", clauses.encode())
            dest.writestr(info, data)
    return path


def test_a_big_docx_is_streamed_in_parts_in_document_order(tmp_path):
    path = _big_docx(tmp_path / "big.docx", 60_000)
    parts = parts_of(path)
    body = [p for p in parts if p.location == "big.docx"]
    assert len(body) > 1
    assert [p.offset for p in body] == [sum(len(q.text) for q in body[:i]) for i in range(len(body))]
    lines = "".join(p.text for p in body).splitlines()
    assert lines[0] == f"担当者：{NAME} 電話 {PHONE}"
    assert f"氏名\t{NAME}" in lines and lines.index(f"氏名\t{NAME}") < lines.index(
        "第0条 甲は乙に対して業務を委託する。"
    )
    assert lines[-1] == f"連絡先 {EMAIL}" and len(lines) == 60_000 + 5
    assert parts[-1].location == "big.docx!header-footer" and "社外秘 フッター" in parts[-1].text


def test_a_content_budget_cuts_a_streamed_docx(tmp_path):
    from mamori.pii.extract import Limits

    path = _big_docx(tmp_path / "big.docx", 5_000)
    parts = list(extract(path, name="big.docx", limits=Limits(max_part_chars=10_000)))
    assert parts[0].truncated and len(parts[0].text) <= 10_000 and parts[0].text.startswith("担当者")
