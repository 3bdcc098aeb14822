"""Every Excel export goes through one writer: no live formula, no control character, A4 print setup."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

import mamori
from mamori.accounts.models import Role
from mamori.audits import programme
from mamori.core.xlsx import neutralise
from mamori.stats.rules import fiscal_year
from mamori.testing import factories
from mamori.training.models import Campaign
from mamori.training.services import campaigns, courses

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "department": '=HYPERLINK("https://attacker.invalid","営業部")',
    "name": "@SUM(1+1)*cmd|' /C calc'!A0",
    "campaign": "+1+1 研修\x07",
    "course": "-2+3 講座",
    "fullwidth": "＝1+1 総務部",
}


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def hostile(org, manager):
    """An organisation whose names, departments, campaign and course titles are formulas."""
    dept = factories.make_department(org, PAYLOADS["department"])
    factories.make_department(org, PAYLOADS["fullwidth"])
    person = factories.make_user(org, Role.EMPLOYEE, dept, username="tanaka")
    person.display_name = PAYLOADS["name"]
    person.save()
    factories.make_incident(person, department=dept, discovered_at=timezone.now() - dt.timedelta(hours=2))
    course = courses.course_install_builtin(organisation=org, key="privacy-basics")[0]
    course.title = PAYLOADS["course"]
    course.save()
    campaign = campaigns.campaign_create(
        organisation=org,
        actor=manager,
        course=course,
        title=PAYLOADS["campaign"],
        scope=Campaign.Scope.DEPARTMENTS,
        departments=[dept],
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )
    auditor = factories.make_user(org, Role.AUDITOR, username="kansa")
    plan = programme.programme_create(organisation=org, fiscal_year=2026, audit_lead=auditor, actor=auditor)
    programme.programme_generate(programme=plan, actor=auditor)
    return {"campaign": campaign, "programme": plan, "auditor": auditor}


def _exports(client, hostile) -> dict[str, bytes]:
    plan = hostile["programme"]
    return {
        "statistics": _body(client.post(reverse("stats:export"), {"fy": fiscal_year(timezone.now())})),
        "campaign": _body(client.get(reverse("training:campaign_export", args=[hostile["campaign"].pk]))),
        "training records": _body(client.get(reverse("training:records_export"))),
        "audit plan": _body(client.get(reverse("audits:programme_export", args=[plan.pk, "plan", "xlsx"]))),
        "ledger risks": _body(client.get(reverse("ledger:matrix_xlsx"))),
    }


def test_every_export_neutralises_formulas_and_prints_on_a4(login, manager, hostile):
    client = login(manager)
    client.force_login(hostile["auditor"])  # the audit lead reads every export
    exports = _exports(client, hostile)
    seen: set[str] = set()
    for name, data in exports.items():
        assert data[:2] == b"PK", name
        book = load_workbook(io.BytesIO(data))
        for ws in book.worksheets:
            assert (
                str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"
            )
            # one page wide (1 is the file format's default, so a writer may leave it out), any length
            assert (ws.page_setup.fitToWidth or 1) == 1 and str(ws.page_setup.fitToHeight) == "0"
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.print_title_rows == "$1:$1", (name, ws.title)
            assert ws.oddHeader.left.text and re.match(r"\d{4}-\d\d-\d\d", ws.oddHeader.right.text or "")
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert "\x07" not in cell.value
                        assert cell.value[:1] not in "=+-@＝", (name, ws.title, cell.coordinate, cell.value)
                        seen.add(cell.value)
    for payload in PAYLOADS.values():
        assert any(payload.replace("\x07", "") in value for value in seen), payload  # kept, made inert


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+81 3", "'+81 3"),
        ("-5", "'-5"),
        ("@A1", "'@A1"),
        ("＝SUM(A1)", "'＝SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("a\x00b\x1bc", "abc"),
        ("行1\n行2", "行1\n行2"),
        ("山田", "山田"),
        (5, 5),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_only_the_one_writer_creates_workbooks():
    package = Path(mamori.__file__).parent
    writers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        and re.search(r"^from openpyxl import .*\bWorkbook\b|^import xlsxwriter", path.read_text(), re.M)
    ]
    assert writers == ["core/xlsx.py"]
