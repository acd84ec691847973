-- Staff commissions and payouts (issue 9). What a staff member is owed is the ledger's balance of
-- commission_payable for them (the entry's party); these tables say where each posting came from,
-- and make each one happen once.

-- One row per (completed booking, staff member who worked it), inserted in the transaction that
-- posts its commission to the ledger: the unique key is what makes a redelivered BookingCompleted,
-- or two nodes handling it at once, accrue once. A rate of 0 keeps a row (the session counts in the
-- period) with no ledger transaction.
CREATE TABLE commission_accrual (
    studio_id             uuid        NOT NULL REFERENCES studio (id),
    id                    uuid        NOT NULL DEFAULT gen_random_uuid(),
    booking_id            uuid        NOT NULL,
    staff_id              uuid        NOT NULL,
    booking_code          text        NOT NULL CHECK (length(booking_code) <= 20),
    session_start_at      timestamptz NOT NULL,
    -- when the session ended: the moment the commission was earned, and what periods count by
    earned_at             timestamptz NOT NULL,
    -- this staff member's share of the session's service revenue, net of tax
    base_cents            bigint      NOT NULL CHECK (base_cents BETWEEN 0 AND 100000000000),
    rate_bps              int         NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    commission_cents      bigint      NOT NULL CHECK (commission_cents BETWEEN 0 AND 100000000000),
    currency              text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    ledger_transaction_id uuid,
    created_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, id),
    UNIQUE (studio_id, booking_id, staff_id),
    FOREIGN KEY (studio_id, ledger_transaction_id) REFERENCES ledger_transaction (studio_id, id),
    CHECK (commission_cents <= base_cents)
);
CREATE INDEX commission_accrual_by_staff ON commission_accrual (studio_id, staff_id, earned_at);
CREATE INDEX commission_accrual_by_time ON commission_accrual (studio_id, earned_at);

-- A refund of a completed session takes back the same share of its commission: one row per
-- (refund operation of payments, staff member), inserted in the transaction that posts the reversal,
-- so a redelivered refund event, and the accrual that looks at refunds made before completion,
-- reverse each refund once.
CREATE TABLE commission_reversal (
    studio_id             uuid        NOT NULL REFERENCES studio (id),
    refund_operation_id   uuid        NOT NULL,
    staff_id              uuid        NOT NULL,
    booking_id            uuid        NOT NULL,
    booking_code          text        NOT NULL CHECK (length(booking_code) <= 20),
    amount_cents          bigint      NOT NULL CHECK (amount_cents BETWEEN 0 AND 100000000000),
    currency              text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    reversed_at           timestamptz NOT NULL,
    ledger_transaction_id uuid,
    created_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, refund_operation_id, staff_id),
    FOREIGN KEY (studio_id, booking_id, staff_id) REFERENCES commission_accrual (studio_id, booking_id, staff_id),
    FOREIGN KEY (studio_id, ledger_transaction_id) REFERENCES ledger_transaction (studio_id, id)
);
CREATE INDEX commission_reversal_by_staff ON commission_reversal (studio_id, staff_id, reversed_at);

-- Money paid to a staff member against what they are owed. The caller's operation id makes a double
-- submit record once; never more than owed is enforced by the application under a per-staff
-- transaction-scoped advisory lock (a read of the balance followed by an insert would otherwise race).
CREATE TABLE payout (
    studio_id             uuid        NOT NULL REFERENCES studio (id),
    id                    uuid        NOT NULL,
    operation_id          uuid        NOT NULL,
    staff_id              uuid        NOT NULL,
    amount_cents          bigint      NOT NULL CHECK (amount_cents > 0 AND amount_cents <= 100000000000),
    currency              text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    method                text        NOT NULL CHECK (method IN ('cash', 'bank_transfer')),
    paid_at               timestamptz NOT NULL,
    note                  text        CHECK (length(note) <= 500),
    recorded_by           uuid,
    ledger_transaction_id uuid        NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, id),
    UNIQUE (studio_id, operation_id),
    FOREIGN KEY (studio_id, ledger_transaction_id) REFERENCES ledger_transaction (studio_id, id)
);
CREATE INDEX payout_by_staff ON payout (studio_id, staff_id, paid_at);
CREATE INDEX payout_by_time ON payout (studio_id, paid_at);

-- append-only, like the ledger they mirror (the accrual's transaction id is set once, right after it is posted)
REVOKE DELETE, TRUNCATE ON commission_accrual, commission_reversal, payout FROM ${app_role};
REVOKE UPDATE ON payout FROM ${app_role};

ALTER TABLE commission_accrual ENABLE ROW LEVEL SECURITY;
ALTER TABLE commission_accrual FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON commission_accrual
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE commission_reversal ENABLE ROW LEVEL SECURITY;
ALTER TABLE commission_reversal FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON commission_reversal
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE payout ENABLE ROW LEVEL SECURITY;
ALTER TABLE payout FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON payout
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
