-- Bookings: a client's session in a room, with the prices, taxes, buffers and policies of the moment
-- it was made (snapshots: later catalog or policy changes never rewrite history).
CREATE TABLE booking (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id           uuid        NOT NULL REFERENCES studio (id),
    code                text        NOT NULL,
    client_id           uuid        NOT NULL,
    room_id             uuid        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('awaiting_approval', 'confirmed', 'rejected', 'canceled', 'completed')),
    start_at            timestamptz NOT NULL,
    end_at              timestamptz NOT NULL,
    buffer_before_min   int         NOT NULL CHECK (buffer_before_min >= 0),
    buffer_after_min    int         NOT NULL CHECK (buffer_after_min >= 0),
    source              text        NOT NULL CHECK (source IN ('web', 'admin')),
    notes               text,
    currency            char(3)     NOT NULL,
    subtotal_cents      bigint      NOT NULL CHECK (subtotal_cents >= 0),
    tax_rate_bps        int         NOT NULL,
    taxes_cents         bigint      NOT NULL CHECK (taxes_cents >= 0),
    total_cents         bigint      NOT NULL CHECK (total_cents >= 0),
    deposit_percent     int         NOT NULL,
    deposit_cents       bigint      NOT NULL CHECK (deposit_cents >= 0),
    paid_cents          bigint      NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
    cancellation_policy jsonb       NOT NULL,
    reschedule_policy   jsonb       NOT NULL,
    reschedules         int         NOT NULL DEFAULT 0,
    override_rules      boolean     NOT NULL DEFAULT false,
    created_by          uuid        NOT NULL,
    decided_by          uuid,
    decided_at          timestamptz,
    decision_message    text,
    canceled_at         timestamptz,
    cancel_reason       text,
    refund_cents        bigint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (end_at > start_at),
    UNIQUE (studio_id, code),
    UNIQUE (studio_id, id),
    FOREIGN KEY (studio_id, client_id) REFERENCES app_user (studio_id, id),
    FOREIGN KEY (studio_id, room_id) REFERENCES room (studio_id, id)
);
CREATE INDEX booking_by_start ON booking (studio_id, start_at);
CREATE INDEX booking_by_client ON booking (studio_id, client_id, start_at);
CREATE INDEX booking_open_by_end ON booking (studio_id, end_at) WHERE status IN ('awaiting_approval', 'confirmed');

-- What was booked: one bookable service and any add-ons, priced when the booking was made.
CREATE TABLE booking_line (
    studio_id        uuid    NOT NULL,
    booking_id       uuid    NOT NULL,
    service_id       uuid    NOT NULL,
    name             text    NOT NULL,
    is_addon         boolean NOT NULL,
    quantity         int     NOT NULL CHECK (quantity > 0),
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
    total_cents      bigint  NOT NULL CHECK (total_cents >= 0),
    PRIMARY KEY (studio_id, booking_id, service_id),
    FOREIGN KEY (studio_id, booking_id) REFERENCES booking (studio_id, id) ON DELETE CASCADE,
    FOREIGN KEY (studio_id, service_id) REFERENCES service (studio_id, id)
);

CREATE TABLE booking_staff (
    studio_id  uuid NOT NULL,
    booking_id uuid NOT NULL,
    staff_id   uuid NOT NULL,
    PRIMARY KEY (studio_id, booking_id, staff_id),
    FOREIGN KEY (studio_id, booking_id) REFERENCES booking (studio_id, id) ON DELETE CASCADE,
    FOREIGN KEY (studio_id, staff_id) REFERENCES staff (studio_id, id)
);
CREATE INDEX booking_staff_by_staff ON booking_staff (studio_id, staff_id);

-- A short reservation of a slot while its holder books it.
CREATE TABLE hold (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id  uuid        NOT NULL REFERENCES studio (id),
    user_id    uuid        NOT NULL,
    room_id    uuid        NOT NULL,
    service_id uuid,
    start_at   timestamptz NOT NULL,
    end_at     timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    status     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'converted', 'released')),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (end_at > start_at),
    UNIQUE (studio_id, id),
    FOREIGN KEY (studio_id, user_id) REFERENCES app_user (studio_id, id),
    FOREIGN KEY (studio_id, room_id) REFERENCES room (studio_id, id)
);

-- Everything that takes a room or a staff member right now: active bookings and holds, one row per
-- resource, over the blocked range (session plus buffers). The exclusion constraint is the guarantee
-- that no two of them overlap; no application check can race past it. A constraint cannot see the
-- clock, so an expired hold keeps its row until the next transaction that needs the range deletes it.
CREATE TABLE occupancy (
    studio_id     uuid        NOT NULL REFERENCES studio (id),
    resource_kind text        NOT NULL CHECK (resource_kind IN ('room', 'staff')),
    resource_id   uuid        NOT NULL,
    blocked       tstzrange   NOT NULL CHECK (NOT isempty(blocked)),
    booking_id    uuid,
    hold_id       uuid,
    expires_at    timestamptz,
    CHECK ((booking_id IS NULL) <> (hold_id IS NULL)),
    CHECK ((hold_id IS NULL) = (expires_at IS NULL)),
    FOREIGN KEY (studio_id, booking_id) REFERENCES booking (studio_id, id) ON DELETE CASCADE,
    FOREIGN KEY (studio_id, hold_id) REFERENCES hold (studio_id, id) ON DELETE CASCADE,
    CONSTRAINT occupancy_no_overlap EXCLUDE USING gist (
        studio_id WITH =, resource_kind WITH =, resource_id WITH =, blocked WITH &&)
);
CREATE INDEX occupancy_by_booking ON occupancy (studio_id, booking_id);
CREATE INDEX occupancy_by_hold ON occupancy (studio_id, hold_id);

ALTER TABLE booking ENABLE ROW LEVEL SECURITY;
ALTER TABLE booking FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON booking
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE booking_line ENABLE ROW LEVEL SECURITY;
ALTER TABLE booking_line FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON booking_line
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE booking_staff ENABLE ROW LEVEL SECURITY;
ALTER TABLE booking_staff FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON booking_staff
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE hold ENABLE ROW LEVEL SECURITY;
ALTER TABLE hold FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON hold
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE occupancy ENABLE ROW LEVEL SECURITY;
ALTER TABLE occupancy FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON occupancy
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
