"""Small factories for tests: fictional organisations, users and incidents."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from mamori.accounts.models import Role, User
from mamori.core.models import Department, Organisation
from mamori.incidents import services
from mamori.incidents.models import Incident

PASSWORD = "test-pass-2026!"  # noqa: S105 - test fixture
_seq = itertools.count(1)


def make_organisation(name: str = "テスト株式会社") -> Organisation:
    """Create an organisation with a unique slug."""
    return Organisation.objects.create(name=name, slug=f"org{next(_seq)}")


def make_department(organisation: Organisation, name: str = "営業部") -> Department:
    """Create (or return) a department."""
    return Department.objects.get_or_create(organisation=organisation, name=name)[0]


def make_user(
    organisation: Organisation | None,
    role: str = Role.EMPLOYEE,
    department: Department | None = None,
    username: str | None = None,
) -> User:
    """Create a user with the test password."""
    name = username or f"user{next(_seq)}"
    user = User(
        username=name,
        email=f"{name}@example.com",
        organisation=organisation,
        role=role,
        department=department,
        display_name=name,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def make_incident(reporter: User, **overrides: Any) -> Incident:
    """Report an incident through the service, with plausible defaults."""
    fields: dict[str, Any] = {
        "title": "メール誤送信",
        "description": "取引先宛ての見積書を別の取引先に送信した。",
        "discovered_at": timezone.now() - dt.timedelta(hours=1),
        "discovered_by": "self",
        "event_class": "missent",
        "data_categories": ["name", "email"],
        "persons": 1,
        "medium": "electronic",
    }
    fields.update(overrides)
    return services.incident_create(reporter=reporter, **fields)
