"""Author courses: lessons, questions, images, and the built-in course from its YAML file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mamori.core.models import Organisation
from mamori.core.services import log_action
from mamori.training.models import (
    Choice,
    Course,
    Lesson,
    LessonImage,
    Question,
)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
BUILTIN_COURSES = ("privacy-basics",)
IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024


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
