-- Who a session token signs in, in one statement: every authenticated request asks, so the lookup of
-- the token (no row-level security: the studio is not known yet) and of its user (row-level
-- security, by the token's studio) travel together instead of as a query and a transaction of three.
-- The studio is set for the user's query only and then put back as it was, so a caller already in a
-- transaction keeps its own studio.
CREATE FUNCTION signed_in_user(p_token_hash text)
    RETURNS TABLE (studio_id uuid, user_id uuid, email text, name text, role text)
    LANGUAGE plpgsql VOLATILE
AS $$
#variable_conflict use_column
DECLARE
    token        auth_token%ROWTYPE;
    outer_studio text := current_setting('roomtone.studio_id', true);
BEGIN
    SELECT t.* INTO token
      FROM auth_token t
     WHERE t.token_hash = p_token_hash AND t.purpose = 'session' AND t.expires_at > now();
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM set_config('roomtone.studio_id', token.studio_id::text, true);
    RETURN QUERY
        SELECT u.studio_id, u.id, u.email, u.name, u.role
          FROM app_user u
         WHERE u.studio_id = token.studio_id AND u.id = token.user_id;
    PERFORM set_config('roomtone.studio_id', coalesce(outer_studio, ''), true);
END
$$;
