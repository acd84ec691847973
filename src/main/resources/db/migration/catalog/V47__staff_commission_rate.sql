-- Staff commissions (issue 9): the share of the service revenue of their sessions a staff member
-- earns, in basis points (1250 = 12.5 %). The payouts module reads it when a session completes and
-- keeps the rate it applied with the accrual, so a later change never rewrites past commissions.
ALTER TABLE staff
    ADD COLUMN commission_rate_bps int NOT NULL DEFAULT 0
        CONSTRAINT staff_commission_rate_range CHECK (commission_rate_bps BETWEEN 0 AND 10000);
