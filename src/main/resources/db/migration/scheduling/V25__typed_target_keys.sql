-- Rules, closures and buffers point at their room, staff member or service through typed foreign
-- keys that cascade: deleting a room deletes its hours, closures and buffer in the same statement, so
-- nothing can outlive its target (TargetCleanup did this in Java, one event listener away from being
-- skipped). Each key leads with studio_id, so a row can only ever name a target of its own studio.
--
-- The API keeps its (target_type, target_id) shape: target_id stays, now generated from the typed
-- columns, and a CHECK ties the typed column that is set to the row's target_type or scope.

-- Rows whose target was deleted before this migration (there should be none) could not get a key.
DELETE FROM schedule_rule r WHERE r.target_type = 'room'
    AND NOT EXISTS (SELECT 1 FROM room t WHERE t.studio_id = r.studio_id AND t.id = r.target_id);
DELETE FROM schedule_rule r WHERE r.target_type = 'staff'
    AND NOT EXISTS (SELECT 1 FROM staff t WHERE t.studio_id = r.studio_id AND t.id = r.target_id);
DELETE FROM schedule_exception r WHERE r.target_type = 'room'
    AND NOT EXISTS (SELECT 1 FROM room t WHERE t.studio_id = r.studio_id AND t.id = r.target_id);
DELETE FROM schedule_exception r WHERE r.target_type = 'staff'
    AND NOT EXISTS (SELECT 1 FROM staff t WHERE t.studio_id = r.studio_id AND t.id = r.target_id);
DELETE FROM buffer_rule r WHERE r.scope = 'room'
    AND NOT EXISTS (SELECT 1 FROM room t WHERE t.studio_id = r.studio_id AND t.id = r.target_id);
DELETE FROM buffer_rule r WHERE r.scope = 'service'
    AND NOT EXISTS (SELECT 1 FROM service t WHERE t.studio_id = r.studio_id AND t.id = r.target_id);
DELETE FROM buffer_rule r WHERE r.scope = 'staff'
    AND NOT EXISTS (SELECT 1 FROM staff t WHERE t.studio_id = r.studio_id AND t.id = r.target_id);

-- schedule_rule ---------------------------------------------------------------------------------
ALTER TABLE schedule_rule
    ADD COLUMN room_id  uuid,
    ADD COLUMN staff_id uuid;
UPDATE schedule_rule SET room_id = target_id WHERE target_type = 'room';
UPDATE schedule_rule SET staff_id = target_id WHERE target_type = 'staff';
DROP INDEX schedule_rule_target;
ALTER TABLE schedule_rule DROP CONSTRAINT IF EXISTS schedule_rule_check2;
ALTER TABLE schedule_rule DROP COLUMN target_id;
ALTER TABLE schedule_rule
    ADD COLUMN target_id uuid GENERATED ALWAYS AS (coalesce(room_id, staff_id)) STORED,
    ADD CONSTRAINT schedule_rule_room_fkey FOREIGN KEY (studio_id, room_id)
        REFERENCES room (studio_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT schedule_rule_staff_fkey FOREIGN KEY (studio_id, staff_id)
        REFERENCES staff (studio_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT schedule_rule_one_target CHECK (
        (target_type = 'studio' AND room_id IS NULL AND staff_id IS NULL)
        OR (target_type = 'room' AND room_id IS NOT NULL AND staff_id IS NULL)
        OR (target_type = 'staff' AND staff_id IS NOT NULL AND room_id IS NULL));
-- Hours may cross midnight: an end at or before the start is on the next day (22:00-02:00 belongs
-- to the day it starts). Only an empty rule, end equal to start, is refused.
ALTER TABLE schedule_rule DROP CONSTRAINT schedule_rule_check;
ALTER TABLE schedule_rule ADD CONSTRAINT schedule_rule_not_empty CHECK (end_time <> start_time);
CREATE INDEX schedule_rule_target ON schedule_rule (studio_id, target_type, target_id);
-- the cascades look rows up by their target
CREATE INDEX schedule_rule_room ON schedule_rule (studio_id, room_id) WHERE room_id IS NOT NULL;
CREATE INDEX schedule_rule_staff ON schedule_rule (studio_id, staff_id) WHERE staff_id IS NOT NULL;

-- schedule_exception ----------------------------------------------------------------------------
ALTER TABLE schedule_exception
    ADD COLUMN room_id  uuid,
    ADD COLUMN staff_id uuid;
UPDATE schedule_exception SET room_id = target_id WHERE target_type = 'room';
UPDATE schedule_exception SET staff_id = target_id WHERE target_type = 'staff';
DROP INDEX schedule_exception_target;
ALTER TABLE schedule_exception DROP CONSTRAINT IF EXISTS schedule_exception_check2;
ALTER TABLE schedule_exception DROP COLUMN target_id;
ALTER TABLE schedule_exception
    ADD COLUMN target_id uuid GENERATED ALWAYS AS (coalesce(room_id, staff_id)) STORED,
    ADD CONSTRAINT schedule_exception_room_fkey FOREIGN KEY (studio_id, room_id)
        REFERENCES room (studio_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT schedule_exception_staff_fkey FOREIGN KEY (studio_id, staff_id)
        REFERENCES staff (studio_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT schedule_exception_one_target CHECK (
        (target_type = 'studio' AND room_id IS NULL AND staff_id IS NULL)
        OR (target_type = 'room' AND room_id IS NOT NULL AND staff_id IS NULL)
        OR (target_type = 'staff' AND staff_id IS NOT NULL AND room_id IS NULL));
CREATE INDEX schedule_exception_target ON schedule_exception (studio_id, target_type, target_id);
CREATE INDEX schedule_exception_room ON schedule_exception (studio_id, room_id) WHERE room_id IS NOT NULL;
CREATE INDEX schedule_exception_staff ON schedule_exception (studio_id, staff_id) WHERE staff_id IS NOT NULL;

-- buffer_rule -----------------------------------------------------------------------------------
ALTER TABLE buffer_rule
    ADD COLUMN room_id    uuid,
    ADD COLUMN service_id uuid,
    ADD COLUMN staff_id   uuid;
UPDATE buffer_rule SET room_id = target_id WHERE scope = 'room';
UPDATE buffer_rule SET service_id = target_id WHERE scope = 'service';
UPDATE buffer_rule SET staff_id = target_id WHERE scope = 'staff';
ALTER TABLE buffer_rule DROP CONSTRAINT IF EXISTS buffer_rule_studio_id_scope_target_id_key;
ALTER TABLE buffer_rule DROP COLUMN target_id;
ALTER TABLE buffer_rule
    ADD COLUMN target_id uuid GENERATED ALWAYS AS (coalesce(room_id, service_id, staff_id)) STORED,
    ADD CONSTRAINT buffer_rule_room_fkey FOREIGN KEY (studio_id, room_id)
        REFERENCES room (studio_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT buffer_rule_service_fkey FOREIGN KEY (studio_id, service_id)
        REFERENCES service (studio_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT buffer_rule_staff_fkey FOREIGN KEY (studio_id, staff_id)
        REFERENCES staff (studio_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT buffer_rule_one_target CHECK (
        (scope = 'room' AND room_id IS NOT NULL AND service_id IS NULL AND staff_id IS NULL)
        OR (scope = 'service' AND service_id IS NOT NULL AND room_id IS NULL AND staff_id IS NULL)
        OR (scope = 'staff' AND staff_id IS NOT NULL AND room_id IS NULL AND service_id IS NULL)),
    -- one buffer per target, as before
    ADD CONSTRAINT buffer_rule_studio_id_scope_target_id_key UNIQUE (studio_id, scope, target_id);
CREATE INDEX buffer_rule_room ON buffer_rule (studio_id, room_id) WHERE room_id IS NOT NULL;
CREATE INDEX buffer_rule_service ON buffer_rule (studio_id, service_id) WHERE service_id IS NOT NULL;
CREATE INDEX buffer_rule_staff ON buffer_rule (studio_id, staff_id) WHERE staff_id IS NOT NULL;
