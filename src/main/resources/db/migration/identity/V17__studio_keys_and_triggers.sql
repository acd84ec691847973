-- Keys of identity's tenant tables lead with studio_id (DESIGN.md, Data; TenantKeysTests).
--
-- app_user: the primary key becomes (studio_id, id) and replaces UNIQUE (studio_id, id), which the
-- composite foreign keys of other tables pointed at. Those depend on the index being dropped, so
-- they are dropped and added back, unchanged but now on the primary key, in this same transaction:
-- no moment without them.
ALTER TABLE auth_token DROP CONSTRAINT auth_token_studio_id_user_id_fkey;
ALTER TABLE staff DROP CONSTRAINT staff_studio_id_user_id_fkey;
ALTER TABLE booking DROP CONSTRAINT booking_studio_id_client_id_fkey;
ALTER TABLE hold DROP CONSTRAINT hold_studio_id_user_id_fkey;

ALTER TABLE app_user DROP CONSTRAINT app_user_studio_id_id_key;
ALTER TABLE app_user DROP CONSTRAINT app_user_pkey;
ALTER TABLE app_user ADD CONSTRAINT app_user_pkey PRIMARY KEY (studio_id, id);

ALTER TABLE auth_token ADD CONSTRAINT auth_token_studio_id_user_id_fkey
    FOREIGN KEY (studio_id, user_id) REFERENCES app_user (studio_id, id) ON DELETE CASCADE;
ALTER TABLE staff ADD CONSTRAINT staff_studio_id_user_id_fkey
    FOREIGN KEY (studio_id, user_id) REFERENCES app_user (studio_id, id);
ALTER TABLE booking ADD CONSTRAINT booking_studio_id_client_id_fkey
    FOREIGN KEY (studio_id, client_id) REFERENCES app_user (studio_id, id);
ALTER TABLE hold ADD CONSTRAINT hold_studio_id_user_id_fkey
    FOREIGN KEY (studio_id, user_id) REFERENCES app_user (studio_id, id);

-- audit_log: nothing points at it. Its (studio_id, created_at DESC, id) index stays for the listing.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_pkey PRIMARY KEY (studio_id, id);

-- auth_token keeps token_hash as its key on purpose: tokens are looked up by digest before the
-- request's studio is known (see the exception in TenantKeysTests).

-- Availability's counters: the triggers V7 put on identity's tables move here, one per statement
-- (see availability V16). As before, only updates count: a new studio starts without a counter
-- row, and new accounts change nothing availability reads (staff names and e-mails live on their
-- accounts, so an update of an account does).
DROP TRIGGER bump_catalog_version ON studio;
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON studio
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();

DROP TRIGGER bump_catalog_version ON app_user;
CREATE TRIGGER bump_catalog_version_on_update AFTER UPDATE ON app_user
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version_per_statement();
