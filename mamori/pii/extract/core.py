"""Recognise the format of an input and send it to the reader of that format."""

from __future__ import annotations

import io
import mimetypes
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import PurePath

from . import pst, structured
from .model import (
    Budget,
    BudgetExceeded,
    Limits,
    Part,
    cut_part,
    error_name,
    gettext_noop,
    problem_part,
)
from .stream import STREAM_SIZE, stream_html, stream_text
from .text import CSV_SUFFIXES, decode_bytes, fold_quoted_breaks, looks_binary

Reader = Callable[[bytes, str, int, Budget], Iterator[Part]]

TEXT_SUFFIXES = frozenset(
    ".txt .csv .tsv .tab .log .md .json .jsonl .ndjson .xml .yaml .yml .ini .conf .sql .vcf .ics .ldif .prn .dat".split()
)
HTML_SUFFIXES = frozenset({".html", ".htm"})
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Binary formats we know and cannot read: reported as unsupported without trying text decoding.
# Their labels are gettext msgids: reports show them in Japanese (the ``kind`` of a problem).
_MAGIC_NAMES = (
    (b"\x89PNG", gettext_noop("PNG image")),
    (b"\xff\xd8\xff", gettext_noop("JPEG image")),
    (b"GIF8", gettext_noop("GIF image")),
    (b"Rar!", gettext_noop("RAR archive")),
    (b"7z\xbc\xaf", gettext_noop("7-Zip archive")),
    (b"II*\x00", gettext_noop("TIFF image")),
    (b"MM\x00*", gettext_noop("TIFF image")),
    (b"!BDN", gettext_noop("Outlook data file (.pst / .ost)")),
    (b"\x7fELF", gettext_noop("executable")),
    (b"MZ", gettext_noop("executable")),
    (b"regf", gettext_noop("Windows registry hive")),
    (b"CMMM", gettext_noop("Windows thumbnail cache")),
)
# The small binary file Office leaves beside a document open for editing (``~$名簿.xlsx``): it holds the
# editor's user name and nothing of the document.
OWNER_FILE = gettext_noop("Office owner file (~$)")
_OWNER_FILE_MAX = 4096
# What holds no documents: skipped, not "not read", under any name (NTUSER.DAT, thumbcache_256.db).
_NO_DOCUMENTS = frozenset(
    {
        gettext_noop("executable"),
        gettext_noop("Windows registry hive"),
        gettext_noop("Windows thumbnail cache"),
        OWNER_FILE,
    }
)
_NO_DOCUMENT_SUFFIXES = frozenset(
    ".exe .dll .sys .so .dylib .lib .a .o .obj .pyc .class .jar .dex .apk .ipa .msi .lnk .ttf .otf .ttc .woff "
    ".woff2 .eot .swf .mkv .flac .m4a .wma .wmv .mp3 .mp4 .wav .avi .mov .ogg .mid .ico .cur .db-wal .db-shm".split()
)
_MAGIC_LABELS = frozenset(label for _, label in _MAGIC_NAMES)
UNKNOWN_BINARY = gettext_noop("unknown format")
# Suffixes of what we read: binary content under such a name is a disguised or broken file, not read.
_READ_SUFFIXES = (
    TEXT_SUFFIXES
    | HTML_SUFFIXES
    | frozenset(
        ".eml .mht .mhtml .msg .pdf .rtf .doc .docx .docm .xlsx .xlsm .xlsb .xls .ods .pptx .pptm .odt .odp .zip .tar .gz "
        ".tgz .bz2 .tbz2 .xz .txz".split()
    )
)
# Binary formats that Python's MIME table does not know: fonts, Java, disk images, archives we cannot open.
_BINARY_SUFFIXES = frozenset(
    ".ttf .otf .ttc .woff .woff2 .eot .jar .class .iso .img .dmg .msi .lnk .rar .7z .cab .lib .a .dylib .psd "
    ".heif .avif .jxl .raw .cr2 .nef .mkv .flac .m4a .wma .wmv .swf .dex .apk .ipa .pst .ost .nsf .one".split()
)
_MIME = mimetypes.MimeTypes()  # Python's built-in table only: the same answer on every machine
_COMPRESSED_MAGICS = ((b"\x1f\x8b\x08", "gzip"), (b"\xfd7zXZ\x00", "xz"))
MAIL_HEADS = (b"received:", b"return-path:", b"from:", b"mime-version:", b"message-id:", b"delivered-to:")


def kind_of(data: bytes, name: str) -> str:
    """Return the format of *data* (``xlsx``, ``pdf``, ``zip``, ``text`` ...), magic bytes first."""
    suffix = PurePath(name).suffix.lower()
    if data.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in data[:1024]):
        return "pdf"
    if data.startswith(ZIP_MAGICS):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return "ole"
    if _rtf_head(data).startswith(RTF_MAGIC):  # before the binary check: RTF may carry raw pictures (\bin)
        return "rtf"
    for magic, kind in _COMPRESSED_MAGICS:
        if data.startswith(magic):
            return kind
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":  # bzip2: level digit, then the block magic
        return "bzip2"
    if data[257:262] == b"ustar":
        return "tar"
    if data.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if data.startswith(pst.MAGIC) and pst.available():
        return "pst"
    for magic, label in _MAGIC_NAMES:
        if data.startswith(magic):
            return "binary:" + label
    if PurePath(name).name.startswith("~$") and len(data) <= _OWNER_FILE_MAX and looks_binary(data):
        return "binary:" + OWNER_FILE
    if looks_binary(data):  # before the names that claim text: a blob named .eml or .html is no mail
        return "binary:" + UNKNOWN_BINARY
    if data.startswith(b"From ") and _looks_like_mbox(data):
        return "mbox"
    if suffix in (".eml", ".mht", ".mhtml") or _looks_like_mail(data):
        return "eml"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def _rtf_head(data: bytes) -> bytes:
    """Return the head of *data* past a UTF-8 byte order mark and blank space, which editors leave before ``{\\rtf``."""
    return data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")


def named_binary(name: str, label: str) -> bool:
    """Tell whether the name of binary content says it is binary (``photo.png``, ``setup.exe``, ``a.out``).

    *label* is what the content was recognised as (``PNG image``, ``executable``) or ``UNKNOWN_BINARY``.
    A name that claims text or a format we read (``名簿.csv``, ``a.docx``), an unknown suffix or, for
    content of no known format, no suffix at all, does not: the content is then reported as ``binary``,
    not read, rather than as an ``unsupported`` format.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in _READ_SUFFIXES:
        return False
    if not suffix:
        return label in _MAGIC_LABELS
    if suffix in _BINARY_SUFFIXES:
        return True
    mime, _ = _MIME.guess_type("x" + suffix, strict=False)
    return mime is not None and not mime.startswith(("text/", "message/"))


def binary_part(location: str, label: str) -> Part:
    """Return the problem part of binary content at *location*.

    ``skipped`` for what holds no documents (a program, a font, media, a registry hive), under any
    name for the system files; ``unsupported`` for a known format that can hold them and that is not
    read (an image, a RAR archive, an Outlook .pst); else ``binary``, content under a name it belies.
    """
    name = location.rsplit("!", 1)[-1]
    kind = label if label != UNKNOWN_BINARY else _suffix(name)
    if label in _NO_DOCUMENTS and label != gettext_noop("executable"):
        return problem_part("skipped", location, kind=kind)
    if named_binary(name, label):
        return problem_part(
            "skipped" if _holds_no_documents(name, label) else "unsupported", location, kind=kind
        )
    return problem_part("binary", location, kind=label)


def _holds_no_documents(name: str, label: str) -> bool:
    """Tell whether binary content so named is a program, library, font or media file."""
    if label in _NO_DOCUMENTS:
        return True
    suffix = PurePath(name).suffix.lower()
    if suffix in _NO_DOCUMENT_SUFFIXES:
        return True
    mime, _ = _MIME.guess_type("x" + suffix, strict=False)
    return mime is not None and mime.startswith(("audio/", "video/", "font/"))


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".") or UNKNOWN_BINARY


def _looks_like_mbox(data: bytes) -> bool:
    """Tell whether *data* is a Unix mailbox: a ``From sender date`` line, then a message's headers."""
    first, _, rest = data[:4096].partition(b"\n")
    return len(first) < 300 and _MBOX_HEADER.match(rest) is not None


_MBOX_HEADER = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:[ \t]")


def _looks_like_mail(data: bytes) -> bool:
    head = data[:2048].lower()
    return head.startswith(MAIL_HEADS) and b"\n\n" in data[:65536].replace(b"\r\n", b"\n")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and not zf.getinfo("mimetype").flag_bits & 1:
                mime = zf.read("mimetype")[:100]
                if _odf_encrypted(zf, names):
                    return "encrypted"
                if b"opendocument.spreadsheet" in mime:
                    return "ods"
                if b"opendocument.text" in mime or b"opendocument.presentation" in mime:
                    return "odf"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError):
        return "zip"  # let the archive reader report the damage
    if any(name.startswith("Index/") and name.endswith(".iwa") for name in names):
        return "iwork"  # Pages / Numbers / Keynote: snappy-compressed protobuf, not read
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
    return "zip"


def _odf_encrypted(zf: zipfile.ZipFile, names: set[str]) -> bool:
    """Tell whether an OpenDocument file is password-protected (its manifest lists encryption data)."""
    manifest = "META-INF/manifest.xml"
    if manifest not in names or zf.getinfo(manifest).file_size > 1024 * 1024:
        return False
    return b"encryption-data" in zf.read(manifest)


def read_text(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the decoded text of a plain text or CSV file, saying which encoding was used."""
    text, encoding = decode_bytes(data)
    suffix = PurePath(location.rsplit("!", 1)[-1]).suffix.lower()
    if suffix in structured.SUFFIXES:  # exports: records as table rows, so columns are judged by name
        text = structured.records_text(data, text, suffix)
    elif suffix in CSV_SUFFIXES:
        text = fold_quoted_breaks(text)
    yield Part(location=location, text=text, encoding=encoding)


def read_html(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the visible text of an HTML file."""
    from .htmltext import html_to_text

    text, encoding = decode_bytes(data)
    yield Part(location=location, text=html_to_text(text), encoding=encoding)


@cache
def _readers() -> dict[str, Reader]:
    from functools import partial

    from . import archive, compressed, mail, office, pdf, rtf, sqlite

    return {
        "text": read_text,
        "html": read_html,
        "pdf": pdf.read_pdf,
        "zip": archive.read_zip,
        "xlsx": office.read_spreadsheet,
        "ods": office.read_spreadsheet,
        "docx": office.read_docx,
        "pptx": office.read_pptx,
        "odf": office.read_odf,
        "ole": office.read_ole,
        "rtf": rtf.read_rtf,
        "eml": mail.read_eml,
        "mbox": mail.read_mbox,
        "sqlite": sqlite.read_sqlite,
        "pst": pst.read_pst,
        "tar": compressed.read_tar,
        **{kind: partial(compressed.read_compressed, kind) for kind in ("gzip", "bzip2", "xz")},
    }


def dispatch(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the parts of *data* found at *location*, *depth* containers deep.

    Every failure of a reader becomes a ``malformed`` problem; only :class:`BudgetExceeded` escapes,
    to stop the whole input.
    """
    limits = budget.limits
    if depth > limits.max_depth:
        yield problem_part("depth_exceeded", location, limit=limits.max_depth)
        return
    if len(data) > limits.max_file_size:
        yield problem_part("too_large", location, limit=limits.max_file_size, scope="file")
        return
    budget.check_time()
    kind = kind_of(data, location.rsplit("!", 1)[-1])
    if kind == "encrypted":
        yield problem_part("encrypted", location)
        return
    if kind == "iwork":
        yield problem_part("unsupported", location, kind=gettext_noop("Apple iWork document"))
        return
    if kind.startswith("binary:"):
        yield binary_part(location, kind.removeprefix("binary:"))
        return
    try:
        yield from _readers()[kind](data, location, depth, budget)
    except BudgetExceeded:
        raise
    except Exception as exc:  # noqa: BLE001 - any library failure on bad input is a reported problem
        yield problem_part("malformed", location, kind=kind, error=error_name(exc))


def extract(
    source: str | os.PathLike[str] | bytes, name: str | None = None, limits: Limits | None = None
) -> Iterator[Part]:
    """Yield the text parts of a file (a path) or of *source* bytes named *name*, with their problems.

    A plain-text file bigger than ``STREAM_SIZE`` given by its path is streamed: it comes as
    several parts of one location, cut at line ends, each with its ``offset`` in the whole text.
    Locations are ``name`` then ``!``-separated inner locations, e.g. ``archive.zip!/名簿.xlsx!Sheet1``.
    Never raises for bad input: unreadable, encrypted, damaged or oversized input is a problem part.
    With ``limits.max_part_chars`` set, each part holds at most that many characters (spreadsheets stop
    reading rows there) and is marked ``truncated`` when cut; by default everything is read.
    """
    limits = limits or Limits()
    if isinstance(source, bytes | bytearray | memoryview):
        data, location = bytes(source), name or "<bytes>"
    else:
        location = name or os.fspath(source)
        try:
            size = os.stat(source).st_size
            big = size > min(STREAM_SIZE, limits.max_file_size)
            head_kind = _head_kind(source, location) if big else ""
            if head_kind == "pst":  # a mail store is read on demand, whatever its size
                yield from _stream_budgeted(pst.read_pst_path(source, location, Budget(limits, location)))
                return
            if size > limits.max_file_size:
                yield problem_part("too_large", location, limit=limits.max_file_size, scope="file")
                return
            if head_kind.startswith("binary:"):  # not read whole just to be reported
                yield binary_part(location, head_kind.removeprefix("binary:"))
                return
            if head_kind in ("text", "html"):  # streamed with bounded memory
                streamer = stream_text if head_kind == "text" else stream_html
                yield from _stream_budgeted(streamer(source, location, Budget(limits, location)))
                return
            with open(source, "rb") as fh:
                data = fh.read(limits.max_file_size + 1)
        except OSError as exc:
            yield problem_part("unreadable", location, reason=exc.strerror or type(exc).__name__)
            return
    budget = Budget(limits, location)
    try:
        for part in dispatch(data, location, 0, budget):
            yield cut_part(part, limits.max_part_chars)
    except BudgetExceeded as exc:
        yield Part(location=exc.problem.location, problems=(exc.problem,))


def _stream_budgeted(parts: Iterator[Part]) -> Iterator[Part]:
    try:
        yield from parts
    except BudgetExceeded as exc:
        yield Part(location=exc.problem.location, problems=(exc.problem,))


def _head_kind(path: str | os.PathLike[str], location: str) -> str:
    """Return the kind of a file told from its first 64 KiB: ``text`` is plain text (not mail or HTML)."""
    with open(path, "rb") as fh:
        head = fh.read(64 * 1024)
    return kind_of(head, location)
