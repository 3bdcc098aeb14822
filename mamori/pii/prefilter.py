"""Tell, in one pass over a text, which recognizers can find anything in it, so the others are skipped.

A recognizer module declares ``TRIGGERS``: regular expressions such that the recognizer finds nothing
in a text where none of them matches (``search``), nor the ones of ``start`` at the text's start. On
sparse business prose most texts hold no label, honorific or address word, and each recognizer
scanning the whole text to learn that cost a full pass per pattern. Here the triggers of every
recognizer go into one Hyperscan database, scanned once over the text's UTF-8; the recognizers whose
triggers did not match are not run. ``re`` stays the exact matcher: the recognizers that run are the
same code as without the prefilter, so the spans are identical.

Hyperscan takes no look-arounds, back-references or possessive repeats, so each trigger is rewritten
into an expression that matches wherever the original can (look-arounds and word boundaries dropped,
a back-reference read as its group, possessive and atomic as plain repeats, ``\\d`` / ``\\w`` / ``\\s``
spelled out as the code points Python's ``re`` gives them). A pattern that cannot be rewritten (case
folding), a text Hyperscan cannot take (lone surrogates from undecodable bytes) or a missing
``hyperscan`` wheel means that recognizer is simply run: the prefilter only ever skips work.
"""

from __future__ import annotations

import array
import hashlib
import logging
import os
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]  # Python's own parse tree
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from mamori.pii.cache_dir import cache_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Triggers:
    """The expressions without a match of which a recognizer finds nothing in a text.

    ``search``: matched anywhere in the text; ``start``: matched at the text's start only
    (a pattern the recognizer applies with ``.match(text)``).
    """

    search: tuple[re.Pattern[str], ...]
    start: tuple[re.Pattern[str], ...] = field(default=())


class Untranslatable(ValueError):
    """A construct of Python's ``re`` that has no superset in Hyperscan's syntax here."""


_MAX_CODE_POINT = 0x10FFFF
_SURROGATES = (0xD800, 0xDFFF)


@cache
def _every_code_point() -> str:
    """Return every code point but the surrogates, in order: index i is code point i below U+D800.

    Decoded from their UTF-32 code units: 0.03 s of a process's start instead of 0.13 s for a ``chr``
    per code point.
    """
    units = array.array("I", range(_SURROGATES[0]))
    units.extend(range(_SURROGATES[1] + 1, _MAX_CODE_POINT + 1))
    return units.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")


def _code_point(index: int) -> int:
    return index if index < _SURROGATES[0] else index + _SURROGATES[1] - _SURROGATES[0] + 1


@cache
def _category_ranges(category: str) -> tuple[tuple[int, int], ...]:
    """Return the code point ranges that Python's ``re`` matches with a class escape (``\\d`` ...).

    Runs of matching code points are found with ``re`` itself (``\\w+`` over every code point), split
    where the surrogates were left out: 0.03 s instead of 0.38 s for a set of each matching character.
    """
    ranges: list[tuple[int, int]] = []
    gap = _SURROGATES[0]  # the index of the first code point after the surrogates
    for run in re.finditer(category + "+", _every_code_point()):
        first, last = run.start(), run.end() - 1
        for lo, hi in ((first, min(last, gap - 1)), (max(first, gap), last)):
            if lo <= hi:
                ranges.append((_code_point(lo), _code_point(hi)))
    return tuple(ranges)


def _complement(ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    nxt = 0
    for lo, hi in ranges:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= _MAX_CODE_POINT:
        out.append((nxt, _MAX_CODE_POINT))
    # Hyperscan's UTF-8 mode has no surrogates: cut them out.
    cut: list[tuple[int, int]] = []
    for lo, hi in out:
        if hi < _SURROGATES[0] or lo > _SURROGATES[1]:
            cut.append((lo, hi))
            continue
        if lo < _SURROGATES[0]:
            cut.append((lo, _SURROGATES[0] - 1))
        if hi > _SURROGATES[1]:
            cut.append((_SURROGATES[1] + 1, hi))
    return tuple(cut)


_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: (r"\d", False),
    sre_constants.CATEGORY_NOT_DIGIT: (r"\d", True),
    sre_constants.CATEGORY_SPACE: (r"\s", False),
    sre_constants.CATEGORY_NOT_SPACE: (r"\s", True),
    sre_constants.CATEGORY_WORD: (r"\w", False),
    sre_constants.CATEGORY_NOT_WORD: (r"\w", True),
}


def _char(c: int) -> str:
    if _SURROGATES[0] <= c <= _SURROGATES[1]:
        raise Untranslatable("surrogate code point")
    return f"\\x{{{c:x}}}"


def _ranges_text(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(_char(lo) if lo == hi else f"{_char(lo)}-{_char(hi)}" for lo, hi in ranges)


def _class(items: list[tuple[Any, Any]]) -> str:
    negate = False
    parts: list[str] = []
    for op, av in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            parts.append(_char(av))
        elif op is sre_constants.RANGE:
            lo, hi = av
            if lo <= _SURROGATES[1] and hi >= _SURROGATES[0]:
                raise Untranslatable("a range over surrogates")
            parts.append(f"{_char(lo)}-{_char(hi)}")
        elif op is sre_constants.CATEGORY and av in _CATEGORIES:
            escape, inverted = _CATEGORIES[av]
            ranges = _category_ranges(escape)
            parts.append(_ranges_text(_complement(ranges) if inverted else ranges))
        else:
            raise Untranslatable(f"class item {op}")
    if not parts:
        raise Untranslatable("an empty class")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


class _Writer:
    """Write an sre parse tree as a Hyperscan expression that matches wherever the original can."""

    def __init__(self, flags: int) -> None:
        if flags & re.IGNORECASE:
            raise Untranslatable("case folding")
        self.multiline = bool(flags & re.MULTILINE)
        self.dotall = bool(flags & re.DOTALL)
        self.groups: dict[int, str] = {}

    def seq(self, items: Any, at_start: bool = False) -> str:
        """Write a sequence; ``at_start``: nothing of the pattern can stand before it in a match."""
        items = list(items)
        if at_start:
            # X(?<=Y)Z at the pattern's start: Y ends where Z begins, so YZ matches too (X dropped).
            # This keeps ``:(?<=作成:)`` from widening to every colon.
            for k, (op, av) in enumerate(items):
                if op is sre_constants.ASSERT and av[0] == -1:
                    return self.seq(av[1]) + self.seq(items[k + 1 :])
        if items and at_start and items[0][0] in (sre_constants.BRANCH, sre_constants.SUBPATTERN):
            first_op, first_av = items[0]
            return self.item(first_op, first_av, at_start=True) + self.seq(items[1:])
        return "".join(self.item(op, av) for op, av in items)

    def item(self, op: Any, av: Any, at_start: bool = False) -> str:  # noqa: PLR0911, PLR0912
        c = sre_constants
        if op is c.LITERAL:
            return _char(av)
        if op is c.NOT_LITERAL:
            return "[^" + _char(av) + "]"
        if op is c.IN:
            return _class(av)
        if op is c.ANY:
            return r"[\x{0}-\x{d7ff}\x{e000}-\x{10ffff}]" if self.dotall else r"[^\n]"
        if op is c.BRANCH:
            return "(?:" + "|".join(self.seq(branch, at_start) for branch in av[1]) + ")"
        if op is c.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            if add_flags & re.IGNORECASE:
                raise Untranslatable("case folding")
            if (add_flags | del_flags) & (re.MULTILINE | re.DOTALL):
                raise Untranslatable("scoped MULTILINE / DOTALL")
            text = "(?:" + self.seq(sub, at_start) + ")"
            if group is not None:
                self.groups[group] = text
            return text
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            body = "(?:" + self.seq(sub) + ")"
            return body + (f"{{{lo},}}" if hi is c.MAXREPEAT else f"{{{lo},{hi}}}")
        if op is c.ATOMIC_GROUP:
            return "(?:" + self.seq(av) + ")"
        if op in (c.ASSERT, c.ASSERT_NOT):
            return ""  # a look-around only narrows where the pattern matches
        if op is c.AT:
            return self.at(av)
        if op is c.GROUPREF:
            if av not in self.groups:
                raise Untranslatable("a reference to an open group")
            return self.groups[av]  # the referenced text is something the group matched
        if op is c.GROUPREF_EXISTS:
            _group, yes, no = av
            return "(?:" + self.seq(yes) + "|" + (self.seq(no) if no else "") + ")"
        raise Untranslatable(f"opcode {op}")

    def at(self, av: Any) -> str:
        c = sre_constants
        if av is c.AT_BEGINNING_STRING or (av is c.AT_BEGINNING and not self.multiline):
            return r"\A"
        if av is c.AT_END_STRING:
            return r"\z"
        if av is c.AT_END:
            return "$"  # before a final newline or at the end, or (MULTILINE) before any newline: as PCRE
        return ""  # ^ in MULTILINE, \b, \B: dropping a condition only widens the match


def superset(pattern: re.Pattern[str], at_start: bool = False) -> tuple[str, bool]:
    """Return a Hyperscan expression matching wherever ``pattern`` can, and whether it needs MULTILINE.

    ``at_start``: the pattern is applied at the text's start only (``pattern.match(text)``).
    Raises ``Untranslatable`` for what has no such expression here.
    """
    if isinstance(pattern.pattern, bytes):
        raise Untranslatable("a bytes pattern")
    writer = _Writer(pattern.flags)
    body = writer.seq(sre_parse.parse(pattern.pattern, pattern.flags), at_start=not at_start)
    return (r"\A(?:" + body + ")" if at_start else body), writer.multiline


def cache_file(key: str) -> Path:
    """Return where the compiled database of ``key`` is kept (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    return cache_dir() / f"prefilter-{key}.hsdb"


def _compiled(hyperscan: Any, expressions: list[bytes], ids: list[int], flags: list[int]) -> Any:
    """Return the Hyperscan database of the expressions, from the user's cache when it was built before.

    Compiling takes about 0.5 s of CPU in every process that detects (``mamori pii detect``, each scan,
    each mail guard); loading the serialised database takes a millisecond. The file is named by a hash
    of everything compiled and of Hyperscan's version, and holds the hash of its content, so a stale,
    truncated or damaged file is never loaded: it is compiled again. A cache that cannot be written
    (read-only home) only means compiling every time. A file loaded has its time refreshed once a day,
    and writing a new one (after an upgrade) removes the others unused for ``KEEP_DAYS`` (another
    version still installed beside keeps its own) and temporary files a crash left.
    """
    source = repr((expressions, ids, flags, getattr(hyperscan, "__version__", ""))).encode()
    path = cache_file(hashlib.sha256(source).hexdigest()[:32])
    try:
        stored = path.read_bytes()
        digest, body = stored[:32], stored[32:]
        if hashlib.sha256(body).digest() == digest:
            database = hyperscan.loadb(body, hyperscan.HS_MODE_BLOCK)
            _mark_used(path)
            return database
    except (OSError, hyperscan.error):
        pass
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=flags)
    written = ""
    try:
        body = hyperscan.dumpb(database)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".prefilter-", delete=False) as out:
            written = out.name
            out.write(hashlib.sha256(body).digest() + body)
        os.replace(written, path)  # whole or not at all, even with several processes starting at once
        _prune(path)
    except (OSError, hyperscan.error) as exc:
        log.debug("the compiled prefilter could not be kept: %s", exc)
        if written:
            Path(written).unlink(missing_ok=True)
    return database


KEEP_DAYS = 30  # compiled databases of other versions are removed after this long unused
_DAY = 24 * 3600


def _mark_used(path: Path) -> None:
    """Refresh the time of a database loaded, at most once a day (one ``stat`` a process otherwise)."""
    try:
        if time.time() - path.stat().st_mtime > _DAY:
            os.utime(path)
    except OSError:
        pass


def _prune(kept: Path) -> None:
    """Remove the compiled databases unused for ``KEEP_DAYS`` and the temporary files older than a day."""
    now = time.time()
    try:
        entries = list(kept.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if entry == kept or not name.startswith(("prefilter-", ".prefilter-")):
            continue
        age = _DAY if name.startswith(".") else KEEP_DAYS * _DAY
        try:
            if now - entry.stat().st_mtime > age and (name.endswith(".hsdb") or name.startswith(".")):
                entry.unlink()
        except OSError:
            continue


class Prefilter:
    """Scan a text once and tell which of the recognizers given can find anything in it."""

    def __init__(self, gates: list[Triggers | None]) -> None:
        self.count = len(gates)
        self.always = [g is None for g in gates]  # run whatever declares no triggers
        self.database: Any = None
        try:
            import hyperscan  # noqa: PLC0415 - optional: without it every recognizer runs
        except ImportError:
            log.info("hyperscan is not installed: every recognizer runs on every text")
            return
        expressions: list[bytes] = []
        ids: list[int] = []
        flags: list[int] = []
        for i, gate in enumerate(gates):
            if gate is None:
                continue
            try:
                written = [superset(p) for p in gate.search] + [superset(p, True) for p in gate.start]
            except Untranslatable as exc:
                log.warning("recognizer %d runs on every text: %s", i, exc)
                self.always[i] = True
                continue
            for expression, multiline in written:
                expressions.append(expression.encode("ascii"))
                ids.append(i)
                flag = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_ALLOWEMPTY
                flags.append(flag | (hyperscan.HS_FLAG_MULTILINE if multiline else 0))
        if not expressions:
            return
        try:
            database = _compiled(hyperscan, expressions, ids, flags)
            self.scratch = hyperscan.Scratch(database)
        except hyperscan.error as exc:  # an expression it cannot take: no gating rather than none at all
            log.warning("hyperscan could not compile the triggers (%s): every recognizer runs", exc)
            self.always = [True] * self.count
            return
        self.database = database
        self.error = hyperscan.error
        self.local = threading.local()  # a scratch space per thread: the mail guard detects in threads

    @property
    def active(self) -> bool:
        """Return whether texts are actually filtered (Hyperscan loaded and the triggers compiled)."""
        return self.database is not None

    def runnable(self, text: str) -> list[bool]:
        """Return, per recognizer, whether it can find anything in ``text`` (True when unsure)."""
        if self.database is None:
            return [True] * self.count
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: not UTF-8, which Hyperscan's UTF-8 mode needs
            return [True] * self.count
        hit = list(self.always)

        def on_match(gate: int, _start: int, _end: int, _flags: int, _context: object) -> None:
            hit[gate] = True

        scratch = getattr(self.local, "scratch", None)
        if scratch is None:
            scratch = self.local.scratch = self.scratch.clone()
        try:
            self.database.scan(data, match_event_handler=on_match, scratch=scratch)
        except self.error:  # whatever went wrong, running every recognizer is right
            return [True] * self.count
        return hit
