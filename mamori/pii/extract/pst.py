"""Read Outlook data files (.pst / .ost) with libpff (``pypff``): every mail, contact and appointment.

Each item comes as a mail's parts at ``box.pst!/受信トレイ/12``: ``!headers`` (From / To / Cc /
Subject, as a .msg's), ``!body`` (plain text, else HTML, else RTF), its attachments read as files of
their own (``box.pst!/受信トレイ/12!名簿.xlsx``); a contact's name, phones, mail addresses and address
come as labelled lines (``!contact``). The folder path is written as an archive member's, so that the
problems of one store (a thousand logos attached as images) fold into one line per code. libpff reads
the file on demand: a store given by path is never read whole, memory holds one item and one
attachment (at most ``max_file_size``) at a time, and the attachments of one item count against
``max_total_size``; the time budget is the whole store's. A store libpff cannot open is ``malformed``,
a damaged item or attachment is ``malformed`` at its location and the rest is still read.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

from .htmltext import html_to_text
from .model import Budget, BudgetExceeded, Part, error_name, gettext_noop, problem_part
from .text import decode_bytes

MAGIC = b"!BDN"
_ANSI_VERSIONS = (14, 15)  # wVer of the header: ANSI (Outlook 97-2002); 23 Unicode, 36 Unicode 4K (.ost)
# MAPI properties of a contact (IPM.Contact) as the labels people write over them, so that the
# recognizers read them as a form's fields.
_CONTACT_LABELS = (
    (0x3001, "氏名"),
    (0x3A11, "姓"),
    (0x3A06, "名"),
    (0x3A08, "会社電話"),
    (0x3A09, "自宅電話"),
    (0x3A1C, "携帯電話"),
    (0x3A24, "会社FAX"),
    (0x3A2A, "郵便番号"),
    (0x3A28, "都道府県"),
    (0x3A27, "市区町村"),
    (0x3A29, "番地"),
    (0x3A16, "会社名"),
    (0x3A17, "役職"),
    (0x3A18, "部署"),
)
_STRING_TYPES = (0x1F, 0x1E)


def available() -> bool:
    """Tell whether libpff's Python binding is installed (the ``libpff-python`` wheel)."""
    try:
        import pypff  # noqa: F401
    except ImportError:
        return False
    return True


def read_pst(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the parts of every item of a .pst / .ost held in memory (an attachment, an archive member)."""
    yield from _read_store(io.BytesIO(data), data[10:11], location, depth, budget)


def read_pst_path(path: str | os.PathLike[str], location: str, budget: Budget) -> Iterator[Part]:
    """Yield the parts of every item of a .pst / .ost on disk, read on demand (never whole)."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the last item
    except OSError as exc:
        yield problem_part("unreadable", location, reason=exc.strerror or type(exc).__name__)
        return
    with fh:
        version = fh.read(12)[10:11]
        fh.seek(0)
        yield from _read_store(fh, version, location, 0, budget)


def _read_store(fh: Any, version: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    import pypff

    store = pypff.file()
    if version and version[0] in _ANSI_VERSIONS:
        store.set_ascii_codepage("windows-932")  # strings of ANSI stores are in the writer's code page
    try:
        store.open_file_object(fh)
        root = store.get_root_folder()
    except Exception as exc:  # noqa: BLE001 - libpff raises OSError and others on any damage
        yield problem_part(
            "malformed", location, kind=gettext_noop("Outlook data file"), error=error_name(exc)
        )
        return
    try:
        yield from _folder(root, location + "!", depth, budget)
    finally:
        store.close()


def _folder(folder: Any, prefix: str, depth: int, budget: Budget) -> Iterator[Part]:
    for index in range(_count(folder, "number_of_sub_messages")):
        budget.check_time()
        at = f"{prefix}/{index + 1}"
        try:
            item = folder.get_sub_message(index)
            parts = list(_item(item, at, depth, budget))
        except BudgetExceeded:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged item is reported, the others are read
            parts = [problem_part("malformed", at, kind=gettext_noop("Outlook item"), error=error_name(exc))]
        yield from parts
    for index in range(_count(folder, "number_of_sub_folders")):
        try:
            sub = folder.get_sub_folder(index)
            name = (sub.name or str(index + 1)).replace("!", "！")
        except Exception as exc:  # noqa: BLE001
            yield problem_part(
                "malformed",
                f"{prefix}/{index + 1}",
                kind=gettext_noop("Outlook folder"),
                error=error_name(exc),
            )
            continue
        yield from _folder(sub, f"{prefix}/{name}", depth, budget)


def _count(folder: Any, attribute: str) -> int:
    try:
        return int(getattr(folder, attribute))
    except Exception:  # noqa: BLE001 - a damaged folder index reads as empty
        return 0


def _strings(item: Any) -> dict[int, str]:
    """Return the string properties of an item's first record set, by property id."""
    out: dict[int, str] = {}
    if not item.number_of_record_sets:
        return out
    for entry in item.get_record_set(0).entries:
        if entry.value_type in _STRING_TYPES and entry.entry_type not in out:
            try:
                value = entry.get_data_as_string()
            except Exception:  # noqa: BLE001, S112 - one undecodable property is left out
                continue
            if value:
                out[entry.entry_type] = value.rstrip("\x00")
    return out


def _recipients(item: Any) -> dict[str, list[str]]:
    """Return the recipients of a message as ``To`` / ``Cc`` / ``Bcc`` lists of ``name <address>``."""
    out: dict[str, list[str]] = {"To": [], "Cc": [], "Bcc": []}
    recipients = item.recipients
    if recipients is None:
        return out
    for record in recipients.record_sets:
        values: dict[int, Any] = {}
        for entry in record.entries:
            try:
                values[entry.entry_type] = (
                    entry.get_data_as_string() if entry.value_type in _STRING_TYPES else entry.data
                )
            except Exception:  # noqa: BLE001, S112 - one undecodable property is left out
                continue
        kind = {2: "Cc", 3: "Bcc"}.get(int.from_bytes((values.get(0x0C15) or b"\x01")[:4], "little"), "To")
        name, address = values.get(0x3001) or "", values.get(0x39FE) or values.get(0x3003) or ""
        out[kind].append(f"{name} <{address}>" if name and address and name != address else name or address)
    return out


def _item(item: Any, at: str, depth: int, budget: Budget) -> Iterator[Part]:
    strings = _strings(item)
    message_class = strings.get(0x001A, "IPM.Note")
    if message_class.startswith("IPM.Contact"):
        lines = [f"{label}：{strings[tag]}" for tag, label in _CONTACT_LABELS if strings.get(tag)]
        yield Part(location=f"{at}!contact", text="\n".join(lines))
    sender = strings.get(0x0C1A) or strings.get(0x0042) or ""
    address = strings.get(0x5D01) or strings.get(0x0C1F) or ""
    header = [f"From: {sender} <{address}>" if sender and address and "@" in address else f"From: {sender}"]
    header += [f"{kind}: {'; '.join(names)}" for kind, names in _recipients(item).items() if names]
    subject = strings.get(0x0037, "")
    if subject.startswith("\x01"):  # MAPI's prefix mark: \x01 and the prefix's length (RE: , FW: )
        subject = subject[2:]
    header.append(f"Subject: {subject}")
    yield Part(location=f"{at}!headers", text="\n".join(header))
    yield Part(location=f"{at}!body", text=_body(item))
    attachments = Budget(budget.limits, at)
    attachments.deadline = budget.deadline
    for index in range(item.number_of_attachments):
        yield from _attachment(item, index, at, depth, attachments)


def _body(item: Any) -> str:
    """Return the plain text body of an item, else its HTML body's text, else its RTF body's."""
    text = item.plain_text_body
    if text:
        return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    html = item.html_body
    if html:
        return html_to_text(decode_bytes(html)[0])
    rtf = item.rtf_body
    if rtf:
        from striprtf.striprtf import rtf_to_text

        return str(rtf_to_text(decode_bytes(rtf)[0], errors="ignore"))
    return ""


def _attachment(item: Any, index: int, at: str, depth: int, budget: Budget) -> Iterator[Part]:
    from .core import dispatch

    attachment = item.get_attachment(index)
    strings = _strings(attachment)
    name = (strings.get(0x3707) or strings.get(0x3704) or "").replace("!", "！")
    where = f"{at}!{name or f'attachment-{index + 1}'}"
    size = attachment.size or 0
    if not size and attachment.number_of_sub_items:  # an attached mail (a forwarded message)
        for sub in range(attachment.number_of_sub_items):
            yield from _item(attachment.get_sub_item(sub), f"{where}/{sub + 1}", depth + 1, budget)
        return
    if size > budget.limits.max_file_size:
        yield problem_part("too_large", where, limit=budget.limits.max_file_size, scope="file")
        return
    budget.consume(size)
    data = attachment.read_buffer(size) if size else b""
    yield from dispatch(data, where, depth + 1, budget)
