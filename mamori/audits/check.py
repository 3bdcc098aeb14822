"""Run ``mamori audit check-programme [FILE]``: check an internal-audit programme given as JSON.

A stable machine interface (issue "Check and act"). One JSON object in::

    {"today": "2026-04-01", "departments": ["営業部", ...],
     "people": [{"name": "…", "department": "営業部", "roles": ["auditor"]}, ...],
     "assignments": [{"department": "営業部", "auditor": "…", "date": "2026-06-10"}, ...],
     "audit_lead": "…", "privacy_manager": "…", "last_audited": {"営業部": "2025-06-12"}}

and ``{"findings": [{"code", "department", "person"}, ...]}`` out (see :mod:`mamori.audits.rules` for
the codes and how 12 months, names and the secretariat are read). Exit 0 when answered (with or without
findings), 2 on malformed input with a one-line reason on standard error.

Also accepted, for real programmes: a person's ``department`` as a list (someone in two departments) or
null; an assignment's ``auditor`` as a list (an audit team) or null (not yet named), its ``date`` null
(not yet scheduled: it covers nothing); ``secretariat`` naming the PMS secretariat when its name does not
say 事務局; ``last_audited`` values null (never). Needs no Django settings.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from typing import IO, Any

from mamori.audits import rules

PROG = "mamori audit check-programme"
KNOWN_KEYS = frozenset(
    {
        "today",
        "departments",
        "people",
        "assignments",
        "audit_lead",
        "privacy_manager",
        "last_audited",
        "secretariat",
    }
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ProgrammeError(ValueError):
    """Say why the input is not a programme that can be checked."""


def _date(value: Any, where: str) -> date | None:
    return None if value is None else _required_date(value, where, "a date as YYYY-MM-DD or null")


def _required_date(value: Any, where: str, expected: str = "a date as YYYY-MM-DD") -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        raise ProgrammeError(f"{where} must be {expected}, not {json.dumps(value, ensure_ascii=False)}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ProgrammeError(f"{where} is not a valid date: {value} ({exc})") from None


def _name(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        expected = "a non-empty string" + (" or null" if optional else "")
        raise ProgrammeError(f"{where} must be {expected}, not {json.dumps(value, ensure_ascii=False)}")
    return value.strip()


def _names(value: Any, where: str) -> tuple[str, ...]:
    """Read null, one name or a list of names."""
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(_name(item, f"{where}[{i}]")) for i, item in enumerate(value))
    return (str(_name(value, where)),)


def _list(data: dict[str, Any], key: str, *, required: bool = False) -> list[Any]:
    if key not in data and not required:
        return []
    value = data.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise ProgrammeError(f"{key} must be a list")
    return value


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProgrammeError(f"{where} must be an object")
    return value


def _fields(value: Any, where: str, one: str, many: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Return an entry's object and its names under ``one`` or ``many`` (e.g. auditor / auditors)."""
    data = _object(value, where)
    return data, _names(data.get(one, data.get(many)), f"{where}.{one}")


def _person(value: Any, i: int) -> rules.Person:
    data, departments = _fields(value, f"people[{i}]", "department", "departments")
    name = str(_name(data.get("name"), f"people[{i}].name"))
    return rules.Person(name, departments, _names(data.get("roles"), f"people[{i}].roles"))


def _assignment(value: Any, i: int) -> rules.Assignment:
    data, auditors = _fields(value, f"assignments[{i}]", "auditor", "auditors")
    department = str(_name(data.get("department"), f"assignments[{i}].department"))
    return rules.Assignment(department, auditors, _date(data.get("date"), f"assignments[{i}].date"))


def _last_audited(value: Any) -> dict[str, date | None]:
    if value is None:
        return {}
    data = _object(value, "last_audited")
    return {
        str(_name(name, "a department in last_audited")): _date(day, f"last_audited[{name!r}]")
        for name, day in data.items()
    }


def parse_programme(data: Any) -> rules.Programme:
    """Return the programme of one parsed JSON object, or raise :class:`ProgrammeError`."""
    data = _object(data, "the input")
    departments = _list(data, "departments", required=True)
    return rules.Programme(
        today=_required_date(data.get("today"), "today"),
        departments=tuple(str(_name(d, f"departments[{i}]")) for i, d in enumerate(departments)),
        people=tuple(_person(p, i) for i, p in enumerate(_list(data, "people"))),
        assignments=tuple(_assignment(a, i) for i, a in enumerate(_list(data, "assignments"))),
        audit_lead=_name(data.get("audit_lead"), "audit_lead", optional=True),
        privacy_manager=_name(data.get("privacy_manager"), "privacy_manager", optional=True),
        last_audited=_last_audited(data.get("last_audited")),
        secretariat=_name(data.get("secretariat"), "secretariat", optional=True),
    )


def render(findings: list[rules.Finding], *, explain: bool = False) -> dict[str, Any]:
    """Return the output object: the findings with their code, department and person."""
    rows = []
    for finding in findings:
        row: dict[str, Any] = {
            "code": str(finding.code),
            "department": finding.department,
            "person": finding.person,
        }
        if explain:
            row["message"] = finding.message
        rows.append(row)
    return {"findings": rows}


def load(raw: bytes) -> Any:
    """Return the JSON value of the raw input, or raise :class:`ProgrammeError`."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as some Windows editors write
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProgrammeError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if not text.strip():
        raise ProgrammeError("empty input: expected one JSON object")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProgrammeError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None


def run(raw: bytes, out: IO[str], err: IO[str], *, explain: bool = False) -> int:
    """Check the programme in ``raw``, write the findings and return 0, or 2 when malformed."""
    try:
        data = load(raw)
        programme = parse_programme(data)
    except ProgrammeError as exc:
        err.write(f"{PROG}: {exc}\n")
        return 2
    ignored = sorted(set(data) - KNOWN_KEYS)
    if ignored:
        err.write(f"{PROG}: warning: ignored unknown key(s): {', '.join(ignored)}\n")
    strays = rules.unlisted_units(programme)
    if strays:
        err.write(f"{PROG}: warning: assigned unit(s) not among the departments: {', '.join(strays)}\n")
    out.write(json.dumps(render(rules.check_programme(programme), explain=explain), ensure_ascii=False))
    out.write("\n")
    out.flush()
    return 0


def main(argv: list[str]) -> int:
    """Run ``mamori audit check-programme [FILE]`` and return the exit status."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check an internal-audit programme (JSON) for self-audits, the audit lead's "
        "independence, coverage of every department and the PMS secretariat within 12 months, "
        "and unknown people. Exit 0 when answered, 2 on malformed input.",
    )
    parser.add_argument("file", nargs="?", help="the programme as one JSON object (default: standard input)")
    parser.add_argument("--explain", action="store_true", help="add a message to every finding")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        if args.file is None or args.file == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as stream:
                raw = stream.read()
    except OSError as exc:
        sys.stderr.write(f"{PROG}: cannot read {args.file}: {exc.strerror}\n")
        return 2
    return run(raw, sys.stdout, sys.stderr, explain=args.explain)
