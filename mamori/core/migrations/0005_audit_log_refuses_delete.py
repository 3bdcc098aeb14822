"""Refuse DELETE of audit rows on SQLite too, TRUNCATE on PostgreSQL, and any change of the seals.

The test runner empties tables between tests; it does so inside ``core.auditguard.audit_purge``, which
the triggers ask (a connection function on SQLite, a session setting on PostgreSQL). Outside that block
the database refuses. On PostgreSQL the app's role should not own these tables at all (deploy/).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER core_auditlogentry_no_delete BEFORE DELETE ON core_auditlogentry
    WHEN mamori_audit_purge_allowed() = 0
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
    """CREATE TRIGGER core_auditlogseal_no_update BEFORE UPDATE ON core_auditlogseal
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
    """CREATE TRIGGER core_auditlogseal_no_delete BEFORE DELETE ON core_auditlogseal
    WHEN mamori_audit_purge_allowed() = 0
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditlogentry_no_delete;",
    "DROP TRIGGER IF EXISTS core_auditlogseal_no_update;",
    "DROP TRIGGER IF EXISTS core_auditlogseal_no_delete;",
]

PG_FORWARD = [
    """CREATE OR REPLACE FUNCTION core_audit_no_truncate() RETURNS trigger AS $$
    BEGIN
        IF current_setting('mamori.audit_purge', true) IS DISTINCT FROM 'on' THEN
            RAISE EXCEPTION 'the audit log is append-only';
        END IF;
        RETURN NULL;
    END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditlogentry_no_truncate BEFORE TRUNCATE ON core_auditlogentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_no_truncate();""",
    """CREATE TRIGGER core_auditlogseal_no_change BEFORE UPDATE OR DELETE ON core_auditlogseal
    FOR EACH ROW EXECUTE FUNCTION core_auditlogentry_append_only();""",
    """CREATE TRIGGER core_auditlogseal_no_truncate BEFORE TRUNCATE ON core_auditlogseal
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_no_truncate();""",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditlogentry_no_truncate ON core_auditlogentry;",
    "DROP TRIGGER IF EXISTS core_auditlogseal_no_change ON core_auditlogseal;",
    "DROP TRIGGER IF EXISTS core_auditlogseal_no_truncate ON core_auditlogseal;",
    "DROP FUNCTION IF EXISTS core_audit_no_truncate();",
]


def _run(schema_editor, sqlite, pg):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": sqlite, "postgresql": pg}.get(vendor, []):
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, SQLITE_FORWARD, PG_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, SQLITE_BACKWARD, PG_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_log_seal")]
    operations = [migrations.RunPython(forward, backward)]
