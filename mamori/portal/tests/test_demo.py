import pytest
from django.core.management import call_command

from mamori.accounts.models import User
from mamori.incidents.models import Incident
from mamori.response.models import ChainStep
from mamori.training.models import Campaign

pytestmark = pytest.mark.django_db


def test_demo_loads_every_role_and_a_dozen_incidents_and_is_idempotent():
    call_command("demo")
    call_command("demo")
    assert set(User.objects.values_list("role", flat=True)) == {
        "manager",
        "auditor",
        "department_manager",
        "employee",
        "executive",
    }
    incidents = Incident.objects.all()
    assert incidents.count() == 12
    statuses = set(incidents.values_list("appi_status", flat=True))
    assert statuses == {"reportable", "not_reportable", "needs_review"}
    grounds = {g for i in incidents for g in i.appi_grounds}
    assert grounds == {"over_1000", "special_care", "property_damage", "unauthorized_purpose"}
    assert incidents.filter(is_near_miss=True).exists()
    org = incidents.first().organisation
    assert ChainStep.objects.filter(organisation=org).count() == 3
    campaign = Campaign.objects.get(organisation=org)
    assert campaign.assignments.count() == User.objects.filter(organisation=org).count()
