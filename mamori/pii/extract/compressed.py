"""Read tar archives and gzip / bzip2 / xz streams with the same limits as zip archives."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import IO

from .model import Budget, Part, problem_part

_CHUNK = 1024 * 1024
_OPENERS: dict[str, Callable[[IO[bytes]], IO[bytes]]] = {
    "gzip": lambda raw: gzip.GzipFile(fileobj=raw),  # type: ignore[dict-item,return-value]  # its first parameter is a file name
    "bzip2": bz2.BZ2File,
    "xz": lzma.LZMAFile,
}


def _inner_name(location: str) -> str:
    """Return the name of what a compressed stream holds: ``a.tar.gz`` -> ``a.tar``, ``a.tgz`` -> ``a.tar``."""
    name = PurePosixPath(location.rsplit("!", 1)[-1].lstrip("/")).name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        return name
    return stem + ".tar" if suffix.lower() in ("tgz", "tbz2", "txz") else stem


def _read_capped(stream: IO[bytes], cap: int, location: str, budget: Budget) -> bytes | Part:
    """Read *stream* in chunks; return a problem part as soon as it exceeds *cap* bytes."""
    limits = budget.limits
    chunks, size = [], 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        budget.consume(len(chunk))
        if size > cap:
            if size > limits.max_file_size:
                return problem_part("too_large", location, limit=limits.max_file_size, scope="file")
            return problem_part("ratio_exceeded", location, limit=f"{limits.max_ratio:g}")
        chunks.append(chunk)
    return b"".join(chunks)


def read_compressed(kind: str, data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the parts of the one file a gzip, bzip2 or xz stream holds (``.tar.gz`` gives a tar)."""
    from .core import dispatch

    limits = budget.limits
    cap = min(limits.max_file_size, int(limits.max_ratio * max(len(data), 1)) + _CHUNK)
    with _OPENERS[kind](io.BytesIO(data)) as stream:
        content = _read_capped(stream, cap, location, budget)
    if isinstance(content, Part):
        yield content
        return
    yield from dispatch(content, f"{location}!/{_inner_name(location)}", depth + 1, budget)


def _member_name(member: tarfile.TarInfo) -> str:
    """Return a tar member's name, decoding CP932 names that tarfile left as surrogate escapes."""
    raw = member.name.encode("utf-8", "surrogateescape")
    for codec in ("utf-8", "cp932"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return member.name


def read_tar(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the member names of a tar archive, then the parts of each regular member."""
    from .core import dispatch

    limits = budget.limits
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:", encoding="utf-8", errors="surrogateescape") as tar:
        members: list[tarfile.TarInfo] = []
        for member in tar:
            if len(members) >= limits.max_members:
                yield problem_part("too_many_members", location, limit=limits.max_members)
                break
            members.append(member)
        yield Part(location=f"{location}!/", text="\n".join(_member_name(m) for m in members))
        if depth + 1 > limits.max_depth:
            yield problem_part("depth_exceeded", location, limit=limits.max_depth)
            return
        for member in members:
            if not member.isfile():
                continue
            inner = f"{location}!/{_member_name(member)}"
            stream = tar.extractfile(member)
            if stream is None:
                continue
            content = _read_capped(stream, limits.max_file_size, inner, budget)
            if isinstance(content, Part):
                yield content
                continue
            yield from dispatch(content, inner, depth + 1, budget)
