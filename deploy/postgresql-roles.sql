-- PostgreSQL roles for mamori: the application does not own the audit log, so it cannot delete,
-- truncate or rewrite it, whatever the code does. Run as a superuser, after every `mamori migrate`:
--
--   psql -d mamori -v ON_ERROR_STOP=1 -f deploy/postgresql-roles.sql
--
-- mamori_owner owns the schema and runs migrations (DATABASE_URL=postgres://mamori_owner@.../mamori
-- mamori migrate); mamori_app is the role in /etc/mamori/mamori.env used by gunicorn, runperiodic and the
-- mail guard. Set passwords with \password. An existing install whose tables belong to one role moves them
-- first: REASSIGN OWNED BY mamori TO mamori_owner;
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mamori_owner') THEN
        CREATE ROLE mamori_owner LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mamori_app') THEN
        CREATE ROLE mamori_app LOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO mamori_app', current_database());
END $$;

GRANT USAGE ON SCHEMA public TO mamori_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO mamori_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO mamori_app;
ALTER DEFAULT PRIVILEGES FOR ROLE mamori_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO mamori_app;
ALTER DEFAULT PRIVILEGES FOR ROLE mamori_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO mamori_app;

-- The audit log and its daily seals: read and append only.
REVOKE UPDATE, DELETE, TRUNCATE ON core_auditlogentry, core_auditlogseal FROM mamori_app;
