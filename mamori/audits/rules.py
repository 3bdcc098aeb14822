"""Check a yearly internal-audit programme for independence and coverage (pure, no Django).

The rules behind 指針 J.7.1 / JIS Q 15001:2023 9.2 (internal audit; Annex A.3.7.2 in the 2017
numbering) that mamori applies to a programme of audits (department × date × auditor):

- ``SELF_AUDIT``: nobody audits a department they belong to (an auditor in two departments belongs to
  both; two people entries with the same name are read as one person, which is the cautious reading).
- ``LEAD_IS_PRIVACY_MANAGER``: the audit lead (個人情報保護監査責任者) is not the 個人情報保護管理者
  (the standard requires the two roles to be held by different persons).
- ``NOT_COVERED``: every department gets an audit within 12 months of its last audit, or, when it has
  never been audited, within 12 months of ``today``.
- ``SECRETARIAT_NOT_COVERED``: the PMS secretariat (事務局) is audited too, by the same 12-month rule.
- ``UNKNOWN_PERSON``: every auditor, the audit lead and the privacy manager are known people.

"Within 12 months of D" means on or before the day that corresponds to D a year later, the way 民法
Art. 140 and 143 count a period of one year (the first day not counted, ending on the day before the
corresponding day of the starting day): last audit 2025-04-01 → due by 2026-04-01 (365 days later),
2023-04-01 → 2024-04-01 (366 days), 2024-02-29 → 2025-02-28. An audit on the day of the last audit
or earlier does not count as the next one.

Names are compared after NFKC normalisation, without white space and case-insensitively, so that
「山田　太郎」, 「山田 太郎」 and 「山田太郎」 are one person and ``Sales`` equals ``sales``.

The secretariat is found, in this order: an explicit ``secretariat`` name; else a listed department
whose name says so (contains 事務局 or "secretariat"; when several do, the one that also mentions
個人情報 / PMS / プライバシー / Pマーク, else the first); else any such name used in the people or the
assignments. Once found, other names that say 事務局 / "secretariat" and are not listed departments of
their own are read as the same secretariat (「事務局」, 「個人情報保護事務局」 and "PMS secretariat"
in one file mean one unit: a company has one PMS secretariat).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Code(StrEnum):
    """Name the kinds of finding in an audit programme (stable machine values)."""

    SELF_AUDIT = "SELF_AUDIT"
    LEAD_IS_PRIVACY_MANAGER = "LEAD_IS_PRIVACY_MANAGER"
    NOT_COVERED = "NOT_COVERED"
    SECRETARIAT_NOT_COVERED = "SECRETARIAT_NOT_COVERED"
    UNKNOWN_PERSON = "UNKNOWN_PERSON"


# Role words that name the audit lead or the privacy manager in a person's ``roles``.
AUDIT_LEAD_ROLES = frozenset({"audit_lead", "監査責任者", "個人情報保護監査責任者", "内部監査責任者"})
PRIVACY_MANAGER_ROLES = frozenset({"privacy_manager", "個人情報保護管理者"})
_SECRETARIAT_WORDS = ("事務局", "secretariat")
_PMS_WORDS = ("個人情報", "pms", "privacy", "プライバシー", "pマーク", "pmark")


def name_key(name: str) -> str:
    """Return the comparison key of a person's or a department's name (NFKC, no spaces, casefolded)."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def says_secretariat(name: str) -> bool:
    """Tell whether a unit's name reads as the PMS secretariat (事務局, "secretariat")."""
    key = name_key(name)
    return any(word in key for word in _SECRETARIAT_WORDS)


def one_year_after(day: date) -> date:
    """Return the last day of the year-long period that starts after ``day`` (民法 Art. 140, 143)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: the corresponding day does not exist, the period ends on the 28th
        return day.replace(year=day.year + 1, day=28)


def coverage_window(last_audited: date | None, today: date) -> tuple[date | None, date]:
    """Return (after, by): an audit dated after ``after`` (exclusive) and on or before ``by`` covers.

    Never audited: any audit up to 12 months from ``today``. Audited: after the last audit and within
    12 months of it (an audit long overdue cannot be covered any more; it is reported as not covered).
    """
    if last_audited is None:
        return None, one_year_after(today)
    return last_audited, one_year_after(last_audited)


@dataclass(frozen=True)
class Person:
    """A person who may appear as an auditor, the audit lead or the privacy manager."""

    name: str
    departments: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """One planned audit: a department audited by one or more auditors on a date (None: not yet set)."""

    department: str
    auditors: tuple[str, ...] = ()
    on: date | None = None


@dataclass(frozen=True)
class Programme:
    """An internal-audit programme with what is needed to check it."""

    today: date
    departments: tuple[str, ...]
    people: tuple[Person, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    audit_lead: str | None = None
    privacy_manager: str | None = None
    last_audited: Mapping[str, date | None] = field(default_factory=dict)
    secretariat: str | None = None


@dataclass(frozen=True)
class Finding:
    """One problem in a programme; ``department`` and ``person`` are the input's own spelling."""

    code: Code
    department: str | None = None
    person: str | None = None
    message: str = ""


def _first_per_key(names: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in names:
        found.setdefault(name_key(name), name)
    return found


def find_secretariat(programme: Programme) -> str | None:
    """Return the display name of the PMS secretariat, or None when the programme never names it."""
    if programme.secretariat:
        return programme.secretariat
    listed = [name for name in programme.departments if says_secretariat(name)]
    if listed:
        pms = [name for name in listed if any(word in name_key(name) for word in _PMS_WORDS)]
        return (pms or listed)[0]
    mentioned = [a.department for a in programme.assignments] + [
        d for person in programme.people for d in person.departments
    ]
    return next((name for name in mentioned if says_secretariat(name)), None)


class _Units:
    """Map unit names to keys, reading the secretariat's aliases as the secretariat."""

    def __init__(self, programme: Programme) -> None:
        self.listed = _first_per_key(programme.departments)
        self.secretariat = find_secretariat(programme)
        self.secretariat_key = name_key(self.secretariat) if self.secretariat else None

    def key(self, name: str) -> str:
        key = name_key(name)
        if self.secretariat_key and key not in self.listed and says_secretariat(name):
            return self.secretariat_key
        return key


def _people(programme: Programme, units: _Units) -> dict[str, tuple[set[str], set[str]]]:
    """Return name key → (department keys, roles), merging entries that share a name."""
    people: dict[str, tuple[set[str], set[str]]] = {}
    for person in programme.people:
        departments, roles = people.setdefault(name_key(person.name), (set(), set()))
        departments.update(units.key(d) for d in person.departments)
        roles.update(name_key(role) for role in person.roles)
    return people


def _holders(programme: Programme, named: str | None, role_words: frozenset[str]) -> dict[str, str]:
    """Return name key → display name of everyone holding a role, by the named field or by ``roles``."""
    keys = {name_key(word) for word in role_words}
    holders = {name_key(named): named} if named else {}
    for person in programme.people:
        if keys & {name_key(role) for role in person.roles}:
            holders.setdefault(name_key(person.name), person.name)
    return holders


def _independence(programme: Programme) -> list[Finding]:
    leads = _holders(programme, programme.audit_lead, AUDIT_LEAD_ROLES)
    managers = _holders(programme, programme.privacy_manager, PRIVACY_MANAGER_ROLES)
    return [
        Finding(
            Code.LEAD_IS_PRIVACY_MANAGER,
            person=name,
            message="the audit lead is also the privacy manager (個人情報保護管理者)",
        )
        for key, name in leads.items()
        if key in managers
    ]


def _unknown_people(programme: Programme, people: Mapping[str, object]) -> list[Finding]:
    named = [programme.audit_lead, programme.privacy_manager]
    named += [auditor for a in programme.assignments for auditor in a.auditors]
    unknown = _first_per_key(name for name in named if name and name_key(name) not in people)
    return [
        Finding(Code.UNKNOWN_PERSON, person=name, message="not among the people") for name in unknown.values()
    ]


def _self_audits(
    programme: Programme, units: _Units, people: Mapping[str, tuple[set[str], set[str]]]
) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    findings: list[Finding] = []
    for assignment in programme.assignments:
        unit = units.key(assignment.department)
        for auditor in assignment.auditors:
            own_units = people.get(name_key(auditor), (set(), set()))[0]
            if unit in own_units and (unit, name_key(auditor)) not in seen:
                seen.add((unit, name_key(auditor)))
                findings.append(
                    Finding(
                        Code.SELF_AUDIT,
                        department=assignment.department,
                        person=auditor,
                        message="the auditor belongs to the department audited",
                    )
                )
    return findings


def _covered(programme: Programme, units: _Units, unit: str, last: date | None) -> bool:
    after, by = coverage_window(last, programme.today)
    return any(
        a.on is not None and (after is None or a.on > after) and a.on <= by
        for a in programme.assignments
        if units.key(a.department) == unit
    )


def _last_audited(programme: Programme, units: _Units) -> dict[str, date | None]:
    """Return unit key → last audit date (the latest when two spellings of a unit both have one)."""
    latest: dict[str, date | None] = {}
    for name, day in programme.last_audited.items():
        key = units.key(name)
        known = latest.get(key)
        latest[key] = day if known is None or (day is not None and day > known) else known
    return latest


def _coverage(programme: Programme, units: _Units) -> list[Finding]:
    last = _last_audited(programme, units)
    findings = [
        Finding(Code.NOT_COVERED, department=name, message=_window_text(last.get(key), programme.today))
        for key, name in units.listed.items()
        if not _covered(programme, units, key, last.get(key))
    ]
    secretariat = units.secretariat
    key = units.secretariat_key
    if key is None or not _covered(programme, units, key, last.get(key)):
        findings.append(
            Finding(
                Code.SECRETARIAT_NOT_COVERED,
                department=secretariat,
                message=_window_text(last.get(key) if key else None, programme.today),
            )
        )
    return findings


def _window_text(last: date | None, today: date) -> str:
    after, by = coverage_window(last, today)
    if after is None:
        return f"never audited: no audit planned on or before {by.isoformat()}"
    return f"last audited {after.isoformat()}: no audit planned after it and on or before {by.isoformat()}"


def check_programme(programme: Programme) -> list[Finding]:
    """Return every finding of a programme (J.7.1 / 9.2), in a stable order; an empty list passes.

    Order: the lead's independence, unknown people, self-audits (in assignment order), departments not
    covered (in the order listed), then the secretariat.
    """
    units = _Units(programme)
    people = _people(programme, units)
    return [
        *_independence(programme),
        *_unknown_people(programme, people),
        *_self_audits(programme, units, people),
        *_coverage(programme, units),
    ]


def unlisted_units(programme: Programme) -> list[str]:
    """Return the assigned units that are neither a listed department nor the secretariat (typos?)."""
    units = _Units(programme)
    known = set(units.listed) | ({units.secretariat_key} if units.secretariat_key else set())
    return list(
        _first_per_key(
            a.department for a in programme.assignments if units.key(a.department) not in known
        ).values()
    )


@dataclass(frozen=True)
class Coverage:
    """One unit's coverage: when it was last audited, by when the next audit is due, what is planned."""

    unit: str
    last_audited: date | None
    due_by: date
    planned: tuple[date, ...]
    covered: bool


def coverage(programme: Programme) -> list[Coverage]:
    """Return the coverage of every listed department, then the secretariat (when not listed)."""
    units = _Units(programme)
    last = _last_audited(programme, units)
    names = dict(units.listed)
    if units.secretariat_key and units.secretariat_key not in names:
        names[units.secretariat_key] = units.secretariat or ""
    rows = []
    for key, name in names.items():
        after, by = coverage_window(last.get(key), programme.today)
        planned = tuple(
            sorted(a.on for a in programme.assignments if a.on and units.key(a.department) == key)
        )
        rows.append(
            Coverage(name, last.get(key), by, planned, _covered(programme, units, key, last.get(key)))
        )
    return rows


def passes(findings: Sequence[Finding]) -> bool:
    """Tell whether a programme's findings leave it acceptable (no finding at all)."""
    return not findings
