"""The exported .docx and .pdf opened by real readers: LibreOffice headless and poppler."""

import pytest

from mamori.core import pdf as core_pdf
from mamori.reports import export
from mamori.reports.content import build_report
from mamori.reports.tests.readers import libreoffice_convert, pdffonts, pdftotext, squash
from mamori.reports.tests.test_content import complete_facts, facts

DRAFTS = [
    ("ppc", "preliminary"),
    ("ppc", "final"),
    ("pmark", "preliminary"),
    ("pmark", "final"),
    ("notice", "final"),
    ("announcement", "final"),
    ("controller_notice", "final"),
]
LETTERS = ("notice", "announcement")


def reports():
    return {
        (kind, stage): build_report(
            facts() if stage == "preliminary" and kind not in LETTERS else complete_facts(), kind, stage
        )
        for kind, stage in DRAFTS
    }


def assert_every_item_in(report, text):
    """Check that the title, each heading and each item's text are in what the reader returned."""
    flat = squash(text)
    assert squash(report.title) in flat
    for item in report.items:
        assert squash(item.heading) in flat, item.heading
        for line in item.body.splitlines():
            assert squash(line) in flat, line
    for line in report.closing:
        assert squash(line) in flat
    if report.letter:
        letter = report.letter
        for line in (
            letter.date,
            letter.addressee,
            *letter.sender,
            *letter.opening,
            *letter.desk,
            "敬具",
            "以上",
        ):
            assert squash(line) in flat, line


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    files = {}
    for (kind, stage), report in reports().items():
        path = folder / f"{kind}-{stage}.docx"
        path.write_bytes(export.to_docx(report))
        files[(kind, stage)] = path
    return files


def test_docx_opens_in_libreoffice_and_contains_every_report_item(docx_files, tmp_path):
    keys = list(docx_files)
    texts = libreoffice_convert([docx_files[k] for k in keys], "txt:Text (encoded):UTF8", tmp_path)
    expected = reports()
    for key, path in zip(keys, texts, strict=True):
        assert_every_item_in(expected[key], path.read_text(encoding="utf-8-sig"))


def test_docx_printed_to_pdf_by_libreoffice_shows_japanese_text(docx_files, tmp_path):
    key = ("ppc", "final")
    (pdf,) = libreoffice_convert([docx_files[key]], "pdf", tmp_path)
    assert_every_item_in(reports()[key], pdftotext(pdf))
    fonts = pdffonts(pdf)
    assert fonts and all(font["emb"] == "yes" for font in fonts), fonts


@pytest.mark.parametrize("kind,stage", DRAFTS)
def test_pdf_contains_every_report_item_as_japanese_text(kind, stage, tmp_path):
    report = reports()[(kind, stage)]
    path = tmp_path / "draft.pdf"
    path.write_bytes(export.to_pdf(report))
    text = pdftotext(path)
    assert "個人" in text  # Japanese characters come back, not boxes or replacement marks
    assert "\ufffd" not in text
    assert_every_item_in(report, text)
    assert squash(f"{report.title} 1") in squash(text)  # numbered pages


def test_pdf_embeds_its_japanese_font(tmp_path):
    path = tmp_path / "draft.pdf"
    path.write_bytes(export.to_pdf(reports()[("ppc", "final")]))
    fonts = [
        f
        for f in pdffonts(path)
        if f["name"].endswith(("MamoriMincho", "MamoriGothic", "IPAexMincho", "IPAexGothic"))
    ]
    assert fonts, pdffonts(path)
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts)


def test_pdf_falls_back_to_a_cid_font_without_the_truetype_files(tmp_path, monkeypatch):
    monkeypatch.setattr(core_pdf, "TTF_BODY", ("MissingMincho", tmp_path / "missing.ttf"))
    path = tmp_path / "draft.pdf"
    report = reports()[("ppc", "preliminary")]
    path.write_bytes(export.to_pdf(report))
    types = {f["name"]: f["type"] for f in pdffonts(path)}
    assert types.get("HeiseiMin-W3", "").startswith("CID"), types
    assert_every_item_in(report, pdftotext(path))


def test_pdf_of_the_same_draft_is_byte_identical():
    report = reports()[("pmark", "final")]
    assert export.to_pdf(report) == export.to_pdf(report)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        export.render(reports()[("ppc", "final")], "odt")
