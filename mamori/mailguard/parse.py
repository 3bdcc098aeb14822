"""Parse raw mail bytes into a :class:`ParsedMessage` that the policy can judge without re-parsing.

Robust to the Japanese pitfalls listed in ``docs``/design ``mailguard.md``: ISO-2022-JP with CP50220
characters, raw 8-bit Shift_JIS headers and file names, charset aliases, encoded-words split across
words, RFC 2231 file names, attached mails (.eml), TNEF (winmail.dat), S/MIME. Bad input never
raises: what could not be read is recorded in ``problems``.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import quopri
import re
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesHeaderParser

from mamori.pii.extract.htmltext import html_to_text as extract_html_text

from .headers import decode_header_value, decode_param, parse_addresses, parse_params, unfold
from .jis import decode_bytes

MAX_DEPTH = 5
MAX_PARTS = 500
MAX_NESTING = 40
HEADER_BYTES = 256 * 1024  # the header block read when the MIME structure cannot be parsed at all
BODY = "body"
SIGNATURE_TYPES = {
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
}
ENCRYPTED_TYPES = {
    "application/pkcs7-mime",
    "application/x-pkcs7-mime",
    "application/pgp-encrypted",
    "multipart/encrypted",
}
TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}


@dataclass(frozen=True)
class Address:
    """Hold one mailbox: decoded display name and lower-cased address."""

    display_name: str
    address: str

    @property
    def domain(self) -> str:
        """Return the lower-cased domain part of the address."""
        return self.address.rpartition("@")[2].lower().rstrip(".")


@dataclass(frozen=True)
class TextPart:
    """Hold a piece of readable text and where it came from (``body``, ``fwd.eml/body``...)."""

    location: str
    text: str
    charset: str = ""


@dataclass(frozen=True)
class Attachment:
    """Hold an attachment's decoded file name, declared type, bytes and location."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)
    location: str
    encrypted_container: bool = False  # S/MIME or PGP encrypted part


@dataclass(frozen=True)
class ParsedMessage:
    """Hold the decoded view of one mail that the checks need."""

    subject: str = ""
    from_: tuple[Address, ...] = ()
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    bcc: tuple[Address, ...] = ()
    message_id: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    bodies: tuple[TextPart, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    problems: tuple[str, ...] = ()
    # Parts that were not read because a limit was reached: (location, reason) with reason
    # ``parts`` (more than MAX_PARTS) or ``depth`` (multiparts nested deeper than MAX_NESTING).
    unread: tuple[tuple[str, str], ...] = ()
    # Why the MIME structure could not be parsed (``recursion``, ``structure``); empty when it could.
    malformed: str = ""

    @property
    def text(self) -> str:
        """Return the main body text (attached mails excluded)."""
        return "\n".join(b.text for b in self.bodies if b.location == BODY)

    @property
    def visible_recipients(self) -> tuple[Address, ...]:
        """Return the To and Cc mailboxes, which every recipient sees."""
        return self.to + self.cc

    def header(self, name: str) -> str:
        """Return the first decoded header of that name, or an empty string."""
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), "")


@dataclass
class _Acc:
    bodies: list[TextPart] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unread: list[tuple[str, str]] = field(default_factory=list)
    parts: int = 0
    nesting: int = 0


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML body (scripts and styles dropped), as the scanner reads it.

    A table pasted from Excel into a mail (a customer list in the body) keeps its rows: each row is a
    line of tab-separated cells, so the PII check judges its columns by their headers (氏名, 電話番号)
    as in an attached spreadsheet. Runs of spaces inside a cell are collapsed and empty lines dropped.
    """
    try:
        text = extract_html_text(html)
    except Exception:  # noqa: BLE001 - html.parser is lenient, but never let a body stop the guard
        return html
    lines = ("\t".join(" ".join(cell.split()) for cell in line.split("\t")) for line in text.splitlines())
    return "\n".join(line for line in lines if line.strip("\t"))


def _raw_header(part: Message, name: str) -> str | None:
    name = name.lower()
    return next((v for k, v in part.raw_items() if k.lower() == name), None)


def _content_info(part: Message, problems: list[str]) -> tuple[str, str, str, bool]:
    """Return (content type, charset label, decoded file name, is-attachment disposition)."""
    ctype, cparams = parse_params(_raw_header(part, "content-type") or "text/plain")
    if "/" not in ctype:
        ctype = "application/octet-stream" if ctype else "text/plain"
    disp, dparams = parse_params(_raw_header(part, "content-disposition") or "")
    raw_name = dparams.get("filename") or cparams.get("name")
    filename = decode_param(raw_name, problems, "file name") if raw_name else ""
    charset = cparams.get("charset", "")
    if isinstance(charset, tuple):
        charset = charset[1].decode("ascii", "replace")
    return ctype, str(charset), filename.replace("\x00", "").strip(), disp == "attachment"


def _payload(part: Message, problems: list[str], where: str) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - broken transfer encodings
        problems.append(f"{where}: undecodable transfer encoding")
        return b""
    if part.defects:
        problems.append(f"{where}: " + ", ".join(sorted({type(d).__name__ for d in part.defects})))
    return data if isinstance(data, bytes) else b""


def _join(prefix: str, name: str) -> str:
    return f"{prefix}/{name}" if prefix else name


def _walk(part: Message, prefix: str, depth: int, acc: _Acc) -> None:
    acc.parts += 1
    if acc.parts > MAX_PARTS:
        if acc.parts == MAX_PARTS + 1:
            acc.problems.append("too many MIME parts: the rest was not read")
            acc.unread.append((_join(prefix, f"part {acc.parts}"), "parts"))
        return
    ctype, charset, filename, is_attachment = _content_info(part, acc.problems)
    if ctype == "message/rfc822" or filename.lower().endswith(".eml"):
        _walk_attached_mail(part, filename, prefix, depth, acc)
    elif part.is_multipart():
        _walk_multipart(part, ctype, prefix, depth, acc)
    elif ctype in SIGNATURE_TYPES:
        return
    elif ctype in TNEF_TYPES or filename.lower() == "winmail.dat":
        _walk_tnef(_payload(part, acc.problems, filename or ctype), filename or "winmail.dat", prefix, acc)
    elif ctype.startswith("text/") and not is_attachment and not filename:
        _add_text(part, ctype, charset, prefix, acc)
    else:
        where = _join(prefix, filename or ctype)
        data = _payload(part, acc.problems, where)
        acc.attachments.append(
            Attachment(filename or "(no name)", ctype, data, where, ctype in ENCRYPTED_TYPES)
        )


def _walk_multipart(part: Message, ctype: str, prefix: str, depth: int, acc: _Acc) -> None:
    acc.nesting += 1
    try:
        if acc.nesting > MAX_NESTING:
            acc.problems.append("multiparts nested too deep: the inner parts were not read")
            acc.unread.append((_join(prefix, f"part {acc.parts}"), "depth"))
            return
        _walk_children(part, ctype, prefix, depth, acc)
    finally:
        acc.nesting -= 1


def _walk_children(part: Message, ctype: str, prefix: str, depth: int, acc: _Acc) -> None:
    children = [c for c in part.get_payload() if isinstance(c, Message)]
    if ctype == "multipart/encrypted":
        acc.attachments.append(Attachment("(encrypted body)", ctype, b"", _join(prefix, ctype), True))
        return
    if ctype == "multipart/alternative":
        plain = [c for c in children if c.get_content_type() == "text/plain"]
        if plain:
            children = [c for c in children if not c.get_content_type().startswith("text/")] + plain[:1]
    for child in children:
        _walk(child, prefix, depth, acc)


def _add_text(part: Message, ctype: str, charset: str, prefix: str, acc: _Acc) -> None:
    where = _join(prefix, BODY)
    decoded = decode_bytes(_payload(part, acc.problems, where), charset or None)
    if decoded.problem:
        acc.problems.append(f"{where}: {decoded.problem}")
    text = decoded.text.replace("\r\n", "\n")
    text = html_to_text(text) if ctype == "text/html" else text
    acc.bodies.append(TextPart(where, text, decoded.codec))


def _walk_attached_mail(part: Message, filename: str, prefix: str, depth: int, acc: _Acc) -> None:
    msg = _attached_message(part, acc)
    if not filename:
        subject = decode_header_value(_raw_header(msg, "subject") or "", acc.problems, "subject")
        filename = (subject or "message")[:60] + ".eml"
    where = _join(prefix, filename)
    if depth + 1 > MAX_DEPTH:
        acc.problems.append(f"{where}: attached mails nested too deep")
        acc.unread.append((where, "depth"))
        return
    _walk(msg, where, depth + 1, acc)


def _attached_message(part: Message, acc: _Acc) -> Message:
    """Return the attached mail, undoing a base64/QP transfer encoding that mailers wrongly apply."""
    inner = part.get_payload()
    cte = unfold(_raw_header(part, "content-transfer-encoding") or "").strip().lower()
    if not (isinstance(inner, list) and inner and isinstance(inner[0], Message)):
        data = _payload(part, acc.problems, "attached mail")
    elif cte not in ("base64", "quoted-printable"):
        return inner[0]
    else:
        body = inner[0].get_payload()
        text = body if not inner[0].keys() and isinstance(body, str) else inner[0].as_string()
        data = _undo_transfer_encoding(text, cte, acc)
    return email.message_from_bytes(data, policy=email.policy.compat32)


def _undo_transfer_encoding(text: str, cte: str, acc: _Acc) -> bytes:
    raw = text.encode("ascii", "surrogateescape")
    if cte == "quoted-printable":
        return quopri.decodestring(raw)
    clean = re.sub(rb"[^A-Za-z0-9+/]", b"", raw)
    try:
        return base64.b64decode(clean + b"=" * (-len(clean) % 4))
    except (binascii.Error, ValueError):
        acc.problems.append("attached mail: broken base64")
        return b""


def _walk_tnef(data: bytes, name: str, prefix: str, acc: _Acc) -> None:
    """Unwrap winmail.dat into its inner files; keep it opaque if tnefparse is absent or fails."""
    where = _join(prefix, name)
    try:
        from tnefparse.tnef import TNEF

        tnef = TNEF(data)
    except Exception as exc:  # noqa: BLE001 - ImportError or any decoding failure of a foreign format
        acc.problems.append(f"{where}: TNEF not decoded ({type(exc).__name__})")
        acc.attachments.append(Attachment(name, "application/ms-tnef", data, where))
        return
    for att in tnef.attachments:
        inner = _tnef_name(att)
        acc.attachments.append(
            Attachment(inner, "application/octet-stream", att.data or b"", _join(where, inner))
        )
    body = getattr(tnef, "body", None) or getattr(tnef, "htmlbody", None)
    if isinstance(body, bytes | str) and body:
        text = body if isinstance(body, str) else decode_bytes(body, None).text
        acc.bodies.append(TextPart(_join(where, BODY), html_to_text(text) if "<" in text[:200] else text))


def _tnef_name(att: object) -> str:
    try:
        name = att.long_filename()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - tnefparse decodes names as UTF-8 and fails on CP932
        raw = getattr(att, "_name", b"")
        name = decode_bytes(raw, "cp932").text if isinstance(raw, bytes) else str(raw)
    if isinstance(name, bytes):
        name = decode_bytes(name, None).text
    return str(name).strip("\x00").strip() or "(no name)"


def _addresses(msg: Message, name: str, problems: list[str]) -> tuple[Address, ...]:
    values = [v for k, v in msg.raw_items() if k.lower() == name]
    if not values:
        return ()
    return tuple(Address(n, a) for n, a in parse_addresses(values, problems, name))


_HEAD_PARSER = BytesHeaderParser(policy=email.policy.compat32)


def message_from_bytes(raw: bytes) -> Message:
    """Return ``email.message_from_bytes(raw)`` (compat32), faster for a mail that is one part.

    The stdlib parser feeds every line of the body through its state machine, even when the body is
    one text part that it then keeps as a single string. Here the header block (up to and including
    the first empty line) is parsed alone; when it declares no ``multipart`` or ``message`` type, the
    rest of the bytes is that single string, exactly as the full parse would have joined it.
    """
    ends = [i + len(sep) for sep in (b"\n\n", b"\n\r\n") if (i := raw.find(sep)) >= 0]
    if ends:
        cut = min(ends)  # raw[:cut] ends with an empty line
        msg = _HEAD_PARSER.parsebytes(raw[:cut])
        # The headers ended at that empty line (nothing of raw[:cut] left as body) and the mail is
        # not a container: the full parse would take the rest as the payload, as it is.
        if msg.get_payload() == "" and msg.get_content_maintype() not in ("multipart", "message"):
            msg.set_payload(raw[cut:].decode("ascii", "surrogateescape"))  # as BytesParser decodes
            return msg
    return email.message_from_bytes(raw, policy=email.policy.compat32)


def _read_structure(raw: bytes) -> tuple[Message, str]:
    """Return the parsed mail and, when its MIME structure broke the parser, why (headers only then)."""
    try:
        # compat32 keeps raw header strings (8-bit bytes as surrogates), which we decode ourselves.
        return message_from_bytes(raw), ""
    except RecursionError:
        reason = "recursion"
    except Exception:  # noqa: BLE001 - the stdlib parser is lenient; anything else is a broken structure
        reason = "structure"
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    head = raw[: min(end, HEADER_BYTES)]
    return BytesHeaderParser(policy=email.policy.compat32).parsebytes(head), reason


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse raw RFC 5322 bytes into a :class:`ParsedMessage`, recording problems instead of raising.

    A structure the parser cannot build (1,000 nested multiparts exhaust the recursion limit) keeps
    the headers and sets ``malformed``; parts past a limit are listed in ``unread``: never silence.
    """
    problems: list[str] = []
    msg, malformed = _read_structure(raw)
    headers = tuple(
        (k, decode_header_value(v, problems, k.lower()))
        for k, v in msg.raw_items()
        if k.lower() not in ("received", "dkim-signature", "arc-seal", "arc-message-signature")
    )
    acc = _Acc(problems=problems)
    if malformed:
        problems.append(f"MIME structure could not be parsed ({malformed})")
    else:
        try:
            _walk(msg, "", 0, acc)
        except RecursionError:
            malformed = "recursion"
        except Exception as exc:  # noqa: BLE001 - last resort: a parser bug must not stop the guard
            problems.append(f"MIME structure not fully read ({type(exc).__name__})")
            malformed = "structure"
    if not any(k for k, _ in headers) and not raw.strip():
        problems.append("empty message")
    return ParsedMessage(
        subject=next((v for k, v in headers if k.lower() == "subject"), ""),  # decoded once
        from_=_addresses(msg, "from", problems),
        to=_addresses(msg, "to", problems),
        cc=_addresses(msg, "cc", problems),
        bcc=_addresses(msg, "bcc", problems),
        message_id=unfold(_raw_header(msg, "message-id") or "").strip(),
        headers=headers,
        bodies=tuple(acc.bodies),
        attachments=tuple(acc.attachments),
        problems=tuple(dict.fromkeys(problems)),
        unread=tuple(acc.unread),
        malformed=malformed,
    )
