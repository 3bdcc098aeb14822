"""List the entries of zip attachments: decoded names, encryption, nesting, with bomb limits.

Only names and flags are read here (cheap, and possible even for encrypted archives); the text of
the entries is left to ``mamori.pii.extract``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

AES_METHOD = 99


@dataclass(frozen=True)
class ArchiveLimits:
    """Bound the work spent on one attachment, against zip bombs and deep nesting."""

    max_depth: int = 3
    max_entries: int = 2000
    max_total_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_nested_bytes: int = 20 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """Describe one archive member: its path (nested archives joined by '/'), size and encryption."""

    path: str
    size: int
    encrypted: bool


@dataclass
class Listing:
    """Collect the entries of an archive and what prevented a full look."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    total: int = 0

    @property
    def encrypted(self) -> bool:
        """Return whether any member is encrypted (ZipCrypto or AES)."""
        return any(e.encrypted for e in self.entries)


def is_zip(data: bytes) -> bool:
    """Return whether the bytes start like a zip file."""
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def decode_entry_name(info: zipfile.ZipInfo) -> str:
    """Return a member name, recovering CP932 (or UTF-8 without the flag) from zipfile's cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for codec in ("utf-8", "cp932", "euc_jp"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def list_zip(data: bytes, limits: ArchiveLimits | None = None) -> Listing:
    """List a zip's members, descending into nested zips within ``limits``; never raise."""
    listing = Listing()
    _walk(data, "", 0, limits or ArchiveLimits(), listing)
    return listing


def _walk(data: bytes, prefix: str, depth: int, limits: ArchiveLimits, listing: Listing) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        listing.problems.append(f"{prefix or 'archive'}: unreadable zip ({type(exc).__name__})")
        return
    with zf:
        for info in infos:
            if len(listing.entries) >= limits.max_entries:
                listing.problems.append("too_many_entries")
                return
            name = prefix + decode_entry_name(info)
            encrypted = bool(info.flag_bits & 0x1) or info.compress_type == AES_METHOD
            listing.entries.append(Entry(name, info.file_size, encrypted))
            listing.total += info.file_size
            if listing.total > limits.max_total_bytes:
                listing.problems.append("too_large")
                return
            if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
                listing.problems.append(f"{name}: compression ratio too high (archive bomb?)")
                continue
            if not encrypted and name.lower().endswith(".zip"):
                _nested(zf, info, name, depth, limits, listing)


def _nested(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, depth: int,
            limits: ArchiveLimits, listing: Listing) -> None:
    if depth + 1 >= limits.max_depth:
        listing.problems.append(f"{name}: nested too deep")
        return
    if info.file_size > limits.max_nested_bytes:
        listing.problems.append(f"{name}: nested archive too large")
        return
    try:
        with zf.open(info) as member:
            inner = member.read(limits.max_nested_bytes + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        listing.problems.append(f"{name}: unreadable ({type(exc).__name__})")
        return
    _walk(inner, name + "/", depth + 1, limits, listing)
