-- Extensions for range exclusion constraints (btree_gist) and random UUIDs and digests (pgcrypto).
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Requests run as this role (SET ROLE on every pooled connection). It is neither superuser nor
-- BYPASSRLS, so the row-level security policies below really apply to it. Roles are global to the
-- server, so it may already exist when a second Roomtone database shares the server.
DO $$
BEGIN
    CREATE ROLE ${app_role} NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$$;
GRANT ${app_role} TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};

-- The studio (tenant) of the current transaction, set with set_config(..., true) by the
-- transaction manager. No setting means no studio: policies then match no row at all.
CREATE FUNCTION current_studio_id() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('roomtone.studio_id', true), '')::uuid $$;

-- Idempotency keys. The scope names the studio and the caller, so keys of different callers never
-- meet; the table is read before a request's studio is known, hence no row-level security.
CREATE TABLE idempotency_key (
    scope                 text        NOT NULL,
    key                   text        NOT NULL,
    request_hash          text        NOT NULL,
    status                text        NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response_status       int,
    response_content_type text,
    response_body         bytea,
    created_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
