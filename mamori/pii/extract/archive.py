"""Read zip archives, nested to a bounded depth, with checks against archive bombs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from .model import Budget, Part, problem_part

_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_CHUNK = 1024 * 1024


def member_name(info: zipfile.ZipInfo) -> str:
    """Return the real name of a zip member: UTF-8 when flagged, else UTF-8 or CP932 (Japanese Windows)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.orig_filename.encode("cp437")  # zipfile decoded the raw bytes as cp437: undo it losslessly
    for codec in ("utf-8", "cp932"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def check_bomb(zf: zipfile.ZipFile, location: str, budget: Budget) -> Part | None:
    """Return a problem part when the declared sizes of *zf* break the limits, else ``None``.

    Used before handing an OOXML / ODF zip to a library that would inflate it whole.
    """
    limits = budget.limits
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        return problem_part("too_many_members", location, limit=limits.max_members)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_file_size:
            return problem_part(
                "too_large", f"{location}!/{member_name(info)}", limit=limits.max_file_size, scope="file"
            )
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            return problem_part(
                "ratio_exceeded", f"{location}!/{member_name(info)}", limit=f"{limits.max_ratio:g}"
            )
    if total > limits.max_total_size - budget.total:
        return problem_part("too_large", location, limit=limits.max_total_size, scope="total extracted")
    return None


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, location: str, budget: Budget) -> bytes | Part:
    """Inflate one member in chunks, stopping as soon as its real size breaks a limit."""
    limits = budget.limits
    cap = min(limits.max_file_size, int(limits.max_ratio * max(info.compress_size, 1)) + 1024 * 1024)
    chunks: list[bytes] = []
    size = 0
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            budget.consume(len(chunk))
            if size > cap:
                if size > limits.max_file_size:
                    return problem_part("too_large", location, limit=limits.max_file_size, scope="file")
                return problem_part("ratio_exceeded", location, limit=f"{limits.max_ratio:g}")
            chunks.append(chunk)
    return b"".join(chunks)


def read_zip(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the member names of a zip, then the parts of each member, read recursively.

    Encrypted members are reported as ``encrypted`` (their names are still checked); bombs are caught by
    the declared sizes and again while inflating, since declared sizes can lie.
    """
    from .core import dispatch

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if len(infos) > budget.limits.max_members:
            yield problem_part("too_many_members", location, limit=budget.limits.max_members)
            infos = infos[: budget.limits.max_members]
        names = [member_name(info) for info in infos]
        yield Part(location=f"{location}!/", text="\n".join(names))
        if depth + 1 > budget.limits.max_depth:
            yield problem_part("depth_exceeded", location, limit=budget.limits.max_depth)
            return
        for info, name in zip(infos, names, strict=True):
            inner = f"{location}!/{name}"
            if info.is_dir():
                continue
            if info.flag_bits & _ENCRYPTED_FLAG:
                yield problem_part("encrypted", inner)
                continue
            budget.check_time()
            try:
                content = _read_member(zf, info, inner, budget)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
                yield problem_part("malformed", inner, kind="zip member", error=type(exc).__name__)
                continue
            if isinstance(content, Part):
                yield content
                continue
            yield from dispatch(content, inner, depth + 1, budget)
