"""Match the scanner's findings (folders with personal data) to ledger rows, as pure functions.

A folder is covered when a row of the ledger says the data is kept there: a path in the row's 保管場所
(``\\\\fs01\\人事\\給与``, ``//fs01/人事``, ``D:\\顧客``, ``/srv/share/営業``) is the folder or one of its
parents, or the row names the scanned machine and gives no path. Otherwise a folder is covered by its
department when a component of its path is a department's name and that department's rows declare every
kind of personal data found. What is left is 未登録 (unregistered): personal data where no row says it
should be, offered for registration with the items pre-filled from the labels found.
"""

from __future__ import annotations

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

    @property
    def unregistered(self) -> bool:
        return not self.rows


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
        if by_path:
            results.append(Match(location, by_path, "path", found, named))
        elif by_machine:
            results.append(Match(location, by_machine, "machine", found, named))
        else:
            rows = [p for p in places if named and p.department == named]
            declared = {canonical_item(i) for p in rows for i in p.items}
            covered = bool(rows) and set(found) <= declared
            results.append(
                Match(
                    location,
                    tuple(p.id for p in rows) if covered else (),
                    "department" if covered else "",
                    found,
                    named,
                )
            )
    return results
