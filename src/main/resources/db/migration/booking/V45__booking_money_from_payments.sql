-- What a booking's client paid is no longer a counter on the booking: it is the sum of the payment
-- operations of the booking's purchase (payments V40, the view purchase_balance, whose reference is
-- the booking's id). What a booking charges on top of its price (reschedule fees, from the policy it
-- was made under) is part of the booking itself.
ALTER TABLE booking DROP COLUMN paid_cents;
ALTER TABLE booking ADD COLUMN fees_cents bigint NOT NULL DEFAULT 0 CHECK (fees_cents >= 0 AND fees_cents <= 100000000000);
