"""The register's one answer to "which deadlines are met", filled by whichever app files reports."""

import datetime as dt

import pytest

from mamori.incidents import filings, services
from mamori.incidents.tests.test_services import SETTLED
from mamori.testing.factories import make_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_provider(monkeypatch):
    """Replace the registered providers (the reports app's) by one the test controls."""
    met: set[str] = set()
    monkeypatch.setattr(filings, "_PROVIDERS", [])
    filings.register_filed_provider(lambda incident: met)
    return met


def test_next_deadline_leaves_out_what_a_provider_says_is_met(employee, manager, only_provider):
    incident = make_incident(employee, persons=1001)
    incident = services.incident_triage(incident=incident, actor=manager, **SETTLED)
    assert incident.next_deadline == incident.preliminary_target
    only_provider.update({"appi.preliminary_report", "pmark.preliminary_report"})
    incident = services.incident_triage(incident=incident, actor=manager, persons=1002)
    assert incident.next_deadline == min(incident.final_due, incident.pmark_final_due)
    assert filings.filed_deadline_kinds(incident) == {"appi.preliminary_report", "pmark.preliminary_report"}


def test_a_closed_incident_has_no_next_deadline(employee, manager, only_provider):
    incident = make_incident(employee, persons=1001)
    incident = services.incident_triage(incident=incident, actor=manager, **SETTLED)
    incident = services.incident_set_status(incident=incident, actor=manager, status="closed")
    assert incident.final_due is not None
    assert filings.pending_deadline(incident) is None


def test_registering_a_provider_twice_counts_it_once(only_provider):
    filings.register_filed_provider(filings._PROVIDERS[0])
    assert len(filings._PROVIDERS) == 1


def test_a_my_number_incidents_preliminary_target_orders_the_dashboard(employee, manager, only_provider):
    """My Number Act Art. 29-4(1): its 速報 enters next_deadline even when Art. 26 does not apply."""
    incident = make_incident(employee, persons=150)
    incident = services.incident_triage(incident=incident, actor=manager, **{**SETTLED, "my_number": True})
    assert incident.appi_status == "not_reportable"
    assert incident.next_deadline == incident.known_on + dt.timedelta(days=4)
    only_provider.update({"my_number.preliminary_report", "pmark.preliminary_report"})
    incident = services.incident_triage(incident=incident, actor=manager, persons=151)
    assert incident.next_deadline == incident.pmark_final_due  # 30 calendar days, before the My Number 確報


def test_a_processors_notice_to_the_controller_orders_the_dashboard(employee, manager, only_provider):
    incident = make_incident(employee, persons=1001)
    incident = services.incident_triage(incident=incident, actor=manager, role="processor", **SETTLED)
    assert incident.next_deadline == incident.known_on + dt.timedelta(days=4)
    only_provider.update({"appi.controller_notice", "pmark.preliminary_report"})
    incident = services.incident_triage(incident=incident, actor=manager, persons=1002)
    assert incident.next_deadline == incident.pmark_final_due
