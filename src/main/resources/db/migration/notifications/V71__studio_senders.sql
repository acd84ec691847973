-- A studio's own SMTP server and its own Twilio account: its mail and texts go out through them
-- instead of the installation's. The password and the auth token are sealed by the application
-- (AES-256-GCM under ROOMTONE_ENCRYPTION_KEY, bound to the studio and the field), so a database
-- dump or backup gives neither away; the hint (their last four characters) lets the owner
-- recognise them. The checks repeat the application's validation, so that no other writer can
-- store what the dispatcher would choke on.
CREATE TABLE studio_smtp_server (
    studio_id       uuid        PRIMARY KEY REFERENCES studio (id),
    host            text        NOT NULL CHECK (length(host) <= 253 AND host ~ '^[A-Za-z0-9.-]+$'),
    port            integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    security        text        NOT NULL CHECK (security IN ('starttls', 'ssl', 'none')),
    username        text        CHECK (length(username) <= 254),
    password_sealed bytea       CHECK (length(password_sealed) <= 1024),
    password_hint   text        CHECK (length(password_hint) <= 8),
    from_address    text        NOT NULL CHECK (length(from_address) <= 254),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((username IS NULL) = (password_sealed IS NULL))
);

CREATE TABLE studio_twilio_account (
    studio_id         uuid        PRIMARY KEY REFERENCES studio (id),
    account_sid       text        NOT NULL CHECK (account_sid ~ '^AC[0-9a-f]{32}$'),
    auth_token_sealed bytea       NOT NULL CHECK (length(auth_token_sealed) <= 1024),
    auth_token_hint   text        NOT NULL CHECK (length(auth_token_hint) <= 8),
    -- a phone number in E.164 form, or a messaging service
    sender            text        NOT NULL CHECK (sender ~ '^(\+[1-9][0-9]{7,14}|MG[0-9a-f]{32})$'),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE studio_smtp_server ENABLE ROW LEVEL SECURITY;
ALTER TABLE studio_smtp_server FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON studio_smtp_server
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE studio_twilio_account ENABLE ROW LEVEL SECURITY;
ALTER TABLE studio_twilio_account FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON studio_twilio_account
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON studio_smtp_server, studio_twilio_account TO ${app_role};
