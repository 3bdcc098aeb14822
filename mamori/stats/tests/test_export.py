"""The Excel export: read back with python-calamine, openpyxl and LibreOffice, Japanese intact, no free text."""

import csv
import datetime as dt
import io
import os
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from mamori.accounts.models import Role
from mamori.core.models import AuditLogEntry
from mamori.incidents import services
from mamori.stats.export import XLSX_CONTENT_TYPE
from mamori.stats.rules import fiscal_year
from mamori.testing import factories

pytestmark = pytest.mark.django_db

SECRET_DESCRIPTION = "山田花子様の見積書を佐藤商事へ送ってしまった。"
SECRET_TITLE = "山田花子様宛て見積書の誤送信"


def day_in_current_fy(days_ago=1):
    return timezone.localdate() - dt.timedelta(days=days_ago)


def at_noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def coded_incident(employee, manager):
    incident = factories.make_incident(
        employee,
        title=SECRET_TITLE,
        description=SECRET_DESCRIPTION,
        discovered_at=at_noon(day_in_current_fy()),
        persons=1200,
        data_categories=["name", "email", "my_number"],
    )
    fields = {name: getattr(incident, name) for name in services.TRIAGE_FIELDS}
    fields.update(
        cause="insufficient_check",
        special_care=False,
        property_damage_risk=False,
        unauthorized_purpose=False,
        recovered_before_viewed=False,
        advanced_encryption=False,
        my_number=False,
    )
    services.incident_triage(incident=incident, actor=manager, **fields)
    incident.refresh_from_db()
    return incident


class Export:
    """A streamed export read whole: ``content`` as the bytes a browser saves."""

    def __init__(self, response):
        self.response = response
        self.status_code = response.status_code
        streamed = getattr(response, "streaming", False)
        self.content = b"".join(response.streaming_content) if streamed else response.content

    def __getitem__(self, header):
        return self.response[header]


def export(client, year=None, language="en", **extra):
    """Export in English by default: the headers are then stable msgids, whatever the translations say."""
    data = {"fy": year or fiscal_year(timezone.now()), **extra}
    return Export(client.post(reverse("stats:export"), data, HTTP_ACCEPT_LANGUAGE=language))


def test_register_and_statistics_read_back_with_calamine_japanese_intact(login, manager, coded_incident):
    response = export(login(manager))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert f"FY{fiscal_year(timezone.now())}.xlsx" in response["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Incident register", "Statistics", "Notes"]
    register = book.get_sheet_by_name("Incident register").to_python()
    assert len(register) == 2
    header, values = register
    cell = dict(zip(header, values, strict=True))
    assert cell["Number"] == coded_incident.number
    assert cell["Kind"] == "Accident (事故)"
    assert cell["Department"] == "営業部"
    assert cell["Event class (事象分類)"] == "誤送信"
    assert cell["Cause (原因)"] == "確認不足"
    assert cell["Medium (媒体)"] == "電子データ"
    assert cell["Events (発生事象)"] == "漏えい"
    assert cell["Personal data affected"] == "氏名、メールアドレス、マイナンバー"
    assert cell["Number of persons"] == 1200
    assert cell["APPI determination"] == "Reportable"
    assert cell["Grounds"] == "more than 1,000 persons"
    assert cell["Date the business knew (知った日)"] == coded_incident.known_on
    assert cell["Date the business knew (和暦)"].startswith("令和")
    assert cell["Final report due (確報)"] == coded_incident.final_due
    statistics = book.get_sheet_by_name("Statistics").to_python()
    rows = {(r[1], r[2]): r for r in statistics[1:]}
    missent = rows[("Event class (事象分類)", "誤送信")]
    assert missent[3:6] == [1, 100.0, 0]
    assert missent[6:10] == ["", "", "", ""]  # no national figure checked against JIPDEC's own text


def test_headers_and_sheet_names_follow_the_users_language(login, manager, coded_incident):
    book = CalamineWorkbook.from_filelike(io.BytesIO(export(login(manager), language="ja").content))
    with translation.override("ja"):
        assert book.sheet_names[0] == gettext("Incident register")
        assert book.get_sheet_by_name(book.sheet_names[0]).to_python()[0][0] == gettext("Number")
    assert "誤送信" in book.get_sheet_by_name(book.sheet_names[0]).to_python()[1]


def test_export_never_contains_descriptions_titles_or_reporters(login, manager, coded_incident):
    data = export(login(manager)).content
    book = load_workbook(io.BytesIO(data))
    text = "\n".join(
        str(value) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for value in row
    )
    assert SECRET_DESCRIPTION not in text and SECRET_TITLE not in text and "山田" not in text
    assert coded_incident.reporter.username not in text


def test_the_register_reads_plain_values_without_free_text_in_constant_queries(login, manager, employee):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(manager)
    counts = []
    for batch in (1, 9):
        for _ in range(batch):
            factories.make_incident(employee, title=SECRET_TITLE, description=SECRET_DESCRIPTION)
        with CaptureQueriesContext(connection) as queries:
            export(client)
        counts.append(len(queries))
        register = [q["sql"] for q in queries if '"incidents_incident"."number"' in q["sql"]]
        assert register and not any('"title"' in sql or '"description"' in sql for sql in register)
    assert counts[0] == counts[1]


def test_sheets_have_a_styled_frozen_filtered_header_and_widths(login, manager, coded_incident):
    book = load_workbook(io.BytesIO(export(login(manager)).content))
    for name in ("Incident register", "Statistics"):
        ws = book[name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("0B5FA5")
        assert ws.column_dimensions["A"].width >= 10
    register = book["Incident register"]
    known_on = register.cell(row=2, column=6)
    assert known_on.is_date and known_on.number_format == "yyyy-mm-dd"
    assert isinstance(register.cell(row=2, column=4).value, dt.datetime | type(None))
    assert book["Statistics"]["E2"].number_format == "0.0"


def test_libreoffice_opens_the_export(login, manager, coded_incident, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("MAMORI_REQUIRE_TOOLS"):
            pytest.fail("LibreOffice is required: install the packages of deploy/apt/stats.txt")
        pytest.skip("LibreOffice is not installed (scripts/system-deps installs libreoffice-calc)")
    path = tmp_path / "export.xlsx"
    path.write_bytes(export(login(manager)).content)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, double quote, UTF-8
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rows = list(csv.reader((tmp_path / "export.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][0] == "Number" and rows[1][0] == coded_incident.number
    assert "誤送信" in rows[1] and "確認不足" in rows[1]


def test_export_is_recorded_in_the_audit_log(login, manager, coded_incident):
    export(login(manager))
    entry = AuditLogEntry.objects.get(action="stats.export.created")
    assert entry.actor == manager and entry.organisation == manager.organisation
    assert entry.data == {"fiscal_year": fiscal_year(timezone.now()), "incidents": 1, "titles": False}


def test_outsider_exports_only_their_own_organisation(login, outsider, coded_incident):
    response = export(login(outsider))
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert len(book.get_sheet_by_name("Incident register").to_python()) == 1  # the header only
    assert coded_incident.number not in str(book.get_sheet_by_name("Statistics").to_python())
    notes = dict(r[:2] for r in book.get_sheet_by_name("Notes").to_python() if len(r) > 1)
    assert notes["Organisation"] == outsider.organisation.name and notes["Accidents"] == 0


def test_auditor_and_executive_may_export_but_employees_may_not(login, org, employee, coded_incident):
    for role in (Role.AUDITOR, Role.EXECUTIVE):
        assert export(login(factories.make_user(org, role))).status_code == 200
    assert export(login(employee)).status_code == 403


@pytest.mark.parametrize("value", ["", "abc", "1999"])
def test_export_of_an_unknown_fiscal_year_is_refused_and_not_logged(login, manager, value):
    response = login(manager).post(reverse("stats:export"), {"fy": value})
    assert response.status_code == 400 and response.content
    assert not AuditLogEntry.objects.filter(action="stats.export.created").exists()


def test_export_must_be_posted(login, manager):
    assert login(manager).get(reverse("stats:export")).status_code == 405


def test_register_holds_only_the_chosen_fiscal_year(login, manager, employee):
    fy = fiscal_year(timezone.now())
    old = factories.make_incident(employee, discovered_at=at_noon(dt.date(fy - 1, 5, 1)))
    new = factories.make_incident(employee, discovered_at=at_noon(day_in_current_fy()), is_near_miss=True)
    client = login(manager)
    register = CalamineWorkbook.from_filelike(io.BytesIO(export(client, fy).content))
    rows = register.get_sheet_by_name("Incident register").to_python()[1:]
    assert [r[0] for r in rows] == [new.number] and rows[0][1] == "Near miss (ヒヤリハット)"
    register = CalamineWorkbook.from_filelike(io.BytesIO(export(client, fy - 1).content))
    assert [r[0] for r in register.get_sheet_by_name("Incident register").to_python()[1:]] == [old.number]


def test_text_that_looks_like_a_formula_stays_text(login, org, manager, employee):
    org.name = '=HYPERLINK("https://attacker.invalid","click")'
    org.save()
    department = factories.make_department(org, "=1+1")
    factories.make_incident(employee, department=department, discovered_at=at_noon(day_in_current_fy()))
    data = export(login(manager)).content
    book = load_workbook(io.BytesIO(data))
    assert book.worksheets[0]["C2"].value == "'=1+1" and book.worksheets[0]["C2"].data_type == "s"
    assert all(cell.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for cell in row)
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert calamine.get_sheet_by_name("Incident register").to_python()[1][2] == "'=1+1"


def test_user_without_an_organisation_gets_403(login, db):
    admin = factories.make_user(None, Role.MANAGER)
    assert login(admin).get(reverse("stats:index")).status_code == 403
    assert export(login(admin)).status_code == 403


def test_the_audit_lead_may_export_titles_and_it_is_recorded(login, org, manager, coded_incident):
    auditor = factories.make_user(org, Role.AUDITOR)
    data = export(login(auditor), titles="1").content
    register = (
        CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Incident register").to_python()
    )
    assert register[0][:2] == ["Number", "Title"] and register[1][:2] == [coded_incident.number, SECRET_TITLE]
    entry = AuditLogEntry.objects.get(action="stats.export.created")
    assert entry.actor == auditor and entry.data["titles"] is True
    assert SECRET_TITLE not in str(entry.data)


def test_top_management_may_not_export_titles(login, org, coded_incident):
    executive = factories.make_user(org, Role.EXECUTIVE)
    assert export(login(executive), titles="1").status_code == 403
    assert not AuditLogEntry.objects.filter(action="stats.export.created").exists()
    page = login(executive).get(reverse("stats:index")).content.decode()
    assert 'name="titles"' not in page
    assert (
        'name="titles"'
        in login(manager := factories.make_user(org, Role.MANAGER))
        .get(reverse("stats:index"))
        .content.decode()
    ), manager


def test_a_japanese_sheet_writes_fiscal_years_and_the_missing_years_in_japanese(
    login, manager, coded_incident
):
    book = CalamineWorkbook.from_filelike(io.BytesIO(export(login(manager), language="ja").content))
    statistics = book.get_sheet_by_name(book.sheet_names[1]).to_python()
    cells = [str(c) for row in statistics[1:] for c in row]
    year = fiscal_year(timezone.now())
    assert f"{year}年度" in cells
    assert not [c for c in cells if c.startswith("FY") or c in {"published", "derived"}]
    notes = [str(c) for row in book.get_sheet_by_name(book.sheet_names[2]).to_python() for c in row]
    assert any(c.startswith(f"{year}年度（") for c in notes)
    assert any(c.startswith("2015年度、2019年度、2022〜2024年度は全国の数値がありません") for c in notes)


def test_notes_name_the_years_without_figures_from_jipdecs_own_publication(login, manager, coded_incident):
    book = CalamineWorkbook.from_filelike(io.BytesIO(export(login(manager)).content))
    notes = book.get_sheet_by_name("Notes").to_python()
    (missing,) = [r[1] for r in notes if r and r[0] == "Years without figures"]
    assert missing.startswith("No national figure for FY2015, FY2019, FY2022 to FY2024: JIPDEC's own")
    # No dimension of today's grouping has a checked national figure, so none is compared or cited.
    assert not [r for r in notes if r and r[0] == "Sources"]
