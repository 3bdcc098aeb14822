"""A manager compares the organisation's incidents with the national figures and exports them to Excel."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from mamori.accounts.models import Role
from mamori.core.models import AuditLogEntry
from mamori.incidents import services
from mamori.stats.rules import fiscal_year
from mamori.testing import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def noon(days_ago: int) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def seed() -> None:
    org = factories.make_organisation("みほん商事")
    sales = factories.make_department(org, "営業部")
    employee = factories.make_user(org, Role.EMPLOYEE, sales, username="sakura")
    manager = factories.make_user(org, Role.MANAGER, username="hogo")
    coding = [
        ("missent", "electronic", "insufficient_check"),
        ("missent", "electronic", "operation_error"),
        ("missent", "electronic", "insufficient_check"),
        ("misdelivery", "paper", "rule_violation"),
        ("loss", "paper", "operation_error"),
    ]
    for i, (event_class, medium, cause) in enumerate(coding):
        incident = factories.make_incident(
            employee, event_class=event_class, medium=medium, discovered_at=noon(i + 1)
        )
        fields = {name: getattr(incident, name) for name in services.TRIAGE_FIELDS}
        services.incident_triage(incident=incident, actor=manager, **{**fields, "cause": cause})
    factories.make_incident(employee, event_class="missent", is_near_miss=True, discovered_at=noon(2))
    other = factories.make_organisation("他社株式会社")
    factories.make_incident(factories.make_user(other, Role.EMPLOYEE), event_class="theft")


def test_manager_compares_with_the_national_figures_and_exports(live_server, page, shot):
    seed()
    base = live_server.url
    violations: list[str] = []
    page.on(
        "console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )

    log_in(page, base, "hogo")
    page.click("a[href='/stats/']")
    page.wait_for_selector("#dim-event_class svg")
    assert page.inner_text("#accidents") == "5" and page.inner_text("#near-misses") == "1"
    table = page.inner_text("#dim-event_class table")
    assert "誤送信" in table and "60.0" in table
    assert page.locator("#dim-event_class svg rect.bar.ours").count() >= 3
    # No national share of today's grouping could be checked against JIPDEC's own publication: none is
    # drawn, and the page says which years have no national figure.
    widths = page.eval_on_selector_all(
        "#dim-event_class svg rect.bar.national", "els => els.map(e => parseFloat(e.getAttribute('width')))"
    )
    assert len(widths) >= 3 and set(widths) == {0}
    caption = page.inner_text("#dim-event_class figcaption")
    assert "この区分の全国の割合はJIPDEC自身の公表資料にありません。" in caption
    assert page.inner_text("#missing-years").startswith(
        "2015年度、2019年度、2022〜2024年度は全国の数値がありません"
    )
    long_run = page.inner_text("#long-run table")
    assert "2021年度" in long_run and "≥37.0" in long_run and "2022年度" not in long_run
    shot(page, "stats-01-page")

    fy = fiscal_year(timezone.now())
    page.select_option("select[name=fy]", str(fy))
    page.click("#fy-form button[type=submit]")
    page.wait_for_url(f"**/stats/?fy={fy}")
    with page.expect_download() as info:
        page.click("#export")
    download = info.value
    assert download.suggested_filename == f"mamori-incidents-FY{fy}.xlsx"
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    register = book.worksheets[0]
    assert register.max_row == 1 + 6  # five accidents and one near miss; not the other company's theft
    assert "件名" not in [c.value for c in register[1]]  # no titles unless asked for
    # Print setup an auditor expects: A4 landscape, fit to width, header row repeated, title and date.
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), sheet.title
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0  # 1 wide (OOXML's default, left out)
        assert (
            sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows.replace("$", "") == "1:1"
        )
        assert sheet.oddHeader.left.text and re.match(
            r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", sheet.oddHeader.right.text
        )

    # The manager may take the titles out for the audit; the page says it is recorded, and it is.
    page.check("#export-titles")
    shot(page, "stats-03-export-with-titles")
    with page.expect_download() as info:
        page.click("#export")
    titled = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))  # noqa: SIM115
    assert "件名" in [c.value for c in titled.worksheets[0][1]]
    entry = AuditLogEntry.objects.filter(action="stats.export.created").latest("created_at")
    assert entry.data["titles"] is True and entry.actor_name == "hogo"
    assert violations == []

    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "stats-02-phone")


def test_employee_has_no_statistics_link_and_is_refused(live_server, page):
    seed()
    base = live_server.url
    log_in(page, base, "sakura")
    assert page.locator("a[href='/stats/']").count() == 0
    response = page.goto(f"{base}/stats/")
    assert response is not None and response.status == 403
