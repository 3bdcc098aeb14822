"""Load the fictional demo organisation, its users and a dozen incidents (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from mamori.accounts.models import Role, User
from mamori.core import inbox
from mamori.core import services as core_services
from mamori.core.models import Department, Organisation
from mamori.incidents import services
from mamori.incidents.models import Incident
from mamori.portal import demo_activity, demo_audits, demo_ledger, demo_scans
from mamori.portal.demo_data import DEMO_INCIDENTS, DEMO_PASSWORD, DEMO_USERS
from mamori.response import services as response_services
from mamori.response.models import ChainRole, ChainStep
from mamori.training.models import Campaign, Course
from mamori.training.services import campaigns as training_campaigns


class Command(BaseCommand):
    help = (
        "Load demo data (a fictional organisation, one user per role, a dozen incidents, audits, a "
        "management review and two machines' scan results); safe to re-run."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # Demo incidents would mail the emergency chain: keep those mails in memory, never on the wire
        # (in the trial inbox when that is where mail goes, so that a newcomer sees them arrive).
        backend = settings.EMAIL_BACKEND if inbox.is_on() else "django.core.mail.backends.locmem.EmailBackend"
        with (
            override_settings(EMAIL_BACKEND=backend),
            transaction.atomic(),
        ):
            org = self._organisation()
            users = self._users(org)
            self._chain(org, users)
            created = self._incidents(users)
            call_command("training", "install-builtin", "--organisation", org.slug, stdout=self.stdout)
            self._campaign(org, users)
            demo_ledger.load(org, users)  # before the audits, whose programme covers every department
            demo_audits.load(org, users)
            demo_activity.load(org, users)
            demo_scans.load(org)  # スキャン結果: two machines' scans, found by the real scanner
        self.stdout.write(self.style.SUCCESS(f"demo data ready: {len(users)} users, {created} new incidents"))
        self.stdout.write(f"logins (password: {DEMO_PASSWORD}): {', '.join(sorted(users))}")

    def _organisation(self) -> Organisation:
        org = Organisation.objects.filter(slug="demo").first()
        if org is None:
            org = core_services.organisation_create(
                name="株式会社みほん商事（デモ）",
                slug="demo",
                pmark_body="一般財団法人日本情報経済社会推進協会（JIPDEC）",
                inquiry_desk="お客様相談室 0120-000-000（デモ） privacy@example.com",
            )
        if not org.address:  # the reporter block of the PPC form and the sender of letters (fictional)
            org.address = "東京都千代田区みほん町1-2-3（デモ）"
            org.representative = "代表取締役 代表 守"
            org.corporate_number = "1234567890123"
            org.industry = "卸売業"
            org.contact_person = "個人情報保護管理者 保護 太郎"
            org.contact_phone = "03-0000-0000"
            org.contact_email = "privacy@example.com"
            org.inquiry_hours = "平日 9:00〜17:00（土日祝日・年末年始を除く）"
            org.pmark_registration_number = "第00000000(01)号（デモ）"
            org.save()
        return org

    def _chain(self, org: Organisation, users: dict[str, User]) -> None:
        """Define a three-step emergency chain unless the organisation has one."""
        if ChainStep.objects.filter(organisation=org).exists():
            return
        manager = users["manager"]
        steps = [
            {"order": 1, "role": ChainRole.MANAGER, "user": manager, "fallback_user": users["auditor"]},
            {"order": 2, "role": ChainRole.EXECUTIVE, "user": users["executive"]},
            {"order": 3, "role": ChainRole.COUNSEL, "email": "counsel@example.com"},
        ]
        for step in steps:
            response_services.chain_step_create(organisation=org, actor=manager, **step)

    def _campaign(self, org: Organisation, users: dict[str, User]) -> None:
        """Assign the built-in course to everyone unless a campaign exists."""
        course = Course.objects.filter(organisation=org).exclude(builtin_key="").first()
        if course is None or Campaign.objects.filter(organisation=org).exists():
            return
        training_campaigns.campaign_create(
            organisation=org,
            actor=users["manager"],
            course=course,
            title="年次 個人情報保護教育（デモ）",
            scope=Campaign.Scope.EVERYONE,
            due_date=timezone.localdate() + dt.timedelta(days=30),
        )

    def _users(self, org: Organisation) -> dict[str, User]:
        users: dict[str, User] = {}
        for username, display, role, dept_name in DEMO_USERS:
            dept = None
            if dept_name:
                dept = Department.objects.filter(organisation=org, name=dept_name).first()
                if dept is None:
                    dept = core_services.department_create(organisation=org, name=dept_name)
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=f"{username}@example.com")
                user.set_password(DEMO_PASSWORD)
            user.display_name, user.role, user.organisation, user.department = display, Role(role), org, dept
            user.save()
            users[username] = user
        return users

    def _incidents(self, users: dict[str, User]) -> int:
        created = 0
        now = timezone.now()
        for item in DEMO_INCIDENTS:
            reporter = users[item["reporter"]]
            if Incident.objects.filter(organisation=reporter.organisation, title=item["title"]).exists():
                continue
            discovered = now - dt.timedelta(days=item["days_ago"], hours=2)
            incident = services.incident_create(
                reporter=reporter,
                title=item["title"],
                description=item["description"],
                discovered_at=discovered,
                occurred_at=discovered - dt.timedelta(hours=item.get("hours_before", 3)),
                discovered_by=item["discovered_by"],
                event_class=item["event_class"],
                data_categories=item["categories"],
                persons=item.get("persons"),
                persons_is_upper_bound=item.get("upper_bound", False),
                medium=item.get("medium", "electronic"),
                advanced_encryption=item.get("encrypted"),
                is_near_miss=item.get("near_miss", False),
            )
            if "triage" in item:
                services.incident_triage(incident=incident, actor=users["manager"], **item["triage"])
            for status in item.get("statuses", []):
                services.incident_set_status(incident=incident, actor=users["manager"], status=status)
            created += 1
        return created
