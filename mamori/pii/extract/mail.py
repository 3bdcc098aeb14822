"""Read e-mail: RFC 822 ``.eml`` (with attachments) and Outlook ``.msg``."""

from __future__ import annotations

import email
import email.message
import io
import re
from collections.abc import Iterator
from email import policy
from typing import Any

from .htmltext import html_to_text
from .model import Budget, Part, problem_part
from .text import decode_bytes

_HEADERS = ("From", "To", "Cc", "Bcc", "Reply-To", "Subject")
_NAME_PARAM = re.compile(r'(?:file)?name="?([^";\r\n]+)', re.IGNORECASE)
_MSG_HEADERS = (("From", "sender"), ("To", "to"), ("Cc", "cc"), ("Subject", "subject"))


def _header_text(message: email.message.EmailMessage) -> str:
    lines = []
    for name in _HEADERS:
        for value in message.get_all(name, []):
            text = str(value)
            if "\ufffd" in text:
                text = _raw_header(message, name) or text
            lines.append(f"{name}: {text}")
    return "\n".join(lines)


def _raw_header(message: email.message.EmailMessage, name: str) -> str | None:
    """Recover a header written in raw 8-bit Shift_JIS, which ``policy.default`` turns into U+FFFD."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            raw = str(value).encode("utf-8", "surrogateescape")
            return decode_bytes(raw)[0]
    return None


def _payload(part: email.message.EmailMessage) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _body_text(part: email.message.EmailMessage) -> tuple[str, str]:
    payload = _payload(part)
    text, encoding = decode_bytes(payload, part.get_content_charset())
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text, encoding


def _attachment_name(part: email.message.EmailMessage, index: int) -> str:
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001 - a broken RFC 2231 parameter must not stop the mail
        name = None
    if name and "\ufffd" in name:
        name = _raw_filename(part) or name
    return name or f"attachment-{index}"


def _raw_filename(part: email.message.EmailMessage) -> str | None:
    """Recover a file name written in raw 8-bit Shift_JIS (old Japanese mailers) from the raw headers."""
    for key, value in part.raw_items():
        if key.lower() in ("content-disposition", "content-type"):
            raw = decode_bytes(str(value).encode("utf-8", "surrogateescape"))[0]
            if found := _NAME_PARAM.search(raw):
                return found.group(1)
    return None


_MBOX_FROM = re.compile(rb"\n\nFrom [^\n]*\n")


def read_mbox(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the parts of each message of a Unix mailbox (Thunderbird's folders), at ``file!1``, ``file!2`` ...

    Messages are cut at a ``From `` line after a blank line (mboxo and mboxrd alike), each read as an
    ``.eml``: bodies decoded, attachments read.
    """
    starts = [0, *(match.start() + 2 for match in _MBOX_FROM.finditer(data))]
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(data)], strict=True), 1):
        budget.check_time()
        message = data[start:end].partition(b"\n")[2]  # the From_ line is the mailbox's, not the message's
        yield from read_eml(message, f"{location}!{number}", depth, budget)


def read_eml(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the headers, the text bodies and the parts of each attachment of a MIME message."""
    from .core import dispatch

    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    yield Part(location=f"{location}!headers", text=_header_text(message))
    index = 0
    for part in message.walk():
        if part.is_multipart():
            continue
        index += 1
        disposition = part.get_content_disposition()
        if part.get_content_maintype() == "text" and disposition != "attachment" and not part.get_filename():
            text, encoding = _body_text(part)
            yield Part(location=f"{location}!body{index}", text=text, encoding=encoding)
            continue
        name = _attachment_name(part, index)
        if part.get_content_type() in ("application/pkcs7-mime", "application/x-pkcs7-mime"):
            yield problem_part("encrypted", f"{location}!{name}")
            continue
        payload = _payload(part)
        budget.consume(len(payload))
        yield from dispatch(payload, f"{location}!{name}", depth + 1, budget)


def _msg_strings(data: bytes) -> str:
    """Return every string property of an OLE .msg root (contacts, tasks and notes have no mail body)."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        texts = []
        for entry in ole.listdir(streams=True, storages=False):
            if (
                len(entry) == 1
                and entry[0].startswith("__substg1.0_")
                and entry[0].endswith(("001F", "001E"))
            ):
                raw = ole.openstream(entry).read()
                texts.append(
                    raw.decode("utf-16-le", "replace") if entry[0].endswith("001F") else decode_bytes(raw)[0]
                )
        return "\n".join(t.rstrip("\x00") for t in texts)
    finally:
        ole.close()


def read_msg(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the headers, body and attachments of an Outlook ``.msg`` file.

    Items other than mail (contacts, appointments, tasks) yield all their string properties instead.
    """
    import extract_msg

    from .core import dispatch

    # A stream of no bytes whose first sector is not "end of chain" is a defect Outlook ignores and
    # olefile calls incorrect: SheetJS cfb writes it (oxmsg, the .msg export of Tutanota), so it is read.
    tolerant = getattr(extract_msg.enums.ErrorBehavior, "OLE_DEFECT_INCORRECT", 0)
    message: Any = extract_msg.openMsg(io.BytesIO(data), errorBehavior=tolerant)
    try:
        if not isinstance(message, extract_msg.Message):  # contact, task, note: data sits in properties
            yield Part(location=f"{location}!properties", text=_msg_strings(data))
        if not hasattr(message, "body"):
            return
        header = [f"{name}: {getattr(message, attr, None) or ''}" for name, attr in _MSG_HEADERS]
        yield Part(location=f"{location}!headers", text="\n".join(header))
        body = message.body
        if not body and getattr(message, "htmlBody", None):
            body = html_to_text(decode_bytes(message.htmlBody)[0])
        yield Part(location=f"{location}!body", text=body or "")
        for index, attachment in enumerate(message.attachments, start=1):
            name = attachment.longFilename or attachment.shortFilename or f"attachment-{index}"
            payload = attachment.data
            if isinstance(payload, bytes):
                budget.consume(len(payload))
                yield from dispatch(payload, f"{location}!{name}", depth + 1, budget)
            else:  # an embedded message or an unreadable attachment type
                yield problem_part("unsupported", f"{location}!{name}", kind=type(payload).__name__)
    finally:
        message.close()
