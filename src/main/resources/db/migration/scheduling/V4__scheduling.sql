-- Weekly opening hours of the studio, a room or a staff member, in local wall-clock time.
-- A NULL timezone follows the studio's zone, so moving the studio moves its rules with it.
CREATE TABLE schedule_rule (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id      uuid        NOT NULL REFERENCES studio (id),
    target_type    text        NOT NULL CHECK (target_type IN ('studio', 'room', 'staff')),
    target_id      uuid,
    byweekday      smallint[]  NOT NULL CHECK (cardinality(byweekday) > 0 AND byweekday <@ '{0,1,2,3,4,5,6}'),
    start_time     time        NOT NULL,
    end_time       time        NOT NULL,
    timezone       text,
    effective_from date,
    effective_to   date,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (end_time > start_time),
    CHECK (effective_to >= effective_from),
    CHECK ((target_type = 'studio') = (target_id IS NULL))
);
CREATE INDEX schedule_rule_target ON schedule_rule (studio_id, target_type, target_id);

-- Closures: a blackout of the whole studio, a room or a staff member.
CREATE TABLE schedule_exception (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id   uuid        NOT NULL REFERENCES studio (id),
    target_type text        NOT NULL CHECK (target_type IN ('studio', 'room', 'staff')),
    target_id   uuid,
    start_at    timestamptz NOT NULL,
    end_at      timestamptz NOT NULL,
    during      tstzrange GENERATED ALWAYS AS (tstzrange(start_at, end_at, '[)')) STORED,
    reason      text CHECK (char_length(reason) <= 500),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (end_at > start_at),
    CHECK (end_at - start_at <= interval '366 days'),
    CHECK ((target_type = 'studio') = (target_id IS NULL))
);
CREATE INDEX schedule_exception_target ON schedule_exception (studio_id, target_type, target_id);
CREATE INDEX schedule_exception_during ON schedule_exception USING gist (studio_id, during);

-- Set-up and tear-down time around a session, per room, service or staff member.
CREATE TABLE buffer_rule (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    studio_id  uuid        NOT NULL REFERENCES studio (id),
    scope      text        NOT NULL CHECK (scope IN ('room', 'service', 'staff')),
    target_id  uuid        NOT NULL,
    before_min int         NOT NULL DEFAULT 0 CHECK (before_min BETWEEN 0 AND 1440),
    after_min  int         NOT NULL DEFAULT 0 CHECK (after_min BETWEEN 0 AND 1440),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (studio_id, scope, target_id)
);

-- Booking policies. A studio without a row uses the defaults in StudioSettings.
CREATE TABLE studio_settings (
    studio_id           uuid PRIMARY KEY REFERENCES studio (id),
    tax_rate_bps        int         NOT NULL CHECK (tax_rate_bps BETWEEN 0 AND 10000),
    deposit_percent     int         NOT NULL CHECK (deposit_percent BETWEEN 0 AND 100),
    approval_required   boolean     NOT NULL,
    lead_time_min       int         NOT NULL CHECK (lead_time_min >= 0),
    horizon_days        int         NOT NULL CHECK (horizon_days BETWEEN 1 AND 730),
    hold_minutes        int         NOT NULL CHECK (hold_minutes BETWEEN 1 AND 1440),
    -- the step divides a day, so that slots start at the same times every day
    slot_step_min       int         NOT NULL CHECK (slot_step_min BETWEEN 5 AND 240 AND 1440 % slot_step_min = 0),
    cancellation_policy jsonb       NOT NULL,
    reschedule_policy   jsonb       NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE schedule_rule ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_rule FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON schedule_rule
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE schedule_exception ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_exception FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON schedule_exception
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE buffer_rule ENABLE ROW LEVEL SECURITY;
ALTER TABLE buffer_rule FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON buffer_rule
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE studio_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE studio_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON studio_settings
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
