"""Write scan results as a readable table, JSON Lines or CSV, one file at a time."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from mamori.pii.extract import INCOMPLETE

CSV_COLUMNS = (
    "path",
    "status",
    "persons",
    "findings",
    "counts",
    "examples",
    "problems",
    "encodings",
    "cached",
)


@dataclass
class Totals:
    """Count results over all files, for the summary line and the exit status."""

    files: int = 0
    bytes: int = 0
    findings: int = 0
    errors: int = 0
    unsupported: int = 0
    cached: int = 0
    persons: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    corporate: Counter[str] = field(default_factory=Counter)
    unsupported_kinds: Counter[str] = field(default_factory=Counter)

    def add(self, result: dict[str, Any]) -> None:
        """Count one file's result."""
        self.files += 1
        self.bytes += result.get("size", 0)
        self.cached += bool(result.get("cached"))
        self.persons += result.get("persons", 0)
        self.corporate.update(result.get("corporate_counts") or {})
        if result.get("counts"):
            self.findings += 1
            for label, n in result["counts"].items():
                self.kinds[label] = self.kinds.get(label, 0) + n
        if any(p["code"] in INCOMPLETE for p in result.get("problems", [])):
            self.errors += 1
        elif result.get("status") == "unsupported":
            self.unsupported += 1
            for problem in result.get("problems", []):
                self.unsupported_kinds[str(problem.get("params", {}).get("kind", "?"))] += 1

    def exit_code(self) -> int:
        """Return 1 when any file holds personal data, else 2 when something could not be read, else 0."""
        return 1 if self.findings else 2 if self.errors else 0

    def line(self, seconds: float) -> str:
        """Return the one-line summary of the whole scan."""
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.kinds.items())) or "none"
        formats = ", ".join(f"{k} {v}" for k, v in self.unsupported_kinds.most_common(5))
        unsupported = f"{self.unsupported} unsupported" + (f" ({formats})" if formats else "")
        return (
            f"{self.files} files ({self.bytes / 1e6:.1f} MB) in {seconds:.1f} s: {self.findings} with findings, "
            f"{self.errors} not fully read, {unsupported}, {self.cached} unchanged (cached); "
            f"persons (estimate, summed over files) {self.persons}; findings by kind: {kinds}"
        )


def _cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (CSV injection): prefix it with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _counts_text(result: dict[str, Any]) -> str:
    return ", ".join(f"{label} {n}" for label, n in result.get("counts", {}).items())


def _example_text(example: dict[str, str]) -> str:
    shown = example.get("value") or example["masked"]
    return f"{example['label']} {shown}"


class Writer:
    """Write results to *out* in one of the formats ``table``, ``jsonl`` or ``csv``."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        self.fmt = fmt
        self.out = out
        self.csv = csv.writer(out) if fmt == "csv" else None
        self.header_done = False

    def prints(self, result: dict[str, Any]) -> bool:
        """Tell whether :meth:`write` prints anything for *result* (the table skips clean files)."""
        return self.fmt != "table" or result.get("status") not in ("clean", "unsupported")

    def write(self, result: dict[str, Any]) -> None:
        """Write the result of one file."""
        if self.fmt == "jsonl":
            self.out.write(json.dumps(result, ensure_ascii=False) + "\n")
        elif self.csv is not None:
            self._write_csv(result)
        else:
            self._write_table(result)
        self.out.flush()

    def _write_csv(self, result: dict[str, Any]) -> None:
        assert self.csv is not None
        if not self.header_done:
            self.csv.writerow(CSV_COLUMNS)
            self.header_done = True
        self.csv.writerow(
            _cell(value)
            for value in [
                result["path"],
                result.get("status", ""),
                result.get("persons", 0),
                sum(result.get("counts", {}).values()),
                ";".join(f"{k}={v}" for k, v in result.get("counts", {}).items()),
                "; ".join(f"{_example_text(e)} @ {e['location']}" for e in result.get("examples", [])),
                "; ".join(f"{p['code']}: {p['message']}" for p in result.get("problems", [])),
                ";".join(result.get("encodings", [])),
                bool(result.get("cached")),
            ]
        )

    def _write_table(self, result: dict[str, Any]) -> None:
        if not self.prints(result):
            return  # the table lists what needs attention; the summary counts the rest
        if not self.header_done:
            self.out.write(f"{'STATUS':<9} {'PERSONS':>7}  {'FINDINGS':<40} PATH\n")
            self.header_done = True
        counts = _counts_text(result) or "-"
        self.out.write(
            f"{result['status']:<9} {result.get('persons', 0):>7}  {counts:<40} {result['path']}\n"
        )
        for example in result.get("examples", []):
            where = example["location"].removeprefix(result["path"])  # the inner part: sheet, page, member
            self.out.write(
                f"{'':<19}  e.g. {_example_text(example)}" + (f"  at {where}" if where else "") + "\n"
            )
        for problem in result.get("problems", []):
            self.out.write(f"{'':<19}  ! {problem['code']}: {problem['message']}\n")

    def finish(self, totals: Totals, seconds: float, err: TextIO) -> None:
        """Write the summary: under the table, or to *err* so that JSONL / CSV stay machine-readable."""
        if self.fmt == "table":
            if not self.header_done:
                self.out.write("Nothing found that needs attention.\n")
            self.out.write(totals.line(seconds) + "\n")
        else:
            err.write(totals.line(seconds) + "\n")
