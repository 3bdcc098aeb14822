import pytest
from django.db import DatabaseError, connection, transaction

from mamori.core.auditguard import audit_purge
from mamori.core.models import AuditLogEntry
from mamori.core.services import audit_entries_for, log_action, redact

pytestmark = pytest.mark.django_db


def test_entry_is_written_in_the_transaction_of_the_change(org, manager):
    with pytest.raises(RuntimeError), transaction.atomic():
        log_action(org, "core.test", actor=manager)
        raise RuntimeError("roll back")
    assert not AuditLogEntry.objects.filter(action="core.test").exists()
    log_action(org, "core.test", actor=manager, data={"x": 1})
    entry = audit_entries_for(org).get(action="core.test")
    assert entry.actor_name == "manager" and entry.data == {"x": 1}


def test_entries_cannot_be_changed_through_the_orm(org, manager):
    entry = log_action(org, "core.test", actor=manager)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditLogEntry.objects.filter(pk=entry.pk).update(action="x")


def test_database_refuses_updates_of_the_audit_log(org, manager):
    entry = log_action(org, "core.test", actor=manager)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditlogentry SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditLogEntry.objects.get(pk=entry.pk).action == "core.test"


def test_redact_hides_personal_free_text_but_keeps_the_key():
    data = redact({"description": "山田様", "persons": 3, "changes": {"note": "電話", "status": "x"}})
    assert data == {
        "description": "[redacted]",
        "persons": 3,
        "changes": {"note": "[redacted]", "status": "x"},
    }


def _refused(statement: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, params)
    except DatabaseError:
        return True
    return False


def test_database_refuses_deleting_audit_entries_with_raw_sql(org, manager):
    entry = log_action(org, "core.test", actor=manager)
    assert _refused("DELETE FROM core_auditlogentry WHERE id = %s", [entry.pk])
    assert _refused("DELETE FROM core_auditlogentry", [])
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()


def test_database_refuses_truncating_the_audit_log_on_postgresql(org, manager):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    log_action(org, "core.test", actor=manager)
    assert _refused("TRUNCATE core_auditlogentry", [])
    assert AuditLogEntry.objects.exists()


def test_every_orm_route_that_removes_or_changes_entries_is_refused(org, manager):
    from django.db.models.deletion import Collector

    entry = log_action(org, "core.test", actor=manager)
    routes = [
        lambda: AuditLogEntry._base_manager.all().delete(),
        lambda: AuditLogEntry._base_manager.filter(pk=entry.pk).update(action="x"),
        lambda: AuditLogEntry.objects.all()._raw_delete(using="default"),
        lambda: AuditLogEntry.objects.bulk_update([entry], ["action"]),
    ]
    for route in routes:
        with pytest.raises(PermissionError):
            route()
    collector = Collector(using="default")
    collector.collect([entry])
    with pytest.raises(DatabaseError), transaction.atomic():
        collector.delete()  # Django's deletion machinery bypasses querysets: the trigger refuses it
    assert AuditLogEntry.objects.filter(pk=entry.pk, action="core.test").exists()


def test_incident_titles_are_redacted_with_a_keyed_hash_and_entries_name_the_number(employee, manager):
    from mamori.incidents import services as incident_services
    from mamori.testing import factories

    incident = factories.make_incident(employee, title="山田花子様の健診結果を誤送付")
    incident_services.incident_triage(incident=incident, actor=manager, title="佐藤一郎様宛て誤送付")
    entries = AuditLogEntry.objects.filter(object_type="incidents.incident")
    blob = str(list(entries.values_list("data", "object_repr")))
    assert "山田" not in blob and "佐藤" not in blob
    assert set(entries.values_list("object_repr", flat=True)) == {incident.number}
    created = entries.get(action="incidents.incident.created").data["title"]
    change = entries.get(action="incidents.incident.triaged").data["changes"]["title"]
    assert created.startswith("[redacted] #") and change["old"] == created
    assert change["new"].startswith("[redacted] #") and change["new"] != created  # provable, not readable


def test_the_deployed_app_role_can_append_but_not_delete_or_truncate_on_postgresql(org, manager):
    if connection.vendor != "postgresql":
        pytest.skip("roles are PostgreSQL's")
    from pathlib import Path

    import mamori

    sql = (Path(mamori.__file__).parent.parent / "deploy" / "postgresql-roles.sql").read_text()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.execute("SET LOCAL ROLE mamori_app")
    entry = log_action(org, "core.test", actor=manager)  # appending works
    for statement in ("DELETE FROM core_auditlogentry", "TRUNCATE core_auditlogentry"):
        with audit_purge(), pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
            with connection.cursor() as cursor:  # even with the triggers' purge switch on
                cursor.execute(statement)
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_log_filters_by_registered_action_without_reading_the_whole_log(client, org, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from mamori.core.services import log_action

    manager.is_staff = manager.is_superuser = True
    manager.save()
    log_action(org, "core.department.created", actor=manager, data={})
    log_action(org, "core.mail.retried", actor=manager, data={})
    client.force_login(manager)
    url = reverse("admin:core_auditlogentry_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert not any("DISTINCT" in q["sql"] for q in queries)
    assert "?action=core.mail.retried" in page and "core.organisation.created" in page
    filtered = client.get(url + "?action=core.mail.retried").content.decode()
    assert 'field-action">core.mail.retried<' in filtered
    assert (
        'field-action">core.department.created<' not in filtered
        and 'field-action">core.department.created<' in page
    )
