"""Writes of the internal rules: versions in force, acknowledgements once, approval before force."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mamori.core.models import AuditLogEntry
from mamori.rulebook import queries, services

pytestmark = pytest.mark.django_db


def test_rules_version_in_force_and_acknowledgement(org, manager, employee):
    doc = services.rules_document_create(
        organisation=org, actor=manager, title="個人情報保護規程", code="R-01"
    )
    v1 = services.rules_version_add(
        document=doc,
        actor=manager,
        version="1.0",
        body="# 目的",
        approved_by=manager,
        approved_on=dt.date(2024, 3, 1),
        in_force_from=dt.date(2024, 4, 1),
    )
    later = timezone.localdate() + dt.timedelta(days=30)
    services.rules_version_add(
        document=doc,
        actor=manager,
        version="2.0",
        body="# 改訂",
        approved_by=manager,
        approved_on=later,
        in_force_from=later,
    )
    assert queries.version_in_force(doc) == v1
    assert list(queries.unacknowledged_for_user(employee)) == [(doc, v1)]
    services.rules_acknowledge(version=v1, user=employee)
    services.rules_acknowledge(version=v1, user=employee)
    assert queries.unacknowledged_for_user(employee) == []
    assert employee not in queries.not_acknowledged(v1) and manager in queries.not_acknowledged(v1)
    assert AuditLogEntry.objects.filter(action="training.rules.acknowledged").count() == 1


def test_rules_version_cannot_repeat_or_be_in_force_before_approval(org, manager):
    doc = services.rules_document_create(organisation=org, actor=manager, title="規程")
    kw = {"document": doc, "actor": manager, "body": "x", "approved_by": manager}
    services.rules_version_add(
        version="1", approved_on=dt.date(2026, 1, 1), in_force_from=dt.date(2026, 1, 1), **kw
    )
    with pytest.raises(ValidationError):
        services.rules_version_add(
            version="1", approved_on=dt.date(2026, 2, 1), in_force_from=dt.date(2026, 2, 1), **kw
        )
    with pytest.raises(ValidationError):
        services.rules_version_add(
            version="2", approved_on=dt.date(2026, 2, 1), in_force_from=dt.date(2026, 1, 1), **kw
        )
    assert doc.versions.count() == 1
