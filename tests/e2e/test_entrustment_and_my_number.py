"""A processor's incident from intake to the notice to the entrusting business, and a My Number incident
whose 速報 heads the manager's dashboard (APPI Art. 26(1) proviso, Rules Art. 9; My Number Act Art. 29-4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.incidents import services as incident_services
from mamori.incidents.models import Incident
from mamori.reports.models import FiledReport
from mamori.testing import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SETTLED = {
    "special_care": False,
    "property_damage_risk": False,
    "unauthorized_purpose": False,
    "advanced_encryption": False,
    "recovered_before_viewed": False,
    "my_number": False,
}


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_a_processor_reports_and_files_the_notice_to_the_entrusting_business(live_server, page, shot):
    org = factories.make_organisation("みほん計算センター")
    payroll = factories.make_department(org, "給与計算部")
    factories.make_user(org, Role.EMPLOYEE, payroll, username="sakura")
    factories.make_user(org, Role.MANAGER, username="hogo")
    base = live_server.url

    log_in(page, base, "sakura")
    page.click("a[href='/incidents/report/']")
    page.select_option("select[name=event_class]", "missent")
    page.fill("input[name=title]", "受託した給与明細を別の委託元へ誤送信")
    page.fill(
        "textarea[name=description]", "A社の従業員1,200名分の給与明細PDFを、別の委託元B社の担当者へ送信した。"
    )
    page.select_option("select[name=discovered_by]", "recipient")
    page.check("input[name=data_categories][value=name]")
    page.check("input[name=data_categories][value=employment]")
    page.fill("input[name=persons]", "1200")
    page.select_option("select[name=advanced_encryption]", "false")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#appi-verdict")
    incident = Incident.objects.get()
    page.click("header form button")
    page.wait_for_url("**/accounts/login/")

    log_in(page, base, "hogo")
    page.goto(f"{base}/incidents/{incident.pk}/triage/")
    page.select_option("select[name=role]", "processor")
    page.fill("input[name=contractor]", "株式会社みほん人材")
    for name in (
        "special_care",
        "property_damage_risk",
        "unauthorized_purpose",
        "recovered_before_viewed",
        "my_number",
    ):
        page.select_option(f"select[name={name}]", "false")
    shot(page, "entrustment-01-triage-processor")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#appi-verdict.notify_controller")
    assert "委託元" in page.inner_text("#controller-notice-duty")
    notice_row = page.locator("#deadlines tr[data-kind='appi.controller_notice']")
    assert "目安" in notice_row.inner_text()
    assert page.locator("#deadlines tr[data-kind='appi.final_report']").count() == 0
    shot(page, "entrustment-02-incident-notify-controller")

    page.click("#reports-link a")
    page.wait_for_selector("#drafts")
    page.click(f"a[href='/incidents/{incident.pk}/reports/controller_notice/final/']")
    page.wait_for_selector("#item-summary")
    assert "株式会社みほん人材　御中" in page.input_value("#body-whole")
    shot(page, "entrustment-03-controller-notice-draft")
    page.select_option("#file-form select[name=channel]", "email")
    page.click("#file-form button[type=submit]")
    page.wait_for_selector("#filed")
    shot(page, "entrustment-04-filed")

    filed = FiledReport.objects.get(incident=incident)
    assert (filed.kind, filed.stage) == ("controller_notice", "final")
    incident.refresh_from_db()
    assert incident.entrustor_notified_at is not None
    assert incident.appi_status == "notify_controller"
    page.goto(f"{base}/incidents/{incident.pk}/")
    assert page.locator("#controller-notified").is_visible()
    assert page.locator("#deadlines tr[data-kind='appi.controller_notice']").count() == 0
    shot(page, "entrustment-05-incident-notified")


def test_a_my_number_incidents_preliminary_report_heads_the_dashboard(live_server, page, shot):
    org = factories.make_organisation("みほん商事")
    employee = factories.make_user(org, Role.EMPLOYEE, factories.make_department(org), username="sakura")
    manager = factories.make_user(org, Role.MANAGER, username="hogo")
    now = timezone.now()
    # An earlier incident reported to the PPC last week, and a small one today: their next dates are 確報s.
    older = factories.make_incident(
        employee,
        persons=1500,
        title="メールマガジンを宛先(To)で一斉送信",
        discovered_at=now - dt.timedelta(days=6),
    )
    incident_services.incident_triage(incident=older, actor=manager, **SETTLED)
    small = factories.make_incident(employee, persons=2, title="FAXを別の代理店へ誤送信")
    incident_services.incident_triage(incident=small, actor=manager, **SETTLED)
    # Today: 130 employees' My Numbers mailed to the wrong business (APPI: no ground; My Number Act: yes).
    my_number = factories.make_incident(
        employee,
        persons=130,
        title="マイナンバーを含む扶養控除申告書を社外へ誤送信",
        data_categories=["name", "my_number"],
    )
    my_number = incident_services.incident_triage(
        incident=my_number, actor=manager, **{**SETTLED, "my_number": True, "my_number_persons": 130}
    )
    assert my_number.appi_status == "not_reportable"
    older.refresh_from_db()
    assert older.preliminary_target < my_number.next_deadline  # the older one is overdue without a filing
    from mamori.reports import services as report_services

    report_services.report_file(
        incident=older, actor=manager, kind="ppc", stage="preliminary", filed_at=now, channel="web_form"
    )
    report_services.report_file(
        incident=older, actor=manager, kind="pmark", stage="preliminary", filed_at=now, channel="web_form"
    )

    log_in(page, live_server.url, "hogo")
    first = page.locator("#open-incidents tbody tr").first
    assert my_number.title in first.inner_text()
    assert "マイナンバー" in first.inner_text() and "目安" in first.inner_text()
    shot(page, "my-number-01-dashboard")
    page.click(f"#open-incidents a[href='/incidents/{my_number.pk}/']")
    page.wait_for_selector("#mynumber-verdict.reportable")
    assert page.locator("#deadlines tr[data-kind='my_number.preliminary_report']").count() == 1
    shot(page, "my-number-02-incident")
