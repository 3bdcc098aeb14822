"""PowerPoint and OpenDocument files are read by streaming their XML: same text, bounded memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from mamori.pii.extract import STREAM_SIZE, Limits, extract
from mamori.pii.extract.xmlstream import PIECE_CHARS

from .extract_samples import EMAIL, NAME, PHONE, ROWS, convert, make_html


def make_deck(path: Path, paragraphs: int = 0) -> Path:
    """Write a pptx with python-pptx: a table slide, a grouped text box, notes; slides 1 and 2 swapped.

    With *paragraphs*, the second slide's text box holds that many more paragraphs of contract text
    before a last line with a phone number.
    """
    import pptx
    from pptx.util import Inches

    deck = pptx.Presentation()
    blank = deck.slide_layouts[6]
    first = deck.slides.add_slide(blank)
    table = first.shapes.add_table(len(ROWS), 3, Inches(0.5), Inches(0.5), Inches(8), Inches(2)).table
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    second = deck.slides.add_slide(blank)
    group = second.shapes.add_group_shape()
    box = group.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1)).text_frame
    box.text = "営業会議の議事録"
    for n in range(paragraphs):
        box.add_paragraph().text = f"第{n}条 本契約の条項に従い、甲は乙に対して業務を委託する。"
    box.add_paragraph().text = f"連絡先 {PHONE}"
    second.notes_slide.notes_text_frame.text = f"担当 {NAME} 様"
    order = deck.slides._sldIdLst  # noqa: SLF001 - python-pptx has no public API to move a slide
    order.insert(0, order[1])
    deck.save(str(path))
    return path


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    """Return a directory with the deck, the deck converted to odp, and an odt converted from HTML."""
    root = tmp_path_factory.mktemp("streamed")
    deck = make_deck(root / "deck.pptx")
    convert([deck], "odp", root)
    html = make_html(root / "letter.html")
    html.write_text(
        html.read_text(encoding="utf-8").replace(
            "</body>",
            "<table><tr><td>氏名</td><td>電話</td></tr>"
            "<tr><td>佐藤 花子</td><td>080-2345-6789</td></tr></table></body>",
        ),
        encoding="utf-8",
    )
    memo = root / "memo.txt"
    memo.write_text(f"氏名  {NAME}\t様\n", encoding="utf-8")  # LibreOffice writes text:s and text:tab
    convert([html, memo], "odt", root)
    return root


def test_pptx_slides_come_in_presentation_order_with_tables_groups_and_notes(docs):
    parts = list(extract(docs / "deck.pptx", name="deck.pptx"))
    assert [p.location for p in parts] == ["deck.pptx!slide1", "deck.pptx!slide2"]
    assert parts[0].text.splitlines()[:2] == ["営業会議の議事録", f"連絡先 {PHONE}"]
    assert f"担当 {NAME} 様" in parts[0].text  # the notes of that slide
    assert f"{NAME}\t{EMAIL}\t{PHONE}" in parts[1].text.splitlines()


def test_odp_written_by_libreoffice_is_read(docs):
    text = "\n".join(p.text for p in extract(docs / "deck.odp", name="deck.odp"))
    assert f"連絡先 {PHONE}" in text and NAME in text and EMAIL in text


def test_odt_written_by_libreoffice_has_paragraphs_table_rows_spaces_and_tabs(docs):
    [part] = extract(docs / "letter.odt", name="letter.odt")
    lines = part.text.splitlines()
    assert NAME in lines and EMAIL in lines
    assert "佐藤 花子\t080-2345-6789" in lines
    [memo] = extract(docs / "memo.odt", name="memo.odt")
    assert memo.text == f"氏名  {NAME}\t様"


def test_a_huge_slide_comes_in_parts_and_the_last_line_is_still_read(tmp_path):
    deck = make_deck(tmp_path / "big.pptx", paragraphs=40_000)
    parts = list(extract(deck, name="big.pptx"))
    first = [p for p in parts if p.location == "big.pptx!slide1"]
    assert len(first) >= 2 and first[1].offset > PIECE_CHARS / 2
    assert f"連絡先 {PHONE}" in first[-1].text.splitlines()
    assert "".join(p.text for p in first).count("本契約の条項") == 40_000


def test_a_content_budget_cuts_a_slide_at_a_line_end(tmp_path):
    deck = make_deck(tmp_path / "big.pptx", paragraphs=2000)
    parts = list(extract(deck, name="big.pptx", limits=Limits(max_part_chars=10_000)))
    first = [p for p in parts if p.location == "big.pptx!slide1"]
    assert first[-1].truncated and sum(len(p.text) for p in first) <= 10_000
    assert first[-1].text.endswith("委託する。")


def jis_log(lines: int) -> bytes:
    """Return an ISO-2022-JP log as Outlook writes it: NEC extensions (① ㈱) and, now and then, a
    line that ends still in the kanji set (the next line's kanji go on without a new escape)."""
    out = []
    for n in range(lines):
        line = f"{n} 宛先 {NAME}様 {n}@example.jp 件名 ご注文の確認\n".encode("iso2022_jp")
        if n % 997 == 0:
            line = b'\x1b$B-!-"\x1b(B \x1b$B#1$r\n%F%9%H\x1b(B\n'  # ①② １を / テスト in the kanji set
        out.append(line)
    return b"".join(out)


def test_a_big_iso2022jp_file_is_streamed_in_parts_with_the_same_text(tmp_path):
    from mamori.pii.extract import decode_iso2022jp

    data = jis_log(STREAM_SIZE // 60 + 1000)
    assert len(data) > STREAM_SIZE
    path = tmp_path / "mail.log"
    path.write_bytes(data)
    parts = list(extract(path, limits=Limits(max_file_size=4 * len(data))))
    assert len(parts) > 4 and {p.encoding for p in parts} == {"iso-2022-jp"}
    text = "".join(p.text for p in parts)
    assert text == decode_iso2022jp(data)
    assert "①② １を\nテスト\n" in text
