"""Build sample files for the extraction and scan tests with the tools that make them for real.

All personal data here is fictional: invented names, ``example.com`` addresses, unassigned numbers.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

NAME = "山田太郎"
EMAIL = "taro.yamada@example.com"
PHONE = "090-1234-5678"
ROWS = [
    ("氏名", "メール", "電話"),
    (NAME, EMAIL, PHONE),
    ("佐藤花子", "hanako.sato@example.com", "080-2345-6789"),
]
JAPANESE_TEXT = f"顧客名簿\n氏名: {NAME}\n電話: {PHONE}\nメール: {EMAIL}\n"


def soffice() -> str:
    """Return the LibreOffice binary, or skip the test (fail when ``MAMORI_REQUIRE_TOOLS`` is set)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    _require("LibreOffice (soffice)")
    raise AssertionError("unreachable")


def convert(sources: list[Path], target: str, outdir: Path) -> list[Path]:
    """Convert *sources* with LibreOffice headless to the *target* format; return the new files."""
    binary = soffice()
    profile = outdir / ".lo-profile"
    cmd = [
        binary,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=240)
    ext = target.split(":")[0]
    return [outdir / f"{src.stem}.{ext}" for src in sources]


def _require(what: str) -> None:
    if os.environ.get("MAMORI_REQUIRE_TOOLS"):
        pytest.fail(f"{what} is required: install the packages of deploy/apt/scan.txt")
    pytest.skip(f"{what} is not installed")


def protect_with_libreoffice(
    sources: list[Path],
    target: str,
    outdir: Path,
    password: str = "himitsu",  # noqa: S107
) -> list[Path]:
    """Save *sources* with an opening password through LibreOffice's UNO API (``FILTER:EXT`` target).

    Runs ``tools/lo_protect.py`` with Debian's python3, which has the ``uno`` module (python3-uno).
    """
    soffice()
    system_python = "/usr/bin/python3"
    check = subprocess.run([system_python, "-c", "import uno"], capture_output=True, check=False)
    if check.returncode:
        _require("python3-uno")
    script = Path(__file__).parent / "tools" / "lo_protect.py"
    subprocess.run(
        [system_python, str(script), password, str(outdir), target, *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    ext = target.rsplit(":", 1)[1]
    return [outdir / f"{src.stem}.{ext}" for src in sources]


def make_xlsx(path: Path, rows: list[tuple[str, ...]] | None = None) -> Path:
    """Write an xlsx workbook with openpyxl: a 名簿 sheet of people and a second, empty-ish sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名簿"
    for row in rows or ROWS:
        sheet.append(list(row))
    book.create_sheet("メモ").append(["連絡先は別紙"])
    book.save(path)
    return path


def make_docx(path: Path) -> Path:
    """Write a Word document with python-docx: a paragraph, a table and a footer."""
    import docx

    document = docx.Document()
    document.add_paragraph(f"担当者 {NAME} 様")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "電話", PHONE
    table.cell(1, 0).text, table.cell(1, 1).text = "メール", EMAIL
    document.sections[0].footer.paragraphs[0].text = "社外秘 hanako.sato@example.com"
    document.save(str(path))
    return path


def make_pptx(path: Path) -> Path:
    """Write a PowerPoint file with python-pptx: a title slide and notes holding a phone number."""
    import pptx

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "営業担当"
    slide.placeholders[1].text = f"{NAME} {EMAIL}"
    slide.notes_slide.notes_text_frame.text = f"携帯 {PHONE}"
    presentation.save(str(path))
    return path


def make_html(path: Path) -> Path:
    """Write a small HTML document for LibreOffice Writer to turn into docx / pdf."""
    path.write_text(
        f"<html><head><meta charset='utf-8'></head><body><p>顧客名簿</p><p>{NAME}</p>"
        f"<p>{EMAIL}</p><p>{PHONE}</p></body></html>",
        encoding="utf-8",
    )
    return path


def zip_bytes(members: dict[str, bytes], utf8_names: bool = True) -> bytes:
    """Return a zip of *members*; with ``utf8_names=False`` names are CP932 without the UTF-8 flag."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    raw = buffer.getvalue()
    if utf8_names:
        return raw
    return _recode_names(raw, members)


class _Cp932Info(zipfile.ZipInfo):
    """Store the name in CP932 without the UTF-8 flag, as Japanese Windows' Explorer writes zips."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 - overrides zipfile's private hook
        return self.filename.encode("cp932"), self.flag_bits & ~0x800


def _recode_names(raw: bytes, members: dict[str, bytes]) -> bytes:
    """Rewrite each member of *raw* with its name in CP932."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = _Cp932Info(info.filename, info.date_time)
            new.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(new, src.read(info))
    return buffer.getvalue()


def tar_bytes(members: dict[str, bytes], encoding: str = "utf-8") -> bytes:
    """Return a GNU tar of *members*, names written in *encoding*."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT, encoding=encoding) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def nested_zip(depth: int, leaf: bytes = JAPANESE_TEXT.encode()) -> bytes:
    """Return a zip nested *depth* times around a text file."""
    data = zip_bytes({"leaf.txt": leaf})
    for level in range(1, depth):
        data = zip_bytes({f"level{level}.zip": data})
    return data


def bomb_zip(size: int = 64 * 1024 * 1024) -> bytes:
    """Return a zip holding *size* zero bytes (compresses about 1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("zeros.txt", "w", force_zip64=True) as fh:
            chunk = b"0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return buffer.getvalue()


def lying_bomb_zip() -> bytes:
    """Return a zip bomb whose central directory understates the member's size (a forged header)."""
    data = bomb_zip(32 * 1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.infolist()[0]
    forged = bytearray(data)
    central = forged.rfind(b"PK\x01\x02")
    struct.pack_into("<I", forged, central + 24, 1000)  # uncompressed size field
    local = 0
    struct.pack_into("<I", forged, local + 22, 1000)
    assert info.file_size > 1000
    return bytes(forged)


def encrypt_ooxml(source: Path, target: Path, password: str = "himitsu") -> Path:  # noqa: S107
    """Password-protect an xlsx/docx with msoffcrypto-tool (Agile encryption, as Office does)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as fin, target.open("wb") as fout:
        OOXMLFile(fin).encrypt(password, fout)
    return target


def encrypted_pdf() -> bytes:
    """Return a PDF with a user password, written by pypdf."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("himitsu")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_pdf() -> bytes:
    """Return a PDF page without any text (what a scanned image looks like to a text extractor)."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def eml_bytes(attachments: dict[str, bytes] | None = None) -> bytes:
    """Return a Japanese mail in ISO-2022-JP (headers and body) with optional attachments."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = f"{NAME} <{EMAIL}>"
    message["To"] = "soumu@example.com"
    message["Subject"] = "顧客名簿の送付"
    message.set_content(f"お世話になっております。\n{NAME}の携帯は{PHONE}です。\n", charset="iso-2022-jp")
    for name, data in (attachments or {}).items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()


def _prop(tag: int, value: int = 0, flags: int = 6) -> bytes:
    """Return one 16-byte fixed-size entry of a MAPI property stream."""
    return struct.pack("<IIQ", tag, flags, value)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def msg_bytes(
    subject: str,
    body: str,
    sender: str,
    attachments: dict[str, bytes],
    message_class: str = "IPM.Note",
    strings: dict[str, str] | None = None,
) -> bytes:
    """Return a minimal Outlook .msg (an OLE file of MAPI property streams) written with extract-msg's OleWriter.

    Outlook itself is not available to CI; the streams follow [MS-OXMSG]: message class, subject, body,
    sender, one recipient and attachments by value.
    """
    from extract_msg import OleWriter

    w = OleWriter()
    header = bytes(8) + struct.pack("<IIII", 1, len(attachments), 1, len(attachments)) + bytes(8)
    w.addEntry("__properties_version1.0", data=header + _prop(0x3FFD0003, 65001))
    w.addEntry("__substg1.0_001A001F", data=_utf16(message_class))
    for tag, value in (strings or {}).items():
        w.addEntry(f"__substg1.0_{tag}001F", data=_utf16(value))
    w.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        w.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", data=b"")
    w.addEntry("__substg1.0_0037001F", data=_utf16(subject))
    w.addEntry("__substg1.0_1000001F", data=_utf16(body))
    w.addEntry("__substg1.0_0C1A001F", data=_utf16(sender))
    w.addEntry("__substg1.0_0C1F001F", data=_utf16(sender))
    w.addEntry("__recip_version1.0_#00000000", storage=True)
    w.addEntry("__recip_version1.0_#00000000/__properties_version1.0", data=bytes(8) + _prop(0x0C150003, 1))
    w.addEntry("__recip_version1.0_#00000000/__substg1.0_3001001F", data=_utf16("総務部"))
    w.addEntry("__recip_version1.0_#00000000/__substg1.0_3003001F", data=_utf16("soumu@example.com"))
    for i, (name, data) in enumerate(attachments.items()):
        st = f"__attach_version1.0_#{i:08X}"
        w.addEntry(st, storage=True)
        w.addEntry(
            f"{st}/__properties_version1.0",
            data=bytes(8) + _prop(0x37050003, 1) + _prop(0x0E200003, len(data)),
        )
        w.addEntry(f"{st}/__substg1.0_3707001F", data=_utf16(name))
        w.addEntry(f"{st}/__substg1.0_3704001F", data=_utf16(name[:8]))
        w.addEntry(f"{st}/__substg1.0_37010102", data=data)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def program_bytes() -> bytes:
    """Return a real program: the ELF executable of ``true`` as the system's compiler built it."""
    path = shutil.which("true")
    assert path, "no `true` program on PATH"
    return Path(path).read_bytes()


def png_bytes() -> bytes:
    """Return a real PNG image written by Pillow (a small photo-like gradient)."""
    from PIL import Image

    image = Image.new("RGB", (64, 48))
    image.putdata([(x * 4, y * 5, (x + y) % 256) for y in range(48) for x in range(64)])
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def zip_with_tool(folder: Path, members: dict[str, bytes], target: Path) -> Path:
    """Write *members* into *folder* and pack them with Info-ZIP's ``zip``, as a user would."""
    if not shutil.which("zip"):
        _require("Info-ZIP zip")
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in members.items():
        (folder / name).write_bytes(data)
    subprocess.run(["zip", "-q", "-r", str(target), *members], cwd=folder, check=True, timeout=60)
    return target
