import datetime as dt

import pytest

from mamori.audits import services
from mamori.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def test_corrective_action_lifecycle_is_audited(incident, manager, employee):
    ca = services.corrective_action_create(
        actor=manager,
        incident=incident,
        title="宛先確認の二重チェック",
        cause_analysis="確認不足",
        action="外部宛メールは送信前に上長が確認する",
        owner=employee,
        due_on=dt.date(2026, 12, 15),
    )
    assert list(incident.corrective_actions.all()) == [ca]
    with pytest.raises(ValueError):
        services.corrective_action_review(
            ca=ca, actor=manager, reviewed_on=dt.date(2027, 1, 10), effective=True
        )
    services.corrective_action_complete(ca=ca, actor=employee, completed_on=dt.date(2026, 12, 10))
    services.corrective_action_review(ca=ca, actor=manager, reviewed_on=dt.date(2027, 3, 1), effective=True)
    ca.refresh_from_db()
    assert ca.is_done and ca.effective is True
    actions = set(
        AuditLogEntry.objects.filter(object_type="audits.correctiveaction").values_list("action", flat=True)
    )
    assert actions == {
        "audits.corrective_action.created",
        "audits.corrective_action.completed",
        "audits.corrective_action.reviewed",
    }


def test_corrective_action_for_another_organisations_incident_is_refused(incident, outsider):
    with pytest.raises(ValueError):
        services.corrective_action_create(
            actor=outsider,
            incident=incident,
            title="x",
            cause_analysis="x",
            action="x",
            owner=outsider,
            due_on=dt.date(2026, 12, 1),
        )
