-- Studios are the tenants. Their names, slugs, zone and currency are not secret (the public booking
-- pages show them, and anonymous requests are routed by slug), so this table has no row-level policy.
CREATE TABLE studio (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug       text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    timezone   text        NOT NULL DEFAULT 'America/Toronto',
    currency   char(3)     NOT NULL DEFAULT 'CAD',
    is_default boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX studio_single_default ON studio (is_default) WHERE is_default;

CREATE TABLE app_user (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id     uuid        NOT NULL REFERENCES studio (id),
    email         text        NOT NULL CHECK (email = lower(email)),
    name          text        NOT NULL,
    phone         text,
    password_hash text,
    role          text        NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'client')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (studio_id, email),
    -- Target of composite foreign keys: a row of one studio can never point at another studio's user.
    UNIQUE (studio_id, id)
);

-- Session, API and invitation tokens, stored only as SHA-256 digests. Looked up by digest before the
-- request's studio is known, so, like idempotency keys, outside row-level security.
CREATE TABLE auth_token (
    token_hash text PRIMARY KEY,
    studio_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    purpose    text        NOT NULL CHECK (purpose IN ('session', 'invitation')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    FOREIGN KEY (studio_id, user_id) REFERENCES app_user (studio_id, id) ON DELETE CASCADE
);
CREATE INDEX auth_token_user ON auth_token (studio_id, user_id);
CREATE INDEX auth_token_expiry ON auth_token (expires_at);

-- Append-only record of every administrative change.
CREATE TABLE audit_log (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id     uuid        NOT NULL REFERENCES studio (id),
    actor_user_id uuid,
    actor         text        NOT NULL,
    action        text        NOT NULL,
    entity        text        NOT NULL,
    entity_id     uuid,
    diff          jsonb       NOT NULL DEFAULT '{}',
    -- clock time, not transaction start, so that entries written by one transaction stay ordered
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX audit_log_recent ON audit_log (studio_id, created_at DESC, id);
CREATE INDEX audit_log_entity ON audit_log (studio_id, entity, entity_id);
REVOKE UPDATE, DELETE ON audit_log FROM ${app_role};

ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_user FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON app_user
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON audit_log
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
