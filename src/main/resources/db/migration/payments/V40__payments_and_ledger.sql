-- Money (issue 9). The payments module knows nothing about bookings: a purchase is an opaque
-- reference (a booking's id, for bookings) with a currency, and every movement of money for it is
-- one payment_operation, carrying our own id (from which the idempotency key sent to a provider is
-- derived) and an outcome that is recorded, never guessed: pending (asked for, not yet answered),
-- succeeded, failed (declined: the reason is kept) or unknown (timeout, 5xx: settled later by
-- asking the provider).

CREATE TABLE purchase (
    studio_id  uuid        NOT NULL REFERENCES studio (id),
    reference  uuid        NOT NULL,
    currency   text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, reference)
);

CREATE TABLE payment_operation (
    studio_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    -- the caller's operation id: a refund spread over several payments is several rows of one request
    request_id   uuid        NOT NULL,
    reference    uuid        NOT NULL,
    -- money in: receipt (recorded by the studio), charge (taken at once), capture (of an
    -- authorization); money held: authorization, released by release; money out: refund
    kind         text        NOT NULL CHECK (kind IN ('authorization', 'release', 'capture', 'charge', 'receipt', 'refund')),
    gateway      text        NOT NULL CHECK (gateway IN ('manual', 'stripe')),
    amount_cents bigint      NOT NULL CHECK (amount_cents > 0 AND amount_cents <= 100000000000),
    status       text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'unknown')),
    method       text        CHECK (method IN ('cash', 'card_terminal', 'bank_transfer', 'other', 'card_online')),
    parent_id    uuid,
    provider_ref text,
    reason       text        CHECK (length(reason) <= 500),
    note         text        CHECK (length(note) <= 500),
    failure      text,
    received_at  timestamptz,
    requested_by uuid,
    -- provider calls made for it, and when an unsettled one is looked at again
    attempts     integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    settled_at   timestamptz,
    PRIMARY KEY (studio_id, id),
    FOREIGN KEY (studio_id, reference) REFERENCES purchase (studio_id, reference),
    FOREIGN KEY (studio_id, parent_id) REFERENCES payment_operation (studio_id, id),
    CHECK (kind NOT IN ('capture', 'release') OR parent_id IS NOT NULL),
    CHECK (status <> 'succeeded' OR settled_at IS NOT NULL)
);
CREATE INDEX payment_operation_by_request ON payment_operation (studio_id, request_id);
CREATE INDEX payment_operation_by_reference ON payment_operation (studio_id, reference, created_at);
CREATE INDEX payment_operation_unsettled ON payment_operation (studio_id, created_at) WHERE status IN ('pending', 'unknown');
CREATE UNIQUE INDEX payment_operation_provider_ref ON payment_operation (studio_id, gateway, kind, provider_ref)
    WHERE provider_ref IS NOT NULL;

-- Never more refunded than received: a refund that is pending, unknown or succeeded counts against
-- what was received, so two refunds racing for the last euro cannot both pass. The purchase row is
-- locked first, which serializes the refunds of one purchase (a count followed by an insert would
-- be a race); each statement below then sees what the others committed.
CREATE FUNCTION refuse_refund_beyond_received() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    received bigint;
    refunding bigint;
BEGIN
    IF NEW.kind <> 'refund' OR NEW.status = 'failed' THEN
        RETURN NEW;
    END IF;
    PERFORM 1 FROM purchase WHERE studio_id = NEW.studio_id AND reference = NEW.reference FOR UPDATE;
    SELECT coalesce(sum(amount_cents) FILTER (WHERE kind IN ('receipt', 'charge', 'capture') AND status = 'succeeded'), 0),
           coalesce(sum(amount_cents) FILTER (WHERE kind = 'refund' AND status <> 'failed' AND id <> NEW.id), 0)
      INTO received, refunding
      FROM payment_operation
     WHERE studio_id = NEW.studio_id AND reference = NEW.reference;
    IF refunding + NEW.amount_cents > received THEN
        RAISE EXCEPTION 'a refund of % would exceed the % received minus the % already refunded',
            NEW.amount_cents, received, refunding
            USING ERRCODE = 'check_violation', CONSTRAINT = 'refund_within_received';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER refund_within_received BEFORE INSERT OR UPDATE OF kind, status, amount_cents ON payment_operation
    FOR EACH ROW EXECUTE FUNCTION refuse_refund_beyond_received();

-- What was received and returned for each purchase, as sums of operations (never a stored counter).
-- An authorization is outstanding until a capture or release of it succeeds.
CREATE VIEW purchase_balance WITH (security_invoker = true) AS
SELECT p.studio_id, p.reference, p.currency,
       coalesce(sum(o.amount_cents) FILTER (WHERE o.kind IN ('receipt', 'charge', 'capture') AND o.status = 'succeeded'), 0) AS received_cents,
       coalesce(sum(o.amount_cents) FILTER (WHERE o.kind = 'refund' AND o.status = 'succeeded'), 0) AS refunded_cents,
       coalesce(sum(o.amount_cents) FILTER (WHERE o.kind = 'refund' AND o.status IN ('pending', 'unknown')), 0) AS refunding_cents,
       coalesce(sum(o.amount_cents) FILTER (
           WHERE o.kind = 'authorization' AND o.status = 'succeeded'
             AND NOT EXISTS (SELECT 1 FROM payment_operation c
                              WHERE c.studio_id = o.studio_id AND c.parent_id = o.id AND c.status = 'succeeded')), 0) AS authorized_cents
  FROM purchase p
  LEFT JOIN payment_operation o ON o.studio_id = p.studio_id AND o.reference = p.reference
 GROUP BY p.studio_id, p.reference, p.currency;

-- The ledger: append-only double entry in cents. A transaction's entries sum to zero per currency
-- (debits positive, credits negative), checked when the database transaction commits, so a half
-- written posting can never be seen; the application role may insert but never change or delete.
CREATE TABLE ledger_transaction (
    studio_id   uuid        NOT NULL REFERENCES studio (id),
    id          uuid        NOT NULL,
    reference   uuid,
    kind        text        NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
    description text        NOT NULL CHECK (length(description) <= 500),
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, id)
);
CREATE INDEX ledger_transaction_by_time ON ledger_transaction (studio_id, occurred_at);
CREATE INDEX ledger_transaction_by_reference ON ledger_transaction (studio_id, reference) WHERE reference IS NOT NULL;

CREATE TABLE ledger_entry (
    studio_id      uuid   NOT NULL,
    transaction_id uuid   NOT NULL,
    line           int    NOT NULL CHECK (line >= 0),
    account        text   NOT NULL CHECK (account IN ('client_receivable', 'cash', 'bank', 'processor_clearing',
                                                       'revenue', 'tax_payable', 'refunds', 'processor_fees',
                                                       'commission_expense', 'commission_payable')),
    party          uuid,
    amount_cents   bigint NOT NULL CHECK (amount_cents <> 0 AND abs(amount_cents) <= 100000000000),
    currency       text   NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    PRIMARY KEY (studio_id, transaction_id, line),
    FOREIGN KEY (studio_id, transaction_id) REFERENCES ledger_transaction (studio_id, id)
);
CREATE INDEX ledger_entry_by_account ON ledger_entry (studio_id, account, currency);

CREATE FUNCTION refuse_unbalanced_ledger_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced text;
BEGIN
    SELECT currency INTO unbalanced
      FROM ledger_entry
     WHERE studio_id = NEW.studio_id AND transaction_id = NEW.transaction_id
     GROUP BY currency
    HAVING sum(amount_cents) <> 0
     LIMIT 1;
    IF unbalanced IS NOT NULL THEN
        RAISE EXCEPTION 'ledger transaction % does not balance in %', NEW.transaction_id, unbalanced
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transaction_balances';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ledger_transaction_balances AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION refuse_unbalanced_ledger_transaction();

REVOKE UPDATE, DELETE, TRUNCATE ON ledger_transaction, ledger_entry FROM ${app_role};

ALTER TABLE purchase ENABLE ROW LEVEL SECURITY;
ALTER TABLE purchase FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON purchase
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE payment_operation ENABLE ROW LEVEL SECURITY;
ALTER TABLE payment_operation FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON payment_operation
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE ledger_transaction ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_transaction FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON ledger_transaction
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE ledger_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON ledger_entry
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
