"""Build fictional test mails, zip files and TNEF blobs the way Japanese mailers write them."""

from __future__ import annotations

import io
import struct
import zipfile
from email.message import EmailMessage
from email.policy import SMTP

SENDER = "山田 太郎 <yamada@example.co.jp>"
INTERNAL = "example.co.jp"


def my_number(first11: str = "12345678901") -> str:
    """Return a fictional 12-digit My Number, valid only by its check digit."""
    digits = [int(c) for c in first11][::-1]
    total = sum(digits[n - 1] * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    rest = total % 11
    return first11 + str(0 if rest <= 1 else 11 - rest)


def mail(
    *,
    to: tuple[str, ...] = ("佐藤 花子 <sato@example.com>",),
    cc: tuple[str, ...] = (),
    bcc: tuple[str, ...] = (),
    subject: str = "お見積りの件",
    body: str = "いつもお世話になっております。\nよろしくお願いいたします。\n",
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    sender: str = SENDER,
) -> bytes:
    """Return a UTF-8 MIME mail; attachments are (file name, bytes, "maintype/subtype")."""
    msg = EmailMessage()
    msg["From"] = sender
    if to:
        msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    if bcc:
        msg["Bcc"] = ", ".join(bcc)
    msg["Subject"] = subject
    msg.set_content(body)
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes(policy=SMTP)


def sjis_to_jis(data: bytes) -> bytes:
    """Return ISO-2022-JP bytes for Shift_JIS double-byte text (as Outlook writes CP50220)."""
    out, i = bytearray(b"\x1b$B"), 0
    while i < len(data):
        s1, s2 = data[i], data[i + 1]
        i += 2
        s1 -= 0x40 if s1 >= 0xE0 else 0
        j1 = (s1 - 0x81) * 2 + 0x21
        if s2 >= 0x9F:
            j1, j2 = j1 + 1, s2 - 0x7E
        else:
            j2 = s2 - 0x1F - (1 if s2 >= 0x80 else 0)
        out += bytes((j1, j2))
    return bytes(out + b"\x1b(B")


def jis(text: str) -> bytes:
    """Return ISO-2022-JP (CP50220) bytes for full-width text, extension characters included."""
    return sjis_to_jis(text.encode("cp932"))


def zip_bytes(files: dict[str, bytes], *, cp932_names: bool = False, encrypted: bool = False) -> bytes:
    """Return a zip; names in CP932 without the UTF-8 flag (as Windows writes), or flagged encrypted.

    The encryption flag is set on otherwise stored members: enough to test that the guard reports
    an archive it cannot open, which is what it must do with a real password zip.
    """
    placeholders: dict[bytes, bytes] = {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i, (name, data) in enumerate(files.items()):
            if cp932_names:
                raw = name.encode("cp932")
                stand_in = f"n{i}_".ljust(len(raw), "x")
                placeholders[stand_in.encode()] = raw
                name = stand_in
            zf.writestr(name, data)
    out = buf.getvalue()
    for stand_in_bytes, raw_name in placeholders.items():
        out = out.replace(stand_in_bytes, raw_name)
    if encrypted:
        out = _set_flag(out, b"PK\x03\x04", 6)
        out = _set_flag(out, b"PK\x01\x02", 8)
    return out


def _set_flag(data: bytes, signature: bytes, offset: int) -> bytes:
    buf = bytearray(data)
    pos = buf.find(signature)
    while pos >= 0:
        (flags,) = struct.unpack_from("<H", buf, pos + offset)
        struct.pack_into("<H", buf, pos + offset, flags | 0x1)
        pos = buf.find(signature, pos + 4)
    return bytes(buf)


def _tnef_attr(level: int, name: int, kind: int, data: bytes) -> bytes:
    head = struct.pack("<BHHI", level, name, kind, len(data))
    return head + data + struct.pack("<H", sum(data) % 65536)


def tnef(files: dict[bytes, bytes], body: bytes = b"") -> bytes:
    """Return a minimal winmail.dat holding ``files`` (raw title bytes -> content) and a body."""
    out = struct.pack("<IH", 0x223E9F78, 0x0001)
    out += _tnef_attr(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))
    if body:
        out += _tnef_attr(1, 0x800C, 0x0002, body)
    for title, data in files.items():
        out += _tnef_attr(2, 0x9002, 0x0006, b"\x01\x00\xff\xff\xff\xff")
        out += _tnef_attr(2, 0x8010, 0x0001, title + b"\x00")
        out += _tnef_attr(2, 0x800F, 0x0006, data)
    return out


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SURNAMES = "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本".split()
GIVEN = "太郎 花子 一郎 美咲 健太 陽子 翔 愛 大輔 真由美".split()


def roster_xlsx(rows: int = 300) -> bytes:
    """Return a fictional customer list (name, phone, address, mail) as an xlsx made by openpyxl."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "顧客名簿"
    ws.append(["氏名", "電話番号", "住所", "メールアドレス"])
    for i in range(rows):
        name = f"{SURNAMES[i % len(SURNAMES)]} {GIVEN[i // len(SURNAMES) % len(GIVEN)]}"
        ws.append(
            [
                name,
                f"090-{1000 + i:04d}-{5000 + i:04d}",
                f"東京都港区芝{i % 5 + 1}-{i + 1}-1",
                f"c{i}@mail.invalid",
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _attachment_part(name: str, data: bytes, ctype: str) -> EmailMessage:
    part = EmailMessage()
    maintype, subtype = ctype.split("/")
    part.set_content(data, maintype=maintype, subtype=subtype, filename=name)
    return part


def _envelope_headers(msg: EmailMessage, to: str, subject: str) -> None:
    msg["From"] = SENDER
    msg["To"] = to
    msg["Subject"] = subject
    msg["MIME-Version"] = "1.0"


def hidden_at_part(name: str, data: bytes, ctype: str, position: int, to: str) -> bytes:
    """Return a mail whose attachment comes after ``position - 1`` small text parts."""
    msg = EmailMessage()
    _envelope_headers(msg, to, "資料送付")
    msg.make_mixed()
    for i in range(position - 1):
        filler = EmailMessage()
        filler.set_content(f"{i}\n")
        msg.attach(filler)
    msg.attach(_attachment_part(name, data, ctype))
    return msg.as_bytes(policy=SMTP)


def hidden_at_depth(name: str, data: bytes, ctype: str, depth: int, to: str) -> bytes:
    """Return a mail whose attachment sits inside ``depth`` nested multipart/mixed parts."""
    inner = _attachment_part(name, data, ctype)
    for _ in range(depth - 1):
        outer = EmailMessage()
        outer.make_mixed()
        outer.attach(inner)
        inner = outer
    msg = EmailMessage()
    _envelope_headers(msg, to, "資料送付")
    msg.make_mixed()
    msg.attach(inner)
    return msg.as_bytes(policy=SMTP)


def nested_multiparts(depth: int, to: str = "kyaku@torihiki.invalid") -> bytes:
    """Return a hand-written mail of ``depth`` nested multiparts (what broke the stdlib parser)."""
    head = f"From: {SENDER}\r\nTo: {to}\r\nSubject: nested\r\nMIME-Version: 1.0\r\n".encode().replace(
        SENDER.encode(), b"yamada@example.co.jp"
    )
    opening = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(depth)
    )
    closing = b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(depth)))
    return head + opening + b"Content-Type: text/plain\r\n\r\nhello\r\n" + closing


def docx_bomb(xml_mib: int = 120) -> bytes:
    """Return a small docx whose document.xml inflates to ``xml_mib`` MiB, under a 200x ratio.

    Each paragraph carries a few random characters so the XML does not compress a thousandfold
    (which the ratio check would stop): the file passes the declared-size checks and only memory
    bounds its parsing.
    """
    import random

    from docx import Document

    rng = random.Random(5)
    buf = io.BytesIO()
    Document().save(buf)
    paragraph = '<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>'
    pad = "お知らせ" * 60
    chunks = []
    size = 0
    while size < xml_mib * 1024 * 1024:
        text = pad + "".join(rng.choice("0123456789abcdef") for _ in range(6))
        piece = paragraph.format(text)
        chunks.append(piece)
        size += len(piece.encode())
    body = "".join(chunks).encode()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + ns.encode()
    xml += b"><w:body>" + body + b"</w:body></w:document>"
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest,
    ):
        for info in src.infolist():
            data = xml if info.filename == "word/document.xml" else src.read(info)
            dest.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def dense_csv(rows: int) -> bytes:
    """Return a CSV list where every line is a name, a phone number and an address (slow to scan)."""
    lines = ["氏名,電話番号,住所"] + [
        f"{SURNAMES[i % 15]} {GIVEN[i % 10]},03-{1000 + i % 9000:04d}-{i % 10000:04d},大阪府大阪市北区梅田{i % 9 + 1}-{i % 30 + 1}-1"
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()
