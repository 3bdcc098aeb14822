"""Read an HR system's employee export (CSV or Excel) and compare it with mamori's users (no ORM).

The file is parsed into clean rows and bad rows (with line numbers and reasons); ``plan_changes`` then
says what applying it would do, so the manager sees a preview before anything changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from mamori.pii.extract.text import decode_bytes

MAX_ROWS = 20000
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "氏名", "名前", "社員名", "従業員名"),
    "email": ("email", "e-mail", "mail", "メールアドレス", "メール", "電子メール"),
    "department": ("department", "部署", "部署名", "所属", "部門"),
    "joined_on": ("joined_on", "joined", "joining date", "入社日", "入社年月日"),
    "left_on": ("left_on", "left", "leaving date", "退職日", "退職年月日"),
    "employee_number": ("employee_number", "employee number", "社員番号", "従業員番号"),
}
REQUIRED = ("name", "email")


class ImportFileError(ValueError):
    """The file cannot be read at all (wrong type, no header, missing columns)."""


@dataclass(frozen=True)
class Row:
    """One clean employee row."""

    line: int
    name: str
    email: str
    department: str
    joined_on: dt.date | None
    left_on: dt.date | None
    employee_number: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "name": self.name,
            "email": self.email,
            "department": self.department,
            "joined_on": self.joined_on.isoformat() if self.joined_on else None,
            "left_on": self.left_on.isoformat() if self.left_on else None,
            "employee_number": self.employee_number,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Row:
        return cls(
            line=data["line"],
            name=data["name"],
            email=data["email"],
            department=data["department"],
            joined_on=dt.date.fromisoformat(data["joined_on"]) if data["joined_on"] else None,
            left_on=dt.date.fromisoformat(data["left_on"]) if data["left_on"] else None,
            employee_number=data.get("employee_number", ""),
        )


@dataclass(frozen=True)
class BadRow:
    line: int
    reasons: tuple[str, ...]


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    encoding: str = ""


def _norm(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""


def _header_map(header: list[Any]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        label = _norm(cell).lower()
        for key, names in COLUMNS.items():
            if label in names and key not in index:
                index[key] = i
    missing = [key for key in REQUIRED if key not in index]
    if missing:
        raise ImportFileError(
            _("The header row needs the columns %(columns)s (for example 氏名, メールアドレス).")
            % {"columns": ", ".join(missing)}
        )
    return index


def parse_date(value: Any) -> dt.date | None:
    """Return a date from an Excel date, ``2026-04-01``, ``2026/4/1`` or ``2026年4月1日``; None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = (
        _norm(value)
        .replace("年", "-")
        .replace("月", "-")
        .replace("日", "")
        .replace("/", "-")
        .replace(".", "-")
    )
    if " " in text:
        text = text.split(" ", 1)[0]
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(value)
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


def _table(data: bytes, filename: str) -> tuple[list[list[Any]], str]:
    """Return the cells of the first sheet or of the CSV, and the encoding used for text."""
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            sheet = workbook.get_sheet_by_index(0)
            return [list(r) for r in sheet.to_python(skip_empty_area=False)], "xlsx"
        except Exception as exc:  # calamine raises its own error types for broken workbooks
            raise ImportFileError(_("The Excel file could not be read.")) from exc
    if lower.endswith((".csv", ".txt")):
        if b"\x00" in data[:4096]:
            raise ImportFileError(_("The CSV file looks binary."))
        text, encoding = decode_bytes(data)
        return [row for row in csv.reader(io.StringIO(text))], encoding
    raise ImportFileError(_("Upload a CSV (.csv) or Excel (.xlsx) file."))


def parse_file(data: bytes, filename: str) -> Parsed:
    """Parse an HR export into clean rows and bad rows; raise ImportFileError if it is unusable."""
    table, encoding = _table(data, filename)
    lines = [(n, r) for n, r in enumerate(table, start=1) if any(_norm(c) for c in r)]
    if not lines:
        raise ImportFileError(_("The file is empty."))
    if len(lines) > MAX_ROWS + 1:
        raise ImportFileError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    index = _header_map(lines[0][1])
    parsed = Parsed(encoding=encoding)
    seen: dict[str, int] = {}
    for line, cells in lines[1:]:
        row, reasons = _parse_row(line, cells, index)
        if row is not None and row.email in seen:
            reasons.append(_("the e-mail address is also on line %(line)d") % {"line": seen[row.email]})
        if reasons or row is None:
            parsed.bad.append(BadRow(line=line, reasons=tuple(reasons)))
        else:
            seen[row.email] = line
            parsed.rows.append(row)
    return parsed


def _parse_row(line: int, cells: list[Any], index: dict[str, int]) -> tuple[Row | None, list[str]]:
    def cell(key: str) -> Any:
        i = index.get(key)
        return cells[i] if i is not None and i < len(cells) else None

    reasons: list[str] = []
    name = _norm(cell("name"))
    email = _norm(cell("email")).lower()
    if not name:
        reasons.append(_("the name is empty"))
    if not email:
        reasons.append(_("the e-mail address is empty"))
    else:
        try:
            validate_email(email)
        except ValidationError:
            reasons.append(_("the e-mail address is not valid"))
    dates: dict[str, dt.date | None] = {}
    for key, label in (("joined_on", _("joining date")), ("left_on", _("leaving date"))):
        raw = cell(key)
        try:
            dates[key] = parse_date(raw if not isinstance(raw, str) else raw.strip())
        except ValueError:
            dates[key] = None
            reasons.append(_("the %(field)s is not a date (YYYY-MM-DD)") % {"field": label})
    if dates["joined_on"] and dates["left_on"] and dates["left_on"] < dates["joined_on"]:
        reasons.append(_("the leaving date is before the joining date"))
    if len(name) > 150:
        reasons.append(_("the name is longer than 150 characters"))
    if reasons:
        return None, reasons
    row = Row(
        line=line,
        name=name,
        email=email,
        department=_norm(cell("department"))[:200],
        joined_on=dates["joined_on"],
        left_on=dates["left_on"],
        employee_number=_norm(cell("employee_number"))[:40],
    )
    return row, reasons


@dataclass(frozen=True)
class Existing:
    """What mamori knows of one employee, keyed by e-mail in ``plan_changes``."""

    name: str
    department: str
    joined_on: dt.date | None
    left_on: dt.date | None
    active: bool


@dataclass
class Plan:
    new: list[Row] = field(default_factory=list)
    changed: list[tuple[Row, list[str]]] = field(default_factory=list)
    leaving: list[Row] = field(default_factory=list)
    unchanged: int = 0
    new_departments: list[str] = field(default_factory=list)


def plan_changes(
    rows: Iterable[Row], existing: Mapping[str, Existing], departments: Iterable[str], today: dt.date
) -> Plan:
    """Compare the file with mamori: who is new, whose data changed, who leaves (left on or before today)."""
    plan = Plan()
    known_departments = set(departments)
    for row in rows:
        if row.department and row.department not in known_departments:
            known_departments.add(row.department)
            plan.new_departments.append(row.department)
        gone = row.left_on is not None and row.left_on <= today
        current = existing.get(row.email)
        if current is None:
            if not gone:
                plan.new.append(row)
            continue
        if gone and current.active:
            plan.leaving.append(row)
            continue
        fields = [
            name
            for name, old, new in (
                ("name", current.name, row.name),
                ("department", current.department, row.department),
                ("joined_on", current.joined_on, row.joined_on),
                ("left_on", current.left_on, row.left_on),
            )
            if old != new and not (name == "department" and not new)
        ]
        if not gone and not current.active:
            fields.append("active")
        if fields:
            plan.changed.append((row, fields))
        else:
            plan.unchanged += 1
    return plan
