-- Two more ends of a booking's life: a request nobody decided before its deadline expires, and a
-- confirmed session nobody came to is a no-show. A request's decision deadline is kept on the
-- booking (snapshotted from the studio's terms when it starts to await approval), so that a later
-- change of the terms does not move the deadline of requests already made.
ALTER TABLE booking DROP CONSTRAINT booking_status_check;
ALTER TABLE booking ADD CONSTRAINT booking_status_check
    CHECK (status IN ('awaiting_approval', 'confirmed', 'rejected', 'canceled', 'expired', 'completed', 'no_show'));
ALTER TABLE booking ADD COLUMN decision_due_at timestamptz;
UPDATE booking SET decision_due_at = start_at WHERE status = 'awaiting_approval';
ALTER TABLE booking ADD CONSTRAINT booking_awaiting_has_deadline
    CHECK (status <> 'awaiting_approval' OR decision_due_at IS NOT NULL);
CREATE INDEX booking_awaiting_by_deadline ON booking (studio_id, decision_due_at) WHERE status = 'awaiting_approval';
-- a client's pending requests are counted on every request they make
CREATE INDEX booking_awaiting_by_client ON booking (studio_id, client_id) WHERE status = 'awaiting_approval';
