-- Account mails (issue 10): password reset, sign-in links and e-mail confirmation, each a
-- single-use link that expires. Unlike session tokens (auth_token, looked up by digest before the
-- request's studio is known), these are always used on a page or route of a known studio, so the
-- table is a tenant table like any other: keyed by studio first, under row-level security.
--
-- Only the SHA-256 digest of a token is stored: a copy of the database opens nothing. A used token
-- keeps its row (used_at set) until it is replaced, so "already used" is a state, not an absence.
-- expires_at and used_at are written from the application's clock (tests move it).
CREATE TABLE account_token (
    studio_id  uuid        NOT NULL,
    token_hash text        NOT NULL CHECK (length(token_hash) = 64),
    user_id    uuid        NOT NULL,
    purpose    text        NOT NULL CHECK (purpose IN ('password_reset', 'sign_in_link', 'email_confirmation')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (studio_id, token_hash),
    FOREIGN KEY (studio_id, user_id) REFERENCES app_user (studio_id, id) ON DELETE CASCADE
);
CREATE INDEX account_token_user ON account_token (studio_id, user_id, purpose);

ALTER TABLE account_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_token FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON account_token
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON account_token TO ${app_role};

-- A self-registration is not an account anyone can sign in to until its address is confirmed:
-- otherwise "register, then sign in with that password" would tell a stranger whether the address
-- had an account already. The chosen password waits in pending_password_hash and becomes the
-- password when the confirmation link is used. email_confirmed_at records that the holder of the
-- address proved it (a confirmation, sign-in or password-reset link); NULL for accounts made before.
ALTER TABLE app_user ADD COLUMN email_confirmed_at timestamptz;
ALTER TABLE app_user ADD COLUMN pending_password_hash text;
