"""Fail when the Japanese catalogue has untranslated or fuzzy entries, or its .mo is stale.

Run after ``mamori makemessages -l ja``; CI runs it on every change.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "mamori" / "locale" / "ja" / "LC_MESSAGES"


def entries(*args: str) -> str:
    return subprocess.run(
        ["msgattrib", *args, str(CATALOGUE / "django.po")], check=True, capture_output=True, text=True
    ).stdout


def main() -> int:
    problems = []
    if entries("--untranslated", "--no-obsolete").strip():
        problems.append("untranslated entries:\n" + entries("--untranslated", "--no-obsolete"))
    if entries("--only-fuzzy", "--no-obsolete").strip():
        problems.append("fuzzy entries:\n" + entries("--only-fuzzy", "--no-obsolete"))
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "django.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(CATALOGUE / "django.po")], check=True)
        if fresh.read_bytes() != (CATALOGUE / "django.mo").read_bytes():
            problems.append(
                "django.mo is stale: run msgfmt -o django.mo django.po (or mamori compilemessages)"
            )
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
