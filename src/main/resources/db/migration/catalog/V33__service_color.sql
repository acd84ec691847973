-- A colour per service, which the calendar board paints its sessions with ("coloured by session
-- type"): #rrggbb or none (the board then picks one of its palette). Services checks the same rule
-- first and names the field; this CHECK keeps any other writer honest.
ALTER TABLE service ADD COLUMN color text
    CONSTRAINT service_color_hex CHECK (color ~ '^#[0-9a-fA-F]{6}$');

-- Rooms get the same rule. The API has refused anything but #rrggbb since rooms existed, except that
-- creating a room with an empty colour stored '' (updates stored null): that meant "none", so it
-- becomes null. The table forces row-level security, under which this migration (no studio set)
-- would see no row at all; its owner may lift that for the one statement.
ALTER TABLE room NO FORCE ROW LEVEL SECURITY;
UPDATE room SET color = NULL WHERE color = '';
ALTER TABLE room FORCE ROW LEVEL SECURITY;
-- NOT VALID: checked on every insert and update from now on, but an old value written outside the
-- API (by hand, in SQL) cannot stop the application from starting. The board and the room list cope
-- with any text there, as they did before.
ALTER TABLE room ADD CONSTRAINT room_color_hex CHECK (color ~ '^#[0-9a-fA-F]{6}$') NOT VALID;
