CREATE TABLE room (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id   uuid        NOT NULL REFERENCES studio (id),
    name        text        NOT NULL,
    description text,
    capacity    int CHECK (capacity > 0),
    tags        text[]      NOT NULL DEFAULT '{}',
    equipment   text[]      NOT NULL DEFAULT '{}',
    color       text,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (studio_id, id)
);
CREATE UNIQUE INDEX room_name_per_studio ON room (studio_id, lower(name));

CREATE TABLE service (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id            uuid        NOT NULL REFERENCES studio (id),
    name                 text        NOT NULL,
    description          text,
    default_duration_min int         NOT NULL CHECK (default_duration_min BETWEEN 1 AND 1440),
    base_price_cents     bigint      NOT NULL CHECK (base_price_cents >= 0),
    pricing_model        text        NOT NULL CHECK (pricing_model IN ('per_block', 'fixed')),
    requires_engineer    boolean     NOT NULL DEFAULT false,
    room_tags            text[]      NOT NULL DEFAULT '{}',
    staff_skill_required text,
    is_addon             boolean     NOT NULL DEFAULT false,
    max_per_day          int CHECK (max_per_day > 0),
    active               boolean     NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (studio_id, id)
);
CREATE UNIQUE INDEX service_name_per_studio ON service (studio_id, lower(name));

CREATE TABLE staff (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id                 uuid        NOT NULL REFERENCES studio (id),
    user_id                   uuid        NOT NULL,
    skills                    text[]      NOT NULL DEFAULT '{}',
    hourly_rate_cents         bigint CHECK (hourly_rate_cents >= 0),
    default_calendar_provider text CHECK (default_calendar_provider IN ('google', 'outlook', 'apple')),
    ics_token_hash            text UNIQUE,
    active                    boolean     NOT NULL DEFAULT true,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    UNIQUE (studio_id, id),
    UNIQUE (studio_id, user_id),
    FOREIGN KEY (studio_id, user_id) REFERENCES app_user (studio_id, id)
);
CREATE INDEX staff_skills ON staff USING gin (skills);

ALTER TABLE room ENABLE ROW LEVEL SECURITY;
ALTER TABLE room FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON room
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE service ENABLE ROW LEVEL SECURITY;
ALTER TABLE service FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON service
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON staff
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
