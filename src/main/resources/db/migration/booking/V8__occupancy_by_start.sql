-- Searches read the occupancy of a few days. Under row-level security PostgreSQL may not use an
-- index for a condition whose operator is not LEAKPROOF, and the range operator && is not: every
-- search scanned the whole table. The bounds as plain columns use leakproof timestamp comparisons,
-- and since every row covers at most a day (longer ranges are stored as day-long pieces), the rows
-- overlapping [from, to) are exactly those starting in [from - 1 day, to) and ending after from.
ALTER TABLE occupancy
    ADD COLUMN blocked_start timestamptz GENERATED ALWAYS AS (lower(blocked)) STORED,
    ADD COLUMN blocked_end   timestamptz GENERATED ALWAYS AS (upper(blocked)) STORED,
    ADD CONSTRAINT occupancy_at_most_a_day CHECK (upper(blocked) - lower(blocked) <= interval '1 day');
CREATE INDEX occupancy_by_start ON occupancy (studio_id, blocked_start);
