"""Comments, notes, footnotes and annotations of office files, written by python-docx, openpyxl and LibreOffice."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from mamori.pii.extract import comments, extract, xlsxstream

from .extract_samples import convert, soffice

COMMENT = "比嘉 湊様の件、090-3381-3885に折り返し"
NOTE = "比嘉 湊様 取り置き分 090-3381-3885"
FOOTNOTE = "担当：宮城 美咲（内線 2231）"
AUTHOR = "山田 花子"

_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)
_ANNOTATION = (
    f"<office:annotation><dc:creator>{AUTHOR}</dc:creator><dc:date>2026-12-06T10:00:00</dc:date>"
    "<text:p>{}</text:p></office:annotation>"
)
FODT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {_ODF} office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>
<text:p>見積金額を{_ANNOTATION.format(COMMENT)}再確認してください。</text:p>
<text:p>納期は来月です<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>
<text:note-body><text:p>{FOOTNOTE}</text:p></text:note-body></text:note>。</text:p>
</office:text></office:body></office:document>"""
FODS = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {_ODF} office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="在庫">
<table:table-row><table:table-cell office:value-type="string"><text:p>品番</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>数量</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string">{_ANNOTATION.format("棚卸は月末")}
<text:p>A-100</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="12">{_ANNOTATION.format(NOTE)}<text:p>12</text:p>
</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document>"""
FODP = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {_ODF} office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:body><office:presentation><draw:page draw:name="p1">
<draw:frame svg:x="1cm" svg:y="1cm" svg:width="10cm" svg:height="2cm"><draw:text-box>
<text:p>第3四半期の売上</text:p></draw:text-box></draw:frame>{_ANNOTATION.format(COMMENT)}
</draw:page></office:presentation></office:body></office:document>"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    """Return a directory of odt/docx, ods/xlsx and pptx that LibreOffice wrote from flat ODF sources."""
    soffice()
    root = tmp_path_factory.mktemp("comments")
    for name, source in (("memo.fodt", FODT), ("stock.fods", FODS), ("deck.fodp", FODP)):
        (root / name).write_text(source, encoding="utf-8")
    convert([root / "memo.fodt"], "odt", root)
    convert([root / "memo.fodt"], "docx:MS Word 2007 XML", root)
    convert([root / "stock.fods"], "ods", root)
    convert([root / "stock.fods"], "xlsx", root)
    convert([root / "deck.fodp"], "pptx", root)
    return root


def texts(path: Path | bytes, name: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in extract(path, name=name):
        assert not part.problems, part.problems
        found[part.location] = found.get(part.location, "") + part.text
    return found


def test_python_docx_review_comment_is_a_part_of_its_own(tmp_path):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("見積金額を再確認してください。")
    document.add_comment(paragraph.runs, text=COMMENT, author=AUTHOR, initials="YH")
    document.save(tmp_path / "quote.docx")
    assert texts(tmp_path / "quote.docx", "quote.docx") == {
        "quote.docx": "見積金額を再確認してください。",
        "quote.docx!comments": COMMENT,
    }


def test_libreoffice_docx_comment_and_footnote_are_read_and_the_author_is_not(converted):
    found = texts(converted / "memo.docx", "memo.docx")
    assert found["memo.docx!comments"] == COMMENT
    assert found["memo.docx!footnotes"].strip() == FOOTNOTE
    assert AUTHOR not in "".join(found.values())


def test_odt_annotation_and_footnote_are_read_without_the_author(converted):
    (body,) = texts(converted / "memo.odt", "memo.odt").values()
    assert COMMENT in body and FOOTNOTE in body and "再確認してください。" in body
    assert AUTHOR not in body


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("name", ["stock.ods", "stock.xlsx"])
def test_libreoffice_cell_comment_is_read_after_the_sheet(converted, name, streamed, monkeypatch):
    monkeypatch.setattr(xlsxstream, "STREAM_SHEET_BYTES", 0 if streamed else 1 << 40)
    found = texts(converted / name, name)
    comments = f"{name}!在庫!comments" if name.endswith("xlsx") else f"{name}!comments"
    assert found == {f"{name}!在庫": "品番\t数量\nA-100\t12", comments: f"棚卸は月末\n{NOTE}"}


def test_libreoffice_pptx_comment_is_read(converted):
    found = texts(converted / "deck.pptx", "deck.pptx")
    assert found == {"deck.pptx!slide1": "第3四半期の売上", "deck.pptx!comments": COMMENT}


def _openpyxl_with_note() -> bytes:
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "在庫"
    sheet.append(["品番", "数量"])
    sheet.append(["A-100", 12])
    sheet["B2"].comment = Comment(NOTE, AUTHOR)
    sheet["A1"].comment = Comment("棚卸は月末", AUTHOR)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_openpyxl_cell_notes_are_read_in_order(tmp_path):
    found = texts(_openpyxl_with_note(), "stock.xlsx")
    assert found["stock.xlsx!在庫!comments"] == f"棚卸は月末\n{NOTE}"
    assert AUTHOR not in "".join(found.values())


def _rewrite(data: bytes, changes: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dest:
        for info in src.infolist():
            dest.writestr(info.filename, changes.pop(info.filename, b"") or src.read(info))
        for name, content in changes.items():
            dest.writestr(name, content)
    return out.getvalue()


def test_threaded_comment_is_read_once_not_again_as_its_legacy_note():
    """Excel writes a threaded comment twice: in threadedComments and as a note for older versions."""
    data = _openpyxl_with_note()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels_name = "xl/worksheets/_rels/sheet1.xml.rels"
        rels = zf.read(rels_name).decode()
        legacy = next(n for n in zf.namelist() if "comment" in n and n.endswith(".xml"))
        note = zf.read(legacy).decode()
    note = note.replace(NOTE, "[Threaded comment]\n\nYour version of Excel allows you to read this.")
    threaded = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
        '<threadedComment ref="B2" dT="2026-12-06T10:00:00.00" personId="{1}" id="{2}">'
        f"<text>{NOTE}</text></threadedComment>"
        '<threadedComment ref="B2" dT="2026-12-06T11:00:00.00" personId="{1}" id="{3}" parentId="{2}">'
        "<text>了解です</text></threadedComment></ThreadedComments>"
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rTC" Type="http://schemas.microsoft.com/office/2017/10/relationships/'
        'threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>',
    )
    data = _rewrite(
        data,
        {
            rels_name: rels.encode(),
            legacy: note.encode(),
            "xl/threadedComments/threadedComment1.xml": threaded.encode(),
        },
    )
    found = texts(data, "stock.xlsx")
    assert found["stock.xlsx!在庫!comments"] == f"{NOTE}\n了解です\n棚卸は月末"


def test_damaged_comments_are_a_problem_and_the_document_is_still_read(tmp_path):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("見積金額を再確認してください。")
    document.add_comment(paragraph.runs, text=COMMENT, author=AUTHOR)
    document.save(tmp_path / "quote.docx")
    data = _rewrite((tmp_path / "quote.docx").read_bytes(), {"word/comments.xml": b"<w:comments><w:comm"})
    parts = list(extract(data, name="quote.docx"))
    assert parts[0].text == "見積金額を再確認してください。"
    assert [(p.location, [q.code for q in p.problems]) for p in parts[1:]] == [
        ("quote.docx!comments", ["malformed"])
    ]
    book = _openpyxl_with_note()
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        legacy = next(n for n in zf.namelist() if "comment" in n and n.endswith(".xml"))
    parts = list(extract(_rewrite(book, {legacy: b"<comments><commentList"}), name="s.xlsx"))
    assert parts[0].text == "品番\t数量\nA-100\t12"
    assert [(p.location, [q.code for q in p.problems]) for p in parts[1:]] == [
        ("s.xlsx!在庫!comments", ["malformed"])
    ]


def _many_comments_fods(rows: int) -> tuple[str, list[str]]:
    """Return a flat ODS of *rows* customers, a comment on every 7th (two paragraphs, spaces), and the comments."""
    lines, written = [], []
    for i in range(rows):
        note = ""
        if i % 7 == 3:
            comment = f"{i}番 折り返し 090-{i % 9000 + 1000:04d}-3885"
            written.append(f"{comment}\n担当  宮城")
            note = _ANNOTATION.format(comment + "</text:p><text:p>担当<text:s/> 宮城").replace(
                "<office:annotation>", '<office:annotation office:display="true">'
            )
        lines.append(
            f'<table:table-row><table:table-cell office:value-type="string">{note}<text:p>比嘉 湊{i}</text:p>'
            f'</table:table-cell><table:table-cell office:value-type="string"><text:p>沖縄県那覇市{i}</text:p>'
            "</table:table-cell></table:table-row>"
        )
    body = "".join(lines)
    source = (
        FODS.split("<table:table-row>", 1)[0]
        + body
        + "</table:table></office:spreadsheet></office:body></office:document>"
    )
    return source, written


@pytest.fixture(scope="module")
def commented_ods(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("ods")
    source, written = _many_comments_fods(3000)
    (root / "big.fods").write_text(source, encoding="utf-8")
    (ods,) = convert([root / "big.fods"], "ods", root)
    return ods, written


@pytest.mark.parametrize("block", [977, 4096, comments.CHUNK])
def test_comments_of_a_libreoffice_ods_are_read_across_inflated_blocks(commented_ods, block, monkeypatch):
    # The comments are found by searching the inflated content.xml, not by parsing it a second time;
    # small blocks put many of them across two blocks of the search.
    monkeypatch.setattr(comments, "CHUNK", block)
    ods, written = commented_ods
    found = texts(ods, "big.ods")
    assert found["big.ods!comments"] == "\n".join(written)
    assert AUTHOR not in found["big.ods!comments"]
