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
        "ledger": _body(client.get(reverse("ledger:export"), {"format": "xlsx"})),
        "ledger template": _body(client.get(reverse("ledger:template"))),
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


# Every download of a table, by URL name; a new export must be added here (the test below finds them all).
EXPORT_URLS = {
    "stats:export",
    "training:campaign_export",
    "training:records_export",
    "audits:programme_export",
    "audits:checklist_export",
    "audits:mreview_export",
    "ledger:export",
    "ledger:matrix_xlsx",
    "ledger:template",
}
# Downloads that are documents (docx, PDF, text), never a table a spreadsheet opens.
DOCUMENT_URLS = {"reports:download"}
# The only modules that write CSV or Excel; each writes every cell through mamori.cells.neutralise, except
# the generators of fictional files to scan (test trees, the demo's scanned files), whose cells are our own.
WRITERS = {
    "core/xlsx.py",
    "ledger/files.py",
    "pii/scan_output.py",
    "testing/scan_tree.py",
    "portal/demo_scans.py",
}


def _url_names(patterns, namespace: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(_url_names(pattern.url_patterns, inner))
        elif pattern.name:
            found[f"{namespace}{pattern.name}"] = str(pattern.pattern)
    return found


def test_every_download_and_every_writer_is_known():
    """A new export (a URL that sends a table, or a module that writes one) must be covered below."""
    from django.urls import get_resolver

    names = _url_names(get_resolver().url_patterns)
    downloads = {
        name for name, route in names.items() if re.search(r"export|xlsx|csv|<str:fmt>", f"{name} {route}")
    }
    assert downloads <= EXPORT_URLS | DOCUMENT_URLS, downloads - EXPORT_URLS - DOCUMENT_URLS
    assert EXPORT_URLS <= set(names)
    package = Path(mamori.__file__).parent
    writers = {
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        and re.search(
            r"csv\.(writer|DictWriter)\(|xlsxwriter\.Workbook\(|openpyxl\.Workbook\(", path.read_text()
        )
    }
    assert writers == WRITERS


@pytest.fixture
def hostile_ledger(hostile, org, manager):
    """A ledger row whose every text column is a formula, and a management review to export."""
    from mamori.audits.review import review_create
    from mamori.ledger import services as ledger_services

    dept = org.departments.get(name=PAYLOADS["department"])
    ledger_services.entry_create(
        organisation=org,
        actor=manager,
        department=dept,
        process=PAYLOADS["campaign"],
        name=PAYLOADS["name"],
        items=[PAYLOADS["course"], "氏名"],
        purpose="=1+1 のため",
        count=10,
        retained=True,
    )
    today = timezone.localdate()
    review = review_create(
        organisation=org, period_start=today.replace(month=1, day=1), period_end=today, actor=manager
    )
    return {**hostile, "review": review}


def _cells(name: str, data: bytes) -> list[str]:
    """Return every text cell of an xlsx or CSV download."""
    import csv

    if data[:2] == b"PK":
        book = load_workbook(io.BytesIO(data))
        cells = []
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        cells.append(cell.value)
        return cells
    text = data.decode("cp932") if "cp932" in name else data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_every_download_writes_hostile_text_inert(login, manager, hostile_ledger):
    """Each URL of EXPORT_URLS, fed names and titles that are formulas: no cell starts like a formula."""
    from mamori.audits.models import Audit

    client = login(hostile_ledger["auditor"])
    plan = hostile_ledger["programme"]
    audit = Audit.objects.filter(programme=plan).first()
    assert audit is not None
    downloads = {
        "stats:export": [client.post(reverse("stats:export"), {"fy": fiscal_year(timezone.now())})],
        "training:campaign_export": [
            client.get(reverse("training:campaign_export", args=[hostile_ledger["campaign"].pk]))
        ],
        "training:records_export": [client.get(reverse("training:records_export"))],
        "audits:programme_export": [
            client.get(reverse("audits:programme_export", args=[plan.pk, what, "xlsx"]))
            for what in ("plan", "report")
        ],
        "audits:checklist_export": [client.get(reverse("audits:checklist_export", args=[audit.pk, "xlsx"]))],
        "audits:mreview_export": [
            client.get(reverse("audits:mreview_export", args=[hostile_ledger["review"].pk, "xlsx"]))
        ],
        "ledger:export": [
            client.get(reverse("ledger:export")),
            client.get(reverse("ledger:export"), {"format": "csv"}),
            client.get(reverse("ledger:export"), {"format": "csv", "encoding": "cp932"}),
        ],
        "ledger:matrix_xlsx": [client.get(reverse("ledger:matrix_xlsx"))],
        "ledger:template": [client.get(reverse("ledger:template"))],
    }
    assert set(downloads) == EXPORT_URLS
    seen: set[str] = set()
    for name, responses in downloads.items():
        for response in responses:
            assert response.status_code == 200, (name, response.status_code)
            label = f"{name} {response.get('Content-Type', '')}"
            for value in _cells(label, _body(response)):
                assert not value or value[0] not in "=+-@＝\t\r" or value in ("-", "+"), (label, value)
                assert "\x07" not in value
                seen.add(value)
    for payload in PAYLOADS.values():
        assert any(payload.replace("\x07", "") in value for value in seen), payload  # kept, made inert
    assert any("'=1+1 のため" == value for value in seen)  # the ledger's own cell


def test_the_ledger_import_reads_its_own_inert_cells_back_exactly():
    from mamori.ledger import files

    texts = ["=1+1", "+81 3", "-5 件", "@here", "＝全角", "'quoted", "''twice", "-", "普通"]
    rows = [{"department": "営業部", "process": "受付", "name": text, "purpose": text} for text in texts]
    for data in (files.write_csv(rows), files.write_csv(rows, encoding="cp932"), files.write_xlsx(rows)):
        read = files.read_file("ledger.xlsx" if data[:2] == b"PK" else "ledger.csv", data)
        assert [(row["name"], row["purpose"]) for _line, row in read.rows] == [(t, t) for t in texts]


def test_the_scan_csv_writes_hostile_file_names_inert():
    from mamori.pii.scan_output import Writer

    out = io.StringIO()
    Writer("csv", out).write({"path": '=HYPERLINK("x").txt', "status": "ok", "counts": {}, "examples": []})
    import csv

    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][0] == '\'=HYPERLINK("x").txt'
