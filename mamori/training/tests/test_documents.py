"""The certificate PDF and the Excel records open in real readers with the Japanese text intact."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from python_calamine import CalamineWorkbook

from mamori.training import documents
from mamori.training.services import attempts
from mamori.training.tests.conftest import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def passed(assignment, employee):
    employee.display_name = "山田 花子"
    employee.save()
    first = attempts.attempt_start(assignment=assignment, actor=employee)
    attempts.attempt_submit(attempt=first, actor=employee, answers=wrong_answers(first))
    second = attempts.attempt_start(assignment=assignment, actor=employee)
    attempts.attempt_submit(attempt=second, actor=employee, answers=right_answers(second))
    assignment.refresh_from_db()
    return assignment


def pdftotext(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is not installed: run scripts/system-deps (poppler-utils)")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_certificate_pdf_reads_back_with_japanese_names_and_dates(passed, tmp_path):
    pdf = documents.certificate_pdf(passed, "テスト株式会社")
    assert pdf.startswith(b"%PDF-")
    text = pdftotext(pdf, tmp_path)
    assert "山田 花子" in text
    assert "個人情報の事故を防ぐ（全従業者向け 基礎編）" in text
    assert "テスト株式会社" in text
    assert "2026年度 個人情報保護教育（営業部）" in text
    # a document writes its date in 西暦 with 和暦, as the certificate reader expects
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日（令和(\d+|元)年\d{1,2}月\d{1,2}日）", text)
    assert "100" in text


def test_certificate_pdf_is_one_page_for_pdfium(passed):
    import pypdfium2

    doc = pypdfium2.PdfDocument(documents.certificate_pdf(passed, "テスト株式会社"))
    assert len(doc) == 1
    assert "山田" in doc[0].get_textpage().get_text_range()


def test_excel_records_read_back_with_calamine_including_every_attempt(passed, campaign):
    data = documents.records_xlsx(campaign.assignments.select_related("user", "department"), campaign.title)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    attendance = book.get_sheet_by_index(0).to_python()
    rows = {r[4]: r for r in attendance[1:]}
    assert set(rows) == {"employee", "colleague", "depmgr"}
    hanako = rows["employee"]
    assert hanako[2] == "営業部" and hanako[3] == "山田 花子" and hanako[7] == 2 and hanako[8] == 100
    assert rows["colleague"][8] == ""  # not attempted
    attempt_rows = book.get_sheet_by_index(1).to_python()
    assert [(r[1], r[3], r[5]) for r in attempt_rows[1:]] == [("山田 花子", 1, 0), ("山田 花子", 2, 100)]


def test_excel_records_open_in_openpyxl_with_real_dates(passed, campaign):
    import openpyxl

    book = openpyxl.load_workbook(
        io.BytesIO(documents.records_xlsx(campaign.assignments.all(), campaign.title))
    )
    sheet = book.worksheets[0]
    assert sheet.oddHeader.left.text == campaign.title  # the title is printed on every page
    due = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[4] == "employee")[5]
    assert due.date() == campaign.due_date


def test_certificate_pdf_embeds_its_japanese_font(passed, tmp_path):
    from mamori.reports.tests.readers import pdffonts

    path = tmp_path / "certificate.pdf"
    path.write_bytes(documents.certificate_pdf(passed, "テスト株式会社"))
    fonts = pdffonts(path)
    assert fonts and all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts), fonts
