-- Inbound webhooks, stored first (verified, unique by the provider's event id) and answered at once;
-- processed afterwards, idempotently, with retries. The raw payload is kept as received, so an
-- event can be replayed. An event belongs to the studio named in its object's metadata (we put it
-- there when we create the payment intent or refund); events naming no studio of ours are not kept.
CREATE TABLE payment_webhook_event (
    studio_id       uuid        NOT NULL REFERENCES studio (id),
    id              uuid        NOT NULL,
    provider        text        NOT NULL CHECK (provider IN ('stripe')),
    event_id        text        NOT NULL CHECK (length(event_id) <= 255),
    type            text        NOT NULL CHECK (length(type) <= 255),
    object_id       text        CHECK (length(object_id) <= 255),
    payload         text        NOT NULL,
    status          text        NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'ignored', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    received_at     timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    processed_at    timestamptz,
    PRIMARY KEY (studio_id, id),
    UNIQUE (studio_id, provider, event_id)
);
CREATE INDEX payment_webhook_event_due ON payment_webhook_event (studio_id, next_attempt_at)
    WHERE status IN ('received', 'failed');
CREATE INDEX payment_webhook_event_by_time ON payment_webhook_event (studio_id, received_at DESC);

ALTER TABLE payment_webhook_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE payment_webhook_event FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON payment_webhook_event
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
