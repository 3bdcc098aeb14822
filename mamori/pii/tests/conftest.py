"""Share small helpers for the PII engine tests."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from mamori.pii import detect, detect_all, scan


def found(text: str) -> list[tuple[str, str]]:
    """Return (label, substring) of every span detected in ``text``."""
    return [(s.label, s.text) for s in detect(text)]


def split_values(text: str, label: str) -> tuple[list[str], list[str]]:
    """Return the values of ``label`` that ``detect_all`` finds personal, and those it finds an organisation's."""
    result = detect_all(text)
    return (
        [s.text for s in result.personal if s.label == label],
        [s.text for s in result.corporate if s.label == label],
    )


def scan_tree_jsonl(root: Path, out: Path) -> tuple[dict[str, dict], int]:
    """Scan *root* as a user would (``mamori scan --format jsonl``) into *out*; return rows by path and the exit code."""
    with open(out, "w", encoding="utf-8") as fh, contextlib.redirect_stdout(fh):
        code = scan.main([str(root), "--format", "jsonl", "--no-cache", "--jobs", "1", "--no-progress"])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {os.path.relpath(row["path"], root): row for row in rows}, code


def files_below(root: Path) -> list[str]:
    """Return the paths of the files under *root*, relative to it and sorted (to compare with a tree's labels)."""
    return sorted(os.path.relpath(p, root) for p in root.rglob("*") if p.is_file())


def spans_in_file(root: Path, rel: str, label: str) -> list[str]:
    """Return the text of every *label* span ``detect`` finds in the parts ``extract`` reads from *root* / *rel*."""
    from mamori.pii.extract import extract

    return [s.text for part in extract(root / rel, name=rel) for s in detect(part.text) if s.label == label]


STRONG_LABELS = {
    "PASSPORT",
    "CREDIT_CARD",
    "MY_NUMBER",
    "DRIVERS_LICENSE",
    "BANK_ACCOUNT",
    "HEALTH_INSURANCE",
}


def unlabelled_identifiers(results: dict[str, dict], labels: dict[str, dict]) -> dict[str, dict]:
    """Return the counts of the scanned files that report an identifier label their hand label does not hold."""
    return {
        rel: results[rel]["counts"]
        for rel, label in labels.items()
        if set(results[rel]["counts"]) & STRONG_LABELS - set(label["identifiers"])
    }
