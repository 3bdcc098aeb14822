"""RTF extraction on files written by LibreOffice and on Word-style RTF with Shift_JIS bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mamori.pii import detect
from mamori.pii.extract import extract, kind_of

from .extract_samples import EMAIL, NAME, PHONE, convert, make_docx

# What Japanese Word and WordPad write: \ansicpg932, a font of charset 128 (Shift_JIS) whose name is
# itself in \'xx bytes (ＭＳ 明朝), text as \'xx Shift_JIS bytes (\'82\'a0 = あ, \'8e\'52\'93\'63 = 山田,
# \'97\'6c = 様), and Unicode \uN escapes followed by their Shift_JIS fallback (\uc2: two bytes to skip).
# Destinations that hold no text: \*\generator, \info (author), \*\bkmkstart, a picture, the colour table.
WORD_RTF = (
    rb"{\rtf1\ansi\ansicpg932\deff0\nouicompat\deflang1033\deflangfe1041"
    rb"{\fonttbl{\f0\fnil\fcharset128 \'82\'6c\'82\'72 \'96\'be\'92\'a9;}{\f1\fswiss\fcharset0 Arial;}}"
    rb"{\colortbl ;\red255\green0\blue0;}"
    rb"{\*\generator Riched20 10.0.19041}{\info{\author \'8d\'b2\'93\'a1}}\viewkind4\uc1"
    b"\r\n"
    rb"\pard\sa200\sl276\slmult1\f0\fs22\lang1041\'82\'a0\'82\'a2\'82\'a4 \'8e\'52\'93\'63\'91\'be\'98\'59\'97\'6c\par"
    b"\r\n"
    rb"{\*\bkmkstart tel}{\*\bkmkend tel}\f1 Tel 090-1234-5678\par"
    b"\r\n"
    rb"\f0\uc2\u23665\'8e\'52\u30000\'93\'63\'89\'d4\'8e\'71\uc1\u27096?\par"
    b"\r\n"
    rb"{\pict\pngblip\picw10\pich10 89504e470d0a1a0a}"
    b"\r\n"
    rb"\trowd\cellx2000\cellx6000\intbl \'8e\'81\'96\'bc\cell \'8d\'b2\'93\'a1\'8c\'92\cell\row"
    b"\r\n"
    rb"}"
)


def text_of(data: bytes, name: str) -> str:
    parts = list(extract(data, name=name))
    assert [problem for part in parts for problem in part.problems] == []
    return "\n".join(part.text for part in parts)


def test_the_word_style_bytes_are_what_the_comment_says():
    assert "あ".encode("cp932") == b"\x82\xa0" and "山田".encode("cp932") == b"\x8e\x52\x93\x63"
    assert "ＭＳ 明朝".encode("cp932") == b"\x82\x6c\x82\x72 \x96\xbe\x92\xa9"
    assert "氏名\t佐藤健".encode("cp932") == b"\x8e\x81\x96\xbc\t\x8d\xb2\x93\xa1\x8c\x92"
    assert [ord(c) for c in "山田様"] == [23665, 30000, 27096] and "花子".encode(
        "cp932"
    ) == b"\x89\xd4\x8e\x71"


def test_word_style_rtf_decodes_shift_jis_bytes_and_unicode_escapes():
    text = text_of(WORD_RTF, "memo.rtf")
    assert text.splitlines() == ["あいう 山田太郎様", "Tel 090-1234-5678", "山田花子様", "氏名\t佐藤健"]
    assert "ＭＳ" not in text and "Riched20" not in text and "tel\n" not in text  # font, generator, bookmark
    assert "89504e" not in text and "佐藤\n" not in text  # no picture; the author in \\info is metadata


def test_names_in_word_style_rtf_are_found():
    spans = {(s.label, s.text) for s in detect(text_of(WORD_RTF, "memo.rtf"))}
    assert {("PERSON", "山田太郎"), ("PHONE", "090-1234-5678"), ("PERSON", "佐藤健")} <= spans


def test_rtf_saved_under_a_doc_name_is_read_as_rtf():
    # Word's "save as RTF" keeps a .doc name on many shares; the content decides.
    assert kind_of(WORD_RTF, "議事録.doc") == "rtf"
    assert "山田太郎様" in text_of(WORD_RTF, "議事録.doc")


@pytest.fixture(scope="module")
def libreoffice_rtf(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("rtf")
    (rtf,) = convert([make_docx(root / "letter.docx")], "rtf:Rich Text Format", root)
    return rtf


def test_rtf_written_by_libreoffice_is_read_with_its_table_and_footer(libreoffice_rtf):
    data = libreoffice_rtf.read_bytes()
    assert data.startswith(rb"{\rtf1") and rb"\u" in data and data.isascii()  # Japanese as \uN escapes
    text = text_of(data, libreoffice_rtf.name)
    assert f"担当者 {NAME} 様" in text
    assert f"電話\t{PHONE}" in text and f"メール\t{EMAIL}" in text  # table cells tab-separated
    assert "hanako.sato@example.com" in text  # the footer
    assert "Liberation" not in text and "Normal" not in text  # no font table, no style sheet


@pytest.mark.parametrize("head", [b"\xef\xbb\xbf", b"\r\n", b"  \n\t", b"\xef\xbb\xbf\r\n"])
def test_rtf_after_a_byte_order_mark_or_blank_space_is_read_as_rtf(libreoffice_rtf, head):
    # Editors and scripts that wrote the file as UTF-8 text leave a BOM or a blank line before {\rtf1.
    data = head + libreoffice_rtf.read_bytes()
    assert kind_of(data, "letter.rtf") == kind_of(data, "letter.doc") == "rtf"
    assert text_of(data, "letter.rtf") == text_of(libreoffice_rtf.read_bytes(), "letter.rtf")


def test_cut_rtf_keeps_the_text_before_the_cut(libreoffice_rtf):
    data = libreoffice_rtf.read_bytes()
    cut = data[: data.index(rb"\u27096") + 8]  # just after 様 (U+69D8), braces left open
    assert f"担当者 {NAME} 様" in text_of(cut, "cut.rtf")


def test_raw_shift_jis_in_rtf_is_decoded():
    # Some old Japanese tools write Shift_JIS bytes into the RTF itself instead of \'xx escapes.
    data = r"{\rtf1\ansi\ansicpg932 {\fonttbl{\f0\fcharset128 MS Mincho;}}\f0 顧客 山田太郎様\par}".encode(
        "cp932"
    )
    assert text_of(data, "old.rtf").strip() == "顧客 山田太郎様"


def test_a_hyperlink_shows_its_text_and_raw_picture_bytes_are_skipped():
    # Binary data with braces that are no markup and bytes that would pair up as Shift_JIS if decoded.
    png = b"\x89PNG\r\n\x1a\n" + b"\x82\x7d\x82\x7b}" * 20
    data = (
        rb"{\rtf1\ansi\ansicpg932 {\pict\pngblip\bin" + str(len(png)).encode() + b" " + png + b"}"
        rb"{\field{\*\fldinst{HYPERLINK \"mailto:taro@example.jp\"}}{\fldrslt{\'8e\'52\'93\'63 taro@example.jp}}}"
        rb"\par a\{b\}c\\d\par}"
    )
    assert text_of(data, "link.rtf").splitlines() == ["山田 taro@example.jp", "a{b}c\\d"]
