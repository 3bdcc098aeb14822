import datetime as dt

import pytest
from django.utils import timezone

from mamori.core.models import AuditLogEntry
from mamori.incidents import services
from mamori.incidents.models import Incident
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


def test_new_report_needs_review_until_the_facts_are_known(employee):
    incident = make_incident(employee)
    assert incident.appi_status == "needs_review"
    assert incident.number.endswith("-0001")
    assert incident.events == ["leak"]
    assert incident.known_on == timezone.localdate(incident.discovered_at)
    assert incident.determinations.count() == 1


def test_special_care_category_at_intake_marks_the_fact(employee):
    incident = make_incident(employee, data_categories=["name", "health"])
    assert incident.special_care is True
    assert incident.appi_status == "needs_review"  # encryption still unknown


def test_triage_re_evaluates_and_keeps_the_history(employee, manager):
    incident = make_incident(employee, persons=1001)
    services.incident_triage(incident=incident, actor=manager, **SETTLED)
    incident.refresh_from_db()
    assert incident.appi_status == "reportable"
    assert incident.appi_grounds == ["over_1000"]
    assert incident.final_due is not None
    assert incident.determinations.count() == 2
    services.incident_triage(incident=incident, actor=manager, persons=1000)
    incident.refresh_from_db()
    assert incident.appi_status == "not_reportable"
    assert incident.final_due is None
    statuses = list(incident.determinations.values_list("appi_status", flat=True))
    assert statuses == ["not_reportable", "reportable", "needs_review"]
    assert incident.timeline.filter(kind="determination").count() == 2


def test_final_due_follows_the_legal_counting(employee, manager):
    incident = make_incident(employee, persons=1001)
    services.incident_triage(incident=incident, actor=manager, known_on=dt.date(2026, 11, 30), **SETTLED)
    incident.refresh_from_db()
    assert incident.final_due == dt.date(2027, 1, 4)


def test_unchanged_triage_writes_no_new_determination(employee, manager):
    incident = make_incident(employee)
    services.incident_triage(incident=incident, actor=manager, **SETTLED)
    count = incident.determinations.count()
    services.incident_triage(incident=incident, actor=manager, **SETTLED)
    assert incident.determinations.count() == count


def test_near_miss_is_never_reportable(employee):
    incident = make_incident(employee, is_near_miss=True, persons=5000)
    assert incident.appi_status == "not_reportable"
    assert incident.events == []
    assert incident.next_deadline is None


def test_every_change_is_audited_with_personal_text_redacted(employee, manager):
    incident = make_incident(employee, description="山田様の住所を誤送信")
    services.incident_add_note(incident=incident, actor=manager, text="山田様に電話済み")
    entries = AuditLogEntry.objects.filter(object_id=str(incident.pk), object_type="incidents.incident")
    actions = set(entries.values_list("action", flat=True))
    assert {
        "incidents.incident.created",
        "incidents.note.added",
        "incidents.determination.changed",
    } <= actions
    blob = str(list(entries.values_list("data", flat=True)))
    assert "山田" not in blob
    assert "[redacted]" in blob


def test_closing_requires_triage(employee, manager):
    incident = make_incident(employee)
    with pytest.raises(services.TransitionError):
        services.incident_set_status(incident=incident, actor=manager, status="closed")
    services.incident_triage(incident=incident, actor=manager, **SETTLED)
    services.incident_set_status(incident=incident, actor=manager, status="closed")
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.closed_at is not None
    assert incident.next_deadline is None


def test_unknown_status_is_refused_and_changes_nothing(incident, manager):
    with pytest.raises(services.TransitionError):
        services.incident_set_status(incident=incident, actor=manager, status="bogus")
    assert Incident.objects.get(pk=incident.pk).status == "received"


def test_numbers_are_sequential_per_organisation(employee, outsider):
    first = make_incident(employee)
    second = make_incident(employee)
    other = make_incident(outsider)
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1
    assert other.number.endswith("-0001")


def test_triage_refuses_fields_that_are_not_facts(incident, manager):
    with pytest.raises(ValueError):
        services.incident_triage(incident=incident, actor=manager, reporter_id=manager.pk)


def test_managers_are_mailed_about_a_new_report_without_its_details(
    employee, manager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(employee, description="山田様の住所を誤送信")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [manager.email]
    assert incident.number in mail.subject
    assert f"/incidents/{incident.pk}/" in mail.body
    assert "山田" not in mail.body


def test_a_near_miss_reclassified_at_triage_is_judged_on_its_facts(employee, manager):
    """A near miss switches off no regime once the manager codes events (or makes it an accident)."""
    incident = make_incident(employee, is_near_miss=True, persons=1001)
    assert incident.appi_status == "not_reportable" and incident.events == []
    incident = services.incident_triage(incident=incident, actor=manager, events=["leak"], **SETTLED)
    assert incident.is_near_miss is True and incident.appi_status == "reportable"
    incident = services.incident_triage(incident=incident, actor=manager, is_near_miss=False)
    assert incident.is_near_miss is False and incident.appi_status == "reportable"
    assert "is_near_miss" in incident.timeline.filter(kind="triage").last().data["fields"]


def test_a_processor_incident_asks_for_the_notice_to_the_controller(employee, manager):
    incident = make_incident(employee, persons=1001)
    incident = services.incident_triage(
        incident=incident, actor=manager, role="processor", contractor="株式会社サンプル商事", **SETTLED
    )
    assert incident.appi_status == "notify_controller"
    assert incident.final_due is None
    latest = incident.determinations.first()
    assert latest.result["appi"]["controller_notice_due"]["target"]
