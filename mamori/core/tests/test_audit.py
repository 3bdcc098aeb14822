import pytest
from django.db import DatabaseError, connection, transaction

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
