-- Terms of the approval workflow.
--   approval_deadline_hours: a request awaiting approval expires this many hours before its start
--     (0: at its start); the studio cannot approve it after that.
--   max_pending_per_client: how many unpaid requests one client may have awaiting approval at once,
--     so that one account cannot squat the calendar.
--   reschedule_without_approval: whether a client's reschedule at a studio that requires approval
--     stays confirmed (true) or goes back to awaiting approval (false, the default).
ALTER TABLE studio_settings
    ADD COLUMN approval_deadline_hours     int     NOT NULL DEFAULT 0 CHECK (approval_deadline_hours BETWEEN 0 AND 720),
    ADD COLUMN max_pending_per_client      int     NOT NULL DEFAULT 3 CHECK (max_pending_per_client BETWEEN 1 AND 100),
    ADD COLUMN reschedule_without_approval boolean NOT NULL DEFAULT false;
