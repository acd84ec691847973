-- Walk-in and phone clients without an e-mail address (issue 8): a studio owner types "Sam, 0176
-- 1234567" and books. Only clients may lack an address: owners, admins and staff sign in with it
-- (and a client who has none simply cannot sign in until someone gives them one). Whoever has no
-- address needs a phone, or the studio could not reach them at all.
--
-- What else assumes a non-null e-mail was checked:
-- * UNIQUE (studio_id, email) of V2 treats NULLs as distinct, so any number of clients may lack an
--   address while every address stays unique per studio; CHECK (email = lower(email)) holds on NULL.
-- * the row-level policy of V2 reads studio_id only; the statement-level triggers of V17 count
--   updates, whatever the columns hold.
-- * signed_in_user (V22) returns the account's e-mail as it is; a session of an account whose
--   address is cleared is ended by the application in the same transaction (Clients.update).
ALTER TABLE app_user ALTER COLUMN email DROP NOT NULL;

ALTER TABLE app_user ADD CONSTRAINT app_user_team_signs_in_with_email
    CHECK (role = 'client' OR email IS NOT NULL);

-- a phone of blanks is no phone (the application stores a blank phone as NULL)
ALTER TABLE app_user ADD CONSTRAINT app_user_reachable
    CHECK (email IS NOT NULL OR nullif(btrim(phone), '') IS NOT NULL);
