"""Importing employees from an HR export: parsing, bad rows, the preview and applying it."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import translation

from mamori.accounts import hr, services
from mamori.accounts.models import EmployeeImport, User
from mamori.core.models import AuditLogEntry, Department

CSV = (
    "氏名,メールアドレス,部署,入社日,退職日\n"
    "新井 一郎,arai@example.com,開発部,2026/10/01,\n"
    "employee 改,employee@example.com,営業部,2020-04-01,\n"
    "同僚 退職,colleague@example.com,営業部,2019-04-01,2026-01-31\n"
    ",noname@example.com,営業部,,\n"
    "悪い 日付,baddate@example.com,営業部,来月,\n"
    "重複 次郎,arai@example.com,開発部,,\n"
    "宛先 なし,not-an-address,営業部,,\n"
)


def test_csv_in_utf8_and_cp932_parse_the_same():
    utf8 = hr.parse_file(CSV.encode("utf-8"), "hr.csv")
    sjis = hr.parse_file(CSV.encode("cp932"), "hr.csv")
    assert sjis.encoding == "cp932" and utf8.encoding == "utf-8"
    assert [r.email for r in utf8.rows] == [r.email for r in sjis.rows]
    assert utf8.rows[0] == hr.Row(2, "新井 一郎", "arai@example.com", "開発部", dt.date(2026, 10, 1), None)


def test_bad_rows_are_listed_with_line_numbers_and_reasons():
    with translation.override("en"):
        bad = {b.line: b.reasons for b in hr.parse_file(CSV.encode(), "hr.csv").bad}
    assert set(bad) == {5, 6, 7, 8}
    assert "the name is empty" in bad[5]
    assert "the joining date is not a date (YYYY-MM-DD)" in bad[6]
    assert "the e-mail address is also on line 2" in bad[7]
    assert "the e-mail address is not valid" in bad[8]


def test_english_headers_and_full_width_text_are_accepted():
    data = "name,email,department,joined_on\nＡＢＣ 太郎,ＡＢＣ@EXAMPLE.COM,営業部,2026年4月1日\n"
    row = hr.parse_file(data.encode(), "x.csv").rows[0]
    assert (row.name, row.email, row.joined_on) == ("ABC 太郎", "abc@example.com", dt.date(2026, 4, 1))


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "x.csv"),
        ("部署,入社日\n営業部,2026-01-01\n".encode(), "x.csv"),
        (b"PK\x03\x04garbage", "x.xlsx"),
        (b"anything", "x.pdf"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data, name):
    with pytest.raises(hr.ImportFileError):
        hr.parse_file(data, name)


def test_xlsx_export_with_real_dates_is_read():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["社員番号", "氏名", "メールアドレス", "所属", "入社日", "退職日"])
    ws.append(["E001", "新井 一郎", "arai@example.com", "開発部", dt.datetime(2026, 10, 1), None])
    buf = io.BytesIO()
    wb.save(buf)
    parsed = hr.parse_file(buf.getvalue(), "hr.xlsx")
    assert parsed.rows[0].joined_on == dt.date(2026, 10, 1) and parsed.rows[0].employee_number == "E001"
    assert parsed.bad == []


def test_plan_says_who_is_new_changed_leaving_and_unchanged():
    rows = [
        hr.Row(2, "新人", "new@example.com", "開発部", None, None),
        hr.Row(3, "改名", "a@example.com", "営業部", None, None),
        hr.Row(4, "退職", "b@example.com", "営業部", None, dt.date(2026, 1, 31)),
        hr.Row(5, "同じ", "c@example.com", "営業部", None, None),
        hr.Row(6, "既に退職", "gone@example.com", "", None, dt.date(2025, 1, 1)),
    ]
    existing = {
        "a@example.com": hr.Existing("旧名", "営業部", None, None, True),
        "b@example.com": hr.Existing("退職", "営業部", None, None, True),
        "c@example.com": hr.Existing("同じ", "営業部", None, None, True),
    }
    plan = hr.plan_changes(rows, existing, ["営業部"], dt.date(2026, 11, 27))
    assert [r.email for r in plan.new] == ["new@example.com"]
    assert [(r.email, f) for r, f in plan.changed] == [("a@example.com", ["name"])]
    assert [r.email for r in plan.leaving] == ["b@example.com"]
    assert plan.unchanged == 1 and plan.new_departments == ["開発部"]


@pytest.mark.django_db
def test_applying_creates_updates_and_deactivates_users_and_is_audited(org, manager, employee, colleague):
    imp = services.employees_import_upload(
        organisation=org, actor=manager, filename="hr.csv", data=CSV.encode()
    )
    assert len(imp.rows) == 3 and len(imp.errors) == 4
    summary = services.employees_import_apply(employee_import=imp, actor=manager)
    assert summary == {"created": 1, "updated": 1, "deactivated": 1, "departments": 1, "bad_rows": 4}
    arai = User.objects.get(email="arai@example.com")
    assert arai.organisation == org and arai.department.name == "開発部" and not arai.has_usable_password()
    assert arai.hr_profile.joined_on == dt.date(2026, 10, 1)
    employee.refresh_from_db()
    colleague.refresh_from_db()
    assert employee.display_name == "employee 改" and employee.hr_profile.joined_on == dt.date(2020, 4, 1)
    assert not colleague.is_active and colleague.hr_profile.left_on == dt.date(2026, 1, 31)
    assert Department.objects.filter(organisation=org, name="開発部").exists()
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {
        "training.import.applied",
        "training.import.user_created",
        "training.import.user_deactivated",
    } <= actions
    with pytest.raises(services.ImportAlreadyApplied):
        services.employees_import_apply(employee_import=imp, actor=manager)


@pytest.mark.django_db
def test_a_refused_file_changes_nothing(org, manager):
    with pytest.raises(hr.ImportFileError):
        services.employees_import_upload(
            organisation=org, actor=manager, filename="x.csv", data=b"a,b\n1,2\n"
        )
    assert not EmployeeImport.objects.exists()


@pytest.mark.django_db
def test_a_future_leaving_date_deactivates_the_user_on_that_day_from_the_periodic_job(org, manager, employee):
    from mamori.core.periodic import JOBS

    data = f"氏名,メールアドレス,退職日\nemployee,employee@example.com,{dt.date.today() + dt.timedelta(days=3)}\n"
    imp = services.employees_import_upload(
        organisation=org, actor=manager, filename="hr.csv", data=data.encode()
    )
    services.employees_import_apply(employee_import=imp, actor=manager)
    employee.refresh_from_db()
    assert employee.is_active
    assert JOBS["training_leavers"] is services.employees_deactivate_leavers
    assert (
        services.employees_deactivate_leavers(today=dt.date.today() + dt.timedelta(days=2))
        == "0 leavers deactivated"
    )
    assert (
        services.employees_deactivate_leavers(today=dt.date.today() + dt.timedelta(days=3))
        == "1 leavers deactivated"
    )
    assert (
        services.employees_deactivate_leavers(today=dt.date.today() + dt.timedelta(days=4))
        == "0 leavers deactivated"
    )
    employee.refresh_from_db()
    assert not employee.is_active
