-- Keys of booking's tables lead with studio_id (DESIGN.md, Data; TenantKeysTests).
--
-- booking, hold: the primary key becomes (studio_id, id) and replaces UNIQUE (studio_id, id), which
-- booking lines, booking staff and occupancy pointed at. Those foreign keys depend on the index being
-- dropped, so they are dropped and added back, unchanged but now on the primary key, in this same
-- transaction: no moment without them.
ALTER TABLE booking_line DROP CONSTRAINT booking_line_studio_id_booking_id_fkey;
ALTER TABLE booking_staff DROP CONSTRAINT booking_staff_studio_id_booking_id_fkey;
ALTER TABLE occupancy DROP CONSTRAINT occupancy_studio_id_booking_id_fkey;
ALTER TABLE occupancy DROP CONSTRAINT occupancy_studio_id_hold_id_fkey;

ALTER TABLE booking DROP CONSTRAINT booking_studio_id_id_key;
ALTER TABLE booking DROP CONSTRAINT booking_pkey;
ALTER TABLE booking ADD CONSTRAINT booking_pkey PRIMARY KEY (studio_id, id);

ALTER TABLE hold DROP CONSTRAINT hold_studio_id_id_key;
ALTER TABLE hold DROP CONSTRAINT hold_pkey;
ALTER TABLE hold ADD CONSTRAINT hold_pkey PRIMARY KEY (studio_id, id);

ALTER TABLE booking_line ADD CONSTRAINT booking_line_studio_id_booking_id_fkey
    FOREIGN KEY (studio_id, booking_id) REFERENCES booking (studio_id, id) ON DELETE CASCADE;
ALTER TABLE booking_staff ADD CONSTRAINT booking_staff_studio_id_booking_id_fkey
    FOREIGN KEY (studio_id, booking_id) REFERENCES booking (studio_id, id) ON DELETE CASCADE;
ALTER TABLE occupancy ADD CONSTRAINT occupancy_studio_id_booking_id_fkey
    FOREIGN KEY (studio_id, booking_id) REFERENCES booking (studio_id, id) ON DELETE CASCADE;
ALTER TABLE occupancy ADD CONSTRAINT occupancy_studio_id_hold_id_fkey
    FOREIGN KEY (studio_id, hold_id) REFERENCES hold (studio_id, id) ON DELETE CASCADE;

-- occupancy had no primary key. A resource is taken by at most one row at any instant (the
-- exclusion constraint), so the resource and its blocked range identify a row, and since two equal
-- ranges overlap, the key refuses nothing the exclusion constraint accepts (OccupancyTable maps
-- either refusal to slot_unavailable). A key also gives the table a replica identity, which logical
-- replication, and moving shards on Citus, need for updates and deletes.
ALTER TABLE occupancy ADD CONSTRAINT occupancy_pkey PRIMARY KEY (studio_id, resource_kind, resource_id, blocked);

-- Availability's occupancy counter: the row-level trigger V9 put on this table moves here and fires
-- once per statement (see availability V16), so that taking or releasing several rows at once bumps
-- the studio's occupancy_version once, and a statement that changed nothing bumps nothing.
DROP TRIGGER bump_occupancy_version ON occupancy;
CREATE TRIGGER bump_occupancy_version_on_insert AFTER INSERT ON occupancy
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version_per_statement();
CREATE TRIGGER bump_occupancy_version_on_update AFTER UPDATE ON occupancy
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version_per_statement();
CREATE TRIGGER bump_occupancy_version_on_delete AFTER DELETE ON occupancy
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version_per_statement();
