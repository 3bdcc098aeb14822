"""Courses installed before the built-in YAML was quoted get their cut answers back (migration 0004)."""

from __future__ import annotations

import importlib

import pytest
import yaml
from django.apps import apps

from mamori.core.models import AuditLogEntry
from mamori.training.models import Choice, Question
from mamori.training.services import courses

pytestmark = pytest.mark.django_db

migration = importlib.import_module("mamori.training.migrations.0004_repair_cut_builtin_choices")

#: The two questions as the course file wrote them before commit e3e3781 quoted the answers.
BEFORE_THE_QUOTES = """
- kind: single
  text: JIPDECがまとめたプライバシーマーク付与事業者の事故報告件数で、2024年度の件数に最も近いものはどれですか。
  choices:
    - {text: 約2,000件, correct: false}
    - {text: 約5,000件, correct: false}
    - {text: 約9,300件, correct: true}
    - {text: 約20,000件, correct: false}
- kind: single
  text: JNSAの調査による、漏えいした人1人あたりの想定損害賠償額（2015〜2018年）に最も近いものはどれですか。
  choices:
    - {text: 約300円, correct: false}
    - {text: 約3,000円, correct: false}
    - {text: 約3万円, correct: true}
    - {text: 約300万円, correct: false}
"""


def install_as_before_the_fix(org):
    """Install the course and add the two questions as the unquoted file gave them to the installer."""
    course, _ = courses.course_install_builtin(organisation=org, key="privacy-basics")
    for order, item in enumerate(yaml.safe_load(BEFORE_THE_QUOTES), start=100):
        question = Question.objects.create(course=course, order=order, kind=item["kind"], text=item["text"])
        for n, choice in enumerate(item["choices"], start=1):
            Choice.objects.create(
                question=question, order=n, text=choice["text"], is_correct=choice["correct"]
            )
    return course


def texts(course):
    return list(Choice.objects.filter(question__course=course).values_list("text", flat=True))


def test_the_cut_answers_are_written_back_and_the_repair_is_audited(org):
    course = install_as_before_the_fix(org)
    assert {"約2", "約5", "約9", "約20", "約3"} <= set(texts(course))  # what the comma did
    migration.repair(apps, None)
    now = texts(course)
    assert {"約2,000件", "約5,000件", "約9,300件", "約20,000件", "約3,000円"} <= set(now)
    assert not {"約2", "約5", "約9", "約20", "約3"} & set(now)
    fresh, _ = courses.course_install_builtin(organisation=org, key="privacy-basics")
    assert fresh == course
    (entry,) = AuditLogEntry.objects.filter(action="training.course.repaired", object_id=str(course.pk))
    assert entry.organisation_id == org.pk and len(entry.data["questions"]) == 2


def test_the_repair_is_idempotent_and_leaves_a_correct_course_alone(org):
    course, _ = courses.course_install_builtin(organisation=org, key="privacy-basics")
    before = texts(course)
    migration.repair(apps, None)
    migration.repair(apps, None)
    assert texts(course) == before
    assert not AuditLogEntry.objects.filter(action="training.course.repaired").exists()


def test_a_managers_own_edit_of_a_cut_question_is_left_alone(org):
    course = install_as_before_the_fix(org)
    edited = Choice.objects.get(question__course=course, text="約9")
    edited.text = "約9千件"
    edited.save()
    migration.repair(apps, None)
    now = texts(course)
    assert "約9千件" in now and "約2" in now  # that question is the manager's now
    assert "約3,000円" in now  # the other one is repaired
