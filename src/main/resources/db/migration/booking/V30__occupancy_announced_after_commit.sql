-- Booking's changes to occupancy no longer move availability's occupancy counter in their own
-- transaction: the counter row stayed locked from a booking's insert until its commit, and its
-- notification serializes commits, so every booking waited for the one before it (about 200
-- bookings a second at most on the benchmark machine, whatever the cores). The application now
-- announces committed changes in batches (availability's OccupancyAnnouncer).
DROP TRIGGER bump_occupancy_version_on_insert ON occupancy;
DROP TRIGGER bump_occupancy_version_on_update ON occupancy;
DROP TRIGGER bump_occupancy_version_on_delete ON occupancy;
