"""The cast of every test: a manager, employees of one organisation, and an outsider from another."""

from __future__ import annotations

import datetime as dt

import pytest

from mamori.accounts.models import Role
from mamori.rulebook import services as rulebook_services
from mamori.testing import factories


@pytest.fixture
def org(db):
    return factories.make_organisation()


@pytest.fixture
def sales(org):
    return factories.make_department(org, "営業部")


@pytest.fixture
def admin_dept(org):
    return factories.make_department(org, "総務部")


@pytest.fixture
def manager(org, admin_dept):
    return factories.make_user(org, Role.MANAGER, admin_dept, username="manager")


@pytest.fixture
def employee(org, sales):
    return factories.make_user(org, Role.EMPLOYEE, sales, username="employee")


@pytest.fixture
def colleague(org, sales):
    return factories.make_user(org, Role.EMPLOYEE, sales, username="colleague")


@pytest.fixture
def depmgr(org, sales):
    return factories.make_user(org, Role.DEPARTMENT_MANAGER, sales, username="depmgr")


@pytest.fixture
def auditor(org):
    return factories.make_user(org, Role.AUDITOR, username="auditor")


@pytest.fixture
def outsider(db):
    other = factories.make_organisation("他社株式会社")
    return factories.make_user(other, Role.MANAGER, username="outsider")


@pytest.fixture
def incident(employee):
    return factories.make_incident(employee)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True, scope="session")
def _flush_may_empty_the_audit_log():
    """Let the test runner's flush between transactional tests empty the append-only audit tables."""
    from django.core.management.commands import flush

    from mamori.core.auditguard import audit_purge

    original = flush.Command.handle

    def handle(self, **options):
        with audit_purge(options.get("database", "default")):
            return original(self, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords cheaply; the real hasher costs a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start each test with an empty cache: keys made of row ids and frozen times repeat across tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def rules_doc(org, manager):
    doc = rulebook_services.rules_document_create(
        organisation=org, actor=manager, title="個人情報保護規程", code="R-01"
    )
    rulebook_services.rules_version_add(
        document=doc, actor=manager, version="2.0", body="# 目的\n\n<script>x()</script>本規程は…",
        approved_by=manager, approved_on=dt.date(2025, 3, 1), in_force_from=dt.date(2025, 4, 1),
    )  # fmt: skip
    return doc
