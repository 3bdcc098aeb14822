"""Word 97-2003 (.doc) extraction on files written by LibreOffice, encrypted and damaged ones."""

from __future__ import annotations

import random
import struct
from collections.abc import Iterator
from pathlib import Path

import olefile
import pytest

from mamori.pii import detect
from mamori.pii.extract import extract
from mamori.pii.extract.doc import doc_text, plain_text

from .extract_samples import EMAIL, NAME, PHONE, convert, make_docx, protect_with_libreoffice

HELDOUT = Path(__file__).parent / "fixtures" / "heldout2"


def codes(parts) -> list[str]:
    return [problem.code for part in parts for problem in part.problems]


def text_of(path: Path) -> str:
    parts = list(extract(path, name=path.name))
    assert codes(parts) == []
    return "\n".join(part.text for part in parts)


@pytest.fixture(scope="module")
def word_dir(tmp_path_factory) -> Path:
    """A python-docx letter (paragraph, table, footer) and a Japanese page, saved as Word 97 by LibreOffice."""
    root = tmp_path_factory.mktemp("doc")
    letter = make_docx(root / "letter.docx")
    roster = make_sparse_table(root / "名簿.docx")
    page = root / "申込書.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><h1>入居申込書</h1>"
        "<p>申込者氏名：鬼塚 光（おにづか ひかる）様 — café “quoted”</p>"
        "<p>住所：〒390-0815 長野県松本市深志2丁目5-1 <a href='mailto:hikaru@example.jp'>hikaru@example.jp</a></p>"
        "<table border='1'><tr><td>氏名</td><td>住所</td></tr>"
        "<tr><td>栗林 凛</td><td>長野県松本市中央3丁目4-7</td></tr></table></body></html>",
        encoding="utf-8",
    )
    convert([letter, roster], "doc:MS Word 97", root)
    (page_odt,) = convert([page], "odt:writer8", root)
    convert([page_odt], "doc:MS Word 97", root)
    return root


def test_word_97_written_by_libreoffice_has_paragraphs_table_cells_and_footer(word_dir):
    doc = word_dir / "letter.doc"
    assert olefile.isOleFile(str(doc))
    text = text_of(doc)
    assert f"担当者 {NAME} 様" in text.splitlines()
    assert f"電話\t{PHONE}" in text.splitlines() and f"メール\t{EMAIL}" in text.splitlines()
    assert "社外秘 hanako.sato@example.com" in text  # the footer (a header / footer subdocument)


SPARSE_ROWS = (
    ("氏名", "電話", "備考"),
    ("山田 太郎", "090-1234-5678", ""),
    ("", "03-1111-2222", "要確認"),
    ("佐藤 花子", "", ""),
    ("", "", ""),
    ("鈴木 一郎", "080-2222-3333", "再送"),
)


def make_sparse_table(path: Path) -> Path:
    """Write a python-docx table with empty first, middle and last cells and an empty row."""
    import docx

    document = docx.Document()
    document.add_paragraph("顧客一覧")
    table = document.add_table(rows=len(SPARSE_ROWS), cols=3)
    for i, row in enumerate(SPARSE_ROWS):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.add_paragraph("以上")
    document.save(str(path))
    return path


def test_empty_cells_of_a_word_97_table_keep_their_place(word_dir):
    # The row's end mark is told from a cell's by the paragraph's properties (sprmPFTtp): an empty
    # last cell used to lose its tab and push the next row's cells one column left.
    lines = text_of(word_dir / "名簿.doc").splitlines()
    assert lines == ["顧客一覧", *("\t".join(row) for row in SPARSE_ROWS), "以上"]


def test_japanese_latin_and_links_of_a_word_97_page_read_as_written(word_dir):
    lines = text_of(word_dir / "申込書.doc").splitlines()
    assert "申込者氏名：鬼塚 光（おにづか ひかる）様 — café “quoted”" in lines
    assert "住所：〒390-0815 長野県松本市深志2丁目5-1 hikaru@example.jp" in lines  # a field's result, no code
    assert "氏名\t住所" in lines and "栗林 凛\t長野県松本市中央3丁目4-7" in lines
    assert not any("HYPERLINK" in line or "\x13" in line or "\x07" in line for line in lines)


def test_the_held_out_application_form_is_read_and_found():
    path = HELDOUT / "ひかり不動産" / "旧データ" / "入居申込書_2009.doc"
    labels = {s.label for s in detect(text_of(path))}
    assert {"ADDRESS", "POSTAL_CODE", "DATE_OF_BIRTH"} <= labels


def test_password_protected_doc_is_reported_encrypted(word_dir, tmp_path):
    (secret,) = protect_with_libreoffice([word_dir / "letter.doc"], "MS Word 97:doc", tmp_path)
    assert codes(extract(secret, name=secret.name)) == ["encrypted"]


def test_truncated_doc_is_reported_malformed(word_dir):
    data = (word_dir / "letter.doc").read_bytes()
    for size in (len(data) // 2, 4096, 600):
        assert codes(extract(data[:size], name="letter.doc")) == ["malformed"], size


def damaged_copies(data: bytes, count: int, seed: int) -> Iterator[bytes]:
    """Yield *count* copies of an OLE file with 1-8 random bytes changed after its header sector."""
    rng = random.Random(seed)
    for _ in range(count):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(512, len(data))] = rng.randrange(256)
        yield bytes(damaged)


def test_damaged_doc_never_raises_and_says_what_it_could_not_read(word_dir):
    for damaged in damaged_copies((word_dir / "申込書.doc").read_bytes(), 300, seed=11):
        for part in extract(damaged, name="d.doc"):
            assert part.problems or isinstance(part.text, str)


def poke_fib(path: Path, fmt: str, value: int, at: int | None = None) -> bytes:
    """Return the .doc at *path* with one field of its FIB set; *at* None is lcbClx (FibRgFcLcb97 pair 33)."""
    data = bytearray(path.read_bytes())
    ole = olefile.OleFileIO(bytes(data))
    word = ole.openstream("WordDocument").read()
    ole.close()
    if at is None:
        at = 32 + 2 + 2 * struct.unpack_from("<H", word, 32)[0]
        at += 2 + 4 * struct.unpack_from("<H", word, at)[0] + 2 + 8 * 33 + 4
    start = bytes(data).index(word[:64])  # the stream's first 512-byte sector holds the field (at < 512)
    assert at < 512
    struct.pack_into(fmt, data, start + at, value)
    return bytes(data)


def test_a_doc_with_a_cut_piece_table_is_malformed(word_dir):
    data = poke_fib(word_dir / "letter.doc", "<I", 3)  # lcbClx 3: the Clx holds no piece table
    assert codes(extract(data, name="letter.doc")) == ["malformed"]


def test_a_word_95_document_is_unsupported(word_dir):
    data = poke_fib(word_dir / "letter.doc", "<H", 0x0068, at=2)  # nFib of Word 95
    parts = list(extract(data, name="letter.doc"))
    assert codes(parts) == ["unsupported"] and parts[0].problems[0].params["kind"] == "Word 6.0/95 (.doc)"


def test_compressed_and_unicode_pieces_and_nested_fields_follow_ms_doc():
    # Word writes text that fits code page 1252 as "compressed" pieces (one byte a character, at fc / 2)
    # and the rest as UTF-16; fast-saved files have many pieces out of order. [MS-DOC] 2.8.35 / 2.9.73.
    word = bytearray(4096)
    latin = "Tel 03-1234-5678 café\r"
    japanese = "氏名\x07山田太郎\x07\x07\x13 HYPERLINK \x13 REF x \x14in\x15 \x14リンク\x15\r"
    word[2048 : 2048 + 2 * len(japanese)] = japanese.encode("utf-16-le")
    word[1024 : 1024 + len(latin)] = latin.encode("cp1252")
    cps = [0, len(japanese), len(japanese) + len(latin)]
    pcds = struct.pack("<HIH", 0, 2048, 0) + struct.pack("<HIH", 0, 0x40000000 | 2048, 0)
    plc = struct.pack("<3I", *cps) + pcds
    clx = b"\x01\x02\x00\xaa\xbb" + b"\x02" + struct.pack("<I", len(plc)) + plc  # a Prc, then the Pcdt
    table = bytes(100) + clx
    raw = doc_text(bytes(word), table, 100, len(clx), cps[-1])
    assert raw == japanese + latin
    assert plain_text(raw) == "氏名\t山田太郎\nリンク\nTel 03-1234-5678 café\n"
