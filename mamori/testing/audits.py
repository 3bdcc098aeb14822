"""A fictional company for the check-and-act tests and the demo: 5 departments on 2 sites."""

from __future__ import annotations

from dataclasses import dataclass

from mamori.accounts.models import Role, User
from mamori.core.models import Department, Organisation
from mamori.testing import factories

DEPARTMENTS = ("東京本社 営業部", "東京本社 開発部", "東京本社 総務部", "大阪支店 営業部", "大阪支店 業務部")


@dataclass
class Company:
    org: Organisation
    departments: list[Department]
    manager: User
    lead: User
    executive: User
    department_managers: list[User]
    staff: list[User]


def seed_company(name: str = "みほん工業株式会社") -> Company:
    """Create the company: a manager, an audit lead in 総務部, top management, a manager and two staff per department."""
    org = factories.make_organisation(name)
    departments = [factories.make_department(org, n) for n in DEPARTMENTS]
    manager = factories.make_user(org, Role.MANAGER, username=f"{org.slug}-hogo")
    lead = factories.make_user(org, Role.AUDITOR, departments[2], username=f"{org.slug}-kansa")
    executive = factories.make_user(org, Role.EXECUTIVE, username=f"{org.slug}-daihyo")
    heads, staff = [], []
    for i, dept in enumerate(departments):
        heads.append(factories.make_user(org, Role.DEPARTMENT_MANAGER, dept, username=f"{org.slug}-bucho{i}"))
        for j in range(2):
            staff.append(factories.make_user(org, Role.EMPLOYEE, dept, username=f"{org.slug}-staff{i}{j}"))
    return Company(org, departments, manager, lead, executive, heads, staff)
