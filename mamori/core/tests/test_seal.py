"""The daily hash chain over the audit log proves that nothing was removed or changed."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection

from mamori.core import seal
from mamori.core.auditguard import audit_purge
from mamori.core.models import AuditLogSeal
from mamori.core.services import log_action

pytestmark = pytest.mark.django_db
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def _entries_on_three_days(org, manager):
    ids = []
    for day in (1, 2, 4):  # nothing on the 3rd: the chain still has a seal for it
        with time_machine.travel(dt.datetime(2026, 3, day, 10, tzinfo=TOKYO), tick=False):
            ids += [log_action(org, "core.test", actor=manager, data={"n": i}).pk for i in range(3)]
    return ids


def _delete_as_owner(table: str, where: str, value) -> None:
    """Delete rows the way a database owner still could (SQLite: the purge hook; PostgreSQL: no triggers)."""
    with audit_purge(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(f"DELETE FROM {table} WHERE {where} = %s", [value])  # noqa: S608 - fixed names


def _verify_output(capsys) -> str:
    call_command("audit", "verify-log")
    return capsys.readouterr().out


def test_sealed_days_verify_and_a_second_run_seals_nothing(org, manager, capsys):
    _entries_on_three_days(org, manager)
    with time_machine.travel(dt.datetime(2026, 3, 6, 1, tzinfo=TOKYO)):
        assert seal.seal_days() == "5 days sealed"  # 1st..5th
        assert seal.seal_days() == "0 days sealed"
    assert AuditLogSeal.objects.get(day=dt.date(2026, 3, 3)).entries == 0
    out = _verify_output(capsys)
    assert "5 days sealed (up to 2026-03-05), 9 entries" in out and "MISMATCH" not in out


def test_verify_log_fails_when_an_entry_was_removed_behind_the_apps_back(org, manager, capsys):
    ids = _entries_on_three_days(org, manager)
    with time_machine.travel(dt.datetime(2026, 3, 6, 1, tzinfo=TOKYO)):
        seal.seal_days()
    _delete_as_owner("core_auditlogentry", "id", ids[4])
    with pytest.raises(CommandError, match="does not match"):
        call_command("audit", "verify-log")
    assert "MISMATCH: 2026-03-02: 3 entries sealed, 2 found" in capsys.readouterr().out


def test_verify_log_fails_when_an_entry_was_changed(org, manager, capsys):
    ids = _entries_on_three_days(org, manager)
    with time_machine.travel(dt.datetime(2026, 3, 6, 1, tzinfo=TOKYO)):
        seal.seal_days()
    trigger = (
        "core_auditlogentry_no_update" if connection.vendor == "sqlite" else "core_auditlogentry_no_change"
    )
    with connection.cursor() as cursor:  # an owner can drop the trigger; the seal still tells
        table_clause = "" if connection.vendor == "sqlite" else " ON core_auditlogentry"
        cursor.execute(f"DROP TRIGGER {trigger}{table_clause}")
        cursor.execute("UPDATE core_auditlogentry SET action = 'forged' WHERE id = %s", [ids[0]])
    with pytest.raises(CommandError):
        call_command("audit", "verify-log")
    assert "MISMATCH: 2026-03-01: entries were changed after sealing" in capsys.readouterr().out


def test_verify_log_fails_when_a_whole_sealed_day_is_missing(org, manager, capsys):
    _entries_on_three_days(org, manager)
    with time_machine.travel(dt.datetime(2026, 3, 6, 1, tzinfo=TOKYO)):
        seal.seal_days()
    _delete_as_owner("core_auditlogseal", "day", dt.date(2026, 3, 2))
    with pytest.raises(CommandError):
        call_command("audit", "verify-log")
    assert "seals missing" in capsys.readouterr().out


def test_seals_cannot_be_rewritten(org, manager):
    _entries_on_three_days(org, manager)
    with time_machine.travel(dt.datetime(2026, 3, 6, 1, tzinfo=TOKYO)):
        seal.seal_days()
    first = AuditLogSeal.objects.first()
    assert first is not None
    with pytest.raises(PermissionError):
        first.save()
    with pytest.raises(PermissionError):
        AuditLogSeal.objects.all().delete()
