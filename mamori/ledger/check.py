"""Run ``mamori ledger check [FILE]``: ledger rows as JSON Lines in, findings as JSON Lines out.

A stable machine interface (issue "Personal-information ledger"). Each input line is one ledger row and
gets one output line ``{"id": ..., "findings": [{"code", "severity", "message", "article"}]}`` in input
order; then one line ``{"id": "_organisation", "findings": [...]}`` for the organisation-wide checks over
the rows that were answered. Every key but ``id`` is optional and a missing key (or ``null``) means "not
recorded". A malformed line is named on standard error with its line number and why, the other lines are
still answered, and the exit status is 2; otherwise it is 0, findings or not.
Needs no Django settings: it imports only the pure rules.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from mamori.ledger import rules

PROG = "mamori ledger check"
ORGANISATION_ID = "_organisation"
BOOLEAN_FIELDS = ("special_care", "special_care_consent", "my_number", "encrypted", "retained", "published")
ENUM_FIELDS: dict[str, tuple[str, ...]] = {
    "media": rules.MEDIA,
    "acquisition": rules.ACQUISITIONS,
    "provision": rules.PROVISIONS,
}
TEXT_FIELDS = ("department", "name", "purpose", "special_care_exception")
FREE_FIELDS = ("subjects", "storage", "access", "retention", "disposal")
KNOWN_FIELDS = frozenset(
    {
        "id",
        "items",
        "count",
        "contractors",
        "joint_use",
        "foreign",
        "last_reviewed",
        "risks",
        *BOOLEAN_FIELDS,
        *ENUM_FIELDS,
        *TEXT_FIELDS,
        *FREE_FIELDS,
    }
)
_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


class RowError(ValueError):
    """Say why one input line is not a ledger row."""


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _boolean(data: dict[str, Any], name: str, prefix: str = "") -> bool | None:
    value = data.get(name)
    if value is None or isinstance(value, bool):
        return value
    raise RowError(f"{prefix}{name} must be true, false or null, not {_show(value)}")


def _text(value: Any, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise RowError(f"{name} must be a string or null, not {_show(value)}")


def _choice(value: Any, name: str, choices: tuple[str, ...]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None  # an empty cell of an exported ledger: not recorded
    if isinstance(value, str) and value.strip().lower() in choices:
        return value.strip().lower()
    raise RowError(f"{name} must be one of {', '.join(choices)} or null, not {_show(value)}")


def _strings(value: Any, name: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RowError(f"{name} must be a list of strings or null, not {_show(value)}")


def parse_date(value: Any, name: str) -> date | None:
    """Return the date of ``value`` (YYYY-MM-DD, also YYYY/MM/DD or an ISO date-time), or raise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    match = _DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        raise RowError(f"{name} must be a date as YYYY-MM-DD or null, not {_show(value)}")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise RowError(f"{name} is not a valid date: {value} ({exc})") from None


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 1200.0, as spreadsheet tools write whole numbers
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RowError(f"count must be a non-negative integer or null, not {_show(value)}")
    return value


def _object(value: Any, name: str) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    raise RowError(f"{name} must be an object or null, not {_show(value)}")


def _contractors(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise RowError(f"contractors must be a list or null, not {_show(value)}")
    return tuple(v if isinstance(v, str) else _show(v) for v in value)


def _risk(value: Any, number: int) -> rules.Risk:
    name = f"risks[{number}]"
    if not isinstance(value, dict):
        raise RowError(f"{name} must be an object, not {_show(value)}")
    phase = _choice(value.get("phase"), f"{name}.phase", rules.PHASES)
    if phase is None:
        raise RowError(f"{name}.phase is required (one of {', '.join(rules.PHASES)})")
    return rules.Risk(
        phase=phase,
        media=_choice(value.get("media"), f"{name}.media", rules.MEDIA),
        kind=_choice(value.get("kind"), f"{name}.kind", rules.RISK_KINDS),
        residual=_boolean(value, "residual", f"{name}."),
        residual_approved=_boolean(value, "residual_approved", f"{name}."),
    )


def _risks(value: Any) -> tuple[rules.Risk, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise RowError(f"risks must be a list or null, not {_show(value)}")
    return tuple(_risk(risk, number) for number, risk in enumerate(value))


def parse_row(data: Any) -> rules.Row:
    """Return the ledger row of one decoded JSON value, validating every field the checks read."""
    if not isinstance(data, dict):
        raise RowError("a ledger row must be a JSON object")
    row_id = data.get("id")
    if isinstance(row_id, bool) or not isinstance(row_id, str | int):
        raise RowError("id must be a string or an integer")
    for name in FREE_FIELDS:
        if isinstance(data.get(name), bool):
            raise RowError(f"{name} must be text, not {_show(data[name])}")
    joint = _object(data.get("joint_use"), "joint_use")
    foreign_value = data.get("foreign")
    if isinstance(foreign_value, str):  # a country written alone: a foreign provision, basis not recorded
        foreign_value = {"country": foreign_value} if foreign_value.strip() else None
    foreign = _object(foreign_value, "foreign")
    fields: dict[str, Any] = {name: _boolean(data, name) for name in BOOLEAN_FIELDS}
    fields.update({name: _choice(data.get(name), name, choices) for name, choices in ENUM_FIELDS.items()})
    fields.update({name: _text(data.get(name), name) for name in TEXT_FIELDS})
    return rules.Row(
        id=row_id,
        items=_strings(data.get("items"), "items"),
        count=_count(data.get("count")),
        contractors=_contractors(data.get("contractors")),
        joint_use=None if joint is None else rules.JointUse(**{k: joint.get(k) for k in rules.JointUse.KEYS}),
        foreign=None
        if foreign is None
        else rules.Foreign(
            country=_text(foreign.get("country"), "foreign.country"),
            basis=_choice(foreign.get("basis"), "foreign.basis", rules.FOREIGN_BASES),
        ),
        last_reviewed=parse_date(data.get("last_reviewed"), "last_reviewed"),
        risks=_risks(data.get("risks")),
        **fields,
    )


def render(
    row_id: Any, findings: list[rules.Finding], translate: Callable[[str], str] | None
) -> dict[str, Any]:
    """Return the output object of one row (or of the organisation)."""
    return {
        "id": row_id,
        "findings": [
            {"code": f.code, "severity": f.severity, "message": f.text(translate), "article": f.article}
            for f in findings
        ],
    }


def decode_line(raw: bytes) -> Any:
    """Return the JSON value of one raw line, or raise ``RowError`` saying why it is not JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RowError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RowError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte-order mark, as some Windows editors write
        yield number, raw


def run(
    stream: IO[bytes],
    out: IO[str],
    err: IO[str],
    name: str,
    today: date,
    translate: Callable[[str], str] | None = None,
) -> int:
    """Check every line of ``stream``, then the organisation; return 0, or 2 when a line was malformed."""
    status = 0
    answered: list[rules.Row] = []
    seen: dict[Any, int] = {}
    for number, raw in _lines(stream):
        if not raw.strip():
            continue
        try:
            data = decode_line(raw)
            row = parse_row(data)
        except RowError as exc:
            err.write(f"{PROG}: {name}: line {number}: {exc}\n")
            status = 2
            continue
        ignored = sorted(set(data) - KNOWN_FIELDS)
        if ignored:
            err.write(
                f"{PROG}: {name}: line {number}: warning: ignored unknown field(s): {', '.join(ignored)}\n"
            )
        if row.id in seen:
            err.write(
                f"{PROG}: {name}: line {number}: warning: id {_show(row.id)} also on line {seen[row.id]}\n"
            )
        seen.setdefault(row.id, number)
        answered.append(row)
        out.write(
            json.dumps(render(row.id, rules.check_row(row, today), translate), ensure_ascii=False) + "\n"
        )
    organisation = render(ORGANISATION_ID, rules.check_organisation(answered), translate)
    out.write(json.dumps(organisation, ensure_ascii=False) + "\n")
    out.flush()
    return status


def translator(language: str) -> Callable[[str], str] | None:
    """Return the gettext function of ``language`` from mamori's own catalogue (None for English)."""
    if not language.startswith("ja"):
        return None
    localedir = Path(__file__).resolve().parent.parent / "locale"
    return gettext.translation("django", localedir=localedir, languages=[language], fallback=True).gettext


def tokyo_today() -> date:
    """Return today's date in Asia/Tokyo, the date the ledger's reviews are counted in."""
    return datetime.now(ZoneInfo("Asia/Tokyo")).date()


def main(argv: list[str]) -> int:
    """Run ``mamori ledger check [FILE]`` (APPI Art. 17-32, PPC Guidelines §10) and return the status."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check personal-information ledger rows (JSON Lines, one row per line) under the APPI "
        "and the PPC Guidelines; write one JSON line of findings per row, then one for the organisation.",
    )
    parser.add_argument("file", nargs="?", help="JSON Lines file (default: standard input)")
    parser.add_argument(
        "--today", help="the date reviews are counted to, YYYY-MM-DD (default: today in Tokyo)"
    )
    parser.add_argument("--lang", default="en", choices=("en", "ja"), help="language of the messages")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        today = parse_date(args.today, "--today") or tokyo_today()
    except RowError as exc:
        sys.stderr.write(f"{PROG}: {exc}\n")
        return 2
    translate = translator(args.lang)
    if args.file is None or args.file == "-":
        return run(sys.stdin.buffer, sys.stdout, sys.stderr, "<stdin>", today, translate)
    try:
        with open(args.file, "rb") as stream:
            return run(stream, sys.stdout, sys.stderr, args.file, today, translate)
    except OSError as exc:
        sys.stderr.write(f"{PROG}: cannot read {args.file}: {exc.strerror}\n")
        return 2
