"""Pages of training: who sees what (outsiders get 404 everywhere), the test flow and downloads."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from python_calamine import CalamineWorkbook

from mamori.core.models import AuditLogEntry
from mamori.training import queries as training_queries
from mamori.training.models import Attempt, Campaign, Choice, LessonImage
from mamori.training.services import attempts, campaigns, courses
from mamori.training.tests.conftest import right_answers, wrong_answers

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def submit(client, attempt, answers):
    data = {f"q{q}": [str(c) for c in cs] for q, cs in answers.items()}
    return client.post(reverse("training:attempt", args=[attempt.pk]), data)


def test_my_training_lists_the_assignment_and_rules_to_read(login, employee, assignment, rules_doc):
    page = login(employee).get(reverse("training:mine")).content.decode()
    assert "個人情報の事故を防ぐ" in page and "個人情報保護規程" in page


def test_employee_reads_lessons_fails_then_passes_and_downloads_the_certificate(login, employee, assignment):
    client = login(employee)
    lesson = assignment.campaign.course.lessons.first()
    assert client.get(reverse("training:lesson", args=[assignment.pk, lesson.pk])).status_code == 200
    assignment.refresh_from_db()
    assert assignment.lessons_read == [lesson.pk]
    client.post(reverse("training:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(assignment=assignment)
    page = client.get(reverse("training:attempt", args=[attempt.pk])).content.decode()
    assert page.count('type="radio"') + page.count('type="checkbox"') > 10
    submit(client, attempt, wrong_answers(attempt))
    result = client.get(reverse("training:attempt", args=[attempt.pk])).content.decode()
    assert 'id="retry"' in result and "0%" in result
    assert reverse("training:certificate", args=[assignment.pk]) not in result
    assert client.get(reverse("training:certificate", args=[assignment.pk])).status_code == 404
    client.post(reverse("training:attempt_start", args=[assignment.pk]))
    second = Attempt.objects.get(assignment=assignment, number=2)
    submit(client, second, right_answers(second))
    result = client.get(reverse("training:attempt", args=[second.pk])).content.decode()
    assert 'id="certificate"' in result
    pdf = client.get(reverse("training:certificate", args=[assignment.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_an_incomplete_test_is_not_scored(login, employee, assignment):
    client = login(employee)
    client.post(reverse("training:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get()
    response = submit(client, attempt, {})
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_a_reshown_attempt_keeps_its_order(login, employee, assignment):
    client = login(employee)
    client.post(reverse("training:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get()
    url = reverse("training:attempt", args=[attempt.pk])

    def order(html: bytes) -> list[str]:
        return re.findall(r'name="(q\d+)" value="(\d+)"', html.decode())

    first = order(client.get(url).content)
    assert len(first) > 20 and first == order(client.get(url).content)


def test_our_company_chapter_is_rendered_from_live_data(login, employee, assignment, rules_doc, manager):
    lesson = assignment.campaign.course.lessons.get(kind="our_company")
    page = login(employee).get(reverse("training:lesson", args=[assignment.pk, lesson.pk])).content.decode()
    assert "個人情報保護規程" in page and "2.0" in page and "manager" in page
    assert reverse("incidents:report") in page


def test_lesson_markdown_is_sanitised(login, manager, employee, assignment):
    lesson = assignment.campaign.course.lessons.first()
    courses.lesson_save(
        course=lesson.course, actor=manager, lesson=lesson, title=lesson.title, order=1,
        body="**太字**<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))",
    )  # fmt: skip
    page = login(employee).get(reverse("training:lesson", args=[assignment.pk, lesson.pk])).content.decode()
    assert "<strong>太字</strong>" in page
    assert "<script>alert" not in page and "onerror" not in page and "javascript:" not in page


def test_manager_starts_a_department_campaign_in_the_form(login, manager, sales, course, employee):
    client = login(manager)
    assert client.get(reverse("training:campaign_new")).status_code == 200
    due = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    response = client.post(
        reverse("training:campaign_new"),
        {
            "title": "営業部 教育",
            "course": course.pk,
            "scope": "departments",
            "departments": [sales.pk],
            "due_date": due,
        },
    )
    campaign = Campaign.objects.get()
    assert response.url == reverse("training:campaign", args=[campaign.pk])
    assert campaign.assignments.filter(user=employee).exists()


def test_campaign_form_refuses_bad_input_and_creates_nothing(login, manager, course):
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = login(manager).post(
        reverse("training:campaign_new"),
        {"title": "x", "course": course.pk, "scope": "departments", "due_date": past},
    )
    assert response.status_code == 200 and not Campaign.objects.exists()
    errors = response.context["form"].errors
    assert "departments" in errors and "due_date" in errors


def test_campaign_page_shows_rates_and_overdue_and_exports_for_the_auditor(
    login, auditor, campaign, assignment
):
    Campaign.objects.filter(pk=campaign.pk).update(due_date=timezone.localdate() - dt.timedelta(days=1))
    campaign.assignments.update(due_date=timezone.localdate() - dt.timedelta(days=1))
    client = login(auditor)
    page = client.get(reverse("training:campaign", args=[campaign.pk])).content.decode()
    assert "営業部" in page and "0%" in page and 'id="remind"' not in page
    export = client.get(reverse("training:campaign_export", args=[campaign.pk]))
    entry = AuditLogEntry.objects.get(action="training.records.exported")
    assert entry.actor == auditor and entry.data == {"rows": 3}
    data = b"".join(export.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert {r[4] for r in rows[1:]} == {"employee", "colleague", "depmgr"}
    assert all(r[9] == gettext("Overdue") for r in rows[1:])


def test_manager_one_click_reminder(login, manager, campaign, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(manager).post(reverse("training:campaign_remind", args=[campaign.pk]))
    assert response.status_code == 302 and len(mailoutbox) == 3


def test_department_manager_sees_only_the_department(login, org, manager, depmgr, campaign, course):
    other = campaigns.campaign_create(
        organisation=org, actor=manager, course=course, title="総務部のみ", scope="departments",
        departments=[manager.department], due_date=timezone.localdate(),
    )  # fmt: skip
    client = login(depmgr)
    overview = client.get(reverse("training:overview")).content.decode()
    assert campaign.title in overview and "総務部のみ" not in overview
    assert client.get(reverse("training:campaign", args=[other.pk])).status_code == 404
    assert client.post(reverse("training:campaign_remind", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("training:campaign_new")).status_code == 404


def test_employee_cannot_open_records_or_management_pages(login, employee, campaign, course):
    client = login(employee)
    for url in (
        reverse("training:overview"),
        reverse("training:campaign", args=[campaign.pk]),
        reverse("training:campaign_export", args=[campaign.pk]),
        reverse("training:courses"),
        reverse("training:course", args=[course.pk]),
        reverse("rulebook:new"),
    ):
        assert client.get(url).status_code == 404, url


def test_colleague_cannot_open_anothers_assignment_attempt_or_certificate(
    login, colleague, employee, assignment
):
    attempt = attempts.attempt_start(assignment=assignment, actor=employee)
    client = login(colleague)
    for url in (
        reverse("training:assignment", args=[assignment.pk]),
        reverse("training:attempt", args=[attempt.pk]),
        reverse("training:certificate", args=[assignment.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_outsider_gets_404_everywhere(login, outsider, campaign, assignment, course, rules_doc, manager):
    attempt = attempts.attempt_start(assignment=assignment, actor=assignment.user)
    image = courses.lesson_image_upload(
        course=course, actor=manager, file=SimpleUploadedFile("a.png", PNG, content_type="image/png")
    )
    version = rules_doc.versions.get()
    client = login(outsider)  # a manager, but of another organisation
    for url in (
        reverse("training:assignment", args=[assignment.pk]),
        reverse("training:lesson", args=[assignment.pk, course.lessons.first().pk]),
        reverse("training:attempt", args=[attempt.pk]),
        reverse("training:certificate", args=[assignment.pk]),
        reverse("training:image", args=[image.pk]),
        reverse("training:campaign", args=[campaign.pk]),
        reverse("training:campaign_export", args=[campaign.pk]),
        reverse("training:course", args=[course.pk]),
        reverse("training:lesson_edit", args=[course.pk, course.lessons.first().pk]),
        reverse("rulebook:detail", args=[rules_doc.pk]),
        reverse("rulebook:version_new", args=[rules_doc.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("training:attempt_start", args=[assignment.pk]),
        reverse("training:campaign_remind", args=[campaign.pk]),
        reverse("rulebook:acknowledge", args=[rules_doc.pk, version.pk]),
        reverse("training:image_upload", args=[course.pk]),
    ):
        assert client.post(url).status_code == 404, url
    assert campaign.title not in client.get(reverse("training:overview")).content.decode()


def test_anonymous_visitors_are_sent_to_login(client, assignment):
    response = client.get(reverse("training:assignment", args=[assignment.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_manager_edits_a_lesson_and_uploads_an_image_served_only_in_the_organisation(
    login, manager, employee, course, outsider
):
    client = login(manager)
    lesson = course.lessons.first()
    response = client.post(
        reverse("training:lesson_edit", args=[course.pk, lesson.pk]),
        {"title": "改訂版", "order": 1, "body": "## 見出し"},
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "改訂版"
    client.post(
        reverse("training:image_upload", args=[course.pk]), {"file": SimpleUploadedFile("a.png", PNG)}
    )
    image = LessonImage.objects.get()
    served = login(employee).get(reverse("training:image", args=[image.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_a_non_image_upload_is_refused(login, manager, course):
    login(manager).post(
        reverse("training:image_upload", args=[course.pk]),
        {"file": SimpleUploadedFile("a.png", b"<svg onload=alert(1)>")},
    )
    assert not LessonImage.objects.exists()


def test_manager_adds_and_edits_a_question_in_the_ui(login, manager, course):
    client = login(manager)
    response = client.post(
        reverse("training:question_new", args=[course.pk]),
        {
            "kind": "single",
            "order": 99,
            "text": "新しい問題",
            "choices": "* 正解\n不正解\n",
            "explanation": "説明",
        },
    )
    assert response.status_code == 302
    question = course.questions.get(text="新しい問題")
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [("正解", True), ("不正解", False)]
    first_choice = question.choices.first().pk
    client.post(
        reverse("training:question_edit", args=[course.pk, question.pk]),
        {"kind": "multiple", "order": 99, "text": "改訂", "choices": "* A\n* B\nC", "explanation": "説明"},
    )
    question.refresh_from_db()
    assert question.kind == "multiple" and question.choices.count() == 3
    assert question.choices.first().pk == first_choice  # kept in place for past attempts


@pytest.mark.parametrize(
    ("kind", "choices"),
    [
        ("single", "* A\n* B"),
        ("single", "A\nB"),
        ("multiple", "A\nB"),
        ("true_false", "* A\nB\nC"),
        ("single", "* A"),
    ],
)
def test_a_question_with_a_bad_answer_key_is_refused(login, manager, course, kind, choices):
    before = course.questions.count()
    response = login(manager).post(
        reverse("training:question_new", args=[course.pk]),
        {"kind": kind, "order": 1, "text": "問", "choices": choices, "explanation": "説明"},
    )
    assert response.status_code == 200 and "choices" in response.context["form"].errors
    assert course.questions.count() == before


def test_outsider_cannot_edit_questions(login, outsider, course):
    question = course.questions.first()
    client = login(outsider)
    assert client.get(reverse("training:question_edit", args=[course.pk, question.pk])).status_code == 404
    assert client.post(reverse("training:question_new", args=[course.pk]), {}).status_code == 404


def test_a_leaver_who_never_passed_drops_out_of_the_rate_but_not_the_records(
    login, manager, campaign, colleague
):
    colleague.is_active = False
    colleague.save()
    page = login(manager).get(reverse("training:campaign", args=[campaign.pk])).content.decode()
    total = page.split('class="total"')[1].split("</tr>")[0]
    assert "<td>2</td>" in total  # employee and depmgr; the colleague left
    assert "colleague" in page.split('id="records"')[1]


def test_all_records_export_holds_only_what_the_viewer_may_see(
    login, org, manager, depmgr, campaign, course, outsider
):
    campaigns.campaign_create(
        organisation=org, actor=manager, course=course, title="総務部のみ", scope="departments",
        departments=[manager.department], due_date=timezone.localdate(),
    )  # fmt: skip

    def campaign_titles(user):
        data = b"".join(login(user).get(reverse("training:records_export")).streaming_content)
        rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        return {r[0] for r in rows[1:]}

    assert campaign_titles(manager) == {campaign.title, "総務部のみ"}
    assert campaign_titles(depmgr) == {campaign.title}
    assert b"".join(login(outsider).get(reverse("training:records_export")).streaming_content)[:2] == b"PK"
    assert campaign_titles(outsider) == set()


def test_manager_creates_a_course_and_a_bad_pass_mark_is_refused(login, manager, org, employee):
    client = login(manager)
    bad = client.post(
        reverse("training:course_new"),
        {"title": "委託先管理", "pass_mark": 0, "questions_per_attempt": 0, "max_attempts": 0},
    )
    assert bad.status_code == 200 and "pass_mark" in bad.context["form"].errors
    response = client.post(
        reverse("training:course_new"),
        {
            "title": "委託先管理",
            "pass_mark": 70,
            "questions_per_attempt": 0,
            "max_attempts": 3,
            "is_active": "on",
        },
    )
    course = org.courses.get(title="委託先管理")
    assert response.url == reverse("training:course", args=[course.pk]) and course.max_attempts == 3
    assert login(employee).get(reverse("training:course_new")).status_code == 404


def test_manager_installs_the_builtin_course_from_the_courses_page(login, manager, org, employee, outsider):
    client = login(manager)
    assert 'id="install-builtin"' in client.get(reverse("training:courses")).content.decode()
    client.post(reverse("training:course_install_builtin"))
    client.post(reverse("training:course_install_builtin"))
    assert org.courses.filter(builtin_key="privacy-basics").count() == 1
    assert 'id="install-builtin"' not in client.get(reverse("training:courses")).content.decode()
    assert login(employee).post(reverse("training:course_install_builtin")).status_code == 404
    assert (
        login(outsider).post(reverse("training:course_install_builtin")).status_code == 302
    )  # their own org


def test_every_choice_of_every_builtin_question_renders_as_written(login, employee, assignment):
    """A comma in an unquoted YAML flow mapping once cut 「約2,000件」 to 「約2」: read the file as
    plain text, so that the expectation does not come from the same YAML parse."""
    import html
    from pathlib import Path

    import yaml

    source = Path(courses.__file__).resolve().parents[1] / "content" / "privacy-basics.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    written = re.findall(r'^\s*- \{text: "?(.*?)"?, correct: (?:true|false)\}$', source.read_text(), re.M)
    choices = [c for q in data["questions"] for c in q.get("choices", [])]
    assert all(set(c) == {"text", "correct"} for c in choices), [
        c for c in choices if set(c) != {"text", "correct"}
    ]
    assert [c["text"] for c in choices] == written and len(written) > 40

    stored = Choice.objects.filter(question__course=assignment.campaign.course).exclude(
        question__kind="true_false"
    )
    assert sorted(stored.values_list("text", flat=True)) == sorted(written)

    client = login(employee)
    client.post(reverse("training:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(assignment=assignment)
    page = html.unescape(client.get(reverse("training:attempt", args=[attempt.pk])).content.decode())
    asked = Choice.objects.filter(question_id__in=attempt.question_ids).values_list("text", flat=True)
    assert asked and [text for text in asked if text not in page] == []


def test_a_test_not_taken_yet_says_so_and_a_failed_one_says_not_passed(login, employee, assignment):
    client = login(employee)
    assert "未受験" in client.get(reverse("training:mine")).content.decode()
    client.post(reverse("training:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(assignment=assignment)
    submit(client, attempt, wrong_answers(attempt))
    page = client.get(reverse("training:mine")).content.decode()
    assert "未合格" in page and "未受験" not in page


def test_the_overview_counts_every_campaign_in_a_fixed_number_of_queries(
    login, manager, org, sales, course, campaign, assignment, django_assert_max_num_queries
):
    """Two queries per campaign made the overview grow with the campaigns (1.8-2.1 s at company size)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(manager)
    counts = []
    for extra in (1, 6):
        for i in range(extra):
            campaigns.campaign_create(
                organisation=org, actor=manager, course=course, title=f"追加 {extra}-{i}",
                scope=Campaign.Scope.DEPARTMENTS, departments=[sales],
                due_date=timezone.localdate() + dt.timedelta(days=3),
            )  # fmt: skip
        with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("training:overview"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    rows = {c.pk: rate for c, rate in page.context["rows"]}
    expected = training_queries.rates_by_department(
        campaign.assignments.select_related("user", "department")
    )[-1][1]
    assert rows[campaign.pk] == expected
