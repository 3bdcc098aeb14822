"""Run ``mamori appi assess [FILE]``: scenarios as JSON Lines in, determinations as JSON Lines out.

A stable machine interface (see ``docs/glossary.md`` and the "Incident register" issue). Each input line
is one scenario; each valid scenario gets one output line, in input order. A malformed line is reported
on standard error with its line number, the other lines are still answered, and the exit status is 2.
Needs no Django settings: it imports only the pure rules.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

from mamori.incidents import rules

PROG = "mamori appi assess"
BOOLEAN_FIELDS = (
    "special_care",
    "property_damage_risk",
    "unauthorized_purpose",
    "advanced_encryption",
    "recovered_before_viewed",
    "my_number",
    "my_number_viewable_by_unspecified",
    "my_number_network",
    "copy_kept",
    "pseudonymized",
)
DATE_FIELDS = ("known_on", "discovered_on")
KNOWN_FIELDS = frozenset(
    {"id", "events", "persons", "my_number_persons", "role", *BOOLEAN_FIELDS, *DATE_FIELDS}
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ScenarioError(ValueError):
    """Say why one input line cannot be assessed."""


def _date(value: Any, name: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ScenarioError(f"{name} must be a date as YYYY-MM-DD or null, not {json.dumps(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ScenarioError(f"{name} is not a valid date: {value} ({exc})") from None


def _boolean(value: Any, name: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ScenarioError(f"{name} must be true, false or null, not {json.dumps(value)}")


def unknown_fields(data: Any) -> list[str]:
    """Return the keys of a scenario that the rules do not read (warned about, then ignored)."""
    return sorted(set(data) - KNOWN_FIELDS) if isinstance(data, dict) else []


def parse_scenario(data: Any) -> tuple[Any, rules.Facts]:
    """Return the scenario id and its facts, validating every field (legal.md §1-2 codes).

    Missing booleans are false and an explicit null is unknown; ``persons`` missing or null is unknown.
    ``role`` is ``controller`` (the default) or ``processor``; ``my_number_persons`` missing or null uses
    ``persons``; ``pseudonymized`` cannot be unknown (null reads as false).
    Other keys are ignored (the caller warns about them: a misspelt fact reads as false).
    """
    if not isinstance(data, dict):
        raise ScenarioError("a scenario must be a JSON object")
    scenario_id = data.get("id")
    if "id" not in data or isinstance(scenario_id, bool) or not isinstance(scenario_id, str | int):
        raise ScenarioError("id must be a string or an integer")
    events = data.get("events")
    if not isinstance(events, list) or not all(isinstance(code, str) for code in events):
        raise ScenarioError("events must be a list of event codes")
    bad_codes = sorted(set(events) - rules.EVENT_CODES)
    if bad_codes:
        expected = ", ".join(sorted(rules.EVENT_CODES))
        raise ScenarioError(f"unknown event code(s): {', '.join(bad_codes)} (expected: {expected})")
    counts: dict[str, Any] = {name: _count(data.get(name), name) for name in ("persons", "my_number_persons")}
    role = data.get("role", rules.CONTROLLER)
    if role not in rules.ROLES:
        expected = " or ".join(json.dumps(r) for r in sorted(rules.ROLES))
        raise ScenarioError(f"role must be {expected}, not {json.dumps(role)}")
    fields: dict[str, Any] = {name: _boolean(data.get(name, False), name) for name in BOOLEAN_FIELDS}
    fields["pseudonymized"] = bool(fields["pseudonymized"])
    fields.update({name: _date(data.get(name), name) for name in DATE_FIELDS})
    return scenario_id, rules.Facts(events=frozenset(events), role=role, **counts, **fields)


def _count(value: Any, name: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ScenarioError(f"{name} must be a non-negative integer or null, not {json.dumps(value)}")
    return value


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _targets(t: rules.PreliminaryTargets | None) -> dict[str, str] | None:
    return None if t is None else {"warn": t.warn_on.isoformat(), "target": t.target_on.isoformat()}


def _reasons(reasons: Iterable[rules.Reason]) -> list[dict[str, str]]:
    return [{"code": r.code, "article": r.article, "message": r.message} for r in reasons]


def render(scenario_id: Any, a: rules.Assessment) -> dict[str, Any]:
    """Return the output object for one assessed scenario (the keys of the machine interface first)."""
    return {
        "id": scenario_id,
        "appi": {
            "reportable": a.appi.reportable,
            "grounds": list(a.appi.grounds),
            "final_due": _iso(a.appi.final_due),
            "notify_individuals": a.appi.notify_individuals,
            "status": str(a.appi.status),
            "needs_review": list(a.appi.needs_review),
            "exemption_applied": a.appi.exemption_applied,
            "exempted_grounds": list(a.appi.exempted_grounds),
            "final_due_if_reportable": _iso(a.appi.final_due_if_reportable),
            "preliminary_due": _targets(a.appi.preliminary_due),
            "controller_notice_due": _targets(a.appi.controller_notice_due),
            "reasons": _reasons(a.appi.reasons),
        },
        "pmark": {
            "report_required": a.pmark.report_required,
            "preliminary_required": a.pmark.preliminary_required,
            "criteria": list(a.pmark.criteria),
            "final_due": _iso(a.pmark.final_due),
            "preliminary_due": _targets(a.pmark.preliminary_due),
            "needs_review": list(a.pmark.needs_review),
            "reasons": _reasons(a.pmark.reasons),
        },
        "my_number": {
            "reportable": a.my_number.reportable,
            "status": str(a.my_number.status),
            "grounds": list(a.my_number.grounds),
            "final_due": _iso(a.my_number.final_due),
            "notify_individuals": a.my_number.notify_individuals,
            "final_due_if_reportable": _iso(a.my_number.final_due_if_reportable),
            "preliminary_due": _targets(a.my_number.preliminary_due),
            "controller_notice_due": _targets(a.my_number.controller_notice_due),
            "needs_review": list(a.my_number.needs_review),
            "reasons": _reasons(a.my_number.reasons),
        },
    }


def assess_line(raw: bytes) -> tuple[dict[str, Any], list[str]]:
    """Return the output object for one raw input line and its ignored keys, or raise ``ScenarioError``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    scenario_id, facts = parse_scenario(data)
    return render(scenario_id, rules.assess(facts)), unknown_fields(data)


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte-order mark, as some Windows editors write
        yield number, raw


def run(stream: IO[bytes], out: IO[str], err: IO[str], name: str) -> int:
    """Assess every line of ``stream`` and return 0, or 2 when any line was malformed."""
    status = 0
    for number, raw in _lines(stream):
        if not raw.strip():
            continue
        try:
            result, ignored = assess_line(raw)
        except ScenarioError as exc:
            err.write(f"{PROG}: {name}: line {number}: {exc}\n")
            status = 2
            continue
        if ignored:
            err.write(
                f"{PROG}: {name}: line {number}: warning: ignored unknown field(s): {', '.join(ignored)}\n"
            )
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return status


def main(argv: list[str]) -> int:
    """Run ``mamori appi assess [FILE]`` (APPI Art. 26, Privacy Mark, My Number Act) and return the status."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Assess incident scenarios (JSON Lines, one per line) under APPI Art. 26, "
        "the Privacy Mark rules and the My Number Act; write one JSON line per scenario.",
    )
    parser.add_argument("file", nargs="?", help="JSON Lines file (default: standard input)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if args.file is None or args.file == "-":
        return run(sys.stdin.buffer, sys.stdout, sys.stderr, "<stdin>")
    try:
        with open(args.file, "rb") as stream:
            return run(stream, sys.stdout, sys.stderr, args.file)
    except OSError as exc:
        sys.stderr.write(f"{PROG}: cannot read {args.file}: {exc.strerror}\n")
        return 2
