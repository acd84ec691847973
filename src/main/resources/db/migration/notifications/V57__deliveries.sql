-- The outbox of messages to people (issue 10). A domain event's listener renders each message and
-- inserts it here, in its own transaction after the change committed; a dispatcher on any node
-- claims due rows (FOR UPDATE SKIP LOCKED, with a lease) and sends them outside any transaction.
-- The unique key is what makes a redelivered event, or two nodes handling it at once, send once.
CREATE TABLE delivery (
    studio_id       uuid        NOT NULL REFERENCES studio (id),
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    -- what caused it: the event and its subject, e.g. booking.approved:<booking id>
    event_key       text        NOT NULL CHECK (length(event_key) BETWEEN 1 AND 300),
    channel         text        NOT NULL CHECK (channel IN ('email', 'sms')),
    -- an e-mail address, or for SMS the sealed phone number's hint (the number itself is sealed below)
    recipient       text        NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),
    recipient_sealed bytea      CHECK (length(recipient_sealed) <= 1024),
    template        text        NOT NULL CHECK (template ~ '^[a-z][a-z0-9_.-]{0,60}$'),
    booking_id      uuid,
    subject         text        CHECK (length(subject) <= 1000),
    text_body       text        CHECK (length(text_body) <= 200000),
    html_body       text        CHECK (length(html_body) <= 500000),
    -- a message carrying a secret (a sign-in link): its body is erased once it has been sent
    sensitive       boolean     NOT NULL DEFAULT false,
    status          text        NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    attempts        int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- while sending: until when the node that claimed it holds it (a node that died lets go)
    claimed_until   timestamptz,
    last_error      text        CHECK (length(last_error) <= 2000),
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, id),
    UNIQUE (studio_id, event_key, recipient, channel)
);
CREATE INDEX delivery_due ON delivery (studio_id, next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX delivery_by_booking ON delivery (studio_id, booking_id, created_at) WHERE booking_id IS NOT NULL;
CREATE INDEX delivery_by_status ON delivery (studio_id, status, created_at);

-- Files sent with a message (the .ics of a booking, a receipt), made when the message was.
CREATE TABLE delivery_attachment (
    studio_id    uuid    NOT NULL,
    delivery_id  uuid    NOT NULL,
    position     int     NOT NULL CHECK (position BETWEEN 0 AND 9),
    filename     text    NOT NULL CHECK (filename ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    content_type text    NOT NULL CHECK (length(content_type) <= 100),
    content      bytea   NOT NULL CHECK (length(content) <= 5000000),
    PRIMARY KEY (studio_id, delivery_id, position),
    FOREIGN KEY (studio_id, delivery_id) REFERENCES delivery (studio_id, id) ON DELETE CASCADE
);

-- In-app notices for the studio's people (new request, cancellation, sync failure, payment action
-- needed): one row per (event, user), read or not.
CREATE TABLE notice (
    studio_id  uuid        NOT NULL REFERENCES studio (id),
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL,
    event_key  text        NOT NULL CHECK (length(event_key) BETWEEN 1 AND 300),
    kind       text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,60}$'),
    title      text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    body       text        NOT NULL CHECK (length(body) <= 2000),
    link       text        CHECK (link ~ '^/[A-Za-z0-9][A-Za-z0-9/_.?=&%-]*$' AND length(link) <= 300),
    booking_id uuid,
    read_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, id),
    UNIQUE (studio_id, event_key, user_id)
);
CREATE INDEX notice_unread ON notice (studio_id, user_id, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX notice_by_user ON notice (studio_id, user_id, created_at DESC);

ALTER TABLE delivery ENABLE ROW LEVEL SECURITY;
ALTER TABLE delivery FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON delivery
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE delivery_attachment ENABLE ROW LEVEL SECURITY;
ALTER TABLE delivery_attachment FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON delivery_attachment
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE notice ENABLE ROW LEVEL SECURITY;
ALTER TABLE notice FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON notice
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
