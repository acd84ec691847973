-- Calendar files and feeds (issue 10, PRD §12).

-- The studio's key for the links to single-booking calendar files: a link's token is
-- HMAC-SHA256(key, booking id), so the same link can go into every mail about a booking without
-- storing one token per booking, and a token opens only its own booking. Created on first use.
CREATE TABLE calendar_link_key (
    studio_id  uuid        PRIMARY KEY REFERENCES studio (id),
    secret     bytea       NOT NULL CHECK (length(secret) = 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A room's subscription feed, for the studio (a wall screen, the owner's phone). Only the SHA-256
-- of the token is kept, as for staff feeds (staff.ics_token_hash): rotating replaces it, and the
-- old link stops working at once. Deleting the room deletes its feed.
CREATE TABLE calendar_room_feed (
    studio_id  uuid        NOT NULL REFERENCES studio (id),
    room_id    uuid        NOT NULL,
    token_hash text        NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    rotated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, room_id),
    UNIQUE (studio_id, token_hash),
    FOREIGN KEY (studio_id, room_id) REFERENCES room (studio_id, id) ON DELETE CASCADE
);

-- What each feed last answered (the ETag, a digest of its content) and since when: its
-- Last-Modified. A content digest notices every change, including an event that left the feed
-- (canceled, moved to another room, another engineer), which no updated_at of a remaining row shows.
CREATE TABLE calendar_feed_version (
    studio_id  uuid        NOT NULL REFERENCES studio (id),
    feed       text        NOT NULL CHECK (feed ~ '^(staff|room):[0-9a-f-]{36}$'),
    etag       text        NOT NULL CHECK (length(etag) <= 100),
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (studio_id, feed)
);

ALTER TABLE calendar_link_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_link_key FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON calendar_link_key
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE calendar_room_feed ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_room_feed FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON calendar_room_feed
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

ALTER TABLE calendar_feed_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_feed_version FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON calendar_feed_version
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_link_key, calendar_room_feed, calendar_feed_version TO ${app_role};
