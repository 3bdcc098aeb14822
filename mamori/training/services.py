"""Every write of training: courses, campaigns, attempts, reminders, rules and the HR import; each audited."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mamori.core.models import Department, Organisation
from mamori.core.services import log_action
from mamori.training import notify, queries, rules
from mamori.training.models import (
    Assignment,
    Attempt,
    Campaign,
    Choice,
    Course,
    Lesson,
    LessonImage,
    Question,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
BUILTIN_COURSES = ("privacy-basics",)
IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024


# Courses -----------------------------------------------------------------------------------------------


@transaction.atomic
def course_create(*, organisation: Organisation, actor: Any, title: str, **fields: Any) -> Course:
    """Create an empty course."""
    course = Course.objects.create(organisation=organisation, title=title, **fields)
    log_action(course, "training.course.created", actor=actor, data={"title": title})
    return course


@transaction.atomic
def course_update(*, course: Course, actor: Any, **fields: Any) -> Course:
    """Change a course's title, summary, pass mark and attempt settings."""
    changed = {k: v for k, v in fields.items() if getattr(course, k) != v}
    for key, value in changed.items():
        setattr(course, key, value)
    course.save()
    log_action(course, "training.course.updated", actor=actor, data={"fields": sorted(changed)})
    return course


@transaction.atomic
def lesson_save(
    *, course: Course, actor: Any, title: str, body: str, order: int, lesson: Lesson | None = None
) -> Lesson:
    """Create a lesson, or change one (its text is Markdown, sanitised when shown)."""
    created = lesson is None
    if lesson is None:
        lesson = Lesson(course=course)
    lesson.title, lesson.body, lesson.order = title, body, order
    lesson.save()
    log_action(
        course,
        "training.lesson.created" if created else "training.lesson.updated",
        actor=actor,
        data={"lesson": lesson.pk, "title": title},
    )
    return lesson


@transaction.atomic
def question_save(
    *,
    course: Course,
    actor: Any,
    kind: str,
    text: str,
    explanation: str,
    order: int,
    choices: list[tuple[str, bool]],
    question: Question | None = None,
) -> Question:
    """Create or change a test question; its choices are updated in place so past attempts keep theirs."""
    created = question is None
    if question is None:
        question = Question(course=course)
    question.kind, question.text, question.explanation, question.order = kind, text, explanation, order
    question.save()
    existing = list(question.choices.order_by("order", "pk"))
    for n, (choice_text, correct) in enumerate(choices, start=1):
        choice = existing[n - 1] if n <= len(existing) else Choice(question=question)
        choice.order, choice.text, choice.is_correct = n, choice_text, correct
        choice.save()
    for surplus in existing[len(choices) :]:
        surplus.delete()
    log_action(
        course,
        "training.question.created" if created else "training.question.updated",
        actor=actor,
        data={"question": question.pk},
    )
    return question


@transaction.atomic
def lesson_image_upload(*, course: Course, actor: Any, file: UploadedFile) -> LessonImage:
    """Store an image for lessons; only PNG, JPEG and GIF up to 5 MB, recognised by their bytes."""
    if file.size is None or file.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 5 MB."))
    head = file.read(16)
    file.seek(0)
    content_type = next((t for magic, t in IMAGE_TYPES.items() if head.startswith(magic)), None)
    if content_type is None:
        raise ValidationError(_("Upload a PNG, JPEG or GIF image."))
    image = LessonImage(
        organisation=course.organisation,
        course=course,
        content_type=content_type,
        name=(file.name or "image")[:200],
    )
    image.file.save(file.name or "image", file, save=False)
    image.save()
    log_action(course, "training.image.uploaded", actor=actor, data={"image": image.pk})
    return image


def _content(key: str) -> dict[str, Any]:
    with (CONTENT_DIR / f"{key}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@transaction.atomic
def course_install_builtin(*, organisation: Organisation, key: str, actor: Any = None) -> tuple[Course, bool]:
    """Install a built-in course for ``organisation`` from its YAML file; return (course, created).

    Idempotent: a course already installed is left alone, so the manager's edits are never overwritten.
    """
    existing = Course.objects.filter(organisation=organisation, builtin_key=key).first()
    if existing is not None:
        return existing, False
    data = _content(key)
    course = Course.objects.create(
        organisation=organisation,
        builtin_key=key,
        title=data["title"],
        summary=data.get("summary", ""),
        pass_mark=data.get("pass_mark", 80),
        questions_per_attempt=data.get("questions_per_attempt", 0),
        max_attempts=data.get("max_attempts", 0),
    )
    for order, item in enumerate(data["lessons"], start=1):
        Lesson.objects.create(
            course=course,
            order=order,
            kind=item.get("kind", Lesson.Kind.TEXT),
            title=item["title"],
            body=item.get("body", ""),
        )
    for order, item in enumerate(data["questions"], start=1):
        question = Question.objects.create(
            course=course, order=order, kind=item["kind"], text=item["text"], explanation=item["explanation"]
        )
        choices = item["choices"] if item["kind"] != Question.Kind.TRUE_FALSE else _true_false(item["answer"])
        for n, choice in enumerate(choices, start=1):
            Choice.objects.create(
                question=question, order=n, text=choice["text"], is_correct=choice["correct"]
            )
    log_action(course, "training.course.installed", actor=actor, data={"key": key})
    return course, True


def _true_false(answer: bool) -> list[dict[str, Any]]:
    return [{"text": "正しい", "correct": bool(answer)}, {"text": "誤り", "correct": not answer}]


# Campaigns and assignments ----------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    organisation: Organisation,
    actor: Any,
    course: Course,
    title: str,
    scope: str,
    due_date: dt.date,
    departments: Iterable[Department] = (),
    joined_since: dt.date | None = None,
) -> Campaign:
    """Start a campaign and assign its course to everyone in scope."""
    if course.organisation_id != organisation.pk:
        raise ValidationError(_("The course belongs to another organisation."))
    departments = list(departments)
    if scope == Campaign.Scope.DEPARTMENTS and not departments:
        raise ValidationError(_("Choose at least one department."))
    if any(d.organisation_id != organisation.pk for d in departments):
        raise ValidationError(_("A department belongs to another organisation."))
    campaign = Campaign.objects.create(
        organisation=organisation,
        course=course,
        title=title,
        scope=scope,
        due_date=due_date,
        joined_since=joined_since,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    campaign.departments.set(departments)
    added = _assign_missing(campaign)
    log_action(
        campaign,
        "training.campaign.created",
        actor=actor,
        data={"course": course.pk, "scope": scope, "due_date": due_date.isoformat(), "assigned": added},
    )
    return campaign


def _assign_missing(campaign: Campaign) -> int:
    have = set(campaign.assignments.values_list("user_id", flat=True))
    new = [
        Assignment(campaign=campaign, user=u, department_id=u.department_id, due_date=campaign.due_date)
        for u in queries.users_in_scope(campaign)
        if u.pk not in have
    ]
    Assignment.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def campaign_sync(*, campaign: Campaign) -> int:
    """Assign the campaign to people who came into scope since (joiners, movers); return how many."""
    added = _assign_missing(campaign)
    if added:
        log_action(campaign, "training.campaign.synced", data={"assigned": added})
    return added


@transaction.atomic
def assignment_mark_read(*, assignment: Assignment, lesson: Lesson) -> Assignment:
    """Record that the employee opened a lesson (progress)."""
    if lesson.course_id != assignment.campaign.course_id:
        raise ValidationError("lesson of another course")
    if lesson.pk not in assignment.lessons_read:
        assignment.lessons_read = [*assignment.lessons_read, lesson.pk]
        assignment.save(update_fields=["lessons_read"])
    return assignment


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


# Reminders ---------------------------------------------------------------------------------------------


def reminders_send(*, today: dt.date | None = None) -> str:
    """Assign late joiners and mail the due reminders of every open campaign; safe to run repeatedly."""
    today = today or timezone.localdate()
    added = sum(
        campaign_sync(campaign=c) for c in Campaign.objects.filter(due_date__gte=today).order_by("pk")
    )
    sent = {rules.Reminder.BEFORE_DUE: 0, rules.Reminder.OVERDUE: 0}
    pending = Assignment.objects.filter(passed_at__isnull=True, user__is_active=True).values_list(
        "pk", flat=True
    )
    for pk in pending:
        kind = _remind_one(pk, today, manual=False)
        if kind is not None:
            sent[kind] += 1
    return (
        f"{added} assigned, {sent[rules.Reminder.BEFORE_DUE]} due reminders, "
        f"{sent[rules.Reminder.OVERDUE]} overdue reminders"
    )


@transaction.atomic
def _remind_one(pk: int, today: dt.date, *, manual: bool, actor: Any = None) -> rules.Reminder | None:
    a = Assignment.objects.select_for_update().select_related("campaign").get(pk=pk)
    kind = rules.reminder_to_send(
        due=a.due_date,
        passed_on=a.passed_on,
        today=today,
        reminded_before_on=a.reminded_before_on,
        reminded_overdue_on=a.reminded_overdue_on,
    )
    if manual and a.passed_at is None:
        kind = rules.Reminder.OVERDUE if today > a.due_date else rules.Reminder.BEFORE_DUE
    if kind is None:
        return None
    if kind == rules.Reminder.OVERDUE:
        a.reminded_overdue_on = today
    else:
        a.reminded_before_on = today
    a.save(update_fields=["reminded_before_on", "reminded_overdue_on"])
    log_action(
        a.campaign, "training.reminder.sent", actor=actor, data={"assignment": a.pk, "kind": str(kind)}
    )
    transaction.on_commit(lambda: notify.send_reminder(pk, str(kind)))
    return kind


def campaign_remind(*, campaign: Campaign, actor: Any, assignments: Iterable[Assignment]) -> int:
    """Mail a reminder now to everyone of ``assignments`` who has not passed (the one-click button)."""
    today = timezone.localdate()
    count = 0
    for a in assignments:
        if (
            a.campaign_id == campaign.pk
            and a.passed_at is None
            and _remind_one(a.pk, today, manual=True, actor=actor)
        ):
            count += 1
    return count


@transaction.atomic
def records_exported(*, actor: Any, target: Campaign | Organisation, rows: int) -> None:
    """Record in the audit log that someone downloaded training records (they name people)."""
    log_action(target, "training.records.exported", actor=actor, data={"rows": rows})
