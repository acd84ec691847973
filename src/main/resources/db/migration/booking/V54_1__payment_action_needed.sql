-- The balance charged automatically (issue 9). balance_attempts counts the automatic charges the
-- job made for the booking (the charge's operation id derives from the booking's id and this
-- number, so a retry or a second node makes the same charge); payment_action_needed is set when
-- such a charge was declined or needs the client's authentication, and cleared once nothing is owed.
ALTER TABLE booking
    ADD COLUMN balance_attempts      int     NOT NULL DEFAULT 0 CHECK (balance_attempts BETWEEN 0 AND 100),
    ADD COLUMN payment_action_needed boolean NOT NULL DEFAULT false;
