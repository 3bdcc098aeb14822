"""Test the ledger's writes: versions, approvals, the risk approval's invalidation, reviews, imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mamori.core.models import AuditLogEntry
from mamori.ledger import files, queries, services
from mamori.ledger.models import EntryStatus, LedgerEntry, ReviewItem
from mamori.ledger.tests.conftest import add_all_phases, make_entry

DATA = Path(__file__).parent / "data"


def actions(entry):
    return list(
        AuditLogEntry.objects.filter(object_type="ledger.ledgerentry", object_id=str(entry.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_new_row_is_a_draft_version_1_with_a_snapshot(entry, manager):
    assert entry.status == EntryStatus.DRAFT and entry.version == 1
    assert entry.number == "L-0001"
    (version,) = entry.versions.all()
    assert version.data["name"] == "顧客台帳" and version.data["department"] == "営業部"
    assert actions(entry) == ["ledger.entry.created"]


def test_a_change_is_a_new_draft_version_and_the_diff_names_the_columns(entry, manager):
    services.entry_approve(entry=entry, actor=manager)
    changed = services.entry_update(entry=entry, actor=manager, purpose="商品の発送のため", count=1300)
    entry.refresh_from_db()
    assert changed == ["count", "purpose"]
    assert entry.version == 2 and entry.status == EntryStatus.DRAFT and entry.approved_by is None
    v2, v1 = entry.versions.all()
    assert services.diff(v1.data, v2.data) == ["count", "purpose"]
    assert v1.approved_by == manager and v2.approved_by is None


def test_a_save_without_changes_makes_no_version(entry, manager):
    assert services.entry_update(entry=entry, actor=manager, name="顧客台帳") == []
    assert entry.versions.count() == 1


def test_only_the_manager_approves_a_row(entry, depmgr, executive):
    for user in (depmgr, executive):
        with pytest.raises(PermissionDenied):
            services.entry_approve(entry=entry, actor=user)


def test_a_department_manager_edits_only_the_departments_rows(manager, depmgr, sales, admin_dept):
    own = make_entry(manager, sales)
    other = make_entry(manager, admin_dept, name="来訪者受付簿")
    services.entry_update(entry=own, actor=depmgr, count=5)
    with pytest.raises(PermissionDenied):
        services.entry_update(entry=other, actor=depmgr, count=5)


def test_employees_and_outsiders_cannot_write(entry, employee, outsider):
    for user in (employee, outsider):
        with pytest.raises(PermissionDenied):
            services.entry_update(entry=entry, actor=user, count=1)


def test_top_management_approves_the_risks_and_a_change_of_the_row_invalidates_it(entry, manager, executive):
    add_all_phases(entry, manager)
    services.risks_approve(entry=entry, actor=executive)
    entry.refresh_from_db()
    assert queries.risks_approval_valid(entry)
    services.entry_update(entry=entry, actor=manager, storage="クラウドに移行")
    entry.refresh_from_db()
    assert not queries.risks_approval_valid(entry)
    assert entry.risks_approved_by is None
    assert actions(entry)[-2:] == ["ledger.entry.changed", "ledger.risks.approval_invalidated"]


def test_a_changed_risk_invalidates_the_approval_too(entry, manager, executive):
    add_all_phases(entry, manager)
    services.risks_approve(entry=entry, actor=executive)
    risk = entry.risks.first()
    services.risk_save(entry=entry, actor=manager, risk=risk, likelihood=3)
    entry.refresh_from_db()
    assert not queries.risks_approval_valid(entry)


def test_risks_cannot_be_approved_with_a_phase_missing(entry, manager, executive):
    services.risk_save(entry=entry, actor=manager, phase="acquire", media="paper", threat="紛失")
    with pytest.raises(ValidationError, match="transfer"):
        services.risks_approve(entry=entry, actor=executive)


def test_only_top_management_approves_risks(entry, manager):
    add_all_phases(entry, manager)
    with pytest.raises(PermissionDenied):
        services.risks_approve(entry=entry, actor=manager)


@pytest.mark.parametrize("kind", ["improper_acquisition", "beyond_purpose"])
def test_improper_acquisition_or_beyond_purpose_cannot_be_kept_as_residual(entry, manager, kind):
    with pytest.raises(ValidationError):
        services.risk_save(
            entry=entry,
            actor=manager,
            phase="use",
            media="paper",
            threat="目的外利用",
            kind=kind,
            residual=True,
        )


def test_a_review_campaign_covers_the_departments_rows_and_records_outcomes(manager, sales, admin_dept):
    a = make_entry(manager, sales)
    b = make_entry(manager, sales, name="名刺情報")
    make_entry(manager, admin_dept, name="来訪者受付簿")
    campaign = services.campaign_create(
        organisation=manager.organisation,
        actor=manager,
        title="2026年度 台帳見直し",
        due_date=dt.date(2026, 12, 31),
        departments=[sales],
    )
    assert campaign.items.count() == 2
    services.entry_confirm_review(entry=a, actor=manager, on=dt.date(2026, 12, 6))
    services.entry_update(entry=b, actor=manager, count=3)
    outcomes = dict(campaign.items.values_list("entry__number", "outcome"))
    assert outcomes == {a.number: ReviewItem.Outcome.CONFIRMED, b.number: ReviewItem.Outcome.CHANGED}
    a.refresh_from_db()
    assert a.last_reviewed == dt.date(2026, 12, 6)


def read_sample(name):
    return files.read_file(name, (DATA / name).read_bytes())


@pytest.mark.parametrize("name", ["sample_ledger.xlsx", "sample_ledger_utf8.csv", "sample_ledger_cp932.csv"])
def test_the_60_row_sample_imports_and_exports_losslessly(manager, name):
    read = read_sample(name)
    outcome = services.ledger_import(
        organisation=manager.organisation, actor=manager, rows=read.rows, errors=read.errors
    )
    assert outcome.errors == [] and len(outcome.created) == 60
    assert len(outcome.departments) == 5  # 総務部 exists already
    entries = LedgerEntry.objects.filter(organisation=manager.organisation).order_by("number")
    rows, _extras = services.export_rows(entries)
    assert rows == [row for _line, row in read.rows]
    # and through the files themselves, both ways
    original = (DATA / "sample_ledger_utf8.csv").read_bytes().decode("utf-8")
    # the one cell of the sample that a spreadsheet would run as a formula is written inert
    assert original.count('"=当社') == 1
    inert = original.replace('"=当社', "\"'=当社")
    assert files.write_csv(rows).decode("utf-8-sig") == inert
    assert files.write_csv(rows, encoding="cp932").decode("cp932") == inert
    assert [row for _line, row in files.read_csv(files.write_csv(rows)).rows] == rows
    assert [row for _line, row in files.read_xlsx(files.write_xlsx(rows)).rows] == rows


def test_re_importing_the_export_changes_nothing(manager):
    read = read_sample("sample_ledger_utf8.csv")
    services.ledger_import(organisation=manager.organisation, actor=manager, rows=read.rows, errors=[])
    rows, extras = services.export_rows(
        LedgerEntry.objects.filter(organisation=manager.organisation).order_by("number")
    )
    again = files.read_xlsx(files.write_xlsx(rows, extras))
    outcome = services.ledger_import(
        organisation=manager.organisation, actor=manager, rows=again.rows, errors=again.errors
    )
    assert outcome.errors == [] and outcome.created == [] and outcome.changed == []
    assert len(outcome.unchanged) == 60


def test_bad_rows_are_reported_by_line_and_nothing_is_written(manager):
    text = (DATA / "sample_ledger_utf8.csv").read_text(encoding="utf-8").splitlines()
    header, first, second = text[0], text[1], text[2]
    bad = second.replace(",182,", ",たくさん,", 1).replace(",紙,", ",クラウド,", 1)
    data = "\r\n".join([header, first, bad, ",,,,"]).encode("cp932")
    read = files.read_csv(data)
    assert read.encoding == "cp932"
    lines = sorted({line for line, _ in read.errors})
    assert lines == [3]
    assert any("件数" in message for _, message in read.errors)
    assert any("媒体" in message and "紙・電子" in message for _, message in read.errors)
    outcome = services.ledger_import(
        organisation=manager.organisation, actor=manager, rows=read.rows, errors=read.errors
    )
    assert outcome.errors and not LedgerEntry.objects.exists()


def test_a_file_without_the_header_is_refused_clearly():
    with pytest.raises(files.FileError, match="情報名"):
        files.read_csv(b"a,b\r\n1,2\r\n")
    with pytest.raises(files.FileError):
        files.read_xlsx(b"not a workbook")
