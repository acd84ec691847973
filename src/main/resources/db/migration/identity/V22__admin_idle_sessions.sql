-- Sessions of owners and admins also end after an idle period (roomtone.admin-idle-timeout): the
-- back office can do everything, and a laptop left signed in at the front desk should not.
-- last_seen_at is written at most once a minute per session (or twice per idle period when that is
-- shorter), so that reading a session stays a read almost every time.
ALTER TABLE auth_token ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();

DROP FUNCTION signed_in_user(text);

-- As in V20, plus: a session of an owner or admin unused for longer than p_admin_idle is deleted and
-- signs nobody in; any other session found is marked as seen.
CREATE FUNCTION signed_in_user(p_token_hash text, p_admin_idle interval)
    RETURNS TABLE (studio_id uuid, user_id uuid, email text, name text, role text)
    LANGUAGE plpgsql VOLATILE
AS $$
#variable_conflict use_column
DECLARE
    token        auth_token%ROWTYPE;
    account      app_user%ROWTYPE;
    outer_studio text := current_setting('roomtone.studio_id', true);
BEGIN
    SELECT t.* INTO token
      FROM auth_token t
     WHERE t.token_hash = p_token_hash AND t.purpose = 'session' AND t.expires_at > now();
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM set_config('roomtone.studio_id', token.studio_id::text, true);
    SELECT u.* INTO account
      FROM app_user u
     WHERE u.studio_id = token.studio_id AND u.id = token.user_id;
    PERFORM set_config('roomtone.studio_id', coalesce(outer_studio, ''), true);
    -- not FOUND: the PERFORM above has set it
    IF account.id IS NULL THEN
        RETURN;
    END IF;
    IF account.role IN ('owner', 'admin') AND token.last_seen_at < now() - p_admin_idle THEN
        DELETE FROM auth_token t WHERE t.token_hash = p_token_hash;
        RETURN;
    END IF;
    IF token.last_seen_at < now() - least(interval '1 minute', p_admin_idle / 2) THEN
        UPDATE auth_token t SET last_seen_at = now() WHERE t.token_hash = p_token_hash;
    END IF;
    RETURN QUERY SELECT account.studio_id, account.id, account.email, account.name, account.role;
END
$$;
