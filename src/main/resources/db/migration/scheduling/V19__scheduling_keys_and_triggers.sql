-- Keys of scheduling's tables lead with studio_id (DESIGN.md, Data; TenantKeysTests). Nothing points
-- at these rows, so only the primary keys change. studio_settings is keyed by studio_id already.
ALTER TABLE schedule_rule DROP CONSTRAINT schedule_rule_pkey;
ALTER TABLE schedule_rule ADD CONSTRAINT schedule_rule_pkey PRIMARY KEY (studio_id, id);

ALTER TABLE schedule_exception DROP CONSTRAINT schedule_exception_pkey;
ALTER TABLE schedule_exception ADD CONSTRAINT schedule_exception_pkey PRIMARY KEY (studio_id, id);

ALTER TABLE buffer_rule DROP CONSTRAINT buffer_rule_pkey;
ALTER TABLE buffer_rule ADD CONSTRAINT buffer_rule_pkey PRIMARY KEY (studio_id, id);

-- Availability's counters: the triggers V7 put on scheduling's tables move here, one per statement
-- (see availability V16).
DROP TRIGGER bump_catalog_version ON schedule_rule;
CREATE TRIGGER bump_catalog_version_on_insert AFTER INSERT ON schedule_rule
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON schedule_rule
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_delete AFTER DELETE ON schedule_rule
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();

DROP TRIGGER bump_catalog_version ON schedule_exception;
CREATE TRIGGER bump_catalog_version_on_insert AFTER INSERT ON schedule_exception
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON schedule_exception
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_delete AFTER DELETE ON schedule_exception
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();

DROP TRIGGER bump_catalog_version ON buffer_rule;
CREATE TRIGGER bump_catalog_version_on_insert AFTER INSERT ON buffer_rule
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON buffer_rule
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_delete AFTER DELETE ON buffer_rule
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();

DROP TRIGGER bump_catalog_version ON studio_settings;
CREATE TRIGGER bump_catalog_version_on_insert AFTER INSERT ON studio_settings
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON studio_settings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
CREATE TRIGGER bump_catalog_version_on_delete AFTER DELETE ON studio_settings
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
