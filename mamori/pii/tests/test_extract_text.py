"""Plain text, CSV and HTML extraction: every Japanese encoding, and which one was used."""

from __future__ import annotations

import codecs

import pytest

from mamori.pii.extract import Limits, decode_bytes, decode_iso2022jp, extract

from .extract_samples import JAPANESE_TEXT, NAME, PHONE

CSV = f"氏名,電話\n{NAME},{PHONE}\n佐藤花子,080-2345-6789\n"


def only_part(source, name="sample.txt", limits=None):
    parts = list(extract(source, name=name, limits=limits))
    assert len(parts) == 1, parts
    return parts[0]


@pytest.mark.parametrize(
    ("codec", "reported"),
    [("utf-8", "utf-8"), ("cp932", "cp932"), ("euc_jp", "euc_jp"), ("iso2022_jp", "iso-2022-jp")],
)
def test_text_in_each_japanese_encoding_is_decoded_and_the_encoding_named(codec, reported):
    part = only_part(JAPANESE_TEXT.encode(codec))
    assert part.text == JAPANESE_TEXT
    assert part.encoding == reported
    assert part.problems == ()


@pytest.mark.parametrize("codec", ["cp932", "euc_jp", "utf-8"])
def test_csv_keeps_its_rows_in_each_encoding(codec, tmp_path):
    path = tmp_path / "名簿.csv"
    path.write_bytes(CSV.encode(codec))
    part = only_part(path, name=None)
    assert part.location == str(path)
    assert part.text == CSV
    assert part.encoding == codec


def test_euc_jp_is_not_mistaken_for_half_width_katakana_in_cp932():
    # Both codecs decode these bytes; only EUC-JP gives kanji.
    data = "山田太郎 様".encode("euc_jp")
    assert data.decode("cp932")  # the ambiguity is real
    assert decode_bytes(data) == ("山田太郎 様", "euc_jp")


def test_text_only_one_japanese_codec_decodes_is_not_scored(monkeypatch):
    from mamori.pii.extract import text as text_module

    scored: list[str] = []
    monkeypatch.setattr(text_module, "_japanese_score", lambda t: scored.append(t) or 0)
    cp932_only = "①山田 太郎 ～ 090-1234-5678".encode("cp932")  # ① and ～ are no EUC-JP
    assert decode_bytes(cp932_only) == ("①山田 太郎 ～ 090-1234-5678", "cp932")
    assert scored == []
    both = "山田太郎 様".encode("euc_jp")
    decode_bytes(both)
    assert len(scored) == 2  # both decode: the more Japanese-looking reading is chosen


def test_cp932_extension_characters_decode_where_shift_jis_fails():
    text = "①㈱～ 山田"
    data = text.encode("cp932")
    with pytest.raises(UnicodeDecodeError):
        data.decode("shift_jis")
    assert decode_bytes(data, declared="Shift_JIS") == (text, "cp932")


def test_iso2022jp_with_nec_extensions_from_outlook_keeps_circled_digits():
    # ESC $ B, then JIS row 13 (NEC special characters): ① is 0x2D21, ㈱ is 0x2D6A.
    data = b"\x1b$B-!-j;3ED\x1b(B"
    assert decode_iso2022jp(data) == "①㈱山田"


def test_utf8_bom_and_utf16_are_recognised():
    assert decode_bytes(codecs.BOM_UTF8 + "氏名".encode()) == ("氏名", "utf-8-sig")
    assert decode_bytes("氏名".encode("utf-16")) == ("氏名", "utf-16")


def test_undecodable_bytes_fall_back_without_raising():
    text, encoding = decode_bytes(bytes(range(0x80, 0x100)) * 4)
    assert isinstance(text, str)
    assert encoding


def test_html_is_reduced_to_visible_text():
    html = f"<html><style>p{{}}</style><body><p>{NAME}</p><script>var x</script></body></html>"
    part = only_part(html.encode(), name="page.html")
    assert NAME in part.text
    assert "var x" not in part.text and "p{}" not in part.text


def test_html_blocks_end_their_lines_and_a_footer_stands_apart():
    html = (
        "<h1>あおば整骨院</h1><p>駅前</p><section><h2>お客様の声</h2><blockquote>丁寧でした（T様）</blockquote>"
        "<blockquote>安心です</blockquote></section><footer><address>〒150-0002 東京都渋谷区渋谷2丁目1-1<br>"
        "TEL 03-6427-0001</address></footer>"
    )
    text = only_part(html.encode(), name="page.html").text
    assert text.split("\n") == [
        "",
        "あおば整骨院",
        "駅前",
        "",
        "お客様の声",
        "丁寧でした（T様）",
        "安心です",
        "",
        "〒150-0002 東京都渋谷区渋谷2丁目1-1",
        "TEL 03-6427-0001",
    ]


def test_binary_file_is_reported_unsupported_not_decoded():
    part = only_part(b"\x89PNG\r\n\x1a\n" + bytes(100), name="photo.png")
    assert [p.code for p in part.problems] == ["unsupported"]
    assert part.text == ""


def test_missing_file_is_reported_unreadable(tmp_path):
    part = only_part(tmp_path / "missing.txt", name=None)
    assert [p.code for p in part.problems] == ["unreadable"]
    assert "could not be opened" in part.problems[0].message


def test_file_over_the_size_limit_is_reported_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    part = only_part(path, name="big.txt", limits=Limits(max_file_size=1000))
    assert [p.code for p in part.problems] == ["too_large"]
    assert part.problems[0].params["limit"] == 1000


def test_problem_messages_are_gettext_templates_with_named_placeholders():
    part = only_part(b"\x89PNG" + bytes(10), name="a.png")
    problem = part.problems[0]
    assert "%(location)s" in problem.template
    assert problem.as_dict()["message"].startswith("a.png ")


def test_iso2022jp_decodes_as_windows_does_on_the_fast_path_too():
    from mamori.pii.extract.text import _decode_pairs

    assert decode_iso2022jp("〜−‖¢£¬".encode("iso2022_jp")) == "～－∥￠￡￢"  # cp932's code points
    for first in range(0x21, 0x7F):  # every JIS X 0208 row: Python's codec where it can, pairs elsewhere
        for second in range(0x21, 0x7F):
            data = b"\x1b$B" + bytes((first, second)) + b"\x1b(B"
            try:
                expected = _decode_pairs(data, "ascii")
            except UnicodeDecodeError:
                continue
            assert decode_iso2022jp(data) == expected, data
