-- A counter per studio that every change to what availability reads (rooms, services, staff,
-- schedule rules, closures, buffers, settings, the studio itself) increments in the same
-- transaction. Availability caches those in memory keyed by this number: one tiny query tells any
-- node whether its copy is current, so searches stay consistent across nodes without a pub/sub.
CREATE TABLE catalog_version (
    studio_id uuid PRIMARY KEY REFERENCES studio (id),
    version   bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION bump_catalog_version() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    changed uuid;
BEGIN
    IF TG_TABLE_NAME = 'studio' THEN
        changed := coalesce(NEW.id, OLD.id);
    ELSIF TG_OP = 'DELETE' THEN
        changed := OLD.studio_id;
    ELSE
        changed := NEW.studio_id;
    END IF;
    INSERT INTO catalog_version (studio_id, version) VALUES (changed, 1)
        ON CONFLICT (studio_id) DO UPDATE SET version = catalog_version.version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER bump_catalog_version AFTER INSERT OR UPDATE OR DELETE ON room
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER bump_catalog_version AFTER INSERT OR UPDATE OR DELETE ON service
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER bump_catalog_version AFTER INSERT OR UPDATE OR DELETE ON staff
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER bump_catalog_version AFTER INSERT OR UPDATE OR DELETE ON schedule_rule
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER bump_catalog_version AFTER INSERT OR UPDATE OR DELETE ON schedule_exception
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER bump_catalog_version AFTER INSERT OR UPDATE OR DELETE ON buffer_rule
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER bump_catalog_version AFTER INSERT OR UPDATE OR DELETE ON studio_settings
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER bump_catalog_version AFTER UPDATE ON studio
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
-- staff names and emails live on their accounts
CREATE TRIGGER bump_catalog_version AFTER UPDATE ON app_user
    FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();

ALTER TABLE catalog_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE catalog_version FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON catalog_version
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
