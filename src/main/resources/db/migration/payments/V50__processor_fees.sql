-- Processor fees (issue 9): what Stripe deducts from a charge (and, rarely, gives back on a refund),
-- as its balance transaction reports it. Each balance transaction's fee is posted to the ledger
-- once (processor_fees against processor_clearing): this row is inserted first, in the same
-- database transaction as the posting, so a second import (a retry, another node, the
-- reconciliation catching up) finds it and posts nothing. fee_cents is signed as Stripe reports it:
-- positive for a fee taken, negative for a fee returned.
CREATE TABLE processor_fee (
    studio_id              uuid        NOT NULL REFERENCES studio (id),
    provider               text        NOT NULL CHECK (provider IN ('stripe')),
    balance_transaction_id text        NOT NULL CHECK (length(balance_transaction_id) <= 255),
    -- the purchase it belongs to (a booking's id), when the charge or refund is one of ours
    reference              uuid,
    -- the charge (ch_…) or refund (re_…) the balance transaction moved
    source_id              text        CHECK (length(source_id) <= 255),
    fee_cents              bigint      NOT NULL CHECK (fee_cents <> 0 AND abs(fee_cents) <= 100000000000),
    currency               text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- when Stripe created the balance transaction: the posting occurs then, so periods line up
    occurred_at            timestamptz NOT NULL,
    ledger_transaction_id  uuid,
    recorded_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, provider, balance_transaction_id),
    FOREIGN KEY (studio_id, ledger_transaction_id) REFERENCES ledger_transaction (studio_id, id)
);
CREATE INDEX processor_fee_by_time ON processor_fee (studio_id, occurred_at);
CREATE INDEX processor_fee_by_reference ON processor_fee (studio_id, reference) WHERE reference IS NOT NULL;

-- a recorded fee is never taken back: its posting stays in the append-only ledger
REVOKE DELETE, TRUNCATE ON processor_fee FROM ${app_role};

ALTER TABLE processor_fee ENABLE ROW LEVEL SECURITY;
ALTER TABLE processor_fee FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON processor_fee
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
