"""Pure training rules: scoring, seeded order, due dates and reminder selection (no ORM, no request).

JIS Q 15001:2023 7.2 / 7.3 (Annex A.3.4.5 in the 2017 numbering) asks that every employee is trained at
least once a year and that understanding is checked; these functions decide pass/fail and who is due.
"""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DUE_SOON_DAYS = 7
OVERDUE_REMINDER_INTERVAL_DAYS = 7


@dataclass(frozen=True)
class QuestionKey:
    """The answer key of one question: its id and the ids of its correct choices."""

    id: int
    correct: frozenset[int]


@dataclass(frozen=True)
class Score:
    """The result of one attempt."""

    correct: int
    total: int
    percent: int
    passed: bool
    right: frozenset[int]  # ids of the questions answered right


def score_attempt(keys: Sequence[QuestionKey], answers: Mapping[int, Iterable[int]], pass_mark: int) -> Score:
    """Score ``answers`` (question id -> chosen choice ids) against ``keys``.

    A question counts as right only when the chosen set equals the correct set exactly (so a multiple
    choice question with one correct choice missing, or one wrong choice added, is wrong). The percent is
    rounded down, so a pass mark of 80 is never reached by 79.9 %.
    """
    right = frozenset(k.id for k in keys if frozenset(answers.get(k.id, ())) == k.correct)
    total = len(keys)
    percent = (len(right) * 100) // total if total else 0
    return Score(
        correct=len(right),
        total=total,
        percent=percent,
        passed=total > 0 and percent >= pass_mark,
        right=right,
    )


def question_order(seed: int, question_ids: Sequence[int], limit: int = 0) -> list[int]:
    """Return the question ids of an attempt in a random order fixed by ``seed`` (the first ``limit``)."""
    ids = sorted(question_ids)
    random.Random(seed).shuffle(ids)
    return ids[:limit] if limit and limit < len(ids) else ids


def choice_order(seed: int, question_id: int, choice_ids: Sequence[int], shuffle: bool = True) -> list[int]:
    """Return a question's choice ids in a stable random order for the attempt (kept as is if not shuffled)."""
    ids = sorted(choice_ids)
    if shuffle:
        random.Random(seed * 1_000_003 + question_id).shuffle(ids)
    return ids


def may_start_attempt(*, attempts_used: int, max_attempts: int, passed: bool) -> bool:
    """Return whether another attempt may start (never after passing; 0 = unlimited retries)."""
    if passed:
        return False
    return max_attempts == 0 or attempts_used < max_attempts


class State(enum.StrEnum):
    """Where an assignment stands on a given day."""

    PASSED = "passed"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"


def assignment_state(*, due: dt.date, passed_on: dt.date | None, today: dt.date) -> State:
    """Return the state of an assignment: passed, overdue (after the due date), due soon (7 days) or open."""
    if passed_on is not None:
        return State.PASSED
    if today > due:
        return State.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return State.DUE_SOON
    return State.OPEN


class Reminder(enum.StrEnum):
    BEFORE_DUE = "before_due"
    OVERDUE = "overdue"


def reminder_to_send(
    *,
    due: dt.date,
    passed_on: dt.date | None,
    today: dt.date,
    reminded_before_on: dt.date | None,
    reminded_overdue_on: dt.date | None,
) -> Reminder | None:
    """Return which reminder mail is due today, if any; running twice a day sends nothing new.

    One reminder goes out in the week before the due date; after it, an overdue reminder goes out the day
    after the due date and then once a week until the course is passed.
    """
    state = assignment_state(due=due, passed_on=passed_on, today=today)
    if state == State.DUE_SOON and reminded_before_on is None:
        return Reminder.BEFORE_DUE
    if state == State.OVERDUE and (
        reminded_overdue_on is None or (today - reminded_overdue_on).days >= OVERDUE_REMINDER_INTERVAL_DAYS
    ):
        return Reminder.OVERDUE
    return None


@dataclass(frozen=True)
class Rate:
    """Completion of a group of assignments, and the pass rate of those who took the test."""

    assigned: int
    passed: int
    overdue: int
    attempted: int = 0

    @property
    def percent(self) -> int:
        """Return the completion rate: passed out of assigned, in whole percent rounded down."""
        return (self.passed * 100) // self.assigned if self.assigned else 0

    @property
    def pass_rate(self) -> int | None:
        """Return passed out of those who took the test at least once (None if nobody did)."""
        return (self.passed * 100) // self.attempted if self.attempted else None


def completion(items: Iterable[State | tuple[State, bool]]) -> Rate:
    """Count passed, overdue and attempted among assignment states (optionally paired with "attempted")."""
    pairs = [(i, i == State.PASSED) if isinstance(i, State) else i for i in items]
    return Rate(
        assigned=len(pairs),
        passed=sum(1 for s, _ in pairs if s == State.PASSED),
        overdue=sum(1 for s, _ in pairs if s == State.OVERDUE),
        attempted=sum(1 for s, tried in pairs if tried or s == State.PASSED),
    )
