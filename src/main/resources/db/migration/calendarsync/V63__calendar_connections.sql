-- A staff member's own Google or Microsoft 365 calendar, connected through OAuth (calendarsync).
-- The tokens are sealed by the application (AES-256-GCM under ROOMTONE_ENCRYPTION_KEY, bound to
-- the studio, the staff member, the provider and the field): a dump or backup gives none away.
-- "broken" means the provider refused the grant (revoked, expired): work waits until reconnected.
CREATE TABLE calendar_connection (
    studio_id             uuid        NOT NULL REFERENCES studio (id),
    staff_id              uuid        NOT NULL,
    provider              text        NOT NULL CHECK (provider IN ('google', 'microsoft')),
    status                text        NOT NULL CHECK (status IN ('connected', 'broken')),
    access_token_sealed   bytea       NOT NULL CHECK (length(access_token_sealed) <= 16384),
    access_expires_at     timestamptz NOT NULL,
    refresh_token_sealed  bytea       CHECK (length(refresh_token_sealed) <= 16384),
    connected_at          timestamptz NOT NULL,
    last_success_at       timestamptz,
    last_error            text        CHECK (length(last_error) <= 1000),
    last_error_at         timestamptz,
    PRIMARY KEY (studio_id, staff_id, provider),
    FOREIGN KEY (studio_id, staff_id) REFERENCES staff (studio_id, id) ON DELETE CASCADE
);

-- The OAuth "state" of a connection under way: random, stored hashed, bound to the staff member
-- and provider, single use (deleted when used) and short-lived.
CREATE TABLE calendar_oauth_state (
    studio_id   uuid        NOT NULL REFERENCES studio (id),
    state_hash  text        NOT NULL CHECK (length(state_hash) = 64),
    staff_id    uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    provider    text        NOT NULL CHECK (provider IN ('google', 'microsoft')),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (studio_id, state_hash),
    FOREIGN KEY (studio_id, staff_id) REFERENCES staff (studio_id, id) ON DELETE CASCADE
);
CREATE INDEX calendar_oauth_state_expiry ON calendar_oauth_state (studio_id, expires_at);

-- What a studio puts into its staff's calendars beyond the booking code and room: the client as
-- a guest only when it says so (off by default: the client's e-mail goes to a third party).
CREATE TABLE calendar_sync_settings (
    studio_id       uuid    PRIMARY KEY REFERENCES studio (id),
    invite_clients  boolean NOT NULL DEFAULT false
);

ALTER TABLE calendar_connection ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_connection FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON calendar_connection
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE calendar_oauth_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_oauth_state FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON calendar_oauth_state
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE calendar_sync_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_sync_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON calendar_sync_settings
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_connection, calendar_oauth_state, calendar_sync_settings
    TO ${app_role};
