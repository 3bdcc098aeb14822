"""Courses, tests, campaigns, assignments and attempts; internal rules and their acknowledgement."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Course(models.Model):
    """A course of lessons and one test, owned by one organisation."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="courses")
    builtin_key = models.SlugField(
        _("built-in key"), blank=True, help_text=_("Set for the courses shipped with mamori.")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, help_text=_("Percentage of correct answers needed to pass.")
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"), default=0, help_text=_("0 asks every question.")
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=0, help_text=_("0 allows unlimited retries.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "builtin_key"],
                condition=~models.Q(builtin_key=""),
                name="training_course_unique_builtin",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """One chapter of a course: Markdown text, or the generated "our company" chapter."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        OUR_COMPANY = "our_company", _("Our company (generated from live data)")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), blank=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["course", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One test question with its choices and the explanation shown after answering."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"))
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["course", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(models.Model):
    """One possible answer of a question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


def lesson_image_path(instance: LessonImage, filename: str) -> str:
    """Return the storage path of an uploaded lesson image (per organisation)."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/{instance.organisation_id}/{timezone.now():%Y%m%d%H%M%S%f}.{suffix}"


class LessonImage(models.Model):
    """An image uploaded for lessons; served only to logged-in users of its organisation."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(_("file"), upload_to=lesson_image_path)
    content_type = models.CharField(max_length=50)
    name = models.CharField(_("name"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lesson image")
        verbose_name_plural = _("lesson images")

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """An annual or ad-hoc assignment of one course to a group of employees, with a due date."""

    class Scope(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        DEPARTMENTS = "departments", _("Departments")
        NEW_JOINERS = "new_joiners", _("New joiners")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="campaigns")
    title = models.CharField(_("title"), max_length=200)
    scope = models.CharField(_("who"), max_length=20, choices=Scope.choices, default=Scope.EVERYONE)
    departments = models.ManyToManyField("core.Department", blank=True, verbose_name=_("departments"))
    joined_since = models.DateField(_("joined on or after"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """One employee's duty to take one campaign's course by its due date."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    # The department at assignment time, so the records survive a move between departments.
    department = models.ForeignKey("core.Department", on_delete=models.SET_NULL, null=True, related_name="+")
    due_date = models.DateField(_("due date"))
    assigned_at = models.DateTimeField(auto_now_add=True)
    lessons_read = models.JSONField(default=list, blank=True)
    passed_at = models.DateTimeField(_("passed at"), null=True, blank=True)
    best_percent = models.PositiveSmallIntegerField(_("best score (%)"), null=True, blank=True)
    reminded_before_on = models.DateField(null=True, blank=True)
    reminded_overdue_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="training_assignment_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} / {self.user}"

    @property
    def passed(self) -> bool:
        return self.passed_at is not None

    @property
    def passed_on(self) -> dt.date | None:
        return timezone.localdate(self.passed_at) if self.passed_at else None


class Attempt(models.Model):
    """One try at a course's test; the order is seeded so re-displaying it is stable."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("attempt"))
    seed = models.BigIntegerField()
    question_ids = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    correct = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=0)
    percent = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["assignment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "number"], name="training_attempt_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.assignment} #{self.number}"
