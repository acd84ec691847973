-- One booking's event in one staff member's calendar at one provider: what it should be
-- ("desired": present or absent, and a fingerprint of its content), what was done (the provider's
-- event id, the revision last carried out) and the work still due (status, attempts, next attempt,
-- last error). The sync job claims due rows with FOR UPDATE SKIP LOCKED and a lease
-- (claimed_until), calls the provider after the claim committed and records the outcome.
CREATE TABLE calendar_synced_event (
    studio_id            uuid        NOT NULL REFERENCES studio (id),
    id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
    booking_id           uuid        NOT NULL,
    staff_id             uuid        NOT NULL,
    provider             text        NOT NULL CHECK (provider IN ('google', 'microsoft')),
    desired              text        NOT NULL CHECK (desired IN ('present', 'absent')),
    fingerprint          text        NOT NULL,
    revision             integer     NOT NULL DEFAULT 1,
    synced_revision      integer     NOT NULL DEFAULT 0,
    status               text        NOT NULL CHECK (status IN ('pending', 'synced', 'failed')),
    external_id          text        CHECK (length(external_id) <= 1024),
    attempts             integer     NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz,
    claimed_until        timestamptz,
    claim                uuid,
    last_error           text        CHECK (length(last_error) <= 1000),
    last_attempt_at      timestamptz,
    synced_at            timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, id),
    UNIQUE (studio_id, booking_id, staff_id, provider)
    -- no foreign key to booking, on purpose: the sync listener's insert would hold a KEY SHARE lock
    -- on the booking's row until its transaction ends, and the booking's own passes (expiry, balance
    -- charges: FOR UPDATE SKIP LOCKED) would skip the booking meanwhile
);
-- the job's question: what is due now
CREATE INDEX calendar_synced_event_due ON calendar_synced_event (studio_id, next_attempt_at)
    WHERE status <> 'synced';

ALTER TABLE calendar_synced_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_synced_event FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON calendar_synced_event
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_synced_event TO ${app_role};
