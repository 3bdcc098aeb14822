"""Keep held messages on disk durably: written, fsynced and renamed before the guard answers 250.

One file per message (``<uuid>.eml``, mode 0600) in a directory of mode 0700. After an upstream
accepted a message a marker ``<uuid>.sent`` is written and fsynced before the database learns it, so
a crash in between is recognised on recovery and the message is not sent again blindly.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from django.conf import settings


def spool_dir() -> Path:
    """Return the spool directory, creating it (mode 0700) if needed."""
    path = Path(settings.MAILGUARD_SPOOL_DIR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durably(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def store(raw: bytes) -> str:
    """Write one message durably and return its spool name."""
    name = f"{uuid.uuid4().hex}.eml"
    _write_durably(spool_dir() / name, raw)
    return name


def load(name: str) -> bytes:
    """Return the bytes of a spooled message."""
    return (spool_dir() / _safe(name)).read_bytes()


def mark_sent(name: str) -> None:
    """Record durably that the upstream accepted this message."""
    _write_durably(spool_dir() / (_safe(name) + ".sent"), b"sent\n")


def was_sent(name: str) -> bool:
    """Return whether the marker of an accepted delivery exists."""
    return (spool_dir() / (_safe(name) + ".sent")).exists()


def remove(name: str) -> None:
    """Delete a message and its marker (after delivery, cancellation or rejection)."""
    if not name:
        return
    for path in (spool_dir() / _safe(name), spool_dir() / (_safe(name) + ".sent")):
        path.unlink(missing_ok=True)


def names() -> list[str]:
    """Return the names of the spooled messages."""
    return sorted(p.name for p in spool_dir().glob("*.eml"))


def _safe(name: str) -> str:
    if "/" in name or name.startswith(".") or not name.endswith(".eml"):
        raise ValueError("bad spool name")
    return name
