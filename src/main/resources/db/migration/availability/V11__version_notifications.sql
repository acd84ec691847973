-- Nodes cache each studio's counters too, and learn of changes by LISTEN instead of asking on every
-- search: a notification is sent when the transaction that moved a counter commits (and never when
-- it rolls back). The payload is only the studio's id.
CREATE FUNCTION notify_studio_versions() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('roomtone_versions', NEW.studio_id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER notify_studio_versions AFTER INSERT OR UPDATE ON catalog_version
    FOR EACH ROW EXECUTE FUNCTION notify_studio_versions();
