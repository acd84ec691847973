-- Phone numbers encrypted at rest and the SMS opt-in (issue 10, PRD §13, §14).
--
-- With ROOMTONE_ENCRYPTION_KEY set, a phone number is kept only sealed (AES-256-GCM, bound to the
-- studio and the account, see identity.PhoneNumbers) in phone_sealed, with its last four digits in
-- phone_hint for display and for the desk's search; phone stays NULL. Without the key numbers are
-- kept in phone as before, and sealed at the next start with a key. Nothing can search a sealed
-- number but by its hint, on purpose: a searchable index of numbers would be a copy of them.
ALTER TABLE app_user
    ADD COLUMN phone_sealed  bytea CHECK (length(phone_sealed) <= 512),
    ADD COLUMN phone_hint    text  CHECK (phone_hint ~ '^[0-9]{1,4}$'),
    -- a client's consent to texts about their bookings, and since when (PRD §13: opt-in only)
    ADD COLUMN sms_opt_in    boolean NOT NULL DEFAULT false,
    ADD COLUMN sms_opt_in_at timestamptz;

ALTER TABLE app_user ADD CONSTRAINT app_user_phone_kept_once
    CHECK (phone IS NULL OR phone_sealed IS NULL);
ALTER TABLE app_user ADD CONSTRAINT app_user_opted_in_when
    CHECK (NOT sms_opt_in OR sms_opt_in_at IS NOT NULL);

-- V32's rule, with a sealed phone counting as a phone
ALTER TABLE app_user DROP CONSTRAINT app_user_reachable;
ALTER TABLE app_user ADD CONSTRAINT app_user_reachable
    CHECK (email IS NOT NULL OR nullif(btrim(phone), '') IS NOT NULL OR phone_sealed IS NOT NULL);

-- the start-up pass that seals numbers left in clear finds them without reading every account
CREATE INDEX app_user_phone_in_clear ON app_user (studio_id) WHERE phone IS NOT NULL;
