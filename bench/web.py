"""Measure mamori's pages at company size on PostgreSQL and print p50/p95 and query counts per page.

Creates its own database (default ``mamori_trust_bench`` on the local PostgreSQL), migrates it and loads
one organisation with 5,000 employees in 40 departments, training campaigns for everyone, corrective
actions, mail-guard rows and the incident register in bulk: realistic shapes (five fiscal years, 40 %
near misses, most closed, JIPDEC coding, six audit entries per incident). A few hundred incidents go
through the real intake service (determinations, response tasks); the rest are bulk copies of their
shapes. The pages are measured at the first size, the data is topped up to the second size, and measured
again, all in one run; then ``mamori runperiodic`` twice (the second run has nothing to send).

Run: ``python bench/web.py [--sizes 1000,100000] [--requests 15] [--db mamori_trust_bench] [--keep]``
With ``--keep`` an existing bench database is reused (migrated, topped up to each size, never shrunk), so
the load is paid once while pages are tuned: ``--keep --sizes 100000`` measures the kept database again.
Timings are wall-clock in-process (Django test client, no network) on a shared machine: noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EVENT_CLASSES = [
    "missent",
    "misdelivery",
    "loss",
    "theft",
    "unauthorised_access",
    "misdisclosure",
    "disposal",
]
CAUSES = ["insufficient_check", "careless", "rule_breach", "malware", "external_attack", ""]
MEDIA = ["electronic", "paper", "device", ""]
CATEGORIES = [["name"], ["name", "email"], ["name", "address", "phone"], ["name", "health"], ["my_number"]]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="incident counts to measure, ascending")
    parser.add_argument("--requests", type=int, default=15, help="requests per page")
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--db", default="mamori_trust_bench")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="reuse the bench database if it exists")
    parser.add_argument("--only", default="", help="measure only the pages whose name contains this")
    return parser.parse_args()


def fresh_database(server: str, name: str, keep: bool) -> None:
    """Create the bench database; with ``keep`` an existing one is left as it is."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if keep and exists:
            return
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup(args: argparse.Namespace) -> None:
    os.environ["DATABASE_URL"] = f"{args.server}/{args.db}"
    os.environ.setdefault("MAMORI_DATA_DIR", tempfile.mkdtemp(prefix=f"{args.db}-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mamori.settings"
    fresh_database(args.server, args.db, args.keep)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class Company:
    """The organisation, its people and the objects the pages are measured on."""

    @classmethod
    def existing(cls) -> Company | None:
        """The company a kept bench database already holds, or None."""
        from mamori.accounts.models import User
        from mamori.core.models import Department, Organisation
        from mamori.incidents.models import Incident
        from mamori.mailguard.models import HeldMessage
        from mamori.response.models import ResponseTask

        org = Organisation.objects.filter(slug="bench").first()
        if org is None or not Incident.objects.filter(organisation=org).exists():
            return None
        company = cls.__new__(cls)
        company.org = org
        company.departments = list(Department.objects.filter(organisation=org).order_by("pk"))
        company.manager = User.objects.get(username="hogo")
        company.reporter = User.objects.get(username="e00001")
        company.incidents = Incident.objects.filter(organisation=org).count()
        company.mails = HeldMessage.objects.filter(organisation=org).count()
        company.detail_pk = ResponseTask.objects.filter(incident__organisation=org).latest("pk").incident_id
        return company

    def __init__(self, employees: int) -> None:
        from django.contrib.auth.hashers import make_password

        from mamori.accounts.models import Role, User
        from mamori.core.models import Department
        from mamori.core.services import organisation_create

        self.org = organisation_create(name="ベンチ工業株式会社", slug="bench")
        self.departments = Department.objects.bulk_create(
            Department(organisation=self.org, name=f"第{i + 1}事業部") for i in range(40)
        )
        password = make_password("bench-password")
        rng = random.Random(1)
        User.objects.bulk_create(
            User(
                username=f"e{i:05d}",
                email=f"e{i:05d}@bench.example.com",
                display_name=f"社員 {i:05d}",
                organisation=self.org,
                department=rng.choice(self.departments),
                role=Role.DEPARTMENT_MANAGER if i % 125 == 0 else Role.EMPLOYEE,
                password=password,
            )
            for i in range(employees)
        )
        self.manager = User.objects.create(
            username="hogo", email="hogo@bench.example.com", organisation=self.org, role=Role.MANAGER,
            department=self.departments[0], password=password, is_staff=True, is_superuser=True,
        )  # fmt: skip
        self.reporter = User.objects.filter(organisation=self.org, role=Role.EMPLOYEE).first()
        self.incidents = 0
        self.mails = 0
        self.detail_pk = 0

    def seed_services(self, count: int) -> None:
        """Report ``count`` incidents through the real services (determinations, tasks, audit entries)."""
        from django.utils import timezone

        from mamori.incidents import services
        from mamori.response import services as response

        rng = random.Random(2)
        for i in range(count):
            at = timezone.now() - dt.timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 20))
            incident = services.incident_create(
                reporter=self.reporter,
                title="メール誤送信",
                description="見積書を別の取引先に送信した。",
                discovered_at=at,
                discovered_by="self",
                event_class=rng.choice(EVENT_CLASSES),
                data_categories=rng.choice(CATEGORIES),
                persons=rng.choice([1, 3, 40, 1200]),
                medium="electronic",
                department=rng.choice(self.departments),
                is_near_miss=i % 5 == 0,
            )
            if i % 10 == 1:
                response.checklist_create(incident=incident, actor=self.manager)
                self.detail_pk = incident.pk
        self.incidents += count

    def add_incidents(self, count: int) -> None:
        """Add ``count`` incidents in bulk, with six audit entries each, like a register of five years."""
        from django.utils import timezone

        from mamori.core.models import AuditLogEntry
        from mamori.incidents.models import Incident, IncidentCounter
        from mamori.incidents.taxonomy import Status

        rng = random.Random(self.incidents)
        now = timezone.now()
        batch, audit = [], []
        start = self.incidents
        for n in range(start, start + count):
            at = now - dt.timedelta(days=rng.randint(41, 5 * 365), minutes=rng.randint(0, 1440))
            near = rng.random() < 0.4
            closed = rng.random() < 0.93
            batch.append(
                Incident(
                    organisation=self.org,
                    reporter=self.reporter,
                    department=rng.choice(self.departments),
                    number=f"B{n:07d}",
                    title="誤送信",
                    description="x",
                    discovered_at=at,
                    known_on=timezone.localdate(at),
                    discovered_by="self",
                    is_near_miss=near,
                    event_class=rng.choice(EVENT_CLASSES),
                    cause=rng.choice(CAUSES),
                    medium=rng.choice(MEDIA),
                    events=[] if near else ["leak"],
                    data_categories=rng.choice(CATEGORIES),
                    persons=rng.choice([1, 2, 5, 30, 1500]),
                    status=Status.CLOSED if closed else Status.INVESTIGATION,
                    closed_at=at + dt.timedelta(days=30) if closed else None,
                    appi_status="not_reportable",
                )
            )
            if len(batch) == 5000:
                self._flush(batch, audit)
        self._flush(batch, audit)
        self.incidents += count
        year = timezone.localdate().year
        IncidentCounter.objects.update_or_create(organisation=self.org, year=year, defaults={"last": 9000})
        del AuditLogEntry

    def _flush(self, batch: list, audit: list) -> None:
        from mamori.core.models import AuditLogEntry
        from mamori.incidents.models import Incident

        created = Incident.objects.bulk_create(batch)
        actions = ("created", "triaged", "determination.changed", "status_changed", "status_changed", "note")
        AuditLogEntry.objects.bulk_create(
            AuditLogEntry(
                organisation=self.org, actor=self.manager, actor_name="hogo", action=f"incidents.incident.{a}",
                object_type="incidents.incident", object_id=str(i.pk), object_repr=i.number, data={"n": 1},
            )
            for i in created
            for a in actions
        )  # fmt: skip
        batch.clear()

    def add_mail(self, count: int) -> None:
        """Add ``count`` guarded-mail rows (mostly delivered, some held or cancelled)."""
        from mamori.mailguard.models import HeldMessage, State

        rng = random.Random(self.mails)
        states = [State.DELIVERED] * 90 + [State.CANCELLED] * 6 + [State.HELD] * 2 + [State.REJECTED] * 2
        for first in range(0, count, 5000):
            HeldMessage.objects.bulk_create(
                HeldMessage(
                    organisation=self.org, mail_from=f"e{rng.randint(0, 4999):05d}@bench.example.com",
                    recipients=["t***@partner.example.com"], subject="お見積り", digest=f"{self.mails + first + k:064x}",
                    verdict="hold", state=rng.choice(states), size=12000,
                )
                for k in range(min(5000, count - first))
            )  # fmt: skip
        self.mails += count

    def add_training_and_actions(self, actions: int) -> None:
        """Add three campaigns for everyone and ``actions`` corrective actions."""
        from django.utils import timezone

        from mamori.accounts.models import User
        from mamori.audits.models import CorrectiveAction
        from mamori.training.models import Assignment, Campaign
        from mamori.training.services import courses

        course = courses.course_install_builtin(organisation=self.org, key="privacy-basics")[0]
        today = timezone.localdate()
        people = list(User.objects.filter(organisation=self.org).values_list("pk", "department_id"))
        rng = random.Random(3)
        for k, due in enumerate(
            (today - dt.timedelta(days=200), today - dt.timedelta(days=20), today + dt.timedelta(days=40))
        ):
            campaign = Campaign.objects.create(
                organisation=self.org, course=course, title=f"研修 {k}", due_date=due
            )
            Assignment.objects.bulk_create(
                Assignment(
                    campaign=campaign, user_id=pk, department_id=dept, due_date=due,
                    passed_at=timezone.now() if rng.random() < 0.8 else None,
                    reminded_overdue_on=today if due < today else None,
                    reminded_before_on=today,
                )
                for pk, dept in people
            )  # fmt: skip
        CorrectiveAction.objects.bulk_create(
            CorrectiveAction(
                organisation=self.org, title=f"是正 {i}", cause_analysis="確認不足", action="二重確認",
                owner=self.manager, due_on=today + dt.timedelta(days=rng.randint(-300, 60)),
                completed_on=today if rng.random() < 0.8 else None,
            )
            for i in range(actions)
        )  # fmt: skip


def measure(client, method: str, url: str, data: dict | None, n: int) -> tuple[float, float, int, int]:
    """Return p50 and p95 in ms, the query count and the status of ``n`` requests (after one warm-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def once() -> tuple[float, int, int]:
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(url, data or {}) if method == "POST" else client.get(url)
            if getattr(response, "streaming", False):
                for _chunk in response.streaming_content:
                    pass
            elapsed = (time.perf_counter() - start) * 1000
        return elapsed, len(queries), response.status_code

    once()
    runs = [once() for _ in range(n)]
    times = sorted(r[0] for r in runs)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, runs[-1][1], runs[-1][2]


def export_cpu(client, url: str, data: dict) -> float:
    """Return the CPU seconds of this process for one export: a figure the machine's load does not inflate."""
    start = time.process_time()
    response = client.post(url, data)
    if response.streaming:
        for _chunk in response.streaming_content:
            pass
    return time.process_time() - start


def export_memory(client, url: str, data: dict) -> tuple[float, float]:
    """Return the export's time (ms) and the peak of Python memory allocated while it ran (MiB).

    tracemalloc slows every allocation, so this time is higher than the export's p50 above.
    """
    tracemalloc.start()
    start = time.perf_counter()
    response = client.post(url, data)
    size = sum(len(c) for c in response.streaming_content) if response.streaming else len(response.content)
    elapsed = (time.perf_counter() - start) * 1000
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert size > 0
    return elapsed, peak / 2**20


def pages(company: Company) -> list[tuple[str, str, str, dict | None]]:
    from django.urls import reverse
    from django.utils import timezone

    from mamori.core.paging import cursor_of
    from mamori.incidents.models import Incident
    from mamori.stats.rules import fiscal_year

    # Deep pages are reached by the pager's cursor ("Next" from page 20 on): start 125 rows from the end.
    ordered = Incident.objects.filter(organisation=company.org).order_by("-discovered_at", "-pk")
    at, pk = ordered.values_list("discovered_at", "pk")[max(0, company.incidents - 125)]
    deep = cursor_of(at, pk)
    return [
        ("dashboard", "GET", reverse("portal:dashboard"), None),
        ("incident list", "GET", reverse("incidents:list"), None),
        ("incident list, deep page", "GET", reverse("incidents:list") + f"?after={deep}", None),
        ("incident page (tasks)", "GET", reverse("incidents:detail", args=[company.detail_pk]), None),
        ("corrective actions", "GET", reverse("audits:list"), None),
        ("statistics", "GET", reverse("stats:index"), None),
        ("training overview", "GET", reverse("training:overview"), None),
        ("held mail list", "GET", reverse("mailguard:list") + "?show=all", None),
        ("admin audit log", "GET", reverse("admin:core_auditlogentry_changelist"), None),
        ("Excel export (FY)", "POST", reverse("stats:export"), {"fy": fiscal_year(timezone.now())}),
    ]


def runperiodic_figures() -> list[tuple[str, float, int]]:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = []
    for label in ("runperiodic (first run)", "runperiodic (nothing to send)"):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            call_command("runperiodic", stdout=io.StringIO())
            out.append((label, time.perf_counter() - start, len(queries)))
    return out


def main() -> int:
    args = parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    setup(args)
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()  # lets the test client run; DEBUG stays off
    t0 = time.perf_counter()
    company = Company.existing() if args.keep else None
    if company is None:
        company = Company(args.employees)
        company.add_training_and_actions(actions=200)
        company.seed_services(min(100, sizes[0]))
        print(f"loaded {args.employees} employees and {company.incidents} incidents via services "
              f"in {time.perf_counter() - t0:.0f} s", flush=True)  # fmt: skip
    else:
        print(f"kept database: {company.incidents} incidents, {company.mails} mail rows", flush=True)
    client = Client()
    client.force_login(company.manager)
    results: dict[int, list[tuple[str, float, float, int, int]]] = {}
    memory: dict[int, tuple[float, float]] = {}
    cpu: dict[int, float] = {}
    for size in sizes:
        t0 = time.perf_counter()
        grown = size > company.incidents
        if grown:
            company.add_incidents(size - company.incidents)
            company.add_mail(max(0, size - company.mails))
        if grown and size > 1000:  # the second size of a run gets the big training and action load
            company.add_training_and_actions(actions=size // 5)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"size {size}: loaded in {time.perf_counter() - t0:.0f} s", flush=True)
        chosen = [p for p in pages(company) if args.only in p[0]]
        results[size] = [(name, *measure(client, m, url, d, args.requests)) for name, m, url, d in chosen]
        if chosen[-1][0].startswith("Excel"):
            memory[size] = export_memory(client, chosen[-1][2], chosen[-1][3] or {})
            cpu[size] = min(export_cpu(client, chosen[-1][2], chosen[-1][3] or {}) for _ in range(3))
    print()
    header = "page".ljust(28) + "".join(f"{f'{s:,} p50/p95 ms':>22}{'queries':>9}" for s in sizes)
    print(header)
    for i, (name, *_rest) in enumerate(results[sizes[0]]):
        line = name.ljust(28)
        for size in sizes:
            _n, p50, p95, queries, status = results[size][i]
            flag = "" if status == 200 else f" [{status}]"
            line += f"{f'{p50:.0f} / {p95:.0f}{flag}':>22}{queries:>9}"
        print(line)
    for size in memory:
        ms, peak = memory[size]
        print(
            f"Excel export at {size:,} incidents: {cpu[size]:.2f} s CPU (best of 3), Python peak {peak:.1f} MiB "
            f"({ms / 1000:.1f} s under tracemalloc)"
        )
    if args.only:
        return 0
    for label, seconds, queries in runperiodic_figures():
        print(f"{label} at {sizes[-1]:,}: {seconds:.2f} s, {queries} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
