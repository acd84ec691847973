-- Searches cache occupancy too: every change to the occupancy table increments the studio's
-- occupancy_version in the same transaction, so one query per search tells whether what a node
-- holds in memory is still current. The counters say nothing about any studio's data and are read
-- before a request's transaction starts, so this table leaves row-level security.
ALTER TABLE catalog_version ADD COLUMN occupancy_version bigint NOT NULL DEFAULT 0;
ALTER TABLE catalog_version NO FORCE ROW LEVEL SECURITY;
ALTER TABLE catalog_version DISABLE ROW LEVEL SECURITY;
DROP POLICY studio_isolation ON catalog_version;

CREATE FUNCTION bump_occupancy_version() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO catalog_version (studio_id, occupancy_version)
    VALUES (coalesce(NEW.studio_id, OLD.studio_id), 1)
    ON CONFLICT (studio_id) DO UPDATE SET occupancy_version = catalog_version.occupancy_version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER bump_occupancy_version AFTER INSERT OR UPDATE OR DELETE ON occupancy
    FOR EACH ROW EXECUTE FUNCTION bump_occupancy_version();
