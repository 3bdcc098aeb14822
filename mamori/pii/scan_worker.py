"""Scan one file in a worker process: extract its text, detect personal data, summarise."""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mamori.pii import Detection, detect_all, mask
from mamori.pii.corporate import is_row
from mamori.pii.extract import INCOMPLETE, STREAM_SIZE, Limits, Part, Problem, extract
from mamori.pii.extract.model import MORE
from mamori.pii.extract.pst import MAGIC as PST_MAGIC
from mamori.pii.file_verdict import SEEN_PER_KIND, place_contact_only
from mamori.pii.normalize import fold_line_ends
from mamori.pii.records import label_records
from mamori.pii.scan_windows import Window, Windower
from mamori.pii.tables import as_rows, header_label, split_names

# Kinds that usually name one person each; their distinct values estimate how many persons a file holds.
__all__ = ["Detection", "Summary", "Task", "scan_file"]

PERSON_KINDS = ("PERSON", "EMAIL", "PHONE", "MY_NUMBER", "DRIVERS_LICENSE", "PASSPORT", "HEALTH_INSURANCE")
# In running text an address list without names still lists persons: one address, one household.
PROSE_KINDS = (*PERSON_KINDS, "ADDRESS")
EXAMPLES_PER_KIND = 3
_HASH_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class Task:
    """Describe one file to scan; ``known_hash`` is the cached content hash, if any."""

    path: str
    size: int
    mtime_ns: int
    known_hash: str | None = None
    show_values: bool = False
    limits: Limits = field(default_factory=Limits)


_NOT_KEY = re.compile(r"[^\w@.]|_")
# The same for ASCII (a phone's hyphens), deleted by str.translate: ASCII \w is [A-Za-z0-9_].
_ASCII_NOT_KEY = dict.fromkeys(c for c in range(128) if not (chr(c).isalnum() or chr(c) in "@."))


def _identity(label: str, value: str) -> str:
    """Return the form of *value* under which repeats count once (width, case, separators ignored)."""
    if not value.isascii():
        value = unicodedata.normalize("NFKC", value)
    value = value.lower()
    if label == "PERSON":
        return value.replace(" ", "")
    if value.isalnum():  # all of \w but "_"
        return value
    return value.translate(_ASCII_NOT_KEY) if value.isascii() else _NOT_KEY.sub("", value)


def _row_text(text: str) -> str:
    """Return *text* with its records as tab-separated rows, as the table pass read them (same length).

    An export padded with ideographic spaces is read as the table pass reads it: measured on them, its
    cells parted at the spaces NFKC made of them.
    """
    if "\u3000" not in text:
        return as_rows(text)
    folded = fold_line_ends(text)
    return as_rows(folded.replace("\u3000", " "), folded)


def _table_row(text: str, pos: int, rows: dict[int, bool]) -> int | None:
    """Return the start of the line holding ``pos`` when that line is a record of a table, else None.

    ``rows`` remembers the lines already judged: a customer list has several spans on every row. A
    line of a form (``氏名\t山田 太郎``, ``電話\t090-…`` in a résumé or an application) is a table row
    whose first cell names the field: each such row holds one field of the same person, not a record.
    """
    start = text.rfind("\n", 0, pos) + 1
    row = rows.get(start)
    if row is None:
        end = text.find("\n", pos)
        line = text[start : end if end >= 0 else len(text)]
        row = rows[start] = is_row(line) and not _form_row(line)
    return start if row else None


_KANA_NAME = re.compile(r"[\u3041-\u3096\u30a1-\u30faー・ ]+")


def _two_persons(value: str) -> bool:
    """Tell whether a name cell folded from two lines names two persons, not a name and its reading."""
    halves = split_names(value)
    return halves is not None and (_KANA_NAME.fullmatch(halves[0]) is None) == (
        _KANA_NAME.fullmatch(halves[1]) is None
    )


def _form_row(line: str) -> bool:
    """Return whether *line* is a field of a form: a personal-data label, then one or two values."""
    cells = [cell.strip() for cell in line.split("\t" if "\t" in line else ",")]
    filled = [cell for cell in cells if cell]
    return 2 <= len(filled) <= 3 and header_label(filled[0]) not in (None, "ID")


_READING = re.compile(
    r"[\u3041-\u3096ー\s]+"
)  # hiragana only: やまだ たろう; katakana may be a name (グエン)


class Summary:
    """Accumulate the findings and problems of one file."""

    def __init__(self, show_values: bool) -> None:
        self.show_values = show_values
        self.counts: Counter[str] = Counter()
        self.corporate: Counter[str] = Counter()
        self.distinct: dict[str, set[str]] = {}
        # table rows holding personal data, by a hash of their values: (location, identifying values, persons)
        self.records: dict[int, tuple[str, frozenset[str], int]] = {}
        self.examples: list[dict[str, str]] = []
        self.examples_seen: dict[str, set[str]] = {}
        self.problems: list[Problem] = []
        self.more: Counter[tuple[str, str]] = Counter()  # problems folded into the first of a container
        self.folded: set[tuple[str, str]] = set()
        self.encodings: set[str] = set()
        self.first_values: dict[str, set[str]] = {}  # the first few distinct values of each kind

    def add_parts(self, parts: Iterable[Part], deadline: float, limits: Limits) -> None:
        """Detect personal data in the parts of one file; stop with a ``timeout`` past *deadline*.

        A part with an ``offset`` continues the text of the part before it (a streamed file): the
        windows run over the whole text, so a value cut between two parts is still found, once.
        """
        windower: Windower | None = None
        location = ""
        for part in parts:
            for problem in part.problems:
                self._add_problem(problem)
            if part.encoding:
                self.encodings.add(part.encoding)
            if windower is not None and (part.offset == 0 or part.location != location):
                if not self._detect(windower.close(), location, deadline, limits):
                    return
                windower = None
            if not part.text:
                continue
            location = part.location
            windower = windower or Windower()
            if not self._detect(windower.feed(part.text), location, deadline, limits):
                return
        if windower is not None:
            self._detect(windower.close(), location, deadline, limits)

    def _add_problem(self, problem: Problem) -> None:
        """Keep the first problem of each code per top container; count the others (archive bombs).

        A zip of 10,000 nested bombs gives one line with ``more`` set, not 10,000 lines.
        """
        key = (problem.location.split("!/", 1)[0], problem.code)
        if key in self.folded:
            self.more[key] += 1
            return
        self.folded.add(key)
        self.problems.append(problem)

    def problem_dicts(self) -> list[dict[str, Any]]:
        """Return the problems as JSON-ready dicts, with ``more`` when others of the kind were folded."""
        out = []
        for problem in self.problems:
            item = problem.as_dict()
            more = self.more.get((problem.location.split("!/", 1)[0], problem.code), 0)
            if more:
                item["more"] = more
                item["message"] = MORE % {"message": item["message"], "more": more}
            out.append(item)
        return out

    def _detect(self, windows: Iterable[Window], location: str, deadline: float, limits: Limits) -> bool:
        """Record the spans each window owns; return False (and a ``timeout``) past *deadline*."""
        for window in windows:
            if time.monotonic() > deadline:
                self.problems.append(Problem("timeout", location, {"limit": limits.time_budget}))
                return False
            text = window.text
            found = detect_all(text)
            own_start, own_end = window.own_start, window.own_end  # window.owns, without a call per span
            for span in found.corporate:
                if own_start <= span.start < own_end:
                    self.corporate[span.label] += 1
            rows: dict[int, list[str]] = {}
            two: set[int] = set()  # rows with a folded cell of two persons' names
            judged: dict[int, bool] = {}
            # Fixed-width and ／-separated lines read as table rows, as the table pass read them.
            row_text = _row_text(text) if found.personal else text
            blocks = label_records(text, header_label) if found.personal else []
            block_starts = [start for start, _ in blocks]
            # Spans come sorted by start: a line holding several is judged once, and the value a
            # window repeats (a staff name, a company's phone on every row) is put in its key form once.
            key_of: dict[tuple[str, str], str] = {}
            counts, examples_seen = self.counts, self.examples_seen
            line_start = line_end = -1
            line_row: int | None = None
            for span in found.personal:
                start = span.start
                if not own_start <= start < own_end:
                    continue
                label, value = span.label, span.text
                key = key_of.get((label, value))
                if key is None:
                    key = key_of[label, value] = _identity(label, value)
                    first = self.first_values.setdefault(label, set())
                    if len(first) < SEEN_PER_KIND:
                        first.add(key)
                if not line_start <= start < line_end:
                    line_start = row_text.rfind("\n", 0, start) + 1
                    line_end = row_text.find("\n", start)
                    line_end = len(row_text) if line_end < 0 else line_end
                    line_row = _table_row(row_text, start, judged)
                row = line_row
                if row is None and blocks:  # a record of labelled lines (氏名：… / 電話：… / 携帯：…)
                    k = bisect_right(block_starts, start) - 1
                    if k >= 0 and start < blocks[k][1]:
                        row = -1 - blocks[k][0]
                if row is None:
                    self.distinct.setdefault(label, set()).add(key)
                else:
                    rows.setdefault(row, []).append(label + key)
                    if label == "PERSON" and value.count(" ") >= 3 and _two_persons(value):
                        two.add(row)
                counts[label] += 1
                seen = examples_seen.get(label)
                if seen is None:
                    seen = examples_seen[label] = set()
                if len(seen) < EXAMPLES_PER_KIND and key not in seen:
                    self._add_example(label, value, key, location, seen)
            for row, values in rows.items():
                keys = frozenset(value for value in values if value.startswith(PERSON_KINDS))
                self.records.setdefault(hash(tuple(sorted(values))), (location, keys, 2 if row in two else 1))
        return True

    def settle(self) -> None:
        """Count a file that holds only a place's contact (``file_verdict``) as organisations' data."""
        if place_contact_only(self.first_values):
            self.corporate.update(self.counts)
            for found in (self.counts, self.records, self.distinct, self.examples_seen, self.first_values):
                found.clear()
            self.examples.clear()

    def _add_example(self, label: str, value: str, key: str, location: str, seen: set[str]) -> None:
        seen.add(key)
        example = {"label": label, "masked": mask(label, value), "location": location}
        if self.show_values:
            example["value"] = value
        self.examples.append(example)

    def persons(self) -> int:
        """Estimate the persons in the file: table records with personal data plus persons in prose.

        A record (a table row) is one person however many phones it holds, and an address-only list
        counts its rows; a folded cell of two persons' names (a couple) counts two. A record of another
        table (a sheet, a database table) that shares a name, mail address or phone with one counted
        before is that person again, when the value is on one record of each table (not a staff name on
        every row). In prose, the most distinct values of one person-identifying kind (names, mail
        addresses, phones ...) not already in a record estimate the persons. Corporate data never counts.
        """
        records, known = self._records()
        distinct = {
            kind: {v for v in values if kind + v not in known} for kind, values in self.distinct.items()
        }
        names = distinct.get("PERSON", set())
        readings = sum(1 for name in names if _READING.fullmatch(name))
        prose = max((len(distinct.get(kind, ())) for kind in PROSE_KINDS[1:]), default=0)
        # A name and its reading (山田 太郎, やまだ たろう) are one person: readings in hiragana and
        # written names are counted apart and the larger count stands for the persons named.
        prose = max(prose, readings, len(names) - readings)
        if not prose and any(distinct.values()):
            prose = 1  # a birth date alone still concerns someone
        return records + prose

    def _records(self) -> tuple[int, set[str]]:
        """Return the persons the records stand for and their identifying values.

        A value identifies across tables only when it is on one record of its own table: a staff name
        on every row of a delivery list is no join between that list and the staff table.
        """
        uses: dict[str, Counter[str]] = {}
        for location, keys, _ in self.records.values():
            uses.setdefault(location, Counter()).update(keys)
        first: dict[str, str] = {}  # identifying value -> the table it was first counted in
        total = 0
        for location, keys, persons in self.records.values():
            own = [key for key in keys if uses[location][key] == 1]
            if not any(first.get(key, location) != location for key in own):
                total += persons
            for key in own:
                first.setdefault(key, location)
        return total, {key for counter in uses.values() for key in counter}

    def status(self) -> str:
        """Return ``findings``, ``error`` (not fully read), ``unsupported`` (a format not read), ``skipped`` or ``clean``."""
        if self.counts:
            return "findings"
        codes = {p.code for p in self.problems}
        if codes & INCOMPLETE - {"unsupported"}:
            return "error"
        if "unsupported" in codes:
            return "unsupported"
        return "skipped" if codes else "clean"


def _read(path: str, limits: Limits) -> tuple[bytes | None, str, Problem | None]:
    """Return the content, its hash, or a problem when unreadable or over the size limit.

    The content is ``None`` for a file bigger than ``STREAM_SIZE``: it is not held here but read
    again by the extractor, which streams plain text with bounded memory.
    """
    digest = hashlib.blake2b(digest_size=16)
    chunks: list[bytes] = []
    size = 0
    store = False  # an Outlook .pst / .ost: read on demand by the extractor, whatever its size
    try:
        with open(path, "rb") as fh:
            while block := fh.read(_HASH_BLOCK):
                store = store or (not size and block.startswith(PST_MAGIC))
                digest.update(block)
                size += len(block)
                if size <= STREAM_SIZE:
                    chunks.append(block)
                else:
                    chunks.clear()  # keep hashing for the cache, never hold a big file in memory
    except OSError as exc:
        return None, "", Problem("unreadable", path, {"reason": exc.strerror or type(exc).__name__})
    if size > limits.max_file_size and not store:
        return (
            None,
            digest.hexdigest(),
            Problem("too_large", path, {"limit": limits.max_file_size, "scope": "file"}),
        )
    return (b"".join(chunks) if size <= STREAM_SIZE else None), digest.hexdigest(), None


def scan_file(task: Task) -> dict[str, Any]:
    """Scan the file of *task* and return a JSON-ready result; never raises for bad input."""
    started = time.monotonic()
    data, content_hash, problem = _read(task.path, task.limits)
    result: dict[str, Any] = {
        "path": task.path,
        "size": task.size,
        "mtime_ns": task.mtime_ns,
        "hash": content_hash,
    }
    if problem is None and task.known_hash == content_hash:
        return {**result, "status": "unchanged"}
    summary = Summary(task.show_values)
    if problem is not None:
        summary.problems.append(problem)
    else:
        deadline = started + task.limits.time_budget
        source = task.path if data is None else data
        summary.add_parts(extract(source, name=task.path, limits=task.limits), deadline, task.limits)
        summary.settle()
    result.update(
        status=summary.status(),
        counts=dict(sorted(summary.counts.items())),
        corporate_counts=dict(sorted(summary.corporate.items())),
        persons=summary.persons(),
        examples=summary.examples,
        problems=summary.problem_dicts(),
        encodings=sorted(summary.encodings),
        seconds=round(time.monotonic() - started, 3),
    )
    return result
