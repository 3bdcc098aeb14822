"""Implement ``mamori pii detect``: JSON Lines of texts on standard input, JSON Lines of spans out."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from mamori.pii.engine import detect

_DESCRIPTION = """\
Read JSON Lines {"id": ..., "text": ...} from standard input and write one line
{"id": ..., "spans": [{"start": S, "end": E, "label": "PHONE"}, ...]} per input line.
Offsets are Unicode code points into the given text, end exclusive, sorted by start.
Each answer is written and flushed as soon as its line is read, so the command can
serve as a co-process. Exit status: 0 when every line was answered (whether or not
personal data was found: the spans say that), 2 when a line was malformed (reported
on standard error with its line number; the other lines are still answered)."""


def _answer(line: str) -> dict[str, object]:
    """Return the output object for one input line or raise ValueError naming what is wrong."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise ValueError('expected an object with a string "text"')
    spans = [{"start": s.start, "end": s.end, "label": s.label} for s in detect(obj["text"])]
    return {"id": obj.get("id"), "spans": spans}


def _dumps(out: dict[str, object]) -> str:
    """Return one output line; escape non-ASCII only when the id holds a lone surrogate."""
    line = json.dumps(out, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(out)
    return line


def run(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Answer every line of ``stdin`` on ``stdout``; return 2 if a line was malformed, else 0."""
    malformed = False
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        try:
            out = _answer(line)
        except ValueError as exc:
            print(f"mamori pii detect: line {number}: {exc}", file=stderr, flush=True)
            malformed = True
            continue
        stdout.write(_dumps(out) + "\n")
        stdout.flush()
    return 2 if malformed else 0


def detect_main(argv: list[str]) -> int:
    """Run ``mamori pii detect`` with the arguments that follow it; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="mamori pii detect",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.parse_args(argv)
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # JSON Lines are UTF-8 whatever the locale says
    return run(stdin, sys.stdout, sys.stderr)
