"""Report facts, drafts from the record, and filings: audited, deadlines and status moved on."""

import datetime as dt

import pytest
from django.utils import timezone

from mamori.audits.services import corrective_action_create
from mamori.core.models import AuditLogEntry
from mamori.core.services import REDACTED
from mamori.incidents import services as incident_services
from mamori.incidents.filings import filed_deadline_kinds
from mamori.reports import queries, services
from mamori.reports.models import FiledReport
from mamori.reports.tests.readers import fill_letter_items
from mamori.testing.factories import make_incident

pytestmark = pytest.mark.django_db

SETTLED = {
    "special_care": False,
    "property_damage_risk": False,
    "unauthorized_purpose": False,
    "advanced_encryption": False,
    "recovered_before_viewed": False,
    "my_number": False,
}


@pytest.fixture
def reportable(employee, manager):
    """A leak of 1,001 persons' names and e-mail addresses: reportable to the PPC, coded by the manager."""
    incident = make_incident(employee, persons=1001)
    return incident_services.incident_triage(
        incident=incident, actor=manager, cause="insufficient_check", **SETTLED
    )


def file(incident, manager, kind="ppc", stage="preliminary", **overrides):
    values = {
        "incident": incident,
        "actor": manager,
        "kind": kind,
        "stage": stage,
        "filed_at": timezone.now(),
        "channel": "web_form",
    }
    values.update(overrides)
    return services.report_file(**values)


def test_draft_is_made_from_the_record_with_japanese_labels(reportable, manager):
    report = queries.build_report(reportable, "ppc", "preliminary")
    items = {item.key: item.body for item in report.items}
    assert items["data_items"] == "氏名、メールアドレス"
    assert items["persons"] == "1,001人"
    assert items["cause"] == "調査中"  # the manager's account of the cause, not the JIPDEC coding
    assert "報告対象事態：" in items["summary"]
    assert items["secondary_damage"] == "調査中"


def test_report_details_fill_the_items_the_record_does_not_hold(reportable, manager):
    services.report_details_update(
        incident=reportable,
        actor=manager,
        secondary_damage="二次被害は確認されていない。",
        public_announcement="公表しない。",
    )
    items = {i.key: i.body for i in queries.build_report(reportable, "ppc", "final").items}
    assert items["secondary_damage"] == "二次被害は確認されていない。"
    assert items["public_announcement"] == "公表しない。"
    entry = AuditLogEntry.objects.get(action="reports.details.updated")
    assert entry.data == {
        "fields": ["public_announcement", "secondary_damage"]
    }  # names only, never the texts


def test_corrective_actions_become_the_recurrence_prevention_item(reportable, manager):
    corrective_action_create(
        actor=manager,
        incident=reportable,
        title="宛先確認の徹底",
        cause_analysis="宛先の入力補完",
        action="送信前に宛先を二名で確認する。",
        owner=manager,
        due_on=dt.date(2026, 12, 25),
    )
    items = {i.key: i.body for i in queries.build_report(reportable, "ppc", "final").items}
    assert items["prevention"].startswith("・宛先確認の徹底：送信前に宛先を二名で確認する。")


def test_only_the_manager_may_change_the_report_details(reportable, auditor):
    with pytest.raises(PermissionError):
        services.report_details_update(incident=reportable, actor=auditor, other_notes="x")


def test_unknown_detail_fields_are_refused_and_nothing_is_saved(reportable, manager):
    with pytest.raises(ValueError):
        services.report_details_update(incident=reportable, actor=manager, persons=5)
    assert not hasattr(reportable, "report_details") or reportable.report_details.pk is None


def test_filing_keeps_the_exact_text_and_hashes_and_is_audited(reportable, manager):
    report = queries.build_report(reportable, "ppc", "preliminary")
    filed = file(reportable, manager, note="受付番号 12345", expected_sha256=report.sha256())
    assert filed.version == 1
    assert filed.content_text == report.text()
    assert filed.content_sha256 == report.sha256()
    assert len(filed.pdf_sha256) == 64
    entry = AuditLogEntry.objects.get(action="reports.report.filed")
    assert entry.actor == manager
    assert entry.data["kind"] == "ppc" and entry.data["stage"] == "preliminary"
    assert entry.data["sha256"] == report.sha256()
    assert entry.data["note"] == REDACTED
    assert reportable.timeline.filter(kind="note", text__contains="速報").exists()


def test_filing_the_preliminary_report_drops_its_target_from_the_next_deadline(reportable, manager):
    reportable.refresh_from_db()
    assert reportable.preliminary_target is not None
    assert reportable.next_deadline == reportable.preliminary_target
    file(reportable, manager)
    reportable.refresh_from_db()
    # The Privacy Mark 速報 (over 1,000 persons) has the same day-5 target and is still open.
    assert reportable.next_deadline == reportable.preliminary_target
    file(reportable, manager, kind="pmark", stage="preliminary")
    reportable.refresh_from_db()
    assert reportable.next_deadline == min(reportable.final_due, reportable.pmark_final_due)
    # A later re-evaluation of the facts does not bring the met deadline back.
    incident_services.incident_triage(incident=reportable, actor=manager, persons=1200)
    reportable.refresh_from_db()
    assert reportable.next_deadline == min(reportable.final_due, reportable.pmark_final_due)


def test_filing_both_final_reports_leaves_no_deadline(reportable, manager):
    file(reportable, manager, stage="final")
    reportable.refresh_from_db()
    assert reportable.next_deadline == reportable.preliminary_target  # the Privacy Mark 速報 target
    file(reportable, manager, kind="pmark", stage="final")
    reportable.refresh_from_db()
    assert reportable.next_deadline is None


def test_filing_moves_the_status_on_but_never_back(reportable, manager):
    fill_letter_items(reportable, manager)
    file(reportable, manager, kind="notice", stage="final", channel="post")
    reportable.refresh_from_db()
    assert reportable.status == "individuals"
    file(reportable, manager)
    reportable.refresh_from_db()
    assert reportable.status == "authority_report"
    file(reportable, manager, kind="announcement", stage="final", channel="website")
    reportable.refresh_from_db()
    assert reportable.status == "authority_report"


def test_filing_again_makes_a_new_version(reportable, manager):
    file(reportable, manager)
    services.report_details_update(incident=reportable, actor=manager, secondary_damage="なし")
    second = file(reportable, manager)
    assert second.version == 2
    assert FiledReport.objects.filter(incident=reportable).count() == 2


def test_a_draft_changed_since_it_was_shown_is_not_recorded(reportable, manager):
    shown = queries.build_report(reportable, "ppc", "preliminary").sha256()
    services.report_details_update(incident=reportable, actor=manager, secondary_damage="なし")
    with pytest.raises(services.FilingError):
        file(reportable, manager, expected_sha256=shown)
    assert not FiledReport.objects.exists()
    assert not AuditLogEntry.objects.filter(action="reports.report.filed").exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"kind": "notice", "stage": "preliminary"},
        {"kind": "letter"},
        {"channel": "pigeon"},
        {"filed_at": timezone.now() + dt.timedelta(days=1)},
        {"filed_at": timezone.now() - dt.timedelta(days=400)},
    ],
)
def test_bad_filings_are_refused_and_change_nothing(reportable, manager, overrides):
    before = reportable.next_deadline
    with pytest.raises(services.FilingError):
        file(reportable, manager, **overrides)
    reportable.refresh_from_db()
    assert not FiledReport.objects.exists()
    assert reportable.next_deadline == before


def test_only_the_manager_of_the_organisation_files(reportable, auditor, outsider):
    for actor in (auditor, outsider):
        with pytest.raises(PermissionError):
            file(reportable, actor)
    assert not FiledReport.objects.exists()


def test_a_near_miss_is_not_filed(employee, manager):
    near_miss = make_incident(employee, is_near_miss=True)
    with pytest.raises(services.FilingError):
        file(near_miss, manager)


def test_filed_reports_tell_the_register_which_deadlines_are_met(reportable, manager):
    assert filed_deadline_kinds(reportable) == frozenset()
    file(reportable, manager, kind="ppc", stage="preliminary")
    # One PPC form takes the Art. 26 and the My Number report: filing it settles both reminders.
    assert filed_deadline_kinds(reportable) == {"appi.preliminary_report", "my_number.preliminary_report"}
    file(reportable, manager, kind="ppc", stage="final")
    assert filed_deadline_kinds(reportable) == {
        "appi.preliminary_report",
        "appi.final_report",
        "my_number.preliminary_report",
        "my_number.final_report",
    }
