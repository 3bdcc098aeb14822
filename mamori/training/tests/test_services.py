"""Writes of training: the built-in course, campaigns, attempts, reminders and rules, each audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from mamori.accounts.models import EmployeeProfile, Role
from mamori.core.models import AuditLogEntry
from mamori.core.periodic import JOBS
from mamori.rulebook import services as rulebook_services
from mamori.testing import factories
from mamori.training import queries
from mamori.training.models import Assignment, Campaign, Course, Lesson, Question
from mamori.training.services import attempts, campaigns, courses, reminders
from mamori.training.tests.conftest import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def test_builtin_course_has_the_required_chapters_and_at_least_20_explained_questions(course):
    titles = " ".join(course.lessons.values_list("title", flat=True))
    for topic in (
        "なぜ",
        "誤送信",
        "在宅",
        "Emotet",
        "カード",
        "紛失",
        "最初の1時間",
        "9種類",
        "私たちの会社",
    ):
        assert topic in titles
    assert course.lessons.filter(kind=Lesson.Kind.OUR_COMPANY).count() == 1
    questions = list(course.questions.prefetch_related("choices"))
    assert len(questions) >= 20
    assert {q.kind for q in questions} == set(Question.Kind.values)
    for q in questions:
        assert q.explanation.strip()
        assert any(c.is_correct for c in q.choices.all())
        if q.kind == Question.Kind.SINGLE or q.kind == Question.Kind.TRUE_FALSE:
            assert sum(c.is_correct for c in q.choices.all()) == 1


def test_builtin_course_cites_the_national_figures_by_fiscal_year(course):
    why = course.lessons.get(order=1).body
    assert "2021年度" in why and "3,048件" in why and "2016年度" in why and "2,044件" in why
    assert "28,020円" in why  # JNSA's per-person figure of 2015


def test_every_national_figure_of_the_builtin_course_is_one_from_jipdecs_own_publication():
    """The course cites only figures the statistics page has: checked against JIPDEC's own text."""
    import re
    from pathlib import Path

    from mamori.stats import national

    text = (Path(courses.__file__).resolve().parents[1] / "content" / "privacy-basics.yaml").read_text()
    counts = {f"{f.count:,}" for f in national.load() if f.count is not None}
    shares = {f"{f.share_pct:.1f}" for f in national.load() if f.share_pct is not None}
    cited = re.findall(r"(?<!約)(?<![\d,])([\d,]+)件", text)
    assert cited and set(cited) <= counts, set(cited) - counts
    cited_shares = re.findall(r"(\d+\.\d)%", text)
    assert cited_shares and set(cited_shares) <= shares, set(cited_shares) - shares
    years = {int(y) for y in re.findall(r"(\d{4})年度の", text)}
    assert years and not years & set(national.years_without_figures(national.load()))


def test_install_builtin_is_idempotent_and_keeps_the_managers_edits(org, manager, course):
    courses.course_update(course=course, actor=manager, title="編集したタイトル")
    again, created = courses.course_install_builtin(organisation=org, key="privacy-basics")
    assert not created and again.pk == course.pk
    assert Course.objects.get(pk=course.pk).title == "編集したタイトル"


def test_install_builtin_command_installs_for_every_organisation(org, outsider):
    call_command("training", "install-builtin")
    call_command("training", "install-builtin")
    assert Course.objects.filter(builtin_key="privacy-basics").count() == 2


def test_demo_installs_the_builtin_course(db):
    call_command("demo")
    assert Course.objects.filter(organisation__slug="demo", builtin_key="privacy-basics").exists()


def test_campaign_for_a_department_assigns_its_active_members_only(
    campaign, employee, colleague, depmgr, manager
):
    users = set(campaign.assignments.values_list("user__username", flat=True))
    assert users == {"employee", "colleague", "depmgr"}
    entry = AuditLogEntry.objects.get(action="training.campaign.created")
    assert entry.data["assigned"] == 3


def test_campaign_for_everyone_skips_inactive_users(org, manager, employee, course):
    employee.is_active = False
    employee.save()
    c = campaigns.campaign_create(
        organisation=org,
        actor=manager,
        course=course,
        title="全員",
        scope=Campaign.Scope.EVERYONE,
        due_date=timezone.localdate(),
    )
    assert not c.assignments.filter(user=employee).exists()
    assert c.assignments.filter(user=manager).exists()


def test_new_joiners_campaign_uses_the_hr_joining_date(org, manager, employee, colleague, course):
    EmployeeProfile.objects.create(user=employee, joined_on=dt.date(2026, 10, 1))
    EmployeeProfile.objects.create(user=colleague, joined_on=dt.date(2020, 4, 1))
    c = campaigns.campaign_create(
        organisation=org,
        actor=manager,
        course=course,
        title="新入社員",
        scope=Campaign.Scope.NEW_JOINERS,
        joined_since=dt.date(2026, 9, 1),
        due_date=timezone.localdate(),
    )
    assigned = set(c.assignments.values_list("user__username", flat=True))
    assert "employee" in assigned and "colleague" not in assigned


def test_department_campaign_needs_departments_of_the_same_organisation(org, manager, course, outsider):
    other_dept = factories.make_department(outsider.organisation, "他社部門")
    with pytest.raises(ValidationError):
        campaigns.campaign_create(
            organisation=org,
            actor=manager,
            course=course,
            title="x",
            scope="departments",
            due_date=dt.date.today(),
        )
    with pytest.raises(ValidationError):
        campaigns.campaign_create(
            organisation=org,
            actor=manager,
            course=course,
            title="x",
            scope="departments",
            departments=[other_dept],
            due_date=dt.date.today(),
        )
    assert not Campaign.objects.exists()


def test_fail_then_pass_keeps_each_score_and_marks_the_assignment_passed(assignment, employee):
    first = attempts.attempt_start(assignment=assignment, actor=employee)
    assert attempts.attempt_start(assignment=assignment, actor=employee).pk == first.pk  # resumed, not new
    assert len(first.question_ids) == 10
    score = attempts.attempt_submit(attempt=first, actor=employee, answers=wrong_answers(first))
    assert not score.passed and score.percent == 0
    second = attempts.attempt_start(assignment=assignment, actor=employee)
    assert second.number == 2
    score = attempts.attempt_submit(attempt=second, actor=employee, answers=right_answers(second))
    assert score.passed and score.percent == 100
    assignment.refresh_from_db()
    assert assignment.passed and assignment.best_percent == 100
    assert [a.percent for a in assignment.attempts.all()] == [0, 100]
    with pytest.raises(attempts.AttemptNotAllowed):
        attempts.attempt_start(assignment=assignment, actor=employee)
    with pytest.raises(attempts.AttemptNotAllowed):
        attempts.attempt_submit(attempt=second, actor=employee, answers={})


def test_answers_to_questions_outside_the_attempt_are_ignored(assignment, employee, course):
    attempt = attempts.attempt_start(assignment=assignment, actor=employee)
    outside = [q for q in course.questions.values_list("pk", flat=True) if q not in attempt.question_ids]
    attempts.attempt_submit(attempt=attempt, actor=employee, answers={outside[0]: [1]})
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_max_attempts_stops_retries(assignment, employee, manager, course):
    courses.course_update(course=course, actor=manager, max_attempts=1)
    attempt = attempts.attempt_start(assignment=assignment, actor=employee)
    attempts.attempt_submit(attempt=attempt, actor=employee, answers={})
    with pytest.raises(attempts.AttemptNotAllowed):
        attempts.attempt_start(assignment=assignment, actor=employee)


def test_reminders_are_sent_once_before_the_due_date_and_weekly_when_overdue(
    campaign, assignment, mailoutbox, django_capture_on_commit_callbacks
):
    due = campaign.due_date
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 due reminders" in reminders.reminders_send(today=due - dt.timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        summary = reminders.reminders_send(today=due - dt.timedelta(days=7))
    assert "3 due reminders" in summary
    assert len(mailoutbox) == 3
    mail = next(m for m in mailoutbox if m.to == ["employee@example.com"])
    assert f"/training/a/{assignment.pk}/" in mail.body
    assert campaign.course.title in mail.subject
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 due reminders" in reminders.reminders_send(today=due - dt.timedelta(days=6))
    with django_capture_on_commit_callbacks(execute=True):
        assert "3 overdue" in reminders.reminders_send(today=due + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 overdue" in reminders.reminders_send(today=due + dt.timedelta(days=2))
    assert len(mailoutbox) == 6


def test_the_reminder_job_is_registered_for_runperiodic():
    assert JOBS["training_reminders"] is reminders.reminders_send


def test_periodic_job_assigns_people_who_joined_the_department_later(campaign, org, sales):
    newcomer = factories.make_user(org, Role.EMPLOYEE, sales, username="newcomer")
    reminders.reminders_send()
    assert campaign.assignments.filter(user=newcomer).exists()
    assert "0 assigned" in reminders.reminders_send()


def test_one_click_reminder_mails_everyone_not_yet_passed(
    campaign, manager, assignment, mailoutbox, django_capture_on_commit_callbacks
):
    Assignment.objects.filter(pk=assignment.pk).update(passed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        count = reminders.campaign_remind(
            campaign=campaign, actor=manager, assignments=campaign.assignments.all()
        )
    assert count == 2 and len(mailoutbox) == 2  # colleague and depmgr
    assert "employee@example.com" not in {m.to[0] for m in mailoutbox}


def test_a_failing_mail_server_is_logged_and_keeps_the_record(campaign, assignment, settings, caplog):
    from mamori.training import notify

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = 1  # nothing listens there
    assert notify.send_reminder(assignment.pk, "overdue") is False
    assert "employee" not in caplog.text


def test_our_company_chapter_shows_roles_and_rules_from_live_data(org, manager, depmgr, auditor):
    doc = rulebook_services.rules_document_create(organisation=org, actor=manager, title="個人情報保護規程")
    rulebook_services.rules_version_add(
        document=doc, actor=manager, version="3.1", body="x", approved_by=manager,
        approved_on=dt.date(2025, 1, 1), in_force_from=dt.date(2025, 1, 1),
    )  # fmt: skip
    facts = queries.our_company(manager)
    holders = {str(label): [u.username for u in users] for label, users in facts["roles"]}
    assert holders[str(Role.MANAGER.label)] == ["manager"]
    assert holders[str(Role.DEPARTMENT_MANAGER.label)] == ["depmgr"]
    assert [(d.title, v.version) for d, v in facts["rules_in_force"]] == [("個人情報保護規程", "3.1")]
    assert not facts["emergency_chain"]  # no chain defined for this organisation yet


def test_our_company_shows_the_emergency_chain_of_the_registered_provider(manager, monkeypatch):
    class Step:
        def __init__(self, role, user):
            self.role, self.user = role, user

        def get_role_display(self):
            return self.role

    monkeypatch.setattr(queries, "_CHAIN_PROVIDERS", [])
    assert queries.emergency_chain(manager) is None
    queries.register_chain_provider(lambda user: [Step("個人情報保護管理者", user), Step("外部専門家", None)])
    assert queries.emergency_chain(manager) == [("個人情報保護管理者", "manager"), ("外部専門家", "")]
