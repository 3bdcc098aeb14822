"""A seeded company's internal-audit programme: generation, independence, coverage, approval, checklist."""

from __future__ import annotations

import datetime as dt

import pytest

from mamori.accounts.models import Role
from mamori.audits import programme as svc
from mamori.audits import rules
from mamori.audits.models import Audit, ChecklistItem
from mamori.testing.audits import seed_company

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 4, 1)


@pytest.fixture
def company():
    return seed_company()


def new_programme(company):
    return svc.programme_create(
        organisation=company.org, fiscal_year=2026, audit_lead=company.lead, actor=company.lead
    )


def test_a_generated_programme_covers_every_department_and_the_secretariat_independently(company):
    programme = new_programme(company)
    audits = svc.programme_generate(programme=programme, actor=company.lead)
    assert len(audits) == 6
    assert {a.department for a in audits} == {*company.departments, None}
    for audit in audits:
        assert audit.auditor.department_id != audit.department_id
        assert audit.auditor.role not in (Role.MANAGER, Role.EXECUTIVE)
        assert audit.planned_on.weekday() < 5
    assert svc.programme_findings(programme, today=TODAY) == []


def test_a_self_audit_is_refused(company):
    programme = new_programme(company)
    sales = company.departments[0]
    own = company.department_managers[0]
    with pytest.raises(svc.AuditError, match="自己監査"):
        svc.audit_add(
            programme=programme,
            department=sales,
            planned_on=dt.date(2026, 6, 1),
            auditor=own,
            actor=company.lead,
        )
    assert not Audit.objects.exists()


def test_the_privacy_manager_cannot_lead_the_audit(company):
    with pytest.raises(svc.AuditError, match="個人情報保護管理者"):
        svc.programme_create(
            organisation=company.org, fiscal_year=2026, audit_lead=company.manager, actor=company.manager
        )


def test_the_plan_is_approved_only_by_top_management_and_only_when_it_passes(company):
    programme = new_programme(company)
    svc.audit_add(
        programme=programme,
        department=company.departments[0],
        planned_on=dt.date(2026, 6, 1),
        auditor=company.lead,
        actor=company.lead,
    )
    with pytest.raises(svc.AuditError, match="トップマネジメント"):
        svc.programme_approve(programme=programme, actor=company.lead, today=TODAY)
    with pytest.raises(svc.AuditError, match="NOT_COVERED"):
        svc.programme_approve(programme=programme, actor=company.executive, today=TODAY)
    svc.programme_generate(programme=programme, actor=company.lead)
    svc.programme_approve(programme=programme, actor=company.executive, today=TODAY)
    assert programme.approved_on == TODAY
    with pytest.raises(svc.AuditError):
        svc.audit_add(
            programme=programme,
            department=None,
            planned_on=dt.date(2026, 9, 1),
            auditor=company.lead,
            actor=company.lead,
        )


def test_last_years_audit_starts_the_twelve_month_window(company):
    last = svc.programme_create(
        organisation=company.org, fiscal_year=2025, audit_lead=company.lead, actor=company.lead
    )
    audits = svc.programme_generate(programme=last, actor=company.lead, first_on=dt.date(2025, 5, 12))
    for audit in audits:
        Audit.objects.filter(pk=audit.pk).update(conducted_on=audit.planned_on)
    programme = new_programme(company)
    svc.programme_generate(programme=programme, actor=company.lead, first_on=dt.date(2026, 7, 1))
    found = svc.programme_findings(programme, today=TODAY)
    assert {f.code for f in found} == {rules.Code.NOT_COVERED, rules.Code.SECRETARIAT_NOT_COVERED}
    assert len(found) == 6


def test_the_checklist_draws_on_the_catalogue_and_the_departments_data(company):
    programme = new_programme(company)
    from mamori.audits.operation import template_create

    template_create(
        organisation=company.org, department=company.departments[0], actor=company.manager, first_period=TODAY
    )
    svc.programme_generate(programme=programme, actor=company.lead)
    audit = programme.audits.get(department=company.departments[0])
    count = svc.checklist_build(audit=audit, actor=company.lead)
    kinds = list(audit.items.values_list("kind", flat=True))
    assert count == len(kinds) > 40
    assert kinds.count(ChecklistItem.Kind.OPERATION) == 7
    assert audit.items.filter(requirement="J.6.2").exists()
    assert svc.checklist_build(audit=audit, actor=company.lead) == 0
