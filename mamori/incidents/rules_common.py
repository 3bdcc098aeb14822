"""The vocabulary the three incident determinations share, as pure functions and types.

Event codes, grounds and thresholds, the three-valued logic, the facts and the determination results,
the statutory deadlines, and the steps the APPI and My Number determinations both take (did a breach
occur, the reporting clock, the entrustment rules). ``mamori.incidents.rules`` re-exports the public
names; see it for how the determinations read. No Django.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from mamori.incidents.reasons import MESSAGES
from mamori.jpcalendar import nth_day, roll_forward

# --- Event codes (legal.md §2, the nine JIPDEC categories) ---------------------------------------------

LEAK = "leak"  # 漏えい
LOSS = "loss"  # 紛失 (a medium or document)
DESTRUCTION_DAMAGE = "destruction_damage"  # 滅失・き損
TAMPERING = "tampering"  # 改ざん・正確性の未確保
IMPROPER_ACQUISITION = "improper_acquisition"  # 不正・不適正取得
PURPOSE_VIOLATION = "purpose_violation"  # 目的外利用・提供
MISUSE = "misuse"  # 不正利用
REQUEST_REFUSAL = "request_refusal"  # 開示等の求め等の拒否
LIKELY = "likely"  # 前各項のおそれ: a flag on the others, or alone when the kind is not yet clear

# 漏えい, 滅失 and 毀損 in the sense of APPI Art. 26; a lost medium is a leak that may have occurred.
APPI_EVENTS: frozenset[str] = frozenset({LEAK, LOSS, DESTRUCTION_DAMAGE, TAMPERING})
# Privacy Mark 事故等 that are no 漏えい等 under APPI Art. 26.
PMARK_ONLY_EVENTS: frozenset[str] = frozenset(
    {IMPROPER_ACQUISITION, PURPOSE_VIOLATION, MISUSE, REQUEST_REFUSAL}
)
EVENT_CODES: frozenset[str] = APPI_EVENTS | PMARK_ONLY_EVENTS | {LIKELY}
# The events that stop being a leak when everything was recovered before anyone viewed it (GL 3-5-1-1).
LEAK_EVENTS: frozenset[str] = frozenset({LEAK, LOSS})

# --- Grounds and thresholds ----------------------------------------------------------------------------

SPECIAL_CARE = "special_care"
PROPERTY_DAMAGE = "property_damage"
UNAUTHORIZED_PURPOSE = "unauthorized_purpose"
OVER_1000 = "over_1000"
APPI_GROUNDS: tuple[str, ...] = (OVER_1000, PROPERTY_DAMAGE, SPECIAL_CARE, UNAUTHORIZED_PURPOSE)

MY_NUMBER_OVER_100 = "my_number_over_100"
MY_NUMBER_UNAUTHORIZED_PURPOSE = "my_number_unauthorized_purpose"
MY_NUMBER_VIEWABLE = "my_number_viewable_by_unspecified"
MY_NUMBER_NETWORK = "my_number_network"

APPI_PERSONS_THRESHOLD = 1000  # reportable when strictly more (本人の数が千人を超える)
MY_NUMBER_PERSONS_THRESHOLD = 100  # reportable when strictly more (百人を超える)
FINAL_REPORT_DAYS = 30
FINAL_REPORT_DAYS_UNAUTHORIZED = 60
PRELIMINARY_WARN_DAY = 3
PRELIMINARY_TARGET_DAY = 5

# Notification to individuals follows the reportable situations today; an amendment promulgated in
# July 2026 may relax it, so the set is data, not code (legal.md §1).
NOTIFY_INDIVIDUALS_GROUNDS: frozenset[str] = frozenset(APPI_GROUNDS)
# The My Number reporting rule's Art. 2(i) defines the 特定個人情報 it speaks of as excluding data under
# advanced encryption (「高度な暗号化…を講じたものを除く。以下同じ。」), so the exemption covers every ground.
MY_NUMBER_ENCRYPTION_EXEMPTS = True

# Our role for the data (委託): our own data, or data we handle for another business (APPI Art. 26(1) proviso).
CONTROLLER = "controller"
PROCESSOR = "processor"
ROLES: frozenset[str] = frozenset({CONTROLLER, PROCESSOR})
# 滅失 and 毀損 that do not count when the same data is kept elsewhere (GL 3-5-1-2, 3-5-1-3).
COPY_EVENTS: frozenset[str] = frozenset({DESTRUCTION_DAMAGE, TAMPERING})
# Use or provision of My Numbers (My Number reporting rule Art. 2(ii)(ロ)(ハ), 2(iv)(ロ)(ハ)).
MY_NUMBER_USE_EVENTS: frozenset[str] = frozenset({MISUSE, PURPOSE_VIOLATION})


class Status(enum.StrEnum):
    """Name the three outcomes of a determination."""

    REPORTABLE = "reportable"
    NOT_REPORTABLE = "not_reportable"
    NEEDS_REVIEW = "needs_review"
    # A processor's duty: tell the entrusting business instead of reporting (APPI Art. 26(1) proviso).
    NOTIFY_CONTROLLER = "notify_controller"


Tri = bool | None


def tri_all(values: Iterable[Tri]) -> Tri:
    """Return the three-valued (Kleene) conjunction: False wins, then unknown."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def tri_any(values: Iterable[Tri]) -> Tri:
    """Return the three-valued (Kleene) disjunction: True wins, then unknown."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def tri_not(value: Tri) -> Tri:
    return None if value is None else not value


def status_of(value: Tri) -> Status:
    if value is None:
        return Status.NEEDS_REVIEW
    return Status.REPORTABLE if value else Status.NOT_REPORTABLE


# --- Data types ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """Hold what is known about an incident; ``None`` means unknown.

    ``persons``: the number of individuals affected; when uncertain pass the maximum possible number
    (Enforcement Rules Art. 7(iv)). ``advanced_encryption``: protected by advanced encryption with the key
    neither leaked nor badly managed (Enforcement Rules Art. 7(i)). ``discovered_on`` (発覚日) starts the
    P-mark clock and defaults to ``known_on`` (知った日, Asia/Tokyo date), which starts the APPI clock.

    ``role``: ``controller`` (our own data) or ``processor`` (data entrusted to us; APPI Art. 26(1)
    proviso). ``occurred_at_contractor``: a controller told by its contractor (known_on is the day it
    told us). ``controller_notified_on``: the day a processor told the entrusting business. ``copy_kept``:
    the same data is kept elsewhere (GL 3-5-1-2/3). ``pseudonymized``: the data is 仮名加工情報 (Art. 41(9)).
    ``my_number_persons``: persons whose 特定個人情報 is involved; ``None`` uses ``persons``.
    """

    events: frozenset[str] = frozenset()
    known_on: date | None = None
    persons: int | None = None
    special_care: bool | None = None
    property_damage_risk: bool | None = None
    unauthorized_purpose: bool | None = None
    advanced_encryption: bool | None = None
    recovered_before_viewed: bool | None = None
    my_number: bool | None = None
    my_number_viewable_by_unspecified: bool | None = None
    my_number_network: bool | None = None
    my_number_persons: int | None = None
    copy_kept: bool | None = False
    pseudonymized: bool = False
    role: str = CONTROLLER
    occurred_at_contractor: bool = False
    controller_notified_on: date | None = None
    discovered_on: date | None = None

    def __post_init__(self) -> None:
        """Check the event codes, the role and the numbers of persons (legal.md §2)."""
        events = frozenset(self.events)
        unknown = sorted(events - EVENT_CODES)
        if unknown:
            raise ValueError(f"unknown event code(s): {', '.join(unknown)}")
        object.__setattr__(self, "events", events)
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(sorted(ROLES))}, not {self.role!r}")
        for name in ("persons", "my_number_persons"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ValueError(f"{name} must be a non-negative integer or None")

    @property
    def is_processor(self) -> bool:
        """Return whether the data was entrusted to us by another business (委託先)."""
        return self.role == PROCESSOR

    @property
    def my_number_count(self) -> int | None:
        """Return the persons whose 特定個人情報 is involved: their own count, else the incident's total."""
        return self.persons if self.my_number_persons is None else self.my_number_persons

    @property
    def pmark_start(self) -> date | None:
        """Return the day the P-mark clock starts: the discovery date, else the day of knowledge."""
        return self.discovered_on or self.known_on


@dataclass(frozen=True)
class Reason:
    """Explain one step of a determination: an English msgid with named placeholders and its article."""

    code: str
    article: str
    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """Return the untranslated English sentence with its placeholders filled in."""
        return self.msgid % dict(self.params)


class PreliminaryTargets(NamedTuple):
    """Hold the 速報 guideline targets: day 3 ("due soon") and day 5 (target)."""

    warn_on: date
    target_on: date


class Tristate:
    """Give a determination with a ``status`` the three-valued ``reportable``."""

    status: Status

    @property
    def reportable(self) -> bool | None:
        """Return True, False or None (needs review); a processor's notice to the controller is False."""
        return None if self.status is Status.NEEDS_REVIEW else self.status is Status.REPORTABLE


@dataclass(frozen=True)
class AppiDetermination(Tristate):
    """Hold the APPI Art. 26 outcome: status, grounds, exemption, individuals' notice and deadlines.

    ``needs_review`` lists the unknown facts that block the decision, or, when reportable, the deadline.
    ``final_due`` is set only when reportable; ``final_due_if_reportable`` (the earliest possible date) is
    set while the determination needs review, so that the clock is not lost.
    """

    status: Status
    grounds: tuple[str, ...]
    exempted_grounds: tuple[str, ...]
    exemption_applied: bool
    notify_individuals: bool | None
    needs_review: tuple[str, ...]
    reasons: tuple[Reason, ...]
    final_due: date | None = None
    final_due_if_reportable: date | None = None
    preliminary_due: PreliminaryTargets | None = None
    controller_notice_due: PreliminaryTargets | None = None


@dataclass(frozen=True)
class PmarkDetermination:
    """Hold the Privacy Mark outcome: report, 速報 criteria and plain calendar deadlines (no roll-over)."""

    report_required: bool | None
    preliminary_required: bool | None
    criteria: tuple[str, ...]
    needs_review: tuple[str, ...]
    reasons: tuple[Reason, ...]
    final_due: date | None = None
    preliminary_due: PreliminaryTargets | None = None


@dataclass(frozen=True)
class MyNumberDetermination(Tristate):
    """Hold the My Number Act outcome, separate from APPI Art. 26."""

    status: Status
    grounds: tuple[str, ...]
    needs_review: tuple[str, ...]
    reasons: tuple[Reason, ...]
    final_due: date | None = None
    final_due_if_reportable: date | None = None
    preliminary_due: PreliminaryTargets | None = None
    notify_individuals: bool | None = None
    controller_notice_due: PreliminaryTargets | None = None


@dataclass(frozen=True)
class Deadline:
    """Name one date to watch; ``is_target`` marks a guideline target rather than a deadline."""

    code: str
    due_on: date
    is_target: bool


@dataclass(frozen=True)
class Assessment:
    """Bundle the three determinations and every date to watch, earliest first."""

    facts: Facts
    appi: AppiDetermination
    pmark: PmarkDetermination
    my_number: MyNumberDetermination
    deadlines: tuple[Deadline, ...]


# --- Deadlines (the administrative calendar is mamori.jpcalendar) --------------------------------------


def final_report_due(known_on: date, unauthorized_purpose: bool) -> date:
    """Return the 確報 due date under Enforcement Rules Art. 8(2).

    30 days, 60 when the unauthorised-purpose ground applies (alone or combined); the day of knowledge is
    day 1, and a due date on an administrative holiday moves to the next working day.
    """
    days = FINAL_REPORT_DAYS_UNAUTHORIZED if unauthorized_purpose else FINAL_REPORT_DAYS
    return roll_forward(nth_day(known_on, days))


def preliminary_report_targets(known_on: date) -> PreliminaryTargets:
    """Return the 速報 targets under Enforcement Rules Art. 8(1) (速やかに; PPC target about 3-5 days).

    Day 3 ("due soon") and day 5 (target), the day of knowledge being day 1. Guideline targets, not
    statutory dates: shown as plain calendar days, without the 確報's holiday roll-over, so that a long
    weekend never pushes "promptly" further out.
    """
    return PreliminaryTargets(
        nth_day(known_on, PRELIMINARY_WARN_DAY), nth_day(known_on, PRELIMINARY_TARGET_DAY)
    )


def pmark_final_due(discovered_on: date, unauthorized_purpose: bool) -> date:
    """Return the P-mark 確報 date: discovery + 29 or + 59 days as a plain calendar date (legal.md §2)."""
    days = FINAL_REPORT_DAYS_UNAUTHORIZED if unauthorized_purpose else FINAL_REPORT_DAYS
    return nth_day(discovered_on, days)


def pmark_preliminary_targets(discovered_on: date) -> PreliminaryTargets:
    """Return the P-mark 速報 targets (about 3-5 days) as plain calendar dates (legal.md §2)."""
    return PreliminaryTargets(
        nth_day(discovered_on, PRELIMINARY_WARN_DAY), nth_day(discovered_on, PRELIMINARY_TARGET_DAY)
    )


# --- Building a determination ---------------------------------------------------------------------------


class Builder:
    """Collect reasons and unknown facts while a determination is worked out."""

    def __init__(self, article: str | None = None) -> None:
        self.reasons: list[Reason] = []
        self.unknown: set[str] = set()
        self.article = article  # overrides the catalogue's article, e.g. for the My Number regime

    def add(self, code: str, **params: object) -> None:
        article, msgid = MESSAGES[code]
        if self.article and not code.startswith("my_number."):  # the regime's own reasons cite themselves
            article = self.article
        self.reasons.append(Reason(code, article, msgid, params))

    def needs_review(self) -> tuple[str, ...]:
        return tuple(sorted(self.unknown))


def codes_text(codes: Iterable[str]) -> str:
    return ", ".join(sorted(codes))


# --- Steps shared by the APPI and My Number determinations ---------------------------------------------


def breach_occurred(facts: Facts, b: Builder, ground_holds: bool, *, label_other: bool = True) -> Tri:
    """Decide whether a 漏えい, 滅失 or 毀損 occurred or may have occurred (APPI Art. 26(1), Rules Art. 7).

    Rules Art. 7 counts a breach that "occurred or may have occurred" (発生し、又は発生したおそれがある):
    only a *confirmed* recovery before anyone viewed the data removes a leak (GL 3-5-1-1, PPC Q&A 6-1), so
    an unknown recovery counts as a possible leak; an event known only as likely (おそれ) counts once a
    qualitative ground is established (``ground_holds``; the number of persons alone cannot point to it). 滅失 and 毀損 do not count when the same data is kept
    elsewhere (GL 3-5-1-2, 3-5-1-3); a leak still does.
    """
    if not facts.events - {LIKELY}:
        if facts.events and ground_holds:  # likely, kind not yet known, but a ground is established
            b.add("events.likely_only")
            return True
        # No events, or only "likely" without saying likely what: the kind is not yet known.
        b.unknown.add("events")
        b.add("events.unknown")
        return None
    counted = facts.events & APPI_EVENTS
    if not counted:
        if label_other:
            b.add("events.not_breach", events=codes_text(facts.events))
        return False
    damage = counted & COPY_EVENTS
    if damage:
        if facts.copy_kept is True:
            b.add("events.copy_kept", events=codes_text(damage))
            counted -= damage
        elif facts.copy_kept is None and not counted & LEAK_EVENTS:
            b.unknown.add("copy_kept")
            b.add("events.copy_unknown", events=codes_text(damage))
            return None
        else:
            b.add("events.damage", events=codes_text(damage))
            return True
    if not counted:
        return False
    # Leak-like events: they vanish only if recovery before anyone looked is confirmed.
    if facts.recovered_before_viewed is True:
        b.add("events.recovered")
        return False
    if facts.recovered_before_viewed is None:
        b.add("events.recovery_unknown", events=codes_text(counted))
        return True
    b.add("events.leak", events=codes_text(counted))
    return True


def at_least_one_person(persons: int | None, value: bool | None) -> Tri:
    """Apply the one-person threshold: nobody affected means the ground cannot apply."""
    return False if persons == 0 else value


def persons_over(persons: int | None, threshold: int) -> Tri:
    return None if persons is None else persons > threshold


def report_clock(
    status: Status, known_on: date | None, unauthorized: Tri, b: Builder
) -> tuple[date | None, date | None, PreliminaryTargets | None]:
    """Return (final due, final due if reportable, 速報 targets) under Enforcement Rules Art. 8.

    While the determination needs review, the 確報 date is the earliest possible one (30 days unless an
    unauthorised purpose is established), so that the clock is never lost.
    """
    if status is Status.NOT_REPORTABLE:
        return None, None, None
    if known_on is None:
        b.unknown.add("known_on")
        b.add("known_on.unknown")
        return None, None, None
    due = final_report_due(known_on, unauthorized is True)
    prelim = preliminary_report_targets(known_on)
    b.add(
        "preliminary_report.target",
        warn_on=prelim.warn_on.isoformat(),
        target_on=prelim.target_on.isoformat(),
    )
    if status is Status.NEEDS_REVIEW:
        return None, due, prelim
    if unauthorized is None:
        b.unknown.add("unauthorized_purpose")
        b.add("final_report.assumes_30_days", due=due.isoformat(), known_on=known_on.isoformat())
    else:
        days = FINAL_REPORT_DAYS_UNAUTHORIZED if unauthorized else FINAL_REPORT_DAYS
        b.add("final_report.due", due=due.isoformat(), days=days, known_on=known_on.isoformat())
    return due, None, prelim


class Duty(NamedTuple):
    """Who does what once a determination is reportable, after the entrustment rules."""

    status: Status
    final_due: date | None
    final_due_if_reportable: date | None
    preliminary_due: PreliminaryTargets | None
    controller_notice_due: PreliminaryTargets | None


def apply_entrustment(
    facts: Facts,
    status: Status,
    clock: tuple[date | None, date | None, PreliminaryTargets | None],
    b: Builder,
) -> Duty:
    """Apply the processor's exception (APPI Art. 26(1) proviso, Rules Art. 9, GL 3-5-3-5; My Number Act
    Art. 29-4(1) proviso): a processor tells the entrusting business promptly (target day 3-5, like a
    速報) and then makes no report or notice of its own; until it has, the report stays its duty.
    """
    final_due, final_if, prelim = clock
    if (
        facts.occurred_at_contractor
        and not facts.is_processor
        and facts.known_on
        and status is not Status.NOT_REPORTABLE
    ):
        b.add("entrustment.contractor_told_us", known_on=facts.known_on.isoformat())
    if not facts.is_processor or status is not Status.REPORTABLE:
        return Duty(status, final_due, final_if, prelim, None)
    notice = preliminary_report_targets(facts.known_on) if facts.known_on else None
    if facts.controller_notified_on is not None:
        b.add("entrustment.controller_notified", on=facts.controller_notified_on.isoformat())
        return Duty(Status.NOTIFY_CONTROLLER, None, None, None, notice)
    b.add(
        "entrustment.notify_controller",
        warn_on=notice.warn_on.isoformat() if notice else "-",
        target_on=notice.target_on.isoformat() if notice else "-",
    )
    b.add("entrustment.fallback", due=final_due.isoformat() if final_due else "-")
    return Duty(Status.NOTIFY_CONTROLLER, None, final_due, None, notice)
