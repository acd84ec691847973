-- Statement-level versions of the counter bumps of V7 and V9. The counters are availability's, so
-- these functions are too; the triggers that call them belong to the modules that own the tables
-- (identity V17, catalog V18, scheduling V19, booking V19.1 replace the row-level triggers V7 and V9
-- put on their tables). A statement bumps each studio whose rows it changed once, however many rows
-- that were, and a statement that changed no row bumps nothing.
--
-- The changed rows come from the trigger's transition tables, which must be named old_rows and
-- new_rows. PostgreSQL allows transition tables only on single-event triggers, so a table has one
-- trigger per event: AFTER INSERT ... REFERENCING NEW TABLE AS new_rows, AFTER UPDATE ...
-- REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows, AFTER DELETE ... REFERENCING OLD TABLE AS
-- old_rows, each FOR EACH STATEMENT. Studios are bumped in id order, so that two statements touching
-- the same studios lock their counters in the same order.

CREATE FUNCTION bump_catalog_version_per_statement() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_TABLE_NAME = 'studio' THEN
        -- the studio itself: its id is the studio
        INSERT INTO catalog_version (studio_id, version)
        SELECT id, 1 FROM (SELECT id FROM old_rows UNION SELECT id FROM new_rows) AS changed ORDER BY id
            ON CONFLICT (studio_id) DO UPDATE SET version = catalog_version.version + 1;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO catalog_version (studio_id, version)
        SELECT DISTINCT studio_id, 1 FROM new_rows ORDER BY studio_id
            ON CONFLICT (studio_id) DO UPDATE SET version = catalog_version.version + 1;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO catalog_version (studio_id, version)
        SELECT DISTINCT studio_id, 1 FROM old_rows ORDER BY studio_id
            ON CONFLICT (studio_id) DO UPDATE SET version = catalog_version.version + 1;
    ELSE
        INSERT INTO catalog_version (studio_id, version)
        SELECT studio_id, 1
          FROM (SELECT studio_id FROM old_rows UNION SELECT studio_id FROM new_rows) AS changed
         ORDER BY studio_id
            ON CONFLICT (studio_id) DO UPDATE SET version = catalog_version.version + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION bump_occupancy_version_per_statement() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO catalog_version (studio_id, occupancy_version)
        SELECT DISTINCT studio_id, 1 FROM new_rows ORDER BY studio_id
            ON CONFLICT (studio_id) DO UPDATE SET occupancy_version = catalog_version.occupancy_version + 1;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO catalog_version (studio_id, occupancy_version)
        SELECT DISTINCT studio_id, 1 FROM old_rows ORDER BY studio_id
            ON CONFLICT (studio_id) DO UPDATE SET occupancy_version = catalog_version.occupancy_version + 1;
    ELSE
        INSERT INTO catalog_version (studio_id, occupancy_version)
        SELECT studio_id, 1
          FROM (SELECT studio_id FROM old_rows UNION SELECT studio_id FROM new_rows) AS changed
         ORDER BY studio_id
            ON CONFLICT (studio_id) DO UPDATE SET occupancy_version = catalog_version.occupancy_version + 1;
    END IF;
    RETURN NULL;
END
$$;
