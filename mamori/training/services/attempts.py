"""Take the test: start an attempt (within the retries), submit it and keep its score."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from mamori.core.services import log_action
from mamori.training import rules
from mamori.training.models import (
    Assignment,
    Attempt,
    Choice,
)


class AttemptNotAllowed(ValueError):
    """No attempt may start: already passed, or out of retries."""


@transaction.atomic
def attempt_start(*, assignment: Assignment, actor: Any) -> Attempt:
    """Start an attempt at the test (or return the one still open), with a seeded question order."""
    assignment = (
        Assignment.objects.select_for_update().select_related("campaign__course").get(pk=assignment.pk)
    )
    open_attempt = assignment.attempts.filter(submitted_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    course = assignment.campaign.course
    used = assignment.attempts.count()
    if not rules.may_start_attempt(
        attempts_used=used, max_attempts=course.max_attempts, passed=assignment.passed
    ):
        raise AttemptNotAllowed
    seed = secrets.randbits(48)
    ids = list(course.questions.values_list("pk", flat=True))
    attempt = Attempt.objects.create(
        assignment=assignment,
        number=used + 1,
        seed=seed,
        question_ids=rules.question_order(seed, ids, course.questions_per_attempt),
    )
    log_action(course, "training.attempt.started", actor=actor, data={"attempt": attempt.pk})
    return attempt


def answer_keys(question_ids: list[int]) -> list[rules.QuestionKey]:
    """Return the answer keys of the given questions, in the given order."""
    correct: dict[int, set[int]] = {qid: set() for qid in question_ids}
    for qid, cid in Choice.objects.filter(question_id__in=question_ids, is_correct=True).values_list(
        "question_id", "pk"
    ):
        correct[qid].add(cid)
    return [rules.QuestionKey(id=qid, correct=frozenset(correct[qid])) for qid in question_ids]


@transaction.atomic
def attempt_submit(*, attempt: Attempt, actor: Any, answers: Mapping[int, Iterable[int]]) -> rules.Score:
    """Score a submitted attempt and, on a pass, mark the assignment passed."""
    attempt = (
        Attempt.objects.select_for_update().select_related("assignment__campaign__course").get(pk=attempt.pk)
    )
    if attempt.submitted_at is not None:
        raise AttemptNotAllowed
    course = attempt.assignment.campaign.course
    allowed = set(attempt.question_ids)
    clean = {int(q): sorted({int(c) for c in cs}) for q, cs in answers.items() if int(q) in allowed}
    score = rules.score_attempt(answer_keys(attempt.question_ids), clean, course.pass_mark)
    attempt.answers = {str(q): cs for q, cs in clean.items()}
    attempt.correct, attempt.total, attempt.percent, attempt.passed = (
        score.correct,
        score.total,
        score.percent,
        score.passed,
    )
    attempt.submitted_at = timezone.now()
    attempt.save()
    assignment = attempt.assignment
    assignment.best_percent = max(assignment.best_percent or 0, score.percent)
    if score.passed and assignment.passed_at is None:
        assignment.passed_at = attempt.submitted_at
    assignment.save(update_fields=["best_percent", "passed_at"])
    log_action(
        course,
        "training.attempt.submitted",
        actor=actor,
        data={
            "attempt": attempt.pk,
            "number": attempt.number,
            "percent": score.percent,
            "passed": score.passed,
        },
    )
    return score
