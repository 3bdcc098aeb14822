"""Checklists, 運用の確認 and the review pack draw on the ledger's rows and risks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mamori.audits import operation, review
from mamori.audits import programme as svc
from mamori.ledger import services as ledger
from mamori.ledger.models import LedgerEntry
from mamori.testing.audits import seed_company

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 4, 1)


def row(company, department, **fields):
    base = {
        "process": "受注・出荷",
        "name": "顧客台帳",
        "items": ["氏名", "住所"],
        "purpose": "商品の発送のため",
        "retained": True,
    }
    return ledger.entry_create(
        organisation=company.org, actor=company.manager, department=department, **{**base, **fields}
    )


@pytest.fixture
def company():
    c = seed_company()
    sales = c.departments[0]
    kept = row(
        c,
        sales,
        name="顧客台帳",
        entrusted=True,
        contractors=["配送株式会社（デモ）"],
        foreign_country="米国",
    )
    LedgerEntry.objects.filter(pk=kept.pk).update(last_reviewed=TODAY - dt.timedelta(days=400))
    recent = row(c, sales, name="問合せ記録")
    LedgerEntry.objects.filter(pk=recent.pk).update(last_reviewed=TODAY - dt.timedelta(days=30))
    row(c, c.departments[1], name="採用応募者名簿")
    ledger.risk_save(
        entry=kept,
        actor=c.manager,
        phase="transfer",
        media="electronic",
        threat="誤送信",
        likelihood=3,
        impact=3,
        due_on=TODAY - dt.timedelta(days=10),
        treatment="reduce",
    )
    ledger.risk_save(
        entry=kept, actor=c.manager, phase="store", media="paper", threat="紛失", likelihood=1, impact=2
    )
    return c


def test_the_checklist_asks_about_every_row_the_overdue_review_the_contractor_and_the_due_treatment(company):
    programme = svc.programme_create(
        organisation=company.org, fiscal_year=2026, audit_lead=company.lead, actor=company.lead
    )
    svc.programme_generate(programme=programme, actor=company.lead, first_on=TODAY)
    audit = programme.audits.get(department=company.departments[0])
    svc.checklist_build(audit=audit, actor=company.lead)
    operation_items = list(audit.items.filter(kind="operation").values_list("requirement", "question"))
    numbers = dict(LedgerEntry.objects.values_list("name", "number"))
    assert (
        "J.3.1.1",
        f"台帳 {numbers['顧客台帳']}「顧客台帳」の保管・アクセス・廃棄が台帳の記載どおりか（現物を確認）",
    ) in operation_items
    assert any(q.startswith(f"台帳 {numbers['問合せ記録']}") for _r, q in operation_items)
    assert [r for r, q in operation_items if "見直しが期限切れ" in q] == ["J.3.1.1"]  # only the old row
    assert [r for r, q in operation_items if "委託先" in q] == ["J.9.4"]
    assert [r for r, q in operation_items if "リスク対応" in q] == ["J.3.1.4"]  # the due one, not the other
    assert not any("採用応募者名簿" in q for _r, q in operation_items)  # another department's row


def test_operation_checks_and_the_review_count_the_ledger(company):
    template = operation.template_create(
        organisation=company.org, department=company.departments[0], actor=company.manager, first_period=TODAY
    )
    operation.runs_schedule(TODAY)
    run = template.runs.get()
    assert "個人情報管理台帳の見直し期限切れ 1 件を見直した" in run.items
    assert "期限の来たリスク対応 1 件を実施した" in run.items
    pack = review.review_create(
        organisation=company.org,
        period_start=TODAY,
        period_end=timezone.localdate(),
        actor=company.manager,
    )
    business = dict(pack.inputs.get(code="business_changes").figures)
    assert business == {
        "台帳の行（現在）": 3,
        "期間中に追加された行": 3,
        "委託している行": 1,
        "委託先（件）": 1,
        "外国にある第三者への提供先の国": "米国",
    }
    risks = dict(pack.inputs.get(code="risks").figures)
    assert risks["リスク（件）"] == 2 and risks["高リスク（6以上）"] == 1
    assert (
        risks["対応期限を過ぎたリスク対応"] == 1 and risks["見直し期限切れの行"] == 2
    )  # the old one and the never reviewed
