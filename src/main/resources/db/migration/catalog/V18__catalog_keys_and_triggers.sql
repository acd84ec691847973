-- Keys of catalog's tables lead with studio_id (DESIGN.md, Data; TenantKeysTests).
--
-- room, service, staff: the primary key becomes (studio_id, id) and replaces UNIQUE (studio_id, id),
-- which the composite foreign keys of bookings and holds pointed at. Those depend on the index being
-- dropped, so they are dropped and added back, unchanged but now on the primary key, in this same
-- transaction: no moment without them.
ALTER TABLE booking DROP CONSTRAINT booking_studio_id_room_id_fkey;
ALTER TABLE hold DROP CONSTRAINT hold_studio_id_room_id_fkey;
ALTER TABLE booking_line DROP CONSTRAINT booking_line_studio_id_service_id_fkey;
ALTER TABLE booking_staff DROP CONSTRAINT booking_staff_studio_id_staff_id_fkey;

ALTER TABLE room DROP CONSTRAINT room_studio_id_id_key;
ALTER TABLE room DROP CONSTRAINT room_pkey;
ALTER TABLE room ADD CONSTRAINT room_pkey PRIMARY KEY (studio_id, id);

ALTER TABLE service DROP CONSTRAINT service_studio_id_id_key;
ALTER TABLE service DROP CONSTRAINT service_pkey;
ALTER TABLE service ADD CONSTRAINT service_pkey PRIMARY KEY (studio_id, id);

ALTER TABLE staff DROP CONSTRAINT staff_studio_id_id_key;
ALTER TABLE staff DROP CONSTRAINT staff_pkey;
ALTER TABLE staff ADD CONSTRAINT staff_pkey PRIMARY KEY (studio_id, id);

ALTER TABLE booking ADD CONSTRAINT booking_studio_id_room_id_fkey
    FOREIGN KEY (studio_id, room_id) REFERENCES room (studio_id, id);
ALTER TABLE hold ADD CONSTRAINT hold_studio_id_room_id_fkey
    FOREIGN KEY (studio_id, room_id) REFERENCES room (studio_id, id);
ALTER TABLE booking_line ADD CONSTRAINT booking_line_studio_id_service_id_fkey
    FOREIGN KEY (studio_id, service_id) REFERENCES service (studio_id, id);
ALTER TABLE booking_staff ADD CONSTRAINT booking_staff_studio_id_staff_id_fkey
    FOREIGN KEY (studio_id, staff_id) REFERENCES staff (studio_id, id);

-- A feed token's digest is unique within its studio (the feed's URL names the staff member, and
-- like every anonymous request it is served in the studio its host or header names, so whatever
-- serves it looks the digest up with the studio known). Nothing reads the digest by itself today.
ALTER TABLE staff DROP CONSTRAINT staff_ics_token_hash_key;
ALTER TABLE staff ADD CONSTRAINT staff_studio_id_ics_token_hash_key UNIQUE (studio_id, ics_token_hash);

-- Skills are matched in Java on a studio's few staff, never by SQL: under row-level security the
-- array operators (not leakproof) could not have used this index anyway.
DROP INDEX staff_skills;

-- Availability's counters: the triggers V7 put on catalog's tables move here, one per statement
-- (see availability V16).
DROP TRIGGER bump_catalog_version ON room;
CREATE TRIGGER bump_catalog_version_on_insert AFTER INSERT ON room
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON room
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_delete AFTER DELETE ON room
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();

DROP TRIGGER bump_catalog_version ON service;
CREATE TRIGGER bump_catalog_version_on_insert AFTER INSERT ON service
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON service
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_delete AFTER DELETE ON service
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();

DROP TRIGGER bump_catalog_version ON staff;
CREATE TRIGGER bump_catalog_version_on_insert AFTER INSERT ON staff
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON staff
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_delete AFTER DELETE ON staff
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
