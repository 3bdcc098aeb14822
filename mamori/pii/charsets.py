"""Compile the character classes of regular expressions a range at a time instead of a code point at a time.

Python's ``re`` (3.11 to 3.13) builds a class such as ``[\\u4e00-\\u9fff]`` by setting one byte per code
point in a Python loop: 21,000 steps for the CJK ideographs, in each of the hundreds of patterns that hold
a kanji class. That was half of the 1.1 s of CPU it took to import the engine, which every ``mamori scan``,
``mamori pii detect`` and mail guard pays before reading anything. ``install`` puts in its place the same
function with each range set by one slice assignment; case-insensitive classes (which map each code point)
are left to the original. The compiled patterns are the same (``tests/test_charsets.py`` compares the
compiled code of every pattern the engine holds), and ``install`` checks a few classes of each shape
against the original first, so a Python whose compiler differs keeps its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

try:
    from re import _compiler as _re_compiler  # type: ignore[attr-defined]
    from re._constants import BIGCHARSET, CHARSET, LITERAL, NEGATE, RANGE  # type: ignore[attr-defined]
except ImportError:  # another implementation of re: nothing to speed up
    _re_compiler = None

_BMP = 0x10000
_LATIN1 = 256
# Classes of each shape the compiler handles apart: Latin-1 only, one run, a bitmap of several runs in the
# BMP, beyond the BMP, a negation, a category, and a code point beyond the BMP alone.
_SAMPLES = (
    r"[a-z]",
    r"[0-9A-Za-z_]",
    r"[\u3041-\u3096]",
    r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u4fff]",
    r"[^\u3041-\u3096ー]",
    r"[\u3400-\u4dbf\U00020000-\U0002a6df\u3005]",
    r"[\d\u4e00-\u4e10x]",
    r"[\U0002000b\U00020b9f-\U00020bb7]",
    r"[\u00e9\u0100]",
)


def _fast(original: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``_optimize_charset`` with case-sensitive ranges set by slices, else *original*.

    A class seen before is answered from a memo (the engine's 2,200 classes are 540 distinct ones: the
    kanji class in hundreds of patterns); the compiler only reads what it is given back.
    """
    memo: dict[tuple[tuple[Any, Any], ...], tuple[list[tuple[Any, Any]], bool]] = {}

    def optimize_charset(
        charset: list[tuple[Any, Any]], iscased: Any = None, fixup: Any = None, fixes: Any = None
    ) -> tuple[list[tuple[Any, Any]], bool]:
        if fixup:
            return original(charset, iscased, fixup, fixes)  # type: ignore[no-any-return]
        key = tuple(charset)
        known = memo.get(key)
        if known is None:
            known = memo[key] = _optimized(charset)
        return known

    optimize_charset.original = original  # type: ignore[attr-defined]
    return optimize_charset


def _optimized(charset: list[tuple[Any, Any]]) -> tuple[list[tuple[Any, Any]], bool]:
    """Return the class as the original compiler writes it, case-sensitive (no ``fixup``)."""
    out: list[tuple[Any, Any]] = []
    tail: list[tuple[Any, Any]] = []
    charmap = bytearray(_LATIN1)
    for op, av in charset:
        if op is LITERAL:
            lo = hi = av
        elif op is RANGE:
            lo, hi = av
        else:
            (out if op is NEGATE else tail).append((op, av))
            continue
        if hi >= _LATIN1 and len(charmap) == _LATIN1:
            charmap += bytes(_BMP - _LATIN1)  # as the original grows it at its first code point past 255
        if hi < _BMP:
            charmap[lo : hi + 1] = b"\x01" * (hi + 1 - lo)
        else:  # the BMP part goes in the map, the whole item in the tail, as the original does
            if lo < _BMP:
                charmap[lo:] = b"\x01" * (_BMP - lo)
            tail.append((op, av))
    return _compress(charset, out, tail, charmap)


def _compress(
    charset: list[tuple[Any, Any]],
    out: list[tuple[Any, Any]],
    tail: list[tuple[Any, Any]],
    charmap: bytearray,
) -> tuple[list[tuple[Any, Any]], bool]:
    """Return the class as the original writes it from its map: runs, a bitmap or a big charset."""
    runs: list[tuple[int, int]] | None = []
    q = 0
    while True:
        p = charmap.find(1, q)
        if p < 0:
            break
        if len(runs) >= 2:  # type: ignore[arg-type]
            runs = None
            break
        q = charmap.find(0, p)
        if q < 0:
            runs.append((p, len(charmap)))  # type: ignore[union-attr]
            break
        runs.append((p, q))  # type: ignore[union-attr]
    if runs is not None:
        for p, q in runs:
            out.append((LITERAL, p) if q - p == 1 else (RANGE, (p, q - 1)))
        out += tail
        return (out if len(out) < len(charset) else charset), False
    if len(charmap) == _LATIN1:
        out.append((CHARSET, _re_compiler._mk_bitmap(charmap)))
        out += tail
        return out, False
    whole = bytes(charmap)
    comps: dict[bytes, int] = {}
    mapping = bytearray(256)
    block = 0
    data = bytearray()
    for i in range(0, _BMP, 256):
        chunk = whole[i : i + 256]
        if chunk in comps:
            mapping[i // 256] = comps[chunk]
        else:
            mapping[i // 256] = comps[chunk] = block
            block += 1
            data += chunk
    words = _re_compiler._mk_bitmap(data)
    words[0:0] = [block, *_re_compiler._bytes_to_codes(mapping)]
    out.append((BIGCHARSET, words))
    out += tail
    return out, False


def compiled_code(pattern: str, flags: int = 0) -> list[int]:
    """Return the code ``re`` compiles *pattern* to, for comparing compilers."""
    from re import _parser  # type: ignore[attr-defined]  # noqa: PLC0415

    parsed = _parser.parse(pattern, flags)
    return list(_re_compiler._code(parsed, parsed.state.flags))


def install() -> bool:
    """Put the faster class compiler in ``re``'s place when it compiles the samples as the original does."""
    if _re_compiler is None or not hasattr(_re_compiler, "_optimize_charset"):
        return False
    original = _re_compiler._optimize_charset
    if getattr(original, "__module__", "") == __name__:
        return True
    expected = [compiled_code(pattern) for pattern in _SAMPLES]
    _re_compiler._optimize_charset = _fast(original)
    if [compiled_code(pattern) for pattern in _SAMPLES] != expected:
        _re_compiler._optimize_charset = original
        return False
    return True
