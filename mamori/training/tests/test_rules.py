"""Pure training rules: scoring, seeded order, due states and reminder selection."""

from __future__ import annotations

import datetime as dt

from mamori.training import rules
from mamori.training.rules import QuestionKey, Reminder, State

KEYS = [
    QuestionKey(1, frozenset({10})),
    QuestionKey(2, frozenset({20, 21})),
    QuestionKey(3, frozenset({30})),
    QuestionKey(4, frozenset({40})),
    QuestionKey(5, frozenset({50})),
]
DUE = dt.date(2026, 12, 10)


def test_all_right_scores_100_and_passes():
    score = rules.score_attempt(KEYS, {1: [10], 2: [21, 20], 3: [30], 4: [40], 5: [50]}, 80)
    assert (score.correct, score.total, score.percent, score.passed) == (5, 5, 100, True)


def test_multiple_choice_counts_only_the_exact_set():
    missing_one = rules.score_attempt(KEYS, {2: [20]}, 80)
    one_too_many = rules.score_attempt(KEYS, {2: [20, 21, 22]}, 80)
    assert 2 not in missing_one.right and 2 not in one_too_many.right


def test_pass_mark_is_inclusive_and_percent_rounds_down():
    four_of_five = rules.score_attempt(KEYS, {1: [10], 2: [20, 21], 3: [30], 4: [40]}, 80)
    assert four_of_five.percent == 80 and four_of_five.passed
    keys = [QuestionKey(i, frozenset({i})) for i in range(3)]
    two_of_three = rules.score_attempt(keys, {0: [0], 1: [1]}, 67)
    assert two_of_three.percent == 66 and not two_of_three.passed


def test_unanswered_questions_are_wrong_and_an_empty_test_never_passes():
    assert rules.score_attempt(KEYS, {}, 0).correct == 0
    assert not rules.score_attempt([], {}, 0).passed


def test_question_order_is_stable_for_a_seed_and_differs_between_seeds():
    ids = list(range(1, 24))
    first = rules.question_order(42, ids)
    assert first == rules.question_order(42, list(reversed(ids)))
    assert sorted(first) == ids
    assert any(rules.question_order(seed, ids) != first for seed in range(43, 50))


def test_question_order_takes_a_subset_when_limited():
    chosen = rules.question_order(7, list(range(23)), limit=10)
    assert len(chosen) == 10 and len(set(chosen)) == 10


def test_choice_order_is_stable_and_kept_for_true_false():
    assert rules.choice_order(5, 1, [3, 1, 2]) == rules.choice_order(5, 1, [1, 2, 3])
    assert rules.choice_order(5, 1, [2, 1], shuffle=False) == [1, 2]


def test_retries_are_unlimited_at_zero_and_stop_after_passing():
    assert rules.may_start_attempt(attempts_used=9, max_attempts=0, passed=False)
    assert not rules.may_start_attempt(attempts_used=3, max_attempts=3, passed=False)
    assert not rules.may_start_attempt(attempts_used=1, max_attempts=0, passed=True)


def test_assignment_state_by_day():
    assert rules.assignment_state(due=DUE, passed_on=None, today=dt.date(2026, 11, 1)) == State.OPEN
    assert rules.assignment_state(due=DUE, passed_on=None, today=dt.date(2026, 12, 3)) == State.DUE_SOON
    assert rules.assignment_state(due=DUE, passed_on=None, today=DUE) == State.DUE_SOON
    assert rules.assignment_state(due=DUE, passed_on=None, today=dt.date(2026, 12, 11)) == State.OVERDUE
    assert rules.assignment_state(due=DUE, passed_on=DUE, today=dt.date(2027, 1, 1)) == State.PASSED


def remind(today: dt.date, before=None, overdue=None, passed=None):
    return rules.reminder_to_send(
        due=DUE, passed_on=passed, today=today, reminded_before_on=before, reminded_overdue_on=overdue
    )


def test_one_reminder_in_the_week_before_the_due_date():
    assert remind(dt.date(2026, 12, 2)) is None
    assert remind(dt.date(2026, 12, 3)) == Reminder.BEFORE_DUE
    assert remind(dt.date(2026, 12, 4), before=dt.date(2026, 12, 3)) is None


def test_overdue_reminder_the_day_after_and_then_weekly():
    assert remind(dt.date(2026, 12, 11), before=dt.date(2026, 12, 3)) == Reminder.OVERDUE
    assert remind(dt.date(2026, 12, 12), overdue=dt.date(2026, 12, 11)) is None
    assert remind(dt.date(2026, 12, 18), overdue=dt.date(2026, 12, 11)) == Reminder.OVERDUE


def test_no_reminder_once_passed():
    assert remind(dt.date(2026, 12, 20), passed=dt.date(2026, 12, 1)) is None


def test_completion_rate_counts_passed_and_overdue():
    rate = rules.completion([State.PASSED, State.OVERDUE, State.OPEN, State.PASSED])
    assert (rate.assigned, rate.passed, rate.overdue, rate.percent) == (4, 2, 1, 50)
    assert rules.completion([]).percent == 0


def test_pass_rate_counts_only_those_who_took_the_test():
    rate = rules.completion(
        [(State.PASSED, True), (State.OPEN, True), (State.OPEN, False), (State.OVERDUE, False)]
    )
    assert (rate.attempted, rate.pass_rate, rate.percent) == (2, 50, 25)
    assert rules.completion([(State.OPEN, False)]).pass_rate is None
