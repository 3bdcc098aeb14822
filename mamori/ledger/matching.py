"""Match the scanner's findings (folders with personal data) to ledger rows, as pure functions.

A folder is matched to the rows whose 保管場所 names it or a parent (``\\\\fs01\\人事\\給与``, ``//fs01/人事``,
``D:\\顧客``, ``/srv/share/営業``), else to the rows that name the scanned machine without a path, else to the
rows of the department named by a component of its path. It is covered when those rows declare every
kind of personal data found there. What is not covered is 未登録 (unregistered): personal data where no
row says it should be, or of kinds the rows do not declare, offered for registration with the items
pre-filled from the labels found.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mamori.ledger.rules import PII_LABEL_ITEMS, canonical_item

_PATH = re.compile(
    r"(?:\\\\|//)[^\s、，,（）()「」]+|[A-Za-z]:[\\/][^\s、，,（）()「」]*|(?<![\w:])/[^\s、，,（）()「」]+"
)


@dataclass(frozen=True)
class Location:
    """One scanned folder: the machine, its path, the persons found and the count per PII label."""

    machine: str
    path: str
    persons: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """Where one ledger row says its data is: the row id, department, storage text and items."""

    id: Any
    department: str
    storage: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """How one location stands: the rows that cover it (and how), or what to register."""

    location: Location
    rows: tuple[Any, ...]
    by: str  # "path", "machine", "department" or "" (unregistered)
    items: tuple[str, ...]  # the items the labels found stand for
    department: str = ""  # the department named in the path, if any
    undeclared: tuple[str, ...] = ()  # items found that the matching rows do not declare

    @property
    def unregistered(self) -> bool:
        """Return whether the ledger misses this data: no row is kept there, or not with these items."""
        return not self.rows or bool(self.undeclared)


def normalise(path: str) -> str:
    """Return ``path`` in one form: NFKC, case-folded, "/" separators, no trailing separator."""
    text = unicodedata.normalize("NFKC", path).strip().casefold().replace("\\", "/")
    prefix = "//" if text.startswith("//") else ""
    return prefix + re.sub(r"/{2,}", "/", text[len(prefix) :]).rstrip("/")


def paths_in(storage: str) -> list[str]:
    """Return the normalised paths written in a row's storage text."""
    return [normalise(p) for p in _PATH.findall(unicodedata.normalize("NFKC", storage))]


def _under(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent + "/")


def _components(path: str) -> list[str]:
    return [part for part in re.split(r"[/\\]", unicodedata.normalize("NFKC", path)) if part]


def items_found(counts: Mapping[str, int]) -> tuple[str, ...]:
    """Return the ledger items that the PII labels with a count stand for, in the labels' order."""
    return tuple(PII_LABEL_ITEMS[label] for label, n in counts.items() if n and label in PII_LABEL_ITEMS)


def match(locations: Iterable[Location], places: Iterable[Place]) -> list[Match]:
    """Return one ``Match`` per location (in input order)."""
    places = list(places)
    departments = {p.department for p in places}
    results = []
    for location in locations:
        path = normalise(location.path)
        machine = unicodedata.normalize("NFKC", location.machine).casefold()
        found = items_found(location.counts)
        named = next((c for c in _components(location.path) if c in departments), "")
        by_path = tuple(p.id for p in places if any(_under(path, parent) for parent in paths_in(p.storage)))
        by_machine = tuple(
            p.id
            for p in places
            if machine
            and not paths_in(p.storage)
            and machine in unicodedata.normalize("NFKC", p.storage).casefold()
        )
        candidates = (
            ("path", by_path),
            ("machine", by_machine),
            ("department", tuple(p.id for p in places if named and p.department == named)),
        )
        by, rows = next(((kind, ids) for kind, ids in candidates if ids), ("", ()))
        declared = {canonical_item(i) for p in places if p.id in rows for i in p.items}
        undeclared = tuple(item for item in found if item not in declared)
        if by == "department" and undeclared:
            by, rows = "", ()  # a department's rows cover its folders only for the data they declare
        results.append(Match(location, rows, by, found, named, undeclared if rows else found))
    return results


class ScanFileError(ValueError):
    """Say why an uploaded scan result cannot be read."""


def locations_from_jsonl(text: str, machine: str) -> list[Location]:
    """Return the folders of a ``mamori scan --format jsonl`` result, rolled up from its files.

    Only files with findings count; persons and counts are summed per folder (an upper bound, as the
    scanner's own roll-up). Masked examples are not kept.
    """
    folders: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ScanFileError(f"line {number}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("path"), str):
            raise ScanFileError(f"line {number}: not a result of mamori scan (no path)")
        counts = record.get("counts") or {}
        if record.get("status") != "findings" or not isinstance(counts, dict):
            continue
        folder = record["path"].replace("\\", "/").rsplit("/", 1)[0] or "/"
        entry = folders.setdefault(folder, {"persons": 0, "counts": {}})
        entry["persons"] += int(record.get("persons") or 0)
        for label, n in counts.items():
            entry["counts"][label] = entry["counts"].get(label, 0) + int(n or 0)
    return [Location(machine, path, v["persons"], v["counts"]) for path, v in sorted(folders.items())]
