-- "Manage booking" links in a client's e-mails (issue 10): each mail carries its own random token,
-- kept here only as its SHA-256, which opens the booking without signing in. Viewing is repeatable
-- while the link is valid; each change made through it (a reschedule, a cancellation) consumes the
-- link's current action id with a conditional UPDATE in the change's own transaction, so that one
-- form sent any number of times changes the booking once, and the next form carries a fresh id.
-- A link is revoked once its booking is canceled, rejected, expired, completed or a no-show.
CREATE TABLE booking_manage_link (
    studio_id    uuid        NOT NULL REFERENCES studio (id),
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    booking_id   uuid        NOT NULL,
    token_hash   text        NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    -- the one-time id the link's next form carries; replaced by each change made through the link
    action_id    uuid        NOT NULL DEFAULT gen_random_uuid(),
    actions      int         NOT NULL DEFAULT 0 CHECK (actions >= 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (studio_id, id),
    UNIQUE (studio_id, token_hash)
    -- no foreign key to booking, on purpose: the mail listener that inserts a link would hold a
    -- KEY SHARE lock on the booking's row until its transaction ends, and the booking's own passes
    -- (expiry, balance charges: FOR UPDATE SKIP LOCKED) would skip the booking meanwhile
);
CREATE INDEX booking_manage_link_by_booking ON booking_manage_link (studio_id, booking_id) WHERE revoked_at IS NULL;

ALTER TABLE booking_manage_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE booking_manage_link FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON booking_manage_link
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON booking_manage_link TO ${app_role};
