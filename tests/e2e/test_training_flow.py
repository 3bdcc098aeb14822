"""The manager starts a campaign for a department; an employee fails the test once, passes, gets the
certificate; the manager sees the completion rate change and exports the records for the auditor."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.utils import timezone
from django.utils.translation import gettext
from python_calamine import CalamineWorkbook

from mamori.accounts.models import Role
from mamori.testing import factories
from mamori.training.models import Attempt, Campaign, Choice
from mamori.training.services import courses
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.click("header form button")
    page.wait_for_url("**/accounts/login/")


def answer(page, attempt: Attempt, *, right: bool) -> None:
    for qid in attempt.question_ids:
        choices = Choice.objects.filter(question_id=qid, is_correct=right)
        for choice in choices if right else choices[:1]:
            page.check(f"input[name=q{qid}][value='{choice.pk}']")


def test_campaign_fail_pass_certificate_and_records(live_server, page, shot):
    org = factories.make_organisation("みほん商事")
    sales = factories.make_department(org, "営業部")
    sakura = factories.make_user(org, Role.EMPLOYEE, sales, username="sakura")
    sakura.display_name = "佐藤 さくら"
    sakura.save()
    factories.make_user(org, Role.EMPLOYEE, sales, username="taro")
    factories.make_user(org, Role.MANAGER, username="hogo")
    course, _ = courses.course_install_builtin(organisation=org, key="privacy-basics")
    base = live_server.url

    # The manager starts a campaign for the sales department.
    log_in(page, base, "hogo")
    page.goto(f"{base}/training/manage/")
    page.click("#new-campaign")
    page.fill("input[name=title]", "2026年度 営業部 個人情報保護教育")
    page.select_option("select[name=course]", str(course.pk))
    page.select_option("select[name=scope]", "departments")
    page.check(f"input[name=departments][value='{sales.pk}']")
    page.fill("input[name=due_date]", (timezone.localdate() + dt.timedelta(days=14)).isoformat())
    shot(page, "training-01-campaign-form")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#rates")
    campaign = Campaign.objects.get()
    assert "0%" in page.inner_text("#rates tr.total")
    shot(page, "training-02-campaign-started")
    log_out(page)

    # The employee reads the course.
    log_in(page, base, "sakura")
    page.click("nav.mainnav a[href='/training/']")
    page.wait_for_selector("#my-assignments")
    assert "未受験" in page.inner_text("#my-assignments")  # not 未合格 before the test is taken
    shot(page, "training-03-my-training")
    page.click(f"#my-assignments a[href='/training/a/{campaign.assignments.get(user=sakura).pk}/']")
    page.click("ol.lessons li:first-child a")
    assert "3,048件" in page.inner_text("main")
    shot(page, "training-04-lesson-figures")
    while page.locator("#next-lesson").count():
        page.click("#next-lesson")
    page.wait_for_selector("#our-company")
    assert "hogo" in page.inner_text("#our-company")
    shot(page, "training-05-our-company")
    page.click("#to-test")

    # First attempt: every answer wrong.
    page.click("#start-test")
    page.wait_for_selector("#test-form")
    first = Attempt.objects.get(assignment__user=sakura)
    answer(page, first, right=False)
    shot(page, "training-06-test")
    page.click("#test-form button[type=submit]")
    page.wait_for_selector("#result")
    assert "reportable" in (page.get_attribute("#result", "class") or "")
    shot(page, "training-07-failed")

    # Second attempt: every answer right; the certificate is downloaded.
    page.click("#retry")
    page.wait_for_selector("#test-form")
    second = Attempt.objects.get(assignment__user=sakura, number=2)
    answer(page, second, right=True)
    page.click("#test-form button[type=submit]")
    page.wait_for_selector("#certificate")
    shot(page, "training-08-passed")
    with page.expect_download() as info:
        page.click("#certificate")
    pdf_path = ARTIFACTS / "training-certificate.pdf"
    info.value.save_as(pdf_path)
    text = subprocess.run(
        ["pdftotext", str(pdf_path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "佐藤 さくら" in text and course.title in text
    page.click("nav.mainnav a[href='/training/']")
    assert gettext("#%(n)s: %(p)s%%") % {"n": 2, "p": 100} in page.inner_text("#my-assignments")
    shot(page, "training-09-my-training-passed")
    log_out(page)

    # The manager sees the rate change and exports the records.
    log_in(page, base, "hogo")
    page.goto(f"{base}/training/manage/campaigns/{campaign.pk}/")
    assert "50%" in page.inner_text("#rates tr.total")
    shot(page, "training-10-campaign-after")
    with page.expect_download() as info:
        page.click("#export")
    xlsx_path = ARTIFACTS / "training-records.xlsx"
    info.value.save_as(xlsx_path)
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx_path.read_bytes()))
    rows = book.get_sheet_by_index(0).to_python()
    sakura_row = next(r for r in rows[1:] if r[4] == "sakura")
    assert sakura_row[3] == "佐藤 さくら" and sakura_row[2] == "営業部" and sakura_row[7] == 2
    attempts = book.get_sheet_by_index(1).to_python()[1:]
    assert [(r[3], r[5]) for r in attempts] == [(1, 0), (2, 100)]
