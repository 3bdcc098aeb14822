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
