"""Render every draft of a filled and an unfilled incident as a customer gets it: .docx through LibreOffice
to PDF, the first page through pdftoppm to PNG (kept in test-artifacts/ to be looked at).

Checks what a reader would: A4 pages, Japanese language tags and the organisation as author in the .docx,
and no internal words or codes in a letter that leaves the organisation.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from mamori.incidents import services as incident_services
from mamori.reports import export, letters, queries
from mamori.reports import services as report_services
from mamori.reports.letters import LetterIncomplete
from mamori.reports.tests.readers import fill_letter_items, libreoffice_convert, pdftotext, squash, tool
from mamori.testing.factories import make_incident

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "drafts"
DRAFTS = [
    ("ppc", "preliminary"),
    ("ppc", "final"),
    ("pmark", "final"),
    ("notice", "final"),
    ("announcement", "final"),
    ("controller_notice", "final"),
]
LETTERS = ("notice", "announcement", "controller_notice")
#: Internal codes of the rules and the taxonomy that must never reach a reader outside.
INTERNAL_CODES = re.compile(
    r"\b(leak|loss|destruction_damage|tampering|over_1000|special_care|property_damage|"
    r"unauthorized_purpose|my_number_\w+|needs_review|not_reportable|notify_controller|missent)\b"
)
A4_POINTS = (595.3, 841.9)


def _org(incident):
    org = incident.organisation
    org.address = "東京都千代田区見本町1-2-3"
    org.representative = "代表取締役 見本 太郎"
    org.corporate_number = "1234567890123"
    org.industry = "情報サービス業"
    org.contact_person = "個人情報保護管理者 試験 花子"
    org.contact_phone = "03-0000-0000"
    org.contact_email = "privacy@example.com"
    org.pmark_registration_number = "第00000000(01)号"
    org.save()


@pytest.fixture
def filled(employee, manager):
    """A processor's leak of 1,200 customers' names and e-mail addresses, every report detail written."""
    incident = make_incident(employee, persons=1200, data_categories=["name", "email"])
    incident = incident_services.incident_triage(
        incident=incident,
        actor=manager,
        role="processor",
        contractor="株式会社サンプル通販",
        cause="insufficient_check",
        special_care=False,
        property_damage_risk=False,
        unauthorized_purpose=False,
        advanced_encryption=False,
        recovered_before_viewed=False,
        my_number=False,
    )
    _org(incident)
    fill_letter_items(incident, manager)
    report_services.report_details_update(
        incident=incident,
        actor=manager,
        discovery_circumstances="誤送信先のお客様からのご連絡により判明した。",
        advice="当社を装った不審なメールにご注意ください。",
        other_notes="委託元へは電話で第一報を入れた。",
    )
    return incident


@pytest.fixture
def unfilled(employee):
    """An incident just reported: nothing beyond the intake."""
    return make_incident(employee)


def _pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run([tool("pdfinfo"), "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out.stdout)
    return [(float(w), float(h)) for w, h in sizes]


def _render(incident, label: str, tmp_path: Path) -> dict[tuple[str, str], Path]:
    """Write each draft the incident allows as .docx, print it to PDF and its first page to PNG."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    docx: dict[tuple[str, str], Path] = {}
    for kind, stage in DRAFTS:
        try:
            report = queries.build_report(incident, kind, stage)
        except LetterIncomplete:
            continue
        path = tmp_path / f"{label}-{kind}-{stage}.docx"
        path.write_bytes(export.to_docx(report))
        docx[(kind, stage)] = path
    pdfs = libreoffice_convert(list(docx.values()), "pdf", tmp_path)
    for pdf in pdfs:
        subprocess.run(
            [
                tool("pdftoppm"),
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(ARTIFACTS / pdf.stem),
            ],
            check=True,
            capture_output=True,
        )
    return {key: tmp_path / f"{path.stem}.pdf" for key, path in docx.items()}


def test_every_draft_of_a_filled_incident_renders_on_a4_in_japanese(filled, tmp_path):
    pdfs = _render(filled, "filled", tmp_path)
    assert set(pdfs) == set(DRAFTS)
    for (kind, _stage), pdf in pdfs.items():
        pages = _pdf_pages(pdf)
        assert pages and all(abs(w - A4_POINTS[0]) < 1 and abs(h - A4_POINTS[1]) < 1 for w, h in pages), kind
        assert (ARTIFACTS / f"{pdf.stem}.png").stat().st_size > 5000
        docx = tmp_path / f"{pdf.stem}.docx"
        with zipfile.ZipFile(docx) as archive:
            styles = archive.read("word/styles.xml").decode()
            core = archive.read("docProps/core.xml").decode()
        assert 'w:eastAsia="ja-JP"' in styles
        assert "<dc:language>ja-JP</dc:language>" in core
        assert f"<dc:creator>{filled.organisation.name}</dc:creator>" in core
        text = pdftotext(pdf)
        if kind in LETTERS:
            for word in letters.FORBIDDEN_WORDS:
                assert word not in text or kind == "controller_notice" and word == "調査中", (kind, word)
            assert not INTERNAL_CODES.search(text), (kind, INTERNAL_CODES.search(text))
            assert filled.number not in text
            flat = squash(text)
            assert squash("拝啓") in flat and squash("敬具") in flat and squash("以上") in flat


def test_an_unfilled_incident_gets_its_reports_but_no_letter_to_the_public(unfilled, tmp_path):
    pdfs = _render(unfilled, "unfilled", tmp_path)
    assert set(pdfs) == {
        ("ppc", "preliminary"),
        ("ppc", "final"),
        ("pmark", "final"),
        ("controller_notice", "final"),
    }
    for kind in ("notice", "announcement"):
        with pytest.raises(LetterIncomplete) as refused:
            queries.build_report(unfilled, kind, "final")
        assert refused.value.reason
    preliminary = squash(pdftotext(pdfs[("ppc", "preliminary")]))
    assert squash("調査中") in preliminary
    assert squash("報告の要否は確認中です") in preliminary  # the determination still needs review
