"""Pages of the audit cycle: who may see and change what; outsiders get 404 everywhere."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from mamori.accounts.models import Role
from mamori.audits import operation, review
from mamori.audits import programme as svc
from mamori.audits.models import Audit, AuditProgramme
from mamori.testing import factories
from mamori.testing.audits import seed_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def company():
    return seed_company()


@pytest.fixture
def planned(company):
    programme = svc.programme_create(
        organisation=company.org, fiscal_year=2026, audit_lead=company.lead, actor=company.lead
    )
    svc.programme_generate(programme=programme, actor=company.lead)
    return programme


@pytest.fixture
def outsider(db):
    other = factories.make_organisation("他社株式会社")
    return factories.make_user(other, Role.MANAGER, username="outsider-audits")


def test_outsiders_get_404_on_every_page(client, planned, company, outsider):
    audit = planned.audits.first()
    svc.checklist_build(audit=audit, actor=company.lead)
    pack = review.review_create(
        organisation=company.org,
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2026, 3, 31),
        actor=company.manager,
    )
    template = operation.template_create(
        organisation=company.org,
        department=company.departments[0],
        actor=company.manager,
        first_period=dt.date(2026, 4, 1),
    )
    operation.runs_schedule(dt.date(2026, 4, 2))
    run = template.runs.get()
    client.force_login(outsider)
    urls = [
        reverse("audits:programme", args=[planned.pk]),
        reverse("audits:programme_export", args=[planned.pk, "plan", "docx"]),
        reverse("audits:audit", args=[audit.pk]),
        reverse("audits:checklist_export", args=[audit.pk, "xlsx"]),
        reverse("audits:mreview", args=[pack.pk]),
        reverse("audits:mreview_export", args=[pack.pk, "xlsx"]),
        reverse("audits:operation_run", args=[run.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("audits:item_answer", args=[audit.items.first().pk]), {"answer": "yes"}
        ).status_code
        == 404
    )
    assert client.post(reverse("audits:programme_approve", args=[planned.pk])).status_code == 404
    listing = client.get(reverse("audits:programmes")).content.decode()
    assert reverse("audits:programme", args=[planned.pk]) not in listing


def test_an_employee_cannot_open_the_programme_or_another_departments_audit(client, planned, company):
    employee = company.staff[0]
    client.force_login(employee)
    assert client.get(reverse("audits:programme", args=[planned.pk])).status_code == 403
    other = planned.audits.exclude(department=employee.department).exclude(auditor=employee).first()
    assert client.get(reverse("audits:audit", args=[other.pk])).status_code == 404


def test_only_the_assigned_auditor_answers_and_uploads_evidence(client, planned, company):
    audit = planned.audits.get(department=company.departments[0])
    svc.checklist_build(audit=audit, actor=company.lead)
    item = audit.items.first()
    client.force_login(company.department_managers[0])  # the auditee sees the audit but cannot answer
    assert client.post(reverse("audits:item_answer", args=[item.pk]), {"answer": "no"}).status_code == 403
    client.force_login(audit.auditor)
    photo = SimpleUploadedFile("clean-desk.jpg", b"\xff\xd8\xff\xe0 fake jpeg", content_type="image/jpeg")
    client.post(
        reverse("audits:item_answer", args=[item.pk]),
        {"answer": "partly", "comment": "一部の机に書類", "evidence": photo},
    )
    item.refresh_from_db()
    assert (
        item.answer == "partly" and item.comment == "一部の机に書類" and item.evidence.name.endswith(".jpg")
    )


def test_the_self_audit_is_refused_on_the_page(client, planned, company):
    client.force_login(company.lead)
    response = client.post(
        reverse("audits:programme", args=[planned.pk]),
        {"department": company.departments[2].pk, "planned_on": "2026-09-01", "auditor": company.lead.pk},
    )
    assert "自己監査" in response.content.decode()
    assert not Audit.objects.filter(planned_on=dt.date(2026, 9, 1)).exists()


def test_only_top_management_approves_the_plan(client, planned, company):
    client.force_login(company.lead)
    client.post(reverse("audits:programme_approve", args=[planned.pk]))
    assert AuditProgramme.objects.get().approved_on is None
    client.force_login(company.executive)
    client.post(reverse("audits:programme_approve", args=[planned.pk]))
    assert AuditProgramme.objects.get().approved_on is not None


def test_the_plan_exports_open_with_their_japanese(client, planned, company):
    client.force_login(company.lead)
    response = client.get(reverse("audits:programme_export", args=[planned.pk, "plan", "xlsx"]))
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_name("監査日程").to_python()
    assert rows[0] == ["監査対象", "予定日", "監査員", "実施日"]
    assert {r[0] for r in rows[1:]} == {*(d.name for d in company.departments), "PMS事務局"}
    docx = client.get(reverse("audits:programme_export", args=[planned.pk, "plan", "docx"]))
    assert docx["Content-Type"].endswith("wordprocessingml.document")


def test_a_not_applicable_decision_without_reason_is_refused_on_the_page(client, company):
    pack = review.review_create(
        organisation=company.org,
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2026, 3, 31),
        actor=company.manager,
    )
    item = pack.inputs.first()
    client.force_login(company.executive)
    response = client.post(
        reverse("audits:mreview", args=[pack.pk]), {"input": item.pk, "not_applicable": "1"}, follow=True
    )
    assert "理由" in response.content.decode()
    item.refresh_from_db()
    assert not item.decided


def test_the_manager_sees_the_yearly_summary_and_the_department_manager_only_their_checks(client, company):
    from django.utils import timezone

    today = timezone.localdate()
    start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    for dept in company.departments[:2]:
        operation.template_create(
            organisation=company.org, department=dept, actor=company.manager, first_period=start
        )
    operation.runs_schedule(today)
    client.force_login(company.manager)
    page = client.get(reverse("audits:operation_runs")).content.decode()
    assert 'id="operation-summary"' in page and company.departments[1].name in page
    client.force_login(company.department_managers[0])
    page = client.get(reverse("audits:operation_runs")).content.decode()
    assert 'id="operation-summary"' not in page
    own = operation.OperationRun.objects.filter(assignee=company.department_managers[0])
    others = operation.OperationRun.objects.exclude(assignee=company.department_managers[0])
    assert all(reverse("audits:operation_run", args=[r.pk]) in page for r in own)
    assert not any(reverse("audits:operation_run", args=[r.pk]) in page for r in others)
