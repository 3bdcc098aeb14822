"""Binary content is never scanned as text: renamed programs and images count as not read (``binary``)."""

from __future__ import annotations

import pytest

from mamori.pii.extract import INCOMPLETE, STREAM_SIZE, extract
from mamori.pii.extract.text import looks_binary

from .extract_samples import JAPANESE_TEXT, PHONE, png_bytes, program_bytes, zip_bytes, zip_with_tool


def problems(parts) -> dict[str, tuple[str, str]]:
    """Return location -> (code, kind) of every problem of *parts*."""
    return {p.location: (p.code, p.params.get("kind", "")) for part in parts for p in part.problems}


def test_binary_is_a_problem_that_means_not_read():
    assert "binary" in INCOMPLETE


@pytest.mark.parametrize("name", ["顧客.csv", "名簿.txt", "a.log", "data.dat", "backup.bak"])
def test_a_program_under_a_text_or_unknown_name_is_not_read(name):
    parts = list(extract(program_bytes(), name=name))
    assert problems(parts) == {name: ("binary", "executable")}
    assert not any(part.text for part in parts)


@pytest.mark.parametrize("name", ["顧客.csv", "report.docx", "list.xlsx", "scan.pdf", "page.html"])
def test_an_image_renamed_to_a_document_is_not_read(name):
    parts = list(extract(png_bytes(), name=name))
    assert problems(parts) == {name: ("binary", "PNG image")}


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("photo.png", "unsupported", "PNG image"),
        ("true", "skipped", "executable"),
        ("ls.exe", "skipped", "executable"),
    ],
)
def test_binary_named_as_what_it_is_is_a_format_not_read_or_skipped(name, code, kind):
    # An image is not read (it may be a scanned page); a program holds no documents and is skipped.
    data = png_bytes() if name.endswith(".png") else program_bytes()
    assert problems(extract(data, name=name)) == {name: (code, kind)}


def test_a_high_share_of_control_bytes_is_binary_without_any_nul():
    # A record file of a legacy program: fixed-width records with binary length fields, no NUL at all.
    records = b"".join(bytes([0x01, n % 31 + 1, 0x02, 0x10]) + b"ABCDEFGH" for n in range(2000))
    assert b"\x00" not in records
    assert problems(extract(records, name="customers.dat")) == {"customers.dat": ("binary", "unknown format")}


def test_text_with_a_stray_control_byte_is_still_text():
    text = (JAPANESE_TEXT * 50).encode("cp932") + b"\x1a"  # a DOS end-of-file mark
    assert not looks_binary(text)
    assert not looks_binary(JAPANESE_TEXT.encode() + b"\x07" + JAPANESE_TEXT.encode() * 30)
    [part] = extract(text, name="old.txt")
    assert PHONE in part.text and not part.problems


def test_iso2022jp_escapes_are_not_control_bytes():
    data = ("顧客名簿 山田太郎 " * 500).encode("iso2022_jp")
    assert not looks_binary(data)


def test_a_zip_made_by_the_zip_tool_reports_its_disguised_members(tmp_path):
    target = zip_with_tool(
        tmp_path / "src",
        {
            "顧客.csv": program_bytes(),
            "photo.png": png_bytes(),
            "写真.txt": png_bytes(),
            "memo.txt": b"hello",
        },
        tmp_path / "share.zip",
    )
    found = problems(extract(target))
    loc = str(target)
    assert found == {
        f"{loc}!/顧客.csv": ("binary", "executable"),
        f"{loc}!/写真.txt": ("binary", "PNG image"),
        f"{loc}!/photo.png": ("unsupported", "PNG image"),
    }


def test_a_python_zipfile_member_of_random_bytes_is_not_read():
    data = zip_bytes({"a.csv": bytes(range(256)) * 64, "b.csv": JAPANESE_TEXT.encode()})
    parts = list(extract(data, name="x.zip"))
    assert problems(parts) == {"x.zip!/a.csv": ("binary", "unknown format")}
    assert PHONE in {p.location: p.text for p in parts}["x.zip!/b.csv"]


def test_a_big_binary_file_is_reported_without_being_read_whole(tmp_path):
    path = tmp_path / "huge.log"
    with open(path, "wb") as fh:
        fh.write(program_bytes())
        fh.truncate(STREAM_SIZE + 1024 * 1024)
    assert problems(extract(path)) == {str(path): ("binary", "executable")}


def test_a_zip_stored_in_a_zip_member_named_csv_is_still_read_as_a_zip():
    inner = zip_bytes({"顧客.txt": JAPANESE_TEXT.encode()})
    outer = zip_bytes({"顧客.csv": inner})
    parts = list(extract(outer, name="o.zip"))
    assert not problems(parts)
    assert any(PHONE in part.text for part in parts)


@pytest.mark.parametrize("name", ["受信.eml", "page.html", "a.mht"])
def test_a_blob_named_as_mail_or_html_is_not_read_as_either(name):
    blob = bytes(range(256)) * 64  # NUL bytes and controls: no mail, no page
    assert problems(extract(blob, name=name)) == {name: ("binary", "unknown format")}


def owner_file(user: str) -> bytes:
    """Return the ``~$`` file Word and Excel leave beside a document open for editing.

    No tool here writes one (LibreOffice leaves a text ``.~lock.…#`` file), so it is laid out as Office
    does: the user name's length and its ANSI bytes padded with spaces to 54 bytes, then its length again
    and its UTF-16, zeros to 162 bytes.
    """
    ansi = user.encode("cp932")
    data = (
        bytes([len(ansi)]) + ansi.ljust(53, b" ") + len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    )
    return data.ljust(162, b"\x00")


@pytest.mark.parametrize("name", ["~$顧客名簿.xlsx", "~$見積書.docx", "~$議事録.doc", "~$企画.pptx"])
def test_an_office_owner_file_is_skipped_not_left_unread(name):
    parts = list(extract(owner_file("浅間 健"), name=name))
    assert [(p.code, p.params["kind"]) for part in parts for p in part.problems] == [
        ("skipped", "Office owner file (~$)")
    ]


def test_a_big_binary_file_named_like_an_owner_file_is_still_not_read():
    parts = list(extract(owner_file("x") * 100, name="~$名簿.xlsx"))
    assert [p.code for part in parts for p in part.problems] == ["binary"]


def test_explorers_thumbnail_database_is_skipped():
    from extract_msg import OleWriter

    # Thumbs.db as Explorer writes it ([MS-CFB] with a Catalog stream and one stream per picture); no tool
    # here writes one, so its streams are laid out with extract-msg's OLE writer.
    writer = OleWriter()
    writer.addEntry("Catalog", (16).to_bytes(2, "little") + (7).to_bytes(2, "little") + bytes(60))
    for n in ("1", "2"):
        writer.addEntry(n, bytes(12) + b"\xff\xd8\xff\xe0" + bytes(200))
    data = _ole_bytes(writer)
    for name in ("Thumbs.db", "thumbs.db", "写真/Thumbs.db"):
        parts = list(extract(data, name=name))
        assert [(p.code, p.params["kind"]) for part in parts for p in part.problems] == [
            ("skipped", "Windows thumbnail cache")
        ]


def _ole_bytes(writer) -> bytes:
    import io

    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
