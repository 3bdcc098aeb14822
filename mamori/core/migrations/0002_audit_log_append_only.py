"""Make the audit log append-only in the database itself, not only in the ORM.

UPDATE is refused on every backend; DELETE is refused on PostgreSQL (production). SQLite keeps DELETE
possible because the test runner empties tables with DELETE between tests (PostgreSQL uses TRUNCATE,
which row triggers do not see).
"""

from django.db import migrations

SQLITE_FORWARD = """
CREATE TRIGGER core_auditlogentry_no_update BEFORE UPDATE ON core_auditlogentry
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS core_auditlogentry_no_update;"

PG_FORWARD = """
CREATE OR REPLACE FUNCTION core_auditlogentry_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditlogentry_no_change BEFORE UPDATE OR DELETE ON core_auditlogentry
FOR EACH ROW EXECUTE FUNCTION core_auditlogentry_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS core_auditlogentry_no_change ON core_auditlogentry;
DROP FUNCTION IF EXISTS core_auditlogentry_append_only();
"""


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)
    elif vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)
    elif vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
