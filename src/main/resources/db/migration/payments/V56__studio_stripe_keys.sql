-- A studio's own Stripe account (multi-studio installations): the secret key and the webhook
-- signing secret are sealed by the application (AES-256-GCM under ROOMTONE_ENCRYPTION_KEY, bound to
-- the studio and the field), so a database dump or backup gives neither away. The publishable key
-- is public by design; the hint (the secret's last four characters) lets the owner recognise it.
CREATE TABLE studio_stripe_keys (
    studio_id             uuid        PRIMARY KEY REFERENCES studio (id),
    publishable_key       text        NOT NULL CHECK (publishable_key ~ '^pk_(test|live)_[A-Za-z0-9_]{1,240}$'),
    secret_key_sealed     bytea       NOT NULL CHECK (length(secret_key_sealed) <= 1024),
    secret_key_hint       text        NOT NULL CHECK (length(secret_key_hint) <= 8),
    webhook_secret_sealed bytea       NOT NULL CHECK (length(webhook_secret_sealed) <= 1024),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE studio_stripe_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE studio_stripe_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON studio_stripe_keys
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
